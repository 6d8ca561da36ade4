/* test_pixels.c — pictures as sixel and kitty graphics sequences: the size
 * in cells and pixels, the framing the terminal needs, the pixels
 * themselves (decoded back from the kitty payload), the focal crosshair,
 * and the parts (crops) of a picture. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cells.h"
#include "loop.h"
#include "pixels.h"
#include "pixels_worker.h"

/* a w x h picture, left half red and right half blue */
static struct mt_image
two_colours(int w, int h)
{
	struct mt_image img = { .width = w, .height = h, .src_width = w, .src_height = h,
	                        .format = "PNG" };
	img.rgba = malloc((size_t)w * h * 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t *p = img.rgba + ((size_t)y * w + x) * 4;
			bool left = x < w / 2;
			p[0] = left ? 255 : 0, p[1] = 0, p[2] = left ? 0 : 255, p[3] = 255;
		}
	return img;
}

static int
b64(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes base64 in[0, n) onto out at *o; each chunk stands alone. */
static void
decode_chunk(const char *in, size_t n, uint8_t *out, size_t *o)
{
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n && in[i] != '='; i++) {
		int v = b64(in[i]);
		assert_true(v >= 0);
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[(*o)++] = (uint8_t)(acc >> bits);
		}
	}
}

/* The RGBA payload of a kitty sequence: the chunks "ESC_Gm=1;DATA ESC\"
 * decoded and joined. Checks the framing on the way. */
static uint8_t *
kitty_payload(const struct mt_pixel_picture *p, size_t *n)
{
	uint8_t *out = malloc(p->len);
	size_t o = 0;
	const char *s = p->seq;
	const char *ch;
	while ((ch = strstr(s, "\033_Gm=1;")) != NULL) {
		ch += 7;
		const char *st = strstr(ch, "\033\\");
		assert_non_null(st);
		decode_chunk(ch, (size_t)(st - ch), out, &o);
		s = st + 2;
	}
	assert_string_equal(s, "\033_Gm=0\033\\");   /* the closing chunk ends it */
	*n = o;
	return out;
}

static void
test_sixel_framing_and_size(void **state)
{
	(void)state;
	struct mt_image img = two_colours(320, 200);
	struct mt_pixels_opts o = { .proto = MT_PIXELS_SIXEL, .cell_w = 10, .cell_h = 20 };
	struct mt_pixel_picture p;
	struct mt_error err;
	assert_int_equal(mt_pixels_render(&img, NULL, 20, 6, &o, &p, &err), 0);
	/* 320x200 at 10x20 cells: 6 rows allow 19 columns (19.2) */
	assert_int_equal(p.cols, 19);
	assert_int_equal(p.rows, 6);
	assert_int_equal(p.px_w, 190);
	assert_int_equal(p.px_h, 120);
	assert_int_equal(strlen(p.seq), p.len);   /* no NUL inside */
	assert_memory_equal(p.seq, "\033P", 2);
	assert_non_null(strstr(p.seq, "q\"1;1;190;120"));
	assert_memory_equal(p.seq + p.len - 2, "\033\\", 2);
	/* nothing else that a terminal would act on: one DCS, one ST */
	int esc = 0;
	for (size_t i = 0; i < p.len; i++)
		esc += p.seq[i] == '\033';
	assert_int_equal(esc, 2);
	/* a red and a blue colour register (sixel colours are percent) */
	assert_non_null(strstr(p.seq, ";2;100;0;0"));
	assert_non_null(strstr(p.seq, ";2;0;0;100"));
	mt_pixel_picture_free(&p);
	free(img.rgba);
}

static void
test_kitty_pixels_decode_back(void **state)
{
	(void)state;
	struct mt_image img = two_colours(64, 64);
	struct mt_pixels_opts o = { .proto = MT_PIXELS_KITTY, .cell_w = 8, .cell_h = 16 };
	struct mt_pixel_picture p;
	struct mt_error err;
	assert_int_equal(mt_pixels_render(&img, NULL, 10, 4, &o, &p, &err), 0);
	assert_int_equal(p.cols, 8);
	assert_int_equal(p.rows, 4);
	char head[128];
	snprintf(head, sizeof head, "\033_Ga=T,q=2,f=32,s=%d,v=%d,c=8,r=4,m=1\033\\", p.px_w, p.px_h);
	assert_memory_equal(p.seq, head, strlen(head));
	size_t n;
	uint8_t *px = kitty_payload(&p, &n);
	assert_int_equal(n, (size_t)p.px_w * p.px_h * 4);
	/* left quarter red, right quarter blue, opaque */
	for (int y = 0; y < p.px_h; y += 7) {
		const uint8_t *l = px + ((size_t)y * p.px_w + 2) * 4;
		const uint8_t *r = px + ((size_t)y * p.px_w + p.px_w - 3) * 4;
		assert_true(l[0] > 240 && l[1] < 16 && l[2] < 16 && l[3] == 255);
		assert_true(r[0] < 16 && r[1] < 16 && r[2] > 240 && r[3] == 255);
	}
	free(px);
	mt_pixel_picture_free(&p);
	/* in the interface the cursor must stay put */
	o.keep_cursor = true;
	assert_int_equal(mt_pixels_render(&img, NULL, 10, 4, &o, &p, &err), 0);
	assert_memory_equal(p.seq, "\033_Ga=T,q=2,C=1,", 15);
	mt_pixel_picture_free(&p);
	free(img.rgba);
}

static void
test_crosshair_marks_the_focal_point(void **state)
{
	(void)state;
	struct mt_image img = two_colours(100, 100);
	memset(img.rgba, 0, 100 * 100 * 4);   /* black, opaque */
	for (size_t i = 3; i < 100 * 100 * 4; i += 4)
		img.rgba[i] = 255;
	struct mt_pixels_opts o = { .proto = MT_PIXELS_KITTY, .cell_w = 10, .cell_h = 20,
	                            .focal = true, .fx = 25, .fy = 75 };
	struct mt_pixel_picture p;
	struct mt_error err;
	/* 10 x 5 cells of 10 x 20: 100 x 100 pixels, one for one */
	assert_int_equal(mt_pixels_render(&img, NULL, 10, 5, &o, &p, &err), 0);
	assert_int_equal(p.px_w, 100);
	assert_int_equal(p.px_h, 100);
	size_t n;
	uint8_t *px = kitty_payload(&p, &n);
	assert_int_equal(n, 100 * 100 * 4);
#define AT(x, y) (px + ((size_t)(y) * 100 + (x)) * 4)
	int cx = 25, cy = 74;   /* 25 % and 75 % of 99 */
	/* the point itself is left visible; the arms are light around it */
	assert_true(AT(cx, cy)[0] < 40);
	assert_true(AT(cx - 8, cy)[0] > 200 && AT(cx - 8, cy)[1] > 180);
	assert_true(AT(cx + 8, cy)[0] > 200);
	assert_true(AT(cx, cy - 8)[0] > 200);
	assert_true(AT(cx, cy + 8)[0] > 200);
	/* far from it the picture is untouched */
	assert_true(AT(80, 10)[0] < 40 && AT(80, 10)[1] < 40);
#undef AT
	free(px);
	mt_pixel_picture_free(&p);
	/* the picture itself is not changed by the crosshair */
	for (size_t i = 0; i < 100 * 100 * 4; i += 4)
		assert_int_equal(img.rgba[i], 0);
	free(img.rgba);
}

static void
test_a_crop_shows_only_its_part(void **state)
{
	(void)state;
	/* stored 400 x 200, decoded at half size: the crop is in stored pixels */
	struct mt_image img = two_colours(200, 100);
	img.src_width = 400;
	img.src_height = 200;
	struct mt_crop_rect right = { 200, 0, 200, 200 };   /* the blue square */
	struct mt_pixels_opts o = { .proto = MT_PIXELS_KITTY, .cell_w = 10, .cell_h = 20 };
	struct mt_pixel_picture p;
	struct mt_error err;
	assert_int_equal(mt_pixels_render(&img, &right, 8, 4, &o, &p, &err), 0);
	/* square: 4 rows of 20 px = 80 px, 8 columns of 10 px */
	assert_int_equal(p.cols, 8);
	assert_int_equal(p.rows, 4);
	size_t n;
	uint8_t *px = kitty_payload(&p, &n);
	for (size_t i = 0; i < n; i += 4)
		if (!(px[i] < 16 && px[i + 2] > 240))
			fail_msg("pixel %zu is not blue: %d,%d,%d", i / 4, px[i], px[i + 1], px[i + 2]);
	free(px);
	mt_pixel_picture_free(&p);
	free(img.rgba);
}

static void
test_refusals(void **state)
{
	(void)state;
	struct mt_image none = { 0 };
	struct mt_pixels_opts o = { .proto = MT_PIXELS_SIXEL };
	struct mt_pixel_picture p;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_pixels_render(&none, NULL, 10, 4, &o, &p, &err), -1);
	assert_null(p.seq);
	assert_true(err.message[0] != '\0');
	struct mt_image img = two_colours(8, 8);
	o.proto = MT_PIXELS_OFF;
	assert_int_equal(mt_pixels_render(&img, NULL, 10, 4, &o, &p, &err), -1);
	o.proto = MT_PIXELS_AUTO;   /* must have been resolved before */
	assert_int_equal(mt_pixels_render(&img, NULL, 10, 4, &o, &p, &err), -1);
	/* no cell size given: 10 x 20 */
	o.proto = MT_PIXELS_SIXEL;
	assert_int_equal(mt_pixels_render(&img, NULL, 4, 2, &o, &p, &err), 0);
	assert_int_equal(p.px_w, p.cols * 10);
	assert_int_equal(p.px_h, p.rows * 20);
	mt_pixel_picture_free(&p);
	free(img.rgba);
}

/* ---- the worker thread ---- */

struct results {
	int n;
	uint64_t tags[16];
	struct mt_pixel_picture *pics[16];
	bool last_seen;
};

static void
on_done(uint64_t tag, struct mt_pixel_picture *pic, void *arg)
{
	struct results *r = arg;
	assert_true(r->n < 16);
	r->tags[r->n] = tag;
	r->pics[r->n++] = pic;
	if (tag == 5)
		r->last_seen = true;
}

static void
test_worker_renders_like_the_caller_would(void **state)
{
	(void)state;
	struct mt_loop *loop = mt_loop_new();
	struct results res = { 0 };
	struct mt_pixels_worker *w = mt_pixels_worker_new(loop, on_done, &res);
	struct mt_image img = two_colours(200, 100);
	img.src_width = 400;
	img.src_height = 200;
	struct mt_crop_rect right = { 200, 0, 200, 200 };
	struct mt_pixels_opts o = { .proto = MT_PIXELS_SIXEL, .cell_w = 10, .cell_h = 20,
	                            .focal = true, .fx = 30, .fy = 60 };
	for (uint64_t t = 1; t <= 5; t++)
		assert_int_equal(mt_pixels_worker_add(w, t, &img, t % 2 ? &right : NULL, 12, 4, &o), 0);
	/* only the newest is still wanted: the queued ones in between go */
	uint64_t keep = 5;
	mt_pixels_worker_keep(w, &keep, 1);
	/* the caller may drop its picture at once: each job has its own copy */
	free(img.rgba);
	img = two_colours(200, 100);
	img.src_width = 400;
	img.src_height = 200;
	for (int i = 0; i < 500 && !res.last_seen; i++)
		mt_loop_run_once(loop, 20);
	assert_true(res.last_seen);
	/* which of the others the thread had taken before keep() depends on
	 * timing; whatever came back is exactly what the caller would render */
	assert_true(res.n >= 1 && res.n <= 5);
	for (int i = 0; i < res.n; i++) {
		uint64_t t = res.tags[i];
		assert_true(t >= 1 && t <= 5);
		struct mt_pixel_picture direct;
		struct mt_error err;
		assert_int_equal(mt_pixels_render(&img, t % 2 ? &right : NULL, 12, 4, &o, &direct, &err), 0);
		assert_non_null(res.pics[i]);
		assert_int_equal(res.pics[i]->cols, direct.cols);
		assert_int_equal(res.pics[i]->rows, direct.rows);
		assert_int_equal(res.pics[i]->len, direct.len);
		assert_memory_equal(res.pics[i]->seq, direct.seq, direct.len);
		mt_pixel_picture_free(&direct);
		mt_pixel_picture_free(res.pics[i]);
		free(res.pics[i]);
	}
	/* freed with work queued: no callback, nothing leaks */
	int before = res.n;
	for (uint64_t t = 10; t < 14; t++)
		assert_int_equal(mt_pixels_worker_add(w, t, &img, NULL, 12, 4, &o), 0);
	mt_pixels_worker_free(w);
	assert_int_equal(res.n, before);
	free(img.rgba);
	mt_loop_free(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sixel_framing_and_size),
		cmocka_unit_test(test_kitty_pixels_decode_back),
		cmocka_unit_test(test_crosshair_marks_the_focal_point),
		cmocka_unit_test(test_a_crop_shows_only_its_part),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_worker_renders_like_the_caller_would),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
