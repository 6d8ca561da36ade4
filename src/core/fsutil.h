/* fsutil.h — file system chores done carefully: names from servers made
 * safe, directories created, files written whole or not at all. */
#ifndef MT_FSUTIL_H
#define MT_FSUTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

/* A local file name from a remote one: the last path segment only, no
 * control characters, no leading dots, never empty, at most 200 bytes. */
char *mt_safe_filename(const char *remote);
/* mkdir -p with mode 0700 for what it creates. Returns 0 or -1 (err). */
int mt_mkdir_p(const char *path, struct mt_error *err);
/* Opens a new temporary file beside `final_path` (O_EXCL, mode 0600). Stores
 * its name in *tmp_path (free it). Returns the fd or -1 (err). */
int mt_tmpfile_beside(const char *final_path, char **tmp_path, struct mt_error *err);
/* fsyncs fd, closes it, renames tmp to final without replacing an existing
 * file, and fsyncs the directory. Returns 0 or -1 (err; tmp removed). */
int mt_commit_tmpfile(int fd, const char *tmp_path, const char *final_path, struct mt_error *err);
/* The same, but when final_path exists the file takes the first free name
 * with "-2" ... "-99" before the extension. Stores the name in *chosen (free
 * it). Two remote items whose names clean up alike both keep a copy. */
int mt_commit_tmpfile_unique(int fd, const char *tmp_path, const char *final_path, char **chosen,
                             struct mt_error *err);
/* The last path segment of a local path (no allocation). */
const char *mt_basename(const char *path);

#endif
