/* image_gif.c — the first frame of a GIF through giflib, read record by
 * record (never the whole animation), drawn on its logical screen with
 * the frame's transparency. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "i18n.h"
#include "image.h"
#include "xalloc.h"

/* the logical screen is held whole: GIFs beyond this are refused */
#define GIF_MAX_PIXELS (64LL * 1000 * 1000)

struct reader {
	const uint8_t *data;
	size_t len, pos;
};

static int
on_read(GifFileType *gif, GifByteType *out, int n)
{
	struct reader *r = gif->UserData;
	size_t want = n > 0 ? (size_t)n : 0;
	if (want > r->len - r->pos)
		want = r->len - r->pos;
	memcpy(out, r->data + r->pos, want);
	r->pos += want;
	return (int)want;
}

static int
fail(GifFileType *gif, int code, struct mt_error *err)
{
	if (gif)
		DGifCloseFile(gif, NULL);
	const char *why = GifErrorString(code);
	return mt_error_set(err, MT_ERR_REJECTED, _("the GIF image cannot be decoded: %s"),
	                    why ? why : "?");
}

int
mt_image_decode_gif(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
                    struct mt_error *err)
{
	struct reader r = { .data = data, .len = len };
	int code = 0;
	GifFileType *gif = DGifOpen(&r, on_read, &code);
	if (gif == NULL)
		return fail(NULL, code, err);
	long long sw = gif->SWidth, sh = gif->SHeight;
	if (mt_image_check_size("GIF", sw, sh, err) < 0) {
		DGifCloseFile(gif, NULL);
		return -1;
	}
	if (sw * sh > GIF_MAX_PIXELS) {
		DGifCloseFile(gif, NULL);
		return mt_error_set(err, MT_ERR_REJECTED,
		                    _("the GIF image is too large to preview (%lld x %lld pixels)"), sw, sh);
	}
	int transparent = -1;
	for (;;) {
		GifRecordType type;
		if (DGifGetRecordType(gif, &type) == GIF_ERROR)
			return fail(gif, gif->Error, err);
		if (type == TERMINATE_RECORD_TYPE) {
			DGifCloseFile(gif, NULL);
			return mt_error_set(err, MT_ERR_REJECTED, _("the GIF image has no frame"));
		}
		if (type == EXTENSION_RECORD_TYPE) {
			int ext_code;
			GifByteType *ext;
			if (DGifGetExtension(gif, &ext_code, &ext) == GIF_ERROR)
				return fail(gif, gif->Error, err);
			while (ext != NULL) {
				if (ext_code == GRAPHICS_EXT_FUNC_CODE && ext[0] >= 4) {
					GraphicsControlBlock gcb;
					if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
						transparent = gcb.TransparentColor;
				}
				if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR)
					return fail(gif, gif->Error, err);
			}
			continue;
		}
		if (type == IMAGE_DESC_RECORD_TYPE)
			break;
	}
	if (DGifGetImageDesc(gif) == GIF_ERROR)
		return fail(gif, gif->Error, err);
	GifImageDesc *d = &gif->Image;
	ColorMapObject *map = d->ColorMap ? d->ColorMap : gif->SColorMap;
	if (map == NULL || d->Width <= 0 || d->Height <= 0 || d->Left < 0 || d->Top < 0 ||
	    (long long)d->Width * d->Height > GIF_MAX_PIXELS) {
		DGifCloseFile(gif, NULL);
		return mt_error_set(err, MT_ERR_REJECTED, _("the GIF image has an unusable frame"));
	}
	int fw = d->Width, fh = d->Height;
	uint8_t *idx = xmalloc((size_t)fw * (size_t)fh);
	/* interlaced frames store rows in four passes */
	static const int start[4] = { 0, 4, 2, 1 }, step[4] = { 8, 8, 4, 2 };
	bool ok = true;
	if (d->Interlace) {
		for (int p = 0; p < 4 && ok; p++)
			for (int y = start[p]; y < fh && ok; y += step[p])
				ok = DGifGetLine(gif, idx + (size_t)y * fw, fw) == GIF_OK;
	} else {
		for (int y = 0; y < fh && ok; y++)
			ok = DGifGetLine(gif, idx + (size_t)y * fw, fw) == GIF_OK;
	}
	if (!ok) {
		/* a truncated frame: keep what arrived, like a browser would */
		int code2 = gif->Error;
		if (code2 != D_GIF_ERR_READ_FAILED && code2 != D_GIF_ERR_DATA_TOO_BIG &&
		    code2 != D_GIF_ERR_IMAGE_DEFECT) {
			free(idx);
			return fail(gif, code2, err);
		}
	}
	/* compose on the transparent logical screen, then reduce */
	out->src_width = (int)sw;
	out->src_height = (int)sh;
	mt_image_fit((int)sw, (int)sh, max_w, max_h, &out->width, &out->height);
	struct mt_scaler *sc = mt_scaler_new((int)sw, (int)sh, out->width, out->height);
	uint8_t *row = xmalloc((size_t)sw * 4);
	for (int y = 0; y < sh; y++) {
		memset(row, 0, (size_t)sw * 4);
		int fy = y - d->Top;
		if (fy >= 0 && fy < fh) {
			const uint8_t *src = idx + (size_t)fy * fw;
			for (int fx = 0; fx < fw; fx++) {
				int x = d->Left + fx;
				if (x >= sw)
					break;
				int c = src[fx];
				if (c == transparent || c >= map->ColorCount)
					continue;
				uint8_t *o = row + (size_t)x * 4;
				o[0] = map->Colors[c].Red;
				o[1] = map->Colors[c].Green;
				o[2] = map->Colors[c].Blue;
				o[3] = 255;
			}
		}
		mt_scaler_push(sc, row);
	}
	free(row);
	free(idx);
	DGifCloseFile(gif, NULL);
	out->rgba = mt_scaler_finish(sc);
	return 0;
}
