/* dialect_direct.c — the direct upload API with checksums (seed 004).
 *
 * POST the blob {filename, content_type, byte_size, checksum}; the answer is
 * the file record, with `direct_upload` {url, headers} when the bytes are
 * still wanted and without it when the server already has them (record
 * lookup). The PUT carries exactly the returned headers, Content-MD5
 * included, so storage rejects a body that changed. Because the checksum
 * identifies the file, the create step may be repeated safely. */
#include "config.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#include "dialect_answers.h"
#include "digest.h"
#include "i18n.h"
#include "jsonx.h"
#include "upload.h"
#include "xalloc.h"

static int
direct_check(const struct mt_site *site, const char *mime, int64_t size, const char *name,
             struct mt_error *err)
{
	return 0;   /* the API documents no type or size limits; the server has the last word */
}

static unsigned
direct_digests(const struct mt_site *site)
{
	/* MD5 always: storage checks Content-MD5 */
	return MT_DIGEST_MD5 |
	       (site->profile->checksum == MT_CHECKSUM_SHA256 ? MT_DIGEST_SHA256 : 0);
}

int
mt_direct_read_create(struct mt_upload_job *job, const json_t *root, struct mt_error *err)
{
	const json_t *rec = jx_unwrap_data(root);
	char *id = jx_strdup(rec, "id");
	if (id == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the file record in the answer has no id"));
	free(job->storage_key);
	job->storage_key = jx_strdup(rec, "key");
	json_t *du = json_object_get(rec, "direct_upload");
	if (!json_is_object(du)) {
		/* the server already holds these bytes: nothing to send */
		free(job->remote_id);
		job->remote_id = id;
		job->already_there = true;
		return 0;
	}
	/* the record exists but wants the bytes: keep its id until they are sent */
	free(job->media_id);
	job->media_id = id;
	const char *url = jx_str(du, "url");
	json_t *hdrs = json_object_get(du, "headers");
	if (url == NULL || !json_is_object(hdrs))
		return mt_error_set(err, MT_ERR_PROTOCOL, _("direct_upload has no url or headers"));
	mt_upload_job_set_target_json(job, url, "PUT", hdrs, NULL);
	return 0;
}

/* The record request (create, or look up: the server answers the same way
 * for a checksum it has), with the job's name, type, size and checksum. */
static int
post_blob(struct mt_upload_job *job, mt_upload_json_fn done, struct mt_error *err)
{
	json_t *body = json_pack("{s:{s:s,s:s,s:I,s:s}}", "blob", "filename", job->name,
	                         "content_type", job->mime, "byte_size", (json_int_t)job->size,
	                         "checksum", job->checksum);
	int rc = mt_upload_api_json(job, "POST", "api/v1/upload/direct", body, true, done, err);
	json_decref(body);
	return rc;
}

static void
create_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("creating the file record"));
		return;
	}
	struct mt_error err;
	if (mt_direct_read_create(job, root, &err) < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_step_done(job, NULL);
}

static int
direct_start(struct mt_upload_job *job, struct mt_error *err)
{
	bool sha = mt_upload_queue_site(job->queue)->profile->checksum == MT_CHECKSUM_SHA256;
	free(job->checksum);
	job->checksum = xstrdup(sha ? job->sha256_b64 : job->md5_b64);
	return post_blob(job, create_done, err);
}

static int
direct_finish(struct mt_upload_job *job, struct mt_error *err)
{
	free(job->remote_id);
	job->remote_id = job->media_id ? xstrdup(job->media_id) : NULL;
	mt_upload_step_done(job, NULL);
	return 0;
}

/* ---- is the journal's earlier copy still there? ---- */

static void
lookup_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		struct mt_error err;
		mt_http_error_from_response(resp, _("looking up the file record"), &err);
		mt_upload_lookup_done(job, false, &err);
		return;
	}
	/* a record that wants its bytes (direct_upload) is one the server no
	 * longer holds: the earlier copy is gone */
	const json_t *rec = jx_unwrap_data(root);
	if (!json_is_object(rec)) {
		struct mt_error err;
		mt_error_set(&err, MT_ERR_PROTOCOL, _("the file record lookup answered no record"));
		mt_upload_lookup_done(job, false, &err);
		return;
	}
	mt_upload_lookup_done(job, !json_is_object(json_object_get(rec, "direct_upload")), NULL);
}

/* The record lookup with the checksum the journal kept: the create is safe
 * to repeat, and answers whether the server still has these bytes. */
static int
direct_lookup(struct mt_upload_job *job, struct mt_error *err)
{
	if (job->checksum == NULL || job->mime[0] == '\0')
		return 1;
	return post_blob(job, lookup_done, err);
}

const struct mt_upload_ops mt_upload_direct = {
	.lookup = direct_lookup,
	.check = direct_check,
	.digests = direct_digests,
	.start = direct_start,
	.finish = direct_finish,
};

const struct mt_dialect mt_dialect_direct = {
	.name = "direct",
	.caps = MT_CAP_UPLOAD,
	.upload = &mt_upload_direct,
};
