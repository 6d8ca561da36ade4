/* upload_storage.c — the presigned PUT of a whole file to a storage host,
 * and the targets (URL, method, headers) the APIs hand out for it. */
#include "config.h"

#include <jansson.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dialect_answers.h"
#include "digest.h"
#include "fsutil.h"
#include "http.h"
#include "i18n.h"
#include "upload.h"
#include "upload_internal.h"
#include "xalloc.h"


static void
put_progress(int64_t sent, int64_t total, void *arg)
{
	struct mt_upload_job *job = arg;
	if (sent != job->sent)
		mt_upload_job_progress(job, sent);
}

static void
put_retry(const struct mt_http_retry *retry, void *arg)
{
	struct mt_upload_job *job = arg;
	/* the whole file goes again: none of the failed try is kept */
	struct mt_upload_retry r = {
		.next_try = retry->attempt, .tries = retry->max_attempts, .delay_ms = retry->delay_ms,
		.status = retry->status, .curl_code = retry->curl_code, .reason = retry->reason,
		.kept = 0,
	};
	mt_upload_job_retry(job, &r);
}

static bool
looks_expired(const struct mt_http_response *resp)
{
	if (resp->status != 403 && resp->status != 400 && resp->status != 410)
		return false;
	const char *b = resp->body ? resp->body : "";
	return strstr(b, "xpired") != NULL || strstr(b, "EXPIRED") != NULL;
}

static void
put_done(const struct mt_http_response *resp, void *arg)
{
	struct mt_upload_job *job = arg;
	job->req = NULL;
	if (resp->cancelled || mt_job_state_final(job->state))
		return;
	struct mt_error err;
	mt_error_clear(&err);
	if (resp->status >= 200 && resp->status <= 299) {
		job->sent = job->size;
		mt_upload_step_done(job, NULL);
		return;
	}
	mt_http_error_from_response(resp, _("uploading to storage"), &err);
	if (looks_expired(resp))
		snprintf(err.code, sizeof err.code, "URL_EXPIRED");
	mt_upload_step_done(job, &err);
}

/* Headers a server may not set on a storage request: credentials never go
 * to a storage host, and the framing of the request is ours. */
static bool
header_allowed(const char *name)
{
	static const char *const refused[] = {
		"authorization", "proxy-authorization", "cookie", "host", "content-length",
		"transfer-encoding", "connection", "expect", NULL
	};
	if (!mt_http_is_token(name))
		return false;
	for (int i = 0; refused[i]; i++)
		if (strcasecmp(name, refused[i]) == 0)
			return false;
	return true;
}

int
mt_upload_generic_put(struct mt_upload_job *job, struct mt_error *err)
{
	if (job->put_url == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the server gave no upload URL"));
	if (job->put_method && !mt_http_is_token(job->put_method))
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the server asked for an upload with a method that is not one"));
	/* changed since it was checked and hashed: sending it would store other bytes */
	if (mt_upload_job_check_file(job, err) < 0)
		return -1;
	const char **headers = xcalloc((size_t)job->nput_headers + 1, sizeof *headers);
	for (int i = 0; i < job->nput_headers; i++)
		headers[i] = job->put_headers[i];
	struct mt_http_spec spec = {
		.method = job->put_method ? job->put_method : "PUT",
		.url = job->put_url,
		.api = false,            /* a storage host: never the key */
		.headers = headers,
		.body_fd = job->fd,
		.body_offset = 0,
		.body_size = job->size,
		.retry = true,           /* the same object key: repeating is harmless */
		.progress = put_progress,
		.on_retry = put_retry,
		.arg = job,
	};
	job->req = mt_upload_http_start(job, &spec, put_done, err);
	free(headers);
	return job->req ? 0 : -1;
}

void
mt_upload_job_set_target(struct mt_upload_job *job, const char *url, const char *method,
                         const char *const *headers)
{
	mt_upload_job_clear_target(job);
	job->put_url = xstrdup(url);
	job->put_method = xstrdup(method ? method : "PUT");
	int n = 0;
	while (headers && headers[n])
		n++;
	job->put_headers = xcalloc((size_t)n + 1, sizeof *job->put_headers);
	for (int i = 0; i < n; i++)
		job->put_headers[i] = xstrdup(headers[i]);
	job->nput_headers = n;
	job->presigns++;
}

void
mt_upload_job_set_target_json(struct mt_upload_job *job, const char *url, const char *method,
                              const json_t *headers, const char *fallback_header)
{
	size_t n = json_is_object(headers) ? json_object_size(headers) : 0;
	char **lines = xcalloc(n + 2, sizeof *lines);
	size_t k = 0;
	const char *name;
	json_t *v;
	if (n) {
		json_object_foreach((json_t *)(uintptr_t)headers, name, v) {
			if (json_is_string(v) && header_allowed(name) &&
			    strpbrk(json_string_value(v), "\r\n") == NULL)
				lines[k++] = xasprintf("%s: %s", name, json_string_value(v));
		}
	}
	if (k == 0 && fallback_header)
		lines[k++] = xstrdup(fallback_header);
	mt_upload_job_set_target(job, url, method, (const char *const *)lines);
	for (size_t i = 0; i < k; i++)
		free(lines[i]);
	free(lines);
}

/* ---- what a job lets go of ---- */

void
mt_upload_job_clear_target(struct mt_upload_job *job)
{
	XFREE(job->put_url);
	XFREE(job->put_method);
	for (int i = 0; i < job->nput_headers; i++)
		free(job->put_headers[i]);
	XFREE(job->put_headers);
	job->nput_headers = 0;
	job->put_expires = 0;
}

void
mt_upload_job_clear_answers(struct mt_upload_job *job)
{
	XFREE(job->media_id);
	XFREE(job->storage_key);
	XFREE(job->upload_id);
	XFREE(job->upload_url);
	mt_upload_job_clear_target(job);
	json_decref(job->snapshot);
	job->snapshot = NULL;
	XFREE(job->remote_id);
	XFREE(job->remote_url);
}

/* What only the steps needed (URLs, ids of the session, the snapshot; the
 * checksum sent stays, with the result): once the job is done, skipped or
 * cancelled the journal's last record keeps them, and a queue of thousands
 * of files does not. A failed job keeps them: it may be put back in the
 * queue (a queue without a journal resumes from these). */
void
mt_upload_job_forget_steps(struct mt_upload_job *job)
{
	XFREE(job->media_id);
	XFREE(job->storage_key);
	XFREE(job->upload_id);
	XFREE(job->upload_url);
	mt_upload_job_clear_target(job);
	json_decref(job->snapshot);
	job->snapshot = NULL;
}
