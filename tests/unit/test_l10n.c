/* test_l10n.c — numbers and dates for people in the user's conventions,
 * while the process itself keeps C numbers for everything else. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "l10n.h"
#include "textwidth.h"

static void
use_locale(const char *name)
{
	if (setlocale(LC_ALL, name) == NULL)
		fail_msg("the %s locale is required (tools/deps.sh --test generates it)", name);
}

static void
test_before_init_everything_is_c(void **state)
{
	char b[64];
	setenv("TZ", "UTC", 1);
	tzset();
	assert_string_equal(mt_l10n_decimal_point(), ".");
	mt_l10n_fixed(2.25, 6, 1, b, sizeof b);
	assert_string_equal(b, "   2.2");
	mt_l10n_date("2026-01-13T08:04:04Z", true, b, sizeof b);
	assert_string_equal(b, "2026-01-13");
	/* for people even in C: no "T", no seconds, no "Z", in local time */
	mt_l10n_date("2026-01-13T08:04:04Z", false, b, sizeof b);
	assert_string_equal(b, "2026-01-13 08:04");
	setenv("TZ", "CET-1", 1);
	tzset();
	mt_l10n_date("2026-01-13T23:30:00Z", false, b, sizeof b);
	assert_string_equal(b, "2026-01-14 00:30");
	mt_l10n_date("2026-01-13T23:30:00Z", true, b, sizeof b);
	assert_string_equal(b, "2026-01-14");
	mt_l10n_date("not a date", false, b, sizeof b);
	assert_string_equal(b, "not a date");
}

static void
test_german(void **state)
{
	setenv("TZ", "UTC", 1);
	tzset();
	use_locale("de_DE.UTF-8");
	mt_l10n_init();
	char b[64];
	assert_string_equal(mt_l10n_decimal_point(), ",");
	mt_l10n_fixed(26.74, 5, 1, b, sizeof b);
	assert_string_equal(b, " 26,7");
	mt_format_size(1536 * 1024, b, sizeof b);
	assert_string_equal(b, "1,5 MiB");
	mt_format_size(512, b, sizeof b);
	assert_string_equal(b, "512 B");
	/* the column helper: same separator, same width */
	mt_format_size_fit(1258291, MT_SIZE_CELLS, b, sizeof b);
	assert_string_equal(b, "1,2 MiB");
	mt_format_size_fit(305357, MT_SIZE_CELLS, b, sizeof b);
	assert_string_equal(b, "298 KiB");
	mt_l10n_date("2026-01-13T08:04:04Z", true, b, sizeof b);
	assert_string_equal(b, "13.01.2026");
	mt_l10n_date("2026-01-13T08:04:04.250Z", false, b, sizeof b);
	assert_string_equal(b, "13.01.2026 08:04");
	/* what is not a timestamp we know is shown as the server sent it */
	mt_l10n_date("yesterday", false, b, sizeof b);
	assert_string_equal(b, "yesterday");
	mt_l10n_date("2026-01-13T08:04:04+02:00", false, b, sizeof b);
	assert_string_equal(b, "2026-01-13T08:04:04+02:00");
	/* the process itself still reads and writes C numbers and dates */
	snprintf(b, sizeof b, "%.1f", 0.5);
	assert_string_equal(b, "0.5");
	assert_true(strtod("0.25", NULL) == 0.25);
	struct tm tm = { .tm_year = 126, .tm_mon = 2, .tm_mday = 18, .tm_wday = 3 };
	strftime(b, sizeof b, "%a, %d %b %Y", &tm);
	assert_string_equal(b, "Wed, 18 Mar 2026");
	/* a --json run: back to the C conventions for people too */
	mt_l10n_plain();
	mt_format_size(1536 * 1024, b, sizeof b);
	assert_string_equal(b, "1.5 MiB");
	mt_l10n_date("2026-01-13T08:04:04Z", true, b, sizeof b);
	assert_string_equal(b, "2026-01-13");
}

static void
test_french_local_time(void **state)
{
	/* a server's UTC time is shown in the local time zone */
	setenv("TZ", "CET-1", 1);
	tzset();
	use_locale("fr_FR.UTF-8");
	mt_l10n_init();
	char b[64];
	mt_l10n_fixed(0.04, 4, 1, b, sizeof b);
	assert_string_equal(b, " 0,0");
	mt_format_size_fit(1258291, MT_SIZE_CELLS, b, sizeof b);
	assert_true(strncmp(b, "1,2 ", 4) == 0);
	assert_true(mt_text_width(b) <= MT_SIZE_CELLS);
	mt_l10n_date("2026-01-13T23:30:00Z", false, b, sizeof b);
	assert_string_equal(b, "14/01/2026 00:30");
	mt_l10n_plain();
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_before_init_everything_is_c),
		cmocka_unit_test(test_german),
		cmocka_unit_test(test_french_local_time),
	};
	return cmocka_run_group_tests_name("l10n", tests, NULL, NULL);
}
