/* detail_draft.c — the details' pending edits kept in the drafts file
 * (core drafts.c) from the moment they are typed, and given back when the
 * item is opened again, in this session or after a hang-up or a crash;
 * with them, the text a prompt's Esc set aside (detail_aside.c).
 *
 * Only the fields the details wrote are cleared from the file: the audit
 * keeps alt text there too, for the same item. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drafts.h"
#include "i18n.h"
#include "detail_state.h"
#include "ui.h"
#include "xalloc.h"

#define DRAFTED_FOCAL (1u << MT_DRAFT_NFIELDS)

static const char *
item_name(const struct detail *d)
{
	return d->item.filename ? d->item.filename : d->item.id;
}

static void
draft_failed(struct app *a, const struct mt_error *err)
{
	ui_error(a, _("the change is on the screen only"), err);
}

void
detail_draft_field(struct app *a, int slot)
{
	struct detail *d = a->detail;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_draft_set(a->profile->name, d->item.id, item_name(d), (enum mt_draft_field)slot,
	                 d->edit[slot], &err) < 0) {
		draft_failed(a, &err);
		return;
	}
	if (d->edit[slot])
		d->drafted |= 1u << slot;
	else
		d->drafted &= ~(1u << slot);
}

void
detail_draft_typing(struct app *a, int slot, const char *text)
{
	struct detail *d = a->detail;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_draft_typed(a->profile->name, d->item.id, item_name(d), (enum mt_draft_field)slot,
	                   text, &err) < 0) {
		draft_failed(a, &err);
		return;
	}
	d->drafted |= 1u << slot;
}

void
detail_draft_focal(struct app *a)
{
	struct detail *d = a->detail;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_draft_set_focal(a->profile->name, d->item.id, item_name(d), d->focal_pending, d->fx,
	                       d->fy, &err) < 0) {
		draft_failed(a, &err);
		return;
	}
	if (d->focal_pending)
		d->drafted |= DRAFTED_FOCAL;
	else
		d->drafted &= ~DRAFTED_FOCAL;
}

/* After a save, a discard or an undo: what the file holds for this item
 * and is no longer pending goes. */
void
detail_draft_sync(struct app *a)
{
	struct detail *d = a->detail;
	for (int slot = 0; slot < MT_DRAFT_NFIELDS; slot++)
		if ((d->drafted & (1u << slot)) && d->edit[slot] == NULL)
			detail_draft_field(a, slot);
	if ((d->drafted & DRAFTED_FOCAL) && !d->focal_pending)
		detail_draft_focal(a);
}

static bool
same_text(const char *draft, const char *now)
{
	return strcmp(draft, now ? now : "") == 0;
}

/* On open: the item's draft comes back as pending edits, but for what the
 * server already has (a save that landed before the link dropped). */
void
detail_draft_restore(struct app *a)
{
	struct detail *d = a->detail;
	struct mt_draft *dr = mt_draft_get(a->profile->name, d->item.id);
	if (dr == NULL)
		return;
	const char *now[MT_DRAFT_NFIELDS] = { d->item.alt, d->item.title, d->item.description,
		                              d->item.folder };
	int back = 0, aside = 0;
	for (int slot = 0; slot < MT_DRAFT_NFIELDS; slot++) {
		if (dr->aside[slot]) {   /* Esc set it aside before the session ended */
			detail_aside_restore(d, slot, dr->aside[slot]);
			aside++;
		}
		if (dr->field[slot] == NULL)
			continue;
		d->drafted |= 1u << slot;
		if (same_text(dr->field[slot], now[slot]))
			continue;
		free(d->edit[slot]);
		d->edit[slot] = xstrdup(dr->field[slot]);
		back++;
	}
	if (dr->has_focal) {
		d->drafted |= DRAFTED_FOCAL;
		if (dr->fx != d->item.focal_x || dr->fy != d->item.focal_y) {
			d->focal_pending = true;
			d->fx = dr->fx;
			d->fy = dr->fy;
			back++;
		}
	}
	mt_drafts_free(dr, 1);
	detail_draft_sync(a);   /* what the server has already is no draft */
	if (back)
		snprintf(d->note, sizeof d->note, "%s",
		         _("changes typed in an earlier session are back (*): w saves them, u drops them"));
	else if (aside)
		snprintf(d->note, sizeof d->note, "%s",
		         _("text set aside in an earlier session is back: Enter on its field opens it "
		           "(Esc there drops it)"));
}
