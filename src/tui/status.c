/* status.c — the header and the status line. The header shows the state a
 * person has set (folder, search, type filter, sort, uploads) whatever pane
 * is in front; the status line shows the keys that matter in the view, the
 * most useful first, as many as fit whole; a message too long for one line
 * takes two, and M shows it whole. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sanitize.h"
#include "siteop.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"



void
ui_draw_header(struct app *a)
{
	ui_set(stdscr, R_HEADER);
	ui_fill(stdscr, 0, 0, a->cols);
	/* the parts give way one step at a time (UI_GIVE_*), so that the
	 * folder, the search, the type filter and the sort stay readable */
	struct ui_parts ps = { 0 };
	char part[700];
	ui_parts_add(&ps, PACKAGE_NAME, NULL, 0, UI_GIVE_NAME);
	snprintf(part, sizeof part, "%s (%s)", a->profile->name, mt_site_api(&a->site));
	ui_parts_add(&ps, part, a->profile->name, UI_GIVE_API, UI_GIVE_PROFILE);
	remote_header(a, &ps);
	int left_n = ps.n;
	/* the uploads' state stands at the right, whole: on a narrow screen
	 * the folder gives way, not "paused" */
	char up[160];
	uploads_summary(a, up, sizeof up);
	ui_parts_add(&ps, up, NULL, 0, 0);
	int up_i = up[0] ? ps.n - 1 : -1;
	ui_parts_add(&ps, _("? help"), "?", UI_GIVE_HELP, 0);
	int help_i = ps.n - 1;
	/* a space at each end */
	mt_fit_parts(ps.p, ps.n, 2, a->cols - 2);
	char left[900];
	int help_w = mt_text_width(ps.p[help_i].shown) + 1;
	int right_w = help_w + 2;
	int up_w = up_i >= 0 ? mt_text_width(up) + 2 : 0;
	if (up_w > a->cols - right_w - 10) {
		up_w = 0;   /* too narrow for both: as before, after the rest */
		left_n = help_i;
	}
	ui_parts_join(&ps, 0, left_n, left + 1, sizeof left - 1);
	left[0] = ' ';
	ui_put_text(stdscr, 0, 0, left, a->cols - right_w - up_w, true);
	if (up_w)
		ui_put_right(stdscr, 0, a->cols - right_w - up_w, up, up_w);
	char help[32];
	snprintf(help, sizeof help, "%s ", ps.p[help_i].shown);
	ui_put_right(stdscr, 0, a->cols - right_w, help, right_w);
	ui_set(stdscr, R_NORMAL);
}

/* ---- the keys that matter, the most useful first ---- */

struct hint {
	const char *key, *what;
};

/* TRANSLATORS: the hint line: a key, then what it does in one or two words */
static const struct hint hints_remote[] = {
	{ "Enter", N_("open") }, { "/", N_("search") }, { "A", N_("audit") }, { "v", N_("usage") },
	{ "Tab", N_("pane") }, { "s", N_("sort") }, { "t", N_("type") }, { "d", N_("delete") },
	{ "M", N_("messages") }, { NULL, NULL } };
static const struct hint hints_local[] = {
	{ "Space", N_("mark") }, { "u", N_("upload") }, { ":", N_("path") }, { "/", N_("find") },
	{ "~", N_("home") }, { "H", N_("recent") }, { "Tab", N_("pane") }, { "*", N_("pattern") },
	{ "U", N_("panel") }, { "M", N_("messages") }, { NULL, NULL } };
static const struct hint hints_uploads[] = {
	{ "p", N_("pause/resume") }, { "x", N_("cancel") }, { "R", N_("retry") },
	{ "c", N_("clear") }, { "Enter", N_("why") }, { "U", N_("hide") }, { "Tab", N_("pane") },
	{ "M", N_("messages") }, { NULL, NULL } };
static const struct hint hints_detail[] = {
	{ "Enter", N_("edit") }, { "f", N_("focal") }, { "w", N_("save") }, { "d", N_("delete") },
	{ "q", N_("back") }, { "M", N_("messages") }, { NULL, NULL } };
static const struct hint hints_focal[] = {
	{ "Enter", N_("save") }, { "Esc", N_("cancel") }, { "hjkl", N_("move") }, { "HJKL", N_("by 10") },
	{ "n", N_("numbers") }, { "c", N_("centre") }, { "v", N_("crops") }, { NULL, NULL } };
static const struct hint hints_audit[] = {
	{ "Enter", N_("open") }, { "c", N_("content") }, { "a", N_("alt") }, { "D", N_("delete dups") },
	{ "]", N_("next kind") }, { "r", N_("rescan") }, { "v", N_("usage") }, { "q", N_("back") },
	{ "M", N_("messages") },
	{ NULL, NULL } };
static const struct hint hints_content[] = {
	{ "n", N_("next group") }, { "d", N_("delete the rest") }, { "Tab", N_("findings") },
	{ "c", N_("check again") }, { "q", N_("back") }, { "M", N_("messages") }, { NULL, NULL } };
static const struct hint hints_usage[] = {
	{ "Enter", N_("open") }, { "s", N_("sort") }, { "d", N_("delete") }, { "A", N_("audit") },
	{ "r", N_("rescan") }, { "q", N_("back") }, { "M", N_("messages") }, { NULL, NULL } };
static const struct hint hints_scroll[] = {
	{ "j/k", N_("scroll") }, { "q", N_("back") }, { NULL, NULL } };

static const struct hint *
hints_here(struct app *a)
{
	switch (a->view) {
	case VIEW_DETAIL:
		/* the details name their focal point editor in the help's heading */
		if (a->views[VIEW_DETAIL]->help && strcmp(a->views[VIEW_DETAIL]->help(a),
		                                          "Focal point editor") == 0)
			return hints_focal;
		return hints_detail;
	case VIEW_USAGE: return hints_usage;
	case VIEW_AUDIT: return audit_content_shown(a) ? hints_content : hints_audit;
	case VIEW_HELP: case VIEW_MESSAGES: return hints_scroll;
	case VIEW_PREVIEW: return hints_scroll;
	default:
		if (a->focus == PANE_LOCAL)
			return hints_local;
		if (a->focus == PANE_UPLOADS)
			return hints_uploads;
		return hints_remote;
	}
}

/* Whole hints, in order, while they fit in `width` cells from x. */
static void
draw_hints(struct app *a, int y, int x, int width)
{
	int end = x + width;
	for (const struct hint *h = hints_here(a); h->key; h++) {
		const char *what = _(h->what);
		int need = 1 + mt_text_width(h->key) + 1 + mt_text_width(what) + 1;
		if (x + need > end)
			continue;   /* a shorter one further on may still fit */
		ui_set(stdscr, R_STATUS);
		x += ui_put_text(stdscr, y, x, " ", 1, false);
		wattron(stdscr, A_BOLD);
		x += ui_put_text(stdscr, y, x, h->key, end - x, false);
		ui_set(stdscr, R_STATUS);
		x += ui_put_text(stdscr, y, x, " ", 1, false);
		x += ui_put_text(stdscr, y, x, what, end - x, false);
		x += ui_put_text(stdscr, y, x, " ", 1, false);
	}
	ui_set(stdscr, R_STATUS);
}

int
ui_status_rows(const struct app *a)
{
	if (!a->msg[0] || a->rows < 8)
		return 1;
	char *text = mt_sanitize(a->msg);
	int rows = mt_text_width(text) > a->cols ? 2 : 1;
	free(text);
	return rows;
}

/* The message on the status row; one too long for it takes the row above
 * too (ui_status_rows), and what still does not fit ends in "… M" (the log
 * has it whole). */
static void
draw_message(struct app *a, int y, int x)
{
	enum ui_role role = a->msg_role == R_ERROR ? R_ERROR : R_STATUS;
	char *text = mt_sanitize(a->msg);
	int w = a->cols - x;
	if (mt_text_width(text) > w && x > 0) {
		x = 0;                       /* the message matters more than the usage */
		w = a->cols;
	}
	if (mt_text_width(text) <= w || a->rows < 8) {
		ui_set(stdscr, role);
		if (role == R_ERROR)
			wattron(stdscr, A_REVERSE);
		ui_put_text(stdscr, y, x, text, w, true);
		free(text);
		return;
	}
	size_t take = mt_text_break(text, w - 1);
	char *first = xstrndup(text, take);
	const char *rest = text + take;
	while (*rest == ' ')
		rest++;
	ui_set(stdscr, role);
	if (role == R_ERROR)
		wattron(stdscr, A_REVERSE);
	ui_put_text(stdscr, y - 1, 0, first, a->cols, true);
	if (mt_text_width(rest) <= a->cols - 1) {
		ui_put_text(stdscr, y, 0, rest, a->cols, true);
	} else {
		const char *more = " M";
		ui_put_text(stdscr, y, 0, rest, a->cols - 2, true);
		wattron(stdscr, A_BOLD);
		ui_put_text(stdscr, y, a->cols - 2, more, 2, false);
	}
	free(first);
	free(text);
}

void
ui_draw_status(struct app *a)
{
	int y = a->rows - 1;
	ui_set(stdscr, R_STATUS);
	ui_fill(stdscr, y, 0, a->cols);
	int x = 0;
	int64_t used = scan_used_bytes(a);
	if (used < 0)   /* upload-only: what this profile uploaded, from the journal */
		used = remote_uploaded_bytes(a);
	int64_t plan = a->profile->plan_bytes;
	char buf[200];
	if (a->cols >= 60) {
		char u[32], p[32];
		if (used >= 0)
			mt_format_size(used, u, sizeof u);
		else
			snprintf(u, sizeof u, "%s", scan_running(a) && a->utf8 ? "\xe2\x80\xa6" : "?");
		if (plan > 0) {
			mt_format_size(plan, p, sizeof p);
			snprintf(buf, sizeof buf, " %s / %s ", u, p);
			x += ui_put_text(stdscr, y, x, buf, a->cols / 2, false);
			int bw = a->cols >= 100 ? 12 : 6;
			double frac = used >= 0 ? (double)used / (double)plan : 0;
			ui_bar(stdscr, y, x, bw, frac);
			x += bw;
			ui_set(stdscr, R_STATUS);
			if (used >= 0)
				snprintf(buf, sizeof buf, " %3d%% ", (int)(frac * 100 + 0.5));
			else
				snprintf(buf, sizeof buf, "  ?%% ");
			x += ui_put_text(stdscr, y, x, buf, 8, false);
		} else {
			char used_s[64];
			snprintf(used_s, sizeof used_s, _("used %s"), u);
			snprintf(buf, sizeof buf, " %s ", used_s);
			x += ui_put_text(stdscr, y, x, buf, a->cols / 3, false);
		}
		ui_set(stdscr, R_STATUS);
		mvwaddstr(stdscr, y, x, G.vline);
		x += 1;
	}
	const char *batch = ui_batch_line(a);
	if (a->msg[0])
		draw_message(a, y, x);
	else if (batch)   /* a delete or move held or retried: the line says it still runs */
		ui_put_text(stdscr, y, x, batch, a->cols - x, true);
	else if (a->msg_standing[0])   /* something still waited for (ui_message_standing) */
		ui_put_text(stdscr, y, x, a->msg_standing, a->cols - x, true);
	else if (!ui_dialog_active(a))   /* a question's keys are in its box, the view's wait */
		draw_hints(a, y, x, a->cols - x);
	ui_set(stdscr, R_NORMAL);
}
