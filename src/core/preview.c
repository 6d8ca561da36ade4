/* preview.c — fetching originals into the cache and decoding them on one
 * worker thread (worker.c), so every callback runs on the loop's thread. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "preview.h"
#include "site.h"
#include "worker.h"
#include "xalloc.h"

/* originals larger than this are not fetched for a preview */
#define FETCH_MAX MT_IMAGE_MAX_FILE

struct job {
	struct mt_work work;    /* first: the worker hands this back */
	char *path;
	int max_w, max_h;
	bool from_cache;
	mt_preview_fn fn;
	void *arg;
	struct mt_image *img;   /* the result */
	struct mt_error err;
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
	struct mt_worker *worker;
};

bool
mt_preview_available(void)
{
	return true;
}

/* ---- decoding, on the worker ---- */

static void
job_run(struct mt_work *work)
{
	struct job *j = (struct job *)work;
	struct mt_image *img = xcalloc(1, sizeof *img);
	mt_error_clear(&j->err);
	if (mt_image_load(j->path, j->max_w, j->max_h, img, &j->err) == 0)
		j->img = img;
	else
		free(img);
}

static void
job_done(struct mt_work *work, bool cancelled)
{
	struct job *j = (struct job *)work;
	if (cancelled) {
		mt_error_set(&j->err, MT_ERR_CANCELLED, _("a newer preview was asked for"));
		j->fn(NULL, false, &j->err, j->arg);
	} else {
		j->fn(j->img, j->from_cache, j->img ? NULL : &j->err, j->arg);
		j->img = NULL;   /* handed over */
	}
	if (j->img) {
		mt_image_free(j->img);
		free(j->img);
	}
	free(j->path);
	free(j);
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
	p->worker = mt_worker_new(loop);
	return p;
}

void
mt_preview_free(struct mt_preview *p)
{
	if (p == NULL)
		return;
	/* what never ran ends as cancelled, what finished unseen is delivered */
	mt_worker_free(p->worker);
	free(p->cache_dir);
	free(p);
}

static bool
every_waiting_job(const struct mt_work *work, void *arg)
{
	(void)work, (void)arg;
	return true;
}

static int
enqueue(struct mt_preview *p, const char *path, bool from_cache, int max_w, int max_h,
        mt_preview_fn fn, void *arg, struct mt_error *err)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->work.run = job_run;
	j->work.done = job_done;
	j->path = xstrdup(path);
	j->from_cache = from_cache;
	j->max_w = max_w;
	j->max_h = max_h;
	j->fn = fn;
	j->arg = arg;
	/* only the newest picture matters: older waiting ones are dropped */
	mt_worker_cancel_if(p->worker, every_waiting_job, NULL);
	int rc = mt_worker_add(p->worker, &j->work);
	if (rc != 0) {
		free(j->path);
		free(j);
		return mt_error_set(err, MT_ERR_IO, _("cannot start the preview: %s"), strerror(rc));
	}
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
		return m->mime_type && m->mime_type[0]
		       ? mt_error_set(err, MT_ERR_UNSUPPORTED, _("no preview for %s files"), m->mime_type)
		       : mt_error_set(err, MT_ERR_UNSUPPORTED, "%s", _("no preview for this type of file"));
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
	if (mt_site_download_start(p->site, m, p->cache_dir, FETCH_MAX, NULL, fetched, f, err) < 0) {
		free(f);
		return -1;
	}
	return 0;
}
