/* detail_aside.c — what was typed in a field's prompt and cancelled with
 * Esc: set aside, not thrown away. The field keeps its value (Esc means
 * "not this"), and the next time the field opens on this item the text set
 * aside is in the prompt again, so an Esc pressed by mistake after a long
 * description costs one key, not the description. Esc on the text set
 * aside, unchanged, drops it: the field opens with its value again. The
 * text set aside lasts while the item is shown. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "detail_state.h"
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

void
detail_aside_forget(struct detail *d)
{
	for (int i = 0; i < 4; i++)
		clear_slot(d, i);
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
detail_aside_done(struct detail *d, int slot)
{
	clear_slot(d, slot);
}

void
detail_aside_cancelled(struct app *a, int slot)
{
	struct detail *d = a->detail;
	char *typed = d->typed[slot];
	if (d->from_aside[slot] && (typed == NULL || strcmp(typed, d->aside[slot]) == 0)) {
		clear_slot(d, slot);
		ui_message(a, R_NORMAL, "%s", _("the text set aside is dropped: the field opens with its value"));
		return;
	}
	if (typed && (d->opened[slot] == NULL || strcmp(typed, d->opened[slot]) != 0)) {
		d->typed[slot] = NULL;
		clear_slot(d, slot);
		d->aside[slot] = typed;
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
