/* upload_query.c — what the upload queue tells those who show it: state
 * names, counts and totals, pause, whether a failure may pass, whether
 * a file is past the point where a cancel could keep it off the server,
 * and what a run (the jobs queued since the queue was last idle) came to. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "textwidth.h"
#include "upload.h"
#include "upload_internal.h"

const char *
mt_job_state_name(enum mt_job_state s)
{
	switch (s) {
	case MT_JOB_QUEUED: return "queued";
	case MT_JOB_CHECKING: return "checking";
	case MT_JOB_HASHING: return "hashing";
	case MT_JOB_STARTING: return "starting";
	case MT_JOB_UPLOADING: return "uploading";
	case MT_JOB_CONFIRMING: return "confirming";
	case MT_JOB_VERIFYING: return "verifying";
	case MT_JOB_DONE: return "done";
	case MT_JOB_SKIPPED: return "skipped";
	case MT_JOB_FAILED: return "failed";
	case MT_JOB_CANCELLED: return "cancelled";
	}
	return "?";
}

bool
mt_job_state_final(enum mt_job_state s)
{
	return s == MT_JOB_DONE || s == MT_JOB_SKIPPED || s == MT_JOB_FAILED || s == MT_JOB_CANCELLED;
}

bool
mt_upload_error_full(const struct mt_error *err)
{
	/* whatever kind it was read as: clearcms's per-file errors come as a
	 * refusal with a QUOTA_EXCEEDED code */
	return err->kind == MT_ERR_QUOTA || strcmp(err->code, "PLAN_LIMIT_REACHED") == 0 ||
	       strcasestr(err->code, "quota") != NULL;
}

bool
mt_upload_error_transient(const struct mt_error *err)
{
	if (mt_upload_error_full(err))
		return false;
	/* a storage host says so with 403 as often as with 400 or 410 */
	if (strcmp(err->code, "URL_EXPIRED") == 0)
		return true;
	switch (err->kind) {
	case MT_ERR_NET:
		return true;
	case MT_ERR_HTTP:
	case MT_ERR_PROTOCOL:
		return err->http_status >= 500 || err->http_status == 429 || err->http_status == 408;
	default:
		return false;
	}
}

enum mt_upload_cause
mt_upload_job_cause(const struct mt_upload_job *job)
{
	const struct mt_error *err = mt_upload_job_error(job);
	if (mt_upload_error_full(err))
		return MT_UPLOAD_FULL;
	if (job->size >= 0 && mt_upload_error_transient(err))
		return MT_UPLOAD_MAY_PASS;
	return job->refused_here ? MT_UPLOAD_REFUSED_HERE : MT_UPLOAD_REFUSED;
}

bool
mt_upload_job_retryable(const struct mt_upload_job *job)
{
	if (job->state != MT_JOB_FAILED || job->size < 0)
		return false;
	enum mt_upload_cause c = mt_upload_job_cause(job);
	return c == MT_UPLOAD_MAY_PASS || c == MT_UPLOAD_FULL;
}

void
mt_upload_queue_failures(const struct mt_upload_queue *q, int *retryable, int *refused)
{
	*retryable = *refused = 0;
	for (int i = 0; i < q->njobs; i++) {
		const struct mt_upload_job *job = q->jobs[i];
		if (job->state != MT_JOB_FAILED)
			continue;
		if (mt_upload_job_retryable(job))
			(*retryable)++;
		else
			(*refused)++;
	}
}

bool
mt_upload_job_landing(const struct mt_upload_job *job)
{
	if (mt_job_state_final(job->state))
		return job->state == MT_JOB_DONE || job->state == MT_JOB_SKIPPED;
	if (job->committed || job->stored)
		return true;
	bool transfer_lands = !job->queue->ops->finish_creates || job->use_multipart;
	if (!transfer_lands)
		return false;
	switch (job->state) {
	case MT_JOB_UPLOADING:
		/* every byte sent (or the transfer answered and its job held by a
		 * pause): the server has them all, and stores the file even when
		 * the client hangs up before the answer */
		return job->held || (job->req != NULL && job->sent >= job->size);
	case MT_JOB_CONFIRMING:
	case MT_JOB_VERIFYING:
		return true;   /* after a transfer that made the item */
	default:
		return false;
	}
}

bool
mt_upload_job_awaiting_answer(const struct mt_upload_job *job)
{
	return job->state == MT_JOB_UPLOADING && job->req != NULL && !job->held &&
	       job->sent >= job->size;
}

bool
mt_upload_job_waiting_turn(const struct mt_upload_job *job)
{
	return job->waiting_slot && !job->in_transfer && !mt_job_state_final(job->state);
}

const char *
mt_upload_job_landing_id(const struct mt_upload_job *job)
{
	return job->remote_id ? job->remote_id : job->media_id;
}

const struct mt_error *
mt_upload_job_error(const struct mt_upload_job *job)
{
	static const struct mt_error none;   /* kind MT_ERR_NONE, empty strings */
	return job->err ? job->err : &none;
}

bool
mt_upload_queue_finished(const struct mt_upload_queue *q)
{
	/* asked after every event: the finished head of a long queue is skipped */
	for (int i = q->live_from; i < q->njobs; i++)
		if (!mt_job_state_final(q->jobs[i]->state))
			return false;
	return true;
}

int
mt_upload_queue_count(const struct mt_upload_queue *q)
{
	return q->njobs;
}

struct mt_upload_job *
mt_upload_queue_job(struct mt_upload_queue *q, int i)
{
	return i >= 0 && i < q->njobs ? q->jobs[i] : NULL;
}

void
mt_upload_queue_bytes(const struct mt_upload_queue *q, struct mt_upload_bytes *b)
{
	mt_upload_queue_bytes_of(q, MT_UPLOAD_ALL, b);
}

void
mt_upload_queue_bytes_of(const struct mt_upload_queue *q, enum mt_upload_scope scope,
                         struct mt_upload_bytes *b)
{
	memset(b, 0, sizeof *b);
	int failed = 0;
	for (int i = 0; i < q->njobs; i++) {
		const struct mt_upload_job *job = q->jobs[i];
		if (scope == MT_UPLOAD_RUN && job->run != q->run)
			continue;
		/* withdrawn by the editor: no longer asked for */
		if (job->state == MT_JOB_CANCELLED)
			continue;
		if (job->state == MT_JOB_FAILED) {
			/* asked for and not sent: its bytes stay in what was to be
			 * sent, none of them sent (a failed try's bytes are not on
			 * the server), or a failed batch read 100% */
			failed++;
			if (job->size > 0) {
				b->total += job->size;
				b->failed += job->size;
			}
			continue;
		}
		if (job->size < 0)
			continue;
		if (job->state == MT_JOB_SKIPPED) {
			/* nothing of it went: "already there", or its twin sent it */
			if (job->already_there)
				b->there += job->size;
			continue;
		}
		b->total += job->size;
		b->sent += job->state == MT_JOB_DONE ? job->size : job->sent;
	}
	/* rounded down: 100 only once every byte went */
	b->percent = b->total > 0 ? (int)(b->sent * 100 / b->total) : 100;
	/* and never with a failure, whose bytes may not be counted (a file
	 * gone has no size, an empty one none to send) */
	if (failed && b->percent == 100)
		b->percent = b->total > 0 ? 99 : 0;
}

void
mt_upload_bytes_text(const struct mt_upload_bytes *b, bool there, char *buf, size_t len)
{
	char s[32], t[32], h[32];
	mt_format_size(b->sent, s, sizeof s);
	mt_format_size(b->total, t, sizeof t);
	mt_format_size(b->there, h, sizeof h);
	if (!there || b->there <= 0)
		snprintf(buf, len, "%s / %s", s, t);
	else if (b->total == 0)
		/* TRANSLATORS: uploads' bytes: none was left to send */
		snprintf(buf, len, _("%s sent, %s already there"), s, h);
	else
		/* TRANSLATORS: uploads' bytes: sent of those to send, then the
		 * bytes of the files the server had already */
		snprintf(buf, len, _("%s / %s sent, %s already there"), s, t, h);
}

void
mt_upload_queue_totals(const struct mt_upload_queue *q, int64_t *sent, int64_t *total)
{
	struct mt_upload_bytes b;
	mt_upload_queue_bytes(q, &b);
	*sent = b.sent;
	*total = b.total;
}

struct mt_site *
mt_upload_queue_site(struct mt_upload_queue *q)
{
	return q->site;
}

const struct mt_upload_options *
mt_upload_queue_options(const struct mt_upload_queue *q)
{
	return &q->opts;
}

bool
mt_upload_queue_paused(const struct mt_upload_queue *q)
{
	return q->paused;
}

static const char *
folder_of(const struct mt_upload_job *job)
{
	const char *f = job->folder ? job->folder : job->queue->opts.folder;
	return f && *f ? f : "/";
}

void
mt_upload_queue_tally(const struct mt_upload_queue *q, enum mt_upload_scope scope,
                      struct mt_upload_tally *t)
{
	memset(t, 0, sizeof *t);
	bool one_folder = true;
	for (int i = 0; i < q->njobs; i++) {
		const struct mt_upload_job *job = q->jobs[i];
		if (scope == MT_UPLOAD_RUN && job->run != q->run) {
			t->earlier_failed += job->state == MT_JOB_FAILED;
			continue;
		}
		t->jobs++;
		const char *f = folder_of(job);
		if (t->folder == NULL)
			t->folder = f;
		else if (strcmp(t->folder, f) != 0)
			one_folder = false;
		switch (job->state) {
		case MT_JOB_DONE:
			t->done++;
			break;
		case MT_JOB_SKIPPED:
			/* a file listed twice is skipped before anything is asked */
			if (job->already_there)
				t->skipped++;
			else
				t->twice++;
			break;
		case MT_JOB_CANCELLED:
			t->cancelled++;
			break;
		case MT_JOB_FAILED:
			t->failed++;
			if (!mt_upload_job_retryable(job)) {
				t->refused++;
				t->refused_here += job->refused_here;
			} else if (mt_upload_job_cause(job) == MT_UPLOAD_FULL) {
				t->full++;
			} else {
				t->retryable++;
			}
			break;
		default:
			t->active++;
			t->landing += mt_upload_job_landing(job);
			break;
		}
	}
	if (!one_folder)
		t->folder = NULL;
}
