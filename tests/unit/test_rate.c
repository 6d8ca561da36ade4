/* test_rate.c — a transfer's speed for the progress displays: measured over
 * windows of a second, smoothed, and 0 at once after a window in which
 * nothing moved (a held transfer read "0 B/s, 73h32m left" while its speed
 * was halved window after window). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rate.h"

static void
test_windows_and_smoothing(void **state)
{
	(void)state;
	struct mt_rate r;
	mt_rate_reset(&r);
	assert_true(mt_rate_update(&r, 0, 5000) == 0);          /* the first count */
	assert_true(mt_rate_update(&r, 400, 5500) == 0);        /* within the window */
	assert_true(mt_rate_update(&r, 1000, 6000) == 1000);    /* a second: 1000 B/s */
	assert_true(mt_rate_update(&r, 3000, 7000) == 1500);    /* half old, half new */
	assert_true(mt_rate_update(&r, 3500, 7400) == 1500);    /* within the window */
}

static void
test_a_stall_is_zero_at_once(void **state)
{
	(void)state;
	struct mt_rate r;
	mt_rate_reset(&r);
	mt_rate_update(&r, 0, 1000);
	assert_true(mt_rate_update(&r, 1 << 20, 2000) == 1 << 20);
	/* held: not a byte in the next second */
	assert_true(mt_rate_update(&r, 1 << 20, 3000) == 0);
	assert_true(mt_rate_update(&r, 1 << 20, 9000) == 0);
	/* moving again: measured afresh, not smoothed with the stall */
	assert_true(mt_rate_update(&r, (1 << 20) + 2000, 10000) == 2000);
}

static void
test_a_new_try_starts_a_window(void **state)
{
	(void)state;
	struct mt_rate r;
	mt_rate_reset(&r);
	mt_rate_update(&r, 0, 1000);
	assert_true(mt_rate_update(&r, 5000, 2000) == 5000);
	/* the transfer starts again from 0 (a retry): no negative speed */
	assert_true(mt_rate_update(&r, 0, 2500) == 5000);
	assert_true(mt_rate_update(&r, 1000, 3500) == 3000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows_and_smoothing),
		cmocka_unit_test(test_a_stall_is_zero_at_once),
		cmocka_unit_test(test_a_new_try_starts_a_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
