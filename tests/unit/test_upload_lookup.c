/* test_upload_lookup.c — a file the journal says went up before, on the
 * fake transport and dialect (upload_fake.c): the server is asked whether
 * that copy is still there; gone, the file is sent again and its record
 * replaced; there, it is skipped; a failed question fails the file with a
 * reason a retry may pass and leaves the record as it was; a dialect that
 * cannot ask skips it, saying how to send it anyway. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "upload_fake.h"

#define OK_A "POST presign?name=a.txt|PUT https://store.test/k-a.txt|POST confirm?key=k-a.txt"

/* A run of one file, a.txt, with a fresh queue on the journal. */
static struct mt_upload_job *
run_a(void)
{
	mt_upload_queue_free(fx.q);
	fx.q = fake_queue(true, 1);
	struct mt_upload_job *a = mt_upload_queue_add(fx.q, fake_file("a.txt", "hello"));
	mt_upload_queue_start(fx.q);
	fake_settle();
	return a;
}

/* a.txt uploaded once: the journal has it as m-a.txt */
static void
uploaded_once(void)
{
	fake_script_ok("a.txt");
	struct mt_upload_job *a = run_a();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_string_equal(fake_calls(), OK_A);
	/* and the next one remakes the file as it was: same size, same time */
}

static struct mt_upload_job *
rerun_a(void)
{
	mt_upload_queue_free(fx.q);
	fx.q = fake_queue(true, 1);
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", fx.dir);
	struct mt_upload_job *a = mt_upload_queue_add(fx.q, path);
	mt_upload_queue_start(fx.q);
	fake_settle();
	return a;
}

static void
test_gone_is_sent_again(void **state)
{
	(void)state;
	uploaded_once();
	fake_can_lookup = true;
	fake_script("lookup?id=m-a.txt", 404, "%s", "{\"error\":\"Not found\"}");
	fake_script_ok("a.txt");
	struct mt_upload_job *a = rerun_a();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt|" OK_A);
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_string_equal(a->replaced_id, "m-a.txt");
	assert_string_equal(a->why_sent, "the earlier copy (m-a.txt) is gone from the server: sent again");
	assert_string_equal(a->why_skipped, "");
	assert_string_equal(a->remote_id, "m-a.txt");

	/* the record was replaced: the next run asks about the new copy */
	fake_script("lookup?id=m-a.txt", 200, "%s", "{\"id\":\"m-a.txt\"}");
	a = rerun_a();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt");
	assert_int_equal(a->state, MT_JOB_SKIPPED);
	assert_null(a->replaced_id);
	assert_non_null(strstr(a->why_skipped, "still on the server"));
}

static void
test_still_there_is_skipped(void **state)
{
	(void)state;
	uploaded_once();
	fake_can_lookup = true;
	fake_script("lookup?id=m-a.txt", 200, "%s", "{\"id\":\"m-a.txt\"}");
	struct mt_upload_job *a = rerun_a();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt");
	assert_int_equal(a->state, MT_JOB_SKIPPED);
	assert_string_equal(a->remote_id, "m-a.txt");
	assert_string_equal(a->why_skipped, "still on the server: uploaded to /in before (m-a.txt)");
}

static void
test_failed_question_is_neither_skip_nor_send(void **state)
{
	(void)state;
	uploaded_once();
	fake_can_lookup = true;
	fake_script_retries("lookup?id=m-a.txt", 5, 503, 503, "{\"error\":\"busy\"}");
	struct mt_upload_job *a = rerun_a();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt|retry GET lookup?id=m-a.txt 1|"
	                    "retry GET lookup?id=m-a.txt 2|retry GET lookup?id=m-a.txt 3|"
	                    "retry GET lookup?id=m-a.txt 4|retry GET lookup?id=m-a.txt 5");
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_true(mt_upload_job_retryable(a));
	assert_non_null(strstr(mt_upload_job_error(a)->message,
	                       "could not check whether the earlier copy (m-a.txt) is still on the server"));

	/* R: asked again, and this time it is there */
	fake_script("lookup?id=m-a.txt", 200, "%s", "{\"id\":\"m-a.txt\"}");
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 1);
	fake_settle();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt");
	assert_int_equal(a->state, MT_JOB_SKIPPED);

	/* a failed question in one run left the journal's record as it was:
	 * the next run asks again instead of sending a second copy */
	fake_script_retries("lookup?id=m-a.txt", 5, 503, 503, "");
	a = rerun_a();
	assert_int_equal(a->state, MT_JOB_FAILED);
	fake_calls();
	fake_script("lookup?id=m-a.txt", 200, "%s", "{\"id\":\"m-a.txt\"}");
	a = rerun_a();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt");
	assert_int_equal(a->state, MT_JOB_SKIPPED);
}

static void
test_gone_while_paused_waits(void **state)
{
	(void)state;
	uploaded_once();
	fake_can_lookup = true;
	mt_upload_queue_free(fx.q);
	fx.q = fake_queue(true, 1);
	char path[128];
	snprintf(path, sizeof path, "%s/a.txt", fx.dir);
	struct mt_upload_job *a = mt_upload_queue_add(fx.q, path);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "GET lookup?id=m-a.txt");
	assert_int_equal(a->state, MT_JOB_VERIFYING);
	mt_upload_queue_pause(fx.q, true);
	assert_true(fake_answer("lookup?id=m-a.txt", 404, ""));
	fake_settle();
	fake_advance_ms(1000);
	fake_settle();
	/* nothing new while paused */
	assert_string_equal(fake_calls(), "pause GET lookup?id=m-a.txt");
	assert_int_equal(a->state, MT_JOB_CHECKING);
	fake_script_ok("a.txt");
	mt_upload_queue_pause(fx.q, false);
	fake_advance_ms(1000);
	fake_settle();
	assert_string_equal(fake_calls(), OK_A);
	assert_int_equal(a->state, MT_JOB_DONE);
}

static void
test_cannot_ask_says_how_to_send_anyway(void **state)
{
	(void)state;
	uploaded_once();
	struct mt_upload_job *a = rerun_a();
	assert_string_equal(fake_calls(), "");
	assert_int_equal(a->state, MT_JOB_SKIPPED);
	assert_non_null(strstr(a->why_skipped, "cannot be asked"));
	assert_non_null(strstr(a->why_skipped, "touch the file"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_setup, fake_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_gone_is_sent_again),
		T(test_still_there_is_skipped),
		T(test_failed_question_is_neither_skip_nor_send),
		T(test_gone_while_paused_waits),
		T(test_cannot_ask_says_how_to_send_anyway),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
