/* typefix.c — before an upload leaves: a file whose content disagrees with
 * its extension (PNG bytes named photo.jpg) is offered the right extension
 * on the server. One question covers the whole batch, so marking forty
 * files does not mean forty dialogs. The files here keep their names; only
 * the name sent to the server changes. A file whose real type the site
 * refuses anyway (core's check, as the queue makes it) is offered no
 * rename: the question says so, and no answer sends it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "i18n.h"
#include "media.h"
#include "mime.h"
#include "sanitize.h"
#include "siteop.h"
#include "ui.h"
#include "xalloc.h"

struct typefix {
	char **paths;
	char **fixed;      /* the corrected name, NULL where the name agrees */
	char **refusal;    /* where fixed: why the site refuses it under any name, or NULL */
	size_t n;
	size_t nwrong;
	size_t nrefused;   /* of the nwrong */
	size_t nblocked;   /* names that agree, files the site refuses all the same
	                      (refusal set, fixed NULL): empty, unknown data */
	char *folder;
	ui_upload_fn add;    /* sends the batch (the upload panel's) */
};

/* "photo.jpg" holding image/png -> "photo.png"; NULL when no better name. */
static char *
corrected_name(const char *path, const char *mime)
{
	const char *ext = mt_mime_extension(mime);
	if (ext == NULL)
		return NULL;
	const char *base = mt_basename(path);
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return xasprintf("%.*s.%s", (int)stem, base, ext);
}

static void
typefix_free(struct typefix *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->paths[i]);
		free(t->fixed[i]);
		free(t->refusal[i]);
	}
	free(t->paths);
	free(t->fixed);
	free(t->refusal);
	free(t->folder);
	free(t);
}

static void
typefix_answer(struct app *a, int choice, void *arg)
{
	struct typefix *t = arg;
	if (choice == 'r' || choice == 'a') {
		/* what the site refuses is left out, renamed or not */
		char **send = xcalloc(t->n, sizeof *send), **names = xcalloc(t->n, sizeof *names);
		size_t k = 0;
		for (size_t i = 0; i < t->n; i++) {
			if (t->refusal[i])
				continue;
			names[k] = t->fixed[i];
			send[k++] = t->paths[i];
		}
		t->add(a, send, choice == 'r' ? (const char *const *)names : NULL, k, t->folder);
		free(send);
		free(names);
	} else if (choice == 's' && t->n > t->nwrong + t->nblocked) {
		char **keep = xcalloc(t->n, sizeof *keep);
		size_t k = 0;
		for (size_t i = 0; i < t->n; i++)
			if (t->fixed[i] == NULL && t->refusal[i] == NULL)
				keep[k++] = t->paths[i];
		t->add(a, keep, NULL, k, t->folder);
		free(keep);
	} else {
		ui_message(a, R_WARN, _("upload cancelled; nothing was sent"));
		/* the marks come back: re-marking forty files cost forty keys */
		struct ui_upload_request up = { t->paths, NULL, t->n, t->folder };
		ui_post(a, &(struct ui_event){ UI_EV_UPLOAD_DECLINED, .upload = &up });
	}
	typefix_free(t);
}

/* Asks about the files: the one file and its type, or the list of them
 * when several (as many as the screen holds). */
static void
typefix_ask(struct app *a, struct typefix *t, const char *const *mimes)
{
	const char *title = t->nwrong ? _("Type and name disagree") : _("Files the site will refuse");
	size_t first = 0;
	while (t->nwrong && t->fixed[first] == NULL)
		first++;
	if (t->nwrong == 1 && t->nblocked == 0) {
		char *name = mt_sanitize(mt_basename(t->paths[first]));
		char *to = mt_sanitize(t->fixed[first]);
		char *body = t->refusal[first]
			? xasprintf(_("%s holds %s, which its extension does not say, and the site will "
			              "refuse it under any name: %s.\n\n"
			              "s: skip it   Esc: upload nothing"),
			            name, mimes[first], t->refusal[first])
			: xasprintf(_("%s holds %s, which its extension does not say.\n"
			              "Renamed, it goes up as %s; the file here keeps its name.\n\n"
			              "r: upload as %s   a: upload as it is   s: skip it\n"
			              "Esc: upload nothing"),
			            name, mimes[first], to, to);
		ui_confirm(a, title, body, t->nrefused ? "s" : "ras", typefix_answer, t);
		ui_confirm_keys_told(a);
		free(name);
		free(to);
		free(body);
		return;
	}
	char *head = t->nwrong
		? xasprintf(P_("%zu file holds another type than its extension says:",
		               "%zu files hold another type than their extension says:", t->nwrong),
		            t->nwrong)
		: xasprintf(P_("%zu file the site will refuse (nothing of it is sent):",
		               "%zu files the site will refuse (nothing of them is sent):", t->nblocked),
		            t->nblocked);
	char **list = xcalloc(t->nwrong + t->nblocked, sizeof *list);
	size_t k = 0;
	/* the disagreeing types first, then the files refused as they are */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < t->n; i++) {
			if (pass == 0 ? t->fixed[i] == NULL : t->fixed[i] != NULL || t->refusal[i] == NULL)
				continue;
			char *name = mt_sanitize(mt_basename(t->paths[i]));
			char *to = t->fixed[i] ? mt_sanitize(t->fixed[i]) : NULL;
			list[k++] = t->refusal[i] ? xasprintf("%s  %s", name, t->refusal[i])
			                          : xasprintf("%s  %s -> %s", name, mimes[i], to);
			free(name);
			free(to);
		}
	}
	bool others = t->n > t->nwrong + t->nblocked;
	char *tail;
	if (t->nwrong == 0)
		tail = others ? xstrdup(_("\nThey are left out; the other files are sent.\n\n"
		                          "s: send the others   Esc: upload nothing"))
		              : xstrdup(_("\ns: skip these   Esc: upload nothing"));
	else if (t->nrefused == t->nwrong)
		tail = xstrdup(_("\nThe site will refuse them under any name.\n\n"
		                 "s: skip these   Esc: upload nothing"));
	else if (t->nrefused)
		tail = xasprintf(P_("\nThe site will refuse %zu of them under any name: it is left out. "
		                    "The rest, renamed, go up under the new names; the files here keep "
		                    "theirs.\n\nr: rename on upload   a: upload as they are   "
		                    "s: skip these\nEsc: upload nothing",
		                    "\nThe site will refuse %zu of them under any name: they are left out. "
		                    "The rest, renamed, go up under the new names; the files here keep "
		                    "theirs.\n\nr: rename on upload   a: upload as they are   "
		                    "s: skip these\nEsc: upload nothing",
		                    (unsigned long)t->nrefused),
		                 t->nrefused);
	else
		tail = xstrdup(_("\nRenamed, they go up under the new names; the files here keep "
		                 "theirs.\n\nr: rename on upload   a: upload as they are   "
		                 "s: skip these\nEsc: upload nothing"));
	if (t->nwrong && t->nblocked) {
		/* the files refused as they are, after the list of names */
		char *was = tail;
		tail = xasprintf(P_("\nThe last %zu listed the site will refuse as it is: it is left out, "
		                    "whatever the answer.%s",
		                    "\nThe last %zu listed the site will refuse as they are: they are left out, "
		                    "whatever the answer.%s",
		                    (unsigned long)t->nblocked),
		                 t->nblocked, was);
		free(was);
	}
	ui_confirm_list(a, title, head, list, k, tail, t->nrefused == t->nwrong ? "s" : "ras",
	                typefix_answer, t);
	ui_confirm_keys_told(a);
	free(head);
	free(tail);
	mt_strv_free(list, k);
}

bool
typefix_offer(struct app *a, char **paths, const char *const *known, size_t n,
              const char *folder, ui_upload_fn add)
{
	struct typefix *t = xcalloc(1, sizeof *t);
	t->paths = xcalloc(n ? n : 1, sizeof *t->paths);
	t->fixed = xcalloc(n ? n : 1, sizeof *t->fixed);
	t->refusal = xcalloc(n ? n : 1, sizeof *t->refusal);
	char **mimes = xcalloc(n ? n : 1, sizeof *mimes);
	t->n = n;
	for (size_t i = 0; i < n; i++) {
		t->paths[i] = xstrdup(paths[i]);
		char mime[128];
		struct mt_error err;
		mt_error_clear(&err);
		/* the local pane's detection when it has one; a file that cannot
		 * be read fails in the queue with its reason */
		if (known && known[i] && known[i][0])
			snprintf(mime, sizeof mime, "%s", known[i]);
		else if (mt_mime_detect(paths[i], 0, mime, sizeof mime, &err) < 0)
			continue;
		struct stat sb;
		int64_t size = stat(paths[i], &sb) == 0 ? (int64_t)sb.st_size : -1;
		if (!mt_mime_name_agrees(mt_basename(paths[i]), mime))
			t->fixed[i] = corrected_name(paths[i], mime);
		if (t->fixed[i] == NULL) {
			/* its name says what it holds, or no name would: the site may
			 * still refuse it (empty, unknown data), and it is said now,
			 * before anything is sent, not in a failed row */
			char why[300];
			if (mt_site_refusal(&a->site, mt_basename(paths[i]), mime, size, why, sizeof why) > 0) {
				t->refusal[i] = mt_sanitize(why);
				t->nblocked++;
			}
			continue;
		}
		mimes[i] = mt_sanitize(mime);
		t->nwrong++;
		/* renamed or not, its content goes up as this type */
		mt_error_clear(&err);
		if (mt_site_accepts(&a->site, mime, size, &err) < 0) {
			t->refusal[i] = mt_sanitize(err.message);
			t->nrefused++;
		}
	}
	if (t->nwrong == 0 && t->nblocked == 0) {
		mt_strv_free(mimes, n);
		typefix_free(t);
		return false;
	}
	t->folder = folder ? xstrdup(folder) : NULL;
	t->add = add;
	typefix_ask(a, t, (const char *const *)mimes);
	mt_strv_free(mimes, n);
	return true;
}
