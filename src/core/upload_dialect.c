/* upload_dialect.c — what the dialects' upload steps share: the transport
 * every request goes through, JSON calls to the API, failing a step with the
 * server's error, type and size checks. */
#include "config.h"

#include <jansson.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "digest.h"
#include "fsutil.h"
#include "http.h"
#include "i18n.h"
#include "upload.h"
#include "upload_internal.h"
#include "xalloc.h"


static int64_t
wall_clock_s(void)
{
	return (int64_t)time(NULL);
}

const struct mt_upload_transport mt_upload_http = {
	.start = mt_http_start,
	.cancel = mt_http_cancel,
	.pause = mt_http_pause,
	.now_s = wall_clock_s,
};

struct mt_http_req *
mt_upload_http_start(struct mt_upload_job *job, const struct mt_http_spec *spec,
                     mt_http_done_fn done, struct mt_error *err)
{
	struct mt_upload_queue *q = job->queue;
	return q->net->start(q->site->http, spec, done, err);
}

int64_t
mt_upload_now_s(const struct mt_upload_queue *q)
{
	/* A job read outside a queue (a replayed journal line, the fuzzer)
	 * still needs a clock: the real one. */
	if (q == NULL || q->net == NULL)
		return mt_upload_http.now_s();
	return q->net->now_s();
}

void
mt_upload_queue_set_transport(struct mt_upload_queue *q, const struct mt_upload_transport *t)
{
	q->net = t ? t : &mt_upload_http;
}

struct api_call {
	struct mt_upload_job *job;
	mt_upload_json_fn fn;
};

static void
api_json_done(const struct mt_http_response *resp, void *arg)
{
	struct api_call *c = arg;
	struct mt_upload_job *job = c->job;
	mt_upload_json_fn fn = c->fn;
	free(c);
	job->req = NULL;
	if (resp->cancelled || mt_job_state_final(job->state))
		return;
	json_t *root = NULL;
	if (resp->body_len)
		root = json_loadb(resp->body, resp->body_len, 0, NULL);
	fn(job, resp, root);
	json_decref(root);
}

static void
api_retry(const struct mt_http_retry *retry, void *arg)
{
	struct api_call *c = arg;
	struct mt_upload_job *job = c->job;
	if (job->wait.on && job->wait.checking) {
		/* the question asked before the job's own next try is repeated:
		 * that try is still what the job waits for */
		job->attempt++;
		mt_upload_job_set_text(&job->retry_reason, "%s", retry->reason);
		return;
	}
	/* an API call sends none of the file: what the server holds stays */
	struct mt_upload_retry r = {
		.next_try = retry->attempt, .tries = retry->max_attempts, .delay_ms = retry->delay_ms,
		.status = retry->status, .curl_code = retry->curl_code, .reason = retry->reason,
		.kept = job->sent,
	};
	mt_upload_job_retry(job, &r);
}

int
mt_upload_api_json(struct mt_upload_job *job, const char *method, const char *url, json_t *body,
                   bool retry, mt_upload_json_fn fn, struct mt_error *err)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	static const char *const json_hdr[] = { "Content-Type: application/json", NULL };
	struct api_call *c = xmalloc(sizeof *c);
	c->job = job;
	c->fn = fn;
	struct mt_http_spec spec = {
		.method = method, .url = url, .api = true,
		.headers = text ? json_hdr : NULL,
		.body = text, .body_len = text ? strlen(text) : 0,
		.retry = retry, .on_retry = api_retry, .arg = c,
	};
	job->req = mt_upload_http_start(job, &spec, api_json_done, err);
	free(text);
	if (job->req == NULL) {
		free(c);
		return -1;
	}
	return 0;
}

void
mt_upload_fail_response(struct mt_upload_job *job, const struct mt_http_response *resp,
                        const char *what)
{
	struct mt_error err;
	mt_http_error_from_response(resp, what, &err);
	mt_upload_step_done(job, &err);
}

int
mt_upload_check_list(const char *dialect, const char *const *types, const char *mime,
                     int64_t size, int64_t max, struct mt_error *err)
{
	bool ok = types == NULL;
	for (int i = 0; types && types[i]; i++)
		ok |= strcmp(types[i], mime) == 0;
	if (!ok)
		return mt_error_set(err, MT_ERR_REJECTED, _("%s does not accept files of type %s"), dialect,
		                    mime);
	if (max > 0 && size > max)
		return mt_error_set(err, MT_ERR_REJECTED,
		                    _("%lld bytes is over the %s limit of %lld MiB for this type"),
		                    (long long)size, dialect, (long long)(max >> 20));
	return 0;
}
