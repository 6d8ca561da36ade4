/* localdir.h — a local directory listed for the file browser: names, sizes,
 * and (filled in lazily, a few entries at a time) the type libmagic detects,
 * whether the name's extension agrees, and whether the site would refuse it. */
#ifndef MT_LOCALDIR_H
#define MT_LOCALDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct mt_upload_ops;
struct mt_site;

struct mt_local_entry {
	char *name;          /* as on disk (not sanitised) */
	bool is_dir;         /* directories, and symlinks to them */
	bool is_parent;      /* the ".." entry */
	bool is_special;     /* not a regular file nor a directory */
	int64_t size;        /* bytes, -1 for directories */
	bool detected;       /* mime, mismatch and refusal are filled in */
	char mime[96];       /* "" when detection failed */
	bool mismatch;       /* content and extension disagree */
	char *refusal;       /* why the site will not take it, or NULL */
};

struct mt_localdir {
	char *path;          /* absolute */
	struct mt_local_entry *v;
	size_t n;
	size_t next_detect;  /* first entry not yet detected */
};

/* Lists `path` (made absolute): "..", then directories, then files, each
 * group by name. Hidden entries are left out unless `hidden`. */
int mt_localdir_read(const char *path, bool hidden, struct mt_localdir *out, struct mt_error *err);
/* Detects the type of entries in order until `budget_ms` has passed or all
 * are done; with a site (may be NULL), also checks what it accepts. Returns
 * true while entries remain. */
bool mt_localdir_detect_some(struct mt_localdir *d, const struct mt_site *site, long budget_ms);
/* The parent of an absolute path, by its text ("/a/b" -> "/a", "/a" -> "/"):
 * no ".." to resolve, so it works when the directory itself is gone. */
char *mt_localdir_parent(const char *abs);
/* The nearest directory that can be listed: `path` (made absolute) itself or
 * the closest of its parents, "/" at worst (free it). */
char *mt_localdir_nearest(const char *path);
/* `text` typed by a person as a directory: "~" and "~/x" from $HOME, a
 * relative path from `base` (free it). */
char *mt_localdir_expand(const char *text, const char *base);
/* Completes the last part of `text`, a directory being typed (read as
 * mt_localdir_expand reads it), among the directories whose names begin
 * with it: as far as they all agree, and with a '/' when only one does;
 * hidden ones only when the part begins with '.'. What was typed before
 * the last part is kept as typed. Returns the new text (free it), or NULL
 * when no directory matches; *nmatch says how many did. */
char *mt_localdir_complete(const char *text, const char *base, size_t *nmatch);
/* The absolute path of entry i (free it). */
char *mt_localdir_entry_path(const struct mt_localdir *d, size_t i);
void mt_localdir_free(struct mt_localdir *d);

#endif
