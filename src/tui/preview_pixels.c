/* preview_pixels.c — pictures in pixels (sixel or kitty) instead of cells:
 * chosen at start from what the terminal answers, encoded off the loop
 * thread, noted where they stand while the frame is drawn and written
 * after the screen update, only when they changed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "preview_state.h"
#include "ui.h"
#include "xalloc.h"

void
preview_pixels_start(struct app *a)
{
	struct ui_preview *pv = preview_of(a);
	memset(&pv->caps, 0, sizeof pv->caps);
	pv->pixels = MT_PIXELS_OFF;
	if (a->config.pixels == MT_PIXELS_OFF || !mt_preview_available())
		return;
	if (a->config.pixels == MT_PIXELS_AUTO &&
	    mt_termquery_ask(STDIN_FILENO, STDOUT_FILENO, 1000, &pv->caps) < 0)
		ui_trace(a, "pixels: the terminal did not answer");
	pv->pixels = mt_pixels_choose(a->config.pixels, &pv->caps);
	preview_pixels_measure(a);
	ui_trace(a, "pixels: %s (kitty %d, sixel %d, cell %dx%d)", mt_pixels_name(pv->pixels),
	         pv->caps.kitty, pv->caps.sixel, pv->cell_w, pv->cell_h);
}

void
preview_pixels_forget(struct ui_preview *pv)
{
	for (int i = 0; i < PV_PIX; i++) {
		mt_pixel_picture_free(&pv->pix[i].pic);
		memset(&pv->pix[i], 0, sizeof pv->pix[i]);
	}
	pv->next_pix = 0;
}


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
	struct ui_preview *pv = preview_of(a);
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
	struct ui_preview *pv = preview_of(a);
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
void
preview_pixels_place(struct app *a, int y, int x, int h, int w, const struct mt_crop_rect *crop,
                     bool focal, double fx, double fy, struct mt_crop_rect *used)
{
	struct ui_preview *pv = preview_of(a);
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
	struct ui_preview *pv = preview_of(a);
	if (pv->pixels == MT_PIXELS_OFF)
		return;
	int w, h;
	mt_term_cell_size(STDOUT_FILENO, &pv->caps, &w, &h);
	if (w != pv->cell_w || h != pv->cell_h) {
		preview_pixels_forget(pv);
		pv->cell_w = w;
		pv->cell_h = h;
	}
}

void
preview_pixels_begin(struct app *a)
{
	a->pv->nplace = 0;
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
	struct ui_preview *pv = preview_of(a);
	if (pv->pixels == MT_PIXELS_KITTY && pv->nshown > 0)
		out(mt_pixels_kitty_clear, strlen(mt_pixels_kitty_clear));
	pv->nshown = 0;
}

static void
write_picture(struct app *a, int i, const struct mt_pixel_picture *p)
{
	struct ui_preview *pv = preview_of(a);
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
	struct ui_preview *pv = preview_of(a);
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
preview_pixels_worker(struct app *a)
{
	preview_of(a)->pixw = mt_pixels_worker_new(a->loop, on_pixels, a);
}
