/* drafts.h — what an editor typed for an item and the server does not have
 * yet (a save not made, refused, or cut short by a dropped link), kept per
 * profile in $XDG_STATE_HOME/mediatui/drafts-PROFILE.json from the moment
 * it is typed, so a hang-up, a crash or a kill loses none of it. The next
 * start offers it back. */
#ifndef MT_DRAFTS_H
#define MT_DRAFTS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum mt_draft_field { MT_DRAFT_ALT, MT_DRAFT_TITLE, MT_DRAFT_DESCRIPTION, MT_DRAFT_FOLDER, MT_DRAFT_NFIELDS };

struct mt_draft {
	char *id;
	char *name;                          /* the file name, for messages */
	char *field[MT_DRAFT_NFIELDS];       /* NULL: not changed */
	char *aside[MT_DRAFT_NFIELDS];       /* a prompt's text Esc set aside; NULL: none */
	bool has_focal;
	double fx, fy;                       /* percent, 0-100 */
};

/* Every draft of profile, oldest first. A missing file is no drafts; one
 * that cannot be read is moved aside to FILE.broken (kept for the editor,
 * err says where) and counts as none. Returns 0 or -1 (err). */
int mt_drafts_load(const char *profile, struct mt_draft **out, size_t *n, struct mt_error *err);
void mt_drafts_free(struct mt_draft *v, size_t n);
/* The item's draft, or NULL (free it with mt_drafts_free(d, 1)). */
struct mt_draft *mt_draft_get(const char *profile, const char *id);

/* Sets one field of the item's draft to value, or clears it (NULL). A
 * draft left with nothing in it is removed. The file is replaced whole
 * (written, synced, renamed). Returns 0 or -1 (err). */
int mt_draft_set(const char *profile, const char *id, const char *name, enum mt_draft_field f,
                 const char *value, struct mt_error *err);
/* The same for a key typed in a prompt: replaced whole but not synced, so
 * typing never waits on the disk; a kill or a hang-up keeps it all the same
 * (only a power cut may lose the keys typed since the prompt opened). The
 * prompt's close is an mt_draft_set. */
int mt_draft_typed(const char *profile, const char *id, const char *name, enum mt_draft_field f,
                   const char *value, struct mt_error *err);
/* Sets (or clears: NULL) the text Esc set aside in the field's prompt,
 * leaving the field's pending value as it is. Written durably, so a kill
 * or a hang-up keeps it, and the next start offers it as a draft. */
int mt_draft_set_aside(const char *profile, const char *id, const char *name, enum mt_draft_field f,
                       const char *text, struct mt_error *err);
/* The same for the focal point (has false clears it). */
int mt_draft_set_focal(const char *profile, const char *id, const char *name, bool has, double fx,
                       double fy, struct mt_error *err);
/* Removes the item's draft whole. */
int mt_draft_forget(const char *profile, const char *id, struct mt_error *err);
/* Removes every draft of profile. */
int mt_drafts_forget_all(const char *profile, struct mt_error *err);

/* The names of the fields a draft holds, translated ("alt text, title"). */
char *mt_draft_fields_text(const struct mt_draft *d);

#endif
