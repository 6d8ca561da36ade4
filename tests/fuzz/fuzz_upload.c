/* fuzz_upload.c — every dialect's upload-step answers (dialect_answers.h).
 * fuzz-dict: json
 *
 * The first byte picks the reader (low 4 bits) and, for the clearcms
 * multipart answer, the HTTP status (high 4 bits); the rest is the body,
 * parsed as the upload queue parses it. For the clearcms lookup, a 0xFF byte
 * (never in JSON) separates the snapshot from the later answer; the snapshot
 * is read from a list answer, or (bit 0x10) taken as any array, as a journal
 * written by an earlier run may hold it.
 * Whatever the server says, a PUT target must be usable: a method that is a
 * plain token, headers "Name: value" without line breaks, and the ids a
 * finished step promises are there. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>

#include "dialect_answers.h"
#include "fuzz.h"

enum reader {
	CLEARCMS_PRESIGN, CLEARCMS_CONFIRM, CLEARCMS_UPLOAD, CLEARCMS_LOOKUP,
	CLARIFE_PRESIGN, CLARIFE_CONFIRM, FLARE_PRESIGN, ADCLEAR_SESSION,
	ADCLEAR_COMPLETION, DIRECT_CREATE, NREADERS
};

static const long statuses[] = { 201, 200, 400, 413, 422, 500, 503, 0 };

static bool
is_token(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || strchr("\"(),/:;<=>?@[\\]{}", *s))
			return false;
	return true;
}

static void
check_target(const struct mt_upload_job *job)
{
	if (job->put_url == NULL)
		return;
	FUZZ_CHECK(job->put_method && is_token(job->put_method));
	FUZZ_CHECK(job->nput_headers >= 0);
	for (int i = 0; i < job->nput_headers; i++) {
		const char *h = job->put_headers[i];
		FUZZ_CHECK(h != NULL && strpbrk(h, "\r\n") == NULL);
		const char *colon = strchr(h, ':');
		FUZZ_CHECK(colon != NULL && colon[1] == ' ');
		char *name = strndup(h, (size_t)(colon - h));
		FUZZ_CHECK(is_token(name));
		free(name);
	}
	FUZZ_CHECK(job->put_headers[job->nput_headers] == NULL);
}

static json_t *
parse(const uint8_t *data, size_t size)
{
	/* as mt_upload_api_json does: NULL when the body is empty or not JSON */
	return size ? json_loadb((const char *)data, size, 0, NULL) : NULL;
}

static bool
in_ids(const json_t *ids, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), id) == 0)
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	enum reader r = (enum reader)((sel & 0x0f) % NREADERS);
	long status = statuses[(sel >> 4) % (sizeof statuses / sizeof statuses[0])];

	struct mt_upload_job job;
	memset(&job, 0, sizeof job);
	job.name = "fz_x.png";
	job.size = 21;
	job.mime = "image/png";
	struct mt_error err;
	memset(&err, 0, sizeof err);
	json_t *root = NULL;
	int rc = 0;

	if (r == CLEARCMS_LOOKUP) {
		const uint8_t *sep = memchr(data, 0xff, size);
		if (sep) {
			json_t *before = parse(data, (size_t)(sep - data));
			if (sel & 0x10) {
				/* as a journal restores it: any array */
				job.snapshot = json_is_array(before) ? json_incref(before) : NULL;
			} else {
				job.snapshot = mt_clearcms_matching_ids(&job, before);
				FUZZ_CHECK(json_is_array(job.snapshot));
			}
			json_decref(before);
			size -= (size_t)(sep + 1 - data);
			data = sep + 1;
		}
	}
	root = parse(data, size);

	switch (r) {
	case CLEARCMS_PRESIGN:
		rc = mt_clearcms_read_presign(&job, root, &err);
		FUZZ_CHECK(rc < 0 || (job.put_url && job.storage_key && job.nput_headers >= 1));
		break;
	case CLEARCMS_CONFIRM:
		rc = mt_clearcms_read_confirm(&job, root, &err);
		FUZZ_CHECK(rc < 0 || job.remote_id);
		break;
	case CLEARCMS_UPLOAD:
		rc = mt_clearcms_read_upload(&job, status, root, &err);
		FUZZ_CHECK(rc >= -1 && rc <= 1);
		FUZZ_CHECK(rc != 0 || (job.remote_id && status >= 200 && status <= 299));
		FUZZ_CHECK(rc != -1 || err.kind == MT_ERR_HTTP || err.kind == MT_ERR_PROTOCOL);
		if (rc == 1)
			rc = 0;
		break;
	case CLEARCMS_LOOKUP: {
		json_t *now = mt_clearcms_matching_ids(&job, root);
		bool found = mt_clearcms_read_lookup(&job, root);
		/* found: a matching item the snapshot did not hold */
		FUZZ_CHECK(!found || (job.remote_id && in_ids(now, job.remote_id) &&
		                      !(job.snapshot && in_ids(job.snapshot, job.remote_id))));
		FUZZ_CHECK(found || job.remote_id == NULL);
		json_decref(now);
		break;
	}
	case CLARIFE_PRESIGN:
		rc = mt_clarife_read_presign(&job, root, &err);
		FUZZ_CHECK(rc < 0 || (job.put_url && job.nput_headers == 1));
		break;
	case CLARIFE_CONFIRM:
		job.media_id = strdup("0b6e7f4e-5a7b-4c3d-9e2f-1a2b3c4d5e6f");
		mt_clarife_read_confirm(&job, root);
		FUZZ_CHECK(job.remote_id);
		break;
	case FLARE_PRESIGN:
		rc = mt_flare_read_presign(&job, root, &err);
		FUZZ_CHECK(rc < 0 || job.put_url);
		break;
	case ADCLEAR_SESSION:
		rc = mt_adclear_read_session(&job, root, &err);
		FUZZ_CHECK(rc < 0 || (job.upload_id && job.upload_url && job.max_chunk > 0));
		break;
	case ADCLEAR_COMPLETION:
		job.upload_id = strdup("8dc81c3b-9e83-455e-8147-454b7a6622f7");
		mt_adclear_read_completion(&job, root);
		FUZZ_CHECK(job.remote_id);
		break;
	case DIRECT_CREATE:
		rc = mt_direct_read_create(&job, root, &err);
		FUZZ_CHECK(rc < 0 || (job.already_there && job.remote_id && job.put_url == NULL) ||
		           (!job.already_there && job.media_id && job.put_url));
		break;
	case NREADERS:
		break;
	}
	if (rc < 0)
		FUZZ_CHECK(err.kind != MT_ERR_NONE && err.message[0]);
	check_target(&job);

	json_decref(root);
	mt_upload_job_clear_answers(&job);
	return 0;
}
