/* audit_state.h — Private to: auditview.c audit_find.c audit_rows.c audit_large.c
 *
 * Where the audit's cursor stands and its folder limit, shared by the view
 * (auditview.c) and the finding navigation (audit_find.c). */
#ifndef MT_TUI_AUDIT_STATE_H
#define MT_TUI_AUDIT_STATE_H

#include "ui.h"

struct audit_at {
	size_t cur, top;   /* the cursor among the shown findings */
	char *folder;      /* NULL: the whole library; else this folder and below */
};
extern struct audit_at audit_at;

/* Within a folder's audit, the duplicate groups with a copy inside it,
 * indexed by group number (free it); NULL for the whole library. */
bool *audit_groups_inside(const struct mt_audit *au);
/* Whether a finding is shown under the folder limit (groups from above). */
bool audit_in_scope(const struct mt_finding *f, const bool *groups);
/* The findings shown, as indices into the audit (free *out). */
size_t audit_shown_findings(struct app *a, size_t **out);
/* The shown finding at position pos, or NULL. */
const struct mt_finding *audit_finding_at(struct app *a, size_t pos);
/* The position of the shown finding about item id, or -1. */
long audit_position_of(struct app *a, const char *id);
/* Opens the finding's item in the details (n/N step through the rest); an
 * empty folder's finding says that d deletes it. */
void audit_open_finding(struct app *a, const struct mt_finding *f);

#endif
