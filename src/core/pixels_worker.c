/* pixels_worker.c — encodings in pixels as work for a worker thread
 * (worker.c), each on its own copy of the part of the picture it needs. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "pixels_worker.h"
#include "worker.h"
#include "xalloc.h"

struct pjob {
	struct mt_work work;          /* first: the worker hands this back */
	struct mt_pixels_worker *owner;
	uint64_t tag;
	struct mt_image img;          /* the part wanted, copied */
	int max_cols, max_rows;
	struct mt_pixels_opts o;
	struct mt_pixel_picture *pic; /* the result; NULL when it failed */
};

struct mt_pixels_worker {
	struct mt_worker *worker;
	mt_pixels_done_fn fn;
	void *arg;
	bool closing;                 /* no callbacks once the owner lets go */
};

static void
pjob_run(struct mt_work *work)
{
	struct pjob *j = (struct pjob *)work;
	struct mt_pixel_picture *pic = xcalloc(1, sizeof *pic);
	struct mt_error err;
	if (mt_pixels_render(&j->img, NULL, j->max_cols, j->max_rows, &j->o, pic, &err) == 0)
		j->pic = pic;
	else
		free(pic);
}

static void
pjob_done(struct mt_work *work, bool cancelled)
{
	struct pjob *j = (struct pjob *)work;
	if (!cancelled && !j->owner->closing) {
		j->owner->fn(j->tag, j->pic, j->owner->arg);
		j->pic = NULL;   /* handed over */
	}
	if (j->pic) {
		mt_pixel_picture_free(j->pic);
		free(j->pic);
	}
	free(j->img.rgba);
	free(j);
}

struct mt_pixels_worker *
mt_pixels_worker_new(struct mt_loop *loop, mt_pixels_done_fn fn, void *arg)
{
	struct mt_pixels_worker *w = xcalloc(1, sizeof *w);
	w->worker = mt_worker_new(loop);
	w->fn = fn;
	w->arg = arg;
	return w;
}

void
mt_pixels_worker_free(struct mt_pixels_worker *w)
{
	if (w == NULL)
		return;
	w->closing = true;
	mt_worker_free(w->worker);
	free(w);
}

int
mt_pixels_worker_add(struct mt_pixels_worker *w, uint64_t tag, const struct mt_image *img,
                     const struct mt_crop_rect *src, int max_cols, int max_rows,
                     const struct mt_pixels_opts *o)
{
	if (img->rgba == NULL || img->width <= 0 || img->height <= 0)
		return -1;
	struct pjob *j = xcalloc(1, sizeof *j);
	j->work.run = pjob_run;
	j->work.done = pjob_done;
	j->owner = w;
	j->tag = tag;
	j->max_cols = max_cols;
	j->max_rows = max_rows;
	j->o = *o;
	/* the part wanted, as a picture of its own: the stored size it stands
	 * for keeps the proportions the fitting needs */
	int x, y, pw, ph;
	mt_image_region(img, src, &x, &y, &pw, &ph);
	j->img.width = pw;
	j->img.height = ph;
	mt_image_part_size(img, src, &j->img.src_width, &j->img.src_height);
	j->img.format = img->format;
	j->img.rgba = xmalloc((size_t)pw * (size_t)ph * 4);
	for (int r = 0; r < ph; r++)
		memcpy(j->img.rgba + (size_t)r * (size_t)pw * 4,
		       img->rgba + ((size_t)(y + r) * (size_t)img->width + (size_t)x) * 4, (size_t)pw * 4);
	if (mt_worker_add(w->worker, &j->work) != 0) {
		free(j->img.rgba);
		free(j);
		return -1;
	}
	return 0;
}

struct wanted {
	const uint64_t *tags;
	size_t n;
};

static bool
not_wanted(const struct mt_work *work, void *arg)
{
	const struct pjob *j = (const struct pjob *)work;
	const struct wanted *k = arg;
	for (size_t i = 0; i < k->n; i++)
		if (k->tags[i] == j->tag)
			return false;
	return true;
}

void
mt_pixels_worker_keep(struct mt_pixels_worker *w, const uint64_t *tags, size_t n)
{
	struct wanted k = { tags, n };
	mt_worker_cancel_if(w->worker, not_wanted, &k);
}
