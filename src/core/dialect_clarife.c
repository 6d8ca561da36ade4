/* dialect_clarife.c — the clarife upload API (seed 000).
 *
 * presign (client-generated media_id) -> PUT to storage -> confirm. The
 * media_id is chosen and journaled before the first request, so every step
 * can be repeated after a failure or a restart without creating a second
 * item. Images only, 30 MB each, plan storage limits (403 PLAN_LIMIT_REACHED). */
#include "config.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialect_answers.h"
#include "digest.h"
#include "i18n.h"
#include "jsonx.h"
#include "upload.h"
#include "xalloc.h"

#define CLARIFE_MAX_BYTES ((int64_t)30 << 20)
#define CLARIFE_NAME_MAX 255
#define PRESIGN_LIFETIME_S (15 * 60)

static const char *const clarife_types[] = {
	"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "image/bmp",
	"image/tiff", NULL
};

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int
clarife_check(const struct mt_site *site, const char *mime, int64_t size, const char *name,
              struct mt_error *err)
{
	if (mt_upload_check_list("clarife", clarife_types, mime, size, CLARIFE_MAX_BYTES, err) < 0)
		return -1;
	if (name && utf8_chars(name) > CLARIFE_NAME_MAX)
		return mt_error_set(err, MT_ERR_REJECTED, _("clarife takes file names of at most %d characters"),
		                    CLARIFE_NAME_MAX);
	return 0;
}

int
mt_clarife_read_presign(struct mt_upload_job *job, const json_t *root, struct mt_error *err)
{
	const char *url = jx_str(root, "upload_url");
	if (url == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("clarife's presign answer has no upload_url"));
	free(job->storage_key);
	job->storage_key = jx_strdup(root, "b2_key");
	char ct[200];
	snprintf(ct, sizeof ct, "Content-Type: %s", job->mime);
	const char *headers[] = { ct, NULL };
	mt_upload_job_set_target(job, url, "PUT", headers);
	job->put_expires = mt_upload_now_s(job->queue) + PRESIGN_LIFETIME_S;
	return 0;
}

static void
presign_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	const char *code = jx_str(root, "code");
	if (resp->status == 409 && code && strcmp(code, "ALREADY_CONFIRMED") == 0) {
		/* The media_id is ours (journaled before the server heard of it): an
		 * earlier run confirmed it and stopped before it could note that. */
		free(job->remote_id);
		job->remote_id = xstrdup(job->media_id);
		mt_upload_step_done(job, NULL);
		return;
	}
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("asking clarife for an upload URL"));
		return;
	}
	struct mt_error err;
	if (mt_clarife_read_presign(job, root, &err) < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_step_done(job, NULL);
}

static int
clarife_start(struct mt_upload_job *job, struct mt_error *err)
{
	const struct mt_upload_options *o = mt_upload_queue_options(job->queue);
	if (o->document_id == NULL)
		return mt_error_set(err, MT_ERR_CONFIG,
		                    _("clarife needs a document id: pass --document-id or set document_id in the profile"));
	if (job->media_id == NULL) {
		char uuid[37];
		if (mt_uuid_v4(uuid) < 0)
			return mt_error_set(err, MT_ERR_IO, _("cannot generate a media id"));
		job->media_id = xstrdup(uuid);
		/* on disk before the server hears of it: a restart reuses the same id */
		mt_upload_job_save_durable(job);
	}
	json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:I}", "document_id", o->document_id,
	                         "media_id", job->media_id, "filename", job->name,
	                         "mime_type", job->mime, "file_size_bytes", (json_int_t)job->size);
	int rc = mt_upload_api_json(job, "POST", "api/v1/media/presign", body, true, presign_done, err);
	json_decref(body);
	return rc;
}

void
mt_clarife_read_confirm(struct mt_upload_job *job, const json_t *root)
{
	free(job->remote_id);
	job->remote_id = jx_strdup(root, "id");
	if (job->remote_id == NULL)
		job->remote_id = xstrdup(job->media_id);
}

static void
confirm_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("confirming the upload with clarife"));
		return;
	}
	mt_clarife_read_confirm(job, root);
	mt_upload_step_done(job, NULL);
}

static int
clarife_finish(struct mt_upload_job *job, struct mt_error *err)
{
	json_t *body = json_pack("{s:s}", "media_id", job->media_id);
	/* from here the file is active on the server whatever the client does:
	 * a cancel is refused, the confirm runs on */
	job->committed = true;
	/* confirming the same media_id twice is harmless, so it may be retried */
	int rc = mt_upload_api_json(job, "POST", "api/v1/media/confirm", body, true, confirm_done, err);
	json_decref(body);
	return rc;
}

const struct mt_upload_ops mt_upload_clarife = {
	.check = clarife_check,
	.start = clarife_start,
	.finish = clarife_finish,
	.finish_creates = true,   /* an unconfirmed upload is never active */
};

const struct mt_dialect mt_dialect_clarife = {
	.name = "clarife",
	.caps = MT_CAP_UPLOAD,
	.upload = &mt_upload_clarife,
};
