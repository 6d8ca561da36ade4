/* upload_retry.c — a job between a failed try and the next one: counted,
 * the failure's cause and reason kept, when the next try starts, and the
 * bytes the server holds instead of those of the failed try; the progress
 * of a try that moves bytes. The wait in words, said one way by every face
 * (the upload panel's rows and details, upload --progress). */
#include "config.h"

#include <curl/curl.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "loop.h"
#include "sanitize.h"
#include "upload.h"
#include "upload_internal.h"

static void
tell(struct mt_upload_job *job, enum mt_upload_event ev)
{
	struct mt_upload_queue *q = job->queue;
	if (q->fn)
		q->fn(q, job, ev, q->arg);
}

static uint64_t
now_ms(const struct mt_upload_job *job)
{
	return mt_loop_now(job->queue->site->loop);
}

static enum mt_upload_retry_cause
cause_of(long status, int curl_code)
{
	if (status > 0)
		return MT_RETRY_ANSWER;
	switch ((CURLcode)curl_code) {
	case CURLE_OPERATION_TIMEDOUT:
		return MT_RETRY_STALLED;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return MT_RETRY_DROPPED;
	default:
		return MT_RETRY_OTHER;
	}
}

void
mt_upload_job_progress(struct mt_upload_job *job, int64_t sent)
{
	if (sent > job->sent)
		job->wait.on = false;   /* the next try is under way */
	job->sent = sent;
	tell(job, MT_UP_EV_PROGRESS);
}

void
mt_upload_job_retrying(struct mt_upload_job *job, const char *reason)
{
	job->attempt++;
	job->wait.on = false;
	mt_upload_job_set_text(&job->retry_reason, "%s", reason);
	tell(job, MT_UP_EV_RETRY);
}

void
mt_upload_job_retry(struct mt_upload_job *job, const struct mt_upload_retry *r)
{
	job->attempt++;
	mt_upload_job_set_text(&job->retry_reason, "%s", r->reason ? r->reason : "");
	/* what the failed try sent is not on the server: it counts no more */
	job->sent = r->kept >= 0 && r->kept <= job->size ? r->kept : 0;
	job->wait.on = r->next_try > 0;
	job->wait.checking = r->delay_ms < 0;
	job->wait.next_try = r->next_try;
	job->wait.tries = r->tries > r->next_try ? r->tries : r->next_try;
	job->wait.at_ms = now_ms(job) + (uint64_t)(r->delay_ms > 0 ? r->delay_ms : 0);
	job->wait.cause = cause_of(r->status, r->curl_code);
	job->wait.status = r->status;
	job->wait.uncounted = r->uncounted;
	tell(job, MT_UP_EV_RETRY);
}

void
mt_upload_job_retry_in(struct mt_upload_job *job, long delay_ms)
{
	if (!job->wait.on)
		return;
	job->wait.checking = false;
	job->wait.at_ms = now_ms(job) + (uint64_t)(delay_ms > 0 ? delay_ms : 0);
	tell(job, MT_UP_EV_RETRY);
}

bool
mt_upload_job_retry_wait(const struct mt_upload_job *job, struct mt_upload_wait *w)
{
	if (!job->wait.on || mt_job_state_final(job->state))
		return false;
	uint64_t now = now_ms(job);
	/* once its time has come the next try is under way */
	if (!job->wait.checking && now >= job->wait.at_ms)
		return false;
	if (w) {
		w->counted = !job->wait.uncounted;
		w->next_try = job->wait.next_try;
		w->tries = job->wait.tries;
		w->left_ms = job->wait.checking ? -1 : (long)(job->wait.at_ms - now);
		w->cause = job->wait.cause;
		w->status = job->wait.status;
		w->reason = job->retry_reason;
	}
	return true;
}

/* Why a failed try is tried again, in words. */
static void
cause_text(const struct mt_upload_wait *w, char *buf, size_t len)
{
	switch (w->cause) {
	case MT_RETRY_ANSWER:
		if (w->status == 429)
			/* TRANSLATORS: why an upload waits to try again: the server
			 * answered 429 (too many requests) and said how long to wait */
			snprintf(buf, len, "%s", _("rate limited by the server"));
		else
			snprintf(buf, len, _("the server answered %ld"), w->status);
		return;
	case MT_RETRY_DROPPED:
		snprintf(buf, len, "%s", _("the connection dropped"));
		return;
	case MT_RETRY_STALLED:
		snprintf(buf, len, "%s", _("the transfer stalled"));
		return;
	case MT_RETRY_OTHER:
		break;
	}
	char *why = mt_sanitize(w->reason ? w->reason : "");
	snprintf(buf, len, _("no answer (%s)"), why);
	free(why);
}

void
mt_upload_wait_text(const struct mt_upload_wait *w, char *buf, size_t len)
{
	char why[300];
	cause_text(w, why, sizeof why);
	long secs = w->left_ms > 0 ? (w->left_ms + 999) / 1000 : 0;
	if (!w->counted)
		/* TRANSLATORS: an upload waits as the server asked (429): the
		 * seconds until the same try goes again, then why */
		snprintf(buf, len, _("retry in %lds: %s"), secs, why);
	else if (w->left_ms < 0)
		/* TRANSLATORS: an upload: the server is asked whether the failed
		 * try arrived before the next one; then why it failed */
		snprintf(buf, len, _("retry %d of %d after a check: %s"), w->next_try, w->tries, why);
	else
		/* TRANSLATORS: an upload: the next try, the tries in all, the
		 * seconds until it starts, why the last one failed */
		snprintf(buf, len, _("retry %d of %d in %lds: %s"), w->next_try, w->tries, secs, why);
}
