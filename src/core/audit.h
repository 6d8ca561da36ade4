/* audit.h — what needs attention in a library: images without alt text,
 * oversized files, duplicates, names whose extension contradicts the type,
 * empty folders.
 *
 * Duplicates are items with the same file name and size (the APIs give no
 * checksum); within a group the oldest is marked to keep, so a clean-up that
 * deletes the others keeps the original links working. */
#ifndef MT_AUDIT_H
#define MT_AUDIT_H

/* jansson's type, declared here so that src/tui need not include jansson */
struct json_t;
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "media.h"

enum mt_finding_kind {
	MT_FIND_MISSING_ALT,
	MT_FIND_OVERSIZED,
	MT_FIND_DUPLICATE,
	MT_FIND_MISMATCH,
	MT_FIND_EMPTY_FOLDER,
	/* with the content (audit --content) */
	MT_FIND_NEAR_DUPLICATE,
	MT_FIND_DOWNLOAD_FAILED,
	MT_FIND_NOT_FETCHED
};
#define MT_FIND_LAST MT_FIND_NOT_FETCHED

struct mt_finding {
	enum mt_finding_kind kind;
	int group;           /* duplicates: the group number, from 1 */
	char *id;            /* NULL for folders */
	char *filename;
	char *folder;
	char *created_at;
	int64_t size;
	char *detail;        /* e.g. "named .png, served as image/jpeg" */
	/* with the content */
	const char *keep_reason;  /* the keeper's: metadata, largest, oldest (static) */
	int64_t group_waste; /* duplicate groups: the bytes all but the keeper cost */
	int64_t saved;       /* oversized pictures: bytes a resize would save; else -1 */
	const uint8_t *sha256;    /* 32 bytes, in the audit's set; NULL none */
	int distance;        /* near duplicates: bits from the keeper's hash; else -1 */
	bool keep;           /* duplicates: the one to keep (the oldest) */
	bool borrowed;       /* id, filename, folder, created_at point into the set */
};

struct mt_audit_sized;   /* private */
struct mt_auditset;      /* auditset.h */

struct mt_audit {
	int64_t large_bytes;
	struct mt_finding *findings;
	size_t nfindings;
	size_t findings_cap;
	int64_t scanned;
	/* every item of a known size: the duplicates by name come from them,
	 * and the oversized findings again when large_bytes changes */
	struct mt_audit_sized *sized;
	size_t nsized, sized_cap;
	char **used_folders;
	size_t nused, used_cap;
	bool by_content;     /* duplicates come from mt_audit_content, not names */
	/* how the content was had: items downloaded, from the cache, failed,
	 * left out of the budget; bytes downloaded */
	int64_t content_fetched, content_cached, content_failed, content_skipped, content_bytes;
	/* the content audit's items, which its findings' strings point into */
	struct mt_auditset *set;
};

/* Default threshold for "oversized": 5 MiB. */
#define MT_AUDIT_DEFAULT_LARGE ((int64_t)5 << 20)

void mt_audit_init(struct mt_audit *a, int64_t large_bytes);
/* The threshold an audit uses: the option's (--large) when set (> 0), else
 * the profile's (large = ...), else MT_AUDIT_DEFAULT_LARGE. */
int64_t mt_audit_pick_large(int64_t option, int64_t profile);
/* Another threshold for "oversized" (> 0), after mt_audit_finish: the
 * oversized findings by bytes worked out again from the items the audit
 * holds, the rest as they were, in the usual order; nothing is listed
 * again. Pictures oversized in pixels (the content's) stay. Returns how
 * many oversized findings there are now, or -1 (nothing changed) when
 * large_bytes is not above 0 or the audit is by content (it keeps no item
 * records beside its compact set). */
long mt_audit_set_large(struct mt_audit *a, int64_t large_bytes);
void mt_audit_add(struct mt_audit *a, const struct mt_media *m);
/* A finding of m (may be NULL), detail handed over; for audit_content.c. */
struct mt_finding *mt_audit_add_finding(struct mt_audit *a, enum mt_finding_kind kind,
                                        const struct mt_media *m, char *detail);

/* Makes room for `more` findings at once. */
void mt_audit_reserve(struct mt_audit *a, size_t more);

/* What became of one item's fingerprint (audit --content). */
struct mt_audit_content_item {
	int status;                 /* enum mt_fp_status */
	bool has_fp;
	char sha256[65];
	bool has_phash;
	uint64_t phash;
	int width, height;          /* decoded; -1 unknown */
	char *error;                /* a failed download's message */
};
/* Default --similarity: the largest distance between near duplicates. */
enum { MT_AUDIT_DEFAULT_SIMILARITY = 10 };
/* The widest a site renders a picture (clearcms: 1200 px), 0 when unknown. */
int mt_audit_render_width(const char *dialect);
/* Adds the content findings for items[i] with content[i] (before
 * mt_audit_finish, with by_content set before the first mt_audit_add):
 * byte-identical groups, near duplicates within `similarity` bits, pictures
 * far wider than render_width (> 1.5 x), failed and unfetched downloads.
 * Each group's keeper has alt text, title and a focal point set, else is
 * the largest, else the oldest. */
void mt_audit_content(struct mt_audit *a, const struct mt_media *items,
                      const struct mt_audit_content_item *content, size_t n, int similarity,
                      int render_width);
/* The same from a compact set whose fingerprints are filled in (see
 * auditset.h), which the audit takes: its findings point into it. */
void mt_audit_content_set(struct mt_audit *a, struct mt_auditset *set, int similarity,
                          int render_width);
/* Completes the duplicate groups and finds empty folders among `folders`.
 * Findings are then ordered by kind, group, and age. */
void mt_audit_finish(struct mt_audit *a, char *const *folders, size_t nfolders);
/* Stable names: missing-alt, oversized, duplicate, mismatch, empty-folder,
 * near-duplicate, download-failed, not-fetched. */
const char *mt_finding_kind_name(enum mt_finding_kind kind);
/* "missing-alt,duplicate" into a set of bits (1 << kind). Returns 0, or -1
 * on an unknown or empty name. */
int mt_finding_kinds_parse(const char *list, unsigned *kinds);
/* How many findings are of a kind in the set. */
size_t mt_audit_count_kinds(const struct mt_audit *a, unsigned kinds);
/* The whole report: scanned, largeBytes, findings, content (with --content). */
struct json_t *mt_audit_to_json(const struct mt_audit *a);
/* The same with "findings" an empty array, and one finding: a long report
 * can be printed a finding at a time. */
struct json_t *mt_audit_summary_json(const struct mt_audit *a);
struct json_t *mt_audit_finding_json(const struct mt_finding *f);
void mt_audit_free(struct mt_audit *a);

#endif
