/* dialect_clearcms_upload.c — uploading to clearcms (seed 001).
 *
 * Small files go in one multipart POST (folder and alt travel with them);
 * large ones are presigned, PUT to cloud storage and confirmed. A site
 * without cloud storage refuses presign; then files up to 50 MB fall back to
 * multipart. Both the POST and the confirm create an item and cannot be
 * repeated blindly: before each, the items that already have this name and
 * size are noted (and journaled); after an ambiguous failure the library is
 * asked again, and a new matching item means the create happened. */
#include "config.h"

#include <jansson.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialect_answers.h"
#include "http.h"
#include "i18n.h"
#include "jsonx.h"
#include "upload.h"
#include "xalloc.h"

#define MIB ((int64_t)1 << 20)
#define LOCAL_MAX (50 * MIB)
#define CLOUD_MAX (500 * MIB)
/* Up to this size one multipart request is quicker than three steps. */
#define MULTIPART_PREFERRED (8 * MIB)

static const char *const clearcms_types[] = {
	"image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml",
	"application/pdf", "video/mp4", "video/webm", NULL
};

static int
clearcms_check(const struct mt_site *site, const char *mime, int64_t size, const char *name,
               struct mt_error *err)
{
	int64_t max = site && site->no_cloud_storage ? LOCAL_MAX : CLOUD_MAX;
	return mt_upload_check_list("clearcms", clearcms_types, mime, size, max, err);
}

static char *
escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *out = xstrdup(e ? e : "");
	curl_free(e);
	return out;
}

/* ---- noticing a create that happened although its answer was lost ---- */

typedef void (*after_look_fn)(struct mt_upload_job *job);

static char *
lookup_url(const struct mt_upload_job *job)
{
	char *name = escape(job->name);
	char *folder = escape(job->folder ? job->folder : "/");
	char *url = xasprintf("api/v1/media?search=%s&folder=%s&limit=100&sort=createdAt&order=desc",
	                      name, folder);
	free(name);
	free(folder);
	return url;
}

json_t *
mt_clearcms_matching_ids(const struct mt_upload_job *job, const json_t *root)
{
	json_t *ids = json_array();
	json_t *data = json_object_get(root, "data");
	size_t i;
	json_t *item;
	json_array_foreach(data, i, item) {
		const char *fn = jx_str(item, "filename");
		int64_t size;
		char *id = jx_strdup(item, "id");
		if (id && fn && strcmp(fn, job->name) == 0 && jx_int64(item, "size", &size) &&
		    size == job->size)
			json_array_append_new(ids, json_string(id));
		free(id);
	}
	return ids;
}

static bool
ids_contain(const json_t *ids, const char *id)
{
	size_t i;
	json_t *v;
	if (ids == NULL)
		return false;
	json_array_foreach(ids, i, v)
		if (strcmp(json_string_value(v), id) == 0)
			return true;
	return false;
}

static int do_create(struct mt_upload_job *job, struct mt_error *err);

static void
snapshot_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("looking for existing copies"));
		return;
	}
	json_decref(job->snapshot);
	job->snapshot = mt_clearcms_matching_ids(job, root);
	mt_upload_job_save_durable(job);
	struct mt_error err;
	if (do_create(job, &err) < 0)
		mt_upload_step_done(job, &err);
}

/* Notes what exists, then creates. */
static int
snapshot_then_create(struct mt_upload_job *job, struct mt_error *err)
{
	if (job->snapshot) {   /* journaled by an earlier attempt: the create may have happened */
		return -2;
	}
	char *url = lookup_url(job);
	int rc = mt_upload_api_json(job, "GET", url, NULL, true, snapshot_done, err);
	free(url);
	return rc;
}

static void verify_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root);

static int
verify(struct mt_upload_job *job, struct mt_error *err)
{
	char *url = lookup_url(job);
	int rc = mt_upload_api_json(job, "GET", url, NULL, true, verify_done, err);
	free(url);
	return rc;
}

static void
retry_create(void *arg)
{
	struct mt_upload_job *job = arg;
	job->timer = 0;
	struct mt_error err;
	if (do_create(job, &err) < 0)
		mt_upload_step_done(job, &err);
}

bool
mt_clearcms_read_lookup(struct mt_upload_job *job, const json_t *root)
{
	json_t *now = mt_clearcms_matching_ids(job, root);
	size_t i;
	json_t *v;
	json_array_foreach(now, i, v) {
		const char *id = json_string_value(v);
		if (!ids_contain(job->snapshot, id)) {
			/* it arrived: the lost answer was a success */
			free(job->remote_id);
			job->remote_id = xstrdup(id);
			json_t *data = json_object_get(root, "data");
			size_t k;
			json_t *item;
			json_array_foreach(data, k, item) {
				char *iid = jx_strdup(item, "id");
				if (iid && strcmp(iid, id) == 0) {
					free(job->remote_url);
					job->remote_url = jx_strdup(item, "url");
				}
				free(iid);
			}
			json_decref(now);
			return true;
		}
	}
	json_decref(now);
	return false;
}

static void
verify_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("checking whether the upload arrived"));
		return;
	}
	if (mt_clearcms_read_lookup(job, root)) {
		mt_upload_step_done(job, NULL);
		return;
	}
	/* not there: repeating the create is safe */
	const struct mt_upload_options *o = mt_upload_queue_options(job->queue);
	/* count creates, not every retried lookup: a flaky server must not use
	 * up the create's attempts with its answers to the GETs in between */
	if (++job->step_failures >= o->max_attempts) {
		struct mt_error err;
		mt_error_set(&err, MT_ERR_NET, _("the upload did not arrive after %d attempts"),
		             job->step_failures);
		mt_upload_step_done(job, &err);
		return;
	}
	long delay = mt_backoff_delay_ms(job->step_failures, 500, 15000, 0.7);
	mt_upload_job_retry_in(job, delay);
	job->timer = mt_loop_timer_add(mt_upload_queue_site(job->queue)->loop, delay, retry_create, job);
}

/* After a failed create: was it refused (final) or lost (ask the server)? */
static void
create_failed(struct mt_upload_job *job, const struct mt_http_response *resp, const char *what)
{
	bool ambiguous = resp->status == 0 || resp->status >= 500;
	const struct mt_upload_options *o = mt_upload_queue_options(job->queue);
	/* a failed multipart POST leaves none of the file on the server; a
	 * failed confirm leaves the object in storage */
	struct mt_upload_retry r = {
		.next_try = job->step_failures + 2, .tries = o->max_attempts, .status = resp->status,
		.curl_code = resp->curl_code, .kept = job->use_multipart ? 0 : job->sent,
	};
	if (resp->status == 429) {
		if (++job->rate_waits >= MT_UPLOAD_RATE_WAITS_MAX) {
			struct mt_error err;
			mt_error_set(&err, MT_ERR_HTTP,
			             _("not sent: the server answered \"too many requests\" (HTTP 429) %d "
			               "times; try again later"),
			             job->rate_waits);
			err.http_status = 429;
			mt_upload_step_done(job, &err);
			return;
		}
		long delay = mt_parse_retry_after(mt_http_header(resp, "retry-after"),
		                                  mt_upload_now_s(job->queue));
		r.delay_ms = delay >= 0 ? delay : 2000;
		if (r.delay_ms > MT_UPLOAD_RATE_WAIT_MAX_MS)
			r.delay_ms = MT_UPLOAD_RATE_WAIT_MAX_MS;
		r.reason = "HTTP 429";
		/* the server's "later" uses up no try of the create's: the
		 * wait says the server asked for it, not a count */
		r.uncounted = true;
		mt_upload_job_retry(job, &r);
		job->timer = mt_loop_timer_add(mt_upload_queue_site(job->queue)->loop,
		                               r.delay_ms, retry_create, job);
		return;
	}
	if (!ambiguous) {
		mt_upload_fail_response(job, resp, what);
		return;
	}
	char reason[300];
	if (resp->status)
		snprintf(reason, sizeof reason, "HTTP %ld", resp->status);
	else
		snprintf(reason, sizeof reason, "%s", resp->error);
	/* the library is asked first whether the create happened; the last
	 * try allowed is tried again only when it did not */
	r.reason = reason;
	r.delay_ms = -1;
	if (job->step_failures + 1 >= o->max_attempts)
		r.next_try = 0;
	mt_upload_job_retry(job, &r);
	struct mt_error err;
	if (verify(job, &err) < 0)
		mt_upload_step_done(job, &err);
}

/* ---- multipart ---- */

static void
set_result_from_item(struct mt_upload_job *job, const json_t *item)
{
	free(job->remote_id);
	job->remote_id = jx_strdup(item, "id");
	free(job->remote_url);
	job->remote_url = jx_strdup(item, "url");
}

int
mt_clearcms_read_upload(struct mt_upload_job *job, long status, const json_t *root,
                        struct mt_error *err)
{
	json_t *data = json_object_get(root, "data");
	json_t *errors = json_object_get(root, "errors");
	if (status >= 200 && status <= 299 && json_array_size(data) > 0) {
		set_result_from_item(job, json_array_get(data, 0));
		if (job->remote_id == NULL)
			return mt_error_set(err, MT_ERR_PROTOCOL, _("the upload answer has an item without id"));
		return 0;
	}
	if (json_array_size(errors) > 0 && status >= 200 && status < 500) {
		/* the server refused this file: its reason, per file */
		json_t *e = json_array_get(errors, 0);
		const char *msg = jx_str(e, "error");
		if (msg == NULL)
			msg = jx_str(e, "message");
		if (msg == NULL && json_is_string(e))
			msg = json_string_value(e);
		mt_error_set(err, MT_ERR_HTTP, _("the server refused the file: %s"),
		             msg ? msg : _("no reason given"));
		err->http_status = status;
		const char *code = jx_str(e, "code");
		if (code)
			snprintf(err->code, sizeof err->code, "%s", code);
		if (mt_upload_error_full(err))
			err->kind = MT_ERR_QUOTA;   /* the storage is full, as the other dialects say */
		return -1;
	}
	return 1;
}

static void
multipart_done(const struct mt_http_response *resp, void *arg)
{
	struct mt_upload_job *job = arg;
	job->req = NULL;
	if (resp->cancelled || mt_job_state_final(job->state))
		return;
	json_t *root = resp->body_len ? json_loadb(resp->body, resp->body_len, 0, NULL) : NULL;
	struct mt_error err;
	int rc = mt_clearcms_read_upload(job, resp->status, root, &err);
	json_decref(root);
	if (rc < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	if (rc == 0) {
		job->stored = true;
		mt_upload_job_progress(job, job->size);
		mt_upload_step_done(job, NULL);
		return;
	}
	create_failed(job, resp, _("uploading"));
}

static void
multipart_progress(int64_t sent, int64_t total, void *arg)
{
	struct mt_upload_job *job = arg;
	/* the multipart body is a little larger than the file */
	mt_upload_job_progress(job, sent > job->size ? job->size : sent);
}

static int
multipart_post(struct mt_upload_job *job, struct mt_error *err)
{
	if (mt_upload_job_check_file(job, err) < 0)
		return -1;
	struct mt_http_part parts[3];
	size_t n = 0;
	parts[n++] = (struct mt_http_part){
		.name = "files", .fd = job->fd, .size = job->size, .filename = job->name,
		.content_type = job->mime,
	};
	if (job->folder)
		parts[n++] = (struct mt_http_part){ .name = "folder", .value = job->folder };
	if (job->alt)
		parts[n++] = (struct mt_http_part){ .name = "alt", .value = job->alt };
	struct mt_http_spec spec = {
		.method = "POST", .url = "api/v1/media", .api = true, .parts = parts, .nparts = n,
		.retry = false,   /* a create: see verify() */
		.progress = multipart_progress, .arg = job,
	};
	job->req = mt_upload_http_start(job, &spec, multipart_done, err);
	return job->req ? 0 : -1;
}

/* ---- presign, PUT, confirm ---- */

static void
alt_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("setting the alt text"));
		return;
	}
	mt_upload_step_done(job, NULL);
}

int
mt_clearcms_read_confirm(struct mt_upload_job *job, const json_t *root, struct mt_error *err)
{
	set_result_from_item(job, jx_unwrap_data(root));
	if (job->remote_id == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the confirm answer has no item id"));
	return 0;
}

static void
confirm_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		create_failed(job, resp, _("confirming the upload"));
		return;
	}
	struct mt_error err;
	if (mt_clearcms_read_confirm(job, root, &err) < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_job_save(job);
	if (job->alt) {
		/* confirm takes no alt text: set it on the new item */
		char *esc = escape(job->remote_id);
		char *url = xasprintf("api/v1/media/%s", esc);
		json_t *body = json_pack("{s:s}", "alt", job->alt);
		int rc = mt_upload_api_json(job, "PATCH", url, body, true, alt_done, &err);
		json_decref(body);
		free(url);
		free(esc);
		if (rc < 0)
			mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_step_done(job, NULL);
}

static int
confirm_post(struct mt_upload_job *job, struct mt_error *err)
{
	/* the confirm makes the item: once it is out a cancel is refused */
	job->committed = true;
	json_t *body = json_pack("{s:s,s:s,s:s,s:I,s:s}", "storageKey", job->storage_key,
	                         "filename", job->name, "mimeType", job->mime,
	                         "size", (json_int_t)job->size,
	                         "folder", job->folder ? job->folder : "/");
	int rc = mt_upload_api_json(job, "POST", "api/v1/media/confirm", body, false, confirm_done, err);
	json_decref(body);
	return rc;
}

static int
do_create(struct mt_upload_job *job, struct mt_error *err)
{
	return job->use_multipart ? multipart_post(job, err) : confirm_post(job, err);
}

/* Runs a create, with a snapshot first unless one is already journaled, in
 * which case an earlier run may have created the item: verify first. */
static int
guarded_create(struct mt_upload_job *job, struct mt_error *err)
{
	int rc = snapshot_then_create(job, err);
	if (rc == -2)
		return verify(job, err);
	return rc;
}

static time_t
parse_iso8601(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (s == NULL || strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) == NULL)
		return 0;
	return timegm(&tm);
}

int
mt_clearcms_read_presign(struct mt_upload_job *job, const json_t *root, struct mt_error *err)
{
	const char *url = jx_str(root, "uploadUrl");
	const char *key = jx_str(root, "storageKey");
	json_t *hdrs = json_object_get(root, "headers");
	if (url == NULL || key == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the presign answer has no uploadUrl or storageKey"));
	char fallback[200];
	snprintf(fallback, sizeof fallback, "Content-Type: %s", job->mime);
	const char *method = jx_str(root, "method");
	if (method && !mt_http_is_token(method))
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the presign answer names an unusable method"));
	mt_upload_job_set_target_json(job, url, method ? method : "PUT", hdrs, fallback);
	free(job->storage_key);
	job->storage_key = xstrdup(key);
	job->put_expires = parse_iso8601(jx_str(root, "expiresAt"));
	return 0;
}

static void
presign_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	struct mt_site *site = mt_upload_queue_site(job->queue);
	if (resp->status == 400 || resp->status == 404 || resp->status == 501) {
		/* no cloud storage on this site: one request instead, if the file fits */
		site->no_cloud_storage = true;
		if (job->size <= LOCAL_MAX) {
			job->use_multipart = true;
			mt_upload_step_done(job, NULL);
			return;
		}
		struct mt_error err;
		mt_http_error_from_response(resp, _("asking for an upload URL"), &err);
		mt_error_prefix(&err, _("the site has no cloud storage and the file is over 50 MB: "));
		mt_upload_step_done(job, &err);
		return;
	}
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("asking for an upload URL"));
		return;
	}
	struct mt_error err;
	if (mt_clearcms_read_presign(job, root, &err) < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_step_done(job, NULL);
}

static int
clearcms_start(struct mt_upload_job *job, struct mt_error *err)
{
	struct mt_site *site = mt_upload_queue_site(job->queue);
	if (job->folder && !mt_folder_path_valid(job->folder))
		return mt_error_set(err, MT_ERR_USAGE, _("'%s' is not a valid folder path"), job->folder);
	job->use_multipart = job->size <= MULTIPART_PREFERRED || site->no_cloud_storage;
	if (job->use_multipart) {
		if (job->size > LOCAL_MAX)
			return mt_error_set(err, MT_ERR_REJECTED,
			                    _("the site has no cloud storage and the file is over 50 MB"));
		mt_upload_step_done(job, NULL);
		return 0;
	}
	json_t *body = json_pack("{s:s,s:s,s:I}", "filename", job->name, "mimeType", job->mime,
	                         "size", (json_int_t)job->size);
	/* a presign creates nothing, so it may be repeated */
	int rc = mt_upload_api_json(job, "POST", "api/v1/media/presign", body, true, presign_done, err);
	json_decref(body);
	return rc;
}

static int
clearcms_transfer(struct mt_upload_job *job, struct mt_error *err)
{
	if (job->use_multipart)
		return guarded_create(job, err);
	return mt_upload_generic_put(job, err);
}

static int
clearcms_finish(struct mt_upload_job *job, struct mt_error *err)
{
	if (job->use_multipart) {
		mt_upload_step_done(job, NULL);   /* the POST was the whole upload */
		return 0;
	}
	return guarded_create(job, err);
}

/* ---- is the journal's earlier copy still there? ---- */

static void
lookup_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	(void)root;
	if (resp->status == 404) {
		mt_upload_lookup_done(job, false, NULL);
		return;
	}
	if (resp->status < 200 || resp->status > 299) {
		struct mt_error err;
		mt_http_error_from_response(resp, _("reading media item"), &err);
		mt_upload_lookup_done(job, false, &err);
		return;
	}
	mt_upload_lookup_done(job, true, NULL);
}

/* Reads the item by id: 404 means it was deleted. */
static int
clearcms_lookup(struct mt_upload_job *job, struct mt_error *err)
{
	char *id = escape(job->remote_id);
	char *url = xasprintf("api/v1/media/%s", id);
	int rc = mt_upload_api_json(job, "GET", url, NULL, true, lookup_done, err);
	free(url);
	free(id);
	return rc;
}

const struct mt_upload_ops mt_upload_clearcms = {
	.lookup = clearcms_lookup,
	.check = clearcms_check,
	.start = clearcms_start,
	.transfer = clearcms_transfer,
	.finish = clearcms_finish,
	.finish_creates = true,   /* presigned: the object is no item until confirmed */
};
