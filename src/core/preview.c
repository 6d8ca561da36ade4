/* preview.c — fetching originals into the cache and decoding them on one
 * worker thread. The loop learns of finished decodes through a pipe, so
 * every callback runs on the loop's thread. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "preview.h"
#include "site.h"
#include "xalloc.h"

/* originals larger than this are not fetched for a preview */
#define FETCH_MAX MT_IMAGE_MAX_FILE

struct job {
	struct job *next;
	char *path;
	int max_w, max_h;
	bool from_cache;
	mt_preview_fn fn;
	void *arg;
	struct mt_image *img;   /* the result */
	struct mt_error err;
	bool cancelled;
};

struct fetch {
	struct mt_preview *p;
	int max_w, max_h;
	mt_preview_fn fn;
	void *arg;
	struct fetch *next;
};

struct mt_preview {
	struct mt_loop *loop;
	struct mt_site *site;
	char *cache_dir;
	int64_t cache_max;
	pthread_t thread;
	bool thread_started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *todo, *done;     /* todo: oldest first; done: any order */
	bool stop;
	int pipe_rd, pipe_wr;
};

bool
mt_preview_available(void)
{
	return true;
}

/* ---- the worker ---- */

static void
push_done(struct mt_preview *p, struct job *j)
{
	/* called with the lock held */
	j->next = p->done;
	p->done = j;
	ssize_t w;
	do
		w = write(p->pipe_wr, "x", 1);
	while (w < 0 && errno == EINTR);
	/* a full pipe already holds a wake-up: nothing is lost */
}

static void *
worker(void *arg)
{
	struct mt_preview *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->todo == NULL)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop)
			break;
		struct job *j = p->todo;
		p->todo = j->next;
		pthread_mutex_unlock(&p->mu);

		struct mt_image *img = xcalloc(1, sizeof *img);
		mt_error_clear(&j->err);
		if (mt_image_load(j->path, j->max_w, j->max_h, img, &j->err) == 0) {
			j->img = img;
		} else {
			free(img);
		}

		pthread_mutex_lock(&p->mu);
		push_done(p, j);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void
job_free(struct job *j)
{
	if (j->img) {
		mt_image_free(j->img);
		free(j->img);
	}
	free(j->path);
	free(j);
}

static void
on_pipe(int fd, short revents, void *arg)
{
	(void)revents;
	struct mt_preview *p = arg;
	char buf[64];
	while (read(fd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&p->mu);
	struct job *list = p->done;
	p->done = NULL;
	pthread_mutex_unlock(&p->mu);
	while (list) {
		struct job *j = list;
		list = j->next;
		if (j->cancelled) {
			mt_error_set(&j->err, MT_ERR_CANCELLED, _("a newer preview was asked for"));
			j->fn(NULL, false, &j->err, j->arg);
		} else {
			j->fn(j->img, j->from_cache, j->img ? NULL : &j->err, j->arg);
			j->img = NULL;   /* handed over */
		}
		job_free(j);
	}
}

struct mt_preview *
mt_preview_new(struct mt_loop *loop, struct mt_site *site, const char *cache_dir,
               int64_t cache_max)
{
	struct mt_preview *p = xcalloc(1, sizeof *p);
	p->loop = loop;
	p->site = site;
	p->cache_dir = xstrdup(cache_dir);
	p->cache_max = cache_max;
	p->pipe_rd = p->pipe_wr = -1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	int fds[2];
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
		p->pipe_rd = fds[0];
		p->pipe_wr = fds[1];
		mt_loop_watch(loop, p->pipe_rd, POLLIN, on_pipe, p);
	}
	return p;
}

static int
start_thread(struct mt_preview *p, struct mt_error *err)
{
	if (p->thread_started)
		return 0;
	if (p->pipe_rd < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot start the preview: %s"), strerror(EMFILE));
	int rc = pthread_create(&p->thread, NULL, worker, p);
	if (rc != 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot start the preview: %s"), strerror(rc));
	p->thread_started = true;
	return 0;
}

void
mt_preview_free(struct mt_preview *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	if (p->thread_started)
		pthread_join(p->thread, NULL);
	/* what never ran, and what finished unseen, ends as cancelled */
	for (struct job *j = p->todo; j; j = j->next)
		j->cancelled = true;
	pthread_mutex_lock(&p->mu);
	struct job *t = p->todo;
	while (t) {
		struct job *next = t->next;
		t->next = p->done;
		p->done = t;
		t = next;
	}
	p->todo = NULL;
	pthread_mutex_unlock(&p->mu);
	if (p->pipe_rd >= 0) {
		on_pipe(p->pipe_rd, 0, p);
		mt_loop_unwatch(p->loop, p->pipe_rd);
		close(p->pipe_rd);
		close(p->pipe_wr);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->cache_dir);
	free(p);
}

static int
enqueue(struct mt_preview *p, const char *path, bool from_cache, int max_w, int max_h,
        mt_preview_fn fn, void *arg, struct mt_error *err)
{
	if (start_thread(p, err) < 0)
		return -1;
	struct job *j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->from_cache = from_cache;
	j->max_w = max_w;
	j->max_h = max_h;
	j->fn = fn;
	j->arg = arg;
	pthread_mutex_lock(&p->mu);
	/* only the newest picture matters: older waiting ones are dropped */
	while (p->todo) {
		struct job *old = p->todo;
		p->todo = old->next;
		old->cancelled = true;
		push_done(p, old);
	}
	p->todo = j;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

int
mt_preview_local(struct mt_preview *p, const char *path, int max_w, int max_h, mt_preview_fn fn,
                 void *arg, struct mt_error *err)
{
	return enqueue(p, path, true, max_w, max_h, fn, arg, err);
}

/* ---- remote items: the cache, then a download ---- */

static char *
cache_path(struct mt_preview *p, const struct mt_media *m)
{
	/* the same name mt_site_download_start gives the file */
	char *safe_id = mt_safe_filename(m->id);
	char *safe_name = mt_safe_filename(m->filename ? m->filename : m->id);
	char *path = xasprintf("%s/%s-%s", p->cache_dir, safe_id, safe_name);
	free(safe_id);
	free(safe_name);
	return path;
}

static void
fetched(const char *saved_path, const struct mt_error *err, void *arg)
{
	struct fetch *f = arg;
	struct mt_error e;
	mt_error_clear(&e);
	if (saved_path == NULL) {
		f->fn(NULL, false, err, f->arg);
	} else {
		mt_preview_cache_trim(f->p->cache_dir, f->p->cache_max, saved_path);
		if (enqueue(f->p, saved_path, false, f->max_w, f->max_h, f->fn, f->arg, &e) < 0)
			f->fn(NULL, false, &e, f->arg);
	}
	free(f);
}

int
mt_preview_remote(struct mt_preview *p, const struct mt_media *m, int max_w, int max_h,
                  mt_preview_fn fn, void *arg, struct mt_error *err)
{
	if (!mt_preview_can_show(m->mime_type, m->filename))
		return mt_error_set(err, MT_ERR_UNSUPPORTED, _("no preview for %s files"),
		                    m->mime_type && m->mime_type[0] ? m->mime_type : _("these"));
	if (m->size > FETCH_MAX)
		return mt_error_set(err, MT_ERR_REJECTED, _("too large to preview (over %lld MiB)"),
		                    FETCH_MAX >> 20);
	char *path = cache_path(p, m);
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (m->size < 0 || st.st_size == m->size)) {
		/* used now: the cache drops the least recently used first */
		(void)utimensat(AT_FDCWD, path, NULL, 0);
		int rc = enqueue(p, path, true, max_w, max_h, fn, arg, err);
		free(path);
		return rc;
	}
	free(path);
	if (p->site == NULL)
		return mt_error_set(err, MT_ERR_UNSUPPORTED, _("no library to fetch the picture from"));
	struct fetch *f = xcalloc(1, sizeof *f);
	f->p = p;
	f->max_w = max_w;
	f->max_h = max_h;
	f->fn = fn;
	f->arg = arg;
	if (mt_site_download_start_max(p->site, m, p->cache_dir, FETCH_MAX, fetched, f, err) < 0) {
		free(f);
		return -1;
	}
	return 0;
}
