/* site.h — one configured remote library: profile, dialect, HTTP engine.
 *
 * Opening a site loads the key (never kept anywhere else) and sets up the
 * engine so that only the API host ever sees it. */
#ifndef MT_SITE_H
#define MT_SITE_H

#include <stdbool.h>

#include "conf.h"
#include "dialect.h"
#include "http.h"
#include "loop.h"

struct mt_site {
	struct mt_loop *loop;
	struct mt_http *http;
	const struct mt_profile *profile;
	const struct mt_dialect *dialect;
	bool has_key;
	char *base;                /* the profile's url, with a trailing '/' */
	bool no_cloud_storage;     /* clearcms: presign was refused; use multipart */
};

/* Returns 0, or -1 with err (MT_ERR_CONFIG for a key problem). */
int mt_site_open(struct mt_site *site, struct mt_loop *loop, const struct mt_profile *p,
                 struct mt_error *err);
void mt_site_close(struct mt_site *site);

/* Refuses operations the dialect lacks or that need a key we do not have. */
int mt_site_require(const struct mt_site *site, unsigned caps, bool needs_key,
                    struct mt_error *err);

/* Blocking forms of the dialect operations, for batch commands: they run the
 * loop until the answer is in. Results are copied to the caller. */
int mt_site_list(struct mt_site *site, const struct mt_list_query *q, struct mt_media_page *out,
                 struct mt_error *err);
int mt_site_get(struct mt_site *site, const char *id, struct mt_media *out, struct mt_error *err);
int mt_site_patch(struct mt_site *site, const char *id, const struct mt_media_patch *p,
                  struct mt_media *out, struct mt_error *err);
int mt_site_remove(struct mt_site *site, const char *id, struct mt_error *err);
int mt_site_folders(struct mt_site *site, char ***out, size_t *n, struct mt_error *err);
int mt_site_folder_create(struct mt_site *site, const char *path, struct mt_error *err);
int mt_site_folder_delete(struct mt_site *site, const char *path, struct mt_error *err);

#endif

#ifndef MT_SITE_DOWNLOAD
#define MT_SITE_DOWNLOAD
/* Downloads a media item's original (its url, resolved against the site)
 * into the directory `dir` as a new file; stores the path in *saved_path.
 * The file appears only when complete and, where the size is known, of that
 * size. The key is never sent: originals are fetched as a visitor would. */
int mt_site_download(struct mt_site *site, const struct mt_media *m, const char *dir,
                     char **saved_path, struct mt_error *err);
/* The same without blocking: fn gets the saved path (or err) from the loop. */
typedef void (*mt_download_fn)(const char *saved_path, const struct mt_error *err, void *arg);
/* It fails when the original is larger than max_bytes (> 0; 0: no
 * limit), and tells on_retry (may be NULL) of each retry, with arg. */
int mt_site_download_start(struct mt_site *site, const struct mt_media *m, const char *dir,
                           int64_t max_bytes, mt_http_retry_fn on_retry, mt_download_fn fn,
                           void *arg, struct mt_error *err);
#endif

/* Pages through the whole library (100 at a time, with the pager's guards),
 * calling fn for each item and progress(seen, total) after each page.
 * Blocking; for batch commands. */
typedef void (*mt_scan_item_fn)(const struct mt_media *m, void *arg);
typedef void (*mt_scan_progress_fn)(int64_t seen, int64_t total, void *arg);
int mt_site_scan(struct mt_site *site, mt_scan_item_fn fn, mt_scan_progress_fn progress, void *arg,
                 struct mt_error *err);
/* The query of a full scan: 100 a page, oldest first where the API sorts. */
void mt_site_scan_query(const struct mt_site *site, struct mt_list_query *q);
