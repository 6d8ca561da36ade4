/* test_regressions.c — inputs that fuzzing (tests/fuzz/) turned into
 * failures, one case each, so that they stay fixed in every build. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dialect_answers.h"
#include "sanitize.h"
#include "textwidth.h"

static int
utf8_locale(void **state)
{
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void
assert_whole_chars(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; ) {
		unsigned cp;
		size_t len = mt_utf8_decode(s + i, n - i, &cp);
		assert_true(len > 0);
		i += len;
	}
}

/* Few cells but many bytes (combining marks): the buffer, not the width,
 * decides where the text is cut. That cut split a character and reported
 * the width of the whole text. */
static void
test_fit_cut_by_bytes(void **state)
{
	char s[1 + 3 * 100 + 2] = "a";
	for (int i = 0; i < 100; i++)
		strcat(s, "\xe2\x83\x97");   /* U+20D7, combining, no cells */
	strcat(s, "b");
	char out[64];
	int used = mt_text_fit(s, 10, 0, out, sizeof out);
	assert_true(strlen(out) < sizeof out);
	assert_whole_chars(out);
	assert_int_equal(mt_text_width(out), used);
	assert_string_equal(out + strlen(out) - 3, "\xe2\x80\xa6");
}

/* A buffer too small for the ellipsis got it anyway, past its end. */
static void
test_fit_tiny_buffer(void **state)
{
	char *out = malloc(2);
	assert_int_equal(mt_text_fit("abcdef", 3, 0, out, 2), 0);
	assert_string_equal(out, "");
	free(out);
	out = malloc(4);
	assert_int_equal(mt_text_fit("abcdef", 3, 1, out, 4), 1);
	assert_string_equal(out, "\xe2\x80\xa6");
	free(out);
}

/* adclear's Range with the largest offsets: b + 1 overflowed. */
static void
test_range_past_int64(void **state)
{
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-9223372036854775806"), INT64_MAX);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-9223372036854775807"), -1);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0-99999999999999999999999"), -1);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0--5"), -1);
	assert_int_equal(mt_adclear_offset_from_range("bytes=0- 5"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_cut_by_bytes),
		cmocka_unit_test(test_fit_tiny_buffer),
		cmocka_unit_test(test_range_past_int64),
	};
	return cmocka_run_group_tests(tests, utf8_locale, NULL);
}
