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
static void job_go_on(struct mt_upload_job *job);
static bool ask_for_earlier_copy(struct mt_upload_job *job);
static void skip_as_journaled(struct mt_upload_job *job);
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
	job->wait.on = false;   /* a step begins: no retry is waited for */
	job->state = s;
	job->state_ms = mt_now_ms();
	emit(job->queue, job, MT_UP_EV_STATE);
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
	mt_upload_job_release_transfer(job);
	release_transfer_slot(job);
	job->waiting_slot = false;
	job_close_file(job);
	q->active--;
	if (job->trailing) {
		job->trailing = false;
		q->trailing--;
	}
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
	if (mt_upload_error_full(err) && !mt_upload_job_stopped_by_full(job)) {
		/* the server's own answer, for a job queued since it last said so:
		 * everything queued so far would hit the same wall; a file queued
		 * later (a new u, R) asks the server again */
		q->quota_upto = q->queued_marks;
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

/* Once the storage is said to be full, a job queued and begun before that
 * sends nothing more (its request to start, its bytes): it fails as the
 * files still waiting did. True when it did. */
static bool
stopped_by_quota(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	if (!mt_upload_job_stopped_by_full(job) || job->in_transfer)
		return false;
	struct mt_error err;
	mt_error_set(&err, MT_ERR_QUOTA, _("not started: the plan's storage is full"));
	/* with the server's status and code, as the files still waiting got them */
	for (int i = 0; i < q->njobs; i++) {
		const struct mt_error *o = q->jobs[i]->err;
		if (q->jobs[i]->state == MT_JOB_FAILED && o && mt_upload_error_full(o) && o->code[0]) {
			err.http_status = o->http_status;
			snprintf(err.code, sizeof err.code, "%s", o->code);
			break;
		}
	}
	mt_upload_job_fail(job, &err);
	return true;
}

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
	if (stopped_by_quota(job))
		return;
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

/* ---- the journal's earlier copy: still on the server? ---- */

static void
skip_as_journaled(struct mt_upload_job *job)
{
	job->state = MT_JOB_SKIPPED;
	job->sent = job->size;
	job_finished(job);
}

/* Asks the server whether the copy the journal names is still there, where
 * the dialect can. Returns false when it cannot be asked: the file is
 * skipped, and the reason says how to send it anyway. */
static bool
ask_for_earlier_copy(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	const char *folder = job->folder ? job->folder : "/";
	const char *id = job->remote_id ? job->remote_id : "?";
	if (q->ops->lookup && job->remote_id) {
		struct mt_error err;
		mt_error_clear(&err);
		job->asking_earlier = true;
		set_state(job, MT_JOB_VERIFYING);
		int r = q->ops->lookup(job, &err);
		if (r == 0)
			return true;
		if (r < 0) {
			mt_upload_lookup_done(job, false, &err);
			return true;
		}
		job->asking_earlier = false;
	}
	mt_upload_job_set_text(&job->why_skipped,
	                       _("already uploaded to %s before (%s); the journal has it, and the server "
	                         "cannot be asked whether it still does: touch the file to send it again"),
	                       folder, id);
	return false;
}

static void
go_on_unless_paused(void *arg)
{
	struct mt_upload_job *job = arg;
	job->timer = 0;
	if (job->queue->paused) {
		job->timer = mt_loop_timer_add(job->queue->site->loop, 200, go_on_unless_paused, job);
		return;
	}
	job_go_on(job);
}

void
mt_upload_lookup_done(struct mt_upload_job *job, bool there, const struct mt_error *err)
{
	if (mt_job_state_final(job->state))
		return;
	const char *folder = job->folder ? job->folder : "/";
	if (err) {
		/* neither skipped nor sent: a failure a retry may pass */
		struct mt_error e = *err;
		mt_error_prefix(&e, _("could not check whether the earlier copy (%s) is still on the server: "),
		                job->remote_id ? job->remote_id : "?");
		mt_upload_job_fail(job, &e);
		return;
	}
	if (there) {
		mt_upload_job_set_text(&job->why_skipped,
		                       _("still on the server: uploaded to %s before (%s)"),
		                       folder, job->remote_id ? job->remote_id : "?");
		skip_as_journaled(job);
		return;
	}
	/* gone: sent again as a new item, and its journal record replaced */
	free(job->replaced_id);
	job->replaced_id = job->remote_id;
	job->remote_id = NULL;
	XFREE(job->remote_url);
	job->already_there = false;
	job->asking_earlier = false;
	mt_upload_job_set_text(&job->why_sent,
	                       _("the earlier copy (%s) is gone from the server: sent again"),
	                       job->replaced_id);
	set_state(job, MT_JOB_CHECKING);
	/* the next request waits while the queue is paused */
	job->timer = mt_loop_timer_add(job->queue->site->loop, 0, go_on_unless_paused, job);
}

static void
job_begin(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	struct mt_error err;
	mt_error_clear(&err);
	q->active++;
	job->started_ms = mt_now_ms();
	job->asking_earlier = false;
	set_state(job, MT_JOB_CHECKING);
	job->fd = open(job->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (job->fd < 0) {
		int e = errno;
		job->fd = 0;
		if (e == ENOENT)
			mt_error_set(&err, MT_ERR_IO, _("%s: the file is gone (deleted or moved since it was queued)"),
			             job->path);
		else
			mt_error_set(&err, MT_ERR_IO, _("cannot open %s: %s"), job->path, strerror(e));
		job->refused_here = true;
		mt_upload_job_fail(job, &err);
		return;
	}
	struct stat st;
	if (fstat(job->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		mt_error_set(&err, MT_ERR_IO, _("%s: not a regular file"), job->path);
		job->refused_here = true;
		mt_upload_job_fail(job, &err);
		return;
	}
	job->size = st.st_size;
	job->mtime = st.st_mtim;
	char mime[128];
	if (mt_mime_detect(job->path, job->fd, mime, sizeof mime, &err) < 0) {
		job->refused_here = true;
		mt_upload_job_fail(job, &err);
		return;
	}
	job->mime = mt_upload_queue_mime(q, mime);
	job->name_mismatch = !mt_mime_name_agrees(job->name, job->mime);
	if (q->ops->check(q->site, job->mime, job->size, job->name, &err) < 0) {
		mt_error_prefix(&err, "%s: ", job->path);
		job->refused_here = true;
		mt_upload_job_fail(job, &err);
		return;
	}
	mt_upload_job_make_key(job);
	if (mt_upload_job_resume_from_journal(job)) {
		/* the journal says it went up; unless the server says it is gone,
		 * it is not sent twice */
		if (!ask_for_earlier_copy(job))
			skip_as_journaled(job);
		return;
	}
	job_go_on(job);
}

/* After the checks: hashing when the dialect wants a digest, then the start. */
static void
job_go_on(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	unsigned need = q->ops->digests ? q->ops->digests(q->site) : 0;
	if (need) {
		set_state(job, MT_JOB_HASHING);
		job->digest = mt_digest_new(job->fd, job->size, need);
		job->timer = mt_loop_timer_add(q->site->loop, 0, hash_slice, job);
		return;
	}
	step_start(job);
}

/* A job ahead of this one waits for a transfer slot: it goes first. (A job
 * begun as another ended found that slot free before the waiting one was
 * woken, and at -j 1 the second file went last.) */
static bool
waiter_ahead(const struct mt_upload_job *job)
{
	const struct mt_upload_queue *q = job->queue;
	for (int i = q->live_from; i < job->index && i < q->njobs; i++)
		if (q->jobs[i]->waiting_slot && !mt_job_state_final(q->jobs[i]->state))
			return true;
	return false;
}

static void
step_transfer(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	if (stopped_by_quota(job))
		return;
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
		job->waiting_slot = false;   /* asking, not waiting: none waits behind it */
		step_start(job);
		return;
	}
	/* API steps run ahead of the transfers; the bytes themselves go at most
	 * -j at a time, and none start while the queue is paused */
	if (!job->in_transfer && (q->transferring >= q->opts.jobs || q->paused || waiter_ahead(job))) {
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
	job->wait.on = false;   /* the step's try is over */
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
			if (!job->stored && q->ops->finish != NULL) {
				mt_upload_job_fail(job, &e2);
				return;
			}
			/* the transfer itself stored the item, whole as it was read
			 * (a change while it is read stops the transfer): calling it
			 * failed would be false, and a retry would store it twice */
			job->changed_after_sent = true;
			mt_error_clear(&e2);
		}
		if (q->ops->finish == NULL) {
			job_complete(job);
			return;
		}
		set_state(job, MT_JOB_CONFIRMING);
		mt_upload_job_save(job);
		job->trailing = true;
		q->trailing++;
		if (q->ops->finish(job, &e2) < 0) {
			mt_upload_job_fail(job, &e2);
			return;
		}
		/* a confirm takes no room ahead: the next file's presign starts
		 * now, not when this confirm is answered */
		queue_pump(q);
		return;
	case MT_JOB_CONFIRMING:
		job_complete(job);
		return;
	default:
		job_complete(job);
		return;
	}
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
	/* up to twice -j jobs are begun before their confirm, so that
	 * presigning overlaps the transfers of others; jobs that only wait for
	 * their confirm take no room, so confirms trail behind the transfers
	 * instead of holding back the next presigns. Jobs are begun a few at a
	 * time, once a quarter of that room is free: the durable record a job
	 * saves as it starts costs one fdatasync per loop turn, and jobs begun
	 * one per turn as others end paid one each. */
	int room = 2 * q->opts.jobs;
	int low = room - (q->opts.jobs + 1) / 2;
	int ahead = q->active - q->trailing;
	int from = ahead > low ? q->njobs : q->scan_from;
	for (int i = from; i < q->njobs && q->active - q->trailing < room && !q->paused &&
	                   !q->cancelling;
	     i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_QUEUED)
			continue;
		if (mt_upload_job_stopped_by_full(job)) {
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

enum mt_upload_cancel
mt_upload_job_cancel(struct mt_upload_job *job)
{
	if (mt_job_state_final(job->state))
		return MT_UPLOAD_ENDED;
	/* past the point of no return: stopping its requests now would leave
	 * the file on the server and a row that says it is not */
	if (mt_upload_job_landing(job))
		return MT_UPLOAD_LANDING;
	struct mt_upload_queue *q = job->queue;
	bool was_active = job->state != MT_JOB_QUEUED;
	job->state = MT_JOB_CANCELLED;
	job->resend = MT_RESEND_UNASKED;   /* a new cancel: R asks about it */
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
	return MT_UPLOAD_CANCELLED;
}

int
mt_upload_queue_cancel(struct mt_upload_queue *q, int *landing)
{
	/* a running job that ends makes room for a waiting one: without the
	 * flag each cancel would begin the next file only to cancel it */
	int n = 0, left = 0;
	q->cancelling = true;
	for (int i = 0; i < q->njobs; i++) {
		enum mt_upload_cancel r = mt_upload_job_cancel(q->jobs[i]);
		n += r == MT_UPLOAD_CANCELLED;
		left += r == MT_UPLOAD_LANDING;
	}
	q->cancelling = false;
	if (landing)
		*landing = left;
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
			mt_upload_job_free(job);
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

