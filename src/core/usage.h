/* usage.h — storage used by a library, per folder and per type.
 *
 * Fed one item at a time while a scan pages through the library, so memory
 * grows with the number of folders and types, not items. */
#ifndef MT_USAGE_H
#define MT_USAGE_H

/* jansson's type, declared here so that src/tui need not include jansson */
struct json_t;
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "media.h"

struct mt_usage_row {
	char *name;          /* folder path or type family */
	int64_t count;
	int64_t bytes;
};

struct mt_usage {
	struct mt_usage_row *folders;
	size_t nfolders;
	struct mt_usage_row *types;
	size_t ntypes;
	int64_t count;
	int64_t bytes;
	int64_t unknown_size;    /* items whose size the server did not give */
	int64_t plan_bytes;      /* 0 = unknown */
};

void mt_usage_init(struct mt_usage *u, int64_t plan_bytes);
void mt_usage_add(struct mt_usage *u, const struct mt_media *m);
/* Sorts both tables largest first (ties by name). */
void mt_usage_finish(struct mt_usage *u);
/* The same by size, or by count with by_count (ties by name). */
void mt_usage_sort(struct mt_usage *u, bool by_count);
struct json_t *mt_usage_to_json(const struct mt_usage *u);
void mt_usage_free(struct mt_usage *u);

#endif
