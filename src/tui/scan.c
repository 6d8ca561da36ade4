/* scan.c — a full scan of the library in the background (a page at a
 * time, oldest first) that feeds the usage and audit views, kept live.
 *
 * The scan is started on demand (v, A, r) and once at start-up when the
 * site lists media, so the status line can show the storage used against
 * the plan. Answers of a scan that was restarted are dropped. The scan
 * keeps what it needs of every item; an edit, delete, move or upload
 * (events) changes that copy and usage and audit are worked out again, so
 * they never show a library that no longer is. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "l10n.h"
#include "pager.h"
#include "sanitize.h"
#include "textwidth.h"
#include "scan_state.h"
#include "ui.h"
#include "xalloc.h"

static void
scan_init(struct app *a)
{
	static struct scan state;   /* one interface per process */
	a->scan = &state;
}

bool
scan_running(const struct app *a)
{
	return a->scan->running;
}

int64_t
scan_used_bytes(const struct app *a)
{
	if (a->scan->done)
		return a->scan->usage.bytes;
	return -1;
}

static void
items_free(struct scan *s)
{
	for (size_t i = 0; i < s->nitems; i++)
		mt_media_free(&s->items[i]);
	free(s->items);
	s->items = NULL;
	s->nitems = s->items_cap = 0;
}

void
scan_free(struct app *a)
{
	struct scan *s = a->scan;
	mt_pager_free(s->pager);   /* an answer on its way is dropped */
	if (s->wanted) {
		mt_usage_free(&s->usage);
		mt_audit_free(&s->audit);
	}
	items_free(s);
	int64_t large = s->large_bytes;   /* the session's, for the next scan */
	memset(s, 0, sizeof *s);
	s->large_bytes = large;
}

int64_t
scan_large_bytes(const struct app *a)
{
	if (a->scan->large_bytes > 0)
		return a->scan->large_bytes;
	return mt_audit_pick_large(a->cl->large_bytes, a->profile->large_bytes);
}

long
scan_set_large(struct app *a, int64_t bytes)
{
	struct scan *s = a->scan;
	if (bytes <= 0)
		return -1;
	s->large_bytes = bytes;
	ui_dirty(a);
	/* core works it out again from what the audit holds: no listing */
	if (!s->wanted)
		return 0;
	return mt_audit_set_large(&s->audit, bytes);
}

/* What usage, audit and the content check read of an item (no description):
 * the content check downloads from the url and picks keepers by title and
 * focal point. */
static void
keep_copy(struct mt_media *dst, const struct mt_media *m)
{
	mt_media_init(dst);
	dst->id = xstrdup(m->id);
	dst->filename = m->filename ? xstrdup(m->filename) : NULL;
	dst->mime_type = m->mime_type ? xstrdup(m->mime_type) : NULL;
	dst->alt = m->alt ? xstrdup(m->alt) : NULL;
	dst->title = m->title ? xstrdup(m->title) : NULL;
	dst->url = m->url ? xstrdup(m->url) : NULL;
	dst->folder = m->folder ? xstrdup(m->folder) : NULL;
	dst->created_at = m->created_at ? xstrdup(m->created_at) : NULL;
	dst->size = m->size;
	dst->width = m->width;
	dst->height = m->height;
	dst->focal_x = m->focal_x;
	dst->focal_y = m->focal_y;
}

static void
items_add(struct scan *s, const struct mt_media *m)
{
	if (s->nitems == s->items_cap) {
		s->items_cap = s->items_cap ? s->items_cap * 2 : 256;
		s->items = xreallocarray(s->items, s->items_cap, sizeof *s->items);
	}
	keep_copy(&s->items[s->nitems++], m);
}

static struct mt_media *
items_find(struct scan *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return &s->items[i];
	return NULL;
}

/* Usage and audit from the items kept, as if scanned now; `gone` (may be
 * NULL), a folder just deleted, is left out of the folders the remote pane
 * may still list. */
static void
recount(struct app *a, const char *gone)
{
	struct scan *s = a->scan;
	mt_usage_free(&s->usage);
	mt_audit_free(&s->audit);
	mt_usage_init(&s->usage, a->profile->plan_bytes);
	mt_audit_init(&s->audit, scan_large_bytes(a));
	for (size_t i = 0; i < s->nitems; i++) {
		mt_usage_add(&s->usage, &s->items[i]);
		mt_audit_add(&s->audit, &s->items[i]);
	}
	size_t nf;
	char *const *listed = remote_folder_list(a, &nf);
	char **folders = xcalloc(nf + 1, sizeof *folders);
	size_t k = 0;
	for (size_t i = 0; i < nf; i++)
		if (gone == NULL || strcmp(listed[i], gone) != 0)
			folders[k++] = listed[i];
	mt_usage_finish(&s->usage);
	mt_audit_finish(&s->audit, folders, k);
	free(folders);
}

static void
scan_on_event(struct app *a, const struct ui_event *ev)
{
	struct scan *s = a->scan;
	if (ev->kind == UI_EV_LIBRARY_LISTED && !s->wanted) {
		scan_start(a);   /* in the background: storage used for the status line */
		return;
	}
	if (!s->wanted)
		return;
	struct mt_media *m;
	switch (ev->kind) {
	case UI_EV_ITEM_EDITED: {
		if ((m = items_find(s, ev->item->id)) == NULL)
			return;
		/* the details post every fresh read that differs from what they
		 * were opened with; what the scan keeps may be the same already,
		 * and a recount of the whole library for nothing is not free */
		struct mt_media kept;
		keep_copy(&kept, ev->item);
		bool same = mt_media_same(m, &kept);
		mt_media_free(m);
		*m = kept;
		if (same)
			return;
		break;
	}
	case UI_EV_ITEM_DELETED:
		if ((m = items_find(s, ev->id)) == NULL)
			return;
		mt_media_free(m);
		*m = s->items[--s->nitems];
		break;
	case UI_EV_ITEM_ADDED:
		/* a running scan reaches the new item itself (it lists oldest first) */
		if (!s->done || items_find(s, ev->item->id))
			return;
		items_add(s, ev->item);
		break;
	case UI_EV_FOLDERS_CHANGED:
		/* an empty folder deleted: its finding goes */
		break;
	default:
		return;
	}
	if (s->done) {
		recount(a, ev->kind == UI_EV_FOLDERS_CHANGED ? ev->id : NULL);
		ui_post(a, &(struct ui_event){ UI_EV_USAGE_CHANGED });
	}
}

static void
on_scan_page(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err,
             void *arg)
{
	struct app *a = arg;
	struct scan *s = a->scan;
	ui_dirty(a);
	if (err) {
		mt_error_format(err, s->err, sizeof s->err);
		s->running = false;
		return;
	}
	for (size_t i = 0; i < page->nitems; i++)
		items_add(s, &page->items[i]);
	s->seen = mt_pager_seen(p);
	s->total = page->total;
	if (!mt_pager_more(p)) {
		recount(a, NULL);
		s->running = false;
		s->done = true;
		s->finished_ms = mt_now_ms();
		s->finished_at = time(NULL);
		ui_trace(a, "scan done: %lld items in %llums", (long long)s->seen,
		         (unsigned long long)(s->finished_ms - s->started_ms));
		ui_post(a, &(struct ui_event){ UI_EV_SCAN_DONE });
	}
}

void
scan_start(struct app *a)
{
	if (!a->can_browse)
		return;
	struct scan *s = a->scan;
	scan_free(a);
	mt_usage_init(&s->usage, a->profile->plan_bytes);
	mt_audit_init(&s->audit, scan_large_bytes(a));
	s->wanted = true;
	s->running = true;
	s->total = -1;
	s->started_ms = mt_now_ms();
	struct mt_pager_spec spec = { .all = true, .fn = on_scan_page, .arg = a };
	mt_site_scan_query(&a->site, &spec.query);
	s->pager = mt_pager_new(&a->site, &spec);
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_pager_fetch(s->pager, &err) < 0) {
		mt_error_format(&err, s->err, sizeof s->err);
		s->running = false;
	}
	ui_dirty(a);
}

/* The title line of usage and audit: how far the scan is, or when it was
 * made; its progress bar and error under it. Returns the next free line. */
int
scan_draw_header(struct app *a, int y, const char *title)
{
	struct scan *s = a->scan;
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, y, 0, a->cols);
	char buf[300];
	char what[200];
	if (s->running && s->total >= 0)
		snprintf(what, sizeof what, _("scanning %lld / %lld"), (long long)s->seen,
		         (long long)s->total);
	else if (s->running)
		snprintf(what, sizeof what, _("scanning %lld / ?"), (long long)s->seen);
	else {
		char when[16] = "";
		struct tm tm;
		if (s->done && localtime_r(&s->finished_at, &tm))
			strftime(when, sizeof when, "%H:%M", &tm);
		char items[64];
		snprintf(items, sizeof items, P_("%lld item", "%lld items", (unsigned long)s->nitems),
		         (long long)s->nitems);
		if (when[0])
			/* TRANSLATORS: "%s" is "N items", then the time of day of the scan */
			snprintf(what, sizeof what, _("%s  scanned %s, kept up to date  r rescans"), items,
			         when);
		else
			snprintf(what, sizeof what, "%s", items);
	}
	snprintf(buf, sizeof buf, " %s  %s", title, what);
	ui_put_text(stdscr, y, 0, buf, a->cols, false);
	ui_set(stdscr, R_NORMAL);
	y++;
	if (s->running) {
		double frac = s->total > 0 ? (double)s->seen / (double)s->total : 0;
		ui_bar(stdscr, y, 1, a->cols - 2 > 40 ? 40 : a->cols - 2, frac);
		y++;
	}
	if (s->err[0]) {
		ui_set(stdscr, R_ERROR);
		ui_put_text(stdscr, y++, 1, s->err, a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	}
	return y;
}

/* The scan has no screen: it stands in the table of views to take events
 * first, and to be freed at the end. */
const struct ui_view scan_view = {
	.name = "scan", .init = scan_init, .event = scan_on_event, .close = scan_free,
};
