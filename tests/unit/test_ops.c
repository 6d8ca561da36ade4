/* test_ops.c — core's operations on a fake library, on the real loop: the
 * pager's guards (a page sent twice, our own offset, forgetting removed
 * items, cancelling with a page on its way, pages asked ahead and handed on
 * in order), the batch engine (a dry run changes nothing, a move reports
 * each item, cancelling stops it), and an edit's retries told with the
 * server's status, the try and the tries in all. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "batch.h"
#include "loop.h"
#include "pager.h"
#include "site.h"
#include "siteop.h"
#include "xalloc.h"

/* ---- the fake library: `total` items, answers from a 0 ms timer ---- */

static struct {
	long total;
	bool ignore_offset;       /* every page is the first */
	long cap_after_first;     /* >0: pages after the first hold at most this many */
	long fail_offset;         /* >0: the page at this offset fails */
	bool hold;                /* list answers wait in held[] until released */
	struct pending *held[64];
	int nheld;
	long offsets[16];         /* the offsets asked for */
	int nlists, nremoves, npatches, ngets;
	bool patch_retried;       /* a patch is tried again twice before its answer */
	const char *gone;         /* this id answers 404 (deleted elsewhere) */
} lib;

struct pending {
	mt_page_fn page_fn;
	mt_item_fn item_fn;
	mt_done_fn done_fn;
	void *arg;
	long offset, limit;
	char *id;
	mt_http_retry_fn retry_fn;   /* told of the retries first */
};

static struct mt_loop *loop;

static void
answer(void *arg)
{
	struct pending *p = arg;
	struct mt_error nf;
	mt_error_set(&nf, MT_ERR_HTTP, "Media item not found");
	nf.http_status = 404;
	if (!p->page_fn && lib.gone && p->id && strcmp(p->id, lib.gone) == 0) {
		if (p->item_fn)
			p->item_fn(NULL, &nf, p->arg);
		else
			p->done_fn(&nf, p->arg);
	} else if (p->page_fn && lib.fail_offset > 0 && p->offset == lib.fail_offset) {
		struct mt_error err;
		mt_error_set(&err, MT_ERR_HTTP, "the server answered 500");
		p->page_fn(NULL, &err, p->arg);
	} else if (p->page_fn) {
		long limit = p->limit;
		if (lib.cap_after_first > 0 && p->offset > 0 && limit > lib.cap_after_first)
			limit = lib.cap_after_first;
		struct mt_media_page page = { .total = lib.total, .limit = limit };
		long from = lib.ignore_offset ? 0 : p->offset;
		long n = lib.total - from < limit ? lib.total - from : limit;
		if (n < 0)
			n = 0;
		page.items = xcalloc((size_t)n + 1, sizeof *page.items);
		for (long i = 0; i < n; i++) {
			mt_media_init(&page.items[i]);
			page.items[i].id = xasprintf("m%ld", from + i);
		}
		page.nitems = (size_t)n;
		page.offset = from;
		p->page_fn(&page, NULL, p->arg);
		mt_media_page_free(&page);
	} else if (p->item_fn) {
		struct mt_media m;
		mt_media_init(&m);
		m.id = xstrdup(p->id);
		m.folder = xstrdup("/to");
		p->item_fn(&m, NULL, p->arg);
		mt_media_free(&m);
	} else {
		p->done_fn(NULL, p->arg);
	}
	free(p->id);
	free(p);
}

static int
fake_list(struct mt_site *site, const struct mt_list_query *q, mt_page_fn fn, void *arg,
          struct mt_error *err)
{
	(void)site;
	(void)err;
	if (lib.nlists < 16)
		lib.offsets[lib.nlists] = q->offset;
	lib.nlists++;
	struct pending *p = xcalloc(1, sizeof *p);
	p->page_fn = fn;
	p->arg = arg;
	p->offset = q->offset;
	p->limit = q->limit;
	if (lib.hold && lib.nheld < 64)
		lib.held[lib.nheld++] = p;
	else
		mt_loop_timer_add(loop, 0, answer, p);
	return 0;
}

/* Answers the held request for the page at `offset`; false when none is held. */
static bool
release(long offset)
{
	for (int i = 0; i < lib.nheld; i++) {
		if (lib.held[i]->offset == offset) {
			struct pending *p = lib.held[i];
			lib.held[i] = lib.held[--lib.nheld];
			answer(p);
			return true;
		}
	}
	return false;
}

static int
fake_get(struct mt_site *site, const char *id, mt_http_retry_fn on_retry, mt_item_fn fn, void *arg,
         struct mt_error *err)
{
	(void)site;
	(void)on_retry;
	(void)err;
	lib.ngets++;
	struct pending *p = xcalloc(1, sizeof *p);
	p->item_fn = fn;
	p->arg = arg;
	p->id = xstrdup(id);
	mt_loop_timer_add(loop, 0, answer, p);
	return 0;
}

/* The engine's retries of a patch as it tells them: the server's status in
 * its field, a reason in words that does not repeat it */
static void
retried_then_answer(void *arg)
{
	struct pending *p = arg;
	struct mt_http_retry busy = { .attempt = 2, .max_attempts = 6, .status = 503,
	                              .delay_ms = 500, .reason = "Service Unavailable" };
	p->retry_fn(&busy, p->arg);
	struct mt_http_retry dropped = { .attempt = 3, .max_attempts = 6, .status = 0,
	                                 .delay_ms = 1000, .reason = "Connection reset by peer" };
	p->retry_fn(&dropped, p->arg);
	answer(p);
}

static int
fake_patch(struct mt_site *site, const char *id, const struct mt_media_patch *pa, mt_item_fn fn,
           void *arg, struct mt_error *err)
{
	(void)site;
	(void)err;
	lib.npatches++;
	struct pending *p = xcalloc(1, sizeof *p);
	p->item_fn = fn;
	p->arg = arg;
	p->id = xstrdup(id);
	if (lib.patch_retried && pa->on_retry) {
		p->retry_fn = pa->on_retry;
		mt_loop_timer_add(loop, 0, retried_then_answer, p);
	} else {
		mt_loop_timer_add(loop, 0, answer, p);
	}
	return 0;
}

static int
fake_remove(struct mt_site *site, const char *id, mt_done_fn fn, void *arg, struct mt_error *err)
{
	(void)site;
	(void)err;
	lib.nremoves++;
	struct pending *p = xcalloc(1, sizeof *p);
	p->done_fn = fn;
	p->arg = arg;
	p->id = xstrdup(id);
	mt_loop_timer_add(loop, 0, answer, p);
	return 0;
}

static const struct mt_dialect fake = {
	.name = "fake",
	.caps = MT_CAP_BROWSE | MT_CAP_EDIT | MT_CAP_DELETE | MT_CAP_PUBLIC,
	.list = fake_list, .get = fake_get, .patch = fake_patch, .remove = fake_remove,
};
static const struct mt_profile profile = { .name = (char *)(uintptr_t)"t" };

static struct mt_site
fake_site(long total)
{
	memset(&lib, 0, sizeof lib);
	lib.total = total;
	struct mt_site s;
	memset(&s, 0, sizeof s);
	s.loop = loop;
	s.dialect = &fake;
	s.profile = &profile;
	s.has_key = true;
	return s;
}

/* ---- the pager ---- */

static void
count_page(const struct mt_media_page *page, void *arg)
{
	*(int64_t *)arg += (int64_t)page->nitems;
}

static void
test_pages_to_the_end(void **state)
{
	(void)state;
	struct mt_site s = fake_site(250);
	struct mt_list_query q = { .limit = 100 };
	int64_t seen = 0;
	struct mt_error err;
	assert_int_equal(mt_site_pages(&s, &q, true, count_page, &seen, &err), 0);
	assert_int_equal(seen, 250);
	assert_int_equal(lib.nlists, 3);
	assert_int_equal(lib.offsets[1], 100);
	assert_int_equal(lib.offsets[2], 200);
}

static void
test_page_sent_twice(void **state)
{
	(void)state;
	struct mt_site s = fake_site(1000);
	lib.ignore_offset = true;
	struct mt_list_query q = { .limit = 100 };
	int64_t seen = 0;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_site_pages(&s, &q, true, count_page, &seen, &err), -1);
	assert_int_equal(err.kind, MT_ERR_PROTOCOL);
	assert_int_equal(seen, 100);   /* the repeated page is not counted */
	assert_in_range(lib.nlists, 2, 5);   /* the first, and at most 4 asked ahead */
}

static void
test_one_page_only(void **state)
{
	(void)state;
	struct mt_site s = fake_site(250);
	struct mt_list_query q = { .limit = 100, .offset = 50 };
	int64_t seen = 0;
	assert_int_equal(mt_site_pages(&s, &q, false, count_page, &seen, NULL), 0);
	assert_int_equal(seen, 100);
	assert_int_equal(lib.nlists, 1);
	assert_int_equal(lib.offsets[0], 50);
}

struct demand {
	int pages;
	bool done;
};

static void
on_demand(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err,
          void *arg)
{
	(void)p;
	(void)page;
	struct demand *d = arg;
	assert_null(err);
	d->pages++;
	d->done = true;
}

static void
test_forget_and_cancel(void **state)
{
	(void)state;
	struct mt_site s = fake_site(250);
	struct demand d = { 0 };
	struct mt_pager_spec spec = { .query = { .limit = 100 }, .fn = on_demand, .arg = &d };
	struct mt_pager *p = mt_pager_new(&s, &spec);
	assert_int_equal(mt_pager_fetch(p, NULL), 0);
	assert_int_equal(mt_loop_run_until(loop, &d.done), 0);
	assert_int_equal(mt_pager_seen(p), 100);
	/* two items were deleted: the next page starts two earlier */
	mt_pager_forget(p, 2);
	d.done = false;
	assert_int_equal(mt_pager_fetch(p, NULL), 0);
	assert_int_equal(mt_loop_run_until(loop, &d.done), 0);
	assert_int_equal(lib.offsets[1], 98);
	/* freed with a page on its way: no callback, nothing leaks */
	assert_int_equal(mt_pager_fetch(p, NULL), 0);
	assert_true(mt_pager_loading(p));
	mt_pager_free(p);
	for (int i = 0; i < 5; i++)
		mt_loop_run_once(loop, 1);
	assert_int_equal(d.pages, 2);
}

/* ---- pages asked ahead ---- */

struct order {
	long next;             /* the id expected next: every item once, in order */
	int pages, errors;
	bool wrong;
};

static void
on_ordered(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err,
           void *arg)
{
	(void)p;
	struct order *o = arg;
	if (err) {
		o->errors++;
		return;
	}
	o->pages++;
	for (size_t i = 0; i < page->nitems; i++) {
		char want[32];
		snprintf(want, sizeof want, "m%ld", o->next++);
		if (strcmp(page->items[i].id, want) != 0)
			o->wrong = true;
	}
}

/* A pager reading pages of 100 to the end into o, the first page asked for. */
static struct mt_pager *
read_all(struct mt_site *s, struct order *o)
{
	struct mt_pager_spec spec = { .query = { .limit = 100 }, .all = true, .fn = on_ordered,
	                              .arg = o };
	struct mt_pager *p = mt_pager_new(s, &spec);
	assert_int_equal(mt_pager_fetch(p, NULL), 0);
	return p;
}

/* Releases the held pages, lowest offset first, until none is held. */
static void
release_all(void)
{
	while (lib.nheld > 0) {
		long low = lib.held[0]->offset;
		for (int i = 1; i < lib.nheld; i++)
			if (lib.held[i]->offset < low)
				low = lib.held[i]->offset;
		release(low);
	}
}

static void
test_pages_asked_ahead_come_in_order(void **state)
{
	(void)state;
	struct mt_site s = fake_site(1000);
	lib.hold = true;
	struct order o = { 0 };
	struct mt_pager *p = read_all(&s, &o);
	assert_int_equal(lib.nlists, 1);
	assert_true(release(0));
	/* the first page told the total: four pages are asked for at once */
	assert_int_equal(lib.nlists, 5);
	assert_int_equal(lib.offsets[4], 400);
	/* pages that come early wait for the one before them */
	assert_true(release(400));
	assert_true(release(300));
	assert_true(release(200));
	assert_int_equal(o.pages, 1);
	assert_true(release(100));
	assert_int_equal(o.pages, 5);
	assert_int_equal(lib.nheld, 4);   /* 500 to 800 asked in their place */
	release_all();
	assert_false(o.wrong);
	assert_int_equal(o.next, 1000);
	assert_int_equal(o.errors, 0);
	assert_false(mt_pager_more(p));
	assert_int_equal(lib.nlists, 10);   /* nothing asked past the total */
	mt_pager_free(p);
}

static void
test_a_short_page_goes_on_from_our_count(void **state)
{
	(void)state;
	struct mt_site s = fake_site(1000);
	lib.hold = true;
	lib.cap_after_first = 50;   /* the server lowers its page size after the first */
	struct order o = { 0 };
	struct mt_pager *p = read_all(&s, &o);
	release_all();
	assert_false(o.wrong);     /* nothing skipped, nothing twice */
	assert_int_equal(o.next, 1000);
	assert_false(mt_pager_more(p));
	mt_pager_free(p);
}

static void
test_a_failed_page_stops_in_its_turn(void **state)
{
	(void)state;
	struct mt_site s = fake_site(1000);
	lib.hold = true;
	lib.fail_offset = 200;
	struct order o = { 0 };
	struct mt_pager *p = read_all(&s, &o);
	assert_true(release(0));
	assert_true(release(300));
	assert_true(release(200));   /* fails; told only after the page at 100 */
	assert_int_equal(o.errors, 0);
	assert_true(release(100));
	assert_int_equal(o.pages, 2);
	assert_int_equal(o.errors, 1);
	assert_false(mt_pager_loading(p));
	release_all();               /* the page at 400 is thrown away */
	assert_int_equal(o.pages, 2);
	/* asked again, the listing goes on where it stopped */
	lib.fail_offset = 0;
	int before = lib.nlists;
	assert_int_equal(mt_pager_fetch(p, NULL), 0);
	assert_int_equal(lib.offsets[before], 200);
	release_all();
	assert_false(o.wrong);
	assert_int_equal(o.next, 1000);
	mt_pager_free(p);
}

static void
test_freed_with_pages_ahead(void **state)
{
	(void)state;
	struct mt_site s = fake_site(1000);
	lib.hold = true;
	struct order o = { 0 };
	struct mt_pager *p = read_all(&s, &o);
	assert_true(release(0));
	assert_true(release(200));   /* one waits in its ticket, three are on their way */
	mt_pager_free(p);
	release_all();               /* no callback, nothing leaks */
	assert_int_equal(o.pages, 1);
}

/* ---- the batch ---- */

struct tally {
	int results, failed, gone;
	int gone_at_end, failed_at_end;
	bool cancel_after_first;
	bool done;
	int ok_at_end;
	int nstages;
	enum mt_batch_stage stages[8];   /* as progress reported them */
};

static void
on_progress(struct mt_batch *b, size_t index, size_t n, enum mt_batch_stage stage, void *arg)
{
	struct tally *t = arg;
	(void)b;
	assert_int_equal(index, (size_t)t->nstages);
	assert_int_equal(n, 3);
	if (t->nstages < 8)
		t->stages[t->nstages++] = stage;
}

static void
on_result(struct mt_batch *b, const struct mt_batch_result *r, void *arg)
{
	struct tally *t = arg;
	t->results++;
	if (r->err)
		t->failed++;
	if (r->gone) {
		t->gone++;
		assert_null(r->backup);
	}
	if (t->cancel_after_first) {
		mt_batch_cancel(b);
		t->done = true;
	}
}

static void
on_batch_done(int ok, int gone, int failed, void *arg)
{
	struct tally *t = arg;
	t->ok_at_end = ok;
	t->gone_at_end = gone;
	t->failed_at_end = failed;
	t->done = true;
}

static char id_a[] = "a", id_b[] = "b", id_c[] = "c";
static char *ids[] = { id_a, id_b, id_c };

static void
test_dry_run_changes_nothing(void **state)
{
	(void)state;
	struct mt_site s = fake_site(0);
	struct tally t = { 0 };
	struct mt_batch_spec spec = { .kind = MT_BATCH_REMOVE, .ids = ids, .n = 3, .dry_run = true,
	                              .item = on_result, .done = on_batch_done, .arg = &t,
	                              .progress = on_progress };
	assert_int_equal(mt_site_batch(&s, &spec, NULL), 0);
	assert_int_equal(t.nstages, 3);   /* a dry run says it reads, never that it deletes */
	for (int i = 0; i < 3; i++)
		assert_int_equal(t.stages[i], MT_BATCH_READING);
	assert_int_equal(t.results, 3);
	assert_int_equal(t.ok_at_end, 3);
	assert_int_equal(lib.ngets, 3);
	assert_int_equal(lib.nremoves, 0);
}

static void
test_move_and_cancel(void **state)
{
	(void)state;
	struct mt_site s = fake_site(0);
	struct tally t = { 0 };
	struct mt_batch_spec spec = { .kind = MT_BATCH_MOVE, .ids = ids, .n = 3, .folder = "/to",
	                              .item = on_result, .done = on_batch_done, .arg = &t,
	                              .progress = on_progress };
	assert_int_equal(mt_site_batch(&s, &spec, NULL), 0);
	assert_int_equal(t.nstages, 3);
	assert_int_equal(t.stages[2], MT_BATCH_MOVING);
	assert_int_equal(lib.npatches, 3);
	assert_int_equal(t.ok_at_end, 3);

	s = fake_site(0);
	struct tally c = { .cancel_after_first = true };
	spec.arg = &c;
	spec.kind = MT_BATCH_REMOVE;
	assert_non_null(mt_batch_start(&s, &spec, NULL));
	assert_int_equal(mt_loop_run_until(loop, &c.done), 0);
	for (int i = 0; i < 5; i++)
		mt_loop_run_once(loop, 1);
	assert_int_equal(c.results, 1);
	assert_int_equal(lib.nremoves, 1);   /* nothing after the cancel */
}

struct stop_tally {
	int results, ok, failed;
	size_t left;
	bool stopped, done;
};

/* asks to stop as the second item starts: it is finished all the same */
static void
stop_at_second(struct mt_batch *b, size_t index, size_t n, enum mt_batch_stage stage, void *arg)
{
	(void)n;
	(void)stage;
	(void)arg;
	if (index == 1)
		mt_batch_stop(b);
}

static void
stop_result(struct mt_batch *b, const struct mt_batch_result *r, void *arg)
{
	struct stop_tally *t = arg;
	(void)b;
	(void)r;
	t->results++;
}

static void
stop_done(int ok, int gone, int failed, void *arg)
{
	struct stop_tally *t = arg;
	(void)ok;
	(void)gone;
	(void)failed;
	t->done = true;
}

static void
on_stopped(int ok, int gone, int failed, size_t left, void *arg)
{
	struct stop_tally *t = arg;
	(void)gone;
	t->stopped = true;
	t->ok = ok;
	t->failed = failed;
	t->left = left;
}

static void
test_stop_after_the_item_under_way(void **state)
{
	(void)state;
	struct mt_site s = fake_site(0);
	struct stop_tally t = { 0 };
	struct mt_batch_spec spec = { .kind = MT_BATCH_REMOVE, .ids = ids, .n = 3,
	                              .progress = stop_at_second, .item = stop_result,
	                              .done = stop_done, .stopped = on_stopped, .arg = &t };
	assert_int_equal(mt_site_batch(&s, &spec, NULL), 0);
	assert_true(t.stopped);
	assert_false(t.done);            /* stopped, not done */
	assert_int_equal(t.results, 2);  /* the item under way has its result */
	assert_int_equal(t.ok, 2);
	assert_int_equal(t.failed, 0);
	assert_int_equal(t.left, 1);
	assert_int_equal(lib.nremoves, 2);   /* the third is never started */
}

/* An item deleted elsewhere (404) is gone, not failed: its delete, or its
 * read in a dry run, has nothing left to do; a move of it still fails. */
static void
test_gone_is_not_a_failure(void **state)
{
	(void)state;
	struct mt_site s = fake_site(0);
	lib.gone = "b";
	struct tally t = { 0 };
	struct mt_batch_spec spec = { .kind = MT_BATCH_REMOVE, .ids = ids, .n = 3, .item = on_result,
	                              .done = on_batch_done, .arg = &t };
	assert_int_equal(mt_site_batch(&s, &spec, NULL), 0);
	assert_int_equal(t.failed, 0);
	assert_int_equal(t.gone, 1);
	assert_int_equal(t.ok_at_end, 2);
	assert_int_equal(t.gone_at_end, 1);
	assert_int_equal(t.failed_at_end, 0);
	s = fake_site(0);
	lib.gone = "a";
	t = (struct tally){ 0 };
	spec.dry_run = true;
	assert_int_equal(mt_site_batch(&s, &spec, NULL), 0);
	assert_int_equal(t.ok_at_end, 2);
	assert_int_equal(t.gone_at_end, 1);
	s = fake_site(0);
	lib.gone = "c";
	t = (struct tally){ 0 };
	spec = (struct mt_batch_spec){ .kind = MT_BATCH_MOVE, .ids = ids, .n = 3, .folder = "/to",
	                               .item = on_result, .done = on_batch_done, .arg = &t };
	assert_int_equal(mt_site_batch(&s, &spec, NULL), 1);
	assert_int_equal(t.gone, 0);
	assert_int_equal(t.failed_at_end, 1);
	struct mt_error e;
	mt_error_set(&e, MT_ERR_HTTP, "x");
	e.http_status = 404;
	assert_true(mt_op_item_gone(&e));
	e.http_status = 410;
	assert_false(mt_op_item_gone(&e));
	assert_false(mt_op_item_gone(NULL));
}

static void
test_refused_without_key(void **state)
{
	(void)state;
	struct mt_site s = fake_site(0);
	s.has_key = false;
	struct mt_batch_spec spec = { .kind = MT_BATCH_REMOVE, .ids = ids, .n = 3 };
	struct mt_error err;
	mt_error_clear(&err);
	assert_null(mt_batch_start(&s, &spec, &err));
	assert_int_equal(err.kind, MT_ERR_CONFIG);
	assert_int_equal(lib.nremoves, 0);
}

/* ---- an edit's retries ---- */

struct retries {
	int n;
	int attempt[4], max[4];
	long status[4], delay[4];
	char reason[4][64];
	bool done;
};

static void
on_edit_retry(const struct mt_http_retry *retry, void *arg)
{
	struct retries *t = arg;
	if (t->n < 4) {
		t->attempt[t->n] = retry->attempt;
		t->max[t->n] = retry->max_attempts;
		t->status[t->n] = retry->status;
		t->delay[t->n] = retry->delay_ms;
		snprintf(t->reason[t->n], sizeof t->reason[0], "%s", retry->reason);
	}
	t->n++;
}

static void
on_edited(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct retries *t = arg;
	assert_non_null(item);
	assert_null(err);
	t->done = true;
}

static void
test_edit_retries_carry_the_status(void **state)
{
	(void)state;
	struct mt_site s = fake_site(0);
	lib.patch_retried = true;
	struct retries t = { 0 };
	struct mt_media_patch p = { .alt = "Boats" };
	struct mt_error err;
	mt_error_clear(&err);
	struct mt_op *op = mt_op_edit(&s, "m1", &p, on_edited, &t, &err);
	assert_non_null(op);
	mt_op_on_retry(op, on_edit_retry);
	assert_int_equal(mt_loop_run_until(loop, &t.done), 0);
	assert_int_equal(lib.npatches, 1);
	assert_int_equal(t.n, 2);
	/* the server's answer reaches the callback as a number, whatever the words say */
	assert_int_equal(t.status[0], 503);
	assert_int_equal(t.attempt[0], 2);
	assert_int_equal(t.max[0], 6);
	assert_int_equal(t.delay[0], 500);
	assert_string_equal(t.reason[0], "Service Unavailable");
	/* no answer came: status 0, the reason says what happened */
	assert_int_equal(t.status[1], 0);
	assert_int_equal(t.attempt[1], 3);
	assert_int_equal(t.max[1], 6);
	assert_string_equal(t.reason[1], "Connection reset by peer");
}

/* A retry in words: the server's status, or why no answer came (made
 * harmless for a terminal), and the try of how many. */
static void
test_retry_in_words(void **state)
{
	(void)state;
	char buf[200];
	mt_op_retry_text(&(struct mt_http_retry){ .attempt = 2, .max_attempts = 6, .status = 503,
	                                          .reason = "HTTP 503" }, buf, sizeof buf);
	assert_string_equal(buf, "the server answered 503, trying again (2 of 6)");
	mt_op_retry_text(&(struct mt_http_retry){ .attempt = 3, .max_attempts = 6, .status = 0,
	                                          .reason = "reset\x1b[2J" }, buf, sizeof buf);
	assert_non_null(strstr(buf, "no answer (reset"));
	assert_null(strchr(buf, '\x1b'));
	assert_non_null(strstr(buf, "trying again (3 of 6)"));
}

int
main(void)
{
	loop = mt_loop_new();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_to_the_end),
		cmocka_unit_test(test_page_sent_twice),
		cmocka_unit_test(test_one_page_only),
		cmocka_unit_test(test_forget_and_cancel),
		cmocka_unit_test(test_pages_asked_ahead_come_in_order),
		cmocka_unit_test(test_a_short_page_goes_on_from_our_count),
		cmocka_unit_test(test_a_failed_page_stops_in_its_turn),
		cmocka_unit_test(test_freed_with_pages_ahead),
		cmocka_unit_test(test_dry_run_changes_nothing),
		cmocka_unit_test(test_move_and_cancel),
		cmocka_unit_test(test_stop_after_the_item_under_way),
		cmocka_unit_test(test_gone_is_not_a_failure),
		cmocka_unit_test(test_refused_without_key),
		cmocka_unit_test(test_edit_retries_carry_the_status),
		cmocka_unit_test(test_retry_in_words),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	mt_loop_free(loop);
	return rc;
}
