/* test_upload_retry.c — a file between a failed try and the next one, on
 * the fake transport (upload_fake.c): it waits to try again with the try,
 * the cause and the time left said, and the bytes of the failed try no
 * longer count as sent, whether the engine repeats a storage PUT or
 * clearcms asks the library before it posts a lost multipart create again. */
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
#include "upload_fake.h"

#define PUT_A "PUT https://store.test/k-a.txt"
#define SVG "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>\n"

static int64_t
sent_in_all(void)
{
	int64_t sent = -1, total = -1;
	mt_upload_queue_totals(fx.q, &sent, &total);
	return sent;
}

/* One file presigned, its PUT in flight with every byte out. */
static struct mt_upload_job *
put_in_flight(void)
{
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = mt_upload_queue_add(fx.q, fake_file("a.txt", "hello"));
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	assert_true(fake_progress(PUT_A, 5));
	assert_int_equal(a->sent, 5);
	assert_int_equal(sent_in_all(), 5);
	return a;
}

static void
test_dropped_put_waits_with_its_bytes_back(void **state)
{
	(void)state;
	struct mt_upload_job *a = put_in_flight();
	assert_false(mt_upload_job_retry_wait(a, NULL));
	/* the connection dropped: the engine tries again in 3 s */
	assert_true(fake_retry(PUT_A, 0, 56, 2, 3000));
	struct mt_upload_wait w;
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.next_try, 2);
	assert_int_equal(w.tries, 6);
	assert_int_equal(w.left_ms, 3000);
	assert_int_equal(w.cause, MT_RETRY_DROPPED);
	assert_int_equal(a->attempt, 1);
	/* none of the failed try is on the server */
	assert_int_equal(a->sent, 0);
	assert_int_equal(sent_in_all(), 0);
	fake_advance_ms(2000);
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.left_ms, 1000);
	/* its time has come: the try is under way */
	fake_advance_ms(1000);
	assert_false(mt_upload_job_retry_wait(a, NULL));
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	assert_true(fake_answer(PUT_A, 200, ""));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(a->sent, 5);
}

static void
test_5xx_and_stall_causes_and_a_try_that_moves(void **state)
{
	(void)state;
	struct mt_upload_job *a = put_in_flight();
	assert_true(fake_retry(PUT_A, 503, 0, 2, 800));
	struct mt_upload_wait w;
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.cause, MT_RETRY_ANSWER);
	assert_int_equal(w.status, 503);
	assert_string_equal(w.reason, "HTTP 503");
	assert_int_equal(a->sent, 0);
	/* bytes moving again end the wait, whatever the clock says */
	assert_true(fake_progress(PUT_A, 3));
	assert_false(mt_upload_job_retry_wait(a, NULL));
	assert_int_equal(sent_in_all(), 3);
	/* stalled (libcurl's timeout): try 3, and the bytes back to none again */
	assert_true(fake_retry(PUT_A, 0, 28, 3, 1500));
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.cause, MT_RETRY_STALLED);
	assert_int_equal(w.next_try, 3);
	assert_int_equal(a->attempt, 2);
	assert_int_equal(sent_in_all(), 0);
	/* a cancel while it waits: no wait is left */
	assert_int_equal(mt_upload_job_cancel(a), MT_UPLOAD_CANCELLED);
	assert_false(mt_upload_job_retry_wait(a, NULL));
}

/* clearcms, one small file: the library says it has none of that name,
 * and the multipart create is in flight. */
static struct mt_upload_job *
clearcms_create_in_flight(void)
{
	fx.site.dialect = mt_dialect_find("clearcms");
	assert_non_null(fx.site.dialect);
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = mt_upload_queue_add(fx.q, fake_file("a.svg", SVG));
	fake_script("GET api/v1/media?search=a.svg", 200, "{\"data\":[]}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	return a;
}

/* clearcms: a small file goes in one multipart POST, which creates an item
 * and is not repeated blindly; after it drops, the library is asked
 * whether it arrived, and the POST is tried again after a backoff. */
static void
test_lost_multipart_create_waits_for_its_check(void **state)
{
	(void)state;
	struct mt_upload_job *a = clearcms_create_in_flight();
	int64_t size = (int64_t)strlen(SVG);
	assert_true(fake_in_flight("POST api/v1/media", NULL));
	assert_true(fake_progress("POST api/v1/media", size));
	assert_int_equal(sent_in_all(), size);
	/* the connection drops before the answer */
	assert_true(fake_answer("POST api/v1/media", 0, ""));
	fake_settle();
	assert_true(fake_in_flight("GET api/v1/media?search=a.svg", NULL));
	/* the bytes are not on the server: the bar and the totals say none */
	assert_int_equal(a->sent, 0);
	assert_int_equal(sent_in_all(), 0);
	assert_int_equal(a->state, MT_JOB_UPLOADING);
	struct mt_upload_wait w;
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.left_ms, -1);
	assert_int_equal(w.next_try, 2);
	assert_int_equal(w.tries, 5);
	assert_int_equal(w.cause, MT_RETRY_DROPPED);
	/* the check's own retry does not change what the job waits for */
	assert_true(fake_retry("GET api/v1/media?search=a.svg", 502, 0, 2, 400));
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.left_ms, -1);
	assert_int_equal(w.next_try, 2);
	assert_int_equal(w.cause, MT_RETRY_DROPPED);
	/* not there: the POST again after the backoff */
	assert_true(fake_answer("GET api/v1/media?search=a.svg", 200, "{\"data\":[]}"));
	fake_settle();
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_true(w.left_ms > 0);
	assert_false(fake_in_flight("POST api/v1/media", NULL));
	fake_advance_ms((uint64_t)w.left_ms);
	fake_settle();
	assert_false(mt_upload_job_retry_wait(a, NULL));
	assert_true(fake_in_flight("POST api/v1/media", NULL));
	assert_true(fake_answer("POST api/v1/media", 201,
	                        "{\"data\":[{\"id\":\"m-1\",\"url\":\"https://x.test/a.svg\"}]}"));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(a->sent, size);
}

/* clearcms answers a multipart create 429: the server asked to wait, and
 * the wait does not count towards the tries (a busy server would use them
 * up with its "later"). The wait says so instead of a count ("retry 2 of
 * 5" after every 429, the same try each time); a failure after them is
 * still the second try. */
static void
test_429_waits_as_asked_without_a_count(void **state)
{
	(void)state;
	struct mt_upload_job *a = clearcms_create_in_flight();
	struct mt_upload_wait w;
	for (int i = 0; i < 3; i++) {
		assert_true(fake_in_flight("POST api/v1/media", NULL));
		assert_true(fake_answer("POST api/v1/media", 429, ""));
		fake_settle();
		assert_true(mt_upload_job_retry_wait(a, &w));
		assert_false(w.counted);
		assert_int_equal(w.cause, MT_RETRY_ANSWER);
		assert_int_equal(w.status, 429);
		assert_int_equal(w.left_ms, 2000);   /* no Retry-After: 2 s */
		fake_advance_ms(2000);
		fake_settle();
		assert_false(mt_upload_job_retry_wait(a, NULL));
	}
	/* a dropped create after them: the second try comes, counted */
	assert_true(fake_answer("POST api/v1/media", 0, ""));
	fake_settle();
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_true(w.counted);
	assert_int_equal(w.next_try, 2);
	assert_int_equal(w.tries, 5);
	assert_int_equal(w.cause, MT_RETRY_DROPPED);
}

/* A server that answers every create 429 is not waited for for ever: the
 * file fails after MT_UPLOAD_RATE_WAITS_MAX answers, saying why, and R
 * sends it again with a fresh count. A Retry-After of a day is waited for
 * 5 minutes at most, as the engine does. */
static void
test_429_for_ever_fails_the_file(void **state)
{
	(void)state;
	struct mt_upload_job *a = clearcms_create_in_flight();
	struct mt_upload_wait w;
	for (int i = 1; i < MT_UPLOAD_RATE_WAITS_MAX; i++) {
		assert_true(fake_in_flight("POST api/v1/media", NULL));
		fake_retry_after = "86400";
		assert_true(fake_answer("POST api/v1/media", 429, ""));
		fake_retry_after = NULL;
		fake_settle();
		assert_true(mt_upload_job_retry_wait(a, &w));
		assert_int_equal(w.left_ms, MT_UPLOAD_RATE_WAIT_MAX_MS);
		fake_advance_ms((uint64_t)MT_UPLOAD_RATE_WAIT_MAX_MS);
		fake_settle();
	}
	assert_true(fake_answer("POST api/v1/media", 429, ""));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_false(fake_in_flight("POST api/v1/media", NULL));
	const struct mt_error *err = mt_upload_job_error(a);
	assert_int_equal(err->http_status, 429);
	assert_non_null(strstr(err->message, "(HTTP 429) 20 times"));
	/* R: a fresh count, the create asked again */
	fake_script("GET api/v1/media?search=a.svg", 200, "{\"data\":[]}");
	int refused = 0;
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, &refused), 1);
	fake_settle();
	fake_advance_ms(1000);   /* the queue's next turn */
	fake_settle();
	assert_true(fake_in_flight("POST api/v1/media", NULL));
	assert_true(fake_answer("POST api/v1/media", 429, ""));
	fake_settle();
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_false(w.counted);
}

/* Every other wait is counted. */
static void
test_engine_retry_is_counted(void **state)
{
	(void)state;
	struct mt_upload_job *a = put_in_flight();
	assert_true(fake_retry(PUT_A, 429, 0, 2, 3000));
	struct mt_upload_wait w;
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_true(w.counted);
	assert_int_equal(w.next_try, 2);
}

/* The wait in words, one way for every face (the panel's rows and
 * details, upload --progress): the try that comes, of how many, when, why.
 * The row's state word said "retrying 1" beside "retry 2 of 6" and
 * --progress "attempt 2", each its own count. */
static void
test_the_wait_in_words(void **state)
{
	(void)state;
	char buf[200];
	struct mt_upload_job *a = put_in_flight();
	assert_true(fake_retry(PUT_A, 0, 56, 2, 3000));
	struct mt_upload_wait w;
	assert_true(mt_upload_job_retry_wait(a, &w));
	mt_upload_wait_text(&w, buf, sizeof buf);
	assert_string_equal(buf, "retry 2 of 6 in 3s: the connection dropped");
	fake_advance_ms(1500);
	assert_true(mt_upload_job_retry_wait(a, &w));
	mt_upload_wait_text(&w, buf, sizeof buf);
	assert_string_equal(buf, "retry 2 of 6 in 2s: the connection dropped");
	assert_true(fake_retry(PUT_A, 503, 0, 3, 800));
	assert_true(mt_upload_job_retry_wait(a, &w));
	mt_upload_wait_text(&w, buf, sizeof buf);
	assert_string_equal(buf, "retry 3 of 6 in 1s: the server answered 503");
	/* a 429 the engine repeats is counted as the engine counts it */
	assert_true(fake_retry(PUT_A, 429, 0, 4, 5000));
	assert_true(mt_upload_job_retry_wait(a, &w));
	mt_upload_wait_text(&w, buf, sizeof buf);
	assert_string_equal(buf, "retry 4 of 6 in 5s: rate limited by the server");
	/* no answer for another reason: the engine's words, made safe */
	w.cause = MT_RETRY_OTHER;
	w.reason = "bad \033[2Jthing";
	w.left_ms = -1;
	mt_upload_wait_text(&w, buf, sizeof buf);
	assert_null(strchr(buf, '\033'));
	assert_non_null(strstr(buf, "retry 4 of 6 after a check: no answer (bad "));
}

/* clearcms answers a create 429 with Retry-After: the wait is the one the
 * server asked for, told in the same words, the reason "rate limited". */
static void
test_429_waits_its_retry_after(void **state)
{
	(void)state;
	struct mt_upload_job *a = clearcms_create_in_flight();
	fake_retry_after = "7";
	assert_true(fake_answer("POST api/v1/media", 429, ""));
	fake_retry_after = NULL;
	fake_settle();
	struct mt_upload_wait w;
	assert_true(mt_upload_job_retry_wait(a, &w));
	assert_int_equal(w.left_ms, 7000);
	char buf[200];
	mt_upload_wait_text(&w, buf, sizeof buf);
	assert_string_equal(buf, "retry in 7s: rate limited by the server");
	fake_advance_ms(6999);
	fake_settle();
	assert_false(fake_in_flight("POST api/v1/media", NULL));
	fake_advance_ms(1);
	fake_settle();
	assert_true(fake_in_flight("POST api/v1/media", NULL));
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_setup, fake_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dropped_put_waits_with_its_bytes_back),
		T(test_5xx_and_stall_causes_and_a_try_that_moves),
		T(test_lost_multipart_create_waits_for_its_check),
		T(test_429_waits_as_asked_without_a_count),
		T(test_engine_retry_is_counted),
		T(test_the_wait_in_words),
		T(test_429_waits_its_retry_after),
		T(test_429_for_ever_fails_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
