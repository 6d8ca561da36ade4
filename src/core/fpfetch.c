/* fpfetch.c — fingerprints of many items, downloaded a few at a time. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "fpfetch.h"
#include "http.h"
#include "i18n.h"
#include "image.h"
#include "loop.h"
#include "phash.h"
#include "worker.h"
#include "xalloc.h"

struct slot;

/* Decoding dominates a first audit (a baseline JPEG's entropy decoding
 * cannot be skipped at any scale): two threads keep both cores of a small
 * machine busy while the loop's thread mostly waits on the network. */
#define DECODERS 2

struct mt_fpfetch {
	struct mt_site *site;
	struct mt_fpfetch_spec spec;
	struct mt_worker *worker[DECODERS];
	int queued[DECODERS];        /* pictures handed to each */
	struct mt_fpfetch_progress prog;
	size_t next;                 /* the next item to look at */
	int downloading;             /* downloads under way */
	int decoding;                /* pictures handed to the worker, waiting or decoding */
	int64_t reserved;            /* budget promised to downloads under way */
	uint64_t started_ms, last_progress_ms;
	uint64_t kick_timer;
	bool cancelled, finished;
	struct slot *slots;          /* those under way */
	struct slot *spare;          /* finished slots kept for the next items */
	int nspare;
};

struct slot {
	struct mt_work work;         /* first: the worker's */
	struct mt_fpfetch *f;
	struct slot *next;
	struct mt_http_req *req;
	size_t index;
	struct mt_sha256 *sha;
	int64_t got, reserved;
	bool picture;
	bool in_worker;              /* counted in decoding, not downloading */
	int decoder;                 /* which worker, when in_worker */
	uint8_t *buf;                /* a picture's bytes, for the decoder */
	size_t len, cap;
	bool too_big;                /* a picture past MT_IMAGE_MAX_FILE: exact digest only */
	struct mt_fingerprint fp;
	struct mt_error decode_err;
	int decode_rc;
};

static void kick(struct mt_fpfetch *f);

/* Item i, from the array or as the caller lends it (into *tmp). */
static const struct mt_media *
item_at(const struct mt_fpfetch *f, size_t i, struct mt_media *tmp)
{
	if (f->spec.items)
		return &f->spec.items[i];
	f->spec.item_at(i, tmp, f->spec.arg);
	return tmp;
}

/* A slot's buffer larger than this is not kept for the next item. */
#define SPARE_BUF_MAX (1024 * 1024)

bool
mt_fp_is_picture(const struct mt_media *m)
{
	const char *t = m->mime_type;
	return t && (strcmp(t, "image/jpeg") == 0 || strcmp(t, "image/png") == 0 ||
	             strcmp(t, "image/gif") == 0 || strcmp(t, "image/webp") == 0);
}

static void
report_progress(struct mt_fpfetch *f, bool force)
{
	uint64_t now = mt_now_ms();
	if (!f->spec.progress || (!force && now - f->last_progress_ms < 200))
		return;
	f->last_progress_ms = now;
	double secs = (double)(now - f->started_ms) / 1000.0;
	f->prog.rate = secs > 0.05 ? (double)f->prog.bytes / secs : 0;
	f->prog.eta_s = f->prog.rate > 0 ? (long)((double)f->prog.bytes_left / f->prog.rate) : -1;
	f->spec.progress(&f->prog, f->spec.arg);
}

static void
item_done(struct mt_fpfetch *f, size_t index, enum mt_fp_status st,
          const struct mt_fingerprint *fp, const struct mt_error *err)
{
	f->prog.done++;
	if (st == MT_FP_FETCHED)
		f->prog.fetched++;
	if (f->spec.item)
		f->spec.item(index, st, fp, err, f->spec.arg);
}

static void
slot_unlink(struct mt_fpfetch *f, struct slot *s)
{
	for (struct slot **p = &f->slots; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	if (s->in_worker) {
		f->decoding--;
		f->queued[s->decoder]--;
	} else
		f->downloading--;
	f->reserved -= s->reserved;
	/* kept for the next item: its digest context and buffer are reused,
	 * so a run allocates per item only while it widens */
	int limit = f->spec.concurrency > 0 ? f->spec.concurrency : 8;
	if (!f->cancelled && f->nspare < 2 * limit) {
		if (s->cap > SPARE_BUF_MAX) {
			free(s->buf);
			s->buf = NULL;
			s->cap = 0;
		}
		s->next = f->spare;
		f->spare = s;
		f->nspare++;
		return;
	}
	mt_sha256_free(s->sha);
	free(s->buf);
	free(s);
}

/* A fresh slot for item index, from the spares when there is one. */
static struct slot *
slot_new(struct mt_fpfetch *f, size_t index)
{
	struct slot *s = f->spare;
	struct mt_sha256 *sha;
	uint8_t *buf = NULL;
	size_t cap = 0;
	if (s) {
		f->spare = s->next;
		f->nspare--;
		sha = s->sha;
		buf = s->buf;
		cap = s->cap;
		mt_sha256_reset(sha);
	} else {
		s = xmalloc(sizeof *s);
		sha = mt_sha256_new();
	}
	memset(s, 0, sizeof *s);
	s->f = f;
	s->index = index;
	s->sha = sha;
	s->buf = buf;
	s->cap = cap;
	return s;
}

static void
finish_slot(struct mt_fpfetch *f, struct slot *s)
{
	struct mt_media tmp;
	const struct mt_media *m = item_at(f, s->index, &tmp);
	char key[65];
	mt_fpcache_key(f->site->base, m, key);
	struct mt_error err;
	/* a cache that cannot be written costs the next run a download, no more */
	(void)mt_fpcache_put(f->spec.cache, key, &s->fp, &err);
	item_done(f, s->index, MT_FP_FETCHED, &s->fp, NULL);
	slot_unlink(f, s);
	kick(f);
}

/* ---- the worker thread: decode small, hash */

static void
decode_run(struct mt_work *w)
{
	struct slot *s = (struct slot *)w;
	uint64_t h;
	int sw, sh;
	s->decode_rc = mt_phash_of_bytes(s->buf, s->len, &h, &sw, &sh, &s->decode_err);
	if (s->decode_rc == 0) {
		s->fp.has_phash = true;
		s->fp.phash = h;
		s->fp.width = sw;
		s->fp.height = sh;
	}
}

static void
decode_done(struct mt_work *w, bool cancelled)
{
	struct slot *s = (struct slot *)w;
	struct mt_fpfetch *f = s->f;
	if (cancelled || f->cancelled) {
		slot_unlink(f, s);
		return;
	}
	/* a picture that does not decode still has its exact digest */
	finish_slot(f, s);
}

/* ---- the download */

static int
on_bytes(const void *data, size_t n, void *arg)
{
	struct slot *s = arg;
	struct mt_fpfetch *f = s->f;
	if (data == NULL) {
		/* a new attempt: start over */
		f->prog.bytes -= s->got;
		s->got = 0;
		s->len = 0;
		mt_sha256_reset(s->sha);
		return 0;
	}
	mt_sha256_update(s->sha, data, n);
	s->got += (int64_t)n;
	f->prog.bytes += (int64_t)n;
	f->prog.bytes_left -= (int64_t)n;
	if (s->picture && !s->too_big) {
		if (s->len + n > (size_t)MT_IMAGE_MAX_FILE) {
			s->too_big = true;
			free(s->buf);
			s->buf = NULL;
			s->len = s->cap = 0;
		} else {
			if (s->len + n > s->cap) {
				s->cap = s->cap ? s->cap : 64 * 1024;
				while (s->cap < s->len + n)
					s->cap *= 2;
				s->buf = xrealloc(s->buf, s->cap);
			}
			memcpy(s->buf + s->len, data, n);
			s->len += n;
		}
	}
	report_progress(f, false);
	return 0;
}

static void
download_done(const struct mt_http_response *resp, void *arg)
{
	struct slot *s = arg;
	struct mt_fpfetch *f = s->f;
	s->req = NULL;
	if (resp->cancelled) {
		slot_unlink(f, s);
		return;
	}
	struct mt_media tmp;
	const struct mt_media *m = item_at(f, s->index, &tmp);
	if (resp->status < 200 || resp->status > 299) {
		struct mt_error err;
		mt_http_error_from_response(resp, _("downloading the original"), &err);
		if (m->size > s->got)
			f->prog.bytes_left -= m->size - s->got;
		item_done(f, s->index, MT_FP_FAILED, NULL, &err);
		slot_unlink(f, s);
		kick(f);
		return;
	}
	mt_sha256_finish_hex(s->sha, s->fp.sha256);
	s->fp.width = s->fp.height = -1;
	if (s->picture && !s->too_big && s->len > 0 && mt_phash_available()) {
		s->work.run = decode_run;
		s->work.done = decode_done;
		/* the worker with less to do */
		int d = 0;
		for (int k = 1; k < DECODERS; k++)
			if (f->queued[k] < f->queued[d])
				d = k;
		if (mt_worker_add(f->worker[d], &s->work) == 0) {
			/* the download's place goes to the next item while this
			 * one waits for the worker */
			s->in_worker = true;
			s->decoder = d;
			f->queued[d]++;
			f->downloading--;
			f->decoding++;
			kick(f);
			return;
		}
	}
	finish_slot(f, s);
}

static bool
start_one(struct mt_fpfetch *f, size_t index)
{
	struct mt_media tmp;
	const struct mt_media *m = item_at(f, index, &tmp);
	int64_t size = m->size > 0 ? m->size : 0;
	int64_t max = 0;
	if (f->spec.max_download > 0) {
		int64_t left = f->spec.max_download - f->prog.bytes - f->reserved;
		if (size > left || left <= 0) {
			f->prog.bytes_left -= size;
			item_done(f, index, MT_FP_OVER_BUDGET, NULL, NULL);
			return false;
		}
		/* a size the listing got wrong cannot run past the budget either */
		max = left;
	}
	struct mt_error err;
	if (m->url == NULL || m->url[0] == '\0') {
		mt_error_set(&err, MT_ERR_PROTOCOL, _("item %s has no url to download"), m->id);
		f->prog.bytes_left -= size;
		item_done(f, index, MT_FP_FAILED, NULL, &err);
		return false;
	}
	struct slot *s = slot_new(f, index);
	s->picture = mt_fp_is_picture(m);
	s->reserved = size;
	struct mt_http_spec hs = {
		.method = "GET", .url = m->url, .api = false, .sink = on_bytes, .download_max = max,
		.retry = true, .follow_redirects = true, .arg = s,
	};
	f->downloading++;
	f->reserved += size;
	s->next = f->slots;
	f->slots = s;
	s->req = mt_http_start(f->site->http, &hs, download_done, &err);
	if (s->req == NULL) {
		f->prog.bytes_left -= size;
		item_done(f, index, MT_FP_FAILED, NULL, &err);
		slot_unlink(f, s);
		return false;
	}
	return true;
}

static void
kick_now(void *arg)
{
	struct mt_fpfetch *f = arg;
	f->kick_timer = 0;
	int limit = f->spec.concurrency > 0 ? f->spec.concurrency : 8;
	/* cached items are answered in runs, a few hundred per turn of the loop;
	 * downloads wait while as many pictures wait for the worker (their
	 * bytes are held until decoded) */
	int answered = 0;
	while (f->next < f->spec.n && f->downloading < limit && f->decoding < limit &&
	       answered < 500) {
		size_t i = f->next++;
		struct mt_media tmp;
		const struct mt_media *m = item_at(f, i, &tmp);
		char key[65];
		struct mt_fingerprint fp;
		mt_fpcache_key(f->site->base, m, key);
		answered++;
		if (mt_fpcache_get(f->spec.cache, key, &fp)) {
			f->prog.bytes_left -= m->size > 0 ? m->size : 0;
			item_done(f, i, MT_FP_CACHED, &fp, NULL);
			continue;
		}
		start_one(f, i);
	}
	report_progress(f, false);
	if (f->next < f->spec.n && f->downloading < limit && f->decoding < limit) {
		kick(f);
		return;
	}
	if (f->next >= f->spec.n && f->downloading == 0 && f->decoding == 0 && !f->finished) {
		f->finished = true;
		report_progress(f, true);
		if (f->spec.done)
			f->spec.done(&f->prog, f->spec.arg);
	}
}

static void
kick(struct mt_fpfetch *f)
{
	if (f->kick_timer == 0 && !f->finished)
		f->kick_timer = mt_loop_timer_add(f->site->loop, 0, kick_now, f);
}

struct mt_fpfetch *
mt_fpfetch_start(struct mt_site *site, const struct mt_fpfetch_spec *spec)
{
	struct mt_fpfetch *f = xcalloc(1, sizeof *f);
	f->site = site;
	f->spec = *spec;
	for (int k = 0; k < DECODERS; k++)
		f->worker[k] = mt_worker_new(site->loop);
	f->prog.total = spec->n;
	f->prog.eta_s = -1;
	for (size_t i = 0; i < spec->n; i++) {
		struct mt_media tmp;
		const struct mt_media *m = item_at(f, i, &tmp);
		f->prog.bytes_left += m->size > 0 ? m->size : 0;
	}
	f->started_ms = mt_now_ms();
	kick(f);
	return f;
}

void
mt_fpfetch_free(struct mt_fpfetch *f)
{
	if (f == NULL)
		return;
	f->cancelled = true;
	if (f->kick_timer)
		mt_loop_timer_cancel(f->site->loop, f->kick_timer);
	for (struct slot *s = f->slots, *next; s; s = next) {
		next = s->next;
		if (s->req)
			mt_http_cancel(s->req);   /* its done unlinks it */
	}
	/* a decode under way finishes; what waited comes back cancelled */
	for (int k = 0; k < DECODERS; k++)
		mt_worker_free(f->worker[k]);
	while (f->slots)
		slot_unlink(f, f->slots);
	while (f->spare) {
		struct slot *s = f->spare;
		f->spare = s->next;
		mt_sha256_free(s->sha);
		free(s->buf);
		free(s);
	}
	free(f);
}

void
mt_site_fpfetch(struct mt_site *site, const struct mt_fpfetch_spec *spec)
{
	struct mt_fpfetch *f = mt_fpfetch_start(site, spec);
	while (!f->finished)
		if (mt_loop_run_once(site->loop, 1000) < 0)
			break;
	mt_fpfetch_free(f);
}
