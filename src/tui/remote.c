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
#include "siteop.h"
#include "remote_pane.h"
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
	struct remote *r = a->remote;
	r->loading = false;
	ui_dirty(a);
	if (err) {
		char line[560];
		mt_error_format(err, line, sizeof line);
		snprintf(r->err, sizeof r->err, "%s", line);
		r->want_end = false;
		ui_error(a, _("listing media"), err);
		remote_ahead_drop(a);
		remote_step_forget(r);
		return;
	}
	r->err[0] = '\0';
	size_t from = r->nitems;
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
	remote_keep_apply(r, from, !mt_pager_more(p));
	if (page->folders && page->offset == 0)
		remote_set_folders(a, page->folders, page->nfolders);
	if (!r->loaded_once) {
		r->loaded_once = true;
		a->first_page_ms = mt_now_ms();
		ui_trace(a, "first page %zu items of %lld", r->nitems, (long long)r->total);
		ui_dirty_now(a);   /* the first page is worth a frame at once */
		/* the library answers: the scan (storage used) may start behind it */
		ui_post(a, &(struct ui_event){ UI_EV_LIBRARY_LISTED });   /* in the background: storage used for the status line */
	}
	if (r->want_end) {
		r->cur = remote_nrows(r) ? remote_nrows(r) - 1 : 0;
		if ((int64_t)r->nitems >= r->total)
			r->want_end = false;
	}
	remote_step_page_came(a);
	remote_fetch_more(a);
}

/* The listing the pane shows, from its start (a new folder, search, sort). */
static void
new_listing(struct app *a)
{
	struct remote *r = a->remote;
	bool keyed = a->site.has_key;
	struct mt_pager_spec spec = {
		.query = {
			.folder = r->search || r->all_folders ? NULL : remote_folder(a),
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

/* Lists the place shown again from its start; with keep, the cursor's item
 * and the marks come back as their pages arrive (remote_keep.c). */
static void
relist(struct app *a, bool folders_too, bool keep)
{
	struct remote *r = a->remote;
	if (r->mode == REMOTE_HISTORY) {
		remote_history_reload(a);
		return;
	}
	r->gen++;
	remote_step_relist(a, keep);   /* n waited for a page of the listing left */
	free(r->gone_id);
	r->gone_id = NULL;
	if (keep)
		remote_keep_save(r);
	else
		remote_keep_forget(r);
	clear_items(r);
	new_listing(a);
	r->err[0] = '\0';
	r->want_end = false;
	remote_compute_subs(r);
	if (r->cur >= remote_nrows(r))
		r->cur = 0;
	remote_fetch_page(a);
	if (folders_too)
		remote_folders_reload(a);
}

void
remote_reload(struct app *a, bool folders_too)
{
	relist(a, folders_too, true);
}

/* Leaves the listing of every folder: the type filter it set goes back. */
static void
leave_all_folders(struct remote *r)
{
	if (r->all_folders)
		r->type = r->type_before;
	r->all_folders = false;
}

static void
change_folder(struct app *a, const char *folder, const char *cursor_on)
{
	struct remote *r = a->remote;
	leave_all_folders(r);
	free(r->folder);
	r->folder = xstrdup(folder);
	free(r->restored);
	r->restored = NULL;
	free(r->land_on);     /* a folder created before: no cursor for it here */
	r->land_on = NULL;
	remote_place_remember(a);
	r->cur = r->top = 0;
	relist(a, false, false);
	if (cursor_on) {
		for (size_t i = 0; i < r->nsubs; i++)
			if (strcmp(r->subs[i], cursor_on) == 0)
				r->cur = i + (remote_has_up_row(r) ? 1 : 0);
	}
}

/* ---- init ---- */

void
remote_init(struct app *a)
{
	static struct remote state;   /* one interface per process, like the app */
	a->remote = &state;
	struct remote *r = a->remote;
	r->folder = xstrdup("/");
	r->total = -1;
	r->sort = 0;
	r->asc = false;
	if (!a->can_browse) {
		r->mode = REMOTE_HISTORY;
		remote_history_reload(a);
		if (!mt_site_can(&a->site, MT_CAP_BROWSE, false))
			return;
		if (!a->site.has_key)
			snprintf(r->err, sizeof r->err, "%s",
			         _("this profile has no key: the library cannot be listed"));
		return;
	}
	r->mode = REMOTE_LIBRARY;
	remote_place_restore(a);
	remote_reload(a, mt_site_can(&a->site, MT_CAP_FOLDERS, false));
}

void
remote_free(struct app *a)
{
	struct remote *r = a->remote;
	if (r->search_timer)
		mt_loop_timer_cancel(a->loop, r->search_timer);
	mt_pager_free(r->pager);
	clear_items(r);
	remote_keep_forget(r);
	remote_visit_forget(r);
	free(r->restored);
	r->restored = NULL;
	free(r->land_on);
	remote_step_forget(r);
	free(r->gone_id);
	mt_strv_free(r->folders, r->nfolders);
	mt_strv_free(r->subs, r->nsubs);
	mt_history_free(r->hist, r->nhist);
	free(r->folder);
	free(r->search);
	memset(r, 0, sizeof *r);
}

/* ---- for the drawing (remote_draw.c) ---- */

const char *
remote_sort_name(int i)
{
	return _(sort_names[i]);
}

const char *
remote_type_name(int i)
{
	return _(type_names[i]);
}

/* ---- for the other views ---- */

const char *
remote_upload_folder(const struct app *a)
{
	return a->remote->mode == REMOTE_LIBRARY ? remote_folder(a) : NULL;
}

/* ---- actions ---- */

void
remote_on_event(struct app *a, const struct ui_event *ev)
{
	struct remote *r = a->remote;
	switch (ev->kind) {
	case UI_EV_ITEM_EDITED: remote_row_update(r, ev->item); break;
	case UI_EV_ITEM_DELETED: remote_row_remove(r, ev->id); break;
	case UI_EV_BATCH_DONE:
		/* the marks were used: they go (before the move's new listing,
		 * which would bring them back) */
		if (ev->id && strcmp(ev->id, "ok") == 0) {
			for (size_t i = 0; i < r->nitems; i++)
				r->marked[i] = false;
			r->nmarked = 0;
		}
		if (ev->move && r->mode == REMOTE_LIBRARY)
			remote_reload(a, false);
		break;
	case UI_EV_FOLDERS_CHANGED:
		/* a folder deleted (here or in the audit): gone from the rows at
		 * once, then the server's list read again */
		if (ev->id) {
			size_t k = 0;
			for (size_t i = 0; i < r->nfolders; i++) {
				if (strcmp(r->folders[i], ev->id) == 0)
					free(r->folders[i]);
				else
					r->folders[k++] = r->folders[i];
			}
			r->nfolders = k;
			if (r->folders)
				r->folders[k] = NULL;
			remote_compute_subs(r);
			if (r->cur >= remote_nrows(r))
				r->cur = remote_nrows(r) ? remote_nrows(r) - 1 : 0;
			if (r->mode == REMOTE_LIBRARY && r->folder && strcmp(r->folder, ev->id) == 0) {
				char *up = mt_folder_parent(ev->id);
				change_folder(a, up, NULL);
				free(up);
			}
		}
		remote_folders_reload(a);
		break;
	case UI_EV_SHOW_FOLDER:
		if (r->mode != REMOTE_LIBRARY)
			break;
		free(r->search);
		r->search = NULL;
		change_folder(a, ev->id, NULL);
		remote_visit_start(r, ev);
		break;
	case UI_EV_UPLOADS_DONE:
		if (r->mode == REMOTE_LIBRARY)
			remote_reload(a, false);
		else
			remote_history_reload(a);
		break;
	case UI_EV_SHOW_TYPE:
		/* the type in every folder, as the usage view counts it */
		if (r->mode != REMOTE_LIBRARY)
			break;
		for (int i = 1; i < 4; i++)
			if (strcmp(remote_types[i], ev->id) == 0) {
				if (!r->all_folders)
					r->type_before = r->type;
				r->all_folders = true;
				r->type = i;
				free(r->search);
				r->search = NULL;
				r->cur = r->top = 0;
				relist(a, false, false);
				remote_visit_start(r, ev);
			}
		break;
	default: break;
	}
}

/* -- search -- */

static void
apply_search(struct app *a, const char *text)
{
	struct remote *r = a->remote;
	const char *cur = r->search ? r->search : "";
	const char *next = text ? text : "";
	if (strcmp(cur, next) == 0)
		return;
	free(r->search);
	r->search = *next ? xstrdup(next) : NULL;
	r->cur = r->top = 0;
	relist(a, false, false);
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
	p->a->remote->search_timer = 0;
	apply_search(p->a, p->text);
	ui_dirty(p->a);
}

static void
search_changed(struct app *a, const char *text, void *arg)
{
	(void)arg;
	struct remote *r = a->remote;
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
	struct remote *r = a->remote;
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
	struct remote *r = a->remote;
	size_t n = remote_nrows(r);
	if (n == 0)
		return;
	long c = (long)r->cur + delta;
	if (c < 0)
		c = 0;
	if (c >= (long)n)
		c = (long)n - 1;
	r->cur = (size_t)c;
	remote_keep_cursor_moved(r);
	remote_fetch_more(a);
}

/* Leaves a search, else goes up a folder; false at the top of the library. */
bool
remote_go_back(struct app *a)
{
	struct remote *r = a->remote;
	if (r->mode != REMOTE_LIBRARY)
		return false;
	enum view_id back;
	if (remote_visit_here(r, remote_folder(a), &back)) {
		remote_visit_forget(r);
		if (r->all_folders) {   /* the pane as it was before the look */
			leave_all_folders(r);
			r->cur = r->top = 0;
			relist(a, false, false);
		}
		ui_view_open(a, back, NULL);
		return true;
	}
	if (r->search) {
		apply_search(a, NULL);
		return true;
	}
	if (r->all_folders) {
		leave_all_folders(r);
		r->cur = r->top = 0;
		relist(a, false, false);
		return true;
	}
	if (strcmp(remote_folder(a), "/") == 0)
		return false;
	char *from = xstrdup(remote_folder(a));
	char *p = mt_folder_parent(from);
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

enum ui_key
remote_key(struct app *a, int is_key, wint_t ch)
{
	struct remote *r = a->remote;
	int page = remote_visible_rows(a) - 2;
	if (page < 1)
		page = 1;
	if (remote_ahead_take(a, is_key, ch))
		return UI_HANDLED;   /* played once the listing is there */
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: move_cursor(a, 1); return UI_HANDLED;
		case KEY_UP: move_cursor(a, -1); return UI_HANDLED;
		case KEY_NPAGE: move_cursor(a, page); return UI_HANDLED;
		case KEY_PPAGE: move_cursor(a, -page); return UI_HANDLED;
		case KEY_HOME: r->cur = 0; remote_keep_cursor_moved(r); return UI_HANDLED;
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
	case 'g': r->cur = 0; remote_keep_cursor_moved(r); return UI_HANDLED;
	case 'G':
	end:
		if (r->mode == REMOTE_LIBRARY && r->total > (int64_t)r->nitems) {
			r->want_end = true;
			ui_message(a, R_NORMAL, _("loading to the end\xe2\x80\xa6"));
		}
		r->cur = remote_nrows(r) ? remote_nrows(r) - 1 : 0;
		remote_keep_cursor_moved(r);
		remote_fetch_more(a);
		return UI_HANDLED;
	case 'r': case 18:   /* ^R */
		remote_reload(a, true);
		return UI_HANDLED;
	case 'P':
		remote_preview_current(a);
		return UI_HANDLED;
	case 'h': case 127: case 8: case 27:
		go_up(a);
		return UI_HANDLED;
	case 'l': case '\r': case '\n':
	enter: {
		if (r->mode == REMOTE_HISTORY) {
			if (r->cur < r->nhist) {
				struct mt_history_rec *h = &r->hist[r->cur];
				char *s = xasprintf("%s  %s  %s", remote_state_name(h->state), h->id ? h->id : "",
				                    h->url ? h->url : h->storage_key ? h->storage_key : "");
				ui_message(a, R_NORMAL, "%s", s);
				free(s);
			}
			return UI_HANDLED;
		}
		size_t idx;
		switch (remote_row_at(r, r->cur, &idx)) {
		case REMOTE_ROW_UP: go_up(a); break;
		case REMOTE_ROW_FOLDER: {
			char *f = xstrdup(r->subs[idx]);
			change_folder(a, f, NULL);
			free(f);
			break;
		}
		case REMOTE_ROW_ITEM:
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
		if (r->mode == REMOTE_LIBRARY && remote_row_at(r, r->cur, &idx) == REMOTE_ROW_ITEM)
			toggle_mark(r, idx);
		else
			remote_not_an_item(a, ' ');
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
		ui_prompt(a, _("Search all folders (sent to the server)"), r->search, search_done, search_changed, NULL);
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
		remote_reload(a, false);
		ui_message(a, R_NORMAL, _("sorted by %s"), _(sort_names[r->sort]));
		return UI_HANDLED;
	case 'o':
		if (r->mode != REMOTE_LIBRARY || !a->site.has_key)
			return UI_HANDLED;
		r->asc = !r->asc;
		remote_reload(a, false);
		return UI_HANDLED;
	case 't':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		r->type = (r->type + 1) % 4;
		remote_reload(a, false);
		ui_message(a, R_NORMAL, _("type: %s"), _(type_names[r->type]));
		return UI_HANDLED;
	case 'e': {
		struct mt_media *m = remote_current_item(a);
		if (m)
			remote_open_item(a, m);
		else
			remote_not_an_item(a, 'e');
		return UI_HANDLED;
	}
	case 'd':
	del: {
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		size_t idx;
		if (r->nmarked == 0 && remote_row_at(r, r->cur, &idx) == REMOTE_ROW_FOLDER) {
			remote_folder_delete_confirm(a, r->subs[idx]);
			return UI_HANDLED;
		}
		remote_delete_selection(a);
		return UI_HANDLED;
	}
	case 'c': case '+':
		if (r->mode == REMOTE_LIBRARY)
			remote_folder_create_prompt(a);
		return UI_HANDLED;
	case 'm':
		if (r->mode != REMOTE_LIBRARY)
			return UI_HANDLED;
		remote_move_selection(a);
		return UI_HANDLED;
	case ':':
		if (r->mode == REMOTE_LIBRARY)
			remote_goto_folder(a);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}
