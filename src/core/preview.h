/* preview.h — pictures of media items and local files for the preview:
 * the original fetched into a bounded cache, then decoded on a worker
 * thread so the loop (and the keyboard) never waits for a decoder.
 *
 * Built without previews (configure --without-preview), every call fails
 * with a message saying so, and mt_preview_available() is false. */
#ifndef MT_PREVIEW_H
#define MT_PREVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "image.h"
#include "loop.h"
#include "media.h"

struct mt_site;
struct mt_preview;

bool mt_preview_available(void);

/* Whether a file of this type (or, without a type, this name) can be
 * decoded: JPEG, PNG, GIF, WebP. */
bool mt_preview_can_show(const char *mime_type, const char *filename);

/* The cache directory: $XDG_CACHE_HOME/mediatui/previews/PROFILE (fresh string). */
char *mt_preview_cache_dir(const char *profile);

/* site may be NULL (local files only). Free it after the site: downloads
 * still in flight finish into it. cache_max bounds the cache in bytes. */
struct mt_preview *mt_preview_new(struct mt_loop *loop, struct mt_site *site,
                                  const char *cache_dir, int64_t cache_max);
void mt_preview_free(struct mt_preview *p);

/* The picture, decoded to fit max_w x max_h, reaches fn exactly once:
 * img is handed over (mt_image_free it, then free it), or NULL with err.
 * A newer request cancels older ones that have not started decoding. */
typedef void (*mt_preview_fn)(struct mt_image *img, bool from_cache, const struct mt_error *err,
                              void *arg);
int mt_preview_remote(struct mt_preview *p, const struct mt_media *m, int max_w, int max_h,
                      mt_preview_fn fn, void *arg, struct mt_error *err);
int mt_preview_local(struct mt_preview *p, const char *path, int max_w, int max_h,
                     mt_preview_fn fn, void *arg, struct mt_error *err);

/* Keeps the cache at most max_bytes, dropping the least recently used
 * files (not `keep`). Exposed for tests. */
void mt_preview_cache_trim(const char *dir, int64_t max_bytes, const char *keep);

#endif
