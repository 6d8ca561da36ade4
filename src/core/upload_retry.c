/* upload_retry.c — a job between a failed try and the next one: counted,
 * the failure's cause and reason kept, when the next try starts, and the
 * bytes the server holds instead of those of the failed try; the progress
 * of a try that moves bytes. */
#include "config.h"

#include <curl/curl.h>

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"
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
		w->next_try = job->wait.next_try;
		w->tries = job->wait.tries;
		w->left_ms = job->wait.checking ? -1 : (long)(job->wait.at_ms - now);
		w->cause = job->wait.cause;
		w->status = job->wait.status;
		w->reason = job->retry_reason;
	}
	return true;
}
