/* remote_visit.c — a look at the remote pane from another view: Enter on a
 * folder or a type in the usage view shows it here, and q, Esc or h at the
 * place it landed go back to that view (with its cursor), where they would
 * otherwise go up a folder. Moving on from there (into a folder, a search,
 * another folder by :) makes it an ordinary place again until the pane
 * stands there once more. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

void
remote_visit_forget(struct remote *r)
{
	free(r->visit.folder);
	memset(&r->visit, 0, sizeof r->visit);
}

void
remote_visit_start(struct remote *r, const struct ui_event *ev)
{
	remote_visit_forget(r);
	if (!ev->visit)
		return;
	r->visit.on = true;
	r->visit.back = (enum view_id)ev->back;
	r->visit.all_folders = ev->kind == UI_EV_SHOW_TYPE;
	r->visit.folder = r->visit.all_folders ? NULL : xstrdup(ev->id);
}

bool
remote_visit_here(const struct remote *r, const char *folder, enum view_id *back)
{
	if (!r->visit.on || r->search)
		return false;
	bool here = r->visit.all_folders ? r->all_folders
	                                 : !r->all_folders && strcmp(r->visit.folder, folder) == 0;
	if (here)
		*back = r->visit.back;
	return here;
}
