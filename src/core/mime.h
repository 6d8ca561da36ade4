/* mime.h — what a local file really is (libmagic), and what its name claims.
 *
 * Detection runs before anything is sent: the API is told the true type, and
 * a file whose content disagrees with its extension is reported. */
#ifndef MT_MIME_H
#define MT_MIME_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Detects the MIME type of the file at path (or the open fd when fd > 0)
 * from its content. Writes e.g. "image/png" into out. Returns 0 or -1 (err). */
int mt_mime_detect(const char *path, int fd, char *out, size_t outlen, struct mt_error *err);
/* The MIME type an extension usually means ("photo.JPG" -> "image/jpeg"), or NULL. */
const char *mt_mime_from_name(const char *filename);
/* True when the name's extension is consistent with the detected type (or the
 * extension is unknown, or the type is too generic to judge). */
bool mt_mime_name_agrees(const char *filename, const char *mime);
/* The usual extension for a type ("image/jpeg" -> "jpg"), or NULL. */
const char *mt_mime_extension(const char *mime);
/* Releases libmagic's database (at exit; optional). */
void mt_mime_cleanup(void);

#endif
