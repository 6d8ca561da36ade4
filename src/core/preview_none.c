/* preview_none.c — the preview in a build configured --without-preview:
 * every entry point answers that previews are not available. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "i18n.h"
#include "pixels.h"
#include "pixels_worker.h"
#include "preview.h"
#include "xalloc.h"

struct mt_preview {
	int unused;
};

static int
unavailable(struct mt_error *err)
{
	return mt_error_set(err, MT_ERR_UNSUPPORTED,
	                    _("image previews are not available: mediatui was built without them"));
}

bool
mt_preview_available(void)
{
	return false;
}

struct mt_preview *
mt_preview_new(struct mt_loop *loop, struct mt_site *site, const char *cache_dir,
               int64_t cache_max)
{
	(void)loop, (void)site, (void)cache_dir, (void)cache_max;
	return xcalloc(1, sizeof(struct mt_preview));
}

void
mt_preview_free(struct mt_preview *p)
{
	free(p);
}

int
mt_preview_remote(struct mt_preview *p, const struct mt_media *m, int max_w, int max_h,
                  mt_preview_fn fn, void *arg, struct mt_error *err)
{
	(void)p, (void)m, (void)max_w, (void)max_h, (void)fn, (void)arg;
	return unavailable(err);
}

int
mt_preview_local(struct mt_preview *p, const char *path, int max_w, int max_h, mt_preview_fn fn,
                 void *arg, struct mt_error *err)
{
	(void)p, (void)path, (void)max_w, (void)max_h, (void)fn, (void)arg;
	return unavailable(err);
}

int
mt_image_load(const char *path, int max_w, int max_h, struct mt_image *out, struct mt_error *err)
{
	(void)path, (void)max_w, (void)max_h;
	memset(out, 0, sizeof *out);
	return unavailable(err);
}

void
mt_image_free(struct mt_image *img)
{
	free(img->rgba);
	img->rgba = NULL;
}

int
mt_cells_render(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                int max_rows, const struct mt_cells_opts *opts, struct mt_cells *out,
                struct mt_error *err)
{
	(void)img, (void)src, (void)max_cols, (void)max_rows, (void)opts;
	memset(out, 0, sizeof *out);
	return unavailable(err);
}

void
mt_cells_free(struct mt_cells *c)
{
	free(c->cell);
	c->cell = NULL;
}

const char mt_pixels_kitty_clear[] = "";

int
mt_pixels_render(const struct mt_image *img, const struct mt_crop_rect *src, int max_cols,
                 int max_rows, const struct mt_pixels_opts *o, struct mt_pixel_picture *out,
                 struct mt_error *err)
{
	(void)img, (void)src, (void)max_cols, (void)max_rows, (void)o;
	memset(out, 0, sizeof *out);
	return unavailable(err);
}

void
mt_pixel_picture_free(struct mt_pixel_picture *p)
{
	memset(p, 0, sizeof *p);
}

struct mt_pixels_worker *
mt_pixels_worker_new(struct mt_loop *loop, mt_pixels_done_fn fn, void *arg)
{
	(void)loop, (void)fn, (void)arg;
	return NULL;
}

void
mt_pixels_worker_free(struct mt_pixels_worker *w)
{
	(void)w;
}

int
mt_pixels_worker_add(struct mt_pixels_worker *w, uint64_t tag, const struct mt_image *img,
                     const struct mt_crop_rect *src, int max_cols, int max_rows,
                     const struct mt_pixels_opts *o)
{
	(void)w, (void)tag, (void)img, (void)src, (void)max_cols, (void)max_rows, (void)o;
	return -1;
}

void
mt_pixels_worker_keep(struct mt_pixels_worker *w, const uint64_t *tags, size_t n)
{
	(void)w, (void)tags, (void)n;
}
