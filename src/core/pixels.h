/* pixels.h — a picture as a pixel-protocol sequence (sixel or kitty
 * graphics) that covers a box of whole cells, for terminals that announce
 * such a protocol and users who allow it (see termquery.h). */
#ifndef MT_PIXELS_H
#define MT_PIXELS_H

#include <stdbool.h>
#include <stddef.h>

#include "crop.h"
#include "error.h"
#include "image.h"
#include "termquery.h"

struct mt_pixels_opts {
	enum mt_pixels proto;      /* MT_PIXELS_SIXEL or MT_PIXELS_KITTY */
	int cell_w, cell_h;        /* pixels per cell; 0: 10 x 20 */
	bool focal;                /* draw the focal crosshair at (fx, fy) */
	double fx, fy;             /* percent of the part shown */
	bool keep_cursor;          /* kitty: the cursor stays where it was (C=1) */
};

struct mt_pixel_picture {
	char *seq;                 /* the bytes for the terminal; starts where the cursor is */
	size_t len;
	int cols, rows;            /* the cells it covers */
	int px_w, px_h;            /* its size in pixels */
};

/* Renders the part `src` (stored image pixels; NULL: all of it) of img to
 * fit max_cols x max_rows cells. Kitty output asks the terminal not to
 * answer (q=2), so nothing comes back on the input. Returns 0, or -1 with
 * err set. */
int mt_pixels_render(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                     int max_rows, const struct mt_pixels_opts *o, struct mt_pixel_picture *out,
                     struct mt_error *err);
void mt_pixel_picture_free(struct mt_pixel_picture *p);

/* What removes every kitty picture from the screen (sixels are text cells
 * and go when the cells are redrawn). */
extern const char mt_pixels_kitty_clear[];

#endif
