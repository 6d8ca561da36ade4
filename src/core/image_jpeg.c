/* image_jpeg.c — JPEG through libjpeg(-turbo), reduced while decoding by
 * the DCT scaling factors 1/2, 1/4, 1/8 and then by the row scaler. */
#include "config.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "i18n.h"
#include "image.h"
#include "xalloc.h"

struct jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

static void
on_error(j_common_ptr cinfo)
{
	struct jerr *e = (struct jerr *)cinfo->err;
	e->mgr.format_message(cinfo, e->message);
	longjmp(e->jump, 1);
}

static void
on_message(j_common_ptr cinfo)
{
	/* warnings (a truncated file, a bad marker) must never reach the
	 * terminal; the picture is shown as far as it decodes */
	(void)cinfo;
}

/* Adobe CMYK JPEGs store inverted ink values. */
static void
cmyk_to_rgba(const uint8_t *in, uint8_t *out, int w, bool inverted)
{
	for (int x = 0; x < w; x++, in += 4, out += 4) {
		unsigned c = in[0], m = in[1], y = in[2], k = in[3];
		if (!inverted) {
			c = 255 - c;
			m = 255 - m;
			y = 255 - y;
			k = 255 - k;
		}
		out[0] = (uint8_t)(c * k / 255);
		out[1] = (uint8_t)(m * k / 255);
		out[2] = (uint8_t)(y * k / 255);
		out[3] = 255;
	}
}

/* The largest DCT reduction (1, 2, 4 or 8) that still leaves at least
 * want_w x want_h. */
static unsigned
dct_denominator(const struct jpeg_decompress_struct *cinfo, int want_w, int want_h)
{
	unsigned denom = 1;
	while (denom < 8 && (cinfo->image_width + denom * 2 - 1) / (denom * 2) >= (unsigned)want_w &&
	       (cinfo->image_height + denom * 2 - 1) / (denom * 2) >= (unsigned)want_h)
		denom *= 2;
	return denom;
}

int
mt_image_decode_jpeg(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
                     struct mt_error *err)
{
	struct jpeg_decompress_struct cinfo;
	struct jerr je;
	/* volatile: they change between setjmp and a longjmp back */
	uint8_t *volatile row = NULL, *volatile conv = NULL;
	struct mt_scaler *volatile sc = NULL;

	memset(&cinfo, 0, sizeof cinfo);
	cinfo.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = on_error;
	je.mgr.output_message = on_message;
	je.message[0] = '\0';
	if (setjmp(je.jump)) {
		jpeg_destroy_decompress(&cinfo);
		free(row);
		free(conv);
		mt_scaler_free(sc);
		return mt_error_set(err, MT_ERR_REJECTED, _("the JPEG image cannot be decoded: %s"),
		                    je.message);
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	if (mt_image_check_size("JPEG", cinfo.image_width, cinfo.image_height, err) < 0) {
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	out->src_width = (int)cinfo.image_width;
	out->src_height = (int)cinfo.image_height;
	int want_w, want_h;
	mt_image_fit(out->src_width, out->src_height, max_w, max_h, &want_w, &want_h);
	cinfo.scale_num = 1;
	cinfo.scale_denom = dct_denominator(&cinfo, want_w, want_h);
	bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
	cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	jpeg_start_decompress(&cinfo);
	int w = (int)cinfo.output_width, h = (int)cinfo.output_height;
	mt_image_fit(w, h, want_w, want_h, &out->width, &out->height);
	sc = mt_scaler_new(w, h, out->width, out->height);
	row = xmalloc((size_t)w * 4);
	if (cmyk)
		conv = xmalloc((size_t)w * 4);
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW rows[1] = { row };
		if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
			break;
		if (cmyk) {
			cmyk_to_rgba(row, conv, w, cinfo.saw_Adobe_marker);
			mt_scaler_push(sc, conv);
		} else {
			mt_scaler_push(sc, row);
		}
	}
	/* a truncated file ends early; the rows not decoded stay transparent */
	jpeg_abort_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	free(row);
	free(conv);
	out->rgba = mt_scaler_finish(sc);
	return 0;
}

int
mt_image_decode_jpeg_grey(const uint8_t *data, size_t len, int min_w, int min_h,
                          uint8_t **grey, int *w, int *h, int *src_w, int *src_h,
                          struct mt_error *err)
{
	struct jpeg_decompress_struct cinfo;
	struct jerr je;
	uint8_t *volatile plane = NULL;

	*grey = NULL;
	memset(&cinfo, 0, sizeof cinfo);
	cinfo.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = on_error;
	je.mgr.output_message = on_message;
	je.message[0] = '\0';
	if (setjmp(je.jump)) {
		jpeg_destroy_decompress(&cinfo);
		free(plane);
		return mt_error_set(err, MT_ERR_REJECTED, _("the JPEG image cannot be decoded: %s"),
		                    je.message);
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	if (mt_image_check_size("JPEG", cinfo.image_width, cinfo.image_height, err) < 0) {
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
		jpeg_destroy_decompress(&cinfo);
		return 0;
	}
	*src_w = (int)cinfo.image_width;
	*src_h = (int)cinfo.image_height;
	int want_w, want_h;
	mt_image_fit(*src_w, *src_h, min_w, min_h, &want_w, &want_h);
	cinfo.scale_num = 1;
	cinfo.scale_denom = dct_denominator(&cinfo, want_w, want_h);
	/* the luma component alone: libjpeg skips the colour components'
	 * inverse DCT and upsampling (their bits must still be read) */
	cinfo.out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(&cinfo);
	int ow = (int)cinfo.output_width, oh = (int)cinfo.output_height;
	plane = xcalloc((size_t)ow * (size_t)oh, 1);
	/* a truncated file ends early; the rows not decoded stay black */
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW rows[1] = { plane + (size_t)cinfo.output_scanline * (size_t)ow };
		if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
			break;
	}
	jpeg_abort_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	*grey = plane;
	*w = ow;
	*h = oh;
	return 1;
}
