/* fpfetch.h — the fingerprints of many items, on the loop: what the cache
 * knows is taken from it, the rest is downloaded a few at a time (the bytes
 * hashed as they stream in, pictures decoded small on the worker thread for
 * their perceptual hash), each finished item cached at once.
 *
 * A byte budget (max_download) is kept: an item whose download would pass
 * it is not started and is reported as such. Originals are fetched as a
 * visitor would, without the key. Every item ends in exactly one item
 * callback; progress follows as bytes arrive; done comes last, once. */
#ifndef MT_FPFETCH_H
#define MT_FPFETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "fpcache.h"
#include "media.h"
#include "site.h"

enum mt_fp_status {
	MT_FP_CACHED,        /* from the cache, nothing downloaded */
	MT_FP_FETCHED,       /* downloaded and hashed */
	MT_FP_FAILED,        /* the download failed or was refused (err) */
	MT_FP_OVER_BUDGET    /* not fetched: it would pass max_download */
};

struct mt_fpfetch_progress {
	size_t done, total;          /* items */
	size_t fetched;              /* of done, downloaded in this run */
	int64_t bytes;               /* downloaded in this run */
	int64_t bytes_left;          /* known sizes of what is still to fetch */
	double rate;                 /* bytes per second since the start */
	long eta_s;                  /* -1 unknown */
};

struct mt_fpfetch;
typedef void (*mt_fpfetch_item_fn)(size_t index, enum mt_fp_status status,
                                   const struct mt_fingerprint *fp, const struct mt_error *err,
                                   void *arg);
typedef void (*mt_fpfetch_progress_fn)(const struct mt_fpfetch_progress *p, void *arg);
typedef void (*mt_fpfetch_done_fn)(const struct mt_fpfetch_progress *p, void *arg);

struct mt_fpfetch_spec {
	const struct mt_media *items;   /* borrowed: must live until done */
	size_t n;
	/* or, with items NULL: item i lent as a struct mt_media whose strings
	 * stay valid until done */
	void (*item_at)(size_t index, struct mt_media *out, void *arg);
	struct mt_fpcache *cache;       /* borrowed; looked up and filled */
	int concurrency;                /* downloads at once; 0 = 8 */
	int64_t max_download;           /* bytes; 0 = no budget */
	mt_fpfetch_item_fn item;        /* may be NULL */
	mt_fpfetch_progress_fn progress;/* may be NULL; at most ~5 times a second */
	mt_fpfetch_done_fn done;        /* may be NULL */
	void *arg;
};

/* Starts; the first callbacks follow from the loop. */
struct mt_fpfetch *mt_fpfetch_start(struct mt_site *site, const struct mt_fpfetch_spec *spec);
/* Stops what is under way (no callback follows; what finished stays
 * cached) and frees; after done, only frees. NULL is ignored. */
void mt_fpfetch_free(struct mt_fpfetch *f);

/* The blocking form, for batch commands: runs the loop until done. */
void mt_site_fpfetch(struct mt_site *site, const struct mt_fpfetch_spec *spec);

/* Whether an item's bytes are a picture worth a perceptual hash. */
bool mt_fp_is_picture(const struct mt_media *m);

#endif
