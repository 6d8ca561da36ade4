/* usage.c — storage used by a library, per folder and per type. */
#include "config.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#include "usage.h"
#include "xalloc.h"

void
mt_usage_init(struct mt_usage *u, int64_t plan_bytes)
{
	memset(u, 0, sizeof *u);
	u->plan_bytes = plan_bytes;
}

/* Sizes come from the server: a sum saturates instead of overflowing. */
static int64_t
add_sat(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

static void
bump(struct mt_usage_row **rows, size_t *n, const char *name, int64_t bytes)
{
	/* linear: a library has tens of folders, not thousands; keep it simple */
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*rows)[i].name, name) == 0) {
			(*rows)[i].count++;
			(*rows)[i].bytes = add_sat((*rows)[i].bytes, bytes);
			return;
		}
	}
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[*n] = (struct mt_usage_row){ xstrdup(name), 1, bytes };
	(*n)++;
}

void
mt_usage_add(struct mt_usage *u, const struct mt_media *m)
{
	int64_t bytes = m->size >= 0 ? m->size : 0;
	if (m->size < 0)
		u->unknown_size++;
	u->count++;
	u->bytes = add_sat(u->bytes, bytes);
	bump(&u->folders, &u->nfolders, m->folder ? m->folder : "/", bytes);
	bump(&u->types, &u->ntypes, mt_media_kind(m->mime_type), bytes);
}

static int
by_bytes_desc(const void *a, const void *b)
{
	const struct mt_usage_row *x = a, *y = b;
	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int
by_count_desc(const void *a, const void *b)
{
	const struct mt_usage_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->name, y->name);
}

void
mt_usage_sort(struct mt_usage *u, bool by_count)
{
	int (*cmp)(const void *, const void *) = by_count ? by_count_desc : by_bytes_desc;
	if (u->nfolders)
		qsort(u->folders, u->nfolders, sizeof *u->folders, cmp);
	if (u->ntypes)
		qsort(u->types, u->ntypes, sizeof *u->types, cmp);
}

void
mt_usage_finish(struct mt_usage *u)
{
	mt_usage_sort(u, false);
}

static json_t *
rows_json(const struct mt_usage_row *rows, size_t n, const char *key)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:I,s:I}", key, rows[i].name,
		                                     "count", (json_int_t)rows[i].count,
		                                     "bytes", (json_int_t)rows[i].bytes));
	return arr;
}

json_t *
mt_usage_to_json(const struct mt_usage *u)
{
	json_t *o = json_pack("{s:I,s:I,s:I}", "count", (json_int_t)u->count,
	                      "bytes", (json_int_t)u->bytes,
	                      "unknownSize", (json_int_t)u->unknown_size);
	if (u->plan_bytes > 0) {
		json_object_set_new(o, "planBytes", json_integer(u->plan_bytes));
		json_object_set_new(o, "percent",
		                    json_real((double)u->bytes * 100.0 / (double)u->plan_bytes));
	}
	json_object_set_new(o, "folders", rows_json(u->folders, u->nfolders, "folder"));
	json_object_set_new(o, "types", rows_json(u->types, u->ntypes, "type"));
	return o;
}

void
mt_usage_free(struct mt_usage *u)
{
	for (size_t i = 0; i < u->nfolders; i++)
		free(u->folders[i].name);
	for (size_t i = 0; i < u->ntypes; i++)
		free(u->types[i].name);
	free(u->folders);
	free(u->types);
	memset(u, 0, sizeof *u);
}
