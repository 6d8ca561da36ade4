/* test_digest.c — digests against known vectors, sliced hashing, UUIDs, and
 * the upload journal's recovery from a torn last line, its records read back
 * from the file. */
#include "config.h"

#include <fcntl.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "digest.h"
#include "journal.h"
#include "loop.h"

static void
test_known_vectors(void **state)
{
	char b64[25], hex[65];
	mt_md5_base64("", 0, b64);
	assert_string_equal(b64, "1B2M2Y8AsgTpgAmY7PhCfg==");
	mt_md5_base64("abc", 3, b64);
	assert_string_equal(b64, "kAFQmDzST7DWlj99KOF/cg==");
	mt_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_sliced_file_digest(void **state)
{
	char path[] = "/tmp/mt-digest-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd > 0);
	/* 3 MiB + 1 of a repeating pattern, hashed 1 MiB at a time */
	size_t n = (3u << 20) + 1;
	char *buf = malloc(n);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(i * 7);
	assert_int_equal(write(fd, buf, n), (ssize_t)n);
	char want_md5[25], want_sha[65];
	mt_md5_base64(buf, n, want_md5);
	mt_sha256_hex(buf, n, want_sha);
	struct mt_digest *d = mt_digest_new(fd, (int64_t)n, MT_DIGEST_MD5 | MT_DIGEST_SHA256);
	struct mt_error err;
	int steps = 0, r;
	while ((r = mt_digest_step(d, 1u << 20, &err)) == 0)
		steps++;
	assert_int_equal(r, 1);
	assert_true(steps >= 3);
	assert_string_equal(mt_digest_md5_base64(d), want_md5);
	assert_string_equal(mt_digest_sha256_hex(d), want_sha);
	mt_digest_free(d);
	/* a file shorter than announced is an error, not a wrong digest */
	d = mt_digest_new(fd, (int64_t)n + 10, MT_DIGEST_MD5);
	while ((r = mt_digest_step(d, 1u << 22, &err)) == 0)
		;
	assert_int_equal(r, -1);
	assert_non_null(strstr(err.message, "shrank"));
	mt_digest_free(d);
	free(buf);
	close(fd);
	unlink(path);
}

/* Hex into bytes: lower case only, and nothing read past a wrong digit
 * (a string cut short ends at its NUL). */
static void
test_hex_to_bytes(void **state)
{
	(void)state;
	uint8_t b[4] = { 0 };
	assert_true(mt_hex_to_bytes("00ff7a10", 4, b));
	assert_int_equal(b[0], 0x00);
	assert_int_equal(b[1], 0xff);
	assert_int_equal(b[2], 0x7a);
	assert_int_equal(b[3], 0x10);
	char back[9];
	mt_bytes_to_hex(b, 4, back);
	assert_string_equal(back, "00ff7a10");              /* and back again */
	assert_false(mt_hex_to_bytes("00FF7a10", 4, b));   /* upper case */
	assert_false(mt_hex_to_bytes("00ff7g10", 4, b));   /* not a digit */
	/* cut short: the NUL stops it; a buffer with no room after the NUL
	 * shows an over-read under the sanitizers */
	char *cut = malloc(4);
	memcpy(cut, "0a1", 4);
	assert_false(mt_hex_to_bytes(cut, 4, b));
	free(cut);
	cut = malloc(3);
	memcpy(cut, "0a", 3);
	assert_false(mt_hex_to_bytes(cut, 4, b));
	free(cut);
}

static void
test_uuid(void **state)
{
	char a[37], b[37];
	assert_int_equal(mt_uuid_v4(a), 0);
	assert_int_equal(mt_uuid_v4(b), 0);
	assert_int_equal(strlen(a), 36);
	assert_string_not_equal(a, b);
	assert_true(a[8] == '-' && a[13] == '-' && a[18] == '-' && a[23] == '-');
	assert_true(a[14] == '4');
	assert_non_null(strchr("89ab", a[19]));
}

static void
test_journal_survives_a_torn_line(void **state)
{
	char dir[] = "/tmp/mt-journal-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/sub/uploads-t.jsonl", dir);
	struct mt_journal *j;
	struct mt_error err;
	assert_int_equal(mt_journal_open(path, &j, &err), 0);
	json_t *r = json_pack("{s:s,s:i}", "state", "uploading", "size", 10);
	assert_int_equal(mt_journal_put(j, "k1", r, true, &err), 0);
	json_object_set_new(r, "state", json_string("done"));
	assert_int_equal(mt_journal_put(j, "k1", r, true, &err), 0);
	assert_int_equal(mt_journal_put(j, "k2", r, false, &err), 0);
	json_decref(r);
	/* a second process cannot take it while it is open */
	struct mt_journal *j2;
	assert_int_equal(mt_journal_open(path, &j2, &err), -1);
	assert_non_null(strstr(err.message, "another mediatui"));
	mt_journal_close(j);

	/* a crash mid-write leaves half a line */
	int fd = open(path, O_WRONLY | O_APPEND);
	assert_int_equal(write(fd, "{\"key\":\"k3\",\"sta", 16), 16);
	close(fd);
	assert_int_equal(mt_journal_open(path, &j, &err), 0);
	assert_int_equal(mt_journal_skipped_lines(j), 1);
	assert_string_equal(json_string_value(json_object_get(mt_journal_get(j, "k1"), "state")), "done");
	assert_non_null(mt_journal_get(j, "k2"));
	assert_null(mt_journal_get(j, "k3"));
	/* and writing after it works: the torn line was compacted away */
	r = json_pack("{s:s}", "state", "queued");
	assert_int_equal(mt_journal_put(j, "k4", r, true, &err), 0);
	json_decref(r);
	mt_journal_close(j);
	assert_int_equal(mt_journal_open(path, &j, &err), 0);
	assert_int_equal(mt_journal_skipped_lines(j), 0);
	assert_non_null(mt_journal_get(j, "k4"));
	assert_int_equal(json_object_size(mt_journal_records(j)), 3);
	mt_journal_close(j);
	unlink(path);
	char sub[140];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	rmdir(sub);
	rmdir(dir);
}

static void
count_turn(void *arg)
{
	(*(int *)arg)++;
}

/* Group commit: the records of one loop turn are written at once (a killed
 * process leaves them) and synced once, by the flush at the turn's end. */
static void
test_journal_group_commit(void **state)
{
	char dir[] = "/tmp/mt-journal-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/uploads-g.jsonl", dir);
	struct mt_journal *j;
	struct mt_error err;
	assert_int_equal(mt_journal_open(path, &j, &err), 0);
	json_t *r = json_pack("{s:s}", "state", "starting");
	char key[16];
	for (int i = 0; i < 20; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(mt_journal_put(j, key, r, true, &err), 0);
	}
	assert_int_equal(mt_journal_syncs(j), 0);
	/* every line is in the file already, before any sync */
	struct mt_journal *other;
	FILE *f = fopen(path, "r");
	int lines = 0, c;
	while ((c = fgetc(f)) != EOF)
		lines += c == '\n';
	fclose(f);
	assert_int_equal(lines, 20);
	assert_int_equal(mt_journal_flush(j, &err), 0);
	assert_int_equal(mt_journal_syncs(j), 1);
	/* nothing new: no sync; records not asking for one: none either */
	assert_int_equal(mt_journal_flush(j, &err), 0);
	assert_int_equal(mt_journal_put(j, "plain", r, false, &err), 0);
	assert_int_equal(mt_journal_flush(j, &err), 0);
	assert_int_equal(mt_journal_syncs(j), 1);
	json_decref(r);
	mt_journal_close(j);
	assert_int_equal(mt_journal_open(path, &other, &err), 0);
	assert_int_equal(json_object_size(mt_journal_records(other)), 21);
	mt_journal_close(other);

	/* the loop runs its turn hooks once at the end of each turn */
	struct mt_loop *loop = mt_loop_new();
	int turns = 0;
	assert_int_equal(mt_loop_add_turn_hook(loop, count_turn, &turns), 0);
	assert_int_equal(mt_loop_run_once(loop, 0), 0);
	assert_int_equal(mt_loop_run_once(loop, 0), 0);
	assert_int_equal(turns, 2);
	mt_loop_remove_turn_hook(loop, count_turn, &turns);
	assert_int_equal(mt_loop_run_once(loop, 0), 0);
	assert_int_equal(turns, 2);
	mt_loop_free(loop);
	unlink(path);
	rmdir(dir);
}

static const char *
state_of(struct mt_journal *j, const char *key)
{
	return json_string_value(json_object_get(mt_journal_get(j, key), "state"));
}

/* The records stay on the disk and are read back by key: every key finds
 * its latest record, before and after the file is compacted under it (many
 * records for few keys), and after reopening; mt_journal_records agrees. */
static void
test_journal_reads_back_after_compacting(void **state)
{
	char dir[] = "/tmp/mt-journal-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/uploads-c.jsonl", dir);
	struct mt_journal *j;
	struct mt_error err;
	assert_int_equal(mt_journal_open(path, &j, &err), 0);
	char key[16], val[32];
	for (int i = 0; i < 2500; i++) {
		snprintf(key, sizeof key, "k%d", i % 7);
		snprintf(val, sizeof val, "state-%d", i);
		json_t *r = json_pack("{s:s,s:i}", "state", val, "n", i);
		assert_int_equal(mt_journal_put(j, key, r, false, &err), 0);
		json_decref(r);
		if (i % 500 == 499) {
			assert_string_equal(state_of(j, key), val);
			assert_null(mt_journal_get(j, "nothing"));
		}
	}
	/* compacted: far fewer lines than were put */
	FILE *f = fopen(path, "r");
	int lines = 0, c;
	while ((c = fgetc(f)) != EOF)
		lines += c == '\n';
	fclose(f);
	assert_true(lines < 1100);
	for (int k = 0; k < 7; k++) {
		snprintf(key, sizeof key, "k%d", k);
		int last = 2499 - ((2499 - k) % 7);
		snprintf(val, sizeof val, "state-%d", last);
		assert_string_equal(state_of(j, key), val);
	}
	assert_int_equal(json_object_size(mt_journal_records(j)), 7);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(mt_journal_records(j), "k3"), "key")), "k3");
	mt_journal_close(j);
	assert_int_equal(mt_journal_open(path, &j, &err), 0);
	assert_int_equal(mt_journal_skipped_lines(j), 0);
	assert_string_equal(state_of(j, "k6"), "state-2498");
	assert_string_equal(state_of(j, "k0"), "state-2499");
	mt_journal_close(j);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_vectors),
		cmocka_unit_test(test_sliced_file_digest),
		cmocka_unit_test(test_hex_to_bytes),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_journal_survives_a_torn_line),
		cmocka_unit_test(test_journal_group_commit),
		cmocka_unit_test(test_journal_reads_back_after_compacting),
	};
	return cmocka_run_group_tests_name("digest", tests, NULL, NULL);
}
