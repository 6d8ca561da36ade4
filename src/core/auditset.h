/* auditset.h — a listing kept compact for the content audit: one record
 * per item and its strings packed in one buffer, in place of every item's
 * struct mt_media until the findings.
 *
 * A record holds what the findings and the keeper need: the id, file name,
 * folder and creation time (packed, NUL-separated), the size and pixels,
 * the keeper's metadata score (alt text, title, a focal point off centre),
 * and, once known, the fingerprint (digest as 32 bytes). The URL and the
 * MIME type are needed only to fetch: they live in a second buffer that
 * mt_auditset_forget_fetch frees once the fingerprints are in. */
#ifndef MT_AUDITSET_H
#define MT_AUDITSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpcache.h"
#include "media.h"

enum {
	MT_REC_FILENAME = 1 << 0,   /* which strings follow the id */
	MT_REC_FOLDER = 1 << 1,
	MT_REC_CREATED = 1 << 2,
	MT_REC_URL = 1 << 3,        /* in the fetch buffer */
	MT_REC_MIME = 1 << 4,
	MT_REC_FP = 1 << 5,         /* sha256 set */
	MT_REC_PHASH = 1 << 6,      /* phash and fp_width, fp_height set */
	MT_REC_ID = 1 << 7
};

struct mt_audit_rec {
	int64_t size;               /* -1 unknown */
	uint64_t phash;
	uint8_t sha256[32];
	uint32_t str;               /* id, filename, folder, created_at in strs */
	uint32_t fetch;             /* url, mime_type in the fetch buffer */
	uint32_t error;             /* a failed download's message in strs + 1; 0 none */
	int32_t width, height;      /* the listing's; -1 unknown */
	int32_t fp_width, fp_height;/* as decoded; -1 unknown */
	uint8_t status;             /* enum mt_fp_status */
	uint8_t meta;               /* 0..3: alt text, title, focal point set */
	uint8_t flags;              /* MT_REC_* */
};

struct mt_auditset {
	struct mt_audit_rec *recs;
	size_t n, cap;
	char *strs, *fetch;         /* packed strings */
	size_t strs_len, strs_cap, fetch_len, fetch_cap;
};

struct mt_auditset *mt_auditset_new(void);
/* Appends m's record (index: the count before). */
void mt_auditset_add(struct mt_auditset *s, const struct mt_media *m);
/* Item i as a struct mt_media whose strings point into the set (valid
 * until the next add, forget or free): id, filename, folder, created_at,
 * url and mime_type (NULL after forget), size, width, height; no alt text,
 * title or focal point. */
void mt_auditset_media(const struct mt_auditset *s, size_t i, struct mt_media *out);
/* Item i's string fields alone (NULL when absent). */
const char *mt_auditset_id(const struct mt_auditset *s, size_t i);
void mt_auditset_strings(const struct mt_auditset *s, size_t i, char **id, char **filename,
                         char **folder, char **created_at);
/* What became of item i's fingerprint: status (enum mt_fp_status), fp
 * (may be NULL), a failed download's message (may be NULL). False when
 * fp's digest is not 64 hex digits (the status is kept). */
bool mt_auditset_set_fp(struct mt_auditset *s, size_t i, int status,
                        const struct mt_fingerprint *fp, const char *error);
/* A failed download's message for item i, or NULL. */
const char *mt_auditset_error(const struct mt_auditset *s, size_t i);
/* Gives back the room kept for more items: the listing is complete. */
void mt_auditset_trim(struct mt_auditset *s);
/* Frees the URLs and MIME types: the fetch is over. */
void mt_auditset_forget_fetch(struct mt_auditset *s);
/* The keeper's metadata score of m: alt text, title, a focal point set. */
int mt_auditset_meta_score(const struct mt_media *m);
void mt_auditset_free(struct mt_auditset *s);

#endif
