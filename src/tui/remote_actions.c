/* remote_actions.c — what the remote pane does to the library: delete and
 * move a selection (confirmed here, carried out by core's batch), create
 * and delete folders.
 *
 * The rule "nothing is deleted before its backup is complete" is core's
 * (batch.c); this file asks, shows progress and reports the outcome. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "i18n.h"
#include "sanitize.h"
#include "siteop.h"
#include "ui.h"
#include "xalloc.h"

enum { RQ_BATCH = 100, RQ_FOLDER_CREATE, RQ_FOLDER_DELETE };

/* -- a batch: confirmed here, worked through by core -- */

struct batch {
	struct app *a;
	struct ui_req *req;  /* keeps the interface waiting for it at quit */
	char **ids, **names;
	char *folder;        /* move: the destination */
	size_t n;
	int ok, failed;
	char first_err[560];
	bool move;
	char *backup_dir;    /* delete: download each original here first */
};

static void
batch_free(struct batch *b)
{
	mt_strv_free(b->ids, b->n);
	mt_strv_free(b->names, b->n);
	free(b->folder);
	free(b->backup_dir);
	free(b);
}

/* The interface is closing: stop the batch, drop what is ours. */
static bool
batch_gone(struct mt_batch *op, struct batch *b)
{
	if (!b->a->closing)
		return false;
	if (op)
		mt_batch_cancel(op);
	ui_req_done(b->req);
	batch_free(b);
	return true;
}

static void
batch_progress(struct mt_batch *op, size_t i, size_t n, void *arg)
{
	struct batch *b = arg;
	if (batch_gone(op, b))
		return;
	ui_message(b->a, R_NORMAL, b->move ? _("moving %zu of %zu\xe2\x80\xa6")
	           : _("deleting %zu of %zu\xe2\x80\xa6"), i + 1, n);
}

static void
batch_item(struct mt_batch *op, const struct mt_batch_result *r, void *arg)
{
	struct batch *b = arg;
	if (batch_gone(op, b))
		return;
	if (r->err) {
		if (!b->first_err[0])
			mt_error_format(r->err, b->first_err, sizeof b->first_err);
		return;
	}
	if (b->move && r->item)
		remote_item_updated(b->a, r->item);
	else if (!b->move)
		remote_item_removed(b->a, r->id);
}

static void
batch_done(int ok, int failed, void *arg)
{
	struct batch *b = arg;
	struct app *a = b->a;
	if (batch_gone(NULL, b))
		return;
	b->ok = ok;
	b->failed = failed;
	char *e = mt_sanitize(b->first_err);
	if (b->failed)
		ui_message(a, R_ERROR, b->move ? P_("moved %d, %d failed: %s", "moved %d, %d failed: %s",
		                                    (unsigned long)b->failed)
		                               : P_("deleted %d, %d failed: %s", "deleted %d, %d failed: %s",
		                                    (unsigned long)b->failed),
		           b->ok, b->failed, e);
	else if (b->backup_dir) {
		char *dir = mt_sanitize(b->backup_dir);
		ui_message(a, R_GOOD, P_("deleted %d, original in %s", "deleted %d, originals in %s",
		                         (unsigned long)b->ok), b->ok, dir);
		free(dir);
	} else if (b->move)
		ui_message(a, R_GOOD, P_("moved %d item to %s", "moved %d items to %s", (unsigned long)b->ok),
		           b->ok, b->folder ? b->folder : "");
	else
		ui_message(a, R_GOOD, P_("deleted %d item", "deleted %d items", (unsigned long)b->ok), b->ok);
	free(e);
	if (b->move)
		remote_reload(a, false);
	/* marks on what is gone are gone; clear the rest */
	struct remote *r = &a->remote;
	if (!b->failed) {
		for (size_t i = 0; i < r->nitems; i++)
			r->marked[i] = false;
		r->nmarked = 0;
	}
	ui_req_done(b->req);
	batch_free(b);
	ui_dirty(a);
}

static void
batch_go(struct batch *b)
{
	struct app *a = b->a;
	struct mt_batch_spec spec = {
		.kind = b->move ? MT_BATCH_MOVE : MT_BATCH_REMOVE,
		.ids = b->ids, .n = b->n, .folder = b->folder, .backup_dir = b->backup_dir,
		.progress = batch_progress, .item = batch_item, .done = batch_done, .arg = b,
	};
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_batch_start(&a->site, &spec, &err) == NULL) {
		ui_error(a, b->move ? _("moving") : _("deleting"), &err);
		batch_free(b);
		return;
	}
	b->req = ui_req_new(a, NULL, RQ_BATCH, NULL);
}

static char *remote_backup_dir(struct app *a);

static void
delete_answer(struct app *a, int choice, void *arg)
{
	struct batch *b = arg;
	if (choice != 'y' && choice != 'b') {
		batch_free(b);
		ui_message(a, R_NORMAL, _("nothing deleted"));
		return;
	}
	if (choice == 'b')
		b->backup_dir = remote_backup_dir(a);
	batch_go(b);
}

/* $XDG_DATA_HOME/mediatui/backups/PROFILE (default ~/.local/share/...). */
static char *
remote_backup_dir(struct app *a)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *base = xdg && xdg[0] == '/' ? xasprintf("%s/mediatui/backups", xdg)
	                                  : xasprintf("%s/.local/share/mediatui/backups",
	                                              home && *home ? home : ".");
	char *dir = xasprintf("%s/%s", base, a->site.profile->name);
	free(base);
	return dir;
}

void
remote_confirm_delete(struct app *a, char **ids, char **names, size_t n, bool backup_offer)
{
	if (!mt_site_can(&a->site, MT_CAP_DELETE, true)) {
		ui_message(a, R_WARN, _("this profile cannot delete media"));
		mt_strv_free(ids, n);
		mt_strv_free(names, n);
		return;
	}
	struct batch *b = xcalloc(1, sizeof *b);
	b->a = a;
	b->ids = ids;
	b->names = names;
	b->n = n;
	size_t shown = n < 8 ? n : 8;
	char *s = xasprintf(P_("Delete %zu item from the library? This cannot be undone.",
	                       "Delete %zu items from the library? This cannot be undone.", n), n);
	for (size_t i = 0; i < shown; i++) {
		char *clean = mt_sanitize(names[i] ? names[i] : ids[i]);
		char *id = mt_sanitize(ids[i]);
		char *t = xasprintf("%s\n  %s  (%s)", s, clean, id);
		free(clean);
		free(id);
		free(s);
		s = t;
	}
	if (n > shown) {
		char *t = xasprintf(_("%s\n  \xe2\x80\xa6 and %zu more"), s, n - shown);
		free(s);
		s = t;
	}
	bool can_backup = backup_offer && mt_site_can(&a->site, MT_CAP_BROWSE, false);
	if (can_backup) {
		char *t = xasprintf(_("%s\n\ny: delete   b: back up the originals first, then delete   n: keep"), s);
		free(s);
		s = t;
	}
	ui_confirm(a, _("Delete"), s, can_backup ? "ybn" : "yn", delete_answer, b);
	free(s);
}

void
remote_delete_selection(struct app *a)
{
	struct remote *r = &a->remote;
	size_t n = r->nmarked;
	if (n == 0) {
		struct mt_media *m = remote_current_item(a);
		if (m == NULL)
			return;
		char **ids = xcalloc(1, sizeof *ids), **names = xcalloc(1, sizeof *names);
		ids[0] = xstrdup(m->id);
		names[0] = xstrdup(m->filename ? m->filename : m->id);
		remote_confirm_delete(a, ids, names, 1, true);
		return;
	}
	char **ids = xcalloc(n, sizeof *ids), **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	for (size_t i = 0; i < r->nitems && k < n; i++) {
		if (!r->marked[i])
			continue;
		ids[k] = xstrdup(r->items[i].id);
		names[k] = xstrdup(r->items[i].filename ? r->items[i].filename : r->items[i].id);
		k++;
	}
	remote_confirm_delete(a, ids, names, k, true);
}

/* -- move -- */

static void
move_picked(struct app *a, int index, void *arg)
{
	struct batch *b = arg;
	size_t nf;
	char *const *folders = remote_folder_list(a, &nf);
	if (index < 0 || (size_t)index >= nf) {
		batch_free(b);
		return;
	}
	b->folder = xstrdup(folders[index]);
	batch_go(b);
}

void
remote_move_selection(struct app *a)
{
	struct remote *r = &a->remote;
	if (!mt_site_can(&a->site, MT_CAP_EDIT, true)) {
		ui_message(a, R_WARN, _("this profile cannot edit media"));
		return;
	}
	size_t nf;
	char *const *folders = remote_folder_list(a, &nf);
	if (nf == 0) {
		ui_message(a, R_WARN, _("no folders known yet"));
		return;
	}
	struct batch *b = xcalloc(1, sizeof *b);
	b->a = a;
	b->move = true;
	size_t n = r->nmarked ? r->nmarked : 1;
	b->ids = xcalloc(n, sizeof *b->ids);
	b->names = xcalloc(n, sizeof *b->names);
	if (r->nmarked) {
		for (size_t i = 0; i < r->nitems && b->n < n; i++)
			if (r->marked[i]) {
				b->ids[b->n] = xstrdup(r->items[i].id);
				b->names[b->n++] = xstrdup(r->items[i].filename ? r->items[i].filename : "");
			}
	} else {
		struct mt_media *m = remote_current_item(a);
		if (m == NULL) {
			batch_free(b);
			return;
		}
		b->ids[0] = xstrdup(m->id);
		b->names[0] = xstrdup(m->filename ? m->filename : "");
		b->n = 1;
	}
	char *title = xasprintf(P_("Move %zu item to", "Move %zu items to", b->n), b->n);
	size_t initial = 0;
	for (size_t i = 0; i < nf; i++)
		if (strcmp(folders[i], remote_folder(a)) == 0)
			initial = i;
	ui_pick(a, title, folders, nf, initial, move_picked, b);
	free(title);
}

/* -- folders -- */

static void
on_folder_done(const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	int kind = q->kind;
	char *path = xstrdup(q->s);
	if (!ui_req_done(q)) {
		free(path);
		return;
	}
	char *p = mt_sanitize(path);
	if (err) {
		ui_error(a, kind == RQ_FOLDER_CREATE ? _("creating the folder") : _("deleting the folder"), err);
	} else {
		ui_message(a, R_GOOD, kind == RQ_FOLDER_CREATE ? _("folder %s created") : _("folder %s deleted"), p);
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

static void
folder_delete_answer(struct app *a, int choice, void *arg)
{
	char *path = arg;
	if (choice == 'y') {
		struct mt_error err;
		mt_error_clear(&err);
		struct ui_req *q = ui_req_new(a, NULL, RQ_FOLDER_DELETE, path);
		if (mt_op_folder_delete(&a->site, path, on_folder_done, q, &err) == NULL) {
			ui_req_done(q);
			ui_error(a, _("deleting the folder"), &err);
		}
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
	if (!folders_ok(a))
		return;
	char *body = xasprintf(_("Delete the folder %s?\nThe server refuses folders that are not empty."),
	                       path);
	ui_confirm(a, _("Delete folder"), body, "yn", folder_delete_answer, xstrdup(path));
	free(body);
}
