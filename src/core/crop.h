/* crop.h — which part of an image a site keeps when it crops around a
 * focal point, and the sizes it renders.
 *
 * The rule (what smart-cropping sites do, and what the preview shows): the
 * largest rectangle of the wanted ratio that fits in the image, centred on
 * the focal point, then pushed back inside the image where it overhangs. */
#ifndef MT_CROP_H
#define MT_CROP_H

#include <stddef.h>

struct mt_crop_rect {
	int x, y, w, h;
};

/* The ratios the crop preview shows, "W:H"; ratio_w == 0 ends the list. */
struct mt_crop_ratio {
	const char *name;
	int ratio_w, ratio_h;
};
extern const struct mt_crop_ratio mt_crop_ratios[];

/* The widths clearcms renders ("150px, 400px, 800px, 1200px"). */
extern const int mt_render_widths[];
enum { MT_RENDER_WIDTHS = 4 };

/* Crop of an img_w x img_h image to ratio_w:ratio_h around the focal point
 * (fx, fy in percent, 0..100; out-of-range values are clamped). Returns 0,
 * or -1 when a size or ratio is not positive. */
int mt_crop_for_ratio(int img_w, int img_h, double fx, double fy, int ratio_w, int ratio_h,
                      struct mt_crop_rect *out);

/* The height a crop of crop_w x crop_h has when rendered `width` pixels
 * wide, rounded to the nearest pixel (at least 1). */
int mt_crop_render_height(int crop_w, int crop_h, int width);

/* Which of the rendered widths exist for a crop crop_w wide: a site does not
 * enlarge, so widths above crop_w are dropped. Writes them to out (room for
 * MT_RENDER_WIDTHS) and returns how many. */
size_t mt_crop_render_widths(int crop_w, int *out);

/* The cell (col, row) in a cols x rows picture of the image that holds the
 * focal point; both are clamped inside the picture. */
void mt_focal_cell(double fx, double fy, int cols, int rows, int *col, int *row);

#endif
