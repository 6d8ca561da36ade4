/* preview.c — pictures in the terminal: the detail view's preview, the
 * focal point editor's picture with its crosshair, the crop previews, and
 * the full-screen preview of an item or a local file.
 *
 * Decoding happens on the preview service's worker thread; here the
 * picture is turned into cells (chafa) for the box it must fill, kept
 * while the box keeps its size, and painted with colour pairs allocated
 * on demand. Pictures in pixels (sixel, kitty): preview_pixels.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "preview_state.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* pictures are decoded this large at most: enough for any terminal */
enum { DECODE_MAX = 1200 };
/* the first colour pair for pictures; the roles use the ones below */
enum { PAIR_BASE = 64 };
#define CACHE_MAX (256LL * 1024 * 1024)


static void
renders_clear(struct ui_preview *pv)
{
	for (int i = 0; i < PV_RENDERS; i++) {
		mt_cells_free(&pv->renders[i].cells);
		memset(&pv->renders[i], 0, sizeof pv->renders[i]);
	}
	pv->next_render = 0;
}

static void
picture_drop(struct ui_preview *pv)
{
	renders_clear(pv);
	preview_pixels_forget(pv);
	if (pv->img) {
		mt_image_free(pv->img);
		free(pv->img);
		pv->img = NULL;
	}
}

void
preview_init(struct app *a)
{
	struct ui_preview *pv = preview_of(a);
	pv->enabled = true;
	char *dir = mt_preview_cache_dir(a->profile ? a->profile->name : NULL);
	pv->svc = mt_preview_new(a->loop, a->site_open ? &a->site : NULL, dir, CACHE_MAX);
	free(dir);
	/* pictures in pixels live in the cells: curses must not shift a line's
	 * cells sideways (insert/delete character) under one */
	if (pv->pixels != MT_PIXELS_OFF) {
		idcok(stdscr, FALSE);
		preview_pixels_worker(a);
	}
	pv->colors = a->color ? mt_cells_colors_for(COLORS, false) : MT_COLORS_MONO;
	if (pv->colors != MT_COLORS_MONO) {
		int max = COLOR_PAIRS - 1;
		if (max > 32767)
			max = 32767;
		if (max >= PAIR_BASE + 16) {
			pv->pair_of = xcalloc(257 * 257, sizeof *pv->pair_of);
			pv->next_pair = PAIR_BASE;
			pv->last_pair = max;
		} else {
			pv->colors = MT_COLORS_MONO;   /* too few pairs to paint with */
		}
	}
}

void
preview_free(struct app *a)
{
	struct ui_preview *pv = preview_of(a);
	mt_pixels_worker_free(pv->pixw);
	pv->pixw = NULL;
	mt_preview_free(pv->svc);
	pv->svc = NULL;
	picture_drop(pv);
	free(pv->key);
	free(pv->title);
	free(pv->pair_of);
	pv->key = pv->title = NULL;
	pv->pair_of = NULL;
}

/* ---- asking for pictures ---- */

static void
on_picture(struct mt_image *img, bool from_cache, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (!ui_req_done(q)) {
		if (img) {
			mt_image_free(img);
			free(img);
		}
		return;
	}
	struct ui_preview *pv = preview_of(a);
	if (img == NULL) {
		if (err && err->kind == MT_ERR_CANCELLED)
			return;
		pv->state = PV_FAILED;
		mt_error_format(err, pv->msg, sizeof pv->msg);
	} else {
		picture_drop(pv);
		pv->img = img;
		pv->state = PV_READY;
		pv->from_cache = from_cache;
		pv->traced = false;
	}
	/* the answer to something the user asked for: draw it now, not at the next tick */
	ui_dirty_now(a);
}

/* Starts over for `key`; false when that picture is already there or coming. */
static bool
restart(struct app *a, const char *key, const char *title)
{
	struct ui_preview *pv = preview_of(a);
	if (pv->key && strcmp(pv->key, key) == 0 && pv->state != PV_NONE && !pv->awaiting)
		return false;
	pv->awaiting = false;
	free(pv->key);
	free(pv->title);
	pv->key = xstrdup(key);
	pv->title = xstrdup(title);
	picture_drop(pv);
	pv->gen++;
	pv->msg[0] = '\0';
	pv->state = PV_LOADING;
	pv->asked_ms = mt_now_ms();
	return true;
}

static void
started(struct app *a, int rc, struct ui_req *q, const struct mt_error *err)
{
	if (rc == 0)
		return;
	ui_req_done(q);
	a->pv->state = PV_FAILED;
	mt_error_format(err, a->pv->msg, sizeof a->pv->msg);
}

bool
preview_enabled(const struct app *a)
{
	return a->pv && a->pv->enabled;
}

void
preview_enable(struct app *a, bool on)
{
	preview_of(a)->enabled = on;
}

enum pv_state
preview_state(const struct app *a, const char **why)
{
	if (why)
		*why = a->pv ? a->pv->msg : "";
	return a->pv ? a->pv->state : PV_NONE;
}

bool
preview_source_size(const struct app *a, int *w, int *h)
{
	if (a->pv == NULL || a->pv->state != PV_READY || a->pv->img == NULL)
		return false;
	*w = a->pv->img->src_width;
	*h = a->pv->img->src_height;
	return true;
}

bool
preview_can_item(const struct mt_media *m)
{
	return mt_preview_can_show(m->mime_type, m->filename);
}

void
preview_want_item(struct app *a, const struct mt_media *m)
{
	char *key = xasprintf("r:%s", m->id);
	bool go = restart(a, key, m->filename ? m->filename : m->id);
	free(key);
	if (!go)
		return;
	struct mt_error err;
	mt_error_clear(&err);
	if (!mt_preview_available()) {
		a->pv->state = PV_FAILED;
		snprintf(a->pv->msg, sizeof a->pv->msg, "%s",
		         _("image previews are not available: mediatui was built without them"));
		return;
	}
	struct ui_req *q = ui_req_new(a, &preview_of(a)->gen, 0, m->id);
	started(a, mt_preview_remote(a->pv->svc, m, DECODE_MAX, DECODE_MAX, on_picture, q, &err), q,
	        &err);
}

void
preview_await_item(struct app *a, const struct mt_media *m)
{
	char *key = xasprintf("r:%s", m->id);
	restart(a, key, m->filename ? m->filename : m->id);
	a->pv->awaiting = true;
	free(key);
}

void
preview_give_up(struct app *a, const char *id, const char *why)
{
	struct ui_preview *pv = preview_of(a);
	char *key = xasprintf("r:%s", id);
	if (pv->awaiting && pv->key && strcmp(pv->key, key) == 0) {
		pv->state = PV_FAILED;   /* still awaited: a later read of the item fetches it */
		snprintf(pv->msg, sizeof pv->msg, "%s", why);
		ui_dirty(a);
	}
	free(key);
}

void
preview_want_file(struct app *a, const char *path)
{
	char *key = xasprintf("l:%s", path);
	const char *base = strrchr(path, '/');
	bool go = restart(a, key, base ? base + 1 : path);
	free(key);
	if (!go)
		return;
	struct mt_error err;
	mt_error_clear(&err);
	if (!mt_preview_available()) {
		a->pv->state = PV_FAILED;
		snprintf(a->pv->msg, sizeof a->pv->msg, "%s",
		         _("image previews are not available: mediatui was built without them"));
		return;
	}
	struct ui_req *q = ui_req_new(a, &preview_of(a)->gen, 0, path);
	started(a, mt_preview_local(a->pv->svc, path, DECODE_MAX, DECODE_MAX, on_picture, q, &err), q,
	        &err);
}

/* ---- painting ---- */

static short
pair_for(struct ui_preview *pv, int fg, int bg)
{
	if (pv->pair_of == NULL)
		return 0;
	size_t k = (size_t)(fg + 1) * 257 + (size_t)(bg + 1);
	if (pv->pair_of[k])
		return pv->pair_of[k];
	if (pv->next_pair > pv->last_pair)
		return 0;   /* out of pairs: the terminal's colours, still the right shapes */
	short p = (short)pv->next_pair++;
	init_pair(p, (short)fg, (short)bg);
	pv->pair_of[k] = p;
	return p;
}

/* The cells of the picture (or crop) for a box, rendered once per size. */
static const struct mt_cells *
cells_for(struct app *a, const struct mt_crop_rect *crop, int w, int h)
{
	struct ui_preview *pv = preview_of(a);
	struct mt_crop_rect whole = { 0, 0, 0, 0 };
	const struct mt_crop_rect *want = crop ? crop : &whole;
	for (int i = 0; i < PV_RENDERS; i++) {
		struct pv_render *r = &pv->renders[i];
		if (r->cells.cell && r->box_w == w && r->box_h == h &&
		    memcmp(&r->crop, want, sizeof r->crop) == 0)
			return &r->cells;
	}
	struct pv_render *r = &pv->renders[pv->next_render];
	pv->next_render = (pv->next_render + 1) % PV_RENDERS;
	mt_cells_free(&r->cells);
	r->crop = *want;
	r->box_w = w;
	r->box_h = h;
	struct mt_cells_opts opts = { .colors = pv->colors, .unicode = a->utf8 };
	struct mt_error err;
	if (mt_cells_render(pv->img, crop, w, h, &opts, &r->cells, &err) < 0) {
		r->box_w = 0;
		return NULL;
	}
	return &r->cells;
}

static void
paint(struct app *a, const struct mt_cells *c, int y, int x)
{
	struct ui_preview *pv = preview_of(a);
	for (int r = 0; r < c->rows; r++) {
		for (int col = 0; col < c->cols; col++) {
			const struct mt_cell *cell = &c->cell[(size_t)r * c->cols + col];
			wchar_t wc[2] = { (wchar_t)cell->ch, L'\0' };
			if (!a->utf8 && cell->ch > 0x7e)
				wc[0] = L'#';
			short pair = pv->colors == MT_COLORS_MONO ? 0 : pair_for(pv, cell->fg, cell->bg);
			cchar_t cc;
			if (setcchar(&cc, wc, A_NORMAL, pair, NULL) == OK)
				mvwadd_wch(stdscr, y + r, x + col, &cc);
		}
	}
}

void
preview_paint_cells(struct app *a, const struct mt_cells *c, int y, int x)
{
	paint(a, c, y, x);
}

/* Text centred in the box (a status instead of a picture), wrapped at
 * spaces: a narrow box beside the fields cut the reason off. */
static void
box_text(struct app *a, int y, int x, int h, int w, enum ui_role role, const char *text)
{
	(void)a;
	int lines = 0;
	for (const char *s = text; *s && lines < h; lines++) {
		s += mt_text_break(s, w);
		while (*s == ' ')
			s++;
	}
	ui_set(stdscr, role);
	const char *s = text;
	for (int i = 0; i < lines; i++) {
		size_t take = mt_text_break(s, w);
		char *piece = xstrndup(s, take);
		int tw = mt_text_width(piece);
		if (tw > w)
			tw = w;
		ui_put_text(stdscr, y + (h - lines) / 2 + i, x + (w - tw) / 2, piece, tw, false);
		free(piece);
		s += take;
		while (*s == ' ')
			s++;
	}
	ui_set(stdscr, R_NORMAL);
}

/* true when a picture can be painted; otherwise draws why not */
static bool
ready(struct app *a, int y, int x, int h, int w)
{
	struct ui_preview *pv = preview_of(a);
	switch (pv->state) {
	case PV_READY:
		return true;
	case PV_LOADING:
		box_text(a, y, x, h, w, R_DIM, _("loading the picture\xe2\x80\xa6"));
		return false;
	case PV_FAILED:
		box_text(a, y, x, h, w, R_WARN, pv->msg);
		return false;
	default:
		return false;
	}
}

static void
crosshair(struct app *a, int y, int x, int rows, int cols, double fx, double fy)
{
	int cx, cy;
	mt_focal_cell(fx, fy, cols, rows, &cx, &cy);
	ui_set(stdscr, R_FOCAL);
	/* short arms: the picture stays visible around the point */
	for (int d = 1; d <= 3; d++) {
		if (cx - d >= 0)
			mvwaddch(stdscr, y + cy, x + cx - d, ACS_HLINE);
		if (cx + d < cols)
			mvwaddch(stdscr, y + cy, x + cx + d, ACS_HLINE);
	}
	for (int d = 1; d <= 1; d++) {
		if (cy - d >= 0)
			mvwaddch(stdscr, y + cy - d, x + cx, ACS_VLINE);
		if (cy + d < rows)
			mvwaddch(stdscr, y + cy + d, x + cx, ACS_VLINE);
	}
	mvwaddch(stdscr, y + cy, x + cx, '+');
	ui_set(stdscr, R_NORMAL);
}

void
preview_draw(struct app *a, int y, int x, int h, int w, const struct mt_crop_rect *crop,
             bool focal, double fx, double fy, struct mt_crop_rect *used)
{
	if (used)
		*used = (struct mt_crop_rect){ x, y, 0, 0 };
	if (h < 2 || w < 4 || !ready(a, y, x, h, w))
		return;
	if (a->pv->pixels != MT_PIXELS_OFF) {
		preview_pixels_place(a, y, x, h, w, crop, focal, fx, fy, used);
		return;
	}
	const struct mt_cells *c = cells_for(a, crop, w, h);
	if (c == NULL) {
		box_text(a, y, x, h, w, R_WARN, _("the picture cannot be drawn"));
		return;
	}
	int ox = x + (w - c->cols) / 2, oy = y + (h - c->rows) / 2;
	paint(a, c, oy, ox);
	if (focal)
		crosshair(a, oy, ox, c->rows, c->cols, fx, fy);
	if (used)
		*used = (struct mt_crop_rect){ ox, oy, c->cols, c->rows };
	struct ui_preview *pv = preview_of(a);
	if (!pv->traced) {
		pv->traced = true;
		ui_trace(a, "preview shown %llums %s %dx%d", (unsigned long long)(mt_now_ms() - pv->asked_ms),
		         pv->from_cache ? "cached" : "fetched", pv->img->src_width, pv->img->src_height);
	}
}

void
preview_draw_crops(struct app *a, int y, int x, int h, int w, double fx, double fy)
{
	struct ui_preview *pv = preview_of(a);
	if (h < 4 || w < 8 || !ready(a, y, x, h, w))
		return;
	int n = 0;
	while (mt_crop_ratios[n].name)
		n++;
	/* side by side when each tile gets 16 columns, stacked otherwise */
	bool across = w / n >= 16;
	int tile_w = across ? (w - (n - 1)) / n : w;
	int tile_h = across ? h : h / n;
	for (int i = 0; i < n; i++) {
		const struct mt_crop_ratio *r = &mt_crop_ratios[i];
		int tx = across ? x + i * (tile_w + 1) : x;
		int ty = across ? y : y + i * tile_h;
		struct mt_crop_rect c;
		if (mt_crop_for_ratio(pv->img->src_width, pv->img->src_height, fx, fy, r->ratio_w,
		                      r->ratio_h, &c) < 0)
			continue;
		char line[160];
		snprintf(line, sizeof line, "%s %dx%d+%d+%d", r->name, c.w, c.h, c.x, c.y);
		ui_set(stdscr, R_COLHEAD);
		ui_put_text(stdscr, ty, tx, line, tile_w, true);
		int widths[MT_RENDER_WIDTHS];
		size_t nw = mt_crop_render_widths(c.w, widths);
		char *p = line;
		*p = '\0';
		for (size_t k = 0; k < nw; k++)
			p += snprintf(p, sizeof line - (size_t)(p - line), "%s%dx%d", k ? " " : "", widths[k],
			              mt_crop_render_height(c.w, c.h, widths[k]));
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, ty + 1, tx, nw ? line : _("smaller than 150 px"), tile_w, true);
		ui_set(stdscr, R_NORMAL);
		preview_draw(a, ty + 2, tx, tile_h - 2, tile_w, &c, false, 0, 0, NULL);
	}
}

/* ---- the full-screen preview view ---- */

/* The open of the table: what struct ui_open_preview brings. */
static void
preview_view_open(struct app *a, const void *arg)
{
	const struct ui_open_preview *o = arg;
	a->pv->fx = o->fx;
	a->pv->fy = o->fy;
	a->pv->crops = o->crops;
}

void
preview_view_draw(struct app *a)
{
	struct ui_preview *pv = preview_of(a);
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, 1, 0, a->cols);
	char *t;
	if (pv->state == PV_READY)
		t = xasprintf(" %s %s  %dx%d %s", pv->crops ? _("Crops of") : _("Preview of"),
		              pv->title ? pv->title : "", pv->img->src_width, pv->img->src_height,
		              pv->img->format);
	else
		t = xasprintf(" %s %s", _("Preview of"), pv->title ? pv->title : "");
	ui_put_text(stdscr, 1, 0, t, a->cols, false);
	free(t);
	ui_set(stdscr, R_NORMAL);
	int h = a->rows - 4;
	if (pv->crops)
		preview_draw_crops(a, 2, 1, h, a->cols - 2, pv->fx, pv->fy);
	else
		preview_draw(a, 2, 1, h, a->cols - 2, NULL, false, 0, 0, NULL);
	ui_set(stdscr, R_DIM);
	ui_put_text(stdscr, a->rows - 2, 1, _("c crops around the focal point, q back"), a->cols - 2, false);
	ui_set(stdscr, R_NORMAL);
}

enum ui_key
preview_view_key(struct app *a, int is_key, wint_t ch)
{
	if (is_key && (ch == KEY_LEFT || ch == KEY_BACKSPACE))
		ch = 'q', is_key = 0;
	if (is_key)
		return UI_UNHANDLED;
	switch (ch) {
	case 'c':
		a->pv->crops = !a->pv->crops;
		return UI_HANDLED;
	case 'q': case 27: case 'h': case 127: case 8:
		/* back where we came from, as if the preview had never been open */
		return UI_CLOSE;
	default:
		return UI_UNHANDLED;
	}
}

static const char *
preview_help(struct app *a)
{
	(void)a;
	return "Preview";
}

const struct ui_view preview_view = {
	.name = "preview", .open = preview_view_open, .draw = preview_view_draw,
	.key = preview_view_key, .help = preview_help,
};
