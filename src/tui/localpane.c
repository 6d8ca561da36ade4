/* localpane.c — the local pane: browse from the directory the last session
 * showed (else the working directory), see what each file really is, mark
 * files and upload them to the current remote folder. Type detection runs a few milliseconds per loop turn so a large
 * directory never stalls the interface. */
#include "config.h"

#include <dirent.h>
#include <fnmatch.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "i18n.h"
#include "place.h"
#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* This view's own state (a->local): no other file sees inside. */
enum { LOCAL_RECENT = 20 };
struct localpane {
	struct mt_localdir dir;
	bool *marked;
	size_t nmarked;
	size_t cur, top;
	bool hidden;
	bool detecting;
	uint64_t detect_timer;
	uint64_t watch_timer;       /* notices the directory vanishing */
	char *recent[LOCAL_RECENT]; /* directories visited, the latest first */
	size_t nrecent;
	size_t find_from;           /* the cursor before a type-ahead search */
	char err[300];
};

#define DETECT_BUDGET_MS 8

static void detect_tick(void *arg);

static void
schedule_detect(struct app *a)
{
	struct localpane *l = a->local;
	if (l->detect_timer == 0 && l->dir.next_detect < l->dir.n)
		l->detect_timer = mt_loop_timer_add(a->loop, 1, detect_tick, a);
}

static void
detect_tick(void *arg)
{
	struct app *a = arg;
	struct localpane *l = a->local;
	l->detect_timer = 0;
	mt_localdir_detect_some(&l->dir, &a->site, DETECT_BUDGET_MS);
	ui_dirty(a);
	schedule_detect(a);
}

#define WATCH_MS 1000

static void
remember_recent(struct localpane *l, const char *path)
{
	size_t i;
	for (i = 0; i < l->nrecent && strcmp(l->recent[i], path) != 0; i++)
		;
	char *keep = i < l->nrecent ? l->recent[i] : NULL;
	if (keep == NULL) {
		if (l->nrecent == LOCAL_RECENT)
			free(l->recent[--l->nrecent]);
		i = l->nrecent++;
		keep = xstrdup(path);
	}
	memmove(&l->recent[1], &l->recent[0], i * sizeof *l->recent);
	l->recent[0] = keep;
}

/* The directory shown, kept for the next start (a dropped link or a crash
 * costs no walk back); a failure is said once, the pane works on without. */
static void
remember_place(struct app *a, const char *path)
{
	static bool said;
	struct mt_error err;
	mt_error_clear(&err);
	if (a->profile && mt_place_save_local(a->profile->name, path, &err) < 0 && !said) {
		said = true;
		ui_error(a, NULL, &err);
	}
}

/* Lists `path` into the pane. With keep_marks (the same directory read
 * again), files still there stay marked. Returns -1 (err filled) when the
 * directory cannot be listed; the pane is then unchanged. */
static int
local_list(struct app *a, const char *path, const char *cursor_on, bool keep_marks,
           struct mt_error *err)
{
	struct localpane *l = a->local;
	struct mt_localdir d;
	if (mt_localdir_read(path, l->hidden, &d, err) < 0)
		return -1;
	if (l->detect_timer) {
		mt_loop_timer_cancel(a->loop, l->detect_timer);
		l->detect_timer = 0;
	}
	bool *marked = xcalloc(d.n + 1, sizeof *marked);
	size_t nmarked = 0;
	if (keep_marks && l->dir.path && l->nmarked)
		for (size_t i = 0; i < d.n; i++)
			for (size_t j = 0; j < l->dir.n; j++)
				if (l->marked[j] && strcmp(l->dir.v[j].name, d.v[i].name) == 0 &&
				    !d.v[i].is_dir && !d.v[i].is_special) {
					marked[i] = true;
					nmarked++;
					break;
				}
	if (l->dir.path == NULL || strcmp(l->dir.path, d.path) != 0)
		remember_place(a, d.path);
	mt_localdir_free(&l->dir);
	free(l->marked);
	l->dir = d;
	l->marked = marked;
	l->nmarked = nmarked;
	l->cur = l->top = 0;
	if (cursor_on)
		for (size_t i = 0; i < d.n; i++)
			if (strcmp(d.v[i].name, cursor_on) == 0)
				l->cur = i;
	remember_recent(l, d.path);
	/* the rows on screen first */
	schedule_detect(a);
	ui_dirty(a);
	return 0;
}

/* Opens `path`; when it cannot be listed (gone, renamed, unreadable), the
 * nearest parent that can, saying so. The pane is never left on a
 * directory that is not there. */
static void
local_open_said(struct app *a, const char *path, const char *cursor_on, bool last_time)
{
	struct localpane *l = a->local;
	struct mt_error err;
	mt_error_clear(&err);
	bool same = l->dir.path && strcmp(l->dir.path, path) == 0;
	if (local_list(a, path, cursor_on, same, &err) == 0)
		return;
	char *near = mt_localdir_nearest(path);
	char *why = xstrdup(err.message);
	mt_error_clear(&err);
	/* the way back from the vanished directory: the cursor on its next ancestor */
	char *from = NULL;
	size_t nl = strlen(near);
	if (strncmp(path, near, nl) == 0 && (path[nl] == '/' || nl == 1)) {
		const char *rest = path + nl + (nl == 1 ? 0 : 1);
		from = xstrndup(rest, strcspn(rest, "/"));
	}
	if (local_list(a, near, from, strcmp(near, l->dir.path ? l->dir.path : "") == 0, &err) == 0) {
		char *p = mt_sanitize(near);
		if (last_time) {
			char *gone = mt_sanitize(path);
			ui_message(a, R_WARN, _("%s, the directory shown last time, cannot be opened now; showing %s"),
			           gone, p);
			free(gone);
		} else {
			ui_message(a, R_WARN, _("%s; showing %s"), why, p);
		}
		free(p);
	} else {
		ui_error(a, NULL, &err);
	}
	free(from);
	free(why);
	free(near);
}

static void
local_open(struct app *a, const char *path, const char *cursor_on)
{
	local_open_said(a, path, cursor_on, false);
}

/* The directory shown vanished or became unreadable: move to what is left. */
static void
watch_tick(void *arg)
{
	struct app *a = arg;
	struct localpane *l = a->local;
	l->watch_timer = mt_loop_timer_add(a->loop, WATCH_MS, watch_tick, a);
	if (l->dir.path == NULL)
		return;
	DIR *d = opendir(l->dir.path);
	if (d) {
		closedir(d);
		return;
	}
	char *p = xstrdup(l->dir.path);
	local_open(a, p, NULL);
	free(p);
}

void
local_init(struct app *a)
{
	static struct localpane state;   /* one interface per process */
	a->local = &state;
	/* the directory the last session showed, else the working directory */
	char *last = a->profile ? mt_place_load_local(a->profile->name) : NULL;
	if (last)
		local_open_said(a, last, NULL, true);
	else
		local_open(a, ".", NULL);
	free(last);
	a->local->watch_timer = mt_loop_timer_add(a->loop, WATCH_MS, watch_tick, a);
}

void
local_free(struct app *a)
{
	struct localpane *l = a->local;
	if (l->detect_timer)
		mt_loop_timer_cancel(a->loop, l->detect_timer);
	if (l->watch_timer)
		mt_loop_timer_cancel(a->loop, l->watch_timer);
	mt_localdir_free(&l->dir);
	free(l->marked);
	for (size_t i = 0; i < l->nrecent; i++)
		free(l->recent[i]);
	memset(l, 0, sizeof *l);
}

void
local_draw(struct app *a, int y, int x, int h, int w, bool focused)
{
	struct localpane *l = a->local;
	struct mt_localdir *d = &l->dir;
	ui_set(stdscr, focused ? R_TITLE : R_TITLE_OFF);
	ui_fill(stdscr, y, x, w);
	char right[96] = "";
	if (l->nmarked) {
		int64_t bytes = 0;
		for (size_t i = 0; i < d->n; i++)
			if (l->marked[i])
				bytes += d->v[i].size;
		char sz[32];
		mt_format_size(bytes, sz, sizeof sz);
		snprintf(right, sizeof right, P_("%zu marked, %s ", "%zu marked, %s ", l->nmarked),
		         l->nmarked, sz);
	}
	int rw = mt_text_width(right);
	char *title = xasprintf(" %s %s", _("Local"), d->path ? d->path : "?");
	ui_put_text(stdscr, y, x, title, w - rw - 1, false);
	free(title);
	ui_put_right(stdscr, y, x + w - rw, right, rw);
	int size_w = MT_SIZE_CELLS + 1, type_w = w >= 60 ? 22 : (w >= 44 ? 14 : 0), mark_w = 2, warn_w = 2;
	int name_w = w - mark_w - size_w - type_w - warn_w;
	ui_set(stdscr, R_COLHEAD);
	ui_fill(stdscr, y + 1, x, w);
	ui_put_text(stdscr, y + 1, x + mark_w, _("Name"), name_w - 1, false);
	ui_put_right(stdscr, y + 1, x + mark_w + name_w, _("Size"), size_w - 1);
	if (type_w)
		ui_put_text(stdscr, y + 1, x + mark_w + name_w + size_w, _("Type"), type_w - 1, false);
	ui_set(stdscr, R_NORMAL);
	int body = h - 2, by = y + 2;
	if (d->n == 0) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, by, x + 1, _("(empty)"), w - 1, false);
		ui_set(stdscr, R_NORMAL);
		return;
	}
	if (l->cur >= d->n)
		l->cur = d->n - 1;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)body)
		l->top = l->cur - (size_t)body + 1;
	for (int i = 0; i < body && l->top + (size_t)i < d->n; i++) {
		size_t k = l->top + (size_t)i;
		struct mt_local_entry *e = &d->v[k];
		int yy = by + i;
		if (l->marked[k]) {
			ui_set(stdscr, R_MARK);
			mvwaddstr(stdscr, yy, x, G.mark);
		}
		ui_set(stdscr, e->is_dir ? R_DIR : R_NORMAL);
		if (e->is_dir) {
			char *name = xasprintf("%s/", e->name);
			ui_put_text(stdscr, yy, x + mark_w, name, name_w - 1, false);
			free(name);
		} else {
			ui_put_name(stdscr, yy, x + mark_w, e->name, name_w - 1, false);
		}
		ui_set(stdscr, R_NORMAL);
		char sz[32] = "";
		if (!e->is_dir)
			mt_format_size_fit(e->size, MT_SIZE_CELLS, sz, sizeof sz);
		ui_put_right(stdscr, yy, x + mark_w + name_w, sz, size_w - 1);
		if (type_w && !e->is_dir) {
			ui_set(stdscr, e->detected ? R_NORMAL : R_DIM);
			ui_put_text(stdscr, yy, x + mark_w + name_w + size_w,
			            e->detected ? (e->mime[0] ? e->mime : "?") : "\xe2\x80\xa6", type_w - 1, false);
			if (!e->detected && !a->utf8)
				ui_put_text(stdscr, yy, x + mark_w + name_w + size_w, "...", type_w - 1, false);
		}
		if (e->detected && (e->mismatch || e->refusal)) {
			ui_set(stdscr, e->refusal ? R_ERROR : R_WARN);
			mvwaddstr(stdscr, yy, x + w - warn_w, G.warn);
		}
		ui_set(stdscr, R_NORMAL);
		if (k == l->cur)
			mvwchgat(stdscr, yy, x, w, ui_attr(focused ? R_CURSOR : R_CURSOR_OFF) & ~A_COLOR,
			         (short)PAIR_NUMBER(ui_attr(focused ? R_CURSOR : R_CURSOR_OFF)), NULL);
	}
	/* what the warning mark under the cursor means, on the last row */
	struct mt_local_entry *e = &d->v[l->cur];
	if (focused && e->detected && (e->mismatch || e->refusal) && body > 2) {
		char *why;
		if (e->refusal)
			why = xasprintf("%s %s", G.warn, e->refusal);
		else
			why = xasprintf(_("%s content is %s, the name says otherwise"), G.warn, e->mime);
		ui_set(stdscr, e->refusal ? R_ERROR : R_WARN);
		ui_put_text(stdscr, y + h - 1, x, why, w, true);
		ui_set(stdscr, R_NORMAL);
		free(why);
	}
}

static void
move_cursor(struct app *a, long delta)
{
	struct localpane *l = a->local;
	if (l->dir.n == 0)
		return;
	long c = (long)l->cur + delta;
	if (c < 0)
		c = 0;
	if (c >= (long)l->dir.n)
		c = (long)l->dir.n - 1;
	l->cur = (size_t)c;
}

static void
go_up(struct app *a)
{
	struct localpane *l = a->local;
	if (l->dir.path == NULL || strcmp(l->dir.path, "/") == 0)
		return;
	char *from = xstrdup(mt_basename(l->dir.path));
	char *up = mt_localdir_parent(l->dir.path);
	local_open(a, up, from);
	free(up);
	free(from);
}

static void
set_mark(struct localpane *l, size_t i, bool on)
{
	struct mt_local_entry *e = &l->dir.v[i];
	if (e->is_dir || e->is_special)
		return;
	if (l->marked[i] != on) {
		l->marked[i] = on;
		if (on)
			l->nmarked++;
		else
			l->nmarked--;
	}
}

static void
mark_pattern(struct app *a, const char *text, void *arg)
{
	(void)arg;
	struct localpane *l = a->local;
	if (text == NULL || !*text)
		return;
	size_t n = 0;
	for (size_t i = 0; i < l->dir.n; i++) {
		if (fnmatch(text, l->dir.v[i].name, FNM_PERIOD) == 0 && !l->dir.v[i].is_dir) {
			set_mark(l, i, true);
			n++;
		}
	}
	char *p = mt_sanitize(text);
	ui_message(a, R_NORMAL, P_("%zu file matches %s", "%zu files match %s", n), n, p);
	free(p);
}

static void
upload_marked(struct app *a)
{
	struct localpane *l = a->local;
	size_t n = l->nmarked;
	char **paths;
	const char **known;   /* types the pane has detected already */
	if (n == 0) {
		struct mt_local_entry *e = l->dir.n ? &l->dir.v[l->cur] : NULL;
		if (e == NULL || e->is_dir || e->is_special) {
			ui_message(a, R_WARN, _("mark files with Space first"));
			return;
		}
		paths = xcalloc(1, sizeof *paths);
		known = xcalloc(1, sizeof *known);
		paths[0] = mt_localdir_entry_path(&l->dir, l->cur);
		known[0] = e->detected ? e->mime : NULL;
		n = 1;
	} else {
		paths = xcalloc(n, sizeof *paths);
		known = xcalloc(n, sizeof *known);
		size_t k = 0;
		for (size_t i = 0; i < l->dir.n && k < n; i++)
			if (l->marked[i]) {
				known[k] = l->dir.v[i].detected ? l->dir.v[i].mime : NULL;
				paths[k++] = mt_localdir_entry_path(&l->dir, i);
			}
		n = k;
	}
	const char *folder = remote_upload_folder(a);
	struct ui_upload_request up = { paths, known, n, folder };
	ui_post(a, &(struct ui_event){ UI_EV_UPLOAD, .upload = &up });
	free(known);
	mt_strv_free(paths, n);
	for (size_t i = 0; i < l->dir.n; i++)
		l->marked[i] = false;
	l->nmarked = 0;
}

/* Files of an upload that was declined before sending: marked again where
 * the pane still shows them. */
void
local_on_event(struct app *a, const struct ui_event *ev)
{
	struct localpane *l = a->local;
	if (ev->kind != UI_EV_UPLOAD_DECLINED || l == NULL)
		return;
	for (size_t i = 0; i < l->dir.n; i++) {
		char *path = mt_localdir_entry_path(&l->dir, i);
		for (size_t k = 0; k < ev->upload->n; k++)
			if (strcmp(path, ev->upload->paths[k]) == 0)
				set_mark(l, i, true);
		free(path);
	}
}

/* ---- going places: a typed path, home, recent directories, a name ---- */

static void goto_prompt(struct app *a, const char *initial);

/* A path that cannot be opened leaves the pane (and its marks) where it
 * was, and the prompt comes back with the text to fix: a typo moved the
 * pane to the nearest parent and lost the marks. */
static void
goto_done(struct app *a, const char *text, void *arg)
{
	(void)arg;
	if (text == NULL || *text == '\0')
		return;
	char *p = mt_localdir_expand(text, a->local->dir.path);
	struct mt_error err;
	mt_error_clear(&err);
	bool same = a->local->dir.path && strcmp(a->local->dir.path, p) == 0;
	if (local_list(a, p, NULL, same, &err) < 0) {
		ui_message(a, R_WARN, _("%s; the pane stays here (fix the path, or Esc)"), err.message);
		goto_prompt(a, text);
	}
	free(p);
}

/* Tab in "Go to directory": the directory's name as far as it is sure;
 * when several begin alike, how many, so the next letter can tell them. */
static char *
goto_complete(struct app *a, const char *text, void *arg)
{
	(void)arg;
	size_t n;
	char *done = mt_localdir_complete(text, a->local->dir.path, &n);
	if (n == 0)
		ui_message(a, R_WARN, "%s", _("no directory there begins with that"));
	else if (n > 1)
		ui_message(a, R_NORMAL, P_("%zu directory begins with that", "%zu directories begin with that",
		                           (unsigned long)n), n);
	return done;
}

static void
goto_prompt(struct app *a, const char *initial)
{
	ui_prompt(a, _("Go to directory (~ is home)"), initial, goto_done, NULL, NULL);
	ui_prompt_complete(a, goto_complete);
	ui_prompt_hint(a, _("Tab: complete  Enter: go  Esc: cancel"));
	ui_prompt_continue(a);
}

static void
recent_done(struct app *a, int index, const char *text, void *arg)
{
	(void)arg;
	(void)index;
	if (text == NULL)
		return;
	char *p = xstrdup(text);   /* the list changes as it opens */
	local_open(a, p, NULL);
	free(p);
}

/* The first entry whose name starts with `text` (case folded), else the
 * first that contains it; -1 when none does. */
static long
find_name(const struct localpane *l, const char *text)
{
	size_t n = strlen(text);
	for (size_t i = 0; i < l->dir.n; i++)
		if (!l->dir.v[i].is_parent && strncasecmp(l->dir.v[i].name, text, n) == 0)
			return (long)i;
	for (size_t i = 0; i < l->dir.n; i++)
		if (!l->dir.v[i].is_parent && strcasestr(l->dir.v[i].name, text))
			return (long)i;
	return -1;
}

static void
find_changed(struct app *a, const char *text, void *arg)
{
	(void)arg;
	struct localpane *l = a->local;
	long i = text && *text ? find_name(l, text) : -1;
	l->cur = i >= 0 ? (size_t)i : l->find_from;
	ui_dirty(a);
}

static void
find_done(struct app *a, const char *text, void *arg)
{
	(void)arg;
	struct localpane *l = a->local;
	if (text == NULL) {             /* Esc: back where the search started */
		l->cur = l->find_from;
		return;
	}
	if (*text && find_name(l, text) < 0) {
		char *p = mt_sanitize(text);
		ui_message(a, R_WARN, _("no name here contains %s"), p);
		free(p);
	}
}

static void
open_home(struct app *a)
{
	char *p = mt_localdir_expand("~", NULL);
	local_open(a, p, NULL);
	free(p);
}

enum ui_key
local_key(struct app *a, int is_key, wint_t ch)
{
	struct localpane *l = a->local;
	int page = a->rows > 8 ? a->rows - 6 : 1;
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: move_cursor(a, 1); return UI_HANDLED;
		case KEY_UP: move_cursor(a, -1); return UI_HANDLED;
		case KEY_NPAGE: move_cursor(a, page); return UI_HANDLED;
		case KEY_PPAGE: move_cursor(a, -page); return UI_HANDLED;
		case KEY_HOME: l->cur = 0; return UI_HANDLED;
		case KEY_END: move_cursor(a, (long)l->dir.n); return UI_HANDLED;
		case KEY_LEFT: case KEY_BACKSPACE: go_up(a); return UI_HANDLED;
		case KEY_RIGHT: case KEY_ENTER: goto enter;
		default: return UI_UNHANDLED;
		}
	}
	switch (ch) {
	case 'j': move_cursor(a, 1); return UI_HANDLED;
	case 'k': move_cursor(a, -1); return UI_HANDLED;
	case 6: move_cursor(a, page); return UI_HANDLED;
	case 2: move_cursor(a, -page); return UI_HANDLED;
	case 'g': l->cur = 0; return UI_HANDLED;
	case 'G': move_cursor(a, (long)l->dir.n); return UI_HANDLED;
	case 'h': case 127: case 8: go_up(a); return UI_HANDLED;
	case 'l': case '\r': case '\n':
	enter:
		if (l->dir.n && l->dir.v[l->cur].is_dir) {
			char *p = mt_localdir_entry_path(&l->dir, l->cur);
			local_open(a, p, NULL);
			free(p);
			return UI_HANDLED;
		}
		/* Enter on a picture previews it */
		if (!(l->dir.n && mt_preview_can_show(l->dir.v[l->cur].mime[0] ? l->dir.v[l->cur].mime : NULL,
		                                      l->dir.v[l->cur].name)))
			return UI_HANDLED;
		/* fall through */
	case 'P':
		if (l->dir.n && !l->dir.v[l->cur].is_dir && !l->dir.v[l->cur].is_special) {
			char *p = mt_localdir_entry_path(&l->dir, l->cur);
			preview_want_file(a, p);
			ui_view_open(a, VIEW_PREVIEW, &(struct ui_open_preview){ 50, 50, false });
			free(p);
		}
		return UI_HANDLED;
	case ' ':
		if (l->dir.n) {
			set_mark(l, l->cur, !l->marked[l->cur]);
			move_cursor(a, 1);
		}
		return UI_HANDLED;
	case 'a': {
		size_t files = 0;
		for (size_t i = 0; i < l->dir.n; i++)
			files += !l->dir.v[i].is_dir && !l->dir.v[i].is_special;
		bool all = l->nmarked == files;
		for (size_t i = 0; i < l->dir.n; i++)
			set_mark(l, i, !all);
		return UI_HANDLED;
	}
	case '*':
		ui_prompt(a, _("Mark files matching (e.g. *.jpg)"), "*", mark_pattern, NULL, NULL);
		return UI_HANDLED;
	case '.': {
		l->hidden = !l->hidden;
		char *p = xstrdup(l->dir.path);
		local_open(a, p, NULL);
		free(p);
		return UI_HANDLED;
	}
	case 'r': {
		char *p = xstrdup(l->dir.path);
		char *name = l->dir.n ? xstrdup(l->dir.v[l->cur].name) : NULL;
		local_open(a, p, name);
		free(p);
		free(name);
		return UI_HANDLED;
	}
	case 'u':
		upload_marked(a);
		return UI_HANDLED;
	case ':':
		goto_prompt(a, "");
		return UI_HANDLED;
	case '~':
		open_home(a);
		return UI_HANDLED;
	case '/':
		l->find_from = l->cur;
		ui_prompt(a, _("Find a name here (as you type)"), "", find_done, find_changed, NULL);
		return UI_HANDLED;
	case 'H':
		ui_pick(a, _("Recent directories"), l->recent, l->nrecent, l->nrecent > 1 ? 1 : 0,
		        recent_done, NULL);
		ui_pick_filterable(a);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}
