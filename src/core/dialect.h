/* dialect.h — what one hosted media API can do, behind function pointers.
 *
 * Each dialect lives in its own file (dialect_NAME.c) and fills a
 * `struct mt_dialect` with designated initialisers; mt_dialect_find picks one
 * by name. Library operations are asynchronous: each returns 0 when the
 * request is under way (the callback follows from the event loop) or -1 with
 * err set when it could not even start. A NULL operation means the dialect
 * cannot do it. Upload steps are described in upload.h. */
#ifndef MT_DIALECT_H
#define MT_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "http.h"
#include "media.h"

struct mt_site;
struct mt_upload_ops;

enum mt_capability {
	MT_CAP_BROWSE = 1 << 0,    /* list and get media */
	MT_CAP_EDIT = 1 << 1,      /* change metadata and focal point */
	MT_CAP_DELETE = 1 << 2,
	MT_CAP_FOLDERS = 1 << 3,
	MT_CAP_UPLOAD = 1 << 4,
	MT_CAP_PUBLIC = 1 << 5     /* browsing works without a key */
};

struct mt_list_query {
	const char *folder;        /* NULL: every folder */
	const char *type;          /* image, document, video or NULL */
	const char *search;        /* keyed only */
	const char *sort;          /* createdAt, filename, size; keyed only */
	const char *order;         /* asc, desc; keyed only */
	long limit;                /* 0: the server's default */
	long offset;
};

struct mt_media_patch {
	const char *alt, *title, *description, *folder;   /* NULL: unchanged */
	bool has_focal;
	double focal_x, focal_y;
	/* told each time the engine tries the request again (NULL: not told),
	 * with the callback's arg */
	mt_http_retry_fn on_retry;
};

/* Callbacks get err == NULL on success; they own nothing they are given. */
typedef void (*mt_page_fn)(const struct mt_media_page *page, const struct mt_error *err, void *arg);
typedef void (*mt_item_fn)(const struct mt_media *item, const struct mt_error *err, void *arg);
typedef void (*mt_done_fn)(const struct mt_error *err, void *arg);
typedef void (*mt_strings_fn)(char *const *v, size_t n, const struct mt_error *err, void *arg);

struct mt_dialect {
	const char *name;
	unsigned caps;
	int (*list)(struct mt_site *site, const struct mt_list_query *q, mt_page_fn fn, void *arg,
	            struct mt_error *err);
	/* on_retry (may be NULL) is told of each retry, with arg */
	int (*get)(struct mt_site *site, const char *id, mt_http_retry_fn on_retry, mt_item_fn fn,
	           void *arg, struct mt_error *err);
	int (*patch)(struct mt_site *site, const char *id, const struct mt_media_patch *p,
	             mt_item_fn fn, void *arg, struct mt_error *err);
	int (*remove)(struct mt_site *site, const char *id, mt_done_fn fn, void *arg,
	              struct mt_error *err);
	int (*folders)(struct mt_site *site, mt_strings_fn fn, void *arg, struct mt_error *err);
	int (*folder_create)(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
	                     struct mt_error *err);
	int (*folder_delete)(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
	                     struct mt_error *err);
	const struct mt_upload_ops *upload;
};

extern const struct mt_dialect mt_dialect_clearcms;
extern const struct mt_dialect mt_dialect_clarife;
extern const struct mt_dialect mt_dialect_flare;
extern const struct mt_dialect mt_dialect_adclear;
extern const struct mt_dialect mt_dialect_direct;

/* The dialect called `name`, or NULL. */
const struct mt_dialect *mt_dialect_find(const char *name);

/* True when `path` is a folder path the APIs accept: starts with '/', no
 * empty, "." or ".." segments, no control characters, no trailing '/'
 * except the root itself. */
bool mt_folder_path_valid(const char *path);
/* The folder that holds `path` ("/a/b" -> "/a", "/a" -> "/"), fresh. */
char *mt_folder_parent(const char *path);
/* Whether `folder` is `limit` or below it; every folder is within a NULL
 * or "/" limit, and a NULL folder only within those. */
bool mt_folder_within(const char *folder, const char *limit);

#endif
