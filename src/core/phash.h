/* phash.h — a perceptual hash of a picture: 64 bits that stay nearly the
 * same when the picture is re-encoded, resized or converted to another
 * format, and differ in about half their bits between unrelated pictures.
 *
 * The hash is the DCT kind (pHash): the picture reduced to 32 x 32 grey
 * levels, its 2-D DCT, the 8 x 8 lowest frequencies compared with their
 * median. A difference hash (dHash) is cheaper, but it compares neighbouring
 * pixels directly, so the ringing and chroma changes of a lossy re-encode
 * (JPEG at low quality, WebP) flip more of its bits; the DCT's low
 * frequencies describe the picture's large shapes, which survive both. The
 * cost (a 32 x 32 DCT) is nothing next to decoding the file.
 *
 * Built without previews there are no decoders: mt_phash_available() is
 * false and mt_phash_of_bytes fails with a message; exact digests work. */
#ifndef MT_PHASH_H
#define MT_PHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum { MT_PHASH_SIDE = 32 };
/* Names how the hashes are made; changes when their bits would (the
 * fingerprint cache keys on it). "luma": JPEGs hashed from their decoded
 * luma alone. */
#define MT_PHASH_METHOD "luma"

/* The hash of grey levels (0..255), `side` x `side` = MT_PHASH_SIDE. */
uint64_t mt_phash_of_grey(const uint8_t grey[MT_PHASH_SIDE * MT_PHASH_SIDE]);
/* Reduces w x h RGBA pixels (alpha over white) to 32 x 32 grey levels by
 * averaging, the aspect ratio dropped as pHash does. */
void mt_phash_grey_from_rgba(const uint8_t *rgba, int w, int h,
                             uint8_t grey[MT_PHASH_SIDE * MT_PHASH_SIDE]);
/* The same from w x h grey levels (one byte per pixel). */
void mt_phash_grey_from_plane(const uint8_t *plane, int w, int h,
                              uint8_t grey[MT_PHASH_SIDE * MT_PHASH_SIDE]);
/* Decodes the picture in data (JPEG at a reduced DCT scale, PNG, GIF, WebP)
 * small and hashes it; *src_w and *src_h get the picture's stored size.
 * Returns 0, or -1 with err (not a picture, corrupt, no decoders). */
int mt_phash_of_bytes(const uint8_t *data, size_t len, uint64_t *hash, int *src_w, int *src_h,
                      struct mt_error *err);
/* The same, read from a file. */
int mt_phash_of_file(const char *path, uint64_t *hash, int *src_w, int *src_h,
                     struct mt_error *err);
/* Whether the build can decode pictures for the hash. */
bool mt_phash_available(void);
/* The number of bits in which two hashes differ (0..64). */
int mt_phash_distance(uint64_t a, uint64_t b);
/* A hash as 16 hex digits and back (-1 when s is not 16 hex digits). */
void mt_phash_format(uint64_t h, char out[17]);
int mt_phash_parse(const char *s, uint64_t *h);

#endif
