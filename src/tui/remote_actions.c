/* remote_actions.c — what the remote pane does to the library: picks the
 * selection to delete or move (and the folder to move it to) and hands it
 * to the batch (batchrun.c); creates and deletes folders. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sanitize.h"
#include "siteop.h"
#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

enum { RQ_FOLDER_CREATE = 101 };

void
remote_delete_selection(struct app *a)
{
	struct remote *r = a->remote;
	size_t n = r->nmarked;
	if (n == 0) {
		struct mt_media *m = remote_current_item(a);
		if (m == NULL)
			return;
		char **ids = xcalloc(1, sizeof *ids), **names = xcalloc(1, sizeof *names);
		ids[0] = xstrdup(m->id);
		names[0] = ui_delete_label(m->filename, m->id, m->folder, m->created_at);
		ui_batch_delete(a, ids, names, 1, m->size, true);
		return;
	}
	char **ids = xcalloc(n, sizeof *ids), **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	int64_t bytes = 0;
	for (size_t i = 0; i < r->nitems && k < n; i++) {
		if (!r->marked[i])
			continue;
		if (bytes >= 0)
			bytes = r->items[i].size >= 0 ? bytes + r->items[i].size : -1;
		ids[k] = xstrdup(r->items[i].id);
		names[k] = ui_delete_label(r->items[i].filename, r->items[i].id, r->items[i].folder,
		                           r->items[i].created_at);
		k++;
	}
	ui_batch_delete(a, ids, names, k, bytes, true);
}

/* -- the item under the cursor -- */

void
remote_not_an_item(struct app *a, char key)
{
	struct remote *r = a->remote;
	size_t idx;
	if (r->mode != REMOTE_LIBRARY)
		return;
	enum remote_row row = remote_row_at(r, r->cur, &idx);
	if (row == REMOTE_ROW_ITEM)
		return;
	const char *what = row == REMOTE_ROW_NONE ? _("nothing is listed here")
	                   : _("this row is a folder (Enter opens it)");
	switch (key) {
	case 'P': ui_message(a, R_NORMAL, _("P previews an item; %s"), what); break;
	case 'e': ui_message(a, R_NORMAL, _("e opens an item's details; %s"), what); break;
	case 'm': ui_message(a, R_NORMAL, _("m moves the marked items or the one under the cursor; %s"), what); break;
	case ' ': ui_message(a, R_NORMAL, _("Space marks items; %s"), what); break;
	default: break;
	}
}

void
remote_preview_current(struct app *a)
{
	const struct mt_media *m = remote_current_item(a);
	if (m == NULL) {
		remote_not_an_item(a, 'P');
		return;
	}
	if (!preview_can_item(m)) {
		ui_message(a, R_WARN, "%s", _("no preview for this type of file"));
		return;
	}
	preview_want_item(a, m);
	ui_view_open(a, VIEW_PREVIEW, &(struct ui_open_preview){
		m->focal_x >= 0 ? m->focal_x : 50, m->focal_y >= 0 ? m->focal_y : 50, false });
}

/* -- move -- */

/* The selection waiting for its folder. */
struct move_sel {
	char **ids, **names;
	size_t n;
};

static void
move_picked(struct app *a, int index, const char *text, void *arg)
{
	(void)index;   /* the list may have been read again since it opened */
	struct move_sel *m = arg;
	if (text == NULL) {
		mt_strv_free(m->ids, m->n);
		mt_strv_free(m->names, m->n);
	} else {
		ui_batch_move(a, m->ids, m->names, m->n, text);
	}
	free(m);
}

/* Every folder the server knows, or NULL having said there is none yet.
 * The list is read again either way: a folder made by another session
 * since comes into the open pick list (ui_pick_refresh), or is there at
 * the next try. */
static char *const *
known_folders(struct app *a, size_t *nf)
{
	char *const *folders = remote_folder_list(a, nf);
	remote_folders_reload(a);
	if (*nf == 0) {
		ui_message(a, R_WARN, _("no folders known yet"));
		return NULL;
	}
	return folders;
}

void
remote_move_selection(struct app *a)
{
	struct remote *r = a->remote;
	if (!mt_site_can(&a->site, MT_CAP_EDIT, true)) {
		ui_message(a, R_WARN, _("this profile cannot edit media"));
		return;
	}
	size_t nf;
	char *const *folders = known_folders(a, &nf);
	if (folders == NULL)
		return;
	struct mt_media *cur = r->nmarked ? NULL : remote_current_item(a);
	if (!r->nmarked && cur == NULL) {
		remote_not_an_item(a, 'm');
		return;
	}
	struct move_sel *m = xcalloc(1, sizeof *m);
	size_t n = r->nmarked ? r->nmarked : 1;
	m->ids = xcalloc(n, sizeof *m->ids);
	m->names = xcalloc(n, sizeof *m->names);
	if (cur) {
		m->ids[0] = xstrdup(cur->id);
		m->names[0] = xstrdup(cur->filename ? cur->filename : "");
		m->n = 1;
	} else {
		for (size_t i = 0; i < r->nitems && m->n < n; i++)
			if (r->marked[i]) {
				m->ids[m->n] = xstrdup(r->items[i].id);
				m->names[m->n++] = xstrdup(r->items[i].filename ? r->items[i].filename : "");
			}
	}
	char *title = xasprintf(P_("Move %zu item to", "Move %zu items to", m->n), m->n);
	size_t initial = 0;
	for (size_t i = 0; i < nf; i++)
		if (strcmp(folders[i], remote_folder(a)) == 0)
			initial = i;
	ui_pick(a, title, folders, nf, initial, move_picked, m);
	ui_pick_filterable(a);
	ui_pick_tag(a, UI_PICK_FOLDERS);
	free(title);
}

/* -- going to a folder by name: :, then / and a few letters, then Enter -- */

static void
goto_picked(struct app *a, int index, const char *text, void *arg)
{
	(void)index;
	(void)arg;
	if (text)
		ui_post(a, &(struct ui_event){ UI_EV_SHOW_FOLDER, .id = text });
}

void
remote_goto_folder(struct app *a)
{
	if (!mt_site_can(&a->site, MT_CAP_FOLDERS, true)) {
		ui_message(a, R_WARN, _("the %s API has no folders"), mt_site_api(&a->site));
		return;
	}
	size_t nf;
	char *const *folders = known_folders(a, &nf);
	if (folders == NULL)
		return;
	size_t initial = 0;
	for (size_t i = 0; i < nf; i++)
		if (strcmp(folders[i], remote_folder(a)) == 0)
			initial = i;
	ui_pick(a, _("Go to folder"), folders, nf, initial, goto_picked, NULL);
	ui_pick_filterable(a);
	ui_pick_tag(a, UI_PICK_FOLDERS);
}

/* -- folders -- */

static void
on_folder_done(const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	char *path = xstrdup(q->s);
	if (!ui_req_done(q)) {
		free(path);
		return;
	}
	char *p = mt_sanitize(path);
	if (err) {
		ui_error(a, _("creating the folder"), err);
	} else {
		ui_message(a, R_GOOD, _("folder %s created"), p);
		free(a->remote->land_on);
		a->remote->land_on = xstrdup(path);
		remote_folders_reload(a);
	}
	free(p);
	free(path);
}

static void
folder_create_named(struct app *a, const char *text, void *arg)
{
	(void)arg;
	if (text == NULL || !*text)
		return;
	char *path;
	if (text[0] == '/')
		path = xstrdup(text);
	else if (strcmp(remote_folder(a), "/") == 0)
		path = xasprintf("/%s", text);
	else
		path = xasprintf("%s/%s", remote_folder(a), text);
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, NULL, RQ_FOLDER_CREATE, path);
	if (mt_op_folder_create(&a->site, path, on_folder_done, q, &err) == NULL) {
		ui_req_done(q);
		ui_error(a, _("creating the folder"), &err);
	} else {
		ui_message(a, R_NORMAL, _("creating the folder\xe2\x80\xa6"));
	}
	free(path);
}

static bool
folders_ok(struct app *a)
{
	if (!mt_site_can(&a->site, MT_CAP_FOLDERS, true)) {
		ui_message(a, R_WARN, _("this profile cannot manage folders"));
		return false;
	}
	return true;
}


void
remote_folder_create_prompt(struct app *a)
{
	if (folders_ok(a))
		ui_prompt(a, _("New folder (name here, or /full/path)"), "", folder_create_named, NULL, NULL);
}

void
remote_folder_delete_confirm(struct app *a, const char *path)
{
	/* the one folder delete every view uses; its event reloads the list */
	ui_folder_delete(a, path);
}
