/* test_phash.c — the perceptual hash against the pictures of data/content:
 * the same scene re-encoded smaller or as WebP stays close, the look-alike
 * and the other scene stay far; the streamed SHA-256 equals the one-shot. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "digest.h"
#include "image.h"
#include "phash.h"

static uint64_t
hash_of(const char *name, int *w, int *h)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/data/content/%s", getenv("top_srcdir") ? getenv("top_srcdir") : ".",
	         name);
	uint64_t hash = 0;
	struct mt_error err;
	int rc = mt_phash_of_file(path, &hash, w, h, &err);
	if (rc < 0)
		fail_msg("%s: %s", path, err.message);
	return hash;
}

static void
test_distances(void **state)
{
	(void)state;
	if (!mt_phash_available()) {
		/* built without decoders: a clear refusal, exact digests only */
		uint64_t h;
		struct mt_error err;
		assert_int_equal(mt_phash_of_bytes((const uint8_t *)"x", 1, &h, NULL, NULL, &err), -1);
		assert_non_null(strstr(err.message, "without-preview"));
		return;
	}
	int w, h;
	uint64_t orig = hash_of("hero-final.jpg", &w, &h);
	assert_int_equal(w, 800);
	assert_int_equal(h, 600);
	uint64_t small = hash_of("hero-small.jpg", &w, &h);
	assert_int_equal(w, 400);
	uint64_t webp = hash_of("hero.webp", NULL, NULL);
	uint64_t alike = hash_of("harbour-lookalike.jpg", NULL, NULL);
	uint64_t poster = hash_of("poster-large.jpg", &w, &h);
	assert_int_equal(w, 3000);
	int d_small = mt_phash_distance(orig, small), d_webp = mt_phash_distance(orig, webp);
	int d_alike = mt_phash_distance(orig, alike), d_poster = mt_phash_distance(orig, poster);
	print_message("# distances: small %d, webp %d, look-alike %d, poster %d\n", d_small, d_webp,
	              d_alike, d_poster);
	/* measured: 0, 2, 34, 36 (from RGBA, before JPEGs were hashed from
	 * their luma: 2, 6, 34, 34); the default threshold (10) lies between */
	assert_in_range(d_small, 0, 3);
	assert_in_range(d_webp, 0, 4);
	assert_in_range(d_alike, 24, 64);
	assert_in_range(d_poster, 24, 64);
}

/* A JPEG is hashed from its luma: the stored size is read as the RGBA
 * decoder reads it, and the plane is reduced by the same areas. */
static void
test_luma_plane(void **state)
{
	(void)state;
#ifdef HAVE_PREVIEW   /* built without decoders: the plane's reduction alone */
	char path[4096];
	snprintf(path, sizeof path, "%s/data/content/poster-large.jpg",
	         getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	uint8_t *data;
	size_t len;
	struct mt_error err;
	assert_int_equal(mt_image_read(path, &data, &len, &err), 0);
	uint8_t *plane;
	int w, h, sw, sh;
	assert_int_equal(mt_image_decode_jpeg_grey(data, len, 64, 64, &plane, &w, &h, &sw, &sh, &err), 1);
	struct mt_image img;
	assert_int_equal(mt_image_decode(data, len, 64, 64, &img, &err), 0);
	assert_int_equal(sw, img.src_width);
	assert_int_equal(sh, img.src_height);
	/* the largest DCT reduction (1/8) that keeps 64 px: no further scaling */
	assert_int_equal(w, (sw + 7) / 8);
	assert_int_equal(h, (sh + 7) / 8);
	mt_image_free(&img);
	free(plane);
	/* a truncated JPEG still gives what decodes, a broken one an error */
	assert_int_equal(mt_image_decode_jpeg_grey(data, len / 2, 64, 64, &plane, &w, &h, &sw, &sh, &err), 1);
	free(plane);
	assert_int_equal(mt_image_decode_jpeg_grey(data, 20, 64, 64, &plane, &w, &h, &sw, &sh, &err), -1);
	assert_null(plane);
	free(data);
#endif
	/* the plane is reduced as RGBA is: the same areas, rounded */
	uint8_t small[4] = { 0, 255, 255, 255 }, grey[MT_PHASH_SIDE * MT_PHASH_SIDE];
	mt_phash_grey_from_plane(small, 2, 2, grey);
	assert_int_equal(grey[0], 0);
	assert_int_equal(grey[MT_PHASH_SIDE - 1], 255);
	uint8_t wide[64 * 2];
	for (int i = 0; i < 128; i++)
		wide[i] = (uint8_t)(i % 2 ? 101 : 100);
	mt_phash_grey_from_plane(wide, 64, 2, grey);
	assert_int_equal(grey[5], 101);   /* (100 + 101 + 100 + 101) / 4, rounded */
}

static void
test_grey_and_format(void **state)
{
	(void)state;
	uint8_t grey[MT_PHASH_SIDE * MT_PHASH_SIDE];
	/* brighter or darker, the same picture: only the mean (DC) moves */
	for (int y = 0; y < MT_PHASH_SIDE; y++)
		for (int x = 0; x < MT_PHASH_SIDE; x++)
			grey[y * MT_PHASH_SIDE + x] = (uint8_t)(40 + x * y / 6);
	uint64_t dark = mt_phash_of_grey(grey);
	for (int i = 0; i < MT_PHASH_SIDE * MT_PHASH_SIDE; i++)
		grey[i] += 40;
	assert_int_equal(mt_phash_distance(mt_phash_of_grey(grey), dark), 0);
	/* halves split the other way are far apart */
	for (int y = 0; y < MT_PHASH_SIDE; y++)
		for (int x = 0; x < MT_PHASH_SIDE; x++)
			grey[y * MT_PHASH_SIDE + x] = x < MT_PHASH_SIDE / 2 ? 0 : 255;
	uint64_t left = mt_phash_of_grey(grey);
	for (int y = 0; y < MT_PHASH_SIDE; y++)
		for (int x = 0; x < MT_PHASH_SIDE; x++)
			grey[y * MT_PHASH_SIDE + x] = y < MT_PHASH_SIDE / 2 ? 0 : 255;
	uint64_t top = mt_phash_of_grey(grey);
	assert_true(mt_phash_distance(left, top) >= 8);
	/* RGBA: transparent is white; a 2 x 2 picture is enlarged */
	uint8_t rgba[16] = { 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255 };
	mt_phash_grey_from_rgba(rgba, 2, 2, grey);
	assert_int_equal(grey[0], 0);
	assert_int_equal(grey[MT_PHASH_SIDE - 1], 255);
	assert_int_equal(grey[(MT_PHASH_SIDE - 1) * MT_PHASH_SIDE], 255);
	char hex[17];
	mt_phash_format(0x0123456789abcdefULL, hex);
	assert_string_equal(hex, "0123456789abcdef");
	uint64_t back;
	assert_int_equal(mt_phash_parse(hex, &back), 0);
	assert_true(back == 0x0123456789abcdefULL);
	assert_int_equal(mt_phash_parse("0123", &back), -1);
	assert_int_equal(mt_phash_parse("0123456789abcdeg", &back), -1);
}

static void
test_streamed_sha256(void **state)
{
	(void)state;
	char want[65], got[65];
	const char *text = "The quick brown fox jumps over the lazy dog";
	mt_sha256_hex(text, strlen(text), want);
	struct mt_sha256 *s = mt_sha256_new();
	mt_sha256_update(s, "junk from an attempt that failed", 32);
	mt_sha256_reset(s);
	size_t len = strlen(text);
	for (size_t i = 0; i < len; i += 5)
		mt_sha256_update(s, text + i, len - i < 5 ? len - i : 5);
	mt_sha256_finish_hex(s, got);
	assert_string_equal(got, want);
	mt_sha256_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distances),
		cmocka_unit_test(test_luma_plane),
		cmocka_unit_test(test_grey_and_format),
		cmocka_unit_test(test_streamed_sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
