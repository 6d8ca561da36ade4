/* cells.c — chafa turns pixels into symbols and palette colours; this file
 * picks the symbols and palette for the terminal and reads the grid back. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <chafa.h>

#include "cells.h"
#include "i18n.h"
#include "xalloc.h"

static ChafaCanvasMode
canvas_mode(enum mt_cell_colors c)
{
	switch (c) {
	case MT_COLORS_256: return CHAFA_CANVAS_MODE_INDEXED_256;
	case MT_COLORS_16: return CHAFA_CANVAS_MODE_INDEXED_16;
	case MT_COLORS_8: return CHAFA_CANVAS_MODE_INDEXED_8;
	default: return CHAFA_CANVAS_MODE_FGBG;
	}
}

int
mt_cells_render(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                int max_rows, const struct mt_cells_opts *opts, struct mt_cells *out,
                struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	if (img->rgba == NULL || img->width <= 0 || img->height <= 0)
		return mt_error_set(err, MT_ERR_REJECTED, _("no picture to show"));
	/* the part wanted, in the decoded pixels */
	int x, y, w, h;
	mt_image_region(img, src, &x, &y, &w, &h);
	int cols, rows;
	mt_image_fit_cells(img, src, max_cols, max_rows, 1, 2, &cols, &rows);

	ChafaSymbolMap *map = chafa_symbol_map_new();
	if (opts->unicode)
		chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SPACE);
	else
		chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_ASCII);
	ChafaCanvasConfig *cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa_canvas_config_set_canvas_mode(cfg, canvas_mode(opts->colors));
	chafa_canvas_config_set_symbol_map(cfg, map);
	ChafaCanvas *canvas = chafa_canvas_new(cfg);
	const uint8_t *first = img->rgba + ((size_t)y * (size_t)img->width + (size_t)x) * 4;
	chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, first, w, h,
	                             img->width * 4);
	out->cols = cols;
	out->rows = rows;
	out->cell = xcalloc((size_t)cols * (size_t)rows, sizeof *out->cell);
	bool mono = opts->colors == MT_COLORS_MONO;
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			struct mt_cell *o = &out->cell[(size_t)r * cols + c];
			o->ch = chafa_canvas_get_char_at(canvas, c, r);
			if (o->ch == 0)
				o->ch = ' ';
			int fg = -1, bg = -1;
			if (!mono)
				chafa_canvas_get_raw_colors_at(canvas, c, r, &fg, &bg);
			o->fg = (int16_t)(fg < 0 || fg > 255 ? -1 : fg);
			o->bg = (int16_t)(bg < 0 || bg > 255 ? -1 : bg);
		}
	}
	chafa_canvas_unref(canvas);
	chafa_canvas_config_unref(cfg);
	chafa_symbol_map_unref(map);
	return 0;
}

void
mt_cells_free(struct mt_cells *c)
{
	free(c->cell);
	c->cell = NULL;
	c->cols = c->rows = 0;
}
