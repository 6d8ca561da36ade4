/* mkpictures.c — writes the pictures of data/content/: one scene as JPEG at
 * two sizes and qualities and as WebP, a look-alike scene that is a
 * different picture, and a large poster. The scenes are drawn from
 * formulas, so the files are the same on every machine with the same
 * encoders. Build and run (the files are committed; this is how they were
 * made):
 *   cc -O2 -o mkpictures tools/mkpictures.c -ljpeg -lwebp -lm && ./mkpictures data/content */
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <webp/encode.h>

struct scene {
	double sun_x, sun_y, horizon, boat_x;
	int warm;
};

static double
noise(int x, int y)
{
	uint32_t h = (uint32_t)x * 374761393u + (uint32_t)y * 668265263u;
	h = (h ^ (h >> 13)) * 1274126177u;
	return (double)(h & 0xffff) / 65535.0 - 0.5;
}

static void
draw(const struct scene *s, int w, int h, uint8_t *rgb)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double u = (x + 0.5) / w, v = (y + 0.5) / h;
			double r, g, b;
			if (v < s->horizon) {
				double t = v / s->horizon;
				r = s->warm ? 250 - 60 * t : 90 + 80 * t;
				g = s->warm ? 150 + 40 * t : 150 + 60 * t;
				b = s->warm ? 90 + 60 * t : 230 - 10 * t;
			} else {
				double t = (v - s->horizon) / (1 - s->horizon);
				double wave = 12 * sin(u * 40 + v * 90);
				r = 20 + 20 * t + wave;
				g = 60 + 30 * t + wave;
				b = 120 - 40 * t + wave;
			}
			double dx = (u - s->sun_x) * w / h, dy = v - s->sun_y;
			if (dx * dx + dy * dy < 0.012) {
				r = 255;
				g = 225;
				b = 120;
			}
			/* a hull and a mast */
			if (u > s->boat_x && u < s->boat_x + 0.22 && v > s->horizon + 0.05 &&
			    v < s->horizon + 0.13) {
				r = 110;
				g = 60;
				b = 30;
			}
			if (u > s->boat_x + 0.1 && u < s->boat_x + 0.115 && v > s->horizon - 0.25 &&
			    v < s->horizon + 0.05) {
				r = g = b = 235;
			}
			double n = 5 * noise(x * 997 / w, y * 991 / h);
			double px[3] = { r + n, g + n, b + n };
			for (int c = 0; c < 3; c++)
				rgb[((size_t)y * w + x) * 3 + c] =
					(uint8_t)(px[c] < 0 ? 0 : px[c] > 255 ? 255 : px[c]);
		}
}

static void
write_jpeg(const char *path, const uint8_t *rgb, int w, int h, int q)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, q, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(rgb + (size_t)c.next_scanline * w * 3);
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	fclose(f);
}

static void
write_webp(const char *path, const uint8_t *rgb, int w, int h, float q)
{
	uint8_t *out = NULL;
	size_t n = WebPEncodeRGB(rgb, w, h, w * 3, q, &out);
	FILE *f = fopen(path, "wb");
	if (!f || n == 0 || fwrite(out, 1, n, f) != n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	WebPFree(out);
}

static void
make(const char *dir, const char *name, const struct scene *s, int w, int h, int q, int webp)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	uint8_t *rgb = malloc((size_t)w * h * 3);
	draw(s, w, h, rgb);
	if (webp)
		write_webp(path, rgb, w, h, (float)q);
	else
		write_jpeg(path, rgb, w, h, q);
	free(rgb);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	struct scene a = { 0.75, 0.22, 0.55, 0.18, 0 };
	struct scene b = { 0.25, 0.30, 0.45, 0.62, 0 };   /* the same things, elsewhere */
	struct scene d = { 0.50, 0.15, 0.70, 0.40, 1 };   /* a warm evening, another harbour */
	make(dir, "hero-final.jpg", &a, 800, 600, 90, 0);
	make(dir, "hero-small.jpg", &a, 400, 300, 55, 0);
	make(dir, "hero.webp", &a, 800, 600, 70, 1);
	make(dir, "harbour-lookalike.jpg", &b, 800, 600, 90, 0);
	make(dir, "poster-large.jpg", &d, 3000, 1700, 75, 0);
	return 0;
}
