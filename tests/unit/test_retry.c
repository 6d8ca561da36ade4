/* test_retry.c — backoff, Retry-After, and the resumable-upload Range header. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http.h"

/* in dialect_adclear.c */
int64_t mt_adclear_offset_from_range(const char *range);

static void
test_backoff_grows_and_caps(void **state)
{
	/* with the jitter at its top, the ceiling doubles per attempt up to the cap */
	assert_int_equal(mt_backoff_delay_ms(1, 500, 30000, 0.9999), 499);
	assert_int_equal(mt_backoff_delay_ms(2, 500, 30000, 0.9999), 999);
	assert_int_equal(mt_backoff_delay_ms(3, 500, 30000, 0.9999), 1999);
	assert_int_equal(mt_backoff_delay_ms(10, 500, 30000, 0.9999), 29997);
	assert_int_equal(mt_backoff_delay_ms(60, 500, 30000, 0.9999), 29997);
	/* never zero: a floor of a quarter of the base */
	assert_int_equal(mt_backoff_delay_ms(5, 500, 30000, 0.0), 125);
	for (int a = 1; a < 40; a++)
		for (double r = 0; r < 1; r += 0.125) {
			long d = mt_backoff_delay_ms(a, 500, 30000, r);
			assert_true(d >= 125 && d <= 30000);
		}
}

static void
test_retry_after(void **state)
{
	assert_int_equal(mt_parse_retry_after("120", 0), 120000);
	assert_int_equal(mt_parse_retry_after("  0 ", 0), 0);
	assert_int_equal(mt_parse_retry_after("999999", 0), 86400000);
	assert_int_equal(mt_parse_retry_after("-3", 0), -1);
	assert_int_equal(mt_parse_retry_after("soon", 0), -1);
	assert_int_equal(mt_parse_retry_after(NULL, 0), -1);
	/* Sun, 06 Nov 1994 08:49:37 GMT = 784111777 */
	assert_int_equal(mt_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30), 30000);
	assert_int_equal(mt_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30), 0);
	assert_int_equal(mt_parse_retry_after("Sun, 06 Nov 1994 08:49:37", 0), -1);
}

static void
test_range_header(void **state)
{
	assert_int_equal(mt_adclear_offset_from_range(NULL), 0);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-999"), 1000);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-0"), 1);
	assert_int_equal(mt_adclear_offset_from_range("bytes=5-999"), -1);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-"), -1);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-12x"), -1);
	assert_int_equal(mt_adclear_offset_from_range("items=0-5"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff_grows_and_caps),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_range_header),
	};
	return cmocka_run_group_tests_name("retry", tests, NULL, NULL);
}
