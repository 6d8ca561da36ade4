/* drafts_back.c — what was typed and not saved, given back: the question
 * at start about an earlier session's drafts (core drafts.c), opening them
 * one after another in the details, and the audit's alt text kept there as
 * it is sent, so a link that drops mid-save loses none of it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drafts.h"
#include "i18n.h"
#include "media.h"
#include "sanitize.h"
#include "ui.h"
#include "xalloc.h"

/* the drafts offered at start, for n/N in the details */
static struct {
	struct mt_draft *v;
	size_t n;
	size_t at;
} offer;

static bool open_draft(struct app *a, size_t i);

static bool
step_drafts(struct app *a, int dir, bool just_look)
{
	if ((dir < 0 && offer.at == 0) || (dir > 0 && offer.at + 1 >= offer.n))
		return false;
	return just_look || open_draft(a, offer.at + (size_t)(dir > 0 ? 1 : -1));
}

static bool
open_draft(struct app *a, size_t i)
{
	if (i >= offer.n)
		return false;
	offer.at = i;
	struct mt_media m;
	mt_media_init(&m);
	m.id = offer.v[i].id;          /* borrowed: the details copy it */
	m.filename = offer.v[i].name;
	/* the details read the rest from the server, then lay the draft over it */
	ui_view_open(a, VIEW_DETAIL, &(struct ui_open_item){ .item = &m, .step = step_drafts,
	                                                      .with_draft = true });
	return true;
}

static void
offer_answer(struct app *a, int choice, void *arg)
{
	(void)arg;
	if (choice == 'o') {
		open_draft(a, 0);
		if (offer.n > 1)
			ui_message(a, R_NORMAL, P_("n opens the next of %zu items with changes",
			                           "n opens the next of %zu items with changes",
			                           (unsigned long)offer.n), offer.n);
	} else if (choice == 'd') {
		struct mt_error err;
		mt_error_clear(&err);
		if (mt_drafts_forget_all(a->profile->name, &err) < 0)
			ui_error(a, _("the unsaved changes are still kept"), &err);
		else
			ui_message(a, R_NORMAL, P_("discarded the unsaved changes to %zu item",
			                           "discarded the unsaved changes to %zu items",
			                           (unsigned long)offer.n), offer.n);
	} else {
		ui_message(a, R_NORMAL, "%s",
		           _("the unsaved changes are kept: asked again at the next start, and shown when the item is opened"));
	}
}

void
drafts_offer(struct app *a)
{
	if (!a->can_browse)
		return;
	mt_drafts_free(offer.v, offer.n);
	offer.v = NULL;
	offer.n = offer.at = 0;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_drafts_load(a->profile->name, &offer.v, &offer.n, &err) < 0) {
		ui_error(a, _("unsaved changes of an earlier session"), &err);
		return;
	}
	if (offer.n == 0)
		return;
	char **list = xcalloc(offer.n, sizeof *list);
	for (size_t i = 0; i < offer.n; i++) {
		char *fields = mt_draft_fields_text(&offer.v[i]);
		char *name = mt_sanitize(offer.v[i].name);
		list[i] = xasprintf("%s: %s", name, fields);
		free(name);
		free(fields);
	}
	char *head = xasprintf(P_("Typed in an earlier session and not saved (%zu item):",
	                          "Typed in an earlier session and not saved (%zu items):",
	                          (unsigned long)offer.n),
	                       offer.n);
	/* the list shows what the screen holds; the keys are said after it */
	ui_confirm_list(a, _("Unsaved changes"), head, list, offer.n,
	                P_("\no: open it now   n: not now (asked again next start)\n"
	                   "d: discard the changes",
	                   "\no: open them now, n for the next   n: not now\n"
	                   "d: discard the changes", (unsigned long)offer.n),
	                "ond", offer_answer, NULL);
	ui_confirm_keys_told(a);
	free(head);
	mt_strv_free(list, offer.n);
}

void
drafts_free(void)
{
	mt_drafts_free(offer.v, offer.n);
	offer.v = NULL;
	offer.n = offer.at = 0;
}

static void
draft_alt(struct app *a, const char *id, const char *name, const char *text, bool typed)
{
	struct mt_error err;
	mt_error_clear(&err);
	if ((typed ? mt_draft_typed : mt_draft_set)(a->profile->name, id, name, MT_DRAFT_ALT, text,
	                                            &err) < 0)
		ui_error(a, _("the alt text is on the screen only"), &err);
}

void
ui_draft_alt(struct app *a, const char *id, const char *name, const char *text)
{
	draft_alt(a, id, name, text, false);
}

void
ui_draft_alt_typed(struct app *a, const char *id, const char *name, const char *text)
{
	draft_alt(a, id, name, text, true);
}

char *
ui_draft_alt_text(struct app *a, const char *id)
{
	struct mt_draft *d = mt_draft_get(a->profile->name, id);
	char *text = d && d->field[MT_DRAFT_ALT] ? xstrdup(d->field[MT_DRAFT_ALT]) : NULL;
	if (d)
		mt_drafts_free(d, 1);
	return text;
}
