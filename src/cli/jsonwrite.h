/* jsonwrite.h — a JSON value printed as json_dumps would print it, straight
 * to a stream: for the long arrays of the batch commands (an audit's 10 000
 * findings), where building each item's text in memory and indenting it a
 * second time cost more than reading the library. */
#ifndef MT_CLI_JSONWRITE_H
#define MT_CLI_JSONWRITE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* Writes v as json_dumps(v, flags) would, `depth` levels down (each new line
 * indented by depth more levels). flags: JSON_INDENT(n), JSON_COMPACT and
 * JSON_ENSURE_ASCII are honoured; keys keep their order. Returns 0, or -1 when
 * the stream failed. */
int cli_json_write(FILE *out, json_t *v, size_t flags, int depth);

#endif
