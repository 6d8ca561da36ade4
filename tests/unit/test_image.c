/* test_image.c — decoding every format (reduced while decoding), hostile
 * and broken images, cell rendering with known colours, the text form of
 * a grid, and the preview cache's size bound. Built with previews only. */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <cmocka.h>

#include <png.h>

#include "cells.h"
#include "cells_text.h"
#include "image.h"
#include "preview.h"

static char *
demo(const char *name)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");
	snprintf(path, sizeof path, "%s/data/demo/%s", top ? top : ".", name);
	return path;
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	uint8_t *buf = malloc(1 << 20);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void
expect_demo(const char *name, const char *format, int w, int h)
{
	struct mt_image img;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_image_load(demo(name), 4000, 4000, &img, &err) < 0)
		fail_msg("%s: %s", name, err.message);
	assert_string_equal(img.format, format);
	assert_int_equal(img.src_width, w);
	assert_int_equal(img.src_height, h);
	assert_int_equal(img.width, w);
	assert_int_equal(img.height, h);
	assert_non_null(img.rgba);
	mt_image_free(&img);
}

static void
test_every_format_decodes(void **state)
{
	(void)state;
	expect_demo("harbour.jpg", "JPEG", 320, 200);
	expect_demo("sunset.png", "PNG", 240, 160);
	expect_demo("texture.png", "PNG", 160, 160);
	expect_demo("badge.gif", "GIF", 96, 96);
	expect_demo("landscape.webp", "WebP", 400, 300);
}

static void
test_reduced_while_decoding(void **state)
{
	(void)state;
	struct mt_image img;
	struct mt_error err;
	/* 320x200 into 100x100: 100x63 (the JPEG decodes at 1/2, then averages) */
	assert_int_equal(mt_image_load(demo("harbour.jpg"), 100, 100, &img, &err), 0);
	assert_int_equal(img.width, 100);
	assert_int_equal(img.height, 63);
	assert_int_equal(img.src_width, 320);
	mt_image_free(&img);
	assert_int_equal(mt_image_load(demo("landscape.webp"), 40, 40, &img, &err), 0);
	assert_int_equal(img.width, 40);
	assert_int_equal(img.height, 30);
	mt_image_free(&img);
	assert_int_equal(mt_image_load(demo("badge.gif"), 10, 50, &img, &err), 0);
	assert_int_equal(img.width, 10);
	assert_int_equal(img.height, 10);
	mt_image_free(&img);
}

/* a PNG made here: left half red, right half blue, w x h */
static uint8_t *
make_png(int w, int h, size_t *len)
{
	uint8_t *px = calloc((size_t)w * h, 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			p[x < w / 2 ? 0 : 2] = 255;
			p[3] = 255;
		}
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	im.width = (png_uint_32)w;
	im.height = (png_uint_32)h;
	im.format = PNG_FORMAT_RGBA;
	png_alloc_size_t size = 0;
	assert_true(png_image_write_to_memory(&im, NULL, &size, 0, px, 0, NULL));
	uint8_t *out = malloc(size);
	assert_true(png_image_write_to_memory(&im, out, &size, 0, px, 0, NULL));
	free(px);
	*len = size;
	return out;
}

static void
test_averaging_keeps_colours(void **state)
{
	(void)state;
	size_t len;
	uint8_t *png = make_png(64, 32, &len);
	struct mt_image img;
	struct mt_error err;
	assert_int_equal(mt_image_decode(png, len, 2, 2, &img, &err), 0);
	assert_int_equal(img.width, 2);
	assert_int_equal(img.height, 1);
	const uint8_t red[4] = { 255, 0, 0, 255 }, blue[4] = { 0, 0, 255, 255 };
	assert_memory_equal(img.rgba, red, 4);
	assert_memory_equal(img.rgba + 4, blue, 4);

	/* cells: chafa paints each half in the palette's pure red (196) and blue (21) */
	struct mt_cells c;
	struct mt_cells_opts o = { MT_COLORS_256, true };
	mt_image_free(&img);
	assert_int_equal(mt_image_decode(png, len, 64, 64, &img, &err), 0);
	assert_int_equal(mt_cells_render(&img, NULL, 2, 1, &o, &c, &err), 0);
	assert_int_equal(c.cols, 2);
	assert_int_equal(c.rows, 1);
	assert_int_equal(c.cell[0].ch, ' ');
	assert_int_equal(c.cell[0].bg, 196);
	assert_int_equal(c.cell[1].ch, ' ');
	assert_int_equal(c.cell[1].bg, 21);

	/* and as text with 256-colour codes, each line reset */
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);
	mt_cells_write(f, &c, MT_COLORS_256);
	fclose(f);
	assert_string_equal(buf, "\033[39m\033[48;5;196m \033[48;5;21m \033[0m\n");
	free(buf);
	mt_cells_free(&c);

	/* 16 colours: the nearest of the basic palette (bright red 9, blue 4 or 12) */
	o.colors = MT_COLORS_16;
	assert_int_equal(mt_cells_render(&img, NULL, 2, 1, &o, &c, &err), 0);
	assert_true(c.cell[0].bg == 9 || c.cell[0].bg == 1);
	assert_true(c.cell[1].bg == 12 || c.cell[1].bg == 4);
	mt_cells_free(&c);
	mt_image_free(&img);
	free(png);
}

static void
test_monochrome_ascii(void **state)
{
	(void)state;
	/* black left, white right: a blank cell and a dense ASCII one, no colours */
	uint8_t px[32 * 16 * 4];
	for (int y = 0; y < 16; y++)
		for (int x = 0; x < 32; x++) {
			uint8_t *p = px + (y * 32 + x) * 4;
			p[0] = p[1] = p[2] = x < 16 ? 0 : 255;
			p[3] = 255;
		}
	struct mt_image img = { .width = 32, .height = 16, .src_width = 32, .src_height = 16, .rgba = px };
	struct mt_cells c;
	struct mt_error err;
	struct mt_cells_opts o = { MT_COLORS_MONO, false };
	assert_int_equal(mt_cells_render(&img, NULL, 2, 1, &o, &c, &err), 0);
	assert_int_equal(c.cell[0].ch, ' ');
	assert_true(c.cell[1].ch > ' ' && c.cell[1].ch < 0x7f);
	assert_int_equal(c.cell[0].fg, -1);
	assert_int_equal(c.cell[1].bg, -1);
	mt_cells_free(&c);
}

static void
expect_refused(const uint8_t *data, size_t len, const char *why)
{
	struct mt_image img;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_image_decode(data, len, 100, 100, &img, &err) == 0)
		fail_msg("%s: decoded, should be refused", why);
	assert_non_null(err.message[0] ? err.message : NULL);
	assert_null(img.rgba);
}

static void
test_broken_and_hostile_images(void **state)
{
	(void)state;
	size_t len;
	uint8_t *png = slurp(demo("sunset.png"), &len);
	expect_refused(png, 100, "a truncated PNG");
	png[20] ^= 0xff;   /* the IHDR's CRC no longer matches */
	expect_refused(png, len, "a PNG with a bad header checksum");
	free(png);
	expect_refused((const uint8_t *)"not an image at all", 19, "text");
	expect_refused((const uint8_t *)"", 0, "nothing");
	expect_refused((const uint8_t *)"\x89PNG\r\n\x1a\n", 8, "a PNG signature alone");
	expect_refused((const uint8_t *)"RIFF\x10\0\0\0WEBPVP8 ", 16, "a WebP header alone");
	expect_refused((const uint8_t *)"\xff\xd8\xff\xe0\0\x10JFIF", 10, "a JPEG header alone");
	/* GIF logical screens of absurd sizes are refused before any allocation */
	const uint8_t huge[] = "GIF89a\xff\xff\xff\xff\x00\x00\x00";
	expect_refused(huge, sizeof huge - 1, "a 65535 x 65535 GIF");
	const uint8_t big[] = "GIF89a\x10\x27\x10\x27\x00\x00\x00";   /* 10000 x 10000 */
	expect_refused(big, sizeof big - 1, "a 100-megapixel GIF");
	const uint8_t empty[] = "GIF89a\x10\x00\x10\x00\x00\x00\x00\x3b";
	expect_refused(empty, sizeof empty - 1, "a GIF without a frame");

	/* a truncated JPEG shows what arrived (or fails cleanly): never a crash */
	uint8_t *jpg = slurp(demo("harbour.jpg"), &len);
	struct mt_image img;
	struct mt_error err;
	if (mt_image_decode(jpg, len / 2, 100, 100, &img, &err) == 0) {
		assert_int_equal(img.src_width, 320);
		mt_image_free(&img);
	}
	free(jpg);
}

static void
touch_file(const char *dir, const char *name, size_t size, time_t age)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (size_t i = 0; i < size; i++)
		fputc('x', f);
	fclose(f);
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= age;
	tv[1] = tv[0];
	utimes(path, tv);
}

static bool
exists(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static void
test_cache_keeps_its_bound(void **state)
{
	(void)state;
	char dir[] = "/tmp/mt-cache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	touch_file(dir, "a-old.jpg", 100, 300);
	touch_file(dir, "b-middle.jpg", 100, 200);
	touch_file(dir, "c-new.jpg", 100, 100);
	touch_file(dir, "d.jpg.part-1-0", 500, 10);   /* a download in progress */
	mt_preview_cache_trim(dir, 250, NULL);
	assert_false(exists(dir, "a-old.jpg"));
	assert_true(exists(dir, "b-middle.jpg"));
	assert_true(exists(dir, "c-new.jpg"));
	assert_true(exists(dir, "d.jpg.part-1-0"));
	/* the file just fetched stays even when it alone is over the bound */
	char keep[4096];
	snprintf(keep, sizeof keep, "%s/b-middle.jpg", dir);
	mt_preview_cache_trim(dir, 50, keep);
	assert_true(exists(dir, "b-middle.jpg"));
	assert_false(exists(dir, "c-new.jpg"));
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_types_that_can_be_shown(void **state)
{
	(void)state;
	assert_true(mt_preview_can_show("image/jpeg", NULL));
	assert_true(mt_preview_can_show("IMAGE/WEBP", "x.bin"));
	assert_false(mt_preview_can_show("image/svg+xml", "logo.svg"));
	assert_false(mt_preview_can_show("application/pdf", "a.png"));
	assert_true(mt_preview_can_show(NULL, "photo.JPG"));
	assert_true(mt_preview_can_show("", "anim.gif"));
	assert_false(mt_preview_can_show(NULL, "notes"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_format_decodes),
		cmocka_unit_test(test_reduced_while_decoding),
		cmocka_unit_test(test_averaging_keeps_colours),
		cmocka_unit_test(test_monochrome_ascii),
		cmocka_unit_test(test_broken_and_hostile_images),
		cmocka_unit_test(test_cache_keeps_its_bound),
		cmocka_unit_test(test_types_that_can_be_shown),
	};
	return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
