/* test_cmdline.c — the command line parser. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline.h"

/* Parses a NULL-terminated list of words after the program name. */
static int
parse(struct mt_cmdline *cl, struct mt_error *err, const char *const *words)
{
	/* argv must be writable strings, as the real one is */
	static char store[32][128];
	char *argv[32];
	int argc = 0;
	strcpy(store[0], "mediatui");
	argv[argc] = store[argc];
	argc++;
	for (; *words; words++) {
		snprintf(store[argc], sizeof store[argc], "%s", *words);
		argv[argc] = store[argc];
		argc++;
	}
	argv[argc] = NULL;
	mt_error_clear(err);
	return mt_cmdline_parse(argc, argv, cl, err);
}

static void
test_no_command_is_tui(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *w[] = { "-p", "demo", NULL };
	assert_int_equal(parse(&cl, &err, w), 0);
	assert_int_equal(cl.command, MT_CMD_TUI);
	assert_string_equal(cl.profile, "demo");
	mt_cmdline_free(&cl);
}

static void
test_global_options_anywhere(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *w[] = { "ls", "/images", "--json", "-j8", "--type=image", "--limit", "50", NULL };
	assert_int_equal(parse(&cl, &err, w), 0);
	assert_int_equal(cl.command, MT_CMD_LS);
	assert_true(cl.json);
	assert_int_equal(cl.jobs, 8);
	assert_string_equal(cl.type, "image");
	assert_int_equal(cl.limit, 50);
	assert_int_equal(cl.nargs, 1);
	assert_string_equal(cl.args[0], "/images");
	mt_cmdline_free(&cl);
}

static void
test_double_dash_ends_options(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *w[] = { "upload", "--folder", "/a", "--", "-weird.png", "--json", NULL };
	assert_int_equal(parse(&cl, &err, w), 0);
	assert_int_equal(cl.nargs, 2);
	assert_string_equal(cl.args[0], "-weird.png");
	assert_string_equal(cl.args[1], "--json");
	assert_false(cl.json);
	assert_string_equal(cl.folder, "/a");
	mt_cmdline_free(&cl);
}

static void
test_rejects_bad_values(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *bad_sort[] = { "ls", "--sort", "name", NULL };
	assert_int_equal(parse(&cl, &err, bad_sort), -1);
	assert_int_equal(err.kind, MT_ERR_USAGE);
	assert_non_null(strstr(err.message, "name"));
	mt_cmdline_free(&cl);

	const char *bad_jobs[] = { "-j", "0", "ls", NULL };
	assert_int_equal(parse(&cl, &err, bad_jobs), -1);
	mt_cmdline_free(&cl);

	const char *bad_limit[] = { "ls", "--limit", "101", NULL };
	assert_int_equal(parse(&cl, &err, bad_limit), -1);
	mt_cmdline_free(&cl);

	const char *bad_focal[] = { "edit", "m1", "--focal", "50,101", NULL };
	assert_int_equal(parse(&cl, &err, bad_focal), -1);
	mt_cmdline_free(&cl);

	const char *unknown[] = { "frobnicate", NULL };
	assert_int_equal(parse(&cl, &err, unknown), -1);
	assert_non_null(strstr(err.message, "frobnicate"));
	mt_cmdline_free(&cl);

	const char *misplaced[] = { "--dry-run", "rm", "x", NULL };
	assert_int_equal(parse(&cl, &err, misplaced), -1);
	assert_non_null(strstr(err.message, "must follow its command"));
	mt_cmdline_free(&cl);
}

static void
test_edit_needs_a_change(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *none[] = { "edit", "m1", NULL };
	assert_int_equal(parse(&cl, &err, none), -1);
	mt_cmdline_free(&cl);
	const char *focal[] = { "edit", "m1", "--focal", "35,65.5", NULL };
	assert_int_equal(parse(&cl, &err, focal), 0);
	assert_true(cl.has_focal);
	assert_true(cl.focal_x == 35.0 && cl.focal_y == 65.5);
	mt_cmdline_free(&cl);
	const char *empty_alt[] = { "edit", "m1", "--alt=", NULL };
	assert_int_equal(parse(&cl, &err, empty_alt), 0);
	assert_non_null(cl.alt);
	assert_string_equal(cl.alt, "");
	mt_cmdline_free(&cl);
}

static void
test_argument_counts(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *info_none[] = { "info", NULL };
	assert_int_equal(parse(&cl, &err, info_none), -1);
	mt_cmdline_free(&cl);
	const char *info_two[] = { "info", "a", "b", NULL };
	assert_int_equal(parse(&cl, &err, info_two), -1);
	mt_cmdline_free(&cl);
	const char *rm_many[] = { "rm", "a", "b", "c", "--dry-run", NULL };
	assert_int_equal(parse(&cl, &err, rm_many), 0);
	assert_int_equal(cl.nargs, 3);
	assert_true(cl.dry_run);
	mt_cmdline_free(&cl);
	const char *all_limit[] = { "ls", "--all", "--limit", "5", NULL };
	assert_int_equal(parse(&cl, &err, all_limit), -1);
	mt_cmdline_free(&cl);
}

static void
test_help_and_version(void **state)
{
	struct mt_cmdline cl;
	struct mt_error err;
	const char *h[] = { "ls", "--help", NULL };
	assert_int_equal(parse(&cl, &err, h), 0);
	assert_int_equal(cl.command, MT_CMD_HELP);
	mt_cmdline_free(&cl);
	const char *v[] = { "-V", NULL };
	assert_int_equal(parse(&cl, &err, v), 0);
	assert_int_equal(cl.command, MT_CMD_VERSION);
	mt_cmdline_free(&cl);
}

static void
test_parse_size(void **state)
{
	int64_t v;
	assert_int_equal(mt_parse_size("1024", &v), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(mt_parse_size("5M", &v), 0);
	assert_int_equal(v, 5 << 20);
	assert_int_equal(mt_parse_size("2GiB", &v), 0);
	assert_int_equal(v, (int64_t)2 << 30);
	assert_int_equal(mt_parse_size("10k", &v), 0);
	assert_int_equal(v, 10240);
	assert_int_equal(mt_parse_size("-1", &v), -1);
	assert_int_equal(mt_parse_size("1X", &v), -1);
	assert_int_equal(mt_parse_size("", &v), -1);
	assert_int_equal(mt_parse_size("99999999999999999999", &v), -1);
	assert_int_equal(mt_parse_size("9999999999T", &v), -1);
	/* as people write sizes: a fraction of the unit, blanks */
	assert_int_equal(mt_parse_size("2.5MiB", &v), 0);
	assert_int_equal(v, (int64_t)5 << 19);
	assert_int_equal(mt_parse_size("2,5M", &v), 0);
	assert_int_equal(v, (int64_t)5 << 19);
	assert_int_equal(mt_parse_size(" 500 K ", &v), 0);
	assert_int_equal(v, 500 << 10);
	assert_int_equal(mt_parse_size("5 MiB", &v), 0);
	assert_int_equal(v, 5 << 20);
	assert_int_equal(mt_parse_size("0.1K", &v), 0);
	assert_int_equal(v, 102);
	assert_int_equal(mt_parse_size("1.5", &v), -1);     /* half a byte */
	assert_int_equal(mt_parse_size(".5M", &v), -1);
	assert_int_equal(mt_parse_size("2.M", &v), -1);
	assert_int_equal(mt_parse_size("abc", &v), -1);
	assert_int_equal(mt_parse_size("2 M B x", &v), -1);
	assert_int_equal(mt_parse_size("8191.9999P", &v), -1);
}

/* A size written so that it reads back the same. */
static void
test_size_text(void **state)
{
	static const int64_t sizes[] = { 5 << 20, 5 << 19, 500 << 10, 1234567, 1, 1023, 1536,
	                                 (int64_t)3 << 30, ((int64_t)9 << 28), (1 << 20) + (1 << 18) };
	static const char *const texts[] = { "5 MiB", "2.5 MiB", "500 KiB", "1234567", "1", "1023",
	                                     "1.5 KiB", "3 GiB", "2.25 GiB", "1.25 MiB" };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char buf[32];
		int64_t back = -1;
		mt_size_text(sizes[i], buf, sizeof buf);
		assert_string_equal(buf, texts[i]);
		assert_int_equal(mt_parse_size(buf, &back), 0);
		assert_int_equal(back, sizes[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_command_is_tui),
		cmocka_unit_test(test_global_options_anywhere),
		cmocka_unit_test(test_double_dash_ends_options),
		cmocka_unit_test(test_rejects_bad_values),
		cmocka_unit_test(test_edit_needs_a_change),
		cmocka_unit_test(test_argument_counts),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_size_text),
	};
	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
