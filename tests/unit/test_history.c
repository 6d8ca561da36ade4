/* test_history.c — the journal's records read back for the interface: newest
 * first as they load, and in the order their files were queued when asked
 * (the resume question): a queue's records in its order however many share
 * a second, an earlier queue's first, and records of a journal written
 * before that order was kept by their time. Which records are offered
 * again: the unfinished ones, and the failed ones kept for the next start. */
#include "config.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "history.h"

static char dir[] = "/tmp/mt-history-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	char path[300];
	snprintf(path, sizeof path, "%s/state", dir);
	setenv("XDG_STATE_HOME", path, 1);
	if (mkdir(path, 0700) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/state/mediatui", dir);
	return mkdir(path, 0700);
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Journal lines as the queue writes them: the keys sort in another order
 * than the files were queued. */
static const char journal[] =
	"{\"key\":\"k9\",\"path\":\"/w/first.png\",\"state\":\"queued\",\"updated\":1700000000,"
	"\"session\":1700000000000,\"seq\":0}\n"
	"{\"key\":\"k1\",\"path\":\"/w/second.png\",\"state\":\"queued\",\"updated\":1700000000,"
	"\"session\":1700000000000,\"seq\":1}\n"
	"{\"key\":\"k5\",\"path\":\"/w/third.png\",\"state\":\"queued\",\"updated\":1700000000,"
	"\"session\":1700000000000,\"seq\":2}\n"
	/* a later queue's file, saved in an earlier second than the others */
	"{\"key\":\"k0\",\"path\":\"/w/later.png\",\"state\":\"uploading\",\"updated\":1699999999,"
	"\"session\":1700000000500,\"seq\":0}\n"
	/* a record of a journal written before the order was kept */
	"{\"key\":\"k7\",\"path\":\"/w/old.png\",\"state\":\"queued\",\"updated\":1600000000}\n";

static void
write_lines(const char *profile, const char *lines)
{
	char path[300];
	snprintf(path, sizeof path, "%s/state/mediatui/uploads-%s.jsonl", dir, profile);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(lines, f);
	fclose(f);
}

static void
write_journal(const char *profile)
{
	write_lines(profile, journal);
}

static void
test_which_are_offered_again(void **state)
{
	(void)state;
	write_lines("o",
		"{\"key\":\"a\",\"path\":\"/w/a.png\",\"state\":\"uploading\",\"seq\":0}\n"
		"{\"key\":\"b\",\"path\":\"/w/b.png\",\"state\":\"failed\",\"seq\":1}\n"
		"{\"key\":\"c\",\"path\":\"/w/c.png\",\"state\":\"failed\","
		"\"offerAgain\":\"full\",\"seq\":2}\n"
		"{\"key\":\"d\",\"path\":\"/w/d.png\",\"state\":\"done\",\"seq\":3}\n"
		"{\"key\":\"e\",\"path\":\"/w/e.png\",\"state\":\"failed\","
		"\"offerAgain\":\"mayPass\",\"seq\":4}\n"
		/* resumed and sent: the later record has no mark */
		"{\"key\":\"e\",\"path\":\"/w/e.png\",\"state\":\"done\",\"seq\":4}\n"
		"{\"key\":\"f\",\"path\":\"/w/f.png\",\"state\":\"cancelled\",\"seq\":5}\n");
	struct mt_history_rec *v = NULL;
	size_t n = 0;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_history_load("o", &v, &n, &err), 0);
	assert_int_equal(n, 6);
	mt_history_sort_queued(v, n);
	/* a: unfinished; b: failed for good; c: failed on a full storage, kept */
	static const bool want[] = { true, false, true, false, false, false };
	for (size_t i = 0; i < n; i++)
		assert_int_equal(mt_history_unfinished(&v[i]), want[i]);
	assert_string_equal(v[2].offer_again, "full");
	assert_null(v[1].offer_again);
	mt_history_free(v, n);
}

static void
test_sorted_in_queue_order(void **state)
{
	(void)state;
	write_journal("h");
	struct mt_history_rec *v = NULL;
	size_t n = 0;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_history_load("h", &v, &n, &err), 0);
	assert_int_equal(n, 5);
	/* loaded newest first, as the history shows them */
	assert_int_equal(v[0].updated, 1700000000);
	assert_string_equal(v[4].path, "/w/old.png");
	assert_int_equal(v[0].session, 1700000000000LL);
	assert_int_equal(v[4].session, 0);
	mt_history_sort_queued(v, n);
	static const char *const want[] = { "/w/old.png", "/w/first.png", "/w/second.png",
		                            "/w/third.png", "/w/later.png" };
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].path, want[i]);
	mt_history_free(v, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_in_queue_order),
		cmocka_unit_test(test_which_are_offered_again),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
