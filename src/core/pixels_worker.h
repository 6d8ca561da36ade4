/* pixels_worker.h — pictures in pixels encoded on a worker thread, so that
 * the loop (and the keyboard) never waits for a sixel or kitty encoder.
 *
 * Each job works on its own copy of the part of the picture it needs, so
 * the caller may drop the picture at once. Results come back on the loop,
 * with the tag given, newest requests first in mind: keep() drops queued
 * jobs that are no longer wanted. */
#ifndef MT_PIXELS_WORKER_H
#define MT_PIXELS_WORKER_H

#include <stddef.h>
#include <stdint.h>

#include "loop.h"
#include "pixels.h"

struct mt_pixels_worker;

/* pic is handed over (mt_pixel_picture_free it, then free it), or NULL when
 * the rendering failed. Never called for a dropped job. */
typedef void (*mt_pixels_done_fn)(uint64_t tag, struct mt_pixel_picture *pic, void *arg);

struct mt_pixels_worker *mt_pixels_worker_new(struct mt_loop *loop, mt_pixels_done_fn fn,
                                              void *arg);
/* Waits for the job in hand, drops the rest; no callback after it. */
void mt_pixels_worker_free(struct mt_pixels_worker *w);

/* Queues mt_pixels_render(img, src, max_cols, max_rows, o). Returns 0, or
 * -1 when no thread could be started (render on the spot instead). */
int mt_pixels_worker_add(struct mt_pixels_worker *w, uint64_t tag, const struct mt_image *img,
                         const struct mt_crop_rect *src, int max_cols, int max_rows,
                         const struct mt_pixels_opts *o);

/* Drops the queued jobs whose tag is not among tags[0, n). */
void mt_pixels_worker_keep(struct mt_pixels_worker *w, const uint64_t *tags, size_t n);

#endif
