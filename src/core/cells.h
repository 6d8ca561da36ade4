/* cells.h — an image as terminal character cells (chafa): a character and
 * palette colours per cell, ready for curses or for plain escape codes. */
#ifndef MT_CELLS_H
#define MT_CELLS_H

#include <stdbool.h>
#include <stdint.h>

#include "crop.h"
#include "error.h"
#include "image.h"

enum mt_cell_colors {
	MT_COLORS_MONO = 2,   /* shapes only, in the terminal's colours */
	MT_COLORS_8 = 8,
	MT_COLORS_16 = 16,
	MT_COLORS_256 = 256,
};

struct mt_cell {
	uint32_t ch;          /* a Unicode code point; ASCII when asked for */
	int16_t fg, bg;       /* palette indexes; -1: the terminal's default */
};

struct mt_cells {
	int cols, rows;
	struct mt_cell *cell; /* rows * cols, row by row */
};

struct mt_cells_opts {
	enum mt_cell_colors colors;
	bool unicode;         /* block symbols; otherwise ASCII only */
};

/* The grid (at most max_cols x max_rows) that shows a w x h picture without
 * distortion, for cells twice as tall as wide. */
void mt_cells_fit(int w, int h, int max_cols, int max_rows, int *cols, int *rows);
/* The same for cells of cell_w x cell_h pixels. */
void mt_cells_fit_geom(int w, int h, int max_cols, int max_rows, int cell_w, int cell_h, int *cols,
                       int *rows);

/* The size of the part `src` (NULL: all of it) in the stored image's pixels. */
void mt_image_part_size(const struct mt_image *img, const struct mt_crop_rect *src, int *w,
                        int *h);
/* The cells (at most max_cols x max_rows, of cell_w x cell_h pixels) the
 * part `src` of img fills: what every rendering of it uses. */
void mt_image_fit_cells(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                        int max_rows, int cell_w, int cell_h, int *cols, int *rows);

/* The part `src` (in the stored image's pixels; NULL: all of it) of img in
 * its decoded pixels: never empty, never outside them. */
void mt_image_region(const struct mt_image *img, const struct mt_crop_rect *src, int *x, int *y,
                     int *w, int *h);

/* Renders the part `src` (in the stored image's pixels; NULL: all of it)
 * of img into a grid fitted into max_cols x max_rows. */
int mt_cells_render(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                    int max_rows, const struct mt_cells_opts *opts, struct mt_cells *out,
                    struct mt_error *err);
void mt_cells_free(struct mt_cells *c);

/* The colour mode for a terminal with this many colours (and NO_COLOR). */
enum mt_cell_colors mt_cells_colors_for(int ncolors, bool no_color);

#endif
