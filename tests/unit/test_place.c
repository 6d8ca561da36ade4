/* test_place.c — the folder of the last session: saved and read back per
 * profile, replaced whole, none before the first save, and a file that
 * holds no folder path (hand-edited, or with control characters) ignored. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "place.h"

static char dir[] = "/tmp/mt-place-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	/* the state directory is made on the first save (it is a level below) */
	char *state_home = NULL;
	if (asprintf(&state_home, "%s/state", dir) < 0)
		return -1;
	setenv("XDG_STATE_HOME", state_home, 1);
	free(state_home);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
write_place(const char *profile, const char *text)
{
	char path[300];
	snprintf(path, sizeof path, "%s/state/mediatui/place-%s", dir, profile);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_none_then_roundtrip(void **state)
{
	(void)state;
	assert_null(mt_place_load("site"));
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_place_save("site", "/images/team", &err), 0);
	char *got = mt_place_load("site");
	assert_non_null(got);
	assert_string_equal(got, "/images/team");
	free(got);
	/* replaced whole: a shorter folder leaves nothing of the longer one */
	assert_int_equal(mt_place_save("site", "/a", &err), 0);
	got = mt_place_load("site");
	assert_string_equal(got, "/a");
	free(got);
	/* per profile */
	assert_null(mt_place_load("other"));
}

static void
test_no_folder_path_is_ignored(void **state)
{
	(void)state;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_place_save("site", "/", &err), 0);   /* makes the directory */
	write_place("site", "images\n");
	assert_null(mt_place_load("site"));
	write_place("site", "/images\x1b[2J\n");
	assert_null(mt_place_load("site"));
	write_place("site", "");
	assert_null(mt_place_load("site"));
	write_place("site", "/docs");   /* no newline at the end is still a path */
	char *got = mt_place_load("site");
	assert_string_equal(got, "/docs");
	free(got);
}

static void
test_unwritable_state_says_why(void **state)
{
	(void)state;
	char file[300];
	snprintf(file, sizeof file, "%s/plain-file", dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	char *old = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
	setenv("XDG_STATE_HOME", file, 1);   /* a file where a directory must be */
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_place_save("site", "/x", &err), -1);
	assert_true(err.message[0] != '\0');
	setenv("XDG_STATE_HOME", old, 1);
	free(old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none_then_roundtrip),
		cmocka_unit_test(test_no_folder_path_is_ignored),
		cmocka_unit_test(test_unwritable_state_says_why),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
