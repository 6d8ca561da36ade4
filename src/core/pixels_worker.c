/* pixels_worker.c — one thread, a queue of encodings, a pipe to wake the
 * loop when one is done. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cells.h"
#include "pixels_worker.h"
#include "xalloc.h"

struct pjob {
	uint64_t tag;
	struct mt_image img;          /* the part wanted, copied */
	int max_cols, max_rows;
	struct mt_pixels_opts o;
	struct mt_pixel_picture *pic; /* the result; NULL when it failed */
	struct pjob *next;
};

struct mt_pixels_worker {
	struct mt_loop *loop;
	mt_pixels_done_fn fn;
	void *arg;
	pthread_t thread;
	bool started, stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pjob *todo, *done;     /* todo: oldest first */
	int pipe_rd, pipe_wr;
};

static void
pjob_free(struct pjob *j)
{
	free(j->img.rgba);
	if (j->pic) {
		mt_pixel_picture_free(j->pic);
		free(j->pic);
	}
	free(j);
}

static void *
worker(void *arg)
{
	struct mt_pixels_worker *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->stop && w->todo == NULL)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->stop)
			break;
		struct pjob *j = w->todo;
		w->todo = j->next;
		pthread_mutex_unlock(&w->mu);

		struct mt_pixel_picture *pic = xcalloc(1, sizeof *pic);
		struct mt_error err;
		if (mt_pixels_render(&j->img, NULL, j->max_cols, j->max_rows, &j->o, pic, &err) == 0)
			j->pic = pic;
		else
			free(pic);

		pthread_mutex_lock(&w->mu);
		j->next = w->done;
		w->done = j;
		ssize_t n;
		do
			n = write(w->pipe_wr, "x", 1);
		while (n < 0 && errno == EINTR);
		/* a full pipe already holds a wake-up */
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void
on_pipe(int fd, short revents, void *arg)
{
	(void)revents;
	struct mt_pixels_worker *w = arg;
	char buf[64];
	while (read(fd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&w->mu);
	struct pjob *list = w->done;
	w->done = NULL;
	pthread_mutex_unlock(&w->mu);
	while (list) {
		struct pjob *j = list;
		list = j->next;
		struct mt_pixel_picture *pic = j->pic;
		j->pic = NULL;   /* handed over */
		w->fn(j->tag, pic, w->arg);
		pjob_free(j);
	}
}

struct mt_pixels_worker *
mt_pixels_worker_new(struct mt_loop *loop, mt_pixels_done_fn fn, void *arg)
{
	struct mt_pixels_worker *w = xcalloc(1, sizeof *w);
	w->loop = loop;
	w->fn = fn;
	w->arg = arg;
	w->pipe_rd = w->pipe_wr = -1;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	int fds[2];
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
		w->pipe_rd = fds[0];
		w->pipe_wr = fds[1];
		mt_loop_watch(loop, w->pipe_rd, POLLIN, on_pipe, w);
		w->started = pthread_create(&w->thread, NULL, worker, w) == 0;
	}
	return w;
}

static void
drop_list(struct pjob *j)
{
	while (j) {
		struct pjob *next = j->next;
		pjob_free(j);
		j = next;
	}
}

void
mt_pixels_worker_free(struct mt_pixels_worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	if (w->started)
		pthread_join(w->thread, NULL);
	drop_list(w->todo);
	drop_list(w->done);
	if (w->pipe_rd >= 0) {
		mt_loop_unwatch(w->loop, w->pipe_rd);
		close(w->pipe_rd);
		close(w->pipe_wr);
	}
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

int
mt_pixels_worker_add(struct mt_pixels_worker *w, uint64_t tag, const struct mt_image *img,
                     const struct mt_crop_rect *src, int max_cols, int max_rows,
                     const struct mt_pixels_opts *o)
{
	if (!w->started || img->rgba == NULL || img->width <= 0 || img->height <= 0)
		return -1;
	struct pjob *j = xcalloc(1, sizeof *j);
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
	pthread_mutex_lock(&w->mu);
	struct pjob **tail = &w->todo;
	while (*tail)
		tail = &(*tail)->next;
	*tail = j;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

void
mt_pixels_worker_keep(struct mt_pixels_worker *w, const uint64_t *tags, size_t n)
{
	struct pjob *dropped = NULL;
	pthread_mutex_lock(&w->mu);
	struct pjob **pp = &w->todo;
	while (*pp) {
		struct pjob *j = *pp;
		bool wanted = false;
		for (size_t i = 0; i < n && !wanted; i++)
			wanted = tags[i] == j->tag;
		if (wanted) {
			pp = &j->next;
		} else {
			*pp = j->next;
			j->next = dropped;
			dropped = j;
		}
	}
	pthread_mutex_unlock(&w->mu);
	drop_list(dropped);
}
