/* phash.c — the DCT perceptual hash of a picture (see phash.h for why the
 * DCT kind and not a difference hash). */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "image.h"
#include "phash.h"
#include "xalloc.h"

#define N MT_PHASH_SIDE
#define PI 3.14159265358979323846
#define LOW 8

/* Decoding to fit 64 x 64 lets JPEG use its 1/8 DCT scale on anything of
 * 512 px or more, and leaves two source pixels for each grey one. */
#define DECODE_SIDE 64

static double cosines[LOW][N];
/* once for the process: the fingerprint workers hash on two threads */
static pthread_once_t cosines_once = PTHREAD_ONCE_INIT;

static void
fill_cosines(void)
{
	for (int u = 0; u < LOW; u++)
		for (int x = 0; x < N; x++)
			cosines[u][x] = cos((2.0 * x + 1.0) * u * PI / (2.0 * N));
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

uint64_t
mt_phash_of_grey(const uint8_t grey[N * N])
{
	pthread_once(&cosines_once, fill_cosines);
	/* only the 8 lowest frequencies are wanted: rows first, then columns */
	double rows[N][LOW];
	for (int y = 0; y < N; y++)
		for (int u = 0; u < LOW; u++) {
			double s = 0;
			for (int x = 0; x < N; x++)
				s += grey[y * N + x] * cosines[u][x];
			rows[y][u] = s;
		}
	double coef[LOW * LOW], sorted[LOW * LOW];
	for (int v = 0; v < LOW; v++)
		for (int u = 0; u < LOW; u++) {
			double s = 0;
			for (int y = 0; y < N; y++)
				s += rows[y][u] * cosines[v][y];
			coef[v * LOW + u] = s;
		}
	memcpy(sorted, coef, sizeof sorted);
	qsort(sorted, LOW * LOW, sizeof *sorted, cmp_double);
	double median = (sorted[LOW * LOW / 2 - 1] + sorted[LOW * LOW / 2]) / 2;
	uint64_t h = 0;
	for (int i = 0; i < LOW * LOW; i++)
		if (coef[i] > median)
			h |= (uint64_t)1 << i;
	return h;
}

/* The source rows (or columns) [*lo, *hi) that grey row (or column) g of N
 * averages, out of `size`: at least one, so a picture smaller than 32 px is
 * enlarged. */
static void
cell_span(int g, int size, int *lo, int *hi)
{
	*lo = g * size / N;
	*hi = (g + 1) * size / N;
	if (*hi <= *lo)
		*hi = *lo + 1;
	if (*hi > size)
		*hi = size;
}

void
mt_phash_grey_from_rgba(const uint8_t *rgba, int w, int h, uint8_t grey[N * N])
{
	for (int gy = 0; gy < N; gy++) {
		int y0, y1;
		cell_span(gy, h, &y0, &y1);
		for (int gx = 0; gx < N; gx++) {
			int x0, x1;
			cell_span(gx, w, &x0, &x1);
			double sum = 0;
			int count = 0;
			for (int y = y0; y < y1; y++)
				for (int x = x0; x < x1; x++) {
					const uint8_t *p = rgba + ((size_t)y * (size_t)w + (size_t)x) * 4;
					double a = p[3] / 255.0;
					/* ITU-R BT.601 luma, transparent parts as white */
					double l = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
					sum += l * a + 255.0 * (1 - a);
					count++;
				}
			grey[gy * N + gx] = (uint8_t)(count ? sum / count + 0.5 : 255);
		}
	}
}

void
mt_phash_grey_from_plane(const uint8_t *plane, int w, int h, uint8_t grey[N * N])
{
	for (int gy = 0; gy < N; gy++) {
		int y0, y1;
		cell_span(gy, h, &y0, &y1);
		for (int gx = 0; gx < N; gx++) {
			int x0, x1;
			cell_span(gx, w, &x0, &x1);
			unsigned sum = 0, count = 0;
			for (int y = y0; y < y1; y++)
				for (int x = x0; x < x1; x++) {
					sum += plane[(size_t)y * (size_t)w + (size_t)x];
					count++;
				}
			grey[gy * N + gx] = (uint8_t)(count ? (sum + count / 2) / count : 255);
		}
	}
}

#ifdef HAVE_PREVIEW
static int
hash_image(struct mt_image *img, uint64_t *hash, int *src_w, int *src_h)
{
	uint8_t grey[N * N];
	mt_phash_grey_from_rgba(img->rgba, img->width, img->height, grey);
	*hash = mt_phash_of_grey(grey);
	if (src_w)
		*src_w = img->src_width;
	if (src_h)
		*src_h = img->src_height;
	mt_image_free(img);
	return 0;
}

bool
mt_phash_available(void)
{
	return true;
}

int
mt_phash_of_bytes(const uint8_t *data, size_t len, uint64_t *hash, int *src_w, int *src_h,
                  struct mt_error *err)
{
	const char *format = mt_image_sniff(data, len);
	if (format && strcmp(format, "JPEG") == 0) {
		/* most of a library: its luma straight from the decoder, which
		 * is what the grey levels are made of anyway */
		uint8_t *plane, grey[N * N];
		int w, h, sw, sh;
		int rc = mt_image_decode_jpeg_grey(data, len, DECODE_SIDE, DECODE_SIDE, &plane, &w, &h,
		                                   &sw, &sh, err);
		if (rc < 0)
			return -1;
		if (rc > 0) {
			mt_phash_grey_from_plane(plane, w, h, grey);
			free(plane);
			*hash = mt_phash_of_grey(grey);
			if (src_w)
				*src_w = sw;
			if (src_h)
				*src_h = sh;
			return 0;
		}
	}
	struct mt_image img;
	if (mt_image_decode(data, len, DECODE_SIDE, DECODE_SIDE, &img, err) < 0)
		return -1;
	return hash_image(&img, hash, src_w, src_h);
}

int
mt_phash_of_file(const char *path, uint64_t *hash, int *src_w, int *src_h, struct mt_error *err)
{
	uint8_t *data;
	size_t len;
	if (mt_image_read(path, &data, &len, err) < 0)
		return -1;
	int rc = mt_phash_of_bytes(data, len, hash, src_w, src_h, err);
	free(data);
	return rc;
}
#else
/* built --without-preview: no decoders, exact digests only */
bool
mt_phash_available(void)
{
	return false;
}

int
mt_phash_of_bytes(const uint8_t *data, size_t len, uint64_t *hash, int *src_w, int *src_h,
                  struct mt_error *err)
{
	(void)data, (void)len, (void)hash, (void)src_w, (void)src_h;
	return mt_error_set(err, MT_ERR_UNSUPPORTED,
	                    _("this build has no picture decoders (configured --without-preview)"));
}

int
mt_phash_of_file(const char *path, uint64_t *hash, int *src_w, int *src_h, struct mt_error *err)
{
	(void)path;
	return mt_phash_of_bytes(NULL, 0, hash, src_w, src_h, err);
}
#endif

int
mt_phash_distance(uint64_t a, uint64_t b)
{
	/* counted in parallel within the word: without -mpopcnt the builtin
	 * is a call into libgcc, and the near-duplicate search does millions */
	uint64_t x = a ^ b;
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (int)((x * 0x0101010101010101ULL) >> 56);
}

void
mt_phash_format(uint64_t h, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int
mt_phash_parse(const char *s, uint64_t *h)
{
	if (s == NULL || strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)
		return -1;
	*h = (uint64_t)strtoull(s, NULL, 16);
	return 0;
}
