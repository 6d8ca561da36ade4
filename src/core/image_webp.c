/* image_webp.c — WebP through libwebp, scaled by the decoder itself; an
 * animation shows its first frame (libwebpdemux). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>

#include "i18n.h"
#include "image.h"
#include "xalloc.h"

static int
decode_still(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
             struct mt_error *err)
{
	WebPDecoderConfig cfg;
	if (!WebPInitDecoderConfig(&cfg))
		return mt_error_set(err, MT_ERR_IO, _("cannot start the WebP decoder"));
	if (WebPGetFeatures(data, len, &cfg.input) != VP8_STATUS_OK)
		return mt_error_set(err, MT_ERR_REJECTED, _("the WebP image cannot be decoded"));
	if (mt_image_check_size("WebP", cfg.input.width, cfg.input.height, err) < 0)
		return -1;
	if (out->src_width == 0) {
		out->src_width = cfg.input.width;
		out->src_height = cfg.input.height;
	}
	mt_image_fit(cfg.input.width, cfg.input.height, max_w, max_h, &out->width, &out->height);
	if (out->width != cfg.input.width || out->height != cfg.input.height) {
		cfg.options.use_scaling = 1;
		cfg.options.scaled_width = out->width;
		cfg.options.scaled_height = out->height;
	}
	size_t size = (size_t)out->width * (size_t)out->height * 4;
	uint8_t *px = xmalloc(size);
	cfg.output.colorspace = MODE_RGBA;
	cfg.output.is_external_memory = 1;
	cfg.output.u.RGBA.rgba = px;
	cfg.output.u.RGBA.stride = out->width * 4;
	cfg.output.u.RGBA.size = size;
	VP8StatusCode st = WebPDecode(data, len, &cfg);
	WebPFreeDecBuffer(&cfg.output);
	if (st != VP8_STATUS_OK) {
		free(px);
		return mt_error_set(err, MT_ERR_REJECTED, _("the WebP image cannot be decoded (status %d)"),
		                    (int)st);
	}
	out->rgba = px;
	return 0;
}

int
mt_image_decode_webp(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
                     struct mt_error *err)
{
	WebPBitstreamFeatures f;
	if (WebPGetFeatures(data, len, &f) != VP8_STATUS_OK)
		return mt_error_set(err, MT_ERR_REJECTED, _("the WebP image cannot be decoded"));
	if (!f.has_animation)
		return decode_still(data, len, max_w, max_h, out, err);
	WebPData whole = { .bytes = data, .size = len };
	WebPDemuxer *dmx = WebPDemux(&whole);
	if (dmx == NULL)
		return mt_error_set(err, MT_ERR_REJECTED, _("the WebP animation cannot be read"));
	WebPIterator it;
	int rc;
	if (!WebPDemuxGetFrame(dmx, 1, &it)) {
		rc = mt_error_set(err, MT_ERR_REJECTED, _("the WebP animation has no frame"));
	} else {
		/* the first frame stands for the animation */
		out->src_width = (int)WebPDemuxGetI(dmx, WEBP_FF_CANVAS_WIDTH);
		out->src_height = (int)WebPDemuxGetI(dmx, WEBP_FF_CANVAS_HEIGHT);
		rc = decode_still(it.fragment.bytes, it.fragment.size, max_w, max_h, out, err);
		WebPDemuxReleaseIterator(&it);
	}
	WebPDemuxDelete(dmx);
	return rc;
}
