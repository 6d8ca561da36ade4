/* upload_queue.c — the upload queue made, filled and freed, and the texts a
 * job carries; R's failed and cancelled jobs queued again (a cancelled job
 * asked about once); the steps that move a job are in upload.c. */
#include "config.h"

#include <jansson.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dialect_answers.h"
#include "digest.h"
#include "fsutil.h"
#include "i18n.h"
#include "upload.h"
#include "upload_internal.h"
#include "xalloc.h"

/* what retry_reason, why_skipped and why_sent point at when empty: never freed */
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
const char *
mt_upload_queue_mime(struct mt_upload_queue *q, const char *mime)
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

void
mt_upload_job_release_transfer(struct mt_upload_job *job)
{
	if (job->timer) {
		mt_loop_timer_cancel(job->queue->site->loop, job->timer);
		job->timer = 0;
	}
	mt_digest_free(job->digest);
	job->digest = NULL;
}

void
mt_upload_job_free(struct mt_upload_job *job)
{
	mt_upload_job_release_transfer(job);
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
	clear_text(&job->why_sent);
	free(job->replaced_id);
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
		mt_upload_job_free(q->jobs[i]);
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
mt_upload_job_join_run(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	if (q->announced_done || q->run == 0)
		q->run++;
	q->announced_done = false;
	job->run = q->run;
	job->queued_mark = ++q->queued_marks;
}

bool
mt_upload_job_stopped_by_full(const struct mt_upload_job *job)
{
	return job->queued_mark <= job->queue->quota_upto;
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
	if (q->session_ms == 0) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		q->session_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	}
	job->seq = q->added++;
	job->batch = q->batch;
	job->path = xstrdup(path);
	job->name = xstrdup(name && *name ? name : mt_basename(path));
	job->folder = opt_dup(folder ? folder : q->opts.folder);
	job->alt = opt_dup(q->opts.alt);
	job->size = -1;
	job->state = MT_JOB_QUEUED;
	job->retry_reason = job->why_skipped = job->why_sent = no_text;
	job->mime = "";
	q->jobs[q->njobs++] = job;
	mt_upload_job_join_run(job);
	struct stat st;
	if (stat(path, &st) < 0) {
		mt_error_set(mt_upload_job_err(job), MT_ERR_IO, "%s: %s", path, strerror(errno));
		job->state = MT_JOB_FAILED;
		job->refused_here = true;
	} else if (S_ISDIR(st.st_mode)) {
		mt_error_set(mt_upload_job_err(job), MT_ERR_IO, _("%s: is a directory, not a file"), path);
		job->state = MT_JOB_FAILED;
		job->refused_here = true;
	} else if (!S_ISREG(st.st_mode)) {
		mt_error_set(mt_upload_job_err(job), MT_ERR_IO, _("%s: not a regular file"), path);
		job->state = MT_JOB_FAILED;
		job->refused_here = true;
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


/* ---- R: the failed and the cancelled jobs queued again ---- */

/* A finished job queued again from the start, in the current run. */
static void
job_requeue(struct mt_upload_job *job)
{
	mt_upload_job_join_run(job);
	job->state = MT_JOB_QUEUED;
	job->held = false;
	job->committed = false;
	job->refused_here = false;
	XFREE(job->err);
	job->attempt = 0;
	job->wait.on = false;
	job->step_failures = 0;
	job->rate_waits = 0;
	job->sent = 0;
	job->presigns = 0;
}

int
mt_upload_queue_retry_failed(struct mt_upload_queue *q, int *refused)
{
	int n = 0, left = 0;
	q->quota_upto = 0;   /* space freed: what R puts back asks the server */
	q->scan_from = 0;
	q->live_from = 0;
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_FAILED)
			continue;
		if (!mt_upload_job_retryable(job)) {
			left++;
			continue;
		}
		job_requeue(job);
		n++;
	}
	if (refused)
		*refused = left;
	if (n) {
		q->announced_done = false;
		mt_upload_queue_start(q);
	}
	return n;
}

int
mt_upload_queue_ask_cancelled(struct mt_upload_queue *q)
{
	int n = 0;
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_CANCELLED || job->size < 0 || job->resend == MT_RESEND_ANSWERED)
			continue;
		job->resend = MT_RESEND_ASKING;
		n++;
	}
	return n;
}

int
mt_upload_queue_answer_cancelled(struct mt_upload_queue *q, bool send)
{
	int n = 0;
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_CANCELLED || job->resend != MT_RESEND_ASKING)
			continue;
		job->resend = MT_RESEND_ANSWERED;
		if (send) {
			job_requeue(job);
			n++;
		}
	}
	if (n) {
		q->scan_from = 0;
		q->live_from = 0;
	}
	return n;
}
