/* detail_aside.c — what was typed in a field's prompt and cancelled with
 * Esc: set aside, not thrown away. The field keeps its value (Esc means
 * "not this"), and the next time the field opens on this item the text set
 * aside is in the prompt again, so an Esc pressed by mistake after a long
 * description costs one key, not the description. Esc on the text set
 * aside, unchanged, drops it: the field opens with its value again. The
 * text set aside lasts while the item is shown, and is in the drafts file
 * (core drafts.c) from the Esc on: a kill, a crash or a hang-up keeps it,
 * and the next start offers it back with the other drafts. Leaving the
 * item, Enter on it or Esc on it unchanged takes it out of the file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "detail_state.h"
#include "drafts.h"
#include "i18n.h"
#include "ui.h"
#include "xalloc.h"

static void
clear_slot(struct detail *d, int slot)
{
	free(d->aside[slot]);
	free(d->typed[slot]);
	free(d->opened[slot]);
	d->aside[slot] = d->typed[slot] = d->opened[slot] = NULL;
	d->from_aside[slot] = false;
}

/* The drafts file's copy of the slot's text set aside (NULL: none). */
static void
keep_aside(struct app *a, int slot, const char *text)
{
	struct detail *d = a->detail;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_draft_set_aside(a->profile->name, d->item.id,
	                       d->item.filename ? d->item.filename : d->item.id,
	                       (enum mt_draft_field)slot, text, &err) < 0)
		ui_error(a, _("the text set aside is on the screen only"), &err);
}

void
detail_aside_forget(struct app *a)
{
	struct detail *d = a->detail;
	for (int i = 0; i < 4; i++) {
		/* the program ending (q, a hang-up) keeps it for the next start;
		 * leaving the item drops it, into the message log, not unseen */
		if (d->aside[i] && d->have && !a->closing) {
			keep_aside(a, i, NULL);
			ui_message_log(a, R_NORMAL, _("set aside for %s, dropped on leaving it: %s \"%s\""),
			               d->item.filename ? d->item.filename : d->item.id, detail_field_word(i),
			               d->aside[i]);
		}
		clear_slot(d, i);
	}
	d->focal_aside = d->focal_from_aside = false;
}

void
detail_aside_restore(struct detail *d, int slot, const char *text)
{
	clear_slot(d, slot);
	d->aside[slot] = xstrdup(text);
}

const char *
detail_aside_text(const struct detail *d, int slot)
{
	return d->aside[slot];
}

void
detail_aside_opened(struct detail *d, int slot, const char *initial)
{
	free(d->typed[slot]);
	d->typed[slot] = NULL;
	free(d->opened[slot]);
	d->opened[slot] = xstrdup(initial ? initial : "");
	d->from_aside[slot] = d->aside[slot] != NULL;
}

void
detail_aside_typed(struct detail *d, int slot, const char *text)
{
	free(d->typed[slot]);
	d->typed[slot] = xstrdup(text ? text : "");
}

void
detail_aside_done(struct app *a, int slot)
{
	struct detail *d = a->detail;
	if (d->aside[slot])
		keep_aside(a, slot, NULL);
	clear_slot(d, slot);
}

void
detail_aside_cancelled(struct app *a, int slot)
{
	struct detail *d = a->detail;
	char *typed = d->typed[slot];
	if (d->from_aside[slot] && (typed == NULL || strcmp(typed, d->aside[slot]) == 0)) {
		clear_slot(d, slot);
		keep_aside(a, slot, NULL);
		ui_message(a, R_NORMAL, "%s", _("the text set aside is dropped: the field opens with its value"));
		return;
	}
	if (typed && (d->opened[slot] == NULL || strcmp(typed, d->opened[slot]) != 0)) {
		d->typed[slot] = NULL;
		clear_slot(d, slot);
		d->aside[slot] = typed;
		keep_aside(a, slot, typed);
		ui_message(a, R_NORMAL, "%s",
		           _("not changed; what you typed is set aside and comes back when the field opens "
		             "again (Esc there drops it)"));
		return;
	}
	/* nothing typed: the text set aside before, if any, stays */
	free(d->typed[slot]);
	free(d->opened[slot]);
	d->typed[slot] = d->opened[slot] = NULL;
	d->from_aside[slot] = false;
}
