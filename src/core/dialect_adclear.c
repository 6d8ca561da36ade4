/* dialect_adclear.c — the adclear resumable upload API (seed 003).
 *
 * POST /v1/uploads -> uploadId, a relative uploadUrl, maxChunkSize; then
 * chunks PUT to the uploadUrl with Content-Range: bytes a-b/total. An
 * unfinished upload answers 308 with Range: bytes=0-b. After a dropped
 * connection, or in a new process, an empty PUT with Content-Range:
 * bytes * /total asks what the server holds, and the upload goes on from
 * there. Chunks go to the API host, so they carry the key; a uploadUrl that
 * points anywhere else is refused by the HTTP engine. */
#include "config.h"

#include <jansson.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect_answers.h"
#include "http.h"
#include "i18n.h"
#include "jsonx.h"
#include "upload.h"
#include "xalloc.h"

#define MIB ((int64_t)1 << 20)
#define DEFAULT_CHUNK (50 * MIB)
/* Our own ceiling: one chunk is one request, and a dropped one is resent whole. */
#define CHUNK_CAP (16 * MIB)
/* A server that answers this many chunks in a row without taking a byte
 * would keep us sending for ever. */
#define MAX_STALLS 5

static int
adclear_check(const struct mt_site *site, const char *mime, int64_t size, const char *name,
              struct mt_error *err)
{
	int64_t max;
	const char *what;
	if (strncmp(mime, "video/", 6) == 0 || strncmp(mime, "audio/", 6) == 0) {
		max = (int64_t)2 << 30;
		what = _("video and audio");
	} else if (strncmp(mime, "image/", 6) == 0 || strcmp(mime, "application/pdf") == 0) {
		max = 30 * MIB;
		what = _("PDF and images");
	} else {
		max = 10 * MIB;
		what = _("documents");
	}
	if (size > max)
		return mt_error_set(err, MT_ERR_REJECTED,
		                    _("adclear takes %s of at most %" PRId64 " MiB; this file has %" PRId64 " bytes"),
		                    what, max / MIB, size);
	return 0;
}

static int send_chunk(struct mt_upload_job *job, struct mt_error *err);
static int ask_status(struct mt_upload_job *job, struct mt_error *err);

int64_t
mt_adclear_offset_from_range(const char *range)
{
	if (range == NULL)
		return 0;
	/* by hand: sscanf's %lld has no defined result past LLONG_MAX */
	if (strncmp(range, "bytes=0-", 8) != 0 || !isdigit((unsigned char)range[8]))
		return -1;
	char *end;
	errno = 0;
	long long b = strtoll(range + 8, &end, 10);
	if (errno || *end != '\0' || b >= INT64_MAX)
		return -1;
	return (int64_t)b + 1;
}

void
mt_adclear_read_completion(struct mt_upload_job *job, const json_t *root)
{
	free(job->remote_id);
	job->remote_id = jx_strdup(root, "id");
	if (job->remote_id == NULL)
		job->remote_id = jx_strdup(root, "uploadId");
	if (job->remote_id == NULL)
		job->remote_id = xstrdup(job->upload_id);
	free(job->remote_url);
	job->remote_url = jx_strdup(root, "url");
}

static void
completed(struct mt_upload_job *job, json_t *root)
{
	mt_adclear_read_completion(job, root);
	mt_upload_job_progress(job, job->size);
	mt_upload_step_done(job, NULL);
}

/* A 308 or a completion: both answers to a chunk and to a status query. */
static bool
handle_position(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	struct mt_error err;
	if (resp->status == 200 || resp->status == 201) {
		completed(job, root);
		return true;
	}
	if (resp->status != 308)
		return false;
	int64_t off = mt_adclear_offset_from_range(mt_http_header(resp, "range"));
	if (off < 0 || off > job->size) {
		mt_error_set(&err, MT_ERR_PROTOCOL, _("the server reported a Range it cannot hold"));
		mt_upload_step_done(job, &err);
		return true;
	}
	if (off <= job->sent && ++job->stalls >= MAX_STALLS) {
		mt_error_set(&err, MT_ERR_PROTOCOL,
		             _("the server takes no chunk: it keeps answering that it holds %lld bytes"),
		             (long long)off);
		mt_upload_step_done(job, &err);
		return true;
	}
	if (off > job->sent) {
		/* chunks are arriving: both limits are for a stuck upload */
		job->stalls = 0;
		job->step_failures = 0;
	}
	mt_upload_job_progress(job, off);
	if (send_chunk(job, &err) < 0)
		mt_upload_step_done(job, &err);
	return true;
}

static void
retry_later(void *arg)
{
	struct mt_upload_job *job = arg;
	job->timer = 0;
	struct mt_error err;
	if (ask_status(job, &err) < 0)
		mt_upload_step_done(job, &err);
}

static void
chunk_done(const struct mt_http_response *resp, void *arg)
{
	struct mt_upload_job *job = arg;
	job->req = NULL;
	if (resp->cancelled || mt_job_state_final(job->state))
		return;
	json_t *root = resp->body_len ? json_loadb(resp->body, resp->body_len, 0, NULL) : NULL;
	bool handled = handle_position(job, resp, root);
	json_decref(root);
	if (handled)
		return;
	if (resp->status == 413 && job->max_chunk > 1024) {
		/* the server takes smaller chunks than we thought: halve and go on */
		job->max_chunk = job->max_chunk > CHUNK_CAP ? CHUNK_CAP / 2 : job->max_chunk / 2;
		mt_upload_job_save(job);
		struct mt_error err;
		if (ask_status(job, &err) < 0)
			mt_upload_step_done(job, &err);
		return;
	}
	bool transient = resp->status == 0 || resp->status >= 500 || resp->status == 429 ||
	                 resp->status == 416 || resp->status == 409;
	const struct mt_upload_options *o = mt_upload_queue_options(job->queue);
	if (transient && ++job->step_failures < o->max_attempts) {
		/* find out what arrived, then go on from there */
		char reason[300];
		snprintf(reason, sizeof reason, "%s", resp->status ? "HTTP error" : resp->error);
		if (resp->status)
			snprintf(reason, sizeof reason, "HTTP %ld", resp->status);
		long delay = mt_backoff_delay_ms(job->step_failures, 500, 15000,
		                                 0.5 + (double)((job->attempt + 1) % 5) / 10);
		/* the chunk's bytes count no more: job->sent is what the server
		 * said it holds */
		struct mt_upload_retry r = {
			.next_try = job->step_failures + 1, .tries = o->max_attempts, .delay_ms = delay,
			.status = resp->status, .curl_code = resp->curl_code, .reason = reason,
			.kept = job->sent,
		};
		mt_upload_job_retry(job, &r);
		job->timer = mt_loop_timer_add(mt_upload_queue_site(job->queue)->loop, delay, retry_later, job);
		return;
	}
	mt_upload_fail_response(job, resp, _("uploading a chunk"));
}

static int
send_chunk(struct mt_upload_job *job, struct mt_error *err)
{
	/* each chunk is checked as it goes: the server joins them into one file */
	if (mt_upload_job_check_file(job, err) < 0)
		return -1;
	int64_t off = job->sent;
	int64_t chunk = job->max_chunk > 0 ? job->max_chunk : DEFAULT_CHUNK;
	if (chunk > CHUNK_CAP)
		chunk = CHUNK_CAP;
	int64_t len = job->size - off;
	if (len > chunk)
		len = chunk;
	char range[96];
	if (job->size == 0)
		snprintf(range, sizeof range, "Content-Range: bytes */0");
	else
		snprintf(range, sizeof range, "Content-Range: bytes %" PRId64 "-%" PRId64 "/%" PRId64,
		         off, off + len - 1, job->size);
	const char *headers[] = { range, "Content-Type: application/octet-stream", NULL };
	struct mt_http_spec spec = {
		.method = "PUT", .url = job->upload_url, .api = true, .headers = headers,
		.body_fd = len > 0 ? job->fd : 0, .body_offset = off, .body_size = len,
		.retry = false,   /* after a failure the server is asked what it holds */
		.arg = job,
	};
	job->req = mt_upload_http_start(job, &spec, chunk_done, err);
	return job->req ? 0 : -1;
}

static int
ask_status(struct mt_upload_job *job, struct mt_error *err)
{
	char range[64];
	snprintf(range, sizeof range, "Content-Range: bytes */%" PRId64, job->size);
	const char *headers[] = { range, NULL };
	struct mt_http_spec spec = {
		.method = "PUT", .url = job->upload_url, .api = true, .headers = headers,
		.retry = true, .arg = job,
	};
	job->req = mt_upload_http_start(job, &spec, chunk_done, err);
	return job->req ? 0 : -1;
}

int
mt_adclear_read_session(struct mt_upload_job *job, const json_t *root, struct mt_error *err)
{
	const char *id = jx_str(root, "uploadId");
	const char *url = jx_str(root, "uploadUrl");
	int64_t max = 0;
	if (id == NULL || url == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the answer has no uploadId or uploadUrl"));
	jx_int64(root, "maxChunkSize", &max);
	free(job->upload_id);
	job->upload_id = xstrdup(id);
	free(job->upload_url);
	job->upload_url = xstrdup(url);
	job->max_chunk = max > 0 ? max : DEFAULT_CHUNK;
	return 0;
}

static void
initiate_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("starting the resumable upload"));
		return;
	}
	struct mt_error err;
	if (mt_adclear_read_session(job, root, &err) < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_job_save(job);
	mt_upload_step_done(job, NULL);
}

static int
adclear_start(struct mt_upload_job *job, struct mt_error *err)
{
	if (job->upload_id && job->upload_url) {
		/* resuming an upload an earlier run began: the transfer asks where it stands */
		mt_upload_step_done(job, NULL);
		return 0;
	}
	json_t *body = json_pack("{s:s,s:I,s:s}", "fileName", job->name, "fileSize",
	                         (json_int_t)job->size, "contentType", job->mime);
	/* an unused upload session is harmless, so starting one may be repeated */
	int rc = mt_upload_api_json(job, "POST", "v1/uploads", body, true, initiate_done, err);
	json_decref(body);
	return rc;
}

static int
adclear_transfer(struct mt_upload_job *job, struct mt_error *err)
{
	/* always ask first: cheap, and right after a restart or a re-queue */
	job->sent = 0;
	return ask_status(job, err);
}

const struct mt_upload_ops mt_upload_adclear = {
	.check = adclear_check,
	.start = adclear_start,
	.transfer = adclear_transfer,
};

const struct mt_dialect mt_dialect_adclear = {
	.name = "adclear",
	.caps = MT_CAP_UPLOAD,
	.upload = &mt_upload_adclear,
};
