/* media.h — a remote media item and a page of them, read from JSON.
 *
 * Absent values: NULL strings, -1 for numbers. Public (unauthenticated)
 * answers carry fewer fields; that is normal, not an error. */
#ifndef MT_MEDIA_H
#define MT_MEDIA_H

/* jansson's type, declared here so that src/tui need not include jansson */
struct json_t;
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct mt_media {
	char *id;            /* required */
	char *filename;
	char *mime_type;
	int64_t size;        /* bytes, -1 unknown */
	int width, height;   /* pixels, -1 unknown */
	char *alt;           /* NULL: absent; "" present but empty */
	char *title;
	char *description;
	char *url;
	char *folder;
	double focal_x, focal_y;   /* 0..100, -1 unknown */
	char *created_at;    /* as the server wrote it (ISO 8601) */
};

struct mt_media_page {
	struct mt_media *items;
	size_t nitems;
	int64_t total;       /* as reported, clamped to >= nitems + offset */
	int64_t limit;
	int64_t offset;
	char **folders;      /* keyed lists carry the folder list; NULL otherwise */
	size_t nfolders;
};

/* Reads one item object. Returns 0, or -1 (err set) when it has no usable id. */
int mt_media_from_json(const struct json_t *obj, struct mt_media *m, struct mt_error *err);
/* Reads a single-item answer, bare or wrapped in {"data": ...}. */
int mt_media_item_from_body(const char *body, size_t len, struct mt_media *m, struct mt_error *err);
/* Reads a list answer {data: [...], total, limit, offset, folders?}.
 * Items without an id are skipped and counted in *skipped (may be NULL). */
int mt_media_page_from_body(const char *body, size_t len, struct mt_media_page *page,
                            size_t *skipped, struct mt_error *err);
/* Whether a listing should ask for the page after this one: the page was
 * full (`asked` items, or fewer when the server says its limit is lower) and
 * `seen` (the caller's own count of items so far, never the page's offset)
 * is below the total. A server that ignores the offset or claims an absurd
 * total then cannot keep a listing going for ever. */
bool mt_media_page_more(const struct mt_media_page *page, long asked, int64_t seen);
/* True when the page starts with the same item as the page before it (whose
 * first id *prev_first keeps, owned; free it when the listing ends): the
 * server ignores the offset, and the listing must stop. */
bool mt_media_page_repeats(const struct mt_media_page *page, char **prev_first);
/* Reads {folders: [...]} or a bare array of paths. */
int mt_folders_from_body(const char *body, size_t len, char ***folders, size_t *n,
                         struct mt_error *err);

/* The item as JSON for --json output (all known fields). */
struct json_t *mt_media_to_json(const struct mt_media *m);
/* The family of a MIME type as the API names it: image, video, document. */
const char *mt_media_kind(const char *mime_type);
/* The family in the user's language, for people; anything else unchanged. */
const char *mt_media_kind_label(const char *kind);

void mt_media_init(struct mt_media *m);
void mt_media_free(struct mt_media *m);
void mt_media_copy(struct mt_media *dst, const struct mt_media *src);
/* True when x and y say the same of the item (its date aside): a fresh read
 * that is not the same is news for every view that lists it. */
bool mt_media_same(const struct mt_media *x, const struct mt_media *y);
void mt_media_page_free(struct mt_media_page *page);
/* A deep copy of src into dst, to be freed with mt_media_page_free. */
void mt_media_page_copy(struct mt_media_page *dst, const struct mt_media_page *src);
void mt_strv_free(char **v, size_t n);

#endif
