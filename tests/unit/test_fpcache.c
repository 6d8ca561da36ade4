/* test_fpcache.c — the fingerprint cache: keys that change with the
 * content, entries that survive a reopen, damaged lines ignored and counted,
 * a save that keeps only the items in use. */
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

#include "fpcache.h"

static void
item(struct mt_media *m, const char *id, int64_t size, const char *url)
{
	mt_media_init(m);
	m->id = (char *)(uintptr_t)id;
	m->size = size;
	m->url = (char *)(uintptr_t)url;
	m->created_at = (char *)(uintptr_t)"2026-01-01T00:00:00Z";
}

static void
fp_of(struct mt_fingerprint *fp, char c, uint64_t ph)
{
	memset(fp, 0, sizeof *fp);
	memset(fp->sha256, c, 64);
	fp->has_phash = ph != 0;
	fp->phash = ph;
	fp->width = 800;
	fp->height = 600;
}

static void
test_keys(void **state)
{
	(void)state;
	struct mt_media a, b;
	char ka[65], kb[65];
	item(&a, "media_1", 100, "/u/1.jpg");
	item(&b, "media_1", 100, "/u/1.jpg");
	mt_fpcache_key("http://s/", &a, ka);
	mt_fpcache_key("http://s/", &b, kb);
	assert_string_equal(ka, kb);
	b.size = 101;
	mt_fpcache_key("http://s/", &b, kb);
	assert_string_not_equal(ka, kb);
	b.size = 100;
	b.url = (char *)(uintptr_t)"/u/2.jpg";
	mt_fpcache_key("http://s/", &b, kb);
	assert_string_not_equal(ka, kb);
	b.url = (char *)(uintptr_t)"/u/1.jpg";
	mt_fpcache_key("http://other/", &b, kb);
	assert_string_not_equal(ka, kb);
}

static void
test_roundtrip_damage_and_save(void **state)
{
	(void)state;
	char dir[] = "/tmp/mt-fpcache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/sub/site", dir);
	size_t damaged = 9;
	struct mt_fpcache *c = mt_fpcache_open(path, &damaged);
	assert_int_equal(damaged, 0);
	char k1[65], k2[65];
	memset(k1, '1', 64);
	k1[64] = 0;
	memset(k2, '2', 64);
	k2[64] = 0;
	struct mt_fingerprint f1, f2, got;
	fp_of(&f1, 'a', 0x8000000000000001ULL);
	fp_of(&f2, 'b', 0);
	struct mt_error err;
	assert_int_equal(mt_fpcache_put(c, k1, &f1, &err), 0);
	assert_int_equal(mt_fpcache_put(c, k2, &f2, &err), 0);
	mt_fpcache_free(c);

	/* damage: a torn last line, a line of junk, an overlong line */
	FILE *f = fopen(path, "a");
	fputs("not\ta\tfingerprint\n", f);
	for (int i = 0; i < 500; i++)
		fputc('x', f);
	fputs("\n3333333333333333333333333333333333333333333333333333333333333333\tab", f);
	fclose(f);
	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(damaged, 3);
	assert_int_equal(mt_fpcache_count(c), 2);
	assert_true(mt_fpcache_get(c, k1, &got));
	assert_string_equal(got.sha256, f1.sha256);
	assert_true(got.has_phash);
	assert_true(got.phash == 0x8000000000000001ULL);
	assert_int_equal(got.width, 800);
	/* only k1 was used in this run: the save forgets k2 and the damage */
	assert_int_equal(mt_fpcache_save(c, true, &err), 0);
	mt_fpcache_free(c);
	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(damaged, 0);
	assert_int_equal(mt_fpcache_count(c), 1);
	assert_false(mt_fpcache_get(c, k2, &got));
	mt_fpcache_free(c);

	/* a file of garbage is an empty cache, never a crash */
	f = fopen(path, "w");
	fputs("\x01\x02garbage\n\n\t\t\t\t\n", f);
	fclose(f);
	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(mt_fpcache_count(c), 0);
	assert_true(damaged >= 2);
	mt_fpcache_free(c);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
key_of(int i, char key[65])
{
	snprintf(key, 65, "%064x", i);
}

/* A file much longer than the reader's buffer, with an overlong line that
 * crosses a buffer's end: every entry read, the damage counted once. An
 * unchanged cache is not rewritten; a repeated key makes the save compact. */
static void
test_long_file_and_unchanged_save(void **state)
{
	(void)state;
	char dir[] = "/tmp/mt-fpcache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/site", dir);
	size_t damaged = 0;
	struct mt_fpcache *c = mt_fpcache_open(path, &damaged);
	struct mt_error err;
	struct mt_fingerprint fp, got;
	char key[65];
	for (int i = 0; i < 3000; i++) {
		key_of(i, key);
		fp_of(&fp, "0123456789abcdef"[i % 16], (uint64_t)i * 0x9E3779B97F4A7C15ULL);
		fp.width = i;
		assert_int_equal(mt_fpcache_put(c, key, &fp, &err), 0);
	}
	mt_fpcache_free(c);
	FILE *f = fopen(path, "a");
	for (int i = 0; i < 70000; i++)
		fputc('y', f);
	fputc('\n', f);
	fclose(f);

	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(damaged, 1);
	assert_int_equal(mt_fpcache_count(c), 3000);
	for (int i = 0; i < 3000; i++) {
		key_of(i, key);
		assert_true(mt_fpcache_get(c, key, &got));
		assert_int_equal(got.width, i);
		assert_true(got.has_phash == (i != 0));
		assert_true(got.phash == (uint64_t)i * 0x9E3779B97F4A7C15ULL);
		assert_int_equal(got.sha256[0], "0123456789abcdef"[i % 16]);
		assert_int_equal(strlen(got.sha256), 64);
	}
	key_of(3000, key);
	assert_false(mt_fpcache_get(c, key, &got));
	/* the damage makes this save rewrite the file */
	assert_int_equal(mt_fpcache_save(c, true, &err), 0);
	mt_fpcache_free(c);

	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(damaged, 0);
	for (int i = 0; i < 3000; i++) {
		key_of(i, key);
		assert_true(mt_fpcache_get(c, key, &got));
	}
	/* all used, nothing new: the same file stays */
	assert_int_equal(mt_fpcache_save(c, true, &err), 0);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino == after.st_ino);
	/* one entry left unused: the save forgets it in a new file */
	mt_fpcache_free(c);
	c = mt_fpcache_open(path, &damaged);
	for (int i = 1; i < 3000; i++) {
		key_of(i, key);
		assert_true(mt_fpcache_get(c, key, &got));
	}
	assert_int_equal(mt_fpcache_save(c, true, &err), 0);
	mt_fpcache_free(c);
	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(mt_fpcache_count(c), 2999);
	/* a key appended twice: read once, then compacted by the save */
	key_of(5, key);
	fp_of(&fp, 'e', 7);
	assert_int_equal(mt_fpcache_put(c, key, &fp, &err), 0);
	mt_fpcache_free(c);
	c = mt_fpcache_open(path, &damaged);
	assert_int_equal(mt_fpcache_count(c), 2999);
	assert_true(mt_fpcache_get(c, key, &got));
	assert_true(got.phash == 7);
	for (int i = 1; i < 3000; i++) {
		key_of(i, key);
		assert_true(mt_fpcache_get(c, key, &got));
	}
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(mt_fpcache_save(c, true, &err), 0);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	assert_true(after.st_size < before.st_size);
	mt_fpcache_free(c);

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_roundtrip_damage_and_save),
		cmocka_unit_test(test_long_file_and_unchanged_save),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
