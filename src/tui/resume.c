/* resume.c — the question at start about the uploads an earlier session
 * left unfinished (the journal has them): resume them now, ask again next
 * time, or forget them. Each choice says what it did. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "history.h"
#include "i18n.h"
#include "siteop.h"
#include "media.h"
#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

struct resume {
	struct mt_history_rec *v;
	size_t n;
	char **keys;        /* the records offered: resumed, left or forgotten */
	size_t nkeys;
	bool at_start;      /* the first question at start: the drafts' comes next */
};

/* Whether the journal record is one to offer: unfinished, the file still
 * there, sent with this profile's dialect. */
static bool
offered(const struct app *a, const struct mt_history_rec *h)
{
	return mt_history_unfinished(h) && access(h->path, R_OK) == 0 &&
	       (!h->dialect || strcmp(h->dialect, mt_site_api(&a->site)) == 0);
}

/* Why a failed upload was kept for this start, after its size; "" for
 * one left unfinished. */
static const char *
why_kept(const struct mt_history_rec *h)
{
	if (h->offer_again == NULL || strcmp(h->state, "failed") != 0)
		return "";
	if (strcmp(h->offer_again, "full") == 0)
		/* TRANSLATORS: after a file's size in the list of uploads to
		 * resume: why it was not sent last time */
		return _("(failed: the storage was full)");
	/* TRANSLATORS: after a file's size in the list of uploads to resume:
	 * its last try failed for a cause that may have passed */
	return _("(failed: it may pass now)");
}

static void
resume_forget(struct app *a, struct resume *r)
{
	struct mt_error err;
	mt_error_clear(&err);
	int k = uploads_forget(a, r->keys, r->nkeys, &err);
	if (k < 0) {
		ui_error(a, _("the unfinished uploads are still offered"), &err);
		return;
	}
	ui_message(a, R_NORMAL, P_("forgot %d unfinished upload; the file here is untouched",
	                           "forgot %d unfinished uploads; the files here are untouched",
	                           (unsigned long)k), k);
}

static void
resume_answer(struct app *a, int choice, void *arg)
{
	struct resume *r = arg;
	if (choice == 'y') {
		/* the records offered, in the order they were queued */
		struct mt_history_rec *v = xcalloc(r->n ? r->n : 1, sizeof *v);
		size_t k = 0;
		for (size_t i = 0; i < r->n; i++)
			if (offered(a, &r->v[i]))
				v[k++] = r->v[i];   /* borrowed: r->v frees them */
		/* the panel says the resume as it starts the queue, before any
		 * file refused at once */
		if (k == 0)
			ui_message(a, R_NORMAL, "%s", _("nothing to resume: the files are gone"));
		else
			uploads_resume(a, v, k);
		free(v);
	} else if (choice == 'f') {
		resume_forget(a, r);
	} else if (choice == 'n') {
		ui_message(a, R_NORMAL, "%s",
		           _("not resumed: U asks again, and so does the next start (f there forgets them)"));
	}
	mt_history_free(r->v, r->n);
	mt_strv_free(r->keys, r->nkeys);
	bool at_start = r->at_start;
	free(r);
	if (at_start)
		drafts_offer(a);   /* the next question at start */
}

bool
uploads_offer_resume(struct app *a, bool at_start)
{
	if (!mt_site_can_upload(&a->site))
		return false;
	struct resume *r = xcalloc(1, sizeof *r);
	r->at_start = at_start;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_history_load(a->profile->name, &r->v, &r->n, &err) < 0) {
		free(r);
		return false;
	}
	/* listed, and resumed, in the order the files were queued (files
	 * saved in the same second came in no fixed order) */
	mt_history_sort_queued(r->v, r->n);
	size_t k = 0;
	int64_t bytes = 0;
	char **list = xcalloc(r->n ? r->n : 1, sizeof *list);
	r->keys = xcalloc(r->n ? r->n : 1, sizeof *r->keys);
	for (size_t i = 0; i < r->n; i++) {
		struct mt_history_rec *h = &r->v[i];
		if (!offered(a, h))
			continue;
		if (h->key)
			r->keys[r->nkeys++] = xstrdup(h->key);
		if (h->size > 0)
			bytes += h->size;
		char size[32] = "";
		if (h->size >= 0)
			mt_format_size(h->size, size, sizeof size);
		char *name = mt_sanitize(h->name ? h->name : mt_basename(h->path));
		char *folder = mt_sanitize(h->folder && h->folder[0] ? h->folder : "/");
		const char *why = why_kept(h);
		list[k++] = xasprintf("%s \xe2\x86\x92 %s  %s%s%s", name, folder, size, why[0] ? "  " : "", why);
		free(name);
		free(folder);
	}
	if (k == 0) {
		free(list);
		mt_history_free(r->v, r->n);
		mt_strv_free(r->keys, r->nkeys);
		free(r);
		return false;
	}
	char total[32];
	mt_format_size(bytes, total, sizeof total);
	char *head = xasprintf(P_("An earlier session left %zu upload unfinished (%s):",
	                          "An earlier session left %zu uploads unfinished (%s):", k),
	                       k, total);
	/* the list shows what the screen holds; the keys are said after it */
	ui_confirm_list(a, _("Resume uploads"), head, list, k,
	                P_("\ny: resume it now   n: not now (asked again next start)\n"
	                   "f: forget it (the file here stays)",
	                   "\ny: resume them now   n: not now (asked again next start)\n"
	                   "f: forget them (the files here stay)", k),
	                "ynf", resume_answer, r);
	ui_confirm_keys_told(a);
	free(head);
	mt_strv_free(list, k);
	return true;
}

