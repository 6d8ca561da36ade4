/* dialect_flare.c — the flare video upload API (seed 002).
 *
 * presign {videoId, fileName} -> PUT with exactly the method and headers the
 * answer names. Presigning again for the same file gives the same object, so
 * both steps may be repeated. */
#include "config.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#include "dialect_answers.h"
#include "http.h"
#include "i18n.h"
#include "jsonx.h"
#include "upload.h"
#include "xalloc.h"

static int
flare_check(const struct mt_site *site, const char *mime, int64_t size, const char *name,
            struct mt_error *err)
{
	if (strncmp(mime, "video/", 6) != 0)
		return mt_error_set(err, MT_ERR_REJECTED, _("flare takes videos only; this is %s"), mime);
	return 0;
}

int
mt_flare_read_presign(struct mt_upload_job *job, const json_t *root, struct mt_error *err)
{
	const char *url = jx_str(root, "uploadUrl");
	json_t *hdrs = json_object_get(root, "headers");
	if (url == NULL || (hdrs && !json_is_object(hdrs)))
		return mt_error_set(err, MT_ERR_PROTOCOL, _("flare's presign answer has no usable uploadUrl"));
	const char *method = jx_str(root, "method");
	if (method && !mt_http_is_token(method))
		return mt_error_set(err, MT_ERR_PROTOCOL, _("flare's presign answer names an unusable method"));
	mt_upload_job_set_target_json(job, url, method ? method : "PUT", hdrs, NULL);
	free(job->remote_url);
	job->remote_url = jx_strdup(root, "publicUrl");
	return 0;
}

static void
presign_done(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, _("asking flare for an upload URL"));
		return;
	}
	struct mt_error err;
	if (mt_flare_read_presign(job, root, &err) < 0) {
		mt_upload_step_done(job, &err);
		return;
	}
	mt_upload_step_done(job, NULL);
}

static int
flare_start(struct mt_upload_job *job, struct mt_error *err)
{
	const struct mt_upload_options *o = mt_upload_queue_options(job->queue);
	if (o->video_id == NULL)
		return mt_error_set(err, MT_ERR_CONFIG,
		                    _("flare needs a video id: pass --video-id or set video_id in the profile"));
	free(job->remote_id);
	job->remote_id = NULL;
	json_t *body = json_pack("{s:s,s:s}", "videoId", o->video_id, "fileName", job->name);
	int rc = mt_upload_api_json(job, "POST", "api/video/upload/presign", body, true, presign_done, err);
	json_decref(body);
	return rc;
}

static int
flare_finish(struct mt_upload_job *job, struct mt_error *err)
{
	const struct mt_upload_options *o = mt_upload_queue_options(job->queue);
	free(job->remote_id);
	job->remote_id = xstrdup(o->video_id);
	mt_upload_step_done(job, NULL);
	return 0;
}

const struct mt_upload_ops mt_upload_flare = {
	.check = flare_check,
	.start = flare_start,
	.finish = flare_finish,
};

const struct mt_dialect mt_dialect_flare = {
	.name = "flare",
	.caps = MT_CAP_UPLOAD,
	.upload = &mt_upload_flare,
};
