/* remote_draw.c — drawing the remote pane: the title with folder, search,
 * sort and counts, the column heads, folders and media rows, the upload
 * history of upload-only sites, and the state under the list; what the
 * header says of the pane. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "l10n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

struct cols {
	int mark, name, type, size, dims, alt, created;
	int folder, matched;         /* search results: where, and which field matched */
};

/* where: items of every folder (a search, a type in all folders) */
static struct cols
layout(int w, bool where, bool search)
{
	struct cols c = { .mark = 2, .type = 9, .size = 10, .dims = 10, .alt = 5, .created = 11 };
	if (where) {
		/* where (and why) instead of when, how large in pixels and the type */
		c.created = c.dims = 0;
		c.type = w >= 90 ? 9 : 0;
		c.folder = w >= 90 ? 20 : 12;
		c.matched = search ? (w >= 90 ? 18 : 9) : 0;
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

/* Items of every folder: the name column gives the folder column the room
 * its loaded names leave (at 80 columns folders were cut to 11 cells
 * beside short names). */
static void
share_room(struct cols *c, const struct remote *r)
{
	if (c->folder == 0)
		return;
	int name = 0, folder = 0;
	for (size_t i = 0; i < r->nitems; i++) {
		name = mt_text_widest(name, r->items[i].filename);
		folder = mt_text_widest(folder, r->items[i].folder ? r->items[i].folder : "/");
	}
	int spare = c->name - (name + 1);
	int want = folder + 1 - c->folder;
	if (spare > 0 && want > 0) {
		int give = spare < want ? spare : want;
		c->name -= give;
		c->folder += give;
	}
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
	ui_put_name(stdscr, y, cx, m->filename ? m->filename : m->id, c.name - 1, true);
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
	}
	if (c.matched) {
		char why[64];
		matched_fields(m, a->remote->search, why, sizeof why);
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
	ui_put_name(stdscr, y, x + 1, h->name ? h->name : h->path, name_w - 1, true);
	bool failed = h->state && strcmp(h->state, "failed") == 0;
	bool done = h->state && (strcmp(h->state, "done") == 0 || strcmp(h->state, "skipped") == 0);
	ui_set(stdscr, failed ? R_ERROR : done ? R_GOOD : R_WARN);
	ui_put_text(stdscr, y, x + name_w, remote_state_name(h->state), state_w - 1, true);
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

/* What the pane lists: its folder, or every folder. */
static const char *
place_name(const struct app *a)
{
	/* TRANSLATORS: in the remote pane's title and the header instead of a
	 * folder, when a type is listed across the whole library */
	/* a search covers every folder too: the folder's name beside it said
	 * the search was limited to it */
	return a->remote->all_folders || a->remote->search ? _("all folders") : remote_folder(a);
}


void
remote_header(const struct app *a, struct ui_parts *ps)
{
	const struct remote *r = a->remote;
	char part[700], brief[700];
	if (r->mode == REMOTE_LIBRARY) {
		ui_parts_add(ps, place_name(a), NULL, 0, 0);
		ps->p[ps->n - 1].may_cut = true;   /* a deep folder is cut, not the sort */
		if (r->search) {
			char *s = mt_sanitize(r->search);
			snprintf(part, sizeof part, _("search: %s"), s);
			/* as the pane's title says it */
			snprintf(brief, sizeof brief, "/%s/", s);
			free(s);
			ui_parts_add(ps, part, brief, UI_GIVE_LABELS, 0);
		}
		if (r->type > 0 && r->type < 4) {
			snprintf(part, sizeof part, _("type: %s"), remote_type_name(r->type));
			ui_parts_add(ps, part, remote_type_name(r->type), UI_GIVE_LABELS, 0);
		}
		if (a->can_browse && r->sort >= 0 && r->sort < 3) {
			snprintf(brief, sizeof brief, "%s%s", remote_sort_name(r->sort),
			         a->utf8 ? (r->asc ? "\xe2\x86\x91" : "\xe2\x86\x93") : (r->asc ? "^" : "v"));
			snprintf(part, sizeof part, _("sort: %s"), brief);
			ui_parts_add(ps, part, brief, UI_GIVE_LABELS, 0);
		}
	} else {
		ui_parts_add(ps, _("upload history"), NULL, 0, 0);
	}
	if (r->loading)
		ui_parts_add(ps, a->utf8 ? _("loading\xe2\x80\xa6") : _("loading..."),
		             a->utf8 ? "\xe2\x80\xa6" : "...", UI_GIVE_LOADING, 0);
}

void
remote_draw(struct app *a, int y, int x, int h, int w, bool focused)
{
	struct remote *r = a->remote;
	/* title */
	ui_set(stdscr, focused ? R_TITLE : R_TITLE_OFF);
	ui_fill(stdscr, y, x, w);
	char title[800], count[96];
	if (r->mode == REMOTE_HISTORY) {
		snprintf(title, sizeof title, " %s  %zu", _("Upload history"), r->nhist);
	} else {
		size_t idx = 0;
		char pos[32] = "";
		if (remote_row_at(r, r->cur, &idx) == REMOTE_ROW_ITEM)
			snprintf(pos, sizeof pos, "#%zu  ", idx + 1);
		if (r->total >= 0) {
			/* TRANSLATORS: items loaded of the total in the pane's title */
			size_t l = (size_t)snprintf(count, sizeof count, "%s", pos);
			snprintf(count + l, sizeof count - l, _("%zu of %lld"), r->nitems,
			         (long long)r->total);
		}
		else
			snprintf(count, sizeof count, "%s", r->loading ? _("loading") : "");
		/* the sort and the type filter stay readable: the word "Remote"
		 * goes first, then a deep folder is cut */
		struct ui_parts ps = { 0 };
		char part[700];
		ui_parts_add(&ps, _("Remote"), NULL, 0, UI_GIVE_NAME);
		ui_parts_add(&ps, place_name(a), NULL, 0, 0);
		ps.p[ps.n - 1].may_cut = true;
		if (r->search) {
			char *s = mt_sanitize(r->search);
			snprintf(part, sizeof part, "/%s/", s);
			free(s);
			ui_parts_add(&ps, part, NULL, 0, 0);
		}
		/* the type, then the sort, as the header says them */
		if (r->type)
			ui_parts_add(&ps, remote_type_name(r->type), NULL, 0, 0);
		snprintf(part, sizeof part, "%s%s", remote_sort_name(r->sort),
		         a->utf8 ? (r->asc ? "\xe2\x86\x91" : "\xe2\x86\x93") : (r->asc ? "^" : "v"));
		ui_parts_add(&ps, part, NULL, 0, 0);
		if (r->nmarked) {
			snprintf(part, sizeof part, P_("%zu marked", "%zu marked", r->nmarked), r->nmarked);
			ui_parts_add(&ps, part, NULL, 0, 0);
		}
		int cw = mt_text_width(count) + 2;
		ui_put_right(stdscr, y, x + w - cw, count, cw - 1);
		/* a space before, "Remote" and the folder apart by one */
		mt_fit_parts(ps.p, ps.n, 2, w - cw - 1);
		title[0] = ' ';
		ui_parts_join(&ps, 0, ps.n, title + 1, sizeof title - 1);
		if (ps.p[0].shown) {   /* "Remote /images", as it always read */
			char *gap = strstr(title, "  ");
			if (gap)
				memmove(gap, gap + 1, strlen(gap + 1) + 1);
		}
		ui_put_text(stdscr, y, x, title, w - cw, false);
	}
	if (r->mode == REMOTE_HISTORY)
		ui_put_text(stdscr, y, x, title, w, false);
	/* column heads */
	struct cols c = layout(w, r->search || r->all_folders, r->search != NULL);
	share_room(&c, r);
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
		if (c.folder)
			ui_put_text(stdscr, y + 1, cx, _("Folder"), c.folder - 1, false);
		if (c.matched)
			ui_put_text(stdscr, y + 1, cx + c.folder, _("Matched"), c.matched - 1, false);
	} else {
		ui_put_text(stdscr, y + 1, x + 1, _("Name / state / size / id, key or url"), w - 1, false);
	}
	ui_set(stdscr, R_NORMAL);
	int body = h - 2, by = y + 2;
	size_t n = remote_nrows(r);
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
		if (r->nahead) {     /* the keys typed are not lost: they wait */
			char *k = xasprintf(P_("%zu key typed waits for the list", "%zu keys typed wait for the list",
			                       r->nahead), r->nahead);
			ui_put_text(stdscr, by + 1, x + 1, k, w - 1, false);
			free(k);
		}
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
			enum remote_row k = remote_row_at(r, row, &idx);
			if (k == REMOTE_ROW_UP) {
				ui_set(stdscr, R_DIR);
				ui_put_text(stdscr, yy, x + c.mark, "../", c.name, false);
			} else if (k == REMOTE_ROW_FOLDER) {
				ui_set(stdscr, R_DIR);
				const char *slash = strrchr(r->subs[idx], '/');
				char *name = xasprintf("%s/", slash ? slash + 1 : r->subs[idx]);
				ui_put_text(stdscr, yy, x + c.mark, name, c.name - 1, false);
				free(name);
			} else if (k == REMOTE_ROW_ITEM) {
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
	} else if (r->mode == REMOTE_LIBRARY && !r->loading && r->total == 0 &&
	           (r->nsubs == 0 || r->type != 0) && (int)(n - r->top) < body) {
		/* a type filter that hides everything says how to lift it */
		char *says = r->search ? xstrdup(_("(nothing found)"))
		           : r->type != 0 ? xasprintf(_("(no %s here: t changes the type filter)"),
		                                      remote_type_name(r->type))
		                          : xstrdup(_("(empty)"));
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, by + (int)(n - r->top), x + c.mark, says, w - c.mark, false);
		ui_set(stdscr, R_NORMAL);
		free(says);
	} else if (r->loading && (int)(n - r->top) < body) {
		int ly = by + (int)(n - r->top);
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, ly, x + 1, _("loading more\xe2\x80\xa6"), w - 1, false);
		if (r->nahead && ly + 1 < by + body) {   /* in a folder, under its up row too */
			char *k = xasprintf(P_("%zu key typed waits for the list", "%zu keys typed wait for the list",
			                       r->nahead), r->nahead);
			ui_put_text(stdscr, ly + 1, x + 1, k, w - 1, false);
			free(k);
		}
		ui_set(stdscr, R_NORMAL);
	}
}

