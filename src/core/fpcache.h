/* fpcache.h — fingerprints of media items kept between audits, so that an
 * audit of an unchanged library downloads nothing.
 *
 * An item's entry is found by a key made of what identifies its content:
 * the site, the item's id, its size, its URL and its creation time (the
 * dialects return no checksum, ETag or update time; a replaced file gets a
 * new URL or size), and the perceptual hash's method (MT_PHASH_METHOD). The file, $XDG_CACHE_HOME/mediatui/fingerprints/PROFILE,
 * holds one line per item: the key, the SHA-256, the perceptual hash (or
 * "-") and the picture's stored size, tab-separated. Each finished item is
 * appended at once with one write, so an audit that is interrupted resumes
 * from what it had; at the end the file is rewritten (temporary file, then
 * rename) with only the items still in the library. Lines that are damaged
 * (a torn last line, a stranger's edit) are ignored and counted, never
 * fatal. */
#ifndef MT_FPCACHE_H
#define MT_FPCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "media.h"

struct mt_fingerprint {
	char sha256[65];        /* lower-case hex */
	bool has_phash;         /* a picture that decoded */
	uint64_t phash;
	int width, height;      /* as decoded; -1 unknown */
};

struct mt_fpcache;

/* $XDG_CACHE_HOME/mediatui/fingerprints/PROFILE (fresh string). */
char *mt_fpcache_path(const char *profile);
/* The key of an item on the site whose API base is `site`: 64 hex digits. */
void mt_fpcache_key(const char *site, const struct mt_media *m, char key[65]);

/* Reads the cache at path (a missing file is an empty cache). Never fails:
 * *damaged gets the number of lines that could not be read. */
struct mt_fpcache *mt_fpcache_open(const char *path, size_t *damaged);
/* Copies the entry for key into *fp and marks it in use. */
bool mt_fpcache_get(struct mt_fpcache *c, const char *key, struct mt_fingerprint *fp);
/* Adds or replaces an entry (in use) and appends it to the file. Returns 0,
 * or -1 with err when the file cannot be written (the entry is kept in
 * memory all the same). */
int mt_fpcache_put(struct mt_fpcache *c, const char *key, const struct mt_fingerprint *fp,
                   struct mt_error *err);
/* Rewrites the file with the entries in use (all of them when !only_used),
 * atomically. Returns 0 or -1 with err. */
int mt_fpcache_save(struct mt_fpcache *c, bool only_used, struct mt_error *err);
size_t mt_fpcache_count(const struct mt_fpcache *c);
void mt_fpcache_free(struct mt_fpcache *c);

#endif
