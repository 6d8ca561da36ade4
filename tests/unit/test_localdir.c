/* test_localdir.c — completing a directory being typed: as far as the
 * matches agree, a '/' for the only one, hidden ones on a '.', what was
 * typed before kept, never half a character, names with control bytes
 * left out. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "localdir.h"
#include "xalloc.h"

static char root[] = "/tmp/mt-localdir.XXXXXX";

static void
make(const char *rel, bool dir)
{
	char *p = xasprintf("%s/%s", root, rel);
	if (dir)
		assert_int_equal(mkdir(p, 0700), 0);
	else {
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fclose(f);
	}
	free(p);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(root) == NULL)
		return -1;
	make("albums", true);
	make("albums/spring", true);
	make("albums/summer", true);
	make("alpha", true);
	make("almanac.txt", false);          /* a file: never completed */
	make(".hidden", true);
	make("caf\xc3\xa9", true);           /* café and cafè: they part inside a character */
	make("caf\xc3\xa8", true);
	make("bad\x1b[31m", true);
	char *link = xasprintf("%s/to-alpha", root), *target = xasprintf("%s/alpha", root);
	assert_int_equal(symlink(target, link), 0);
	free(link);
	free(target);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", root);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void
expect_complete(const char *text, const char *base, const char *want, size_t want_n)
{
	size_t n = 99;
	char *got = mt_localdir_complete(text, base, &n);
	if (want == NULL) {
		if (got != NULL)
			fail_msg("complete '%s': got '%s', want none", text, got);
	} else if (got == NULL || strcmp(got, want) != 0) {
		fail_msg("complete '%s': got '%s', want '%s'", text, got ? got : "(none)", want);
	}
	if (n != want_n)
		fail_msg("complete '%s': %zu matches, want %zu", text, n, want_n);
	free(got);
}

static void
test_agreeing_part_and_slash(void **state)
{
	(void)state;
	char *t = xasprintf("%s/al", root), *w = xasprintf("%s/al", root);
	expect_complete(t, NULL, w, 2);                    /* albums, alpha: no further */
	free(t);
	free(w);
	t = xasprintf("%s/alb", root);
	w = xasprintf("%s/albums/", root);
	expect_complete(t, NULL, w, 1);                    /* the only one: with its '/' */
	free(t);
	free(w);
	t = xasprintf("%s/albums/s", root);
	w = xasprintf("%s/albums/s", root);
	expect_complete(t, NULL, w, 2);
	free(t);
	free(w);
	t = xasprintf("%s/to-", root);
	w = xasprintf("%s/to-alpha/", root);
	expect_complete(t, NULL, w, 1);                    /* a link to a directory counts */
	free(t);
	free(w);
}

static void
test_relative_kept_as_typed(void **state)
{
	(void)state;
	expect_complete("albums/su", root, "albums/summer/", 1);
	expect_complete("alb", root, "albums/", 1);
	expect_complete("zzz", root, NULL, 0);
	expect_complete("almanac", root, NULL, 0);         /* a file is not a directory */
	expect_complete("nowhere/x", root, NULL, 0);       /* a directory that is not there */
}

static void
test_hidden_only_on_a_dot(void **state)
{
	(void)state;
	expect_complete(".h", root, ".hidden/", 1);
	size_t n;
	char *got = mt_localdir_complete("", root, &n);
	assert_non_null(got);
	assert_string_equal(got, "");                      /* many: nothing they agree on */
	assert_int_equal(n, 5);                            /* albums alpha café cafè to-alpha, not .hidden or bad^[ */
	free(got);
}

static void
test_never_half_a_character(void **state)
{
	(void)state;
	expect_complete("caf", root, "caf", 2);            /* not "caf\xc3" */
	expect_complete("bad", root, NULL, 0);             /* control bytes never reach the line */
}

static void
test_home(void **state)
{
	(void)state;
	char *old = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("HOME", root, 1);
	expect_complete("~", NULL, "~/", 1);
	expect_complete("~/alp", NULL, "~/alpha/", 1);
	if (old)
		setenv("HOME", old, 1);
	else
		unsetenv("HOME");
	free(old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agreeing_part_and_slash),
		cmocka_unit_test(test_relative_kept_as_typed),
		cmocka_unit_test(test_hidden_only_on_a_dot),
		cmocka_unit_test(test_never_half_a_character),
		cmocka_unit_test(test_home),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
