/* audit_large.c — the audit's "oversized" threshold changed where the
 * findings are: o asks for it with the current one filled in (selected:
 * typing replaces it), core finds the oversized files again from what the
 * audit holds (no listing), and the cursor stays on its finding. A text
 * that is no size above 0 is said, and asked again as typed; Esc changes
 * nothing. The threshold lasts the session (scan.c keeps it: a rescan
 * uses it). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_state.h"
#include "i18n.h"
#include "sanitize.h"
#include "scan_state.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* The finding the cursor is on, told apart from the others by its kind and
 * its item (a folder's by the folder). */
struct finding_key {
	enum mt_finding_kind kind;
	char *id, *folder;
	bool set;
};

static struct finding_key
key_at_cursor(struct app *a)
{
	struct finding_key k = { 0 };
	const struct mt_finding *f = audit_finding_at(a, audit_at.cur);
	if (f) {
		k.kind = f->kind;
		k.id = f->id ? xstrdup(f->id) : NULL;
		k.folder = f->folder ? xstrdup(f->folder) : NULL;
		k.set = true;
	}
	return k;
}

/* The cursor back on the finding of k, where it still is; else it keeps
 * its place (the drawing holds it inside the list). */
static void
cursor_to(struct app *a, struct finding_key *k)
{
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	for (size_t i = 0; i < n && k->set; i++) {
		const struct mt_finding *f = &a->scan->audit.findings[idx[i]];
		bool same = f->kind == k->kind && (k->id ? f->id && strcmp(f->id, k->id) == 0
		                                         : f->id == NULL && f->folder && k->folder &&
		                                           strcmp(f->folder, k->folder) == 0);
		if (same) {
			audit_at.cur = i;
			break;
		}
	}
	free(idx);
	free(k->id);
	free(k->folder);
}

static size_t
oversized_shown(struct app *a)
{
	size_t *idx, over = 0;
	size_t n = audit_shown_findings(a, &idx);
	for (size_t i = 0; i < n; i++)
		over += a->scan->audit.findings[idx[i]].kind == MT_FIND_OVERSIZED;
	free(idx);
	return over;
}

static void ask(struct app *a, const char *text, const char *trouble);

static void
entered(struct app *a, const char *text, void *arg)
{
	(void)arg;
	if (text == NULL)
		return;   /* Esc: the threshold as it was */
	int64_t bytes;
	if (mt_parse_size(text, &bytes) < 0 || bytes <= 0) {
		char *typed = mt_sanitize(text);
		char *why = *text ? xasprintf(_("\"%s\" is not a size above 0: try 2M, 500K, 2.5MiB or bytes"),
		                              typed)
		                  : xstrdup(_("give a size above 0: 2M, 500K, 2.5MiB or bytes"));
		ui_message(a, R_ERROR, "%s", why);
		ask(a, text, why);   /* asked again, what was typed kept */
		free(why);
		free(typed);
		return;
	}
	struct finding_key k = key_at_cursor(a);
	scan_set_large(a, bytes);
	cursor_to(a, &k);
	char size[32];
	mt_format_size(bytes, size, sizeof size);
	if (!a->scan->done) {
		ui_message(a, R_NORMAL, _("oversized: above %s once the scan is done"), size);
		return;
	}
	size_t over = oversized_shown(a);
	ui_message(a, over ? R_NORMAL : R_GOOD,
	           P_("oversized: %zu file above %s", "oversized: %zu files above %s", (unsigned long)over),
	           over, size);
}

/* The prompt with text in it: the threshold (selected), or what was typed
 * and what is wrong with it (the cursor after it). */
static void
ask(struct app *a, const char *text, const char *trouble)
{
	ui_prompt(a, _("Oversized above:"), text, entered, NULL, NULL);
	if (trouble) {
		ui_prompt_continue(a);
		ui_prompt_hint(a, trouble);
	} else {
		ui_prompt_hint(a, _("such as 2M, 500K, 2.5MiB  Enter: apply  Esc: keep"));
	}
}

void
audit_large_ask(struct app *a)
{
	char now[32];
	mt_size_text(scan_large_bytes(a), now, sizeof now);
	ask(a, now, NULL);
}
