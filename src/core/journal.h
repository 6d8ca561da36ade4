/* journal.h — upload state that survives a crash or a dropped SSH session.
 *
 * One append-only file of JSON lines per profile under
 * $XDG_STATE_HOME/mediatui/ (default ~/.local/state/mediatui/). Each line is
 * the whole latest record of one upload job, keyed by what identifies the
 * work (profile, file, size, mtime, destination); the last line for a key
 * wins. A torn last line from a crash is skipped and counted. The file is
 * locked while open so two processes cannot interleave records, and compacted
 * when it holds many stale lines. */
#ifndef MT_JOURNAL_H
#define MT_JOURNAL_H

/* jansson's type, declared here so that src/tui need not include jansson */
struct json_t;
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct mt_journal;

/* The state directory: $XDG_STATE_HOME/mediatui or ~/.local/state/mediatui. */
char *mt_journal_dir(void);

/* Opens (creating as needed) the journal at `path`. Fails with a clear
 * message when another process holds it or the directory is not writable. */
int mt_journal_open(const char *path, struct mt_journal **out, struct mt_error *err);
/* The journal file for a profile in the default directory. */
char *mt_journal_path_for(const char *profile);

/* The latest record for key, read back from the file (borrowed; valid until
 * the next get or put), or NULL. Only where each key's latest line lies is
 * kept in memory, not the records. */
struct json_t *mt_journal_get(struct mt_journal *j, const char *key);
/* Appends a record (a JSON object, not stolen) for key: written (write(2))
 * before this returns, so a killed process leaves it behind. With `sync`,
 * the journal is marked for the disk itself: the next mt_journal_flush
 * fdatasyncs once for every such record since the last (group commit).
 * Returns 0 or -1 (err). */
int mt_journal_put(struct mt_journal *j, const char *key, struct json_t *record, bool sync,
                   struct mt_error *err);
/* fdatasync when a `sync` record was put since the last flush; nothing
 * otherwise. Returns 0 or -1 (err). */
int mt_journal_flush(struct mt_journal *j, struct mt_error *err);
/* fdatasyncs made so far (for the tests). */
unsigned long mt_journal_syncs(const struct mt_journal *j);
/* All latest records as an object key -> record, read from the file
 * (borrowed; valid until the next put; mt_journal_get answers from it
 * meanwhile). It holds them all in memory: for tests and tools. */
struct json_t *mt_journal_records(struct mt_journal *j);
/* Lines that could not be read when the journal was opened. */
size_t mt_journal_skipped_lines(const struct mt_journal *j);
/* Flushes, then closes. */
void mt_journal_close(struct mt_journal *j);

#endif
