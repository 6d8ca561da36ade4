/* usageview.c — storage used, against the plan, by folder and by type; a
 * cursor to walk it as in ncdu (] and [ from one section to the other):
 * sort by size or count, Enter shows the folder in the remote pane (a
 * type: in every folder, as it is counted here), d deletes a folder's
 * items with the usual confirmation (which names the folder, its count and
 * bytes), A audits just that folder.
 *
 * The numbers are the scan's and stay live (scan.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "l10n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "scan_state.h"
#include "ui.h"
#include "xalloc.h"

/* the view's own state */
static struct usage_state {
	size_t cur;                 /* among the folder rows, then the type rows */
	int top;                    /* the first screen line shown */
	bool by_count;              /* s: largest count first instead of largest size */
} st;

/* Sorts the scan's rows in place the way the view shows them. */
static void
sort_rows(struct app *a)
{
	mt_usage_sort(&a->scan->usage, st.by_count);
}

static size_t
nrows(const struct app *a)
{
	return a->scan->done ? a->scan->usage.nfolders + a->scan->usage.ntypes : 0;
}

/* The row under the cursor: a folder (is_folder) or a type. */
static const struct mt_usage_row *
current_row(struct app *a, bool *is_folder)
{
	struct mt_usage *u = &a->scan->usage;
	if (st.cur >= nrows(a))
		return NULL;
	*is_folder = st.cur < u->nfolders;
	return *is_folder ? &u->folders[st.cur] : &u->types[st.cur - u->nfolders];
}

static void
usage_row(struct app *a, int y, const struct mt_usage_row *row, int64_t max, int64_t all)
{
	int bar_w = a->cols >= 100 ? 30 : 14;
	int name_w = a->cols - bar_w - 9 - 9 - 6 - 6;
	char sz[32], cnt[32], pct[24], num[16];
	mt_format_size(row->bytes, sz, sizeof sz);
	snprintf(cnt, sizeof cnt, "%lld", (long long)row->count);
	mt_l10n_fixed(all > 0 ? 100.0 * (double)row->bytes / (double)all : 0.0, 4, 1, num, sizeof num);
	snprintf(pct, sizeof pct, "%s%%", num);
	int x = 1;
	ui_put_right(stdscr, y, x, sz, 9);
	x += 10;
	ui_put_right(stdscr, y, x, pct, 6);
	x += 7;
	int64_t v = st.by_count ? row->count : row->bytes;
	ui_bar(stdscr, y, x, bar_w, max > 0 ? (double)v / (double)max : 0);
	ui_set(stdscr, R_NORMAL);
	x += bar_w + 1;
	ui_put_right(stdscr, y, x, cnt, 7);
	x += 8;
	/* folders are paths; a type family is shown in words */
	ui_put_text(stdscr, y, x, mt_media_kind_label(row->name), name_w, false);
}

static void
draw_plan(struct app *a, int y)
{
	struct scan *s = a->scan;
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
}

void
usage_view_draw(struct app *a)
{
	struct scan *s = a->scan;
	int y = scan_draw_header(a, 1, _("Usage"));
	draw_plan(a, y);
	y += 2;
	if (!s->done) {
		if (!s->running && !s->err[0])
			ui_put_text(stdscr, y, 1, _("r starts a scan"), a->cols - 2, false);
		return;
	}
	char line[200];
	if (s->usage.unknown_size) {
		snprintf(line, sizeof line, P_("%lld item without a size is not counted",
		                               "%lld items without a size are not counted",
		                               (unsigned long)s->usage.unknown_size),
		         (long long)s->usage.unknown_size);
		ui_set(stdscr, R_WARN);
		ui_put_text(stdscr, y++, 1, line, a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	}
	sort_rows(a);
	struct mt_usage *u = &s->usage;
	size_t n = nrows(a);
	if (n && st.cur >= n)
		st.cur = n - 1;
	/* lines: heading, folders, blank, heading, types; the cursor's line in view */
	int body = a->rows - a->status_rows - y;
	int cur_line = (int)st.cur + 1 + (st.cur >= u->nfolders ? 2 : 0);
	if (cur_line < st.top + 1)
		st.top = cur_line > 1 ? cur_line - 1 : 0;
	if (st.cur == 0 || st.cur == u->nfolders)
		st.top = st.top < cur_line - 1 ? st.top : cur_line - 1;   /* show the heading */
	if (cur_line >= st.top + body)
		st.top = cur_line - body + 1;
	if (st.top < 0)
		st.top = 0;
	int line_no = 0;
	for (int part = 0; part < 2; part++) {
		const struct mt_usage_row *rows = part ? u->types : u->folders;
		size_t nr = part ? u->ntypes : u->nfolders;
		const char *heading = part ? (st.by_count ? _("By type (most items first)")
		                                          : _("By type (largest first)"))
		                           : (st.by_count ? _("By folder (most items first)")
		                                          : _("By folder (largest first)"));
		if (part && line_no++ >= st.top && y < a->rows - a->status_rows)
			y++;   /* the blank line between */
		if (line_no++ >= st.top && y < a->rows - a->status_rows) {
			ui_set(stdscr, R_COLHEAD);
			ui_put_text(stdscr, y++, 1, heading, a->cols - 2, false);
			ui_set(stdscr, R_NORMAL);
		}
		int64_t max = 0;
		for (size_t i = 0; i < nr; i++) {
			int64_t v = st.by_count ? rows[i].count : rows[i].bytes;
			max = v > max ? v : max;
		}
		for (size_t i = 0; i < nr; i++) {
			if (line_no++ < st.top || y >= a->rows - a->status_rows)
				continue;
			usage_row(a, y, &rows[i], max, u->bytes);
			if ((part ? u->nfolders + i : i) == st.cur)
				mvwchgat(stdscr, y, 0, a->cols, ui_attr(R_CURSOR) & ~A_COLOR,
				         (short)PAIR_NUMBER(ui_attr(R_CURSOR)), NULL);
			y++;
		}
	}
}

/* ] and [: the first row of the next section (the types after the
 * folders), or of this one (then the one before): a library with hundreds
 * of folders hides its types below them otherwise. */
static void
section_jump(struct app *a, int dir)
{
	struct mt_usage *u = &a->scan->usage;
	size_t n = nrows(a);
	if (n == 0)
		return;
	size_t cur = st.cur < n ? st.cur : n - 1;
	if (dir > 0) {
		if (cur < u->nfolders && u->ntypes > 0)
			st.cur = u->nfolders;
		else
			ui_message(a, R_NORMAL, "%s", cur < u->nfolders ? _("the rows by folder are the last")
			                                                 : _("the rows by type are the last"));
	} else if (cur > u->nfolders) {
		st.cur = u->nfolders;    /* the start of the types */
	} else {
		st.cur = 0;              /* the first type: the folders' first; a folder: theirs */
		st.top = 0;
	}
}

/* d on a folder: every item directly in it, through the usual delete
 * confirmation (and its backup offer). */
static void
delete_folder_items(struct app *a, const char *folder)
{
	struct scan *s = a->scan;
	size_t n = 0;
	for (size_t i = 0; i < s->nitems; i++)
		n += strcmp(s->items[i].folder ? s->items[i].folder : "/", folder) == 0;
	if (n == 0) {
		ui_message(a, R_NORMAL, "%s", _("nothing in this folder"));
		return;
	}
	char **ids = xcalloc(n, sizeof *ids), **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	int64_t bytes = 0;
	for (size_t i = 0; i < s->nitems && k < n; i++) {
		const struct mt_media *m = &s->items[i];
		if (strcmp(m->folder ? m->folder : "/", folder) != 0)
			continue;
		ids[k] = xstrdup(m->id);
		names[k++] = xstrdup(m->filename ? m->filename : m->id);
		bytes += m->size > 0 ? m->size : 0;
	}
	ui_batch_delete_folder(a, ids, names, k, folder, bytes);
}

static void
open_row(struct app *a)
{
	bool is_folder;
	const struct mt_usage_row *row = current_row(a, &is_folder);
	if (row == NULL)
		return;
	/* a look: q there comes back here */
	ui_post(a, &(struct ui_event){ is_folder ? UI_EV_SHOW_FOLDER : UI_EV_SHOW_TYPE, .id = row->name,
	                               .visit = true, .back = VIEW_USAGE });
	a->focus = PANE_REMOTE;
	ui_view_open(a, VIEW_MAIN, NULL);
	ui_message(a, R_NORMAL, _("%s: q goes back to usage"), row->name);
}

enum ui_key
usage_view_key(struct app *a, int is_key, wint_t ch)
{
	size_t n = nrows(a);
	bool is_folder = false;
	const struct mt_usage_row *row = current_row(a, &is_folder);
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: if (st.cur + 1 < n) st.cur++; return UI_HANDLED;
		case KEY_UP: if (st.cur > 0) st.cur--; return UI_HANDLED;
		case KEY_NPAGE: st.cur = st.cur + 10 < n ? st.cur + 10 : (n ? n - 1 : 0); return UI_HANDLED;
		case KEY_PPAGE: st.cur = st.cur > 10 ? st.cur - 10 : 0; return UI_HANDLED;
		case KEY_HOME: st.cur = 0; st.top = 0; return UI_HANDLED;
		case KEY_END: st.cur = n ? n - 1 : 0; return UI_HANDLED;
		case KEY_ENTER: case KEY_RIGHT: open_row(a); return UI_HANDLED;
		case KEY_DC: goto del;
		case KEY_LEFT: case KEY_BACKSPACE: ui_view_open(a, VIEW_MAIN, NULL); return UI_HANDLED;
		default: return UI_UNHANDLED;
		}
	}
	switch (ch) {
	case 'j': if (st.cur + 1 < n) st.cur++; return UI_HANDLED;
	case 'k': if (st.cur > 0) st.cur--; return UI_HANDLED;
	case 'g': st.cur = 0; st.top = 0; return UI_HANDLED;
	case 'G': st.cur = n ? n - 1 : 0; return UI_HANDLED;
	case '\r': case '\n': case 'l': open_row(a); return UI_HANDLED;
	case ']': section_jump(a, 1); return UI_HANDLED;
	case '[': section_jump(a, -1); return UI_HANDLED;
	case 's':
		st.by_count = !st.by_count;
		ui_message(a, R_NORMAL, "%s", st.by_count ? _("sorted by count") : _("sorted by size"));
		return UI_HANDLED;
	case 'd':
	del:
		if (row && is_folder)
			delete_folder_items(a, row->name);
		else if (row)
			ui_message(a, R_NORMAL, "%s", _("d deletes the items of a folder"));
		return UI_HANDLED;
	case 'A':
		ui_view_open(a, VIEW_AUDIT, &(struct ui_open_audit){
			row && is_folder ? row->name : NULL });
		return UI_HANDLED;
	case 'r': scan_start(a); return UI_HANDLED;
	case 'q': case 27: case 'h': case 127: case 8:
		ui_view_open(a, VIEW_MAIN, NULL);
		return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

/* The open of the table: the scan starts if it has not. */
static void
usage_view_open(struct app *a, const void *arg)
{
	(void)arg;
	if (!a->scan->running && !a->scan->done)
		scan_start(a);
}

static const char *
usage_help(struct app *a)
{
	(void)a;
	return "Usage";
}

const struct ui_view usage_view = {
	.name = "usage", .open = usage_view_open, .draw = usage_view_draw,
	.key = usage_view_key, .help = usage_help,
};
