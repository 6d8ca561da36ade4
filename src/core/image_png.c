/* image_png.c — PNG through libpng, every colour type turned into RGBA8
 * and reduced row by row; interlaced images need all their rows at once,
 * so they are held whole (within the pixel limit). */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "i18n.h"
#include "image.h"
#include "xalloc.h"

/* interlaced images are decoded whole: refuse the ones that would not fit */
#define INTERLACED_MAX_PIXELS (64LL * 1000 * 1000)

struct reader {
	const uint8_t *data;
	size_t len, pos;
	char message[200];
};

static void
on_read(png_structp png, png_bytep out, size_t n)
{
	struct reader *r = png_get_io_ptr(png);
	if (n > r->len - r->pos)
		png_error(png, "the file ends early");
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
}

static void
on_error(png_structp png, png_const_charp msg)
{
	struct reader *r = png_get_error_ptr(png);
	snprintf(r->message, sizeof r->message, "%s", msg);
	png_longjmp(png, 1);
}

static void
on_warning(png_structp png, png_const_charp msg)
{
	(void)png;   /* never on the terminal */
	(void)msg;
}

int
mt_image_decode_png(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
                    struct mt_error *err)
{
	struct reader r = { .data = data, .len = len };
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
	if (png == NULL)
		return mt_error_set(err, MT_ERR_IO, _("cannot start the PNG decoder"));
	png_infop info = png_create_info_struct(png);
	uint8_t *volatile row = NULL, *volatile whole = NULL;
	struct mt_scaler *volatile sc = NULL;
	if (info == NULL || setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, info ? &info : NULL, NULL);
		free(row);
		free(whole);
		mt_scaler_free(sc);
		return mt_error_set(err, MT_ERR_REJECTED, _("the PNG image cannot be decoded: %s"),
		                    r.message[0] ? r.message : "?");
	}
	png_set_read_fn(png, &r, on_read);
	png_set_user_limits(png, MT_IMAGE_MAX_SIDE, MT_IMAGE_MAX_SIDE);
	/* ancillary chunks (text, profiles) are not needed and can be huge */
	png_set_chunk_malloc_max(png, 8 * 1024 * 1024);
	png_read_info(png, info);
	png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
	if (mt_image_check_size("PNG", w, h, err) < 0) {
		png_destroy_read_struct(&png, &info, NULL);
		return -1;
	}
	int type = png_get_color_type(png, info);
	int depth = png_get_bit_depth(png, info);
	if (type == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	if (depth == 16)
		png_set_strip_16(png);
	if (type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA)
		png_set_gray_to_rgb(png);
	png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
	int passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) != (size_t)w * 4)
		png_error(png, "unexpected row layout");

	out->src_width = (int)w;
	out->src_height = (int)h;
	mt_image_fit((int)w, (int)h, max_w, max_h, &out->width, &out->height);
	sc = mt_scaler_new((int)w, (int)h, out->width, out->height);
	if (passes > 1) {
		if ((long long)w * h > INTERLACED_MAX_PIXELS) {
			png_destroy_read_struct(&png, &info, NULL);
			mt_scaler_free(sc);
			return mt_error_set(err, MT_ERR_REJECTED,
			                    _("the interlaced PNG image is too large to preview (%lu x %lu)"),
			                    (unsigned long)w, (unsigned long)h);
		}
		whole = xcalloc((size_t)w * h, 4);
		for (int p = 0; p < passes; p++)
			for (png_uint_32 y = 0; y < h; y++)
				png_read_row(png, whole + (size_t)y * w * 4, NULL);
		for (png_uint_32 y = 0; y < h; y++)
			mt_scaler_push(sc, whole + (size_t)y * w * 4);
	} else {
		row = xmalloc((size_t)w * 4);
		for (png_uint_32 y = 0; y < h; y++) {
			png_read_row(png, row, NULL);
			mt_scaler_push(sc, row);
		}
	}
	png_destroy_read_struct(&png, &info, NULL);
	free(row);
	free(whole);
	out->rgba = mt_scaler_finish(sc);
	return 0;
}
