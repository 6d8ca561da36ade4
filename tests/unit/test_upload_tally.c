/* test_upload_tally.c — what the upload queue counts for the end of a
 * batch (mt_upload_queue_tally): a run is the jobs queued since the queue
 * was last idle, so a batch after earlier failures is counted alone; files
 * already there are skipped, not done; a file listed twice is apart;
 * cancelled files are counted, and sent again as a run of their own when
 * the answer to R's question says so; a cancelled file is asked about once.
 * The bytes (mt_upload_queue_bytes) count only what is to be sent, a failed
 * file's too, never a cancelled one's. On the fake transport (upload_fake.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "upload_fake.h"

#define PRESIGN_A "{\"key\":\"k-a.txt\",\"url\":\"https://store.test/k-a.txt\"}"

static struct mt_upload_job *
add(const char *name, const char *content)
{
	return mt_upload_queue_add(fx.q, fake_file(name, content));
}

static struct mt_upload_tally
tally(enum mt_upload_scope scope)
{
	struct mt_upload_tally t;
	mt_upload_queue_tally(fx.q, scope, &t);
	return t;
}

static void
test_a_batch_after_failures_is_counted_alone(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	add("x.bad", "refused for good");
	add("a.txt", "hello");
	fake_script_retries("presign?name=a.txt", 3, 503, 200, "{}");   /* may pass */
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_tally t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.jobs, 2);
	assert_int_equal(t.failed, 2);
	assert_int_equal(t.retryable, 1);
	assert_int_equal(t.refused, 1);
	/* x.bad was refused by the checks: nothing of it left */
	assert_int_equal(t.refused_here, 1);
	assert_int_equal(t.full, 0);
	assert_int_equal(t.earlier_failed, 0);
	/* the next batch: two files that pass */
	add("b.txt", "hello b");
	add("c.txt", "hello c");
	fake_script_ok("b.txt");
	fake_script_ok("c.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(fake_queue_done_count(), 2);
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.jobs, 2);
	assert_int_equal(t.done, 2);
	assert_int_equal(t.failed, 0);
	assert_int_equal(t.earlier_failed, 2);
	assert_string_equal(t.folder, "/in");
	t = tally(MT_UPLOAD_ALL);
	assert_int_equal(t.jobs, 4);
	assert_int_equal(t.done, 2);
	assert_int_equal(t.failed, 2);
	assert_int_equal(t.earlier_failed, 0);
	/* R: the retried file is a run of its own */
	fake_script_ok("a.txt");
	assert_int_equal(mt_upload_queue_retry_failed(fx.q, NULL), 1);
	fake_settle();
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.jobs, 1);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.earlier_failed, 1);
}

static void
test_files_added_while_others_run_join_their_batch(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	add("a.txt", "hello");
	fake_script("presign?name=a.txt", 200, PRESIGN_A);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight("PUT https://store.test/k-a.txt", NULL));
	add("b.txt", "hello b");        /* a is still on its way */
	fake_script_ok("b.txt");
	mt_upload_queue_start(fx.q);
	fake_script("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}");
	assert_true(fake_answer("PUT https://store.test/k-a.txt", 200, ""));
	fake_settle();
	assert_true(mt_upload_queue_finished(fx.q));
	assert_int_equal(fake_queue_done_count(), 1);
	struct mt_upload_tally t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.jobs, 2);
	assert_int_equal(t.done, 2);
}

static void
test_skipped_is_not_done(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	struct mt_upload_job *a = add("a.txt", "hello");
	mt_upload_queue_add_to(fx.q, a->path, "/in");       /* listed twice */
	add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 200, "{\"id\":\"m-old\"}");
	fake_script("presign?name=b.txt", 200, "{\"id\":\"m-old-b\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_tally t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.jobs, 3);
	assert_int_equal(t.done, 0);
	assert_int_equal(t.skipped, 2);
	assert_int_equal(t.twice, 1);
	assert_string_equal(t.folder, "/in");
	/* another folder: no one folder to name */
	mt_upload_queue_add_to(fx.q, fake_file("c.txt", "hello c"), "/out");
	add("d.txt", "hello d");
	fake_script("presign?name=c.txt", 200, "{\"id\":\"m-c\"}");
	fake_script("presign?name=d.txt", 200, "{\"id\":\"m-d\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.skipped, 2);
	assert_null(t.folder);
}

static void
test_cancelled_counted_and_sent_again(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	add("b.txt", "hello b");
	add("c.txt", "hello c");
	fake_script("presign?name=a.txt", 200, PRESIGN_A);
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_tally t = tally(MT_UPLOAD_ALL);
	assert_int_equal(t.active, 3);
	assert_int_equal(t.landing, 0);   /* a's confirm has not gone: a cancel stops it */
	assert_int_equal(mt_upload_queue_cancel(fx.q, NULL), 3);
	fake_settle();
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.cancelled, 3);
	assert_int_equal(t.active, 0);
	assert_int_equal(fake_queue_done_count(), 1);
	/* sent again: queued, a run of their own, not begun until started */
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 3);
	assert_int_equal(mt_upload_queue_answer_cancelled(fx.q, true), 3);
	assert_int_equal(a->state, MT_JOB_QUEUED);
	assert_int_equal(mt_upload_job_error(a)->kind, MT_ERR_NONE);
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.jobs, 3);
	assert_int_equal(t.active, 3);
	fake_script_ok("a.txt");
	fake_script_ok("b.txt");
	fake_script_ok("c.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(fake_queue_done_count(), 2);
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.done, 3);
	assert_int_equal(t.cancelled, 0);
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 0);
	assert_int_equal(mt_upload_queue_answer_cancelled(fx.q, true), 0);
}

/* R asks about a cancelled file once: answered n, it is not asked about
 * again (it was on every R); a file cancelled since is asked about alone,
 * and y sends that one, not the one answered before. Sent again and
 * cancelled once more, a file is asked about again. */
static void
test_a_cancelled_file_is_asked_about_once(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	struct mt_upload_job *a = add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	fake_script_ok("b.txt");
	assert_int_equal(mt_upload_job_cancel(a), MT_UPLOAD_CANCELLED);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(b->state, MT_JOB_DONE);
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 1);
	assert_int_equal(a->resend, MT_RESEND_ASKING);
	assert_int_equal(mt_upload_queue_answer_cancelled(fx.q, false), 0);
	assert_int_equal(a->state, MT_JOB_CANCELLED);
	assert_int_equal(a->resend, MT_RESEND_ANSWERED);
	/* the next R: nothing to ask */
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 0);
	assert_int_equal(mt_upload_queue_answer_cancelled(fx.q, true), 0);
	assert_int_equal(a->state, MT_JOB_CANCELLED);
	/* c cancelled later: asked about alone; y sends c, a stays */
	struct mt_upload_job *c = add("c.txt", "hello c");
	assert_int_equal(mt_upload_job_cancel(c), MT_UPLOAD_CANCELLED);
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 1);
	assert_int_equal(a->resend, MT_RESEND_ANSWERED);
	assert_int_equal(c->resend, MT_RESEND_ASKING);
	assert_int_equal(mt_upload_queue_answer_cancelled(fx.q, true), 1);
	assert_int_equal(c->state, MT_JOB_QUEUED);
	assert_int_equal(a->state, MT_JOB_CANCELLED);
	/* cancelled once more before it went: a new cancel, asked about again */
	assert_int_equal(mt_upload_job_cancel(c), MT_UPLOAD_CANCELLED);
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 1);
	assert_int_equal(c->resend, MT_RESEND_ASKING);
	/* a question left unanswered is asked again */
	assert_int_equal(mt_upload_queue_ask_cancelled(fx.q), 1);
	fake_script_ok("c.txt");
	assert_int_equal(mt_upload_queue_answer_cancelled(fx.q, true), 1);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(c->state, MT_JOB_DONE);
	assert_int_equal(a->state, MT_JOB_CANCELLED);
}

static void
test_a_confirm_sent_is_landing(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	add("a.txt", "hello");
	add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 200, PRESIGN_A);
	fake_script("PUT https://store.test/k-a.txt", 200, "%s", "");
	/* a's confirm gets no answer: it stays in flight, the item is made */
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_true(fake_in_flight("confirm?key=k-a.txt", NULL));
	struct mt_upload_tally t = tally(MT_UPLOAD_ALL);
	assert_int_equal(t.active, 2);
	assert_int_equal(t.landing, 1);
	int landing = 0;
	assert_int_equal(mt_upload_queue_cancel(fx.q, &landing), 1);
	assert_int_equal(landing, 1);
	assert_true(fake_answer("confirm?key=k-a.txt", 200, "{\"id\":\"m-a\"}"));
	fake_settle();
	t = tally(MT_UPLOAD_RUN);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.cancelled, 1);
}

/* The bytes count only what is sent: a file the server had already and
 * the second listing of a file are in neither total; the bytes already
 * there are said apart, in the same words for every face. */
static void
test_bytes_count_only_what_is_sent(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	struct mt_upload_job *a = add("a.txt", "hello");                 /* 5 bytes, sent */
	struct mt_upload_job *twice = mt_upload_queue_add(fx.q, a->path); /* sent once */
	struct mt_upload_job *b = add("b.txt", "already on the server"); /* 21 bytes */
	assert_int_equal(twice->state, MT_JOB_SKIPPED);
	fake_script_ok("a.txt");
	fake_script("presign?name=b.txt", 200, "{\"id\":\"m-old\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(a->state, MT_JOB_DONE);
	assert_int_equal(b->state, MT_JOB_SKIPPED);
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.sent, 5);
	assert_int_equal(by.total, 5);
	assert_int_equal(by.there, 21);
	assert_int_equal(by.percent, 100);
	char buf[120];
	mt_upload_bytes_text(&by, true, buf, sizeof buf);
	assert_string_equal(buf, "5 B / 5 B sent, 21 B already there");
	mt_upload_bytes_text(&by, false, buf, sizeof buf);
	assert_string_equal(buf, "5 B / 5 B");
}

/* The bytes of the batch under way (the header's share) leave out the
 * earlier batches' rows the panel keeps until c. */
static void
test_bytes_of_the_batch_under_way(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	add("a.txt", "hello");                     /* 5 bytes, the first batch */
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	add("b.txt", "hello b");                   /* 7 bytes, the next, not begun */
	struct mt_upload_bytes by;
	mt_upload_queue_bytes_of(fx.q, MT_UPLOAD_RUN, &by);
	assert_int_equal(by.sent, 0);
	assert_int_equal(by.total, 7);
	assert_int_equal(by.percent, 0);
	mt_upload_queue_bytes_of(fx.q, MT_UPLOAD_ALL, &by);
	assert_int_equal(by.sent, 5);
	assert_int_equal(by.total, 12);
	struct mt_upload_bytes all;
	mt_upload_queue_bytes(fx.q, &all);
	assert_memory_equal(&all, &by, sizeof by);
}

/* Every file already there: nothing was to be sent, and that is said. */
static void
test_nothing_sent_when_all_were_there(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 2);
	add("b.txt", "already on the server");
	fake_script("presign?name=b.txt", 200, "{\"id\":\"m-old\"}");
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.sent, 0);
	assert_int_equal(by.total, 0);
	assert_int_equal(by.there, 21);
	assert_int_equal(by.percent, 100);
	char buf[120];
	mt_upload_bytes_text(&by, true, buf, sizeof buf);
	assert_string_equal(buf, "0 B sent, 21 B already there");
	int64_t sent = -1, total = -1;
	mt_upload_queue_totals(fx.q, &sent, &total);
	assert_int_equal(sent, 0);
	assert_int_equal(total, 0);
}

#define FULL "{\"code\":\"PLAN_LIMIT_REACHED\",\"message\":\"the plan is full\"}"

/* A failed file was asked for and is not there: its bytes stay in what
 * was to be sent, none of them sent, so a batch with a failure never
 * reads 100% (it read "0 B / 0 B  100%" with every file failed). */
static void
test_failed_bytes_stay_to_send(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	add("a.txt", "hello");                     /* 5 bytes, sent */
	add("b.txt", "hello b");                   /* 7 bytes, the storage is full */
	add("c.txt", "hello c");                   /* 7 bytes, not started: full */
	fake_script_ok("a.txt");
	fake_script("presign?name=b.txt", 413, FULL);
	mt_upload_queue_start(fx.q);
	fake_settle();
	assert_int_equal(tally(MT_UPLOAD_RUN).failed, 2);
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.sent, 5);
	assert_int_equal(by.total, 19);
	assert_int_equal(by.failed, 14);
	assert_int_equal(by.percent, 26);
	/* the header's share says the same of the batch */
	struct mt_upload_bytes run;
	mt_upload_queue_bytes_of(fx.q, MT_UPLOAD_RUN, &run);
	assert_memory_equal(&run, &by, sizeof by);
}

/* Every file failed: 0%, not 100% for nothing left to send; a file whose
 * size is not known (gone before it was read) holds it below 100 too. */
static void
test_all_failed_is_not_100(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	add("a.txt", "hello");
	add("b.txt", "hello b");
	fake_script("presign?name=a.txt", 413, FULL);
	mt_upload_queue_start(fx.q);
	fake_settle();
	/* b was on its way as a hit the wall */
	assert_true(fake_answer("presign?name=b.txt", 413, FULL));
	fake_settle();
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.sent, 0);
	assert_int_equal(by.total, 12);
	assert_int_equal(by.percent, 0);
	/* a file gone: no size to count, yet not sent */
	struct mt_upload_job *gone = mt_upload_queue_add(fx.q, "/nonexistent/mediatui-gone.png");
	assert_int_equal(gone->state, MT_JOB_FAILED);
	mt_upload_queue_bytes_of(fx.q, MT_UPLOAD_RUN, &by);
	assert_int_equal(by.total, 0);
	assert_int_equal(by.failed, 0);
	assert_int_equal(by.percent, 0);
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.total, 12);
	assert_int_equal(by.percent, 0);
}

/* Beside it a file that went: every byte counted went, yet a file did
 * not: 99%, not 100%. */
static void
test_a_file_gone_holds_it_below_100(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	mt_upload_queue_add(fx.q, "/nonexistent/mediatui-gone.png");
	add("a.txt", "hello");
	fake_script_ok("a.txt");
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.sent, 5);
	assert_int_equal(by.total, 5);
	assert_int_equal(by.percent, 99);
}

/* A cancelled file was withdrawn by the editor: it is not counted as to
 * send, and the files that went read 100%. */
static void
test_cancelled_bytes_are_withdrawn(void **state)
{
	(void)state;
	fx.q = fake_queue(false, 1);
	add("a.txt", "hello");
	struct mt_upload_job *b = add("b.txt", "hello b");
	fake_script_ok("a.txt");
	assert_int_equal(mt_upload_job_cancel(b), MT_UPLOAD_CANCELLED);
	mt_upload_queue_start(fx.q);
	fake_settle();
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(fx.q, &by);
	assert_int_equal(by.sent, 5);
	assert_int_equal(by.total, 5);
	assert_int_equal(by.percent, 100);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_setup, fake_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_a_batch_after_failures_is_counted_alone),
		T(test_files_added_while_others_run_join_their_batch),
		T(test_skipped_is_not_done),
		T(test_cancelled_counted_and_sent_again),
		T(test_a_confirm_sent_is_landing),
		T(test_bytes_count_only_what_is_sent),
		T(test_nothing_sent_when_all_were_there),
		T(test_bytes_of_the_batch_under_way),
		T(test_a_cancelled_file_is_asked_about_once),
		T(test_failed_bytes_stay_to_send),
		T(test_all_failed_is_not_100),
		T(test_a_file_gone_holds_it_below_100),
		T(test_cancelled_bytes_are_withdrawn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
