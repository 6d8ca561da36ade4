/* remote_history.c — the remote pane of a dialect that cannot list its
 * library: the upload history from the journal, its states in words, and
 * the bytes it uploaded (for the status line). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "remote_pane.h"
#include "ui.h"

/* A journal state ("done", "failed"...) in words; the journal keeps English. */
const char *
remote_state_name(const char *state)
{
	static const struct { const char *key, *name; } names[] = {
		{ "queued", N_("queued") }, { "checking", N_("checking") },
		{ "hashing", N_("hashing") }, { "starting", N_("starting") },
		{ "uploading", N_("uploading") }, { "confirming", N_("confirming") },
		{ "verifying", N_("verifying") }, { "done", N_("done") },
		{ "skipped", N_("skipped") }, { "failed", N_("failed") },
		{ "cancelled", N_("cancelled") },
	};
	if (state == NULL)
		return "?";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(state, names[i].key) == 0)
			return _(names[i].name);
	return state;
}

void
remote_history_reload(struct app *a)
{
	struct remote *r = a->remote;
	mt_history_free(r->hist, r->nhist);
	r->hist = NULL;
	r->nhist = 0;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_history_load(a->profile->name, &r->hist, &r->nhist, &err) < 0) {
		snprintf(r->err, sizeof r->err, "%s", err.message);
	} else {
		r->err[0] = '\0';
	}
	if (r->cur >= r->nhist)
		r->cur = r->nhist ? r->nhist - 1 : 0;
	r->total = (int64_t)r->nhist;
	ui_dirty(a);
}

int64_t
remote_uploaded_bytes(const struct app *a)
{
	const struct remote *r = a->remote;
	if (r->mode != REMOTE_HISTORY)
		return -1;
	int64_t sum = 0;
	bool any = false;
	for (size_t i = 0; i < r->nhist; i++) {
		const struct mt_history_rec *h = &r->hist[i];
		if (h->state && strcmp(h->state, "done") == 0 && h->size > 0) {
			sum += h->size;
			any = true;
		}
	}
	return any ? sum : (r->nhist ? 0 : -1);
}
