/* scanview.c — a full scan of the library in the background (a page at a
 * time, oldest first), feeding the usage and audit views; and those views.
 *
 * The scan is started on demand (v, A) and once at start-up when the site
 * lists media, so the status line can show the storage used against the
 * plan. Answers of a scan that was restarted are dropped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "l10n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

#define SCAN_PAGE 100

static void scan_next(struct app *a);

int64_t
scan_used_bytes(const struct app *a)
{
	if (a->scan.done)
		return a->scan.usage.bytes;
	if (a->remote.mode == REMOTE_HISTORY) {
		/* upload-only: what this profile uploaded, from the journal */
		int64_t sum = 0;
		bool any = false;
		for (size_t i = 0; i < a->remote.nhist; i++) {
			const struct mt_history_rec *h = &a->remote.hist[i];
			if (h->state && strcmp(h->state, "done") == 0 && h->size > 0) {
				sum += h->size;
				any = true;
			}
		}
		return any ? sum : (a->remote.nhist ? 0 : -1);
	}
	return -1;
}

void
scan_free(struct app *a)
{
	struct scan *s = &a->scan;
	if (s->wanted) {
		mt_usage_free(&s->usage);
		mt_audit_free(&s->audit);
	}
	memset(s, 0, sizeof *s);
}

static void
on_scan_page(const struct mt_media_page *page, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	uint64_t gen = q->gen;
	if (!ui_req_done(q))
		return;
	struct scan *s = &a->scan;
	if (gen != s->gen || !s->running)
		return;
	ui_dirty(a);
	if (err) {
		mt_error_format(err, s->err, sizeof s->err);
		s->running = false;
		return;
	}
	for (size_t i = 0; i < page->nitems; i++) {
		mt_usage_add(&s->usage, &page->items[i]);
		mt_audit_add(&s->audit, &page->items[i]);
	}
	s->seen += (int64_t)page->nitems;
	s->total = page->total;
	if (!mt_media_page_more(page, SCAN_PAGE, s->seen)) {
		size_t nf;
		char *const *folders = remote_folder_list(a, &nf);
		mt_usage_finish(&s->usage);
		mt_audit_finish(&s->audit, folders, nf);
		s->running = false;
		s->done = true;
		s->finished_ms = mt_now_ms();
		ui_trace(a, "scan done: %lld items in %llums", (long long)s->seen,
		         (unsigned long long)(s->finished_ms - s->started_ms));
		return;
	}
	scan_next(a);
}

static void
scan_next(struct app *a)
{
	struct scan *s = &a->scan;
	struct mt_list_query lq = { .limit = SCAN_PAGE, .offset = (long)s->seen };
	if (a->site.has_key) {
		lq.sort = "createdAt";
		lq.order = "asc";
	}
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, s->gen, 0, NULL);
	if (a->site.dialect->list(&a->site, &lq, on_scan_page, q, &err) < 0) {
		ui_req_done(q);
		mt_error_format(&err, s->err, sizeof s->err);
		s->running = false;
	}
}

void
scan_start(struct app *a)
{
	if (!a->can_browse)
		return;
	struct scan *s = &a->scan;
	uint64_t gen = s->gen + 1;
	scan_free(a);
	s->gen = gen;
	mt_usage_init(&s->usage, a->profile->plan_bytes);
	mt_audit_init(&s->audit, a->cl->large_bytes > 0 ? a->cl->large_bytes : MT_AUDIT_DEFAULT_LARGE);
	s->wanted = true;
	s->running = true;
	s->total = -1;
	s->started_ms = mt_now_ms();
	a->audit_cur = a->audit_top = 0;
	a->usage_top = 0;
	scan_next(a);
	ui_dirty(a);
}

/* ---- shared: the progress line of a scan ---- */

static int
draw_scan_state(struct app *a, int y, const char *title)
{
	struct scan *s = &a->scan;
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, y, 0, a->cols);
	char buf[200];
	char what[120];
	if (s->running && s->total >= 0)
		snprintf(what, sizeof what, _("scanning %lld / %lld"), (long long)s->seen,
		         (long long)s->total);
	else if (s->running)
		snprintf(what, sizeof what, _("scanning %lld / ?"), (long long)s->seen);
	else
		snprintf(what, sizeof what, P_("%lld item", "%lld items", (unsigned long)s->seen),
		         (long long)s->seen);
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

/* ---- usage ---- */

static void
usage_rows(struct app *a, int *y, int maxy, const char *heading, const struct mt_usage_row *rows,
           size_t n, int64_t all, int *skip)
{
	if (*skip > 0) {
		(*skip)--;
	} else if (*y < maxy) {
		ui_set(stdscr, R_COLHEAD);
		ui_put_text(stdscr, (*y)++, 1, heading, a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	}
	int64_t max = n ? rows[0].bytes : 0;
	int bar_w = a->cols >= 100 ? 30 : 14;
	int name_w = a->cols - bar_w - 9 - 9 - 6 - 6;
	for (size_t i = 0; i < n; i++) {
		if (*skip > 0) {
			(*skip)--;
			continue;
		}
		if (*y >= maxy)
			return;
		char sz[32], cnt[32], pct[24];
		mt_format_size(rows[i].bytes, sz, sizeof sz);
		snprintf(cnt, sizeof cnt, "%lld", (long long)rows[i].count);
		char num[16];
		mt_l10n_fixed(all > 0 ? 100.0 * (double)rows[i].bytes / (double)all : 0.0, 4, 1, num,
		              sizeof num);
		snprintf(pct, sizeof pct, "%s%%", num);
		int x = 1;
		ui_put_right(stdscr, *y, x, sz, 9);
		x += 10;
		ui_put_right(stdscr, *y, x, pct, 6);
		x += 7;
		ui_bar(stdscr, *y, x, bar_w, max > 0 ? (double)rows[i].bytes / (double)max : 0);
		ui_set(stdscr, R_NORMAL);
		x += bar_w + 1;
		ui_put_right(stdscr, *y, x, cnt, 7);
		x += 8;
		/* folders are paths; a type family is shown in words */
		ui_put_text(stdscr, *y, x, mt_media_kind_label(rows[i].name), name_w, false);
		(*y)++;
	}
}

void
usage_view_draw(struct app *a)
{
	struct scan *s = &a->scan;
	int y = draw_scan_state(a, 1, _("Usage"));
	int64_t plan = a->profile->plan_bytes;
	int64_t used = s->done ? s->usage.bytes : -1;
	char u[32], p[32], line[200];
	if (used >= 0)
		mt_format_size(used, u, sizeof u);
	else
		snprintf(u, sizeof u, "?");
	if (plan > 0) {
		mt_format_size(plan, p, sizeof p);
		snprintf(line, sizeof line, _("plan %s / %s %s"), u, p,
		         a->profile->plan_name ? a->profile->plan_name : "");
		int w = ui_put_text(stdscr, y, 1, line, a->cols / 2, false);
		ui_bar(stdscr, y, w + 2, 30 < a->cols - w - 12 ? 30 : a->cols - w - 12,
		       used > 0 ? (double)used / (double)plan : 0);
		if (used >= 0) {
			char num[16];
			mt_l10n_fixed(100.0 * (double)used / (double)plan, 5, 1, num, sizeof num);
			snprintf(line, sizeof line, "%s%%", num);
			ui_put_text(stdscr, y, w + 34 < a->cols - 8 ? w + 34 : a->cols - 8, line, 7, false);
		}
	} else {
		snprintf(line, sizeof line, _("used %s  (no plan in the profile)"), u);
		ui_put_text(stdscr, y, 1, line, a->cols - 2, false);
	}
	y += 2;
	if (!s->done) {
		if (!s->running && !s->err[0])
			ui_put_text(stdscr, y, 1, _("r starts a scan"), a->cols - 2, false);
		return;
	}
	if (s->usage.unknown_size) {
		snprintf(line, sizeof line, P_("%lld item without a size is not counted",
		                               "%lld items without a size are not counted",
		                               (unsigned long)s->usage.unknown_size),
		         (long long)s->usage.unknown_size);
		ui_set(stdscr, R_WARN);
		ui_put_text(stdscr, y++, 1, line, a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	}
	int skip = a->usage_top;
	usage_rows(a, &y, a->rows - 1, _("By folder (largest first)"), s->usage.folders,
	           s->usage.nfolders, s->usage.bytes, &skip);
	if (y < a->rows - 1 && skip == 0)
		y++;
	usage_rows(a, &y, a->rows - 1, _("By type"), s->usage.types, s->usage.ntypes, s->usage.bytes,
	           &skip);
}

int
usage_view_key(struct app *a, int is_key, wint_t ch)
{
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		a->usage_top++;
		return UI_HANDLED;
	}
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (a->usage_top > 0)
			a->usage_top--;
		return UI_HANDLED;
	}
	if (is_key && (ch == KEY_LEFT || ch == KEY_BACKSPACE)) {
		ui_view_open(a, VIEW_MAIN);
		return UI_HANDLED;
	}
	if (is_key)
		return UI_UNHANDLED;
	switch (ch) {
	case 'r': scan_start(a); return UI_HANDLED;
	case 'g': a->usage_top = 0; return UI_HANDLED;
	case 'A': ui_view_open(a, VIEW_AUDIT); return UI_HANDLED;
	case 'q': case 27: case 'h': case 127: case 8:
		ui_view_open(a, VIEW_MAIN);
		return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

/* ---- audit ---- */

static const char *
kind_title(enum mt_finding_kind k)
{
	switch (k) {
	case MT_FIND_MISSING_ALT: return _("Images without alt text");
	case MT_FIND_OVERSIZED: return _("Oversized files");
	case MT_FIND_DUPLICATE: return _("Duplicates (same name and size; the oldest is kept)");
	case MT_FIND_MISMATCH: return _("Name and type disagree");
	case MT_FIND_EMPTY_FOLDER: return _("Empty folders");
	}
	return "?";
}

void
audit_view_draw(struct app *a)
{
	struct scan *s = &a->scan;
	int y = draw_scan_state(a, 1, _("Audit"));
	if (!s->done) {
		if (!s->running && !s->err[0])
			ui_put_text(stdscr, y, 1, _("r starts a scan"), a->cols - 2, false);
		return;
	}
	struct mt_audit *au = &s->audit;
	if (au->nfindings == 0) {
		ui_set(stdscr, R_GOOD);
		ui_put_text(stdscr, y, 1, _("nothing to report"), a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
		return;
	}
	/* flatten to rows: a heading before each kind */
	int body = a->rows - 1 - y;
	if (body < 1)
		return;
	size_t nrows = 0;
	size_t cur_row = 0;
	for (size_t i = 0; i < au->nfindings; i++) {
		if (i == 0 || au->findings[i].kind != au->findings[i - 1].kind)
			nrows++;
		if (i == a->audit_cur)
			cur_row = nrows;
		nrows++;
	}
	if (cur_row < a->audit_top + 1 && cur_row > 0)
		a->audit_top = cur_row - 1;
	if (cur_row < a->audit_top)
		a->audit_top = cur_row;
	if (cur_row >= a->audit_top + (size_t)body)
		a->audit_top = cur_row - (size_t)body + 1;
	size_t row = 0;
	int name_w = a->cols >= 100 ? 36 : 24, folder_w = a->cols >= 100 ? 20 : 12, size_w = 9;
	int det_w = a->cols - name_w - folder_w - size_w - 8;
	for (size_t i = 0; i < au->nfindings && y < a->rows - 1; i++) {
		const struct mt_finding *f = &au->findings[i];
		if (i == 0 || f->kind != au->findings[i - 1].kind) {
			if (row >= a->audit_top && y < a->rows - 1) {
				size_t count = 0;
				for (size_t k = i; k < au->nfindings && au->findings[k].kind == f->kind; k++)
					count++;
				char *h = xasprintf("%s (%zu)", kind_title(f->kind), count);
				ui_set(stdscr, R_COLHEAD);
				ui_put_text(stdscr, y++, 1, h, a->cols - 2, false);
				ui_set(stdscr, R_NORMAL);
				free(h);
			}
			row++;
		}
		if (row++ < a->audit_top || y >= a->rows - 1)
			continue;
		int x = 3;
		if (f->kind == MT_FIND_DUPLICATE) {
			char g[32];
			snprintf(g, sizeof g, "%d%s", f->group, f->keep ? "" : "");
			ui_set(stdscr, f->keep ? R_GOOD : R_WARN);
			ui_put_text(stdscr, y, 1, f->keep ? _("keep") : _("dup"), 4, false);
			ui_set(stdscr, R_NORMAL);
			x = 6;
		}
		ui_put_text(stdscr, y, x, f->filename ? f->filename : f->folder, name_w - 1, true);
		x += name_w;
		ui_put_text(stdscr, y, x, f->id ? (f->folder ? f->folder : "") : "", folder_w - 1, true);
		x += folder_w;
		char sz[32] = "";
		if (f->size >= 0 && f->id)
			mt_format_size(f->size, sz, sizeof sz);
		ui_put_right(stdscr, y, x, sz, size_w - 1);
		x += size_w;
		char day[64] = "";
		if (f->created_at)
			mt_l10n_date(f->created_at, false, day, sizeof day);
		char *det = xasprintf("%s%s%s", f->detail ? f->detail : "", f->detail && day[0] ? "  " : "",
		                      day);
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y, x, det, det_w, false);
		ui_set(stdscr, R_NORMAL);
		free(det);
		if (i == a->audit_cur)
			mvwchgat(stdscr, y, 0, a->cols, ui_attr(R_CURSOR) & ~A_COLOR,
			         (short)PAIR_NUMBER(ui_attr(R_CURSOR)), NULL);
		y++;
	}
}

static void
open_finding(struct app *a, const struct mt_finding *f)
{
	if (f->id == NULL) {
		char *p = mt_sanitize(f->folder);
		ui_message(a, R_NORMAL, _("folder %s is empty; delete it from the remote pane (d)"), p);
		free(p);
		return;
	}
	struct mt_media m;
	mt_media_init(&m);
	m.id = f->id;
	m.filename = f->filename;
	m.folder = f->folder;
	m.size = f->size;
	m.created_at = f->created_at;
	detail_open(a, &m);   /* copies, then fetches every field */
}

struct alt_edit {
	char *id;
	size_t finding;
};

static void
on_alt_saved(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (!ui_req_done(q))
		return;
	if (err) {
		ui_error(a, _("setting alt text"), err);
		return;
	}
	if (item)
		remote_item_updated(a, item);
	ui_message(a, R_GOOD, "%s", _("alt text saved"));
}

static void
alt_entered(struct app *a, const char *text, void *arg)
{
	char *id = arg;
	if (text && *text) {
		struct mt_media_patch p = { .alt = text };
		struct mt_error err;
		mt_error_clear(&err);
		struct ui_req *q = ui_req_new(a, 0, 0, id);
		if (a->site.dialect->patch == NULL ||
		    a->site.dialect->patch(&a->site, id, &p, on_alt_saved, q, &err) < 0) {
			ui_req_done(q);
			ui_error(a, _("setting alt text"), &err);
		}
	}
	free(id);
}

static void
delete_dups(struct app *a, int only_group)
{
	struct mt_audit *au = &a->scan.audit;
	size_t n = 0;
	for (size_t i = 0; i < au->nfindings; i++) {
		const struct mt_finding *f = &au->findings[i];
		if (f->kind == MT_FIND_DUPLICATE && !f->keep && f->id && (only_group == 0 || f->group == only_group))
			n++;
	}
	if (n == 0) {
		ui_message(a, R_NORMAL, "%s", _("no duplicates to delete"));
		return;
	}
	char **ids = xcalloc(n, sizeof *ids), **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	for (size_t i = 0; i < au->nfindings && k < n; i++) {
		const struct mt_finding *f = &au->findings[i];
		if (f->kind == MT_FIND_DUPLICATE && !f->keep && f->id && (only_group == 0 || f->group == only_group)) {
			ids[k] = xstrdup(f->id);
			char day[64] = "";
			if (f->created_at)
				mt_l10n_date(f->created_at, false, day, sizeof day);
			names[k++] = xasprintf("%s %s", f->filename ? f->filename : "", day);
		}
	}
	remote_confirm_delete(a, ids, names, k, true);
}

int
audit_view_key(struct app *a, int is_key, wint_t ch)
{
	struct mt_audit *au = &a->scan.audit;
	size_t n = a->scan.done ? au->nfindings : 0;
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (a->audit_cur + 1 < n)
			a->audit_cur++;
		return UI_HANDLED;
	}
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (a->audit_cur > 0)
			a->audit_cur--;
		return UI_HANDLED;
	}
	if (is_key && ch == KEY_NPAGE) {
		a->audit_cur = a->audit_cur + 10 < n ? a->audit_cur + 10 : (n ? n - 1 : 0);
		return UI_HANDLED;
	}
	if (is_key && ch == KEY_PPAGE) {
		a->audit_cur = a->audit_cur > 10 ? a->audit_cur - 10 : 0;
		return UI_HANDLED;
	}
	if (is_key && (ch == KEY_ENTER || ch == KEY_RIGHT)) {
		if (a->audit_cur < n)
			open_finding(a, &au->findings[a->audit_cur]);
		return UI_HANDLED;
	}
	if (is_key && (ch == KEY_LEFT || ch == KEY_BACKSPACE)) {
		ui_view_open(a, VIEW_MAIN);
		return UI_HANDLED;
	}
	if (is_key)
		return UI_UNHANDLED;
	switch (ch) {
	case 'g': a->audit_cur = 0; return UI_HANDLED;
	case 'G': a->audit_cur = n ? n - 1 : 0; return UI_HANDLED;
	case '\r': case '\n': case 'l': case 'e':
		if (a->audit_cur < n)
			open_finding(a, &au->findings[a->audit_cur]);
		return UI_HANDLED;
	case 'a':
		if (a->audit_cur < n && au->findings[a->audit_cur].id) {
			const struct mt_finding *f = &au->findings[a->audit_cur];
			char *title = xasprintf(_("Alt text for %s"), f->filename ? f->filename : f->id);
			ui_prompt(a, title, "", alt_entered, NULL, xstrdup(f->id));
			free(title);
		}
		return UI_HANDLED;
	case 'd':
		if (a->audit_cur < n && au->findings[a->audit_cur].kind == MT_FIND_DUPLICATE)
			delete_dups(a, au->findings[a->audit_cur].group);
		return UI_HANDLED;
	case 'D':
		delete_dups(a, 0);
		return UI_HANDLED;
	case 'r':
		scan_start(a);
		return UI_HANDLED;
	case 'v':
		ui_view_open(a, VIEW_USAGE);
		return UI_HANDLED;
	case 'q': case 27: case 'h': case 127: case 8:
		ui_view_open(a, VIEW_MAIN);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}
