/* remote.c — the remote pane: folders and media of the library in columns,
 * loaded a page at a time as the cursor nears the end; for upload-only
 * dialects, the upload history from the journal instead.
 *
 * Every request carries the listing generation it was made for; an answer
 * for a listing the user has left (another folder, search, sort) is dropped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "l10n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

#define PAGE 100
#define SEARCH_DEBOUNCE_MS 300

const char *const remote_sorts[3] = { "createdAt", "filename", "size" };
const char *const remote_types[4] = { NULL, "image", "document", "video" };
/* what people read for them: the values above are the API's */
/* TRANSLATORS: sort keys shown in the remote pane's title (keep them short) */
static const char *const sort_names[3] = { N_("date"), N_("name"), N_("size") };
/* TRANSLATORS: type filters shown in the remote pane's title (keep them short) */
static const char *const type_names[4] = { N_("all"), N_("image"), N_("document"), N_("video") };

/* A journal state ("done", "failed"...) in words; the journal keeps English. */
static const char *
history_state_name(const char *state)
{
	static const struct { const char *key, *name; } names[] = {
		{ "queued", N_("queued") }, { "checking", N_("checking") },
		{ "hashing", N_("hashing") }, { "starting", N_("starting") },
		{ "uploading", N_("uploading") }, { "confirming", N_("confirming") },
		{ "verifying", N_("verifying") }, { "done", N_("done") },
		{ "skipped", N_("skipped") }, { "failed", N_("failed") },
		{ "cancelled", N_("cancelled") },
	};
	if (state == NULL)
		return "?";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(state, names[i].key) == 0)
			return _(names[i].name);
	return state;
}

enum req_kind { RQ_PAGE, RQ_FOLDERS, RQ_REMOVE, RQ_PATCH_MOVE, RQ_FOLDER_CREATE, RQ_FOLDER_DELETE,
	RQ_BACKUP };

static void remote_fetch_more(struct app *a);

const char *
remote_folder(const struct app *a)
{
	return a->remote.folder ? a->remote.folder : "/";
}

/* ---- folders ---- */

static char *
parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL || slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void
compute_subs(struct remote *r)
{
	mt_strv_free(r->subs, r->nsubs);
	r->subs = NULL;
	r->nsubs = 0;
	const char *cur = r->folder ? r->folder : "/";
	if (r->search)
		return;   /* a search lists matching media only */
	r->subs = xcalloc(r->nfolders + 1, sizeof *r->subs);
	for (size_t i = 0; i < r->nfolders; i++) {
		const char *f = r->folders[i];
		if (strcmp(f, "/") == 0 || !mt_folder_path_valid(f))
			continue;
		char *p = parent_of(f);
		if (strcmp(p, cur) == 0)
			r->subs[r->nsubs++] = xstrdup(f);
		free(p);
	}
	qsort(r->subs, r->nsubs, sizeof *r->subs, cmp_str);
}

static void
set_folders(struct app *a, char *const *v, size_t n)
{
	struct remote *r = &a->remote;
	mt_strv_free(r->folders, r->nfolders);
	r->folders = xcalloc(n + 1, sizeof *r->folders);
	for (size_t i = 0; i < n; i++)
		r->folders[i] = xstrdup(v[i]);
	r->nfolders = n;
	qsort(r->folders, r->nfolders, sizeof *r->folders, cmp_str);
	compute_subs(r);
}

char *const *
remote_folder_list(struct app *a, size_t *n)
{
	*n = a->remote.nfolders;
	return a->remote.folders;
}

static void
on_folders(char *const *v, size_t n, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (!ui_req_done(q))
		return;
	if (err) {
		ui_error(a, _("listing folders"), err);
		return;
	}
	/* keep the cursor on the same row kind where possible */
	set_folders(a, v, n);
	ui_dirty(a);
}

void
remote_folders_reload(struct app *a)
{
	if (a->site.dialect->folders == NULL || !a->site.has_key)
		return;
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, a->remote.gen, RQ_FOLDERS, NULL);
	if (a->site.dialect->folders(&a->site, on_folders, q, &err) < 0) {
		ui_req_done(q);
		ui_error(a, _("listing folders"), &err);
	}
}

/* ---- rows ---- */

static bool
has_up_row(const struct remote *r)
{
	return r->mode == REMOTE_LIBRARY && r->folder && strcmp(r->folder, "/") != 0 && !r->search;
}

static size_t
nrows(const struct remote *r)
{
	if (r->mode == REMOTE_HISTORY)
		return r->nhist;
	return (has_up_row(r) ? 1 : 0) + r->nsubs + r->nitems;
}

/* What row i is: -1 the up row, 0..nsubs-1 a folder (in *idx), or an item. */
enum row_kind { ROW_UP, ROW_FOLDER, ROW_ITEM, ROW_NONE };

static enum row_kind
row_at(const struct remote *r, size_t i, size_t *idx)
{
	if (has_up_row(r)) {
		if (i == 0)
			return ROW_UP;
		i--;
	}
	if (i < r->nsubs) {
		*idx = i;
		return ROW_FOLDER;
	}
	i -= r->nsubs;
	if (i < r->nitems) {
		*idx = i;
		return ROW_ITEM;
	}
	return ROW_NONE;
}

/* ---- the listing ---- */

static void
clear_items(struct remote *r)
{
	for (size_t i = 0; i < r->nitems; i++)
		mt_media_free(&r->items[i]);
	free(r->items);
	free(r->marked);
	r->items = NULL;
	r->marked = NULL;
	r->nitems = r->cap = r->nmarked = 0;
	r->total = -1;
}

static void
on_page(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err,
        void *arg)
{
	struct app *a = arg;
	struct remote *r = &a->remote;
	r->loading = false;
	ui_dirty(a);
	if (err) {
		char line[560];
		mt_error_format(err, line, sizeof line);
		snprintf(r->err, sizeof r->err, "%s", line);
		r->want_end = false;
		ui_error(a, _("listing media"), err);
		return;
	}
	r->err[0] = '\0';
	if (r->nitems + page->nitems > r->cap) {
		size_t cap = r->cap ? r->cap : 128;
		while (cap < r->nitems + page->nitems)
			cap *= 2;
		r->items = xreallocarray(r->items, cap, sizeof *r->items);
		r->marked = xreallocarray(r->marked, cap, sizeof *r->marked);
		r->cap = cap;
	}
	for (size_t i = 0; i < page->nitems; i++) {
		mt_media_copy(&r->items[r->nitems], &page->items[i]);
		r->marked[r->nitems] = false;
		r->nitems++;
	}
	r->total = page->total;
	/* an empty or short page ends the list, whatever total the server claims */
	if (!mt_pager_more(p))
		r->total = (int64_t)r->nitems;
	if (page->folders && page->offset == 0)
		set_folders(a, page->folders, page->nfolders);
	if (!r->loaded_once) {
		r->loaded_once = true;
		a->first_page_ms = mt_now_ms();
		ui_trace(a, "first page %zu items of %lld", r->nitems, (long long)r->total);
		ui_dirty_now(a);   /* the first page is worth a frame at once */
		if (!a->scan.wanted)
			scan_start(a);   /* in the background: storage used for the status line */
	}
	if (r->want_end) {
		r->cur = nrows(r) ? nrows(r) - 1 : 0;
		if ((int64_t)r->nitems >= r->total)
			r->want_end = false;
	}
	remote_fetch_more(a);
}

/* The listing the pane shows, from its start (a new folder, search, sort). */
static void
new_listing(struct app *a)
{
	struct remote *r = &a->remote;
	bool keyed = a->site.has_key;
	struct mt_pager_spec spec = {
		.query = {
			.folder = r->search ? NULL : remote_folder(a),
			.type = remote_types[r->type],
			.search = keyed ? r->search : NULL,
			.sort = keyed ? remote_sorts[r->sort] : NULL,
			.order = keyed ? (r->asc ? "asc" : "desc") : NULL,
			.limit = PAGE,
		},
		.fn = on_page, .arg = a,
	};
	mt_pager_free(r->pager);   /* an answer for the listing left behind is dropped */
	r->pager = mt_pager_new(&a->site, &spec);
}

static void
fetch_page(struct app *a)
{
	struct remote *r = &a->remote;
	struct mt_error err;
	mt_error_clear(&err);
	r->loading = true;
	r->load_started = mt_now_ms();
	int rc = mt_pager_fetch(r->pager, &err);
	r->loading = mt_pager_loading(r->pager);
	if (rc < 0) {
		r->want_end = false;
		char line[560];
		mt_error_format(&err, line, sizeof line);
		snprintf(r->err, sizeof r->err, "%s", line);
		ui_error(a, _("listing media"), &err);
	}
	ui_dirty(a);
}

static int
visible_rows(const struct app *a)
{
	return a->rows > 6 ? a->rows - 4 : 1;
}

/* Loads the next page when the cursor is within two screens of the end. */
static void
remote_fetch_more(struct app *a)
{
	struct remote *r = &a->remote;
	if (r->mode != REMOTE_LIBRARY || r->loading || r->total < 0 || !mt_pager_more(r->pager))
		return;
	size_t n = nrows(r);
	if (r->want_end || r->cur + (size_t)visible_rows(a) * 2 >= n)
		fetch_page(a);
}

void
remote_reload(struct app *a, bool folders_too)
{
	struct remote *r = &a->remote;
	if (r->mode == REMOTE_HISTORY) {
		remote_history_reload(a);
		return;
	}
	r->gen++;
	clear_items(r);
	new_listing(a);
	r->err[0] = '\0';
	r->want_end = false;
	compute_subs(r);
	if (r->cur >= nrows(r))
		r->cur = 0;
	fetch_page(a);
	if (folders_too)
		remote_folders_reload(a);
}

static void
change_folder(struct app *a, const char *folder, const char *cursor_on)
{
	struct remote *r = &a->remote;
	free(r->folder);
	r->folder = xstrdup(folder);
	r->cur = r->top = 0;
	remote_reload(a, false);
	if (cursor_on) {
		for (size_t i = 0; i < r->nsubs; i++)
			if (strcmp(r->subs[i], cursor_on) == 0)
				r->cur = i + (has_up_row(r) ? 1 : 0);
	}
}

/* ---- history ---- */

void
remote_history_reload(struct app *a)
{
	struct remote *r = &a->remote;
	mt_history_free(r->hist, r->nhist);
	r->hist = NULL;
	r->nhist = 0;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_history_load(a->profile->name, &r->hist, &r->nhist, &err) < 0) {
		snprintf(r->err, sizeof r->err, "%s", err.message);
	} else {
		r->err[0] = '\0';
	}
	if (r->cur >= r->nhist)
		r->cur = r->nhist ? r->nhist - 1 : 0;
	r->total = (int64_t)r->nhist;
	ui_dirty(a);
}

/* ---- init ---- */

void
remote_init(struct app *a)
{
	struct remote *r = &a->remote;
	r->folder = xstrdup("/");
	r->total = -1;
	r->sort = 0;
	r->asc = false;
	if (!a->can_browse) {
		r->mode = REMOTE_HISTORY;
		remote_history_reload(a);
		if (!(a->site.dialect->caps & MT_CAP_BROWSE))
			return;
		if (!a->site.has_key)
			snprintf(r->err, sizeof r->err, "%s",
			         _("this profile has no key: the library cannot be listed"));
		return;
	}
	r->mode = REMOTE_LIBRARY;
	remote_reload(a, a->site.dialect->folders != NULL);
}

void
remote_free(struct app *a)
{
	struct remote *r = &a->remote;
	if (r->search_timer)
		mt_loop_timer_cancel(a->loop, r->search_timer);
	mt_pager_free(r->pager);
	clear_items(r);
	mt_strv_free(r->folders, r->nfolders);
	mt_strv_free(r->subs, r->nsubs);
	mt_history_free(r->hist, r->nhist);
	free(r->folder);
	free(r->search);
	memset(r, 0, sizeof *r);
}

/* ---- drawing ---- */

struct cols {
	int mark, name, type, size, dims, alt, created;
	int folder, matched;         /* search results: where, and which field matched */
};

static struct cols
layout(int w, bool search)
{
	struct cols c = { .mark = 2, .type = 9, .size = 10, .dims = 10, .alt = 5, .created = 11 };
	if (search) {
		/* where and why instead of when, how large in pixels and the type */
		c.created = c.dims = 0;
		c.type = w >= 90 ? 9 : 0;
		c.folder = w >= 90 ? 20 : 12;
		c.matched = w >= 90 ? 18 : 9;
	}
	int fixed = c.mark + c.type + c.size + c.dims + c.alt + c.created + c.folder + c.matched;
	if (w - fixed < 16 && c.created) {
		c.created = 0;
		fixed -= 11;
	}
	if (w - fixed < 16 && c.dims) {
		c.dims = 0;
		fixed -= 10;
	}
	if (w - fixed < 14) {
		c.type = 0;
		fixed -= 9;
	}
	c.name = w - fixed;
	if (c.name < 4)
		c.name = 4;
	return c;
}

static const char *
short_type(const char *mime, char *buf, size_t len)
{
	if (mime == NULL)
		return "?";
	const char *slash = strchr(mime, '/');
	snprintf(buf, len, "%s", slash ? slash + 1 : mime);
	return buf;
}

/* Which fields hold the search term, as the server does not say:
 * "name+alt text", "title", or "" (matched elsewhere). ASCII case is ignored. */
static void
matched_fields(const struct mt_media *m, const char *term, char *out, size_t len)
{
	const char *const names[] = { N_("name"), N_("alt text"), N_("title"), N_("description") };
	const char *const values[] = { m->filename, m->alt, m->title, m->description };
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < 4 && term && *term; i++)
		if (values[i] && strcasestr(values[i], term) && o < len)
			o += (size_t)snprintf(out + o, len - o, "%s%s", o ? "+" : "", _(names[i]));
}

static void
draw_item(struct app *a, int y, int x, struct cols c, const struct mt_media *m, bool marked)
{
	int cx = x;
	if (marked) {
		ui_set(stdscr, R_MARK);
		mvwaddstr(stdscr, y, cx, G.mark);
	}
	ui_set(stdscr, R_NORMAL);
	cx += c.mark;
	ui_put_text(stdscr, y, cx, m->filename ? m->filename : m->id, c.name - 1, true);
	cx += c.name;
	char buf[64];
	if (c.type) {
		ui_put_text(stdscr, y, cx, short_type(m->mime_type, buf, sizeof buf), c.type - 1, true);
		cx += c.type;
	}
	if (m->size >= 0)
		mt_format_size(m->size, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "-");
	ui_put_right(stdscr, y, cx, buf, c.size - 1);
	cx += c.size;
	if (c.dims) {
		if (m->width > 0 && m->height > 0)
			snprintf(buf, sizeof buf, "%d\xc3\x97%d", m->width, m->height);
		else
			snprintf(buf, sizeof buf, "-");
		if (!a->utf8 && m->width > 0)
			snprintf(buf, sizeof buf, "%dx%d", m->width, m->height);
		ui_put_right(stdscr, y, cx, buf, c.dims - 1);
		cx += c.dims;
	}
	bool is_image = m->mime_type && strncmp(m->mime_type, "image/", 6) == 0;
	const char *alt = m->alt && m->alt[0] ? _("alt") : (is_image ? _("--") : "");
	if (!(m->alt && m->alt[0]) && is_image)
		ui_set(stdscr, R_WARN);
	ui_put_text(stdscr, y, cx + 1, alt, c.alt - 1, true);
	ui_set(stdscr, R_NORMAL);
	cx += c.alt;
	if (c.created) {
		char day[64] = "";
		if (m->created_at)
			mt_l10n_date(m->created_at, true, day, sizeof day);
		ui_put_text(stdscr, y, cx, day, c.created - 1, true);
		cx += c.created;
	}
	if (c.folder) {
		ui_put_text(stdscr, y, cx, m->folder ? m->folder : "/", c.folder - 1, true);
		cx += c.folder;
		char why[64];
		matched_fields(m, a->remote.search, why, sizeof why);
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y, cx, why, c.matched - 1, true);
		ui_set(stdscr, R_NORMAL);
	}
}

static void
draw_history_row(struct app *a, int y, int x, int w, const struct mt_history_rec *h)
{
	(void)a;
	int state_w = 11, size_w = 9;
	int name_w = (w - state_w - size_w) / 2;
	if (name_w < 8)
		name_w = 8;
	int ref_w = w - name_w - state_w - size_w;
	ui_put_text(stdscr, y, x + 1, h->name ? h->name : h->path, name_w - 1, true);
	bool failed = h->state && strcmp(h->state, "failed") == 0;
	bool done = h->state && (strcmp(h->state, "done") == 0 || strcmp(h->state, "skipped") == 0);
	ui_set(stdscr, failed ? R_ERROR : done ? R_GOOD : R_WARN);
	ui_put_text(stdscr, y, x + name_w, history_state_name(h->state), state_w - 1, true);
	ui_set(stdscr, R_NORMAL);
	char buf[32] = "-";
	if (h->size >= 0)
		mt_format_size(h->size, buf, sizeof buf);
	ui_put_right(stdscr, y, x + name_w + state_w, buf, size_w - 1);
	const char *ref = failed && h->error ? h->error
	                  : h->id ? h->id : h->storage_key ? h->storage_key : h->url ? h->url : "";
	char *both = NULL;
	if (!failed && h->id && h->url)
		both = xasprintf("%s  %s", h->id, h->url);
	ui_put_text(stdscr, y, x + name_w + state_w + size_w, both ? both : ref, ref_w - 1, true);
	free(both);
}

void
remote_draw(struct app *a, int y, int x, int h, int w, bool focused)
{
	struct remote *r = &a->remote;
	/* title */
	ui_set(stdscr, focused ? R_TITLE : R_TITLE_OFF);
	ui_fill(stdscr, y, x, w);
	char title[800], count[96];
	if (r->mode == REMOTE_HISTORY) {
		snprintf(title, sizeof title, " %s  %zu", _("Upload history"), r->nhist);
	} else {
		size_t idx = 0;
		char pos[32] = "";
		if (row_at(r, r->cur, &idx) == ROW_ITEM)
			snprintf(pos, sizeof pos, "#%zu  ", idx + 1);
		if (r->total >= 0) {
			/* TRANSLATORS: items loaded of the total in the pane's title */
			size_t l = (size_t)snprintf(count, sizeof count, "%s", pos);
			snprintf(count + l, sizeof count - l, _("%zu of %lld"), r->nitems,
			         (long long)r->total);
		}
		else
			snprintf(count, sizeof count, "%s", r->loading ? _("loading") : "");
		char *s = r->search ? mt_sanitize(r->search) : NULL;
		snprintf(title, sizeof title, " %s %s%s%s%s  %s%s  %s", _("Remote"), remote_folder(a),
		         s ? "  /" : "", s ? s : "", s ? "/" : "", _(sort_names[r->sort]),
		         a->utf8 ? (r->asc ? "\xe2\x86\x91" : "\xe2\x86\x93") : (r->asc ? "^" : "v"),
		         r->type ? _(type_names[r->type]) : "");
		free(s);
		if (r->nmarked) {
			size_t l = strlen(title);
			snprintf(title + l, sizeof title - l, "  ");
			l = strlen(title);
			snprintf(title + l, sizeof title - l, P_("%zu marked", "%zu marked", r->nmarked),
			         r->nmarked);
		}
		int cw = mt_text_width(count) + 2;
		ui_put_right(stdscr, y, x + w - cw, count, cw - 1);
		w -= 0;
		ui_put_text(stdscr, y, x, title, w - cw, false);
	}
	if (r->mode == REMOTE_HISTORY)
		ui_put_text(stdscr, y, x, title, w, false);
	/* column heads */
	struct cols c = layout(w, r->search != NULL);
	ui_set(stdscr, R_COLHEAD);
	ui_fill(stdscr, y + 1, x, w);
	if (r->mode == REMOTE_LIBRARY) {
		int cx = x + c.mark;
		ui_put_text(stdscr, y + 1, cx, _("Name"), c.name - 1, false);
		cx += c.name;
		if (c.type) {
			ui_put_text(stdscr, y + 1, cx, _("Type"), c.type - 1, false);
			cx += c.type;
		}
		ui_put_right(stdscr, y + 1, cx, _("Size"), c.size - 1);
		cx += c.size;
		if (c.dims) {
			ui_put_right(stdscr, y + 1, cx, _("W\xc3\x97H") , c.dims - 1);
			if (!a->utf8)
				ui_put_right(stdscr, y + 1, cx, "WxH", c.dims - 1);
			cx += c.dims;
		}
		ui_put_text(stdscr, y + 1, cx + 1, _("Alt"), c.alt - 1, false);
		cx += c.alt;
		if (c.created) {
			ui_put_text(stdscr, y + 1, cx, _("Created"), c.created - 1, false);
			cx += c.created;
		}
		if (c.folder) {
			ui_put_text(stdscr, y + 1, cx, _("Folder"), c.folder - 1, false);
			ui_put_text(stdscr, y + 1, cx + c.folder, _("Matched"), c.matched - 1, false);
		}
	} else {
		ui_put_text(stdscr, y + 1, x + 1, _("Name / state / size / id, key or url"), w - 1, false);
	}
	ui_set(stdscr, R_NORMAL);
	int body = h - 2, by = y + 2;
	size_t n = nrows(r);
	if (r->err[0] && n == 0) {
		ui_set(stdscr, R_ERROR);
		ui_put_text(stdscr, by, x + 1, r->err, w - 1, false);
		ui_set(stdscr, R_NORMAL);
		return;
	}
	if (n == 0) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, by, x + 1,
		            r->loading ? _("loading\xe2\x80\xa6") : r->mode == REMOTE_HISTORY
		            ? _("no uploads yet") : _("(empty)"), w - 1, false);
		ui_set(stdscr, R_NORMAL);
		return;
	}
	if (r->cur >= n)
		r->cur = n - 1;
	if (r->cur < r->top)
		r->top = r->cur;
	if (r->cur >= r->top + (size_t)body)
		r->top = r->cur - (size_t)body + 1;
	for (int i = 0; i < body && r->top + (size_t)i < n; i++) {
		size_t row = r->top + (size_t)i;
		int yy = by + i;
		if (r->mode == REMOTE_HISTORY) {
			draw_history_row(a, yy, x, w, &r->hist[row]);
		} else {
			size_t idx = 0;
			enum row_kind k = row_at(r, row, &idx);
			if (k == ROW_UP) {
				ui_set(stdscr, R_DIR);
				ui_put_text(stdscr, yy, x + c.mark, "../", c.name, false);
			} else if (k == ROW_FOLDER) {
				ui_set(stdscr, R_DIR);
				const char *slash = strrchr(r->subs[idx], '/');
				char *name = xasprintf("%s/", slash ? slash + 1 : r->subs[idx]);
				ui_put_text(stdscr, yy, x + c.mark, name, c.name - 1, false);
				free(name);
			} else if (k == ROW_ITEM) {
				draw_item(a, yy, x, c, &r->items[idx], r->marked[idx]);
			}
			ui_set(stdscr, R_NORMAL);
		}
		if (row == r->cur)
			mvwchgat(stdscr, yy, x, w, ui_attr(focused ? R_CURSOR : R_CURSOR_OFF) & ~A_COLOR,
			         (short)PAIR_NUMBER(ui_attr(focused ? R_CURSOR : R_CURSOR_OFF)), NULL);
	}
	/* the error of the last page, under the list */
	if (r->err[0] && (int)(n - r->top) < body) {
		ui_set(stdscr, R_ERROR);
		ui_put_text(stdscr, by + (int)(n - r->top), x + 1, r->err, w - 1, false);
		ui_set(stdscr, R_NORMAL);
	} else if (r->mode == REMOTE_LIBRARY && !r->loading && r->total == 0 && r->nsubs == 0 &&
	           (int)(n - r->top) < body) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, by + (int)(n - r->top), x + c.mark, r->search ? _("(nothing found)")
		            : _("(empty)"), w - c.mark, false);
		ui_set(stdscr, R_NORMAL);
	} else if (r->loading && (int)(n - r->top) < body) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, by + (int)(n - r->top), x + 1, _("loading more\xe2\x80\xa6"), w - 1, false);
		ui_set(stdscr, R_NORMAL);
	}
}

/* ---- actions ---- */

static struct mt_media *
current_item(struct app *a)
{
	struct remote *r = &a->remote;
	size_t idx;
	if (r->mode == REMOTE_LIBRARY && row_at(r, r->cur, &idx) == ROW_ITEM)
		return &r->items[idx];
	return NULL;
}

static void
remove_row(struct app *a, const char *id)
{
	struct remote *r = &a->remote;
	for (size_t i = 0; i < r->nitems; i++) {
		if (strcmp(r->items[i].id, id) == 0) {
			if (r->marked[i])
				r->nmarked--;
			mt_media_free(&r->items[i]);
			memmove(&r->items[i], &r->items[i + 1], (r->nitems - i - 1) * sizeof *r->items);
			memmove(&r->marked[i], &r->marked[i + 1], (r->nitems - i - 1) * sizeof *r->marked);
			r->nitems--;
			if (r->total > 0)
				r->total--;
			if (r->pager)
				mt_pager_forget(r->pager, 1);   /* the next page starts one earlier */
			break;
		}
	}
}

static void
update_row(struct app *a, const struct mt_media *m)
{
	struct remote *r = &a->remote;
	for (size_t i = 0; i < r->nitems; i++) {
		if (strcmp(r->items[i].id, m->id) == 0) {
			bool moved = m->folder && r->items[i].folder && !r->search &&
			             strcmp(m->folder, r->items[i].folder) != 0;
			if (moved) {
				remove_row(a, m->id);
				return;
			}
			mt_media_free(&r->items[i]);
			mt_media_copy(&r->items[i], m);
		}
	}
}

void
remote_on_event(struct app *a, const struct ui_event *ev)
{
	struct remote *r = &a->remote;
	switch (ev->kind) {
	case UI_EV_ITEM_EDITED: update_row(a, ev->item); break;
	case UI_EV_ITEM_DELETED: remove_row(a, ev->id); break;
	case UI_EV_SHOW_FOLDER:
		if (r->mode != REMOTE_LIBRARY)
			break;
		free(r->search);
		r->search = NULL;
		change_folder(a, ev->id, NULL);
		break;
	case UI_EV_SHOW_TYPE:
		if (r->mode != REMOTE_LIBRARY)
			break;
		for (int i = 1; i < 4; i++)
			if (strcmp(remote_types[i], ev->id) == 0 && r->type != i) {
				r->type = i;
				r->cur = r->top = 0;
				remote_reload(a, false);
			}
		break;
	default: break;
	}
}

void
remote_item_updated(struct app *a, const struct mt_media *m)
{
	ui_post(a, &(struct ui_event){ UI_EV_ITEM_EDITED, .item = m });
}

void
remote_item_removed(struct app *a, const char *id)
{
	ui_post(a, &(struct ui_event){ UI_EV_ITEM_DELETED, .id = id });
}

/* n/N in the details: the next or previous item row of the listing. */
static bool
remote_step(struct app *a, int dir)
{
	struct remote *r = &a->remote;
	size_t n = nrows(r), idx;
	for (size_t i = r->cur; dir > 0 ? i + 1 < n : i > 0;) {
		i = dir > 0 ? i + 1 : i - 1;
		if (row_at(r, i, &idx) == ROW_ITEM) {
			r->cur = i;
			remote_fetch_more(a);
			remote_open_item(a, &r->items[idx]);
			return true;
		}
	}
	return false;
}

void
remote_open_item(struct app *a, const struct mt_media *m)
{
	detail_open(a, m);
	detail_set_stepper(a, remote_step);
}

/* -- delete: a batch worked through one request at a time -- */

struct batch {
	struct app *a;
	char **ids, **names;
	char *folder;        /* move: the destination */
	size_t n, next;
	int ok, failed;
	char first_err[560];
	bool move;
	char *backup_dir;    /* delete: download each original here first */
};

static void batch_next(struct batch *b);
static char *remote_backup_dir(struct app *a);

static void
batch_free(struct batch *b)
{
	mt_strv_free(b->ids, b->n);
	mt_strv_free(b->names, b->n);
	free(b->folder);
	free(b->backup_dir);
	free(b);
}

static void
batch_step_done(struct batch *b, const char *id, const struct mt_error *err)
{
	struct app *a = b->a;
	if (err) {
		b->failed++;
		if (!b->first_err[0]) {
			char line[500];
			mt_error_format(err, line, sizeof line);
			snprintf(b->first_err, sizeof b->first_err, "%s", line);
		}
	} else {
		b->ok++;
		if (!b->move)
			remote_item_removed(a, id);
	}
	batch_next(b);
}

static void
on_removed(const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct batch *b = q->p;
	char *id = xstrdup(q->s);
	bool live = ui_req_done(q);
	if (!live) {
		free(id);
		batch_free(b);
		return;
	}
	batch_step_done(b, id, err);
	free(id);
}

static void
on_moved(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct batch *b = q->p;
	char *id = xstrdup(q->s);
	bool live = ui_req_done(q);
	if (!live) {
		free(id);
		batch_free(b);
		return;
	}
	if (item && !err)
		remote_item_updated(b->a, item);
	batch_step_done(b, id, err);
	free(id);
}

/* Backup before delete: read the item, download its original, then delete.
 * Nothing is deleted whose download did not complete. */
static void
on_backed_up(const char *saved_path, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct batch *b = q->p;
	char *id = xstrdup(q->s);
	if (!ui_req_done(q)) {
		free(id);
		batch_free(b);
		return;
	}
	if (err) {
		struct mt_error e = *err;
		mt_error_prefix(&e, _("%s not deleted, backup failed: "), id);
		batch_step_done(b, id, &e);
		free(id);
		return;
	}
	struct app *a = b->a;
	struct mt_error e2;
	mt_error_clear(&e2);
	struct ui_req *r = ui_req_new(a, 0, RQ_REMOVE, id);
	r->p = b;
	if (a->site.dialect->remove(&a->site, id, on_removed, r, &e2) < 0) {
		ui_req_done(r);
		batch_step_done(b, id, &e2);
	}
	free(id);
}

static void
on_got_for_backup(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct batch *b = q->p;
	char *id = xstrdup(q->s);
	if (!ui_req_done(q)) {
		free(id);
		batch_free(b);
		return;
	}
	struct mt_error e2;
	mt_error_clear(&e2);
	if (err) {
		batch_step_done(b, id, err);
		free(id);
		return;
	}
	struct ui_req *r = ui_req_new(b->a, 0, RQ_BACKUP, id);
	r->p = b;
	if (mt_site_download_start(&b->a->site, item, b->backup_dir, on_backed_up, r, &e2) < 0) {
		ui_req_done(r);
		mt_error_prefix(&e2, _("%s not deleted, backup failed: "), id);
		batch_step_done(b, id, &e2);
	}
	free(id);
}

static void
batch_next(struct batch *b)
{
	struct app *a = b->a;
	while (b->next < b->n) {
		size_t i = b->next++;
		struct mt_error err;
		mt_error_clear(&err);
		struct ui_req *q = ui_req_new(a, 0, b->move ? RQ_PATCH_MOVE : RQ_REMOVE, b->ids[i]);
		q->p = b;
		int rc;
		if (b->move) {
			struct mt_media_patch p = { .folder = b->folder };
			rc = a->site.dialect->patch(&a->site, b->ids[i], &p, on_moved, q, &err);
		} else if (b->backup_dir) {
			q->kind = RQ_BACKUP;
			rc = a->site.dialect->get(&a->site, b->ids[i], on_got_for_backup, q, &err);
		} else {
			rc = a->site.dialect->remove(&a->site, b->ids[i], on_removed, q, &err);
		}
		if (rc == 0) {
			ui_message(a, R_NORMAL, b->move ? _("moving %zu of %zu\xe2\x80\xa6")
			           : _("deleting %zu of %zu\xe2\x80\xa6"), i + 1, b->n);
			return;
		}
		ui_req_done(q);
		b->failed++;
		if (!b->first_err[0])
			mt_error_format(&err, b->first_err, sizeof b->first_err);
	}
	/* all done */
	char *e = mt_sanitize(b->first_err);
	if (b->failed)
		ui_message(a, R_ERROR, b->move ? P_("moved %d, %d failed: %s", "moved %d, %d failed: %s",
		                                    (unsigned long)b->failed)
		                               : P_("deleted %d, %d failed: %s", "deleted %d, %d failed: %s",
		                                    (unsigned long)b->failed),
		           b->ok, b->failed, e);
	else if (b->backup_dir) {
		char *dir = mt_sanitize(b->backup_dir);
		ui_message(a, R_GOOD, P_("deleted %d, original in %s", "deleted %d, originals in %s",
		                         (unsigned long)b->ok), b->ok, dir);
		free(dir);
	} else if (b->move)
		ui_message(a, R_GOOD, P_("moved %d item to %s", "moved %d items to %s", (unsigned long)b->ok),
		           b->ok, b->folder ? b->folder : "");
	else
		ui_message(a, R_GOOD, P_("deleted %d item", "deleted %d items", (unsigned long)b->ok), b->ok);
	free(e);
	if (b->move)
		remote_reload(a, false);
	/* marks on what is gone are gone; clear the rest */
	struct remote *r = &a->remote;
	if (!b->failed) {
		for (size_t i = 0; i < r->nitems; i++)
			r->marked[i] = false;
		r->nmarked = 0;
	}
	batch_free(b);
	ui_dirty(a);
}

static void
delete_answer(struct app *a, int choice, void *arg)
{
	struct batch *b = arg;
	if (choice != 'y' && choice != 'b') {
		batch_free(b);
		ui_message(a, R_NORMAL, _("nothing deleted"));
		return;
	}
	if (choice == 'b')
		b->backup_dir = remote_backup_dir(a);
	batch_next(b);
}

/* $XDG_DATA_HOME/mediatui/backups/PROFILE (default ~/.local/share/...). */
static char *
remote_backup_dir(struct app *a)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *base = xdg && xdg[0] == '/' ? xasprintf("%s/mediatui/backups", xdg)
	                                  : xasprintf("%s/.local/share/mediatui/backups",
	                                              home && *home ? home : ".");
	char *dir = xasprintf("%s/%s", base, a->site.profile->name);
	free(base);
	return dir;
}

void
remote_confirm_delete(struct app *a, char **ids, char **names, size_t n, bool backup_offer)
{
	if (a->site.dialect->remove == NULL || !a->site.has_key) {
		ui_message(a, R_WARN, _("this profile cannot delete media"));
		mt_strv_free(ids, n);
		mt_strv_free(names, n);
		return;
	}
	struct batch *b = xcalloc(1, sizeof *b);
	b->a = a;
	b->ids = ids;
	b->names = names;
	b->n = n;
	size_t shown = n < 8 ? n : 8;
	char *s = xasprintf(P_("Delete %zu item from the library? This cannot be undone.",
	                       "Delete %zu items from the library? This cannot be undone.", n), n);
	for (size_t i = 0; i < shown; i++) {
		char *clean = mt_sanitize(names[i] ? names[i] : ids[i]);
		char *id = mt_sanitize(ids[i]);
		char *t = xasprintf("%s\n  %s  (%s)", s, clean, id);
		free(clean);
		free(id);
		free(s);
		s = t;
	}
	if (n > shown) {
		char *t = xasprintf(_("%s\n  \xe2\x80\xa6 and %zu more"), s, n - shown);
		free(s);
		s = t;
	}
	bool can_backup = backup_offer && a->site.dialect->get != NULL;
	if (can_backup) {
		char *t = xasprintf(_("%s\n\ny: delete   b: back up the originals first, then delete   n: keep"), s);
		free(s);
		s = t;
	}
	ui_confirm(a, _("Delete"), s, can_backup ? "ybn" : "yn", delete_answer, b);
	free(s);
}

static void
delete_selection(struct app *a)
{
	struct remote *r = &a->remote;
	size_t n = r->nmarked;
	if (n == 0) {
		struct mt_media *m = current_item(a);
		if (m == NULL)
			return;
		char **ids = xcalloc(1, sizeof *ids), **names = xcalloc(1, sizeof *names);
		ids[0] = xstrdup(m->id);
		names[0] = xstrdup(m->filename ? m->filename : m->id);
		remote_confirm_delete(a, ids, names, 1, true);
		return;
	}
	char **ids = xcalloc(n, sizeof *ids), **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	for (size_t i = 0; i < r->nitems && k < n; i++) {
		if (!r->marked[i])
			continue;
		ids[k] = xstrdup(r->items[i].id);
		names[k] = xstrdup(r->items[i].filename ? r->items[i].filename : r->items[i].id);
		k++;
	}
	remote_confirm_delete(a, ids, names, k, true);
}

/* -- move -- */

static void
move_picked(struct app *a, int index, void *arg)
{
	struct batch *b = arg;
	size_t nf;
	char *const *folders = remote_folder_list(a, &nf);
	if (index < 0 || (size_t)index >= nf) {
		batch_free(b);
		return;
	}
	b->folder = xstrdup(folders[index]);
	batch_next(b);
}

static void
move_selection(struct app *a)
{
	struct remote *r = &a->remote;
	if (a->site.dialect->patch == NULL || !a->site.has_key) {
		ui_message(a, R_WARN, _("this profile cannot edit media"));
		return;
	}
	size_t nf;
	char *const *folders = remote_folder_list(a, &nf);
	if (nf == 0) {
		ui_message(a, R_WARN, _("no folders known yet"));
		return;
	}
	struct batch *b = xcalloc(1, sizeof *b);
	b->a = a;
	b->move = true;
	size_t n = r->nmarked ? r->nmarked : 1;
	b->ids = xcalloc(n, sizeof *b->ids);
	b->names = xcalloc(n, sizeof *b->names);
	if (r->nmarked) {
		for (size_t i = 0; i < r->nitems && b->n < n; i++)
			if (r->marked[i]) {
				b->ids[b->n] = xstrdup(r->items[i].id);
				b->names[b->n++] = xstrdup(r->items[i].filename ? r->items[i].filename : "");
			}
	} else {
		struct mt_media *m = current_item(a);
		if (m == NULL) {
			batch_free(b);
			return;
		}
		b->ids[0] = xstrdup(m->id);
		b->names[0] = xstrdup(m->filename ? m->filename : "");
		b->n = 1;
	}
	char *title = xasprintf(P_("Move %zu item to", "Move %zu items to", b->n), b->n);
	size_t initial = 0;
	for (size_t i = 0; i < nf; i++)
		if (strcmp(folders[i], remote_folder(a)) == 0)
			initial = i;
	ui_pick(a, title, folders, nf, initial, move_picked, b);
	free(title);
}

/* -- folders -- */

static void
on_folder_done(const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	int kind = q->kind;
	char *path = xstrdup(q->s);
	if (!ui_req_done(q)) {
		free(path);
		return;
	}
	char *p = mt_sanitize(path);
	if (err) {
		ui_error(a, kind == RQ_FOLDER_CREATE ? _("creating the folder") : _("deleting the folder"), err);
	} else {
		ui_message(a, R_GOOD, kind == RQ_FOLDER_CREATE ? _("folder %s created") : _("folder %s deleted"), p);
		remote_folders_reload(a);
	}
	free(p);
	free(path);
}

static void
folder_create_named(struct app *a, const char *text, void *arg)
{
	(void)arg;
	if (text == NULL || !*text)
		return;
	char *path;
	if (text[0] == '/')
		path = xstrdup(text);
	else if (strcmp(remote_folder(a), "/") == 0)
		path = xasprintf("/%s", text);
	else
		path = xasprintf("%s/%s", remote_folder(a), text);
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, 0, RQ_FOLDER_CREATE, path);
	if (a->site.dialect->folder_create(&a->site, path, on_folder_done, q, &err) < 0) {
		ui_req_done(q);
		ui_error(a, _("creating the folder"), &err);
	} else {
		ui_message(a, R_NORMAL, _("creating the folder\xe2\x80\xa6"));
	}
	free(path);
}

static void
folder_delete_answer(struct app *a, int choice, void *arg)
{
	char *path = arg;
	if (choice == 'y') {
		struct mt_error err;
		mt_error_clear(&err);
		struct ui_req *q = ui_req_new(a, 0, RQ_FOLDER_DELETE, path);
		if (a->site.dialect->folder_delete(&a->site, path, on_folder_done, q, &err) < 0) {
			ui_req_done(q);
			ui_error(a, _("deleting the folder"), &err);
		}
	}
	free(path);
}

static bool
folders_ok(struct app *a)
{
	if (a->site.dialect->folder_create == NULL || !a->site.has_key) {
		ui_message(a, R_WARN, _("this profile cannot manage folders"));
		return false;
	}
	return true;
}

/* -- search -- */

static void
apply_search(struct app *a, const char *text)
{
	struct remote *r = &a->remote;
	const char *cur = r->search ? r->search : "";
	const char *next = text ? text : "";
	if (strcmp(cur, next) == 0)
		return;
	free(r->search);
	r->search = *next ? xstrdup(next) : NULL;
	r->cur = r->top = 0;
	remote_reload(a, false);
}

struct search_pending {
	struct app *a;
	char *text;
	char *before;
};

static struct search_pending pending_search;

static void
search_fire(void *arg)
{
	struct search_pending *p = arg;
	p->a->remote.search_timer = 0;
	apply_search(p->a, p->text);
	ui_dirty(p->a);
}

static void
search_changed(struct app *a, const char *text, void *arg)
{
	(void)arg;
	struct remote *r = &a->remote;
	free(pending_search.text);
	pending_search.text = xstrdup(text ? text : "");
	pending_search.a = a;
	if (r->search_timer)
		mt_loop_timer_cancel(a->loop, r->search_timer);
	r->search_timer = mt_loop_timer_add(a->loop, SEARCH_DEBOUNCE_MS, search_fire, &pending_search);
}

static void
search_done(struct app *a, const char *text, void *arg)
{
	(void)arg;
	struct remote *r = &a->remote;
	if (r->search_timer) {
		mt_loop_timer_cancel(a->loop, r->search_timer);
		r->search_timer = 0;
	}
	if (text)
		apply_search(a, text);
	else
		apply_search(a, pending_search.before);   /* Esc: back to what it was */
	free(pending_search.text);
	free(pending_search.before);
	pending_search.text = pending_search.before = NULL;
}

/* ---- keys ---- */

static void
move_cursor(struct app *a, long delta)
{
	struct remote *r = &a->remote;
	size_t n = nrows(r);
	if (n == 0)
		return;
	long c = (long)r->cur + delta;
	if (c < 0)
		c = 0;
	if (c >= (long)n)
		c = (long)n - 1;
	r->cur = (size_t)c;
	remote_fetch_more(a);
}

/* Leaves a search, else goes up a folder; false at the top of the library. */
bool
remote_go_back(struct app *a)
{
	struct remote *r = &a->remote;
	if (r->mode != REMOTE_LIBRARY)
		return false;
	if (r->search) {
		apply_search(a, NULL);
		return true;
	}
	if (strcmp(remote_folder(a), "/") == 0)
		return false;
	char *from = xstrdup(remote_folder(a));
	char *p = parent_of(from);
	change_folder(a, p, from);
	free(p);
	free(from);
	return true;
}

static void
go_up(struct app *a)
{
	remote_go_back(a);
}

static void
toggle_mark(struct remote *r, size_t idx)
{
	r->marked[idx] = !r->marked[idx];
	if (r->marked[idx])
		r->nmarked++;
	else
		r->nmarked--;
}

int
remote_key(struct app *a, int is_key, wint_t ch)
{
	struct remote *r = &a->remote;
	int page = visible_rows(a) - 2;
	if (page < 1)
		page = 1;
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: move_cursor(a, 1); return UI_HANDLED;
		case KEY_UP: move_cursor(a, -1); return UI_HANDLED;
		case KEY_NPAGE: move_cursor(a, page); return UI_HANDLED;
		case KEY_PPAGE: move_cursor(a, -page); return UI_HANDLED;
		case KEY_HOME: r->cur = 0; return UI_HANDLED;
		case KEY_END: goto end;
		case KEY_LEFT: case KEY_BACKSPACE: go_up(a); return UI_HANDLED;
		case KEY_RIGHT: case KEY_ENTER: goto enter;
		case KEY_DC: goto del;
		case KEY_F(5): remote_reload(a, true); return UI_HANDLED;
		default: return UI_UNHANDLED;
		}
	}
	switch (ch) {
	case 'j': move_cursor(a, 1); return UI_HANDLED;
	case 'k': move_cursor(a, -1); return UI_HANDLED;
	case 6: move_cursor(a, page); return UI_HANDLED;   /* ^F */
	case 2: move_cursor(a, -page); return UI_HANDLED;                    /* ^B */
	case 4: move_cursor(a, page / 2); return UI_HANDLED;                 /* ^D */
	case 21: move_cursor(a, -page / 2); return UI_HANDLED;               /* ^U */
	case 'g': r->cur = 0; return UI_HANDLED;
	case 'G':
	end:
		if (r->mode == REMOTE_LIBRARY && r->total > (int64_t)r->nitems) {
			r->want_end = true;
			ui_message(a, R_NORMAL, _("loading to the end\xe2\x80\xa6"));
		}
		r->cur = nrows(r) ? nrows(r) - 1 : 0;
		remote_fetch_more(a);
		return UI_HANDLED;
	case 'r': case 18:   /* ^R */
		remote_reload(a, true);
		return UI_HANDLED;
	case 'P': {
		size_t idx;
		if (r->mode != REMOTE_LIBRARY || row_at(r, r->cur, &idx) != ROW_ITEM)
			return UI_HANDLED;
		const struct mt_media *m = &r->items[idx];
		if (!preview_can_item(m)) {
			ui_message(a, R_WARN, "%s", _("no preview for this type of file"));
			return UI_HANDLED;
		}
		preview_want_item(a, m);
		preview_view_open(a, m->focal_x >= 0 ? m->focal_x : 50, m->focal_y >= 0 ? m->focal_y : 50);
		return UI_HANDLED;
	}
	case 'h': case 127: case 8: case 27:
		go_up(a);
		return UI_HANDLED;
	case 'l': case '\r': case '\n':
	enter: {
		if (r->mode == REMOTE_HISTORY) {
			if (r->cur < r->nhist) {
				struct mt_history_rec *h = &r->hist[r->cur];
				char *s = xasprintf("%s  %s  %s", history_state_name(h->state), h->id ? h->id : "",
				                    h->url ? h->url : h->storage_key ? h->storage_key : "");
				ui_message(a, R_NORMAL, "%s", s);
				free(s);
			}
			return UI_HANDLED;
		}
		size_t idx;
		switch (row_at(r, r->cur, &idx)) {
		case ROW_UP: go_up(a); break;
		case ROW_FOLDER: {
			char *f = xstrdup(r->subs[idx]);
			change_folder(a, f, NULL);
			free(f);
			break;
		}
		case ROW_ITEM:
			if (!is_key && ch == 'l')
				break;
			remote_open_item(a, &r->items[idx]);
			break;
		default: break;
		}
		return UI_HANDLED;
	}
	case ' ': {
		size_t idx;
		if (r->mode == REMOTE_LIBRARY && row_at(r, r->cur, &idx) == ROW_ITEM)
			toggle_mark(r, idx);
		move_cursor(a, 1);
		return UI_HANDLED;
	}
	case 'a':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		{
			bool all = r->nmarked == r->nitems;
			for (size_t i = 0; i < r->nitems; i++)
				r->marked[i] = !all;
			r->nmarked = all ? 0 : r->nitems;
		}
		return UI_HANDLED;
	case '/':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		if (!a->site.has_key) {
			ui_message(a, R_WARN, _("searching needs a key"));
			return UI_HANDLED;
		}
		free(pending_search.before);
		pending_search.before = xstrdup(r->search ? r->search : "");
		ui_prompt(a, _("Search (sent to the server)"), r->search, search_done, search_changed, NULL);
		return UI_HANDLED;
	case 's':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		if (!a->site.has_key) {
			ui_message(a, R_WARN, _("sorting needs a key"));
			return UI_HANDLED;
		}
		r->sort = (r->sort + 1) % 3;
		r->asc = r->sort == 1;   /* names read best A to Z; dates and sizes largest first */
		r->cur = r->top = 0;
		remote_reload(a, false);
		ui_message(a, R_NORMAL, _("sorted by %s"), _(sort_names[r->sort]));
		return UI_HANDLED;
	case 'o':
		if (r->mode != REMOTE_LIBRARY || !a->site.has_key)
			return UI_HANDLED;
		r->asc = !r->asc;
		r->cur = r->top = 0;
		remote_reload(a, false);
		return UI_HANDLED;
	case 't':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		r->type = (r->type + 1) % 4;
		r->cur = r->top = 0;
		remote_reload(a, false);
		ui_message(a, R_NORMAL, _("type: %s"), _(type_names[r->type]));
		return UI_HANDLED;
	case 'e': {
		struct mt_media *m = current_item(a);
		if (m)
			remote_open_item(a, m);
		return UI_HANDLED;
	}
	case 'd':
	del: {
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		size_t idx;
		if (r->nmarked == 0 && row_at(r, r->cur, &idx) == ROW_FOLDER) {
			if (!folders_ok(a))
				return UI_HANDLED;
			char *body = xasprintf(_("Delete the folder %s?\nThe server refuses folders that are not empty."),
			                       r->subs[idx]);
			ui_confirm(a, _("Delete folder"), body, "yn", folder_delete_answer, xstrdup(r->subs[idx]));
			free(body);
			return UI_HANDLED;
		}
		delete_selection(a);
		return UI_HANDLED;
	}
	case 'c': case '+':
		if (r->mode != REMOTE_LIBRARY || !folders_ok(a))
			return UI_HANDLED;
		ui_prompt(a, _("New folder (name here, or /full/path)"), "", folder_create_named, NULL, NULL);
		return UI_HANDLED;
	case 'm':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		move_selection(a);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}
