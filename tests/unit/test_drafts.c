/* test_drafts.c — typed edits kept per item and profile: set field by
 * field, cleared field by field (an empty draft goes, and with the last one
 * the file), other items and profiles untouched, the focal point, and a
 * file that cannot be read moved aside, never overwritten; a key typed in a
 * prompt kept in the file without waiting for the disk (fsync is wrapped:
 * the link counts its calls); a prompt's text set aside with Esc kept
 * apart from the field's pending value, durably, and dropped alone. */
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

#include "drafts.h"

static char dir[] = "/tmp/mt-drafts-XXXXXX";

/* -Wl,--wrap=fsync: core's calls come here */
static int fsyncs;
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int
__wrap_fsync(int fd)
{
	fsyncs++;
	return __real_fsync(fd);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
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

static char *
file_of(const char *profile, const char *suffix)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/state/mediatui/drafts-%s.json%s", dir, profile, suffix) > 0);
	return p;
}

static void
test_set_get_clear(void **state)
{
	(void)state;
	struct mt_error err;
	mt_error_clear(&err);
	assert_null(mt_draft_get("site", "m1"));
	/* clearing what was never kept writes nothing */
	assert_int_equal(mt_draft_set("site", "m1", "a.jpg", MT_DRAFT_ALT, NULL, &err), 0);
	char *path = file_of("site", "");
	assert_int_not_equal(access(path, F_OK), 0);

	assert_int_equal(mt_draft_set("site", "m1", "a.jpg", MT_DRAFT_ALT, "A dog, \"running\"\n", &err), 0);
	assert_int_equal(mt_draft_set("site", "m1", "a.jpg", MT_DRAFT_TITLE, "Dog", &err), 0);
	assert_int_equal(mt_draft_set("site", "m2", "b.png", MT_DRAFT_FOLDER, "/press", &err), 0);
	assert_int_equal(mt_draft_set_focal("site", "m2", NULL, true, 12.5, 80, &err), 0);
	assert_int_equal(mt_draft_set("other", "m1", "a.jpg", MT_DRAFT_DESCRIPTION, "x", &err), 0);

	struct mt_draft *d = mt_draft_get("site", "m1");
	assert_non_null(d);
	assert_string_equal(d->name, "a.jpg");
	assert_string_equal(d->field[MT_DRAFT_ALT], "A dog, \"running\"\n");
	assert_string_equal(d->field[MT_DRAFT_TITLE], "Dog");
	assert_null(d->field[MT_DRAFT_DESCRIPTION]);
	assert_false(d->has_focal);
	char *fields = mt_draft_fields_text(d);
	assert_string_equal(fields, "alt text, title");
	free(fields);
	mt_drafts_free(d, 1);

	struct mt_draft *v;
	size_t n;
	assert_int_equal(mt_drafts_load("site", &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].id, "m2");
	assert_string_equal(v[1].name, "b.png");   /* kept when a later change names none */
	assert_true(v[1].has_focal);
	assert_true(v[1].fx == 12.5 && v[1].fy == 80);
	mt_drafts_free(v, n);

	/* a cleared field goes; the last field takes the draft with it */
	assert_int_equal(mt_draft_set("site", "m1", NULL, MT_DRAFT_ALT, NULL, &err), 0);
	d = mt_draft_get("site", "m1");
	assert_non_null(d);
	assert_null(d->field[MT_DRAFT_ALT]);
	mt_drafts_free(d, 1);
	assert_int_equal(mt_draft_set("site", "m1", NULL, MT_DRAFT_TITLE, NULL, &err), 0);
	assert_null(mt_draft_get("site", "m1"));
	assert_int_equal(mt_draft_forget("site", "m2", &err), 0);
	assert_int_equal(mt_drafts_load("site", &v, &n, &err), 0);
	assert_int_equal(n, 0);
	mt_drafts_free(v, n);
	assert_int_not_equal(access(path, F_OK), 0);   /* no drafts, no file */
	free(path);

	/* the other profile kept its own */
	d = mt_draft_get("other", "m1");
	assert_non_null(d);
	assert_string_equal(d->field[MT_DRAFT_DESCRIPTION], "x");
	mt_drafts_free(d, 1);
	assert_int_equal(mt_drafts_forget_all("other", &err), 0);
	assert_null(mt_draft_get("other", "m1"));
}

static void
test_aside(void **state)
{
	(void)state;
	struct mt_error err;
	mt_error_clear(&err);
	int before = fsyncs;
	assert_int_equal(mt_draft_set_aside("aside", "m1", "a.jpg", MT_DRAFT_DESCRIPTION, "Boats", &err), 0);
	assert_true(fsyncs > before);   /* durable: an Esc is not a key typed */
	assert_int_equal(mt_draft_set("aside", "m1", "a.jpg", MT_DRAFT_DESCRIPTION, "Quay", &err), 0);
	struct mt_draft *d = mt_draft_get("aside", "m1");
	assert_non_null(d);
	assert_string_equal(d->aside[MT_DRAFT_DESCRIPTION], "Boats");
	assert_string_equal(d->field[MT_DRAFT_DESCRIPTION], "Quay");
	char *fields = mt_draft_fields_text(d);
	assert_string_equal(fields, "description, description set aside");
	free(fields);
	mt_drafts_free(d, 1);
	/* the field cleared, the text set aside alone keeps the draft */
	assert_int_equal(mt_draft_set("aside", "m1", NULL, MT_DRAFT_DESCRIPTION, NULL, &err), 0);
	d = mt_draft_get("aside", "m1");
	assert_non_null(d);
	assert_null(d->field[MT_DRAFT_DESCRIPTION]);
	assert_string_equal(d->aside[MT_DRAFT_DESCRIPTION], "Boats");
	mt_drafts_free(d, 1);
	/* dropped: nothing is left, nor the file */
	assert_int_equal(mt_draft_set_aside("aside", "m1", NULL, MT_DRAFT_DESCRIPTION, NULL, &err), 0);
	assert_null(mt_draft_get("aside", "m1"));
	char *path = file_of("aside", "");
	assert_int_not_equal(access(path, F_OK), 0);
	free(path);
}

static void
test_broken_file_moved_aside(void **state)
{
	(void)state;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_draft_set("bad", "m1", "a.jpg", MT_DRAFT_ALT, "kept", &err), 0);
	char *path = file_of("bad", ""), *aside = file_of("bad", ".broken");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"drafts\": [ {\"id\": \"m1\", \"alt\": \"half", f);   /* cut short */
	fclose(f);
	struct mt_draft *v;
	size_t n;
	assert_int_equal(mt_drafts_load("bad", &v, &n, &err), -1);
	assert_non_null(strstr(err.message, ".broken"));
	assert_int_equal(access(aside, F_OK), 0);
	/* the next change starts a new file; the broken one stays as it was */
	mt_error_clear(&err);
	assert_int_equal(mt_draft_set("bad", "m3", "c.gif", MT_DRAFT_ALT, "new", &err), 0);
	assert_int_equal(mt_drafts_load("bad", &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "m3");
	mt_drafts_free(v, n);
	f = fopen(aside, "r");
	assert_non_null(f);
	char buf[100] = "";
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_non_null(strstr(buf, "half"));

	/* entries that are not drafts are skipped, the rest read */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"drafts\": [1, {\"id\": \"\"}, {\"id\": \"m4\"}, {\"id\": \"m5\", \"focal\": [101, 3]},"
	      " {\"id\": \"m6\", \"title\": \"T\"}]}", f);
	fclose(f);
	assert_int_equal(mt_drafts_load("bad", &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "m6");
	assert_string_equal(v[0].name, "m6");
	mt_drafts_free(v, n);
	free(path);
	free(aside);
}

/* Typing writes the whole file (a kill keeps every key) but never syncs;
 * the prompt's close (mt_draft_set) does, once. */
static void
test_typed_not_synced(void **state)
{
	(void)state;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_draft_set("typing", "m1", "a.jpg", MT_DRAFT_TITLE, "Kept", &err), 0);
	fsyncs = 0;
	const char *keys[] = { "S", "Su", "Sun" };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(mt_draft_typed("typing", "m1", "a.jpg", MT_DRAFT_ALT, keys[i], &err), 0);
		struct mt_draft *d = mt_draft_get("typing", "m1");
		assert_non_null(d);
		assert_string_equal(d->field[MT_DRAFT_ALT], keys[i]);
		assert_string_equal(d->field[MT_DRAFT_TITLE], "Kept");
		mt_drafts_free(d, 1);
	}
	assert_int_equal(fsyncs, 0);
	assert_int_equal(mt_draft_set("typing", "m1", "a.jpg", MT_DRAFT_ALT, "Sunset", &err), 0);
	assert_int_equal(fsyncs, 1);
	assert_int_equal(mt_drafts_forget_all("typing", &err), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get_clear),
		cmocka_unit_test(test_broken_file_moved_aside),
		cmocka_unit_test(test_typed_not_synced),
		cmocka_unit_test(test_aside),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
