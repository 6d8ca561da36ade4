/* batch.c — remove and move many items, one at a time, on the loop. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "i18n.h"
#include "siteop.h"
#include "xalloc.h"

struct mt_batch {
	struct mt_site *site;
	enum mt_batch_kind kind;
	char **ids;
	size_t n, next;
	char *folder, *backup_dir;
	bool dry_run;
	mt_batch_progress_fn progress;
	mt_batch_retry_fn retry;
	mt_batch_item_fn item;
	mt_batch_done_fn done;
	mt_batch_stopped_fn stopped;
	void *arg;
	int ok, gone, failed;
	bool cancelled, stopping;
	/* the item under way */
	size_t cur;
	enum mt_batch_stage stage;
	struct mt_media got;
	bool have;
	char *saved;
	struct mt_error late;      /* a request that could not even start */
	struct mt_error backup_err; /* a download answered 404: said unless the item is gone */
};

static void step(struct mt_batch *b);

/* The engine tries the item's request again: told with the stage. */
static void
on_retry(const struct mt_http_retry *retry, void *arg)
{
	struct mt_batch *b = arg;
	if (b->cancelled || b->retry == NULL)
		return;
	b->retry(b, b->cur, b->n, b->stage, retry, b->arg);
}

static void
batch_free(struct mt_batch *b)
{
	mt_strv_free(b->ids, b->n);
	free(b->folder);
	free(b->backup_dir);
	mt_media_free(&b->got);
	free(b->saved);
	free(b);
}

/* Reports the item under way (gone: not on the server, see
 * mt_batch_result) and goes on to the next. */
static void
finish_result(struct mt_batch *b, const struct mt_media *item, const struct mt_error *err, bool gone)
{
	if (b->cancelled) {
		batch_free(b);
		return;
	}
	if (gone)
		b->gone++;
	else if (err)
		b->failed++;
	else
		b->ok++;
	struct mt_batch_result r = {
		.index = b->cur, .id = b->ids[b->cur],
		.item = item ? item : b->have ? &b->got : NULL,
		.backup = b->saved, .err = gone ? NULL : err, .gone = gone,
	};
	if (b->item)
		b->item(b, &r, b->arg);
	mt_media_free(&b->got);
	b->have = false;
	free(b->saved);
	b->saved = NULL;
	if (b->cancelled) {
		batch_free(b);
		return;
	}
	step(b);
}

static void
finish_item(struct mt_batch *b, const struct mt_media *item, const struct mt_error *err)
{
	finish_result(b, item, err, false);
}

static void
late_fire(void *arg)
{
	struct mt_batch *b = arg;
	struct mt_error e = b->late;
	finish_item(b, NULL, &e);
}

/* A request that could not start: its result still comes from the loop. */
static void
failed_to_start(struct mt_batch *b, const struct mt_error *err)
{
	b->late = *err;
	mt_loop_timer_add(b->site->loop, 0, late_fire, b);
}

/* The item's own request failed: an id the server does not have is gone
 * for a remove (its end is reached), and named for a move, in place of the
 * dialect's "reading media item: ... not found". */
static void
finish_failed(struct mt_batch *b, const struct mt_error *err)
{
	if (mt_op_item_gone(err) && b->kind == MT_BATCH_REMOVE && !b->cancelled) {
		finish_result(b, NULL, err, true);
		return;
	}
	if (mt_op_item_gone(err)) {
		struct mt_error e = *err;
		snprintf(e.message, sizeof e.message, _("%s: not found on the server"), b->ids[b->cur]);
		finish_item(b, NULL, &e);
		return;
	}
	finish_item(b, NULL, err);
}

static void
on_removed(const struct mt_error *err, void *arg)
{
	finish_failed(arg, err);
}

static void
on_moved(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	if (err)
		finish_failed(arg, err);
	else
		finish_item(arg, item, NULL);
}

static void
start_remove(struct mt_batch *b)
{
	struct mt_error err;
	mt_error_clear(&err);
	if (b->site->dialect->remove(b->site, b->ids[b->cur], on_removed, b, &err) < 0)
		failed_to_start(b, &err);
}

/* The download of the original answered 404 and the item was read again:
 * not found, it is gone (deleted since it was read); found, its original
 * could not be saved, and it stays. */
static void
on_reread(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct mt_batch *b = arg;
	(void)item;
	if (mt_op_item_gone(err) && !b->cancelled) {
		finish_result(b, NULL, err, true);
		return;
	}
	struct mt_error e = b->backup_err;
	mt_error_prefix(&e, _("%s: not deleted, backup failed: "), b->ids[b->cur]);
	finish_item(b, NULL, &e);
}

/* Backup first: the remove starts only when the download is complete. */
static void
on_backed_up(const char *saved_path, const struct mt_error *err, void *arg)
{
	struct mt_batch *b = arg;
	if (b->cancelled) {
		finish_item(b, NULL, err);
		return;
	}
	if (mt_op_item_gone(err)) {
		/* the original is not there: the item may be gone since it was read */
		struct mt_error e;
		mt_error_clear(&e);
		b->backup_err = *err;
		if (b->site->dialect->get(b->site, b->ids[b->cur], on_retry, on_reread, b, &e) == 0)
			return;
		err = &b->backup_err;
	}
	if (err) {
		struct mt_error e = *err;
		mt_error_prefix(&e, _("%s: not deleted, backup failed: "), b->ids[b->cur]);
		finish_item(b, NULL, &e);
		return;
	}
	b->saved = xstrdup(saved_path);
	b->stage = MT_BATCH_REMOVING;
	if (b->progress)
		b->progress(b, b->cur, b->n, MT_BATCH_REMOVING, b->arg);
	if (b->cancelled) {
		finish_item(b, NULL, NULL);   /* frees it: no callback follows */
		return;
	}
	start_remove(b);
}

static void
on_got(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct mt_batch *b = arg;
	if (err || b->cancelled) {
		finish_failed(b, err);
		return;
	}
	mt_media_copy(&b->got, item);
	b->have = true;
	if (b->dry_run) {
		finish_item(b, NULL, NULL);
		return;
	}
	struct mt_error e;
	mt_error_clear(&e);
	int rc = mt_site_download_start(b->site, &b->got, b->backup_dir, 0, on_retry, on_backed_up, b,
	                                &e);
	if (rc < 0) {
		mt_error_prefix(&e, _("%s: not deleted, backup failed: "), b->ids[b->cur]);
		failed_to_start(b, &e);
	}
}

static void
step(struct mt_batch *b)
{
	if (b->stopping) {
		if (b->stopped)
			b->stopped(b->ok, b->gone, b->failed, b->n - b->next, b->arg);
		batch_free(b);
		return;
	}
	if (b->next >= b->n) {
		if (b->done)
			b->done(b->ok, b->gone, b->failed, b->arg);
		batch_free(b);
		return;
	}
	b->cur = b->next++;
	enum mt_batch_stage stage = b->kind == MT_BATCH_MOVE ? MT_BATCH_MOVING
	                            : b->dry_run             ? MT_BATCH_READING
	                            : b->backup_dir          ? MT_BATCH_BACKING_UP
	                                                     : MT_BATCH_REMOVING;
	b->stage = stage;
	if (b->progress)
		b->progress(b, b->cur, b->n, stage, b->arg);
	if (b->cancelled) {
		batch_free(b);
		return;
	}
	const struct mt_dialect *d = b->site->dialect;
	const char *id = b->ids[b->cur];
	struct mt_error err;
	mt_error_clear(&err);
	int rc;
	if (b->kind == MT_BATCH_MOVE) {
		struct mt_media_patch p = { .folder = b->folder, .on_retry = on_retry };
		rc = d->patch(b->site, id, &p, on_moved, b, &err);
	} else if (b->dry_run || b->backup_dir) {
		rc = d->get(b->site, id, on_retry, on_got, b, &err);
	} else {
		rc = d->remove(b->site, id, on_removed, b, &err);
	}
	if (rc < 0)
		failed_to_start(b, &err);
}

static void
first_step(void *arg)
{
	struct mt_batch *b = arg;
	if (b->cancelled) {
		batch_free(b);
		return;
	}
	step(b);
}

struct mt_batch *
mt_batch_start(struct mt_site *site, const struct mt_batch_spec *spec, struct mt_error *err)
{
	const struct mt_dialect *d = site->dialect;
	if (spec->kind == MT_BATCH_MOVE) {
		if (mt_site_require(site, MT_CAP_EDIT, true, err) < 0)
			return NULL;
		if (d->patch == NULL || spec->folder == NULL) {
			mt_error_set(err, MT_ERR_UNSUPPORTED, _("the %s API cannot do this (profile '%s')"),
			             d->name, site->profile->name);
			return NULL;
		}
	} else {
		bool read_first = spec->dry_run || spec->backup_dir;
		/* a dry run only reads */
		unsigned caps = spec->dry_run ? MT_CAP_BROWSE : MT_CAP_DELETE | MT_CAP_BROWSE * read_first;
		bool key = !spec->dry_run || !(d->caps & MT_CAP_PUBLIC);
		if (mt_site_require(site, caps, key, err) < 0)
			return NULL;
		if ((!spec->dry_run && d->remove == NULL) || (read_first && d->get == NULL)) {
			mt_error_set(err, MT_ERR_UNSUPPORTED, _("the %s API cannot do this (profile '%s')"),
			             d->name, site->profile->name);
			return NULL;
		}
	}
	struct mt_batch *b = xcalloc(1, sizeof *b);
	b->site = site;
	b->kind = spec->kind;
	b->ids = xcalloc(spec->n + 1, sizeof *b->ids);
	for (size_t i = 0; i < spec->n; i++)
		b->ids[i] = xstrdup(spec->ids[i]);
	b->n = spec->n;
	b->folder = spec->folder ? xstrdup(spec->folder) : NULL;
	b->backup_dir = spec->backup_dir ? xstrdup(spec->backup_dir) : NULL;
	b->dry_run = spec->dry_run;
	b->progress = spec->progress;
	b->retry = spec->retry;
	b->item = spec->item;
	b->done = spec->done;
	b->stopped = spec->stopped;
	b->arg = spec->arg;
	mt_media_init(&b->got);
	/* the first item, like every result, from the loop */
	mt_loop_timer_add(site->loop, 0, first_step, b);
	return b;
}

void
mt_batch_cancel(struct mt_batch *b)
{
	/* whatever is on its way (a request, a timer, a callback) frees it */
	b->cancelled = true;
}

void
mt_batch_stop(struct mt_batch *b)
{
	/* step() looks before it starts the next item */
	b->stopping = true;
}

/* ---- the blocking form ---- */

struct batch_wait {
	bool done;
	int failed;
	mt_batch_done_fn user_done;
	void *user_arg;
};

static void
wait_done(int ok, int gone, int failed, void *arg)
{
	struct batch_wait *w = arg;   /* the first member of struct wait_relay */
	w->done = true;
	w->failed = failed;
	if (w->user_done)
		w->user_done(ok, gone, failed, w->user_arg);
}

struct wait_relay {
	struct batch_wait w;
	const struct mt_batch_spec *spec;
};

static void
relay_stopped(int ok, int gone, int failed, size_t left, void *arg)
{
	struct wait_relay *r = arg;
	r->w.done = true;
	r->w.failed = failed;
	if (r->spec->stopped)
		r->spec->stopped(ok, gone, failed, left, r->spec->arg);
}

static void
relay_progress(struct mt_batch *b, size_t index, size_t n, enum mt_batch_stage stage, void *arg)
{
	struct wait_relay *r = arg;
	if (r->spec->progress)
		r->spec->progress(b, index, n, stage, r->spec->arg);
}

static void
relay_retry(struct mt_batch *b, size_t index, size_t n, enum mt_batch_stage stage,
            const struct mt_http_retry *retry, void *arg)
{
	struct wait_relay *r = arg;
	if (r->spec->retry)
		r->spec->retry(b, index, n, stage, retry, r->spec->arg);
}

static void
relay_item(struct mt_batch *b, const struct mt_batch_result *res, void *arg)
{
	struct wait_relay *r = arg;
	if (r->spec->item)
		r->spec->item(b, res, r->spec->arg);
}

int
mt_site_batch(struct mt_site *site, const struct mt_batch_spec *spec, struct mt_error *err)
{
	struct wait_relay r = { .w = { .user_done = spec->done, .user_arg = spec->arg }, .spec = spec };
	struct mt_batch_spec s = *spec;
	s.progress = relay_progress;
	s.retry = relay_retry;
	s.item = relay_item;
	s.done = wait_done;
	s.stopped = relay_stopped;
	s.arg = &r;
	if (mt_batch_start(site, &s, err) == NULL)
		return -1;
	if (mt_loop_run_until(site->loop, &r.w.done) < 0)
		return mt_error_set(err, MT_ERR_NET, _("the event loop failed"));
	return r.w.failed;
}
