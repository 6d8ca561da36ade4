/* test_crop.c — which rectangle a site keeps for a focal point and ratio,
 * the sizes it renders, and how pictures are fitted into cells: exact numbers. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cells.h"
#include "crop.h"

static void
expect_crop(int iw, int ih, double fx, double fy, int rw, int rh, int x, int y, int w, int h)
{
	struct mt_crop_rect r = { -1, -1, -1, -1 };
	assert_int_equal(mt_crop_for_ratio(iw, ih, fx, fy, rw, rh, &r), 0);
	if (r.x != x || r.y != y || r.w != w || r.h != h)
		fail_msg("%dx%d focal %g,%g ratio %d:%d: got %dx%d+%d+%d, want %dx%d+%d+%d", iw, ih, fx,
		         fy, rw, rh, r.w, r.h, r.x, r.y, w, h, x, y);
}

static void
test_square_crops_of_a_landscape_photo(void **state)
{
	(void)state;
	/* centred, pushed against the left edge, pushed against the right edge */
	expect_crop(6000, 4000, 50, 50, 1, 1, 1000, 0, 4000, 4000);
	expect_crop(6000, 4000, 10, 50, 1, 1, 0, 0, 4000, 4000);
	expect_crop(6000, 4000, 95, 50, 1, 1, 2000, 0, 4000, 4000);
	expect_crop(6000, 4000, 60, 0, 1, 1, 1600, 0, 4000, 4000);
}

static void
test_portrait_and_wide_ratios(void **state)
{
	(void)state;
	/* 4:5 of a 3:2 photo keeps the height: 3200 wide, centred on x 2100 */
	expect_crop(6000, 4000, 35, 65, 4, 5, 500, 0, 3200, 4000);
	/* 16:9 of a 3:2 photo keeps the width: 3375.5 rounds to 3375 rows;
	 * centred on y 2600 it would start at 913, the bottom edge stops it at 625;
	 * centred it starts at 312.5, rounded up; at 40 % it would start above the top */
	expect_crop(6000, 4000, 35, 65, 16, 9, 0, 625, 6000, 3375);
	expect_crop(6000, 4000, 50, 50, 16, 9, 0, 313, 6000, 3375);
	expect_crop(6000, 4000, 50, 40, 16, 9, 0, 0, 6000, 3375);
	/* a portrait phone picture cropped wide at the very top */
	expect_crop(1080, 1920, 50, 0, 16, 9, 0, 0, 1080, 608);
	expect_crop(1080, 1920, 50, 100, 16, 9, 0, 1312, 1080, 608);
	/* the ratio already matches: the whole image */
	expect_crop(1920, 1080, 80, 20, 16, 9, 0, 0, 1920, 1080);
}

static void
test_rounding_and_tiny_images(void **state)
{
	(void)state;
	/* centre 50.5 - 50 = 0.5 rounds up, and the right edge allows 1 */
	expect_crop(101, 100, 50, 50, 1, 1, 1, 0, 100, 100);
	expect_crop(1, 1, 50, 50, 16, 9, 0, 0, 1, 1);
	expect_crop(3, 1, 100, 0, 4, 5, 2, 0, 1, 1);
}

static void
test_out_of_range_input(void **state)
{
	(void)state;
	struct mt_crop_rect r;
	assert_int_equal(mt_crop_for_ratio(0, 100, 50, 50, 1, 1, &r), -1);
	assert_int_equal(mt_crop_for_ratio(100, -5, 50, 50, 1, 1, &r), -1);
	assert_int_equal(mt_crop_for_ratio(100, 100, 50, 50, 0, 1, &r), -1);
	/* focal points outside 0..100 (and NaN) are clamped, not trusted */
	expect_crop(6000, 4000, 150, -20, 1, 1, 2000, 0, 4000, 4000);
	expect_crop(6000, 4000, NAN, NAN, 1, 1, 0, 0, 4000, 4000);
}

static void
test_rendered_sizes(void **state)
{
	(void)state;
	int w[MT_RENDER_WIDTHS];
	assert_int_equal(mt_crop_render_widths(4000, w), 4);
	assert_int_equal(w[0], 150);
	assert_int_equal(w[3], 1200);
	assert_int_equal(mt_crop_render_widths(1200, w), 4);
	assert_int_equal(mt_crop_render_widths(1199, w), 3);
	assert_int_equal(mt_crop_render_widths(320, w), 1);
	assert_int_equal(mt_crop_render_widths(149, w), 0);
	/* 4:5 at 150 wide is 187.5 rows: 188 */
	assert_int_equal(mt_crop_render_height(3200, 4000, 150), 188);
	assert_int_equal(mt_crop_render_height(6000, 3375, 1200), 675);
	assert_int_equal(mt_crop_render_height(4000, 4000, 400), 400);
	assert_int_equal(mt_crop_render_height(0, 10, 150), 1);
}

static void
test_cells_fit_and_focal_cell(void **state)
{
	(void)state;
	int c, r;
	/* 320x200 into 60x19: 61.3 columns would be needed at full height */
	mt_cells_fit(320, 200, 60, 19, &c, &r);
	assert_int_equal(c, 60);
	assert_int_equal(r, 19);
	mt_cells_fit(96, 96, 40, 12, &c, &r);
	assert_int_equal(c, 24);
	assert_int_equal(r, 12);
	mt_cells_fit(10000, 10, 80, 24, &c, &r);
	assert_int_equal(c, 80);
	assert_int_equal(r, 1);
	mt_focal_cell(50, 50, 10, 5, &c, &r);
	assert_int_equal(c, 5);
	assert_int_equal(r, 2);
	mt_focal_cell(100, 100, 10, 5, &c, &r);
	assert_int_equal(c, 9);
	assert_int_equal(r, 4);
	mt_focal_cell(0, 0, 10, 5, &c, &r);
	assert_int_equal(c, 0);
	assert_int_equal(r, 0);
	assert_int_equal(mt_cells_colors_for(256, false), MT_COLORS_256);
	assert_int_equal(mt_cells_colors_for(88, false), MT_COLORS_16);
	assert_int_equal(mt_cells_colors_for(8, false), MT_COLORS_8);
	assert_int_equal(mt_cells_colors_for(256, true), MT_COLORS_MONO);
	assert_int_equal(mt_cells_colors_for(2, false), MT_COLORS_MONO);
}

static void
test_fit_for_real_cell_sizes(void **state)
{
	(void)state;
	int c, r;
	/* 6000x4000 into 120x40 cells of 9x18 px: 40 rows want 120 columns */
	mt_cells_fit_geom(6000, 4000, 120, 40, 9, 18, &c, &r);
	assert_int_equal(c, 120);
	assert_int_equal(r, 40);
	/* square cells (8x8): a square picture is as many columns as rows */
	mt_cells_fit_geom(500, 500, 80, 30, 8, 8, &c, &r);
	assert_int_equal(c, 30);
	assert_int_equal(r, 30);
	/* width-bound: 16:9 into 40 columns of 10x20 px = 400 px, 225 px = 11.25 rows */
	mt_cells_fit_geom(1600, 900, 40, 30, 10, 20, &c, &r);
	assert_int_equal(c, 40);
	assert_int_equal(r, 11);
	/* nonsense cell sizes fall back to cells twice as tall as wide */
	int c2, r2;
	mt_cells_fit_geom(320, 200, 60, 19, 0, -3, &c, &r);
	mt_cells_fit(320, 200, 60, 19, &c2, &r2);
	assert_int_equal(c, c2);
	assert_int_equal(r, r2);
}

static void
test_image_region_maps_stored_to_decoded(void **state)
{
	(void)state;
	/* stored 6000x4000, decoded at 1/4 */
	struct mt_image img = { .width = 1500, .height = 1000, .src_width = 6000, .src_height = 4000 };
	int x, y, w, h;
	struct mt_crop_rect sq = { 1000, 0, 4000, 4000 };
	mt_image_region(&img, &sq, &x, &y, &w, &h);
	assert_int_equal(x, 250);
	assert_int_equal(y, 0);
	assert_int_equal(w, 1000);
	assert_int_equal(h, 1000);
	mt_image_region(&img, NULL, &x, &y, &w, &h);
	assert_int_equal(w, 1500);
	assert_int_equal(h, 1000);
	/* a rectangle hanging out of the picture is cut to it; never empty */
	struct mt_crop_rect out = { 5999, 3999, 4000, 4000 };
	mt_image_region(&img, &out, &x, &y, &w, &h);
	assert_int_equal(x, 1499);
	assert_int_equal(y, 999);
	assert_int_equal(w, 1);
	assert_int_equal(h, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_square_crops_of_a_landscape_photo),
		cmocka_unit_test(test_portrait_and_wide_ratios),
		cmocka_unit_test(test_rounding_and_tiny_images),
		cmocka_unit_test(test_out_of_range_input),
		cmocka_unit_test(test_rendered_sizes),
		cmocka_unit_test(test_cells_fit_and_focal_cell),
		cmocka_unit_test(test_fit_for_real_cell_sizes),
		cmocka_unit_test(test_image_region_maps_stored_to_decoded),
	};
	return cmocka_run_group_tests_name("crop", tests, NULL, NULL);
}
