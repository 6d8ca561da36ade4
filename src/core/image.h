/* image.h — decoding JPEG, PNG, GIF and WebP into RGBA for previews.
 *
 * Images are decoded at a reduced size straight away (JPEG and WebP scale
 * while decoding, PNG is reduced row by row), so a 6000 x 4000 photo never
 * needs its full-size pixels in memory. The format comes from the bytes,
 * not the name. Corrupt, truncated or absurd images give a clear error. */
#ifndef MT_IMAGE_H
#define MT_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct mt_image {
	int width, height;           /* of the pixels below */
	int src_width, src_height;   /* of the image as stored */
	uint8_t *rgba;               /* width * height * 4, unassociated alpha */
	const char *format;          /* "JPEG", "PNG", "GIF", "WebP" */
};

/* Limits: a side above MT_IMAGE_MAX_SIDE or more than MT_IMAGE_MAX_PIXELS
 * pixels is refused before anything is allocated. */
enum { MT_IMAGE_MAX_SIDE = 60000 };
#define MT_IMAGE_MAX_PIXELS (400LL * 1000 * 1000)
/* Files larger than this are not read for a preview. */
#define MT_IMAGE_MAX_FILE (64LL * 1024 * 1024)

/* Decodes data so that the result fits in max_w x max_h (keeping the
 * aspect ratio; never enlarged). Returns 0, or -1 with err set. */
int mt_image_decode(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
                    struct mt_error *err);
/* The bytes of a picture file (at most MT_IMAGE_MAX_FILE; the caller
 * frees *data). Returns 0, or -1 with err set. */
int mt_image_read(const char *path, uint8_t **data, size_t *len, struct mt_error *err);
/* The same from a file (at most MT_IMAGE_MAX_FILE bytes). */
int mt_image_load(const char *path, int max_w, int max_h, struct mt_image *out,
                  struct mt_error *err);
void mt_image_free(struct mt_image *img);

/* The format name for these leading bytes, or NULL when not decodable. */
const char *mt_image_sniff(const uint8_t *data, size_t len);

/* ---- for the decoders (image_*.c) ---- */

/* Reduces rows of src_w RGBA pixels to an image of dst_w x dst_h by
 * averaging the source pixels that fall in each destination pixel. */
struct mt_scaler;
struct mt_scaler *mt_scaler_new(int src_w, int src_h, int dst_w, int dst_h);
void mt_scaler_push(struct mt_scaler *s, const uint8_t *row);
/* Hands over the finished pixels (the caller frees) and frees the scaler. */
uint8_t *mt_scaler_finish(struct mt_scaler *s);
void mt_scaler_free(struct mt_scaler *s);

/* The size that fits src into max (aspect kept, at least 1x1, never larger). */
void mt_image_fit(int src_w, int src_h, int max_w, int max_h, int *w, int *h);
/* Checks the stored size against the limits; -1 with err set when absurd. */
int mt_image_check_size(const char *format, long long w, long long h, struct mt_error *err);

int mt_image_decode_jpeg(const uint8_t *data, size_t len, int max_w, int max_h,
                         struct mt_image *out, struct mt_error *err);
/* JPEG straight to grey levels for a fingerprint: decoded at the largest
 * DCT reduction that leaves at least min_w x min_h (no further scaling, no
 * colour conversion, the colour components' transforms skipped). *grey gets
 * w x h bytes (the caller frees). Returns 1, 0 when the picture is CMYK
 * (libjpeg makes no grey of it: decode it as RGBA instead), or -1 with err. */
int mt_image_decode_jpeg_grey(const uint8_t *data, size_t len, int min_w, int min_h,
                              uint8_t **grey, int *w, int *h, int *src_w, int *src_h,
                              struct mt_error *err);
int mt_image_decode_png(const uint8_t *data, size_t len, int max_w, int max_h,
                        struct mt_image *out, struct mt_error *err);
int mt_image_decode_gif(const uint8_t *data, size_t len, int max_w, int max_h,
                        struct mt_image *out, struct mt_error *err);
int mt_image_decode_webp(const uint8_t *data, size_t len, int max_w, int max_h,
                         struct mt_image *out, struct mt_error *err);

#endif
