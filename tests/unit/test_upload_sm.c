/* test_upload_sm.c — the upload queue's state machine on a fake transport
 * and a fake dialect (upload_fake.c): every state a file goes through, the
 * engine's retries and their limit, a full plan, expired URLs, pause,
 * cancel, a crash and the journal, a file that changes while it is sent. */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "upload_fake.h"

#define PUT_A "PUT https://store.test/k-a.txt"
#define PUT_B "PUT https://store.test/k-b.txt"
#define OK_A "POST presign?name=a.txt|" PUT_A "|POST confirm?key=k-a.txt"

static struct mt_upload_job *
add(const char *name, const char *content)
{
	return mt_upload_queue_add(fx.q, fake_file(name, content));
}

/* The same file again, untouched (an earlier run queued it). */
static struct mt_upload_job *
again(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", fx.dir, name);
	return mt_upload_queue_add(fx.q, path);
}

/* The entries of a "|"-separated log that contain `needle`. */
static const char *
only(const char *log, const char *needle)
{
	static char out[2048];
	out[0] = '\0';
	char *copy = strdup(log);
	for (char *save = NULL, *e = strtok_r(copy, "|", &save); e; e = strtok_r(NULL, "|", &save)) {
		if (strstr(e, needle) == NULL)
			continue;
		if (out[0])
			strncat(out, "|", sizeof out - strlen(out) - 1);
		strncat(out, e, sizeof out - strlen(out) - 1);
	}
	free(copy);
	return out;
}

/* ---- the states of one file ---- */

static void
test_every_state_to_done(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	assert_int_equal(a->state, MT_JOB_QUEUED);
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), OK_A);
	assert_string_equal(fake_events(), "a.txt checking|a.txt starting|a.txt uploading|"
	                                   "a.txt confirming|a.txt done|done");
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_string_equal(a->remote_id, "m-a.txt");
	assert_int_equal(a->sent, 5);
	assert_int_equal(a->attempt, 0);
	assert_true(mt_upload_queue_finished(fx.q));
	assert_int_equal(fake_queue_done_count(), 1);
}

static void
test_hashing_before_presign(void **state)
{
	(void)state;
	fake_wants_md5 = true;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_events(), "a.txt checking|a.txt hashing|a.txt starting|"
	                                   "a.txt uploading|a.txt confirming|a.txt done|done");
	assert_string_equal(a->md5_b64, "XUFAKrxLKna5cZ2REBfFkg==");
	assert_string_equal(a->checksum, "XUFAKrxLKna5cZ2REBfFkg==");
	assert_int_equal(a->state, MT_JOB_DONE);
}

static void
test_server_has_it_already(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200, "{\"id\":\"m-old\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "POST presign?name=a.txt");
	assert_string_equal(fake_events(), "a.txt checking|a.txt starting|a.txt skipped|done");
	assert_int_equal(a->state, MT_JOB_SKIPPED);
	assert_non_null(strstr(a->why_skipped, "m-old"));
}

static void
test_listed_twice_sent_once(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *twice = mt_upload_queue_add(fx.q, a->path);
	assert_int_equal(twice->state, MT_JOB_SKIPPED);
	assert_non_null(strstr(twice->why_skipped, "listed twice"));
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), OK_A);
	assert_int_equal(a->state, MT_JOB_DONE);
}

static void
test_refused_before_anything_is_sent(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *gone = mt_upload_queue_add(fx.q, "/nonexistent/x.txt");
	assert_int_equal(gone->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(gone)->kind, MT_ERR_IO);
	struct mt_upload_job *dir = mt_upload_queue_add(fx.q, fx.dir);
	assert_int_equal(dir->state, MT_JOB_FAILED);
	assert_non_null(strstr(mt_upload_job_error(dir)->message, "directory"));
	struct mt_upload_job *bad = add("x.bad", "hello");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "");
	assert_string_equal(fake_events(), "x.bad checking|x.bad failed|done");
	assert_int_equal(mt_upload_job_error(bad)->kind, MT_ERR_REJECTED);
	assert_non_null(strstr(mt_upload_job_error(bad)->message, "fake does not accept x.bad"));
	/* a refusal repeats: asking again sends nothing */
	int refused = 0;
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, &refused), 0);
	assert_int_equal(refused, 3);
	fake_settle();
	assert_string_equal(fake_calls(), "");
}

/* ---- retries ---- */

static void
test_put_5xx_retried_by_the_engine(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script_retries(PUT_A, 2, 503, 200, "");
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "POST presign?name=a.txt|" PUT_A "|retry " PUT_A
	                                  " 1|retry " PUT_A " 2|POST confirm?key=k-a.txt");
	assert_string_equal(fake_events(), "a.txt checking|a.txt starting|a.txt uploading|"
	                                   "a.txt retry|a.txt retry|a.txt confirming|a.txt done|done");
	assert_int_equal(a->attempt, 2);
	assert_string_equal(a->retry_reason, "HTTP 503");
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(a->sent, 5);
}

static void
test_retry_limit_fails_with_the_reason(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script_retries(PUT_A, 5, 503, 503, "{\"message\":\"storage is down\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(only(fake_calls(), "confirm"), "");
	assert_string_equal(only(fake_events(), "retry"),
	                    "a.txt retry|a.txt retry|a.txt retry|a.txt retry|a.txt retry");
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(a)->http_status, 503);
	assert_non_null(strstr(mt_upload_job_error(a)->message, "storage is down"));
	assert_true(mt_upload_error_transient(mt_upload_job_error(a)));
	assert_int_equal(fake_queue_done_count(), 1);
}

static void
test_create_5xx_not_repeated_but_retried_later(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	/* presign is not marked safe to repeat: the engine hands back the 503 */
	fake_script_retries("presign?name=a.txt", 3, 503, 200, "{}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "POST presign?name=a.txt");
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(a)->http_status, 503);
	/* the user's retry puts it back, from the start */
	fake_script_ok("a.txt");
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 1);
	fake_settle();
	assert_string_equal(fake_calls(), OK_A);
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(fake_queue_done_count(), 2);
}

static void
test_dropped_connection(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script_retries(PUT_A, 5, 0, 0, "");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(a)->kind, MT_ERR_NET);
	assert_string_equal(mt_upload_job_error(a)->message, "uploading to storage: Connection reset by peer");
	assert_string_equal(a->retry_reason, "Connection reset by peer");
	assert_true(mt_upload_error_transient(mt_upload_job_error(a)));
	fake_calls();
	/* retried: the key the server gave is asked for again, not a new one */
	fake_script_ok("a.txt");
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 1);
	fake_settle();
	assert_string_equal(fake_calls(),
	                    "POST presign?name=a.txt&key=k-a.txt|" PUT_A "|POST confirm?key=k-a.txt");
	assert_int_equal(a->state, MT_JOB_DONE);
}

/* ---- a full plan ---- */

static void
test_quota_stops_the_queue(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	struct mt_upload_job *c = add("c.txt", "hello c");
	fake_script("presign?name=a.txt", 413,
	            "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"the plan is full\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	/* a hit the wall; c, still waiting, is not even tried; b was on its way */
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(a)->kind, MT_ERR_QUOTA);
	assert_non_null(strstr(mt_upload_job_error(a)->message, "the plan is full"));
	assert_int_equal(c->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(c)->kind, MT_ERR_QUOTA);
	assert_non_null(strstr(mt_upload_job_error(c)->message, "not started"));
	assert_true(fake_answer("presign?name=b.txt", 413,
	                        "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"the plan is full\"}"));
	fake_settle();
	assert_int_equal(b->state, MT_JOB_FAILED);
	assert_string_equal(fake_calls(), "POST presign?name=a.txt|POST presign?name=b.txt");
	/* nothing is repeated by itself; a file added now asks the server,
	 * which still says the plan is full: it fails with that answer */
	struct mt_upload_job *d = add("d.txt", "hello d");
	fake_script("presign?name=d.txt", 413,
	            "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"the plan is full\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(d->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_error(d)->kind, MT_ERR_QUOTA);
	assert_null(strstr(mt_upload_job_error(d)->message, "not started"));
	assert_string_equal(fake_calls(), "POST presign?name=d.txt");
	assert_int_equal(fake_queue_done_count(), 2);
	/* its own cause: not one that passes by itself; once space is freed,
	 * the user's retry takes them all */
	assert_false(mt_upload_error_transient(mt_upload_job_error(a)));
	assert_true(mt_upload_error_full(mt_upload_job_error(a)));
	assert_int_equal(mt_upload_job_cause(a), MT_UPLOAD_FULL);
	assert_int_equal(mt_upload_job_cause(c), MT_UPLOAD_FULL);
	struct mt_upload_tally t;
	mt_upload_queue_tally(fx.q, MT_UPLOAD_ALL, &t);
	assert_int_equal(t.full, 4);
	assert_int_equal(t.retryable, 0);
	assert_int_equal(t.refused, 0);
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 4);
}

/* -j 1 begins the next file while one is sent: b is presigned and waits
 * for the transfer slot when a's bytes are refused for a full storage. The
 * slot a frees does not start b: nothing more is sent once the storage is
 * said to be full. */
static void
test_quota_starts_nothing_waiting(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	struct mt_upload_job *c = add("c.txt", "hello c");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script("presign?name=b.txt", 200,
	            "{\"key\":\"k-b.txt\",\"url\":\"https://store.test/k-b.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	assert_true(b->waiting_slot);
	assert_int_equal(c->state, MT_JOB_QUEUED);
	fake_calls();
	assert_true(fake_answer(PUT_A, 403,
	                        "<Error><Code>QuotaExceeded</Code><Message>Storage quota exceeded"
	                        "</Message></Error>"));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_cause(a), MT_UPLOAD_FULL);
	assert_int_equal(b->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_cause(b), MT_UPLOAD_FULL);
	assert_non_null(strstr(mt_upload_job_error(b)->message, "not started"));
	assert_string_equal(mt_upload_job_error(b)->code, mt_upload_job_error(a)->code);
	assert_int_equal(c->state, MT_JOB_FAILED);
	assert_false(fake_in_flight(PUT_B, NULL));
	assert_string_equal(fake_calls(), "");
	assert_int_equal(fake_queue_done_count(), 1);
	/* once space is freed, R sends all three */
	struct mt_upload_tally t;
	mt_upload_queue_tally(fx.q, MT_UPLOAD_ALL, &t);
	assert_int_equal(t.full, 3);
}

/* Once the storage was full, a file queued later is not refused by the
 * queue's stop: it asks the server. Space back, it goes up; the files the
 * stop held stay failed until R. A file begun before the stop (b, waiting
 * for its slot) is still stopped when the later file is sent. */
static void
test_quota_a_file_added_later_asks_the_server(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 413,
	            "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"the plan is full\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_FAILED);
	/* b's presign went out with a's: answered now, it sends no bytes */
	assert_true(fake_answer("presign?name=b.txt", 200,
	                        "{\"key\":\"k-b.txt\",\"url\":\"https://store.test/k-b.txt\"}"));
	fake_settle();
	assert_int_equal(b->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_cause(b), MT_UPLOAD_FULL);
	fake_calls();
	/* space is back: the next file the user sends is tried and goes up */
	struct mt_upload_job *c = add("c.txt", "hello c");
	fake_script_ok("c.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(c->state, MT_JOB_DONE);
	assert_string_equal(fake_calls(),
	                    "POST presign?name=c.txt|PUT https://store.test/k-c.txt|POST confirm?key=k-c.txt");
	/* the files the full storage stopped wait for R */
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_int_equal(b->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 2);
}

/* Full again for a later batch: its first file's answer stops the rest of
 * that batch ("not started", with the server's reason), and a file queued
 * after that asks again. */
static void
test_quota_a_later_batch_stops_at_its_own_answer(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 413,
	            "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"the plan is full\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_FAILED);
	fake_calls();
	struct mt_upload_job *c = add("c.txt", "hello c");
	struct mt_upload_job *d = add("d.txt", "hello d");
	struct mt_upload_job *e = add("e.txt", "hello e");
	fake_script("presign?name=c.txt", 413,
	            "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"still full\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(c->state, MT_JOB_FAILED);
	assert_non_null(strstr(mt_upload_job_error(c)->message, "still full"));
	assert_int_equal(e->state, MT_JOB_FAILED);
	assert_non_null(strstr(mt_upload_job_error(e)->message, "not started: "));
	assert_non_null(strstr(mt_upload_job_error(e)->message, "still full"));
	/* d was begun with c (-j 1 begins two): answered, it sends nothing */
	assert_true(fake_answer("presign?name=d.txt", 200,
	                        "{\"key\":\"k-d.txt\",\"url\":\"https://store.test/k-d.txt\"}"));
	fake_settle();
	assert_int_equal(d->state, MT_JOB_FAILED);
	assert_int_equal(mt_upload_job_cause(d), MT_UPLOAD_FULL);
	assert_null(strstr(fake_calls(), "PUT"));
	/* R once space is freed: all four asked again, and sent */
	fake_script_ok("a.txt");
	fake_script_ok("c.txt");
	fake_script_ok("d.txt");
	fake_script_ok("e.txt");
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 4);
	fake_settle();
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(c->state, MT_JOB_DONE);
	assert_int_equal(d->state, MT_JOB_DONE);
	assert_int_equal(e->state, MT_JOB_DONE);
}

/* ---- expired URLs ---- */

static const char expired_xml[] =
	"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";

static void
test_expired_url_is_presigned_again(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script(PUT_A, 403, "%s", expired_xml);
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "POST presign?name=a.txt|" PUT_A
	                                  "|POST presign?name=a.txt&key=k-a.txt|" PUT_A
	                                  "|POST confirm?key=k-a.txt");
	assert_int_equal(a->presigns, 2);
	assert_non_null(strstr(a->retry_reason, "expired"));
	assert_int_equal(a->state, MT_JOB_DONE);
}

static void
test_url_keeps_expiring_on_put(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	for (int i = 0; i < 5; i++) {
		fake_script("presign?name=a.txt", 200,
		            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
		fake_script(PUT_A, 403, "%s", expired_xml);
	}
	mt_upload_queue_start(fx.q);
	fake_settle();
	const char *calls = fake_calls();
	assert_string_equal(only(calls, "PUT"), PUT_A "|" PUT_A "|" PUT_A "|" PUT_A);
	assert_int_equal(a->presigns, 4);
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_string_equal(mt_upload_job_error(a)->code, "URL_EXPIRED");
	/* an expired URL passes by itself: the user's retry must take it */
	assert_true(mt_upload_error_transient(mt_upload_job_error(a)));
	fake_script_ok("a.txt");
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 1);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
}

static void
test_url_expired_while_waiting_for_a_slot(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script("presign?name=b.txt", 200,
	            "{\"key\":\"k-b.txt\",\"url\":\"https://store.test/k-b.txt\",\"expires\":%lld}",
	            (long long)fake_now_s + 600);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	assert_int_equal(b->state, MT_JOB_STARTING);
	assert_true(b->waiting_slot);
	/* twenty minutes on a slow upload: b's URL is gone when its turn comes */
	fake_advance_ms(1200 * 1000);
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	fake_script_ok("b.txt");
	assert_true(fake_answer(PUT_A, 200, ""));
	fake_settle();
	assert_string_equal(only(fake_calls(), "b.txt"),
	                    "POST presign?name=b.txt|POST presign?name=b.txt&key=k-b.txt|" PUT_B
	                    "|POST confirm?key=k-b.txt");
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(b->state, MT_JOB_DONE);
	assert_int_equal(b->presigns, 2);
}

static void
test_url_keeps_expiring_before_the_put(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	for (int i = 0; i < 5; i++)
		fake_script("presign?name=a.txt", 200,
		            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\",\"expires\":%lld}",
		            (long long)fake_now_s + 10);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(only(fake_calls(), "PUT"), "");
	assert_int_equal(a->presigns, 4);
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_non_null(strstr(mt_upload_job_error(a)->message, "keep expiring"));
}

/* ---- pause ---- */

static void
test_a_confirm_does_not_hold_back_the_next_presign(void **state)
{
	(void)state;
	/* -j 1: room for two files before their confirm. A file waiting for
	 * its confirm takes none of it, so the file after the one now sending
	 * is presigned meanwhile instead of after that confirm's round trip. */
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	struct mt_upload_job *c = add("c.txt", "hello c");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script("presign?name=b.txt", 200,
	            "{\"key\":\"k-b.txt\",\"url\":\"https://store.test/k-b.txt\"}");
	fake_script("presign?name=c.txt", 200,
	            "{\"key\":\"k-c.txt\",\"url\":\"https://store.test/k-c.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	assert_int_equal(c->state, MT_JOB_QUEUED);
	/* a's bytes are out, its confirm unanswered; b sends */
	assert_true(fake_answer(PUT_A, 200, ""));
	fake_settle();
	assert_true(fake_in_flight("POST confirm?key=k-a.txt", NULL));
	assert_true(fake_in_flight(PUT_B, NULL));
	assert_int_equal(a->state, MT_JOB_CONFIRMING);
	assert_string_equal(only(fake_calls(), "c.txt"), "POST presign?name=c.txt");
	assert_int_equal(c->state, MT_JOB_STARTING);
	assert_true(c->waiting_slot);
	/* everything ends, in any order */
	fake_script("PUT https://store.test/k-c.txt", 200, "%s", "");
	fake_script("confirm?key=k-b.txt", 200, "{\"id\":\"m-b\"}");
	fake_script("confirm?key=k-c.txt", 200, "{\"id\":\"m-c\"}");
	assert_true(fake_answer(PUT_B, 200, ""));
	assert_true(fake_answer("POST confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}"));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(b->state, MT_JOB_DONE);
	assert_int_equal(c->state, MT_JOB_DONE);
}

static void
test_pause_keeps_the_transfer_and_holds_the_next_step(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script_ok("b.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_progress(PUT_A, 2));
	assert_int_equal(a->sent, 2);
	fake_calls();
	mt_upload_queue_pause(fx.q, true);
	assert_true(mt_upload_queue_paused(fx.q));
	bool paused = false;
	assert_true(fake_in_flight(PUT_A, &paused));
	assert_true(paused);
	assert_string_equal(fake_calls(), "pause " PUT_A);
	/* the bytes arrive while paused: confirming waits */
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	assert_true(fake_answer(PUT_A, 200, ""));
	struct mt_upload_job *c = add("c.txt", "hello c");
	fake_script_ok("c.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "");
	assert_int_equal(a->state, MT_JOB_UPLOADING);
	assert_true(a->held);
	assert_int_equal(b->state, MT_JOB_STARTING);
	assert_int_equal(c->state, MT_JOB_QUEUED);
	mt_upload_queue_pause(fx.q, false);
	fake_settle();
	const char *calls = fake_calls();
	assert_string_equal(only(calls, "a.txt"), "POST confirm?key=k-a.txt");
	assert_string_equal(only(calls, "b.txt"), PUT_B "|POST confirm?key=k-b.txt");
	assert_string_equal(only(calls, "c.txt"), "POST presign?name=c.txt|"
	                    "PUT https://store.test/k-c.txt|POST confirm?key=k-c.txt");
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(b->state, MT_JOB_DONE);
	assert_int_equal(c->state, MT_JOB_DONE);
	assert_false(a->held);
}

static void
test_pause_while_hashing(void **state)
{
	(void)state;
	fake_wants_md5 = true;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	assert_int_equal(a->state, MT_JOB_HASHING);
	mt_upload_queue_pause(fx.q, true);
	fake_settle();
	fake_advance_ms(1000);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_HASHING);
	assert_string_equal(fake_calls(), "");
	mt_upload_queue_pause(fx.q, false);
	/* hashing looks again after its pause interval: time passes, no sleep */
	fake_advance_ms(200);
	fake_settle();
	assert_string_equal(fake_calls(), OK_A);
	assert_int_equal(a->state, MT_JOB_DONE);
}

static void
test_paused_before_start(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	mt_upload_queue_pause(fx.q, true);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_QUEUED);
	assert_string_equal(fake_calls(), "");
	assert_string_equal(fake_events(), "");
	mt_upload_queue_pause(fx.q, false);
	fake_settle();
	assert_string_equal(fake_calls(), OK_A);
	assert_int_equal(a->state, MT_JOB_DONE);
}

/* ---- cancel ---- */

static void
test_cancel_one_file(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	struct mt_upload_job *c = add("c.txt", "hello c");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script_ok("b.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(c->state, MT_JOB_QUEUED);
	fake_calls();
	fake_events();
	mt_upload_job_cancel(c);      /* waiting: never sent */
	mt_upload_job_cancel(a);      /* in the middle of its PUT */
	assert_int_equal(a->state, MT_JOB_CANCELLED);
	assert_int_equal(mt_upload_job_error(a)->kind, MT_ERR_CANCELLED);
	assert_false(fake_in_flight(PUT_A, NULL));
	fake_settle();
	assert_string_equal(fake_calls(), "cancel " PUT_A "|" PUT_B "|POST confirm?key=k-b.txt");
	assert_string_equal(fake_events(), "c.txt cancelled|a.txt cancelled|b.txt uploading|"
	                                   "b.txt confirming|b.txt done|done");
	assert_int_equal(b->state, MT_JOB_DONE);
	assert_int_equal(c->state, MT_JOB_CANCELLED);
	/* cancelled stays cancelled */
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 0);
	mt_upload_job_cancel(b);
	assert_int_equal(b->state, MT_JOB_DONE);
}

static void
test_cancel_the_queue(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	add("a.txt", "hello");
	add("b.txt", "hello b");
	add("c.txt", "hello c");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	assert_true(fake_in_flight("presign?name=b.txt", NULL));
	fake_calls();
	/* the batch command on ^C, the panel on its cancel-all key: the
	 * waiting c must not be begun (opened, journaled, presigned) on the way */
	mt_upload_queue_cancel(fx.q, NULL);
	fake_settle();
	assert_string_equal(fake_calls(), "cancel " PUT_A "|cancel POST presign?name=b.txt");
	for (int i = 0; i < mt_upload_queue_count(fx.q); i++)
		assert_int_equal(mt_upload_queue_job(fx.q, i)->state, MT_JOB_CANCELLED);
	assert_int_equal(fake_queue_done_count(), 1);
}

static void
test_free_with_requests_in_flight(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	add("a.txt", "hello");
	add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	fake_calls();
	mt_upload_queue_free(fx.q);
	fx.q = NULL;
	assert_string_equal(only(fake_calls(), "cancel"),
	                    "cancel " PUT_A "|cancel POST presign?name=b.txt");
	assert_false(fake_in_flight("", NULL));
	fake_settle();
}

/* ---- a crash, and the journal ---- */

static void
crash_midway(int report)
{
	fx.q = fake_queue(true, 1);
	add("a.txt", "hello");
	add("b.txt", "hello b");
	add("c.txt", "hello c");
	fake_script_ok("a.txt");
	fake_script("presign?name=b.txt", 200,
	            "{\"key\":\"k-b.txt\",\"url\":\"https://store.test/k-b.txt\"}");
	fake_script("presign?name=c.txt", 200,
	            "{\"key\":\"k-c.txt\",\"url\":\"https://store.test/k-c.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_job *a = mt_upload_queue_job(fx.q, 0);
	struct mt_upload_job *c = mt_upload_queue_job(fx.q, 2);
	char ok = a->state == MT_JOB_DONE && fake_in_flight(PUT_B, NULL) &&
	          c->state == MT_JOB_STARTING ? 'y' : 'n';
	(void)!write(report, &ok, 1);
	raise(SIGKILL);
	_exit(3);
}

static void
test_resume_after_a_crash(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		crash_midway(p[1]);
	}
	close(p[1]);
	char ok = 0;
	assert_int_equal(read(p[0], &ok, 1), 1);
	close(p[0]);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_int_equal(ok, 'y');

	/* the next run: a is not sent again; b and c go on with their keys */
	fx.q = fake_queue(true, 1);
	struct mt_upload_job *a = again("a.txt");
	struct mt_upload_job *b = again("b.txt");
	struct mt_upload_job *c = again("c.txt");
	fake_script_ok("b.txt");
	fake_script_ok("c.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	const char *calls = fake_calls();
	assert_string_equal(only(calls, "a.txt"), "");
	assert_string_equal(only(calls, "b.txt"), "POST presign?name=b.txt&key=k-b.txt|" PUT_B
	                                          "|POST confirm?key=k-b.txt");
	assert_string_equal(only(calls, "c.txt"), "POST presign?name=c.txt&key=k-c.txt|"
	                    "PUT https://store.test/k-c.txt|POST confirm?key=k-c.txt");
	assert_int_equal(a->state, MT_JOB_SKIPPED);
	assert_non_null(strstr(a->why_skipped, "journal"));
	assert_string_equal(a->remote_id, "m-a.txt");
	assert_int_equal(b->state, MT_JOB_DONE);
	assert_int_equal(c->state, MT_JOB_DONE);
	mt_upload_queue_free(fx.q);

	/* and the one after sends nothing at all */
	fx.q = fake_queue(true, 1);
	again("a.txt");
	again("b.txt");
	again("c.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(), "");
	for (int i = 0; i < 3; i++)
		assert_int_equal(mt_upload_queue_job(fx.q, i)->state, MT_JOB_SKIPPED);
}

static void
test_failed_file_is_sent_on_the_next_run(void **state)
{
	(void)state;
	fx.q = fake_queue(true, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script_retries(PUT_A, 5, 503, 503, "");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_FAILED);
	mt_upload_queue_free(fx.q);
	fake_calls();
	fx.q = fake_queue(true, 1);
	a = again("a.txt");
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_string_equal(fake_calls(),
	                    "POST presign?name=a.txt&key=k-a.txt|" PUT_A "|POST confirm?key=k-a.txt");
	assert_int_equal(a->state, MT_JOB_DONE);
}

/* ---- the file changes ---- */

static void
test_file_changed_during_the_put(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	fake_file("a.txt", "hello, and more written meanwhile");
	assert_true(fake_answer(PUT_A, 200, ""));
	fake_settle();
	assert_string_equal(only(fake_calls(), "confirm"), "");
	assert_int_equal(a->state, MT_JOB_FAILED);
	assert_non_null(strstr(mt_upload_job_error(a)->message, "changed while it was being uploaded"));
}

/* A dialect whose transfer stored the item (clearcms multipart) has nothing
 * left to withhold: a change after the bytes went whole makes it done with
 * a note, not failed (a retry would store it twice). */
static void
test_file_changed_after_a_storing_transfer(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight(PUT_A, NULL));
	a->stored = true;   /* as clearcms's multipart answer sets it */
	fake_file("a.txt", "hello, and more written meanwhile");
	assert_true(fake_answer(PUT_A, 200, ""));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_true(a->changed_after_sent);
	assert_int_equal(mt_upload_job_error(a)->kind, MT_ERR_NONE);
}

static void
test_file_touched_before_its_put(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 200,
	            "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}");
	fake_script("presign?name=b.txt", 200,
	            "{\"key\":\"k-b.txt\",\"url\":\"https://store.test/k-b.txt\"}");
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(b->waiting_slot);
	/* the same size, another time: rewritten in place */
	struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, b->path, times, 0), 0);
	assert_true(fake_answer(PUT_A, 200, ""));
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(b->state, MT_JOB_FAILED);
	assert_non_null(strstr(mt_upload_job_error(b)->message, "changed while it was being uploaded"));
	assert_string_equal(only(fake_calls(), "b.txt"), "POST presign?name=b.txt");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_setup, fake_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_state_to_done),
		T(test_hashing_before_presign),
		T(test_server_has_it_already),
		T(test_listed_twice_sent_once),
		T(test_refused_before_anything_is_sent),
		T(test_put_5xx_retried_by_the_engine),
		T(test_retry_limit_fails_with_the_reason),
		T(test_create_5xx_not_repeated_but_retried_later),
		T(test_dropped_connection),
		T(test_quota_stops_the_queue),
		T(test_quota_starts_nothing_waiting),
		T(test_quota_a_file_added_later_asks_the_server),
		T(test_quota_a_later_batch_stops_at_its_own_answer),
		T(test_expired_url_is_presigned_again),
		T(test_url_keeps_expiring_on_put),
		T(test_url_expired_while_waiting_for_a_slot),
		T(test_url_keeps_expiring_before_the_put),
		T(test_a_confirm_does_not_hold_back_the_next_presign),
		T(test_pause_keeps_the_transfer_and_holds_the_next_step),
		T(test_pause_while_hashing),
		T(test_paused_before_start),
		T(test_cancel_one_file),
		T(test_cancel_the_queue),
		T(test_free_with_requests_in_flight),
		T(test_resume_after_a_crash),
		T(test_failed_file_is_sent_on_the_next_run),
		T(test_file_changed_during_the_put),
		T(test_file_touched_before_its_put),
		T(test_file_changed_after_a_storing_transfer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
