/* pixels.c — chafa encodes the picture as sixels or kitty graphics; this
 * file sizes it to whole cells and burns the focal crosshair into a copy
 * of the pixels, so that it moves with the point like the cell version. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <chafa.h>

#include "cells.h"
#include "i18n.h"
#include "pixels.h"
#include "xalloc.h"

const char mt_pixels_kitty_clear[] = "\033_Ga=d,d=A,q=2\033\\";

static void
put(uint8_t *px, int stride_w, int x, int y, uint8_t r, uint8_t g, uint8_t b)
{
	uint8_t *p = px + ((size_t)y * (size_t)stride_w + (size_t)x) * 4;
	p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
}

/* A filled rectangle, clipped to the w x h pixels. */
static void
fill(uint8_t *px, int w, int h, int x0, int y0, int x1, int y1, uint8_t v, uint8_t g, uint8_t b)
{
	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > w)
		x1 = w;
	if (y1 > h)
		y1 = h;
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++)
			put(px, w, x, y, v, g, b);
}

/* Four arms around (cx, cy), leaving the point itself visible: light
 * lines with a dark edge, seen on any picture. */
static void
crosshair(uint8_t *px, int w, int h, int cx, int cy, int arm_x, int arm_y, int t)
{
	int gap = t * 2 + 1;
	for (int pass = 0; pass < 2; pass++) {
		int e = pass == 0 ? t : 0;                      /* the dark edge first */
		uint8_t v = pass == 0 ? 0 : 255, g = pass == 0 ? 0 : 230, b = pass == 0 ? 0 : 64;
		fill(px, w, h, cx - gap - arm_x - e, cy - t / 2 - e, cx - gap + e, cy - t / 2 + t + e, v, g, b);
		fill(px, w, h, cx + gap + 1 - e, cy - t / 2 - e, cx + gap + 1 + arm_x + e,
		     cy - t / 2 + t + e, v, g, b);
		fill(px, w, h, cx - t / 2 - e, cy - gap - arm_y - e, cx - t / 2 + t + e, cy - gap + e, v, g, b);
		fill(px, w, h, cx - t / 2 - e, cy + gap + 1 - e, cx - t / 2 + t + e,
		     cy + gap + 1 + arm_y + e, v, g, b);
	}
}

int
mt_pixels_render(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                 int max_rows, const struct mt_pixels_opts *o, struct mt_pixel_picture *out,
                 struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	if (img->rgba == NULL || img->width <= 0 || img->height <= 0)
		return mt_error_set(err, MT_ERR_REJECTED, _("no picture to show"));
	if (o->proto != MT_PIXELS_SIXEL && o->proto != MT_PIXELS_KITTY)
		return mt_error_set(err, MT_ERR_USAGE, _("no pixel protocol chosen"));
	int cw = o->cell_w > 0 ? o->cell_w : 10, ch = o->cell_h > 0 ? o->cell_h : 20;
	int x, y, w, h;
	mt_image_region(img, src, &x, &y, &w, &h);
	int cols, rows;
	mt_image_fit_cells(img, src, max_cols, max_rows, cw, ch, &cols, &rows);

	/* the pixels to encode: the region itself, or a copy with the crosshair */
	const uint8_t *first = img->rgba + ((size_t)y * (size_t)img->width + (size_t)x) * 4;
	int stride = img->width * 4;
	uint8_t *copy = NULL;
	bool alpha = false;
	for (int r = 0; r < h && !alpha; r++)
		for (int c = 0; c < w && !alpha; c++)
			alpha = first[(size_t)r * (size_t)stride + (size_t)c * 4 + 3] != 255;
	if (o->focal || alpha) {
		copy = xmalloc((size_t)w * (size_t)h * 4);
		for (int r = 0; r < h; r++)
			memcpy(copy + (size_t)r * (size_t)w * 4, first + (size_t)r * (size_t)stride,
			       (size_t)w * 4);
		/* opaque on a dark grey: a new picture then covers the old one
		 * completely, and a sixel leaves nothing behind where it is clear */
		for (size_t i = 0; alpha && i < (size_t)w * (size_t)h * 4; i += 4) {
			unsigned a = copy[i + 3];
			for (int k = 0; k < 3; k++)
				copy[i + k] = (uint8_t)((copy[i + k] * a + 32u * (255 - a) + 127) / 255);
			copy[i + 3] = 255;
		}
		first = copy;
		stride = w * 4;
	}
	if (o->focal) {
		/* sizes in the picture's pixels that come out as about 2 screen pixels
		 * thick and 3 cells by 1.5 cells long */
		double scale = (double)w / ((double)cols * cw);
		int t = (int)(2 * scale + 0.5);
		if (t < 1)
			t = 1;
		double fx = o->fx < 0 ? 0 : o->fx > 100 ? 100 : o->fx;
		double fy = o->fy < 0 ? 0 : o->fy > 100 ? 100 : o->fy;
		int cx = (int)(fx / 100.0 * (w - 1) + 0.5), cy = (int)(fy / 100.0 * (h - 1) + 0.5);
		crosshair(copy, w, h, cx, cy, (int)(3 * cw * scale), (int)(1.5 * ch * scale), t);
	}

	ChafaCanvasConfig *cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa_canvas_config_set_cell_geometry(cfg, cw, ch);
	chafa_canvas_config_set_pixel_mode(cfg, o->proto == MT_PIXELS_SIXEL ? CHAFA_PIXEL_MODE_SIXELS
	                                                                    : CHAFA_PIXEL_MODE_KITTY);
	chafa_canvas_config_set_canvas_mode(cfg, CHAFA_CANVAS_MODE_TRUECOLOR);
	ChafaCanvas *canvas = chafa_canvas_new(cfg);
	chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, first, w, h, stride);
	/* our own sequences, not the ones chafa guesses from $TERM: the
	 * terminal told us what it speaks */
	ChafaTermInfo *ti = chafa_term_info_new();
	chafa_term_info_set_seq(ti, CHAFA_TERM_SEQ_BEGIN_SIXELS, "\033P%1;%2;%3q", NULL);
	chafa_term_info_set_seq(ti, CHAFA_TERM_SEQ_END_SIXELS, "\033\\", NULL);
	chafa_term_info_set_seq(ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1,
	                        o->keep_cursor ? "\033_Ga=T,q=2,C=1,f=%1,s=%2,v=%3,c=%4,r=%5,m=1\033\\"
	                                       : "\033_Ga=T,q=2,f=%1,s=%2,v=%3,c=%4,r=%5,m=1\033\\",
	                        NULL);
	chafa_term_info_set_seq(ti, CHAFA_TERM_SEQ_END_KITTY_IMAGE, "\033_Gm=0\033\\", NULL);
	chafa_term_info_set_seq(ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMAGE_CHUNK, "\033_Gm=1;", NULL);
	chafa_term_info_set_seq(ti, CHAFA_TERM_SEQ_END_KITTY_IMAGE_CHUNK, "\033\\", NULL);
	GString *gs = chafa_canvas_print(canvas, ti);
	out->len = gs->len;
	out->seq = xmalloc(gs->len + 1);
	memcpy(out->seq, gs->str, gs->len + 1);
	g_string_free(gs, TRUE);
	chafa_term_info_unref(ti);
	chafa_canvas_unref(canvas);
	chafa_canvas_config_unref(cfg);
	free(copy);
	out->cols = cols;
	out->rows = rows;
	out->px_w = cols * cw;
	out->px_h = rows * ch;
	return 0;
}

void
mt_pixel_picture_free(struct mt_pixel_picture *p)
{
	free(p->seq);
	memset(p, 0, sizeof *p);
}
