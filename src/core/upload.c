/* upload.c — the upload queue: one state machine for every dialect. */
#include "config.h"

#include <jansson.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dialect_answers.h"
#include "digest.h"
#include "fsutil.h"
#include "http.h"
#include "i18n.h"
#include "mime.h"
#include "upload.h"
#include "upload_internal.h"
#include "xalloc.h"

/* Hash this much per loop turn: ~5-10 ms of work, so the UI stays live. */
#define HASH_SLICE (8u << 20)
/* Re-presign when a URL has less than this left before its PUT starts. */
#define EXPIRY_MARGIN_S 30
#define MAX_PRESIGNS 4

static void job_begin(struct mt_upload_job *job);
static void queue_pump(struct mt_upload_queue *q);
static void pump_once(struct mt_upload_queue *q);

static void
emit(struct mt_upload_queue *q, struct mt_upload_job *job, enum mt_upload_event ev)
{
	if (q->fn)
		q->fn(q, job, ev, q->arg);
}

static void release_transfer_slot(struct mt_upload_job *job);

static void
set_state(struct mt_upload_job *job, enum mt_job_state s)
{
	if (s != MT_JOB_UPLOADING)
		release_transfer_slot(job);
	job->state = s;
	job->state_ms = mt_now_ms();
	emit(job->queue, job, MT_UP_EV_STATE);
}

/* what retry_reason and why_skipped point at when empty: never freed */
static char no_text[] = "";

void
mt_upload_job_set_text(char **slot, const char *fmt, ...)
{
	if (*slot != no_text)
		free(*slot);
	va_list ap;
	va_start(ap, fmt);
	*slot = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
clear_text(char **slot)
{
	if (*slot != no_text)
		free(*slot);
	*slot = no_text;
}

struct mt_error *
mt_upload_job_err(struct mt_upload_job *job)
{
	if (job->err == NULL) {
		job->err = xmalloc(sizeof *job->err);
		mt_error_clear(job->err);
	}
	return job->err;
}

/* The queue's copy of a MIME type: a queued job holds a pointer, not 128
 * bytes of its own. */
static const char *
queue_mime(struct mt_upload_queue *q, const char *mime)
{
	for (int i = 0; i < q->nmimes; i++)
		if (strcmp(q->mimes[i], mime) == 0)
			return q->mimes[i];
	q->mimes = xreallocarray(q->mimes, (size_t)q->nmimes + 1, sizeof *q->mimes);
	return q->mimes[q->nmimes++] = xstrdup(mime);
}

static char *
opt_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int
mt_upload_queue_new(struct mt_site *site, const struct mt_upload_options *opts,
                    mt_upload_event_fn fn, void *arg, struct mt_upload_queue **out,
                    struct mt_error *err)
{
	*out = NULL;
	if (site->dialect->upload == NULL || !(site->dialect->caps & MT_CAP_UPLOAD))
		return mt_error_set(err, MT_ERR_UNSUPPORTED, _("the %s API cannot upload"),
		                    site->dialect->name);
	if (!site->has_key)
		return mt_error_set(err, MT_ERR_CONFIG,
		                    _("profile '%s' has no key: uploads need one (key_env or key_file)"),
		                    site->profile->name);
	struct mt_upload_queue *q = xcalloc(1, sizeof *q);
	q->site = site;
	q->ops = site->dialect->upload;
	q->net = &mt_upload_http;
	q->opts = *opts;
	q->opts.folder = q->own_folder = opt_dup(opts->folder ? opts->folder : site->profile->folder);
	q->opts.alt = q->own_alt = opt_dup(opts->alt);
	q->opts.video_id = q->own_video_id =
		opt_dup(opts->video_id ? opts->video_id : site->profile->video_id);
	q->opts.document_id = q->own_document_id =
		opt_dup(opts->document_id ? opts->document_id : site->profile->document_id);
	if (q->opts.jobs <= 0)
		q->opts.jobs = site->profile->jobs > 0 ? site->profile->jobs : 4;
	if (q->opts.max_attempts <= 0)
		q->opts.max_attempts = 5;
	q->fn = fn;
	q->arg = arg;
	if (opts->use_journal) {
		char *path = mt_journal_path_for(site->profile->name);
		int rc = mt_journal_open(path, &q->journal, err);
		free(path);
		if (rc < 0) {
			mt_upload_queue_free(q);
			return -1;
		}
		q->flush_turn = 1;
		if (mt_loop_add_turn_hook(site->loop, mt_upload_queue_flush_journal, q) < 0) {
			mt_upload_queue_free(q);
			return mt_error_set(err, MT_ERR_USAGE, _("too many upload queues on one loop"));
		}
	}
	*out = q;
	return 0;
}

static void
job_release_transfer(struct mt_upload_job *job)
{
	if (job->timer) {
		mt_loop_timer_cancel(job->queue->site->loop, job->timer);
		job->timer = 0;
	}
	mt_digest_free(job->digest);
	job->digest = NULL;
}

static void
job_free(struct mt_upload_job *job)
{
	job_release_transfer(job);
	if (job->fd > 0)
		close(job->fd);
	free(job->path);
	free(job->name);
	free(job->key);
	free(job->real_path);
	free(job->folder);
	free(job->alt);
	free(job->checksum);
	mt_upload_job_clear_answers(job);
	clear_text(&job->retry_reason);
	clear_text(&job->why_skipped);
	free(job->err);
	free(job);
}

void
mt_upload_queue_free(struct mt_upload_queue *q)
{
	if (q == NULL)
		return;
	if (q->wake_timer)
		mt_loop_timer_cancel(q->site->loop, q->wake_timer);
	mt_loop_remove_turn_hook(q->site->loop, mt_upload_queue_flush_journal, q);
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->req) {
			struct mt_http_req *r = job->req;
			job->req = NULL;
			job->state = MT_JOB_CANCELLED;
			q->net->cancel(r);   /* its callback sees a cancelled job and lets go */
		}
	}
	for (int i = 0; i < q->njobs; i++)
		job_free(q->jobs[i]);
	free(q->jobs);
	free(q->same_head);
	for (int i = 0; i < q->nmimes; i++)
		free(q->mimes[i]);
	free(q->mimes);
	free(q->rp_dir);
	free(q->rp_real);
	free(q->own_folder);
	free(q->own_alt);
	free(q->own_video_id);
	free(q->own_document_id);
	mt_journal_close(q->journal);
	free(q);
}

struct mt_upload_job *
mt_upload_queue_add(struct mt_upload_queue *q, const char *path)
{
	return mt_upload_queue_add_to(q, path, NULL);
}

static bool
same_folder(const char *a, const char *b)
{
	return strcmp(a && *a ? a : "/", b && *b ? b : "/") == 0;
}

void
mt_upload_queue_new_batch(struct mt_upload_queue *q)
{
	q->batch++;
}

struct mt_upload_job *
mt_upload_queue_add_to(struct mt_upload_queue *q, const char *path, const char *folder)
{
	return mt_upload_queue_add_as(q, path, folder, NULL);
}

struct mt_upload_job *
mt_upload_queue_add_as(struct mt_upload_queue *q, const char *path, const char *folder,
                       const char *name)
{
	if (q->njobs == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->jobs = xreallocarray(q->jobs, (size_t)q->cap, sizeof *q->jobs);
	}
	struct mt_upload_job *job = xcalloc(1, sizeof *job);
	job->queue = q;
	job->index = q->njobs;
	job->batch = q->batch;
	job->path = xstrdup(path);
	job->name = xstrdup(name && *name ? name : mt_basename(path));
	job->folder = opt_dup(folder ? folder : q->opts.folder);
	job->alt = opt_dup(q->opts.alt);
	job->size = -1;
	job->state = MT_JOB_QUEUED;
	job->retry_reason = job->why_skipped = no_text;
	job->mime = "";
	q->jobs[q->njobs++] = job;
	q->announced_done = false;
	struct stat st;
	if (stat(path, &st) < 0) {
		mt_error_set(mt_upload_job_err(job), MT_ERR_IO, "%s: %s", path, strerror(errno));
		job->state = MT_JOB_FAILED;
	} else if (S_ISDIR(st.st_mode)) {
		mt_error_set(mt_upload_job_err(job), MT_ERR_IO, _("%s: is a directory, not a file"), path);
		job->state = MT_JOB_FAILED;
	} else if (!S_ISREG(st.st_mode)) {
		mt_error_set(mt_upload_job_err(job), MT_ERR_IO, _("%s: not a regular file"), path);
		job->state = MT_JOB_FAILED;
	} else {
		job->size = st.st_size;
		job->dev = st.st_dev;
		job->ino = st.st_ino;
		/* the same file twice for one folder in one batch would upload it
		 * twice; to another folder, or asked again later, it is wanted */
		for (struct mt_upload_job *o = mt_upload_samefile_first(q, st.st_dev, st.st_ino); o;
		     o = mt_upload_samefile_next(q, o)) {
			if (o->batch == job->batch && o->size >= 0 && o->dev == st.st_dev &&
			    o->ino == st.st_ino && same_folder(o->folder, job->folder) &&
			    o->state != MT_JOB_FAILED && o->state != MT_JOB_CANCELLED) {
				mt_upload_job_set_text(&job->why_skipped,
				                       _("listed twice for %s in this upload (also as %s); sent once"),
				                       job->folder ? job->folder : "/", o->path);
				job->state = MT_JOB_SKIPPED;
				break;
			}
		}
		mt_upload_samefile_add(q, job);
	}
	return job;
}

/* ---- the steps ---- */

static void
job_close_file(struct mt_upload_job *job)
{
	if (job->fd > 0)
		close(job->fd);
	job->fd = 0;
}

static void
job_finished(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	job_release_transfer(job);
	release_transfer_slot(job);
	job->waiting_slot = false;
	job_close_file(job);
	q->active--;
	mt_upload_job_save(job);
	/* the journal has the last record; a retry makes the key again */
	XFREE(job->real_path);
	XFREE(job->key);
	if (job->state != MT_JOB_FAILED)
		mt_upload_job_forget_steps(job);
	emit(q, job, MT_UP_EV_STATE);
	queue_pump(q);
}

void
mt_upload_job_fail(struct mt_upload_job *job, const struct mt_error *err)
{
	struct mt_upload_queue *q = job->queue;
	if (mt_job_state_final(job->state))
		return;
	if (err != job->err)
		*mt_upload_job_err(job) = *err;
	if (err->kind == MT_ERR_QUOTA && !q->quota_hit) {
		q->quota_hit = true;
		/* everything still waiting would hit the same wall */
		for (int i = 0; i < q->njobs; i++) {
			struct mt_upload_job *o = q->jobs[i];
			if (o->state == MT_JOB_QUEUED) {
				struct mt_error *oe = mt_upload_job_err(o);
				mt_error_set(oe, MT_ERR_QUOTA, _("not started: %s"), err->message);
				oe->http_status = err->http_status;
				snprintf(oe->code, sizeof oe->code, "%s", err->code);
				o->state = MT_JOB_FAILED;
				emit(q, o, MT_UP_EV_STATE);
			}
		}
	}
	job->state = MT_JOB_FAILED;
	job->state_ms = mt_now_ms();
	job_finished(job);
}

/* Checks that the file is still the one that was queued. */
static int
job_file_unchanged(struct mt_upload_job *job, struct mt_error *err)
{
	struct stat st;
	if (fstat(job->fd, &st) < 0)
		return mt_error_set(err, MT_ERR_IO, "%s: %s", job->path, strerror(errno));
	if (st.st_size != job->size || st.st_mtim.tv_sec != job->mtime.tv_sec ||
	    st.st_mtim.tv_nsec != job->mtime.tv_nsec)
		return mt_error_set(err, MT_ERR_IO,
		                    _("%s changed while it was being uploaded; not sent (try again when it is complete)"),
		                    job->path);
	return 0;
}

int
mt_upload_job_check_file(struct mt_upload_job *job, struct mt_error *err)
{
	return job_file_unchanged(job, err);
}

static void step_start(struct mt_upload_job *job);

static void
hash_slice(void *arg)
{
	struct mt_upload_job *job = arg;
	job->timer = 0;
	if (job->queue->paused) {
		job->timer = mt_loop_timer_add(job->queue->site->loop, 200, hash_slice, job);
		return;
	}
	struct mt_error err;
	int r = mt_digest_step(job->digest, HASH_SLICE, &err);
	if (r < 0) {
		mt_error_prefix(&err, "%s: ", job->path);
		mt_upload_job_fail(job, &err);
		return;
	}
	emit(job->queue, job, MT_UP_EV_PROGRESS);
	if (r == 0) {
		job->timer = mt_loop_timer_add(job->queue->site->loop, 0, hash_slice, job);
		return;
	}
	snprintf(job->md5_b64, sizeof job->md5_b64, "%s", mt_digest_md5_base64(job->digest));
	snprintf(job->sha256_b64, sizeof job->sha256_b64, "%s", mt_digest_sha256_base64(job->digest));
	mt_digest_free(job->digest);
	job->digest = NULL;
	step_start(job);
}

static void
step_start(struct mt_upload_job *job)
{
	struct mt_error err;
	mt_error_clear(&err);
	if (job_file_unchanged(job, &err) < 0) {
		mt_upload_job_fail(job, &err);
		return;
	}
	set_state(job, MT_JOB_STARTING);
	mt_upload_job_save(job);
	if (mt_job_state_final(job->state))
		return;
	if (job->queue->ops->start(job, &err) < 0)
		mt_upload_job_fail(job, &err);
}

static void
job_begin(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	struct mt_error err;
	mt_error_clear(&err);
	q->active++;
	job->started_ms = mt_now_ms();
	set_state(job, MT_JOB_CHECKING);
	job->fd = open(job->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (job->fd < 0) {
		job->fd = 0;
		mt_error_set(&err, MT_ERR_IO, _("cannot open %s: %s"), job->path, strerror(errno));
		mt_upload_job_fail(job, &err);
		return;
	}
	struct stat st;
	if (fstat(job->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		mt_error_set(&err, MT_ERR_IO, _("%s: not a regular file"), job->path);
		mt_upload_job_fail(job, &err);
		return;
	}
	job->size = st.st_size;
	job->mtime = st.st_mtim;
	char mime[128];
	if (mt_mime_detect(job->path, job->fd, mime, sizeof mime, &err) < 0) {
		mt_upload_job_fail(job, &err);
		return;
	}
	job->mime = queue_mime(q, mime);
	job->name_mismatch = !mt_mime_name_agrees(job->name, job->mime);
	if (q->ops->check(q->site, job->mime, job->size, job->name, &err) < 0) {
		mt_error_prefix(&err, "%s: ", job->path);
		mt_upload_job_fail(job, &err);
		return;
	}
	mt_upload_job_make_key(job);
	if (mt_upload_job_resume_from_journal(job)) {
		job->state = MT_JOB_SKIPPED;
		job->sent = job->size;
		job_finished(job);
		return;
	}
	unsigned need = q->ops->digests ? q->ops->digests(q->site) : 0;
	if (need) {
		set_state(job, MT_JOB_HASHING);
		job->digest = mt_digest_new(job->fd, job->size, need);
		job->timer = mt_loop_timer_add(q->site->loop, 0, hash_slice, job);
		return;
	}
	step_start(job);
}

static void
step_transfer(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	struct mt_error err;
	mt_error_clear(&err);
	if (job->put_expires && q->net->now_s() > job->put_expires - EXPIRY_MARGIN_S) {
		/* the URL expired while the job waited: ask for a fresh one */
		if (job->presigns >= MAX_PRESIGNS) {
			mt_error_set(&err, MT_ERR_NET, _("upload URLs keep expiring before the upload starts"));
			mt_upload_job_fail(job, &err);
			return;
		}
		mt_upload_job_retrying(job, _("upload URL expired; asking for a new one"));
		step_start(job);
		return;
	}
	/* API steps run ahead of the transfers; the bytes themselves go at most
	 * -j at a time, and none start while the queue is paused */
	if (!job->in_transfer && (q->transferring >= q->opts.jobs || q->paused)) {
		job->waiting_slot = true;
		return;
	}
	if (!job->in_transfer) {
		job->in_transfer = true;
		q->transferring++;
	}
	job->waiting_slot = false;
	set_state(job, MT_JOB_UPLOADING);
	job->sent = 0;
	int rc = q->ops->transfer ? q->ops->transfer(job, &err) : mt_upload_generic_put(job, &err);
	if (rc < 0)
		mt_upload_job_fail(job, &err);
}

static void
job_complete(struct mt_upload_job *job)
{
	job->sent = job->size;
	job->state = job->already_there ? MT_JOB_SKIPPED : MT_JOB_DONE;
	if (job->already_there && job->why_skipped[0] == '\0')
		mt_upload_job_set_text(&job->why_skipped, _("the server already has this file (%s)"),
		                       job->remote_id ? job->remote_id : "?");
	job->state_ms = mt_now_ms();
	job_finished(job);
}

void
mt_upload_step_done(struct mt_upload_job *job, const struct mt_error *err)
{
	struct mt_upload_queue *q = job->queue;
	if (mt_job_state_final(job->state))
		return;
	if (err == NULL && q->paused) {
		/* the next step waits: a paused queue sends nothing new */
		job->held = true;
		return;
	}
	if (err) {
		if (strcmp(err->code, "URL_EXPIRED") == 0 && job->presigns < MAX_PRESIGNS &&
		    job->state == MT_JOB_UPLOADING) {
			mt_upload_job_retrying(job, _("upload URL expired; asking for a new one"));
			mt_upload_job_clear_target(job);
			step_start(job);
			return;
		}
		mt_upload_job_fail(job, err);
		return;
	}
	struct mt_error e2;
	mt_error_clear(&e2);
	switch (job->state) {
	case MT_JOB_STARTING:
	case MT_JOB_VERIFYING:
		if (job->already_there || job->remote_id) {
			job_complete(job);
			return;
		}
		mt_upload_job_save(job);
		step_transfer(job);
		return;
	case MT_JOB_UPLOADING:
		/* the bytes are out; do not confirm a file that changed meanwhile */
		if (job_file_unchanged(job, &e2) < 0) {
			mt_upload_job_fail(job, &e2);
			return;
		}
		if (q->ops->finish == NULL) {
			job_complete(job);
			return;
		}
		set_state(job, MT_JOB_CONFIRMING);
		mt_upload_job_save(job);
		if (q->ops->finish(job, &e2) < 0)
			mt_upload_job_fail(job, &e2);
		return;
	case MT_JOB_CONFIRMING:
		job_complete(job);
		return;
	default:
		job_complete(job);
		return;
	}
}

void
mt_upload_job_progress(struct mt_upload_job *job, int64_t sent)
{
	job->sent = sent;
	emit(job->queue, job, MT_UP_EV_PROGRESS);
}

void
mt_upload_job_retrying(struct mt_upload_job *job, const char *reason)
{
	job->attempt++;
	mt_upload_job_set_text(&job->retry_reason, "%s", reason);
	emit(job->queue, job, MT_UP_EV_RETRY);
}

/* ---- transfer slots ---- */

static void
advance_live_from(struct mt_upload_queue *q)
{
	while (q->live_from < q->njobs && mt_job_state_final(q->jobs[q->live_from]->state))
		q->live_from++;
}

static void
wake_waiters(void *arg)
{
	struct mt_upload_queue *q = arg;
	q->wake_timer = 0;
	/* held and waiting jobs have begun: they lie between the finished head
	 * of the queue and the first job not begun, a window about 2 x -j wide
	 * however long the queue (scanning all of it per slot made a queue of
	 * n files cost n^2) */
	advance_live_from(q);
	for (int i = q->live_from; i < q->begun_end && !q->paused; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->held && !mt_job_state_final(job->state)) {
			job->held = false;
			mt_upload_step_done(job, NULL);
		}
	}
	for (int i = q->live_from; i < q->begun_end && q->transferring < q->opts.jobs && !q->paused;
	     i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->waiting_slot && !mt_job_state_final(job->state))
			step_transfer(job);
	}
	queue_pump(q);
}

static void
release_transfer_slot(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	if (!job->in_transfer)
		return;
	job->in_transfer = false;
	q->transferring--;
	/* wake a waiting job from the loop, not from inside this callback */
	if (q->wake_timer == 0)
		q->wake_timer = mt_loop_timer_add(q->site->loop, 0, wake_waiters, q);
}

/* ---- the queue ---- */

static void
queue_pump(struct mt_upload_queue *q)
{
	/* A job that ends at once (skipped: the journal has it done) pumps again
	 * from inside job_begin; recursing there for each of thousands of such
	 * jobs would overflow the stack, so the outer call loops instead. */
	if (q->pumping) {
		q->pump_again = true;
		return;
	}
	q->pumping = true;
	do {
		q->pump_again = false;
		pump_once(q);
	} while (q->pump_again);
	q->pumping = false;
	advance_live_from(q);
	if (mt_upload_queue_finished(q) && !q->announced_done) {
		q->announced_done = true;
		emit(q, NULL, MT_UP_EV_QUEUE_DONE);
	}
}

static void
pump_once(struct mt_upload_queue *q)
{
	/* up to twice -j jobs are begun, so that presigning and confirming
	 * overlap the transfers of others. They are begun a few at a time, once
	 * a quarter of that room is free: the durable record a job saves as it
	 * starts costs one fdatasync per loop turn, and jobs begun one per turn
	 * as others end paid one each. */
	int room = 2 * q->opts.jobs;
	int low = room - (q->opts.jobs + 1) / 2;
	int from = q->active > low ? q->njobs : q->scan_from;
	for (int i = from; i < q->njobs && q->active < room && !q->paused && !q->cancelling;
	     i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_QUEUED)
			continue;
		if (q->quota_hit) {
			struct mt_error err;
			mt_error_set(&err, MT_ERR_QUOTA, _("not started: the plan's storage is full"));
			*mt_upload_job_err(job) = err;
			job->state = MT_JOB_FAILED;
			emit(q, job, MT_UP_EV_STATE);
			continue;
		}
		if (i >= q->begun_end)
			q->begun_end = i + 1;
		job_begin(job);
	}
	/* a long queue is not rescanned from its start on every pump */
	int i = q->scan_from;
	while (i < q->njobs && q->jobs[i]->state != MT_JOB_QUEUED)
		i++;
	q->scan_from = i;
}

void
mt_upload_queue_start(struct mt_upload_queue *q)
{
	queue_pump(q);
}

void
mt_upload_queue_pause(struct mt_upload_queue *q, bool paused)
{
	if (q->paused == paused)
		return;
	q->paused = paused;
	for (int i = 0; i < q->njobs; i++)
		if (q->jobs[i]->req)
			q->net->pause(q->jobs[i]->req, paused);
	if (!paused && q->wake_timer == 0)
		q->wake_timer = mt_loop_timer_add(q->site->loop, 0, wake_waiters, q);
}

void
mt_upload_job_cancel(struct mt_upload_job *job)
{
	if (mt_job_state_final(job->state))
		return;
	struct mt_upload_queue *q = job->queue;
	bool was_active = job->state != MT_JOB_QUEUED;
	job->state = MT_JOB_CANCELLED;
	mt_error_set(mt_upload_job_err(job), MT_ERR_CANCELLED, _("cancelled"));
	if (job->req) {
		struct mt_http_req *r = job->req;
		job->req = NULL;
		q->net->cancel(r);
	}
	if (was_active) {
		job_finished(job);
	} else {
		emit(q, job, MT_UP_EV_STATE);
		queue_pump(q);
	}
}

void
mt_upload_queue_cancel(struct mt_upload_queue *q)
{
	/* a running job that ends makes room for a waiting one: without the
	 * flag each cancel would begin the next file only to cancel it */
	q->cancelling = true;
	for (int i = 0; i < q->njobs; i++)
		mt_upload_job_cancel(q->jobs[i]);
	q->cancelling = false;
}

int
mt_upload_queue_retry_failed(struct mt_upload_queue *q, int *refused)
{
	int n = 0, left = 0;
	q->quota_hit = false;
	q->scan_from = 0;
	q->live_from = 0;
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_FAILED)
			continue;
		if (job->size < 0 || !mt_upload_error_transient(mt_upload_job_error(job))) {
			left++;
			continue;
		}
		job->state = MT_JOB_QUEUED;
		job->held = false;
		XFREE(job->err);
		job->attempt = 0;
		job->step_failures = 0;
		job->sent = 0;
		job->presigns = 0;
		n++;
	}
	if (refused)
		*refused = left;
	if (n) {
		q->announced_done = false;
		queue_pump(q);
	}
	return n;
}

int
mt_upload_queue_clear_finished(struct mt_upload_queue *q, bool failed)
{
	int k = 0, dropped = 0;
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		enum mt_job_state s = job->state;
		bool drop = s == MT_JOB_DONE || s == MT_JOB_SKIPPED || s == MT_JOB_CANCELLED ||
		            (failed && s == MT_JOB_FAILED);
		if (drop && job->req == NULL) {
			job_free(job);
			dropped++;
			continue;
		}
		job->index = k;
		q->jobs[k++] = job;
	}
	q->njobs = k;
	q->scan_from = 0;
	q->live_from = 0;
	q->begun_end = k;
	mt_upload_samefile_rebuild(q);
	return dropped;
}

