/* jsonx.h — lenient readers for JSON from servers.
 *
 * Servers send ids as strings or integers and numbers as strings; null means
 * absent. These readers accept every such reading and report "absent" for
 * anything else instead of failing, so one odd field never hides an item. */
#ifndef MT_JSONX_H
#define MT_JSONX_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* A fresh copy of a string field; an integer is printed as a string.
 * NULL when absent, null, or another type. */
char *jx_strdup(const json_t *obj, const char *name);
/* The string value or NULL (no copy). */
const char *jx_str(const json_t *obj, const char *name);
/* An integer from an integer, an integral real or a decimal string.
 * Returns true and sets *out, false when absent or unreadable. */
bool jx_int64(const json_t *obj, const char *name, int64_t *out);
/* A number (integer, real or numeric string). */
bool jx_double(const json_t *obj, const char *name, double *out);
/* Unwraps {"data": X} to X; anything else is returned as it is. */
const json_t *jx_unwrap_data(const json_t *root);
/* Parses a body; NULL when it is not JSON. */
json_t *jx_parse(const char *body, size_t len);

#endif
