/* test_responses.c — reading every response shape: media items and pages,
 * folder lists, and error bodies of all five services. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dialect.h"
#include "http.h"
#include "media.h"

#define BODY(s) (s), strlen(s)

static void
test_public_and_keyed_pages(void **state)
{
	struct mt_media_page page;
	struct mt_error err;
	size_t skipped;
	const char *pub = "{\"data\":[{\"id\":\"media_abc123\",\"filename\":\"product.jpg\",\"mimeType\":\"image/jpeg\","
	                  "\"width\":1920,\"height\":1080,\"alt\":\"Product showcase\",\"url\":\"/uploads/a.jpg\","
	                  "\"focalX\":50,\"focalY\":50}],\"total\":45,\"limit\":24,\"offset\":0}";
	assert_int_equal(mt_media_page_from_body(BODY(pub), &page, &skipped, &err), 0);
	assert_int_equal(page.nitems, 1);
	assert_int_equal(page.total, 45);
	assert_int_equal(page.items[0].size, -1);
	assert_null(page.items[0].folder);
	assert_int_equal(page.items[0].width, 1920);
	assert_null(page.folders);
	mt_media_page_free(&page);

	const char *keyed = "{\"data\":[{\"id\":7,\"filename\":\"a.png\",\"mimeType\":\"image/png\",\"size\":\"245000\","
	                    "\"alt\":null,\"folder\":\"/images\",\"focalX\":\"35.5\",\"focalY\":120,"
	                    "\"createdAt\":\"2026-03-26T10:30:00Z\",\"width\":\"wide\"},"
	                    "{\"filename\":\"no-id.png\"},{\"id\":\"\"},\"junk\"],"
	                    "\"total\":-5,\"limit\":24,\"offset\":10,\"folders\":[\"/\",\"/images\",3]}";
	assert_int_equal(mt_media_page_from_body(BODY(keyed), &page, &skipped, &err), 0);
	assert_int_equal(page.nitems, 1);
	assert_int_equal(skipped, 3);
	const struct mt_media *m = &page.items[0];
	assert_string_equal(m->id, "7");
	assert_int_equal(m->size, 245000);
	assert_null(m->alt);
	assert_true(m->focal_x == 35.5);
	assert_true(m->focal_y == -1);     /* out of range: unknown */
	assert_int_equal(m->width, -1);    /* wrong type: unknown */
	assert_int_equal(page.total, 11);  /* never less than what was seen */
	assert_int_equal(page.nfolders, 2);
	mt_media_page_free(&page);
}

static void
test_bad_pages(void **state)
{
	struct mt_media_page page;
	struct mt_error err;
	assert_int_equal(mt_media_page_from_body(BODY("<html>oops</html>"), &page, NULL, &err), -1);
	assert_int_equal(err.kind, MT_ERR_PROTOCOL);
	assert_int_equal(mt_media_page_from_body(BODY("{\"data\":{}}"), &page, NULL, &err), -1);
	/* deep nesting must not crash */
	size_t n = 20000;
	char *deep = malloc(2 * n + 1);
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	deep[2 * n] = '\0';
	assert_int_equal(mt_media_page_from_body(deep, 2 * n, &page, NULL, &err), -1);
	free(deep);
	/* an enormous total is kept as a number, not trusted for memory */
	assert_int_equal(mt_media_page_from_body(BODY("{\"data\":[],\"total\":9007199254740991}"), &page, NULL, &err), 0);
	assert_int_equal(page.total, 9007199254740991LL);
	mt_media_page_free(&page);
}

static void
test_single_items(void **state)
{
	struct mt_media m;
	struct mt_error err;
	assert_int_equal(mt_media_item_from_body(BODY("{\"data\":{\"id\":\"x1\",\"alt\":\"\"}}"), &m, &err), 0);
	assert_string_equal(m.id, "x1");
	assert_string_equal(m.alt, "");
	mt_media_free(&m);
	assert_int_equal(mt_media_item_from_body(BODY("{\"id\":\"x2\",\"title\":\"T\"}"), &m, &err), 0);
	assert_string_equal(m.title, "T");
	mt_media_free(&m);
	assert_int_equal(mt_media_item_from_body(BODY("{\"success\":true}"), &m, &err), -1);
	assert_int_equal(mt_media_item_from_body(BODY("[]"), &m, &err), -1);
}

static void
test_folders(void **state)
{
	char **v;
	size_t n;
	struct mt_error err;
	assert_int_equal(mt_folders_from_body(BODY("{\"folders\":[\"/\",\"/a\",null]}"), &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1], "/a");
	mt_strv_free(v, n);
	assert_int_equal(mt_folders_from_body(BODY("[\"/\"]"), &v, &n, &err), 0);
	assert_int_equal(n, 1);
	mt_strv_free(v, n);
	assert_int_equal(mt_folders_from_body(BODY("{\"folders\":\"/\"}"), &v, &n, &err), -1);
	assert_true(mt_folder_path_valid("/"));
	assert_true(mt_folder_path_valid("/images/products"));
	assert_false(mt_folder_path_valid("images"));
	assert_false(mt_folder_path_valid("/a/"));
	assert_false(mt_folder_path_valid("/a//b"));
	assert_false(mt_folder_path_valid("/a/../b"));
	assert_false(mt_folder_path_valid("/./a"));
	assert_false(mt_folder_path_valid("/a\x1b[2J"));
}

/* The audit's folder limit: a folder and what is below it, not a namesake. */
static void
test_folder_within(void **state)
{
	(void)state;
	assert_true(mt_folder_within("/images", NULL));
	assert_true(mt_folder_within(NULL, "/"));
	assert_true(mt_folder_within("/images/team", "/images/team"));
	assert_true(mt_folder_within("/images/team/2026", "/images/team"));
	assert_false(mt_folder_within("/images/teams", "/images/team"));
	assert_false(mt_folder_within("/images", "/images/team"));
	assert_false(mt_folder_within(NULL, "/images"));
}

/* A hand-made response, as the engine would deliver it. */
static void
error_for(long status, const char *body, struct mt_error *err)
{
	struct mt_http_response r;
	memset(&r, 0, sizeof r);
	r.status = status;
	r.body = (char *)(uintptr_t)body;
	r.body_len = strlen(body);
	mt_http_error_from_response(&r, "doing it", err);
}

static void
test_error_shapes(void **state)
{
	struct mt_error err;
	error_for(400, "{\"error\":\"Focal point out of range\"}", &err);
	assert_string_equal(err.message, "doing it: Focal point out of range");
	assert_int_equal(err.kind, MT_ERR_HTTP);
	assert_int_equal(err.http_status, 400);
	error_for(403, "{\"error\":\"Plan storage limit reached\",\"code\":\"PLAN_LIMIT_REACHED\"}", &err);
	assert_int_equal(err.kind, MT_ERR_QUOTA);
	assert_string_equal(err.code, "PLAN_LIMIT_REACHED");
	error_for(400, "{\"error\":\"bad\",\"code\":\"X\",\"correlationId\":\"3c90c3cc-0d44\"}", &err);
	assert_string_equal(err.correlation_id, "3c90c3cc-0d44");
	error_for(422, "{\"detail\":[{\"loc\":[\"body\",\"blob\",\"byte_size\"],\"msg\":\"Field required\","
	               "\"type\":\"missing\"}]}", &err);
	assert_string_equal(err.message, "doing it: body.blob.byte_size: Field required");
	error_for(404, "{\"detail\":\"Not Found\"}", &err);
	assert_string_equal(err.message, "doing it: Not Found");
	error_for(500, "{\"message\":\"boom\"}", &err);
	assert_string_equal(err.message, "doing it: boom");
	error_for(502, "{\"error\":{\"message\":\"upstream\",\"code\":\"UPSTREAM\"}}", &err);
	assert_string_equal(err.code, "UPSTREAM");
	error_for(401, "<html>no</html>", &err);
	assert_int_equal(err.kind, MT_ERR_AUTH);
	assert_non_null(strstr(err.message, "API key"));
	/* a storage host's XML error: its reason, not a guess from the status */
	error_for(403, "<?xml version=\"1.0\"?>\n<Error><Code>QuotaExceeded</Code>"
	               "<Message>Storage quota &amp; more</Message></Error>", &err);
	assert_int_equal(err.kind, MT_ERR_QUOTA);
	assert_string_equal(err.code, "QuotaExceeded");
	assert_string_equal(err.message, "doing it: Storage quota & more");
	/* the code is printed once, beside the status */
	char xline[512];
	mt_error_format(&err, xline, sizeof xline);
	assert_string_equal(xline, "doing it: Storage quota & more (QuotaExceeded, HTTP 403)");
	error_for(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", &err);
	assert_int_equal(err.kind, MT_ERR_AUTH);
	assert_string_equal(err.message, "doing it: Request has expired");
	mt_error_format(&err, xline, sizeof xline);
	assert_string_equal(xline, "doing it: Request has expired (AccessDenied, HTTP 403)");
	/* a code without a message: the status's sentence, the code once */
	error_for(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>", &err);
	assert_string_equal(err.code, "SignatureDoesNotMatch");
	mt_error_format(&err, xline, sizeof xline);
	assert_string_equal(xline, "doing it: the API key is not allowed to do this"
	                           " (SignatureDoesNotMatch, HTTP 403)");
	error_for(400, "{\"error\":\"evil\\u001b[2Jname\"}", &err);
	assert_null(strchr(err.message, '\x1b'));
	assert_non_null(strstr(err.message, "^[[2J"));

	struct mt_http_response r;
	memset(&r, 0, sizeof r);
	r.body = (char *)(uintptr_t)"";
	snprintf(r.error, sizeof r.error, "Connection refused");
	mt_http_error_from_response(&r, "listing", &err);
	assert_int_equal(err.kind, MT_ERR_NET);
	assert_string_equal(err.message, "listing: Connection refused");

	char line[300];
	mt_error_set(&err, MT_ERR_HTTP, "no");
	err.http_status = 403;
	snprintf(err.code, sizeof err.code, "PLAN_LIMIT_REACHED");
	snprintf(err.correlation_id, sizeof err.correlation_id, "abc");
	mt_error_format(&err, line, sizeof line);
	assert_string_equal(line, "no (PLAN_LIMIT_REACHED, HTTP 403, correlation id abc)");
	char big[700];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	mt_error_set(&err, MT_ERR_IO, "%s", big);
	mt_error_prefix(&err, "file.png: ");
	assert_int_equal(strlen(err.message), sizeof err.message - 1);
	assert_memory_equal(err.message, "file.png: xxx", 13);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_and_keyed_pages),
		cmocka_unit_test(test_bad_pages),
		cmocka_unit_test(test_single_items),
		cmocka_unit_test(test_folders),
		cmocka_unit_test(test_folder_within),
		cmocka_unit_test(test_error_shapes),
	};
	return cmocka_run_group_tests_name("responses", tests, NULL, NULL);
}
