/* preview.c — pictures in the terminal: the detail view's preview, the
 * focal point editor's picture with its crosshair, the crop previews, and
 * the full-screen preview of an item or a local file.
 *
 * Decoding happens on the preview service's worker thread; here the
 * picture is turned into cells (chafa) for the box it must fill, kept
 * while the box keeps its size, and painted with colour pairs allocated
 * on demand. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* pictures are decoded this large at most: enough for any terminal */
enum { DECODE_MAX = 1200 };
/* the first colour pair for pictures; the roles use the ones below */
enum { PAIR_BASE = 64 };
#define CACHE_MAX (256LL * 1024 * 1024)

static void on_pixels(uint64_t tag, struct mt_pixel_picture *pic, void *arg);

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
pixels_clear_cache(struct ui_preview *pv)
{
	for (int i = 0; i < PV_PIX; i++) {
		mt_pixel_picture_free(&pv->pix[i].pic);
		memset(&pv->pix[i], 0, sizeof pv->pix[i]);
	}
	pv->next_pix = 0;
}

static void
picture_drop(struct ui_preview *pv)
{
	renders_clear(pv);
	pixels_clear_cache(pv);
	if (pv->img) {
		mt_image_free(pv->img);
		free(pv->img);
		pv->img = NULL;
	}
}

void
preview_init(struct app *a)
{
	struct ui_preview *pv = &a->pv;
	pv->enabled = true;
	char *dir = mt_preview_cache_dir(a->profile ? a->profile->name : NULL);
	pv->svc = mt_preview_new(a->loop, a->site_open ? &a->site : NULL, dir, CACHE_MAX);
	free(dir);
	/* pictures in pixels live in the cells: curses must not shift a line's
	 * cells sideways (insert/delete character) under one */
	if (pv->pixels != MT_PIXELS_OFF) {
		idcok(stdscr, FALSE);
		pv->pixw = mt_pixels_worker_new(a->loop, on_pixels, a);
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
	struct ui_preview *pv = &a->pv;
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
	struct ui_preview *pv = &a->pv;
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
	struct ui_preview *pv = &a->pv;
	if (pv->key && strcmp(pv->key, key) == 0 && pv->state != PV_NONE)
		return false;
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
	a->pv.state = PV_FAILED;
	mt_error_format(err, a->pv.msg, sizeof a->pv.msg);
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
		a->pv.state = PV_FAILED;
		snprintf(a->pv.msg, sizeof a->pv.msg, "%s",
		         _("image previews are not available: mediatui was built without them"));
		return;
	}
	struct ui_req *q = ui_req_new(a, &a->pv.gen, 0, m->id);
	started(a, mt_preview_remote(a->pv.svc, m, DECODE_MAX, DECODE_MAX, on_picture, q, &err), q,
	        &err);
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
		a->pv.state = PV_FAILED;
		snprintf(a->pv.msg, sizeof a->pv.msg, "%s",
		         _("image previews are not available: mediatui was built without them"));
		return;
	}
	struct ui_req *q = ui_req_new(a, &a->pv.gen, 0, path);
	started(a, mt_preview_local(a->pv.svc, path, DECODE_MAX, DECODE_MAX, on_picture, q, &err), q,
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
	struct ui_preview *pv = &a->pv;
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
	struct ui_preview *pv = &a->pv;
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

/* A centred line of text in the box (a status instead of a picture). */
static void
box_text(struct app *a, int y, int x, int h, int w, enum ui_role role, const char *text)
{
	(void)a;
	int tw = mt_text_width(text);
	if (tw > w)
		tw = w;
	ui_set(stdscr, role);
	ui_put_text(stdscr, y + h / 2, x + (w - tw) / 2, text, w, false);
	ui_set(stdscr, R_NORMAL);
}

/* true when a picture can be painted; otherwise draws why not */
static bool
ready(struct app *a, int y, int x, int h, int w)
{
	struct ui_preview *pv = &a->pv;
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

/* ---- pictures in pixels ---- */

static bool
same_picture(const struct pv_place *p, const struct pv_place *q)
{
	return p->gen == q->gen && p->box_w == q->box_w && p->box_h == q->box_h &&
	       memcmp(&p->crop, &q->crop, sizeof p->crop) == 0 && p->focal == q->focal &&
	       (!p->focal || (p->fx == q->fx && p->fy == q->fy));
}

static struct pv_pixels *
pixels_find(struct ui_preview *pv, const struct pv_place *want)
{
	for (int i = 0; i < PV_PIX; i++)
		if (pv->pix[i].tag && same_picture(&pv->pix[i].key, want))
			return &pv->pix[i];
	return NULL;
}

/* A rendering has come back from the worker: keep it if still wanted. */
static void
on_pixels(uint64_t tag, struct mt_pixel_picture *pic, void *arg)
{
	struct app *a = arg;
	struct ui_preview *pv = &a->pv;
	for (int i = 0; i < PV_PIX; i++) {
		struct pv_pixels *r = &pv->pix[i];
		if (r->tag == tag && r->pending) {
			r->pending = false;
			if (pic) {
				r->pic = *pic;
				free(pic);
			}
			ui_dirty_now(a);
			return;
		}
	}
	if (pic) {
		mt_pixel_picture_free(pic);
		free(pic);
	}
}

static struct pv_pixels *
pixels_slot(struct ui_preview *pv)
{
	/* a free slot, else the oldest that is not on the screen */
	for (int i = 0; i < PV_PIX; i++)
		if (pv->pix[i].tag == 0)
			return &pv->pix[i];
	for (int k = 0; k < PV_PIX; k++) {
		struct pv_pixels *r = &pv->pix[pv->next_pix];
		pv->next_pix = (pv->next_pix + 1) % PV_PIX;
		bool busy = false;   /* on the screen, or wanted this frame */
		for (int j = 0; j < pv->nshown && !busy; j++)
			busy = pv->shown[j].written && same_picture(&pv->shown[j], &r->key);
		for (int j = 0; j < pv->nplace && !busy; j++)
			busy = same_picture(&pv->place[j], &r->key);
		if (!busy)
			return r;
	}
	return &pv->pix[0];
}

/* The rendering for a place when it is ready; otherwise asks the worker for
 * it (once) and returns NULL. */
static const struct mt_pixel_picture *
pixels_for(struct app *a, const struct pv_place *want)
{
	struct ui_preview *pv = &a->pv;
	struct pv_pixels *r = pixels_find(pv, want);
	if (r)
		return r->pic.seq ? &r->pic : NULL;
	r = pixels_slot(pv);
	mt_pixel_picture_free(&r->pic);
	r->key = *want;
	r->tag = ++pv->next_tag;
	struct mt_pixels_opts o = {
		.proto = pv->pixels, .cell_w = pv->cell_w, .cell_h = pv->cell_h,
		.focal = want->focal, .fx = want->fx, .fy = want->fy, .keep_cursor = true,
	};
	const struct mt_crop_rect *crop = want->crop.w ? &want->crop : NULL;
	r->pending = pv->pixw &&
	             mt_pixels_worker_add(pv->pixw, r->tag, pv->img, crop, want->box_w, want->box_h,
	                                  &o) == 0;
	if (!r->pending) {
		/* no worker: on the spot */
		struct mt_error err;
		if (mt_pixels_render(pv->img, crop, want->box_w, want->box_h, &o, &r->pic, &err) < 0)
			return NULL;
		return &r->pic;
	}
	return NULL;
}

/* Draws nothing but notes the place: the picture is written after the
 * screen update, on top of the blank cells curses keeps there. */
static void
pixels_place(struct app *a, int y, int x, int h, int w, const struct mt_crop_rect *crop,
             bool focal, double fx, double fy, struct mt_crop_rect *used)
{
	struct ui_preview *pv = &a->pv;
	struct pv_place want = { .gen = pv->gen, .box_w = w, .box_h = h, .focal = focal,
	                         .fx = fx, .fy = fy };
	if (crop)
		want.crop = *crop;
	/* the cells it will cover, known before it is rendered */
	mt_image_fit_cells(pv->img, crop, w, h, pv->cell_w, pv->cell_h, &want.cols, &want.rows);
	want.x = x + (w - want.cols) / 2;
	want.y = y + (h - want.rows) / 2;
	if (pv->nplace < PV_PLACES)
		pv->place[pv->nplace++] = want;
	(void)pixels_for(a, &want);
	if (used)
		*used = (struct mt_crop_rect){ want.x, want.y, want.cols, want.rows };
}

void
preview_pixels_measure(struct app *a)
{
	struct ui_preview *pv = &a->pv;
	if (pv->pixels == MT_PIXELS_OFF)
		return;
	int w, h;
	mt_term_cell_size(STDOUT_FILENO, &pv->caps, &w, &h);
	if (w != pv->cell_w || h != pv->cell_h) {
		pixels_clear_cache(pv);
		pv->cell_w = w;
		pv->cell_h = h;
	}
}

void
preview_pixels_begin(struct app *a)
{
	a->pv.nplace = 0;
}

static void
out(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;   /* the terminal is gone; nothing to save */
		s += w;
		n -= (size_t)w;
	}
}

void
preview_pixels_clear(struct app *a)
{
	struct ui_preview *pv = &a->pv;
	if (pv->pixels == MT_PIXELS_KITTY && pv->nshown > 0)
		out(mt_pixels_kitty_clear, strlen(mt_pixels_kitty_clear));
	pv->nshown = 0;
}

static void
write_picture(struct app *a, int i, const struct mt_pixel_picture *p)
{
	struct ui_preview *pv = &a->pv;
	char buf[64];
	/* save the cursor, go to the box, the picture, the cursor back:
	 * curses' idea of where the cursor is stays true */
	int n = snprintf(buf, sizeof buf, "\0337\033[%d;%dH", pv->place[i].y + 1, pv->place[i].x + 1);
	out(buf, (size_t)n);
	out(p->seq, p->len);
	out("\0338", 2);
	if (!pv->traced) {
		pv->traced = true;
		ui_trace(a, "preview shown %llums %s %dx%d pixels",
		         (unsigned long long)(mt_now_ms() - pv->asked_ms),
		         pv->from_cache ? "cached" : "fetched", pv->img->src_width, pv->img->src_height);
	}
}

void
preview_pixels_flush(struct app *a)
{
	struct ui_preview *pv = &a->pv;
	if (pv->pixels == MT_PIXELS_OFF)
		return;
	/* what the worker still has queued for pictures no longer wanted */
	if (pv->pixw) {
		uint64_t keep[PV_PLACES];
		size_t nkeep = 0;
		for (int i = 0; i < pv->nplace; i++) {
			struct pv_pixels *r = pixels_find(pv, &pv->place[i]);
			if (r)
				keep[nkeep++] = r->tag;
		}
		mt_pixels_worker_keep(pv->pixw, keep, nkeep);
		for (int i = 0; i < PV_PIX; i++) {
			struct pv_pixels *r = &pv->pix[i];
			bool kept = false;
			for (size_t k = 0; k < nkeep && !kept; k++)
				kept = keep[k] == r->tag;
			if (r->pending && !kept)
				r->tag = 0, r->pending = false;   /* a late answer finds no slot */
		}
	}
	if (ui_dialog_active(a)) {
		/* no picture under a dialog: kitty's would hide it, and a sixel
		 * would show through wherever curses leaves a cell alone */
		if (pv->nshown > 0 && pv->pixels == MT_PIXELS_SIXEL) {
			clearok(curscr, TRUE);
			wrefresh(curscr);
		}
		preview_pixels_clear(a);
		return;
	}
	bool same_layout = pv->nplace == pv->nshown, all_there = same_layout, all_ready = true;
	const struct mt_pixel_picture *pic[PV_PLACES];
	for (int i = 0; i < pv->nplace; i++) {
		const struct pv_place *p = &pv->place[i], *q = &pv->shown[i];
		struct pv_pixels *r = pixels_find(pv, p);
		pic[i] = r && r->pic.seq ? &r->pic : NULL;
		all_ready = all_ready && pic[i];
		if (same_layout)
			same_layout = p->y == q->y && p->x == q->x && p->cols == q->cols && p->rows == q->rows;
		all_there = all_there && same_layout && q->written && same_picture(p, q);
	}
	if (all_there)
		return;
	/* kitty: pictures lie above the text, so changing one means deleting
	 * them all; wait until every new one is ready, the old ones stay */
	if (pv->pixels == MT_PIXELS_KITTY && same_layout && !all_ready)
		return;
	if (pv->nshown > 0 && (pv->pixels == MT_PIXELS_KITTY || !same_layout)) {
		if (pv->pixels == MT_PIXELS_KITTY) {
			preview_pixels_clear(a);
		} else {
			/* sixels stay in the cells until they are written over: repaint
			 * the whole screen from curses' copy before the new pictures */
			clearok(curscr, TRUE);
			wrefresh(curscr);
		}
		same_layout = false;
	}
	/* sixel: write what is ready and not already there; where a new
	 * picture is still being encoded, the old one at the same cells stays */
	struct pv_place now[PV_PLACES];
	for (int i = 0; i < pv->nplace; i++) {
		const struct pv_place *cur = same_layout && pv->shown[i].written ? &pv->shown[i] : NULL;
		if (cur && same_picture(cur, &pv->place[i])) {
			now[i] = *cur;
		} else if (pic[i]) {
			write_picture(a, i, pic[i]);
			now[i] = pv->place[i];
			now[i].written = true;
		} else if (cur) {
			now[i] = *cur;
		} else {
			now[i] = pv->place[i];
			now[i].written = false;
		}
	}
	memcpy(pv->shown, now, sizeof(struct pv_place) * (size_t)pv->nplace);
	pv->nshown = pv->nplace;
}

void
preview_draw(struct app *a, int y, int x, int h, int w, const struct mt_crop_rect *crop,
             bool focal, double fx, double fy, struct mt_crop_rect *used)
{
	if (used)
		*used = (struct mt_crop_rect){ x, y, 0, 0 };
	if (h < 2 || w < 4 || !ready(a, y, x, h, w))
		return;
	if (a->pv.pixels != MT_PIXELS_OFF) {
		pixels_place(a, y, x, h, w, crop, focal, fx, fy, used);
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
	struct ui_preview *pv = &a->pv;
	if (!pv->traced) {
		pv->traced = true;
		ui_trace(a, "preview shown %llums %s %dx%d", (unsigned long long)(mt_now_ms() - pv->asked_ms),
		         pv->from_cache ? "cached" : "fetched", pv->img->src_width, pv->img->src_height);
	}
}

void
preview_draw_crops(struct app *a, int y, int x, int h, int w, double fx, double fy)
{
	struct ui_preview *pv = &a->pv;
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
	a->pv.fx = o->fx;
	a->pv.fy = o->fy;
	a->pv.crops = o->crops;
}

void
preview_view_draw(struct app *a)
{
	struct ui_preview *pv = &a->pv;
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
		a->pv.crops = !a->pv.crops;
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
