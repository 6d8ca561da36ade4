/* remote_folders.c — the remote pane's folder tree: every folder the server
 * knows, the direct children of the folder shown, and loading the list. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "place.h"
#include "sanitize.h"
#include "siteop.h"
#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

enum req_kind { RQ_FOLDERS = 1 };

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void
remote_compute_subs(struct remote *r)
{
	mt_strv_free(r->subs, r->nsubs);
	r->subs = NULL;
	r->nsubs = 0;
	const char *cur = r->folder ? r->folder : "/";
	if (r->search || r->all_folders)
		return;   /* a search, or every folder: media only */
	r->subs = xcalloc(r->nfolders + 1, sizeof *r->subs);
	for (size_t i = 0; i < r->nfolders; i++) {
		const char *f = r->folders[i];
		if (strcmp(f, "/") == 0 || !mt_folder_path_valid(f))
			continue;
		char *p = mt_folder_parent(f);
		if (strcmp(p, cur) == 0)
			r->subs[r->nsubs++] = xstrdup(f);
		free(p);
	}
	qsort(r->subs, r->nsubs, sizeof *r->subs, cmp_str);
}

void
remote_set_folders(struct app *a, char *const *v, size_t n)
{
	struct remote *r = a->remote;
	mt_strv_free(r->folders, r->nfolders);
	r->folders = xcalloc(n + 1, sizeof *r->folders);
	for (size_t i = 0; i < n; i++)
		r->folders[i] = xstrdup(v[i]);
	r->nfolders = n;
	qsort(r->folders, r->nfolders, sizeof *r->folders, cmp_str);
	remote_compute_subs(r);
	/* a folder just created: the cursor on its row (or on the child of the
	 * folder shown that leads to it), so Enter opens it */
	if (r->land_on) {
		for (size_t i = 0; i < r->nsubs; i++) {
			size_t len = strlen(r->subs[i]);
			if (strncmp(r->land_on, r->subs[i], len) == 0 &&
			    (r->land_on[len] == '\0' || r->land_on[len] == '/')) {
				r->cur = (remote_has_up_row(r) ? 1 : 0) + i;
				remote_keep_cursor_moved(r);
				break;
			}
		}
		free(r->land_on);
		r->land_on = NULL;
	}
	/* the folder the last session showed may be gone since: say so, show / */
	if (r->restored) {
		bool found = false;
		for (size_t i = 0; i < r->nfolders && !found; i++)
			found = strcmp(r->folders[i], r->restored) == 0;
		char *gone = found ? NULL : mt_sanitize(r->restored);
		free(r->restored);
		r->restored = NULL;
		if (gone) {
			ui_message(a, R_WARN, _("%s, the folder shown last time, is gone; showing /"), gone);
			free(gone);
			ui_post(a, &(struct ui_event){ UI_EV_SHOW_FOLDER, .id = "/" });
		}
	}
}

char *const *
remote_folder_list(struct app *a, size_t *n)
{
	*n = a->remote->nfolders;
	return a->remote->folders;
}

static void
on_folders(char *const *v, size_t n, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (!ui_req_done(q))
		return;
	if (err) {
		ui_error(a, _("listing folders"), err);
		return;
	}
	/* keep the cursor on the same row kind where possible */
	remote_set_folders(a, v, n);
	ui_pick_refresh(a, UI_PICK_FOLDERS, a->remote->folders, a->remote->nfolders);
	ui_dirty(a);
}

void
remote_folders_reload(struct app *a)
{
	if (!mt_site_can(&a->site, MT_CAP_FOLDERS, true))
		return;
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, NULL, RQ_FOLDERS, NULL);
	if (mt_op_folders(&a->site, on_folders, q, &err) == NULL) {
		ui_req_done(q);
		ui_error(a, _("listing folders"), &err);
	}
}

/* ---- the folder of the last session ---- */

void
remote_place_restore(struct app *a)
{
	struct remote *r = a->remote;
	/* where the last session was: a dropped link costs no walk back */
	char *last = mt_site_can(&a->site, MT_CAP_FOLDERS, false) && a->profile
	             ? mt_place_load(a->profile->name) : NULL;
	if (last && strcmp(last, "/") != 0 && mt_folder_path_valid(last)) {
		free(r->folder);
		r->folder = last;
		r->restored = xstrdup(last);
	} else {
		free(last);
	}
}

void
remote_place_remember(struct app *a)
{
	static bool said;
	struct mt_error err;
	mt_error_clear(&err);
	if (a->profile && mt_place_save(a->profile->name, remote_folder(a), &err) < 0 && !said) {
		said = true;   /* said once: the pane works on without it */
		ui_error(a, NULL, &err);
	}
}
