/* fuzz_journal.c — the upload journal read back from its file (journal.c,
 * history.c).
 * fuzz-dict: json
 *
 * The input is written as the journal file of profile "fuzz" in a private
 * state directory, then read by the interface's history reader and opened by
 * the journal itself. Both must find the same jobs; every record is an object
 * under its own key; after one open (which compacts away unreadable lines)
 * the file reopens with the same records and nothing skipped; a record put
 * in is there on the next open. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <unistd.h>

#include "fuzz.h"
#include "history.h"
#include "journal.h"

static char dir[64];
static char *path;

static void
cleanup(void)
{
	char *compact = malloc(strlen(path) + 16);
	sprintf(compact, "%s.compact", path);
	unlink(compact);
	free(compact);
	unlink(path);
	char sub[128];
	snprintf(sub, sizeof sub, "%s/mediatui", dir);
	rmdir(sub);
	rmdir(dir);
	free(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/mt-fuzz-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	setenv("XDG_STATE_HOME", dir, 1);
	path = mt_journal_path_for("fuzz");
	atexit(cleanup);
	return 0;
}

static void
write_file(const uint8_t *data, size_t size)
{
	/* the directory is made by the first mt_journal_open */
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		struct mt_journal *j;
		struct mt_error err;
		FUZZ_CHECK(mt_journal_open(path, &j, &err) == 0);
		mt_journal_close(j);
		f = fopen(path, "w");
	}
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(data, 1, size, f) == size);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	write_file(data, size);

	struct mt_history_rec *hist;
	size_t nhist;
	struct mt_error err;
	FUZZ_CHECK(mt_history_load("fuzz", &hist, &nhist, &err) == 0);
	for (size_t i = 0; i < nhist; i++) {
		FUZZ_CHECK(hist[i].key != NULL);
		FUZZ_CHECK(i == 0 || hist[i - 1].updated >= hist[i].updated);
		(void)mt_history_unfinished(&hist[i]);
	}

	struct mt_journal *j;
	FUZZ_CHECK(mt_journal_open(path, &j, &err) == 0);
	json_t *records = mt_journal_records(j);
	FUZZ_CHECK(json_object_size(records) == nhist);
	const char *key;
	json_t *rec;
	json_object_foreach(records, key, rec) {
		FUZZ_CHECK(json_is_object(rec));
		FUZZ_CHECK(strcmp(json_string_value(json_object_get(rec, "key")), key) == 0);
		FUZZ_CHECK(mt_journal_get(j, key) == rec);
	}
	json_t *before = json_deep_copy(records);
	mt_journal_close(j);
	mt_history_free(hist, nhist);

	FUZZ_CHECK(mt_journal_open(path, &j, &err) == 0);
	FUZZ_CHECK(mt_journal_skipped_lines(j) == 0);
	FUZZ_CHECK(json_equal(mt_journal_records(j), before));
	json_t *r = json_pack("{s:s,s:I}", "state", "uploading", "size", (json_int_t)21);
	FUZZ_CHECK(mt_journal_put(j, "fuzz-key", r, false, &err) == 0);
	json_decref(r);
	mt_journal_close(j);

	FUZZ_CHECK(mt_journal_open(path, &j, &err) == 0);
	rec = mt_journal_get(j, "fuzz-key");
	FUZZ_CHECK(rec && strcmp(json_string_value(json_object_get(rec, "state")), "uploading") == 0);
	FUZZ_CHECK(json_object_size(mt_journal_records(j)) ==
	           json_object_size(before) + (json_object_get(before, "fuzz-key") ? 0 : 1));
	mt_journal_close(j);
	json_decref(before);
	return 0;
}
