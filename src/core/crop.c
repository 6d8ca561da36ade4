/* crop.c — crop rectangles around a focal point; integer results so that
 * tests and the preview agree to the pixel. */
#include "config.h"

#include "cells.h"
#include "crop.h"

const struct mt_crop_ratio mt_crop_ratios[] = {
	{ "1:1", 1, 1 },
	{ "4:5", 4, 5 },
	{ "16:9", 16, 9 },
	{ NULL, 0, 0 },
};

const int mt_render_widths[MT_RENDER_WIDTHS] = { 150, 400, 800, 1200 };

static double
clamp_pct(double v)
{
	if (!(v >= 0))   /* also NaN */
		return 0;
	return v > 100 ? 100 : v;
}

/* floor(v + 0.5) for the non-negative values used here */
static long long
round_half_up(double v)
{
	return (long long)(v + 0.5);
}

/* Places a span of `len` inside [0, total) centred on `centre` (pixels). */
static int
place(int total, int len, double centre)
{
	long long start = round_half_up(centre - len / 2.0 < 0 ? 0 : centre - len / 2.0);
	if (start + len > total)
		start = total - len;
	return start < 0 ? 0 : (int)start;
}

int
mt_crop_for_ratio(int img_w, int img_h, double fx, double fy, int ratio_w, int ratio_h,
                  struct mt_crop_rect *out)
{
	if (img_w <= 0 || img_h <= 0 || ratio_w <= 0 || ratio_h <= 0)
		return -1;
	long long w, h;
	/* wider than the ratio: keep the full height; otherwise the full width */
	if ((long long)img_w * ratio_h > (long long)img_h * ratio_w) {
		h = img_h;
		w = ((long long)img_h * ratio_w * 2 + ratio_h) / (2LL * ratio_h);
		if (w > img_w)
			w = img_w;
	} else {
		w = img_w;
		h = ((long long)img_w * ratio_h * 2 + ratio_w) / (2LL * ratio_w);
		if (h > img_h)
			h = img_h;
	}
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	out->w = (int)w;
	out->h = (int)h;
	out->x = place(img_w, out->w, clamp_pct(fx) / 100.0 * img_w);
	out->y = place(img_h, out->h, clamp_pct(fy) / 100.0 * img_h);
	return 0;
}

int
mt_crop_render_height(int crop_w, int crop_h, int width)
{
	if (crop_w <= 0 || crop_h <= 0 || width <= 0)
		return 1;
	long long h = ((long long)crop_h * width * 2 + crop_w) / (2LL * crop_w);
	return h < 1 ? 1 : (int)h;
}

size_t
mt_crop_render_widths(int crop_w, int *out)
{
	size_t n = 0;
	for (int i = 0; i < MT_RENDER_WIDTHS; i++)
		if (mt_render_widths[i] <= crop_w)
			out[n++] = mt_render_widths[i];
	return n;
}

void
mt_focal_cell(double fx, double fy, int cols, int rows, int *col, int *row)
{
	/* the cell whose span holds the point; 100 % is the last cell */
	int c = cols > 0 ? (int)(clamp_pct(fx) / 100.0 * cols) : 0;
	int r = rows > 0 ? (int)(clamp_pct(fy) / 100.0 * rows) : 0;
	*col = c >= cols ? (cols > 0 ? cols - 1 : 0) : c;
	*row = r >= rows ? (rows > 0 ? rows - 1 : 0) : r;
}

/* ---- cell grids (here, not in cells.c: they need no renderer) ---- */

void
mt_cells_fit_geom(int w, int h, int max_cols, int max_rows, int cell_w, int cell_h, int *cols,
                  int *rows)
{
	if (max_cols < 1)
		max_cols = 1;
	if (max_rows < 1)
		max_rows = 1;
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	if (cell_w < 1 || cell_h < 1)
		cell_w = 1, cell_h = 2;
	/* a w x h picture wants w / h * cell_h / cell_w columns per row */
	long long den = (long long)h * cell_w;
	long long c = ((long long)max_rows * w * cell_h + den / 2) / den;
	if (c <= max_cols) {
		*cols = c < 1 ? 1 : (int)c;
		*rows = max_rows;
	} else {
		long long den2 = (long long)w * cell_h;
		long long r = ((long long)max_cols * h * cell_w + den2 / 2) / den2;
		*cols = max_cols;
		*rows = r < 1 ? 1 : (int)r;
	}
}

void
mt_cells_fit(int w, int h, int max_cols, int max_rows, int *cols, int *rows)
{
	/* a cell is about half as wide as tall */
	mt_cells_fit_geom(w, h, max_cols, max_rows, 1, 2, cols, rows);
}

void
mt_image_part_size(const struct mt_image *img, const struct mt_crop_rect *src, int *w, int *h)
{
	*w = src ? src->w : img->src_width > 0 ? img->src_width : img->width;
	*h = src ? src->h : img->src_height > 0 ? img->src_height : img->height;
}

void
mt_image_fit_cells(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                   int max_rows, int cell_w, int cell_h, int *cols, int *rows)
{
	int w, h;
	mt_image_part_size(img, src, &w, &h);
	mt_cells_fit_geom(w, h, max_cols, max_rows, cell_w, cell_h, cols, rows);
}

void
mt_image_region(const struct mt_image *img, const struct mt_crop_rect *src, int *x, int *y,
                int *w, int *h)
{
	*x = 0, *y = 0, *w = img->width, *h = img->height;
	if (src == NULL || img->src_width <= 0 || img->src_height <= 0)
		return;
	*x = (int)((long long)src->x * img->width / img->src_width);
	*y = (int)((long long)src->y * img->height / img->src_height);
	*w = (int)(((long long)src->w * img->width + img->src_width / 2) / img->src_width);
	*h = (int)(((long long)src->h * img->height + img->src_height / 2) / img->src_height);
	if (*w < 1)
		*w = 1;
	if (*h < 1)
		*h = 1;
	if (*x > img->width - 1)
		*x = img->width - 1;
	if (*y > img->height - 1)
		*y = img->height - 1;
	if (*x + *w > img->width)
		*w = img->width - *x;
	if (*y + *h > img->height)
		*h = img->height - *y;
}

enum mt_cell_colors
mt_cells_colors_for(int ncolors, bool no_color)
{
	if (no_color || ncolors < 8)
		return MT_COLORS_MONO;
	if (ncolors >= 256)
		return MT_COLORS_256;
	if (ncolors >= 16)
		return MT_COLORS_16;
	return MT_COLORS_8;
}
