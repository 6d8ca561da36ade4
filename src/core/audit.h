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
	MT_FIND_EMPTY_FOLDER
};

struct mt_finding {
	enum mt_finding_kind kind;
	char *id;            /* NULL for folders */
	char *filename;
	char *folder;
	char *created_at;
	int64_t size;
	char *detail;        /* e.g. "named .png, served as image/jpeg" */
	int group;           /* duplicates: the group number, from 1 */
	bool keep;           /* duplicates: the one to keep (the oldest) */
};

struct mt_audit_dup;     /* private */

struct mt_audit {
	int64_t large_bytes;
	struct mt_finding *findings;
	size_t nfindings;
	size_t findings_cap;
	int64_t scanned;
	struct mt_audit_dup *dups;
	size_t ndups, dups_cap;
	char **used_folders;
	size_t nused, used_cap;
};

/* Default threshold for "oversized": 5 MiB. */
#define MT_AUDIT_DEFAULT_LARGE ((int64_t)5 << 20)

void mt_audit_init(struct mt_audit *a, int64_t large_bytes);
void mt_audit_add(struct mt_audit *a, const struct mt_media *m);
/* Completes the duplicate groups and finds empty folders among `folders`.
 * Findings are then ordered by kind, group, and age. */
void mt_audit_finish(struct mt_audit *a, char *const *folders, size_t nfolders);
/* Stable names: missing-alt, oversized, duplicate, mismatch, empty-folder. */
const char *mt_finding_kind_name(enum mt_finding_kind kind);
/* "missing-alt,duplicate" into a set of bits (1 << kind). Returns 0, or -1
 * on an unknown or empty name. */
int mt_finding_kinds_parse(const char *list, unsigned *kinds);
/* How many findings are of a kind in the set. */
size_t mt_audit_count_kinds(const struct mt_audit *a, unsigned kinds);
struct json_t *mt_audit_to_json(const struct mt_audit *a);
void mt_audit_free(struct mt_audit *a);

#endif
