/* batch.h — operations on many items at once, on the loop: remove (with an
 * optional backup of each original first, or a dry run) and move.
 *
 * One engine for both faces. The rule lives here and nowhere else: nothing
 * is deleted whose backup did not complete. Items are worked through one at
 * a time; each result and the end are reported through callbacks from the
 * loop; a batch can be cancelled between two items, or stopped after the
 * item under way. */
#ifndef MT_BATCH_H
#define MT_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "media.h"
#include "site.h"

struct mt_batch;

enum mt_batch_kind { MT_BATCH_REMOVE, MT_BATCH_MOVE };

/* What became of one item. */
struct mt_batch_result {
	size_t index;                  /* in the spec's ids */
	const char *id;
	const struct mt_media *item;   /* as read (backup, dry run) or as moved; else NULL */
	const char *backup;            /* the saved original, with a backup */
	const struct mt_error *err;    /* NULL: done (or, in a dry run, would be done) */
	/* remove: the server does not have the item (404 to its read, its
	 * delete, or to the download of its backup with the item then not
	 * found either): deleted elsewhere, so the remove has reached its end.
	 * Not a failure: err is NULL, and the faces drop it as a deleted item.
	 * item is the item when this batch read it before it went (backup),
	 * else NULL; backup is its original when that was saved whole before
	 * the delete found it gone (a download that failed leaves no file). A move
	 * of an item not found is a failure as before: it is not where it
	 * was asked to go. */
	bool gone;
};

/* What the item under way is going through. */
enum mt_batch_stage {
	MT_BATCH_READING,      /* a dry run reads it */
	MT_BATCH_BACKING_UP,   /* its original is being saved; nothing is deleted yet */
	MT_BATCH_REMOVING,
	MT_BATCH_MOVING,
};
/* Before item `index` is started, and again as its remove starts once its
 * backup is complete. The callback may cancel the batch. */
typedef void (*mt_batch_progress_fn)(struct mt_batch *b, size_t index, size_t n,
                                     enum mt_batch_stage stage, void *arg);
/* The engine tries a request of item `index` again (a 5xx, a dropped
 * link) while it goes through `stage`: which try starts, of how many, and
 * why (mt_op_retry_text says it in words). Progress, not an outcome: the
 * item's result still follows through item, and a face keeps only that.
 * The callback may cancel the batch. */
typedef void (*mt_batch_retry_fn)(struct mt_batch *b, size_t index, size_t n,
                                  enum mt_batch_stage stage, const struct mt_http_retry *retry,
                                  void *arg);
/* After each item. The callback may cancel the batch. */
typedef void (*mt_batch_item_fn)(struct mt_batch *b, const struct mt_batch_result *r, void *arg);
/* Once, when every item has had its result (not after a cancel or a
 * stop): ok done, gone already gone (remove), failed. */
typedef void (*mt_batch_done_fn)(int ok, int gone, int failed, void *arg);
/* Once after mt_batch_stop, when the item under way has had its result:
 * ok, gone and failed so far, and `left` items that were never started
 * (the server has them as they were). */
typedef void (*mt_batch_stopped_fn)(int ok, int gone, int failed, size_t left, void *arg);

struct mt_batch_spec {
	enum mt_batch_kind kind;
	char *const *ids;              /* copied */
	size_t n;
	const char *folder;            /* move: the destination (copied) */
	const char *backup_dir;        /* remove: download each original here first (copied) */
	bool dry_run;                  /* remove: read each item, change nothing */
	mt_batch_progress_fn progress; /* may be NULL */
	mt_batch_retry_fn retry;       /* may be NULL */
	mt_batch_item_fn item;         /* may be NULL */
	mt_batch_done_fn done;         /* may be NULL */
	mt_batch_stopped_fn stopped;   /* may be NULL */
	void *arg;
};

/* Starts the batch; the first result follows from the loop. Returns NULL
 * with err when the site cannot do it at all (the API lacks the operation,
 * or the profile has no key). */
struct mt_batch *mt_batch_start(struct mt_site *site, const struct mt_batch_spec *spec,
                                struct mt_error *err);
/* Stops after the item under way; no callback follows. Safe from inside a
 * callback. The batch frees itself. */
void mt_batch_cancel(struct mt_batch *b);
/* Stops after the item under way, never in its middle: the item started
 * is finished as it would have been (with a backup, its original is saved
 * and then it is removed, so no item is left saved and not removed), its
 * result is reported through item, and then stopped is called instead of
 * done; no further item is started. Before the first item: stopped with
 * every item left. Safe from inside a callback; a second call does nothing. */
void mt_batch_stop(struct mt_batch *b);

/* The blocking form, for batch commands: runs the loop until every item has
 * its result. Returns the number of failed items (an item gone is not one),
 * or -1 with err when the batch cannot start. */
int mt_site_batch(struct mt_site *site, const struct mt_batch_spec *spec, struct mt_error *err);

#endif
