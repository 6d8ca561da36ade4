/* detail_reread.c — r in the details: the item read again from the
 * server, and what that changed said, where it said nothing (a colleague's
 * title came in unseen, or nothing changed and the editor could not tell
 * that the read had happened at all). */
#include "config.h"

#include <string.h>

#include "detail_state.h"
#include "i18n.h"
#include "ui.h"

static bool
same_text(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "") == 0;
}

void
detail_reread_said(struct app *a, const struct mt_media *was, const struct mt_media *now)
{
	const struct detail *d = a->detail;
	const char *x[4] = { was->alt, was->title, was->description, was->folder };
	const char *y[4] = { now->alt, now->title, now->description, now->folder };
	char names[200] = "";
	bool under_edit = false;
	for (int i = 0; i < 5; i++) {
		bool changed = i < 4 ? !same_text(x[i], y[i])
		                     : was->focal_x != now->focal_x || was->focal_y != now->focal_y;
		if (!changed)
			continue;
		under_edit |= i < 4 ? d->edit[i] != NULL : d->focal_pending;
		detail_add_name(names, sizeof names, i);
	}
	if (names[0] == '\0')
		ui_message(a, R_NORMAL, "%s", _("read again: nothing changed on the server"));
	else if (under_edit)
		ui_message(a, R_WARN, _("read again: changed on the server: %s; what you typed (*) is kept, "
		                        "and w saves it over the server's"), names);
	else
		ui_message(a, R_NORMAL, _("read again: changed on the server: %s"), names);
}
