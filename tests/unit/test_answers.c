/* test_answers.c — the dialects' upload-step answers read into a job, and the
 * odd answers fuzzing turned up (tests/fuzz/corpus/upload/regress-*). */
#include "config.h"

#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dialect_answers.h"

static void
job_init(struct mt_upload_job *job)
{
	memset(job, 0, sizeof *job);
	static char name[] = "fz_x.png";
	job->name = name;
	job->size = 21;
	job->mime = "image/png";
}

static json_t *
parse(const char *text)
{
	json_t *root = json_loads(text, 0, NULL);
	assert_non_null(root);
	return root;
}

/* clearcms's per-file refusal for a full storage is read as a full
 * storage: its own cause, which stops the queue (it was a plain refusal
 * that every later file repeated) */
static void
test_clearcms_quota_refusal_is_full(void **state)
{
	(void)state;
	struct mt_upload_job job;
	struct mt_error err;
	job_init(&job);
	json_t *root = parse("{\"data\":[],\"errors\":[{\"filename\":\"fz_x.png\","
	                     "\"error\":\"Storage quota exceeded\",\"code\":\"QUOTA_EXCEEDED\"}]}");
	mt_error_clear(&err);
	assert_int_equal(mt_clearcms_read_upload(&job, 201, root, &err), -1);
	assert_int_equal(err.kind, MT_ERR_QUOTA);
	assert_true(mt_upload_error_full(&err));
	assert_false(mt_upload_error_transient(&err));
	assert_non_null(strstr(err.message, "Storage quota exceeded"));
	json_decref(root);
	/* a refusal of another kind stays one */
	job_init(&job);
	root = parse("{\"data\":[],\"errors\":[{\"filename\":\"fz_x.png\","
	             "\"error\":\"Unsupported file type: text/plain\"}]}");
	mt_error_clear(&err);
	assert_int_equal(mt_clearcms_read_upload(&job, 201, root, &err), -1);
	assert_false(mt_upload_error_full(&err));
	json_decref(root);
}

static void
test_presign_answers(void **state)
{
	struct mt_upload_job job;
	struct mt_error err;
	job_init(&job);
	json_t *root = parse("{\"uploadUrl\":\"http://s/o/k\",\"storageKey\":\"site/k.png\","
	                     "\"expiresAt\":\"2026-03-26T12:30:00Z\",\"method\":\"PUT\","
	                     "\"headers\":{\"Content-Type\":\"image/png\"}}");
	assert_int_equal(mt_clearcms_read_presign(&job, root, &err), 0);
	assert_string_equal(job.put_url, "http://s/o/k");
	assert_string_equal(job.put_method, "PUT");
	assert_int_equal(job.nput_headers, 1);
	assert_string_equal(job.put_headers[0], "Content-Type: image/png");
	assert_string_equal(job.storage_key, "site/k.png");
	assert_int_equal(job.put_expires, 1774528200);
	json_decref(root);
	mt_upload_job_clear_answers(&job);

	job_init(&job);
	root = parse("{\"uploadUrl\":\"http://s/o/v\",\"method\":\"PUT\","
	             "\"headers\":{\"Content-Type\":\"video/mp4\"},\"publicUrl\":\"http://cdn/v\"}");
	assert_int_equal(mt_flare_read_presign(&job, root, &err), 0);
	assert_string_equal(job.remote_url, "http://cdn/v");
	assert_string_equal(job.put_headers[0], "Content-Type: video/mp4");
	json_decref(root);
	mt_upload_job_clear_answers(&job);
}

/* A method is put on the request line as it is: one with spaces or line
 * breaks would split the request. */
static void
test_unusable_method_refused(void **state)
{
	struct mt_upload_job job;
	struct mt_error err;
	job_init(&job);
	json_t *root = parse("{\"uploadUrl\":\"http://s/o/k\",\"method\":"
	                     "\"PUT /o/k HTTP/1.1\\r\\nX-Injected: 1\\r\\n\\r\\nGET\"}");
	assert_int_equal(mt_flare_read_presign(&job, root, &err), -1);
	assert_int_equal(err.kind, MT_ERR_PROTOCOL);
	assert_null(job.put_url);
	json_decref(root);
	root = parse("{\"uploadUrl\":\"http://s/o/k\",\"storageKey\":\"k\",\"method\":\"PU T\"}");
	assert_int_equal(mt_clearcms_read_presign(&job, root, &err), -1);
	assert_null(job.put_url);
	json_decref(root);
	mt_upload_job_clear_answers(&job);
}

/* Header names that are not tokens are left out, as are values with line breaks. */
static void
test_header_names_filtered(void **state)
{
	struct mt_upload_job job;
	struct mt_error err;
	job_init(&job);
	json_t *root = parse("{\"uploadUrl\":\"http://s/o/k\",\"storageKey\":\"k\",\"headers\":"
	                     "{\"X-Evil Name\":\"1\",\"Host:\":\"x\",\"\":\"e\",\"X-Nl\":\"a\\r\\nB: c\","
	                     "\"Content-MD5\":\"3Xm0Th+9kF6W8S+07tEuKw==\"}}");
	assert_int_equal(mt_clearcms_read_presign(&job, root, &err), 0);
	assert_int_equal(job.nput_headers, 1);
	assert_string_equal(job.put_headers[0], "Content-MD5: 3Xm0Th+9kF6W8S+07tEuKw==");
	json_decref(root);
	mt_upload_job_clear_answers(&job);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clearcms_quota_refusal_is_full),
		cmocka_unit_test(test_presign_answers),
		cmocka_unit_test(test_unusable_method_refused),
		cmocka_unit_test(test_header_names_filtered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
