/* history.h — the upload journal read as plain records, for display.
 *
 * Reads the profile's journal file without taking its lock (the upload queue
 * may hold it): the file is append-only JSON lines and the last line for a
 * key wins, so a concurrent reader at worst misses the newest line or sees a
 * torn last line, which is skipped. Nothing here writes the journal. */
#ifndef MT_HISTORY_H
#define MT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct mt_history_rec {
	char *key;
	char *path;          /* local file (absolute when it was resolvable) */
	char *name;          /* name sent to the server */
	char *folder;
	char *dialect;
	char *state;         /* queued ... done, skipped, failed, cancelled */
	char *id;            /* remote id once known */
	char *url;
	char *storage_key;   /* presign key / b2 key */
	char *media_id;      /* clarife client id */
	char *upload_id;     /* adclear */
	char *error;         /* failed: the message */
	char *offer_again;   /* failed, and kept at quit for the next start:
	                      * "full" (the storage was full) or "mayPass" */
	int64_t size;        /* -1 unknown */
	int64_t updated;     /* epoch seconds, 0 unknown */
	int64_t session;     /* the queue it was queued in (epoch ms), 0 unknown */
	int64_t seq;         /* its place in that queue's order, 0 unknown */
};

/* Loads the latest record of every job in the journal of `profile`, newest
 * first. A missing journal gives zero records. Returns 0 or -1 (err). */
int mt_history_load(const char *profile, struct mt_history_rec **out, size_t *n,
                    struct mt_error *err);
/* True for records whose work was not finished (not done, skipped, failed,
 * or cancelled): what an interrupted session left behind; and for failed
 * records a session kept at its end for the next (offer_again). */
bool mt_history_unfinished(const struct mt_history_rec *r);
/* Sorts records in the order their files were queued: a queue's records in
 * the order it was given them, an earlier queue's first; records of a
 * journal written before that order was kept go by their time, then key.
 * Records saved in the same second keep that order too. */
void mt_history_sort_queued(struct mt_history_rec *v, size_t n);
void mt_history_free(struct mt_history_rec *v, size_t n);

#endif
