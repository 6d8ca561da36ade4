/* detail_typed.c — what was typed in the details and is dropped (u, d at
 * the unsaved question, the item deleted elsewhere): named, and each text
 * kept whole in the message log, so nothing typed is lost unseen. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "detail_state.h"
#include "i18n.h"
#include "ui.h"

static const char *const field_words[4] = { N_("alt text"), N_("title"), N_("description"),
	                                     N_("folder") };

/* What was typed, into the message log as it is dropped (the item deleted
 * elsewhere, u, or d at the unsaved question): it is not thrown away
 * unseen, and can be typed again. */
void
detail_log_typed(struct app *a, bool gone)
{
	struct detail *d = a->detail;
	const char *name = d->item.filename ? d->item.filename : d->item.id;
	for (int i = 0; i < 4; i++)
		if (d->edit[i] && gone)
			ui_message(a, R_WARN, _("typed for %s (deleted elsewhere), not saved: %s \"%s\""), name,
			           _(field_words[i]), d->edit[i]);
		else if (d->edit[i])
			ui_message_log(a, R_NORMAL, _("undone for %s, not saved: %s \"%s\""), name,
			               _(field_words[i]), d->edit[i]);
	if (d->focal_pending && gone)
		ui_message(a, R_WARN, _("typed for %s (deleted elsewhere), not saved: focal point %.0f,%.0f"),
		           name, d->fx, d->fy);
	else if (d->focal_pending)
		ui_message_log(a, R_NORMAL, _("undone for %s, not saved: focal point %.0f,%.0f"), name,
		               d->fx, d->fy);
}

const char *
detail_field_word(int slot)
{
	return slot < 4 ? _(field_words[slot]) : _("focal point");
}

void
detail_add_name(char *names, size_t len, int slot)
{
	size_t at = strlen(names);
	snprintf(names + at, len - at, "%s%s", at ? ", " : "", detail_field_word(slot));
}

/* The fields with a change not saved, in words: "title, focal point". */
void
detail_pending_names(const struct detail *d, char *names, size_t len)
{
	names[0] = '\0';
	for (int i = 0; i < 5; i++)
		if (i < 4 ? d->edit[i] != NULL : d->focal_pending)
			detail_add_name(names, len, i);
}

