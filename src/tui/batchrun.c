/* batchrun.c — deleting or moving a selection of items, for any view that
 * shows some: asked here (delete: y, b to back the originals up first, n),
 * carried out by core's batch, reported in the status line.
 *
 * The rule "nothing is deleted before its backup is complete" is core's
 * (batch.c). What was deleted or moved is posted as an event, item by item,
 * and UI_EV_BATCH_DONE at the end, so that the views showing it keep their
 * own lists. An empty folder is deleted here too, for the remote pane and
 * the audit alike: the same question, core's folder delete, and
 * UI_EV_FOLDERS_CHANGED when it is gone. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "i18n.h"
#include "l10n.h"
#include "sanitize.h"
#include "siteop.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* a failed item's name on the status line, at most: the reason after it counts more */
#define FAIL_NAME_CELLS 32

enum { RQ_BATCH = 200 };

struct batch {
	struct app *a;
	struct ui_req *req;  /* keeps the interface waiting for it at quit */
	struct mt_batch *op; /* core's batch, while it runs */
	char **ids, **names;
	char *folder;        /* move: the destination */
	size_t n;
	int ok, failed;      /* so far */
	int gone;            /* delete: not on the server any more (deleted elsewhere), not failed */
	int saved;           /* delete with a backup: originals saved whole */
	char **fails;        /* each failure, "name: reason", in the order they came */
	size_t nfails;
	char *first_said;    /* the first, as the status line says it (sanitised, its name fitted) */
	bool move;
	bool stopping;       /* asked to stop after the item under way */
	bool ended;          /* stopped at quit: only the report is left */
	size_t left;         /* never started (after a stop) */
	char *backup_dir;    /* delete: download each original here first */
	char line[400];      /* what it does now, for the status line while it runs */
};

static void
batch_free(struct batch *b)
{
	mt_strv_free(b->ids, b->n);
	mt_strv_free(b->names, b->n);
	mt_strv_free(b->fails, b->nfails);
	free(b->first_said);
	free(b->folder);
	free(b->backup_dir);
	free(b);
}

/* The batch is over: the app forgets it. */
static void
batch_end(struct batch *b)
{
	if (b->a->batch == b)
		b->a->batch = NULL;
	if (b->req)
		ui_req_done(b->req);
	batch_free(b);
}

/* The program is ending: the batch is over, its report waits for the
 * terminal to be given back (ui_batch_report). */
static void
batch_ended(struct batch *b)
{
	b->ended = true;
	ui_req_done(b->req);
	b->req = NULL;
}

static void
batch_progress(struct mt_batch *op, size_t i, size_t n, enum mt_batch_stage stage, void *arg)
{
	struct batch *b = arg;
	(void)op;
	if (b->stopping)   /* the item under way: "stopping" stays on the line */
		return;
	if (stage == MT_BATCH_MOVING)
		snprintf(b->line, sizeof b->line, _("moving %zu of %zu\xe2\x80\xa6"), i + 1, n);
	else if (stage == MT_BATCH_BACKING_UP)   /* nothing is deleted yet */
		snprintf(b->line, sizeof b->line, _("saving the original of %zu of %zu\xe2\x80\xa6"), i + 1, n);
	else
		snprintf(b->line, sizeof b->line, _("deleting %zu of %zu\xe2\x80\xa6"), i + 1, n);
	ui_message(b->a, R_NORMAL, "%s", b->line);
}

/* The engine tries the item under way again (core tells it, with the
 * stage): said as the details say a save's retry, each try counted, in
 * place of the bare "deleting 1 of 3…" that reads the same as a slow
 * server; kept on the line while the item waits, not in the message log,
 * where only the outcome goes (mt_op_retry_text). */
static void
batch_retry(struct mt_batch *op, size_t i, size_t n, enum mt_batch_stage stage,
            const struct mt_http_retry *retry, void *arg)
{
	struct batch *b = arg;
	(void)op;
	if (b->stopping || b->a->closing)   /* "stopping" stays on the line */
		return;
	char said[300];
	mt_op_retry_text(retry, said, sizeof said);
	/* TRANSLATORS: the last %s: "the server answered 503, trying again (2 of 6)" */
	if (stage == MT_BATCH_MOVING)
		snprintf(b->line, sizeof b->line, _("moving %zu of %zu\xe2\x80\xa6 %s"), i + 1, n, said);
	else if (stage == MT_BATCH_BACKING_UP)
		snprintf(b->line, sizeof b->line, _("saving the original of %zu of %zu\xe2\x80\xa6 %s"),
		         i + 1, n, said);
	else
		snprintf(b->line, sizeof b->line, _("deleting %zu of %zu\xe2\x80\xa6 %s"), i + 1, n, said);
	ui_message_waiting(b->a, R_NORMAL, "%s", b->line);
}

const char *
ui_batch_line(const struct app *a)
{
	const struct batch *b = a->batch;
	if (b == NULL || b->ended || b->op == NULL || !b->line[0])
		return NULL;
	return b->line;
}

/* A failure, named by the item's file name (the server's message names no
 * item; core's may name its id, which people do not know): kept, each one,
 * for the outcome and the message log. */
static void
keep_error(struct batch *b, const struct mt_batch_result *r)
{
	char msg[400];
	mt_error_format(r->err, msg, sizeof msg);
	const char *rest = msg;
	size_t idlen = r->id ? strlen(r->id) : 0;
	if (idlen && strncmp(msg, r->id, idlen) == 0 && strncmp(msg + idlen, ": ", 2) == 0)
		rest = msg + idlen + 2;
	const char *name = r->index < b->n && b->names[r->index] && b->names[r->index][0]
	                   ? b->names[r->index] : r->id;
	/* a name from a list ("name  folder  date"): its file name */
	const char *cut = name ? strstr(name, "  ") : NULL;
	int len = name ? (cut ? (int)(cut - name) : (int)strlen(name)) : 0;
	b->fails = xreallocarray(b->fails, b->nfails + 2, sizeof *b->fails);
	b->fails[b->nfails++] = xasprintf("%.*s: %s", len, name ? name : "", rest);
	b->fails[b->nfails] = NULL;
	/* the status line's: a long name shortened in its middle, so that the
	 * reason after it is read (the log keeps the whole name) */
	char *whole = xasprintf("%.*s", len, name ? name : "");
	char *clean = mt_sanitize(whole);
	char fit[200];
	if (mt_text_width(clean) > FAIL_NAME_CELLS)
		mt_text_fit_name(clean, FAIL_NAME_CELLS, 0, fit, sizeof fit);
	else
		snprintf(fit, sizeof fit, "%s", clean);
	char *reason = mt_sanitize(rest);
	if (b->nfails == 1)   /* the first is the one said */
		b->first_said = xasprintf("%s: %s", fit, reason);
	free(reason);
	free(clean);
	free(whole);
}

/* Every failure into the message log, each with its reason, the last
 * first: the log, newest on top, then reads the outcome and under it the
 * failures in their order. One failure is said whole by the outcome. */
static void
log_failures(struct batch *b)
{
	if (b->nfails < 2)
		return;
	for (size_t i = b->nfails; i-- > 0;)
		ui_message_log(b->a, R_ERROR, b->move ? _("not moved: %s") : _("not deleted: %s"),
		               b->fails[i]);
}

/* The failures for the outcome, sanitised: the one, or the first and how
 * many more (log_failures has each). */
static char *
failures_said(const struct batch *b)
{
	if (b->nfails == 0)
		return xstrdup("");
	char *first = xstrdup(b->first_said);
	if (b->nfails == 1) {
		if (strcmp(first, b->fails[0]) != 0)   /* the name shortened: the log has it whole */
			ui_message_log(b->a, R_ERROR, b->move ? _("not moved: %s") : _("not deleted: %s"),
			               b->fails[0]);
		return first;
	}
	int more = (int)b->nfails - 1;
	char *said = xasprintf(P_("%s, and %d more (M lists each)", "%s, and %d more (M lists each)",
	                          (unsigned long)more), first, more);
	free(first);
	return said;
}

/* An item core found gone (deleted elsewhere): named in the message log,
 * the outcome counts it. */
static void
log_gone(struct batch *b, const struct mt_batch_result *r)
{
	const char *name = r->index < b->n && b->names[r->index] && b->names[r->index][0]
	                   ? b->names[r->index] : r->id;
	const char *cut = name ? strstr(name, "  ") : NULL;
	int len = name ? (cut ? (int)(cut - name) : (int)strlen(name)) : 0;
	char *said = xasprintf("%.*s", len, name ? name : "");
	char *clean = mt_sanitize(said);
	ui_message_log(b->a, R_NORMAL, _("already gone (deleted elsewhere): %s"), clean);
	free(clean);
	free(said);
}

static void
batch_item(struct mt_batch *op, const struct mt_batch_result *r, void *arg)
{
	struct batch *b = arg;
	(void)op;
	if (r->backup)
		b->saved++;
	if (r->gone)
		b->gone++;
	else if (r->err)
		b->failed++;
	else
		b->ok++;
	if (r->err) {
		keep_error(b, r);
		return;
	}
	if (r->gone)
		log_gone(b, r);   /* and dropped from every view as a deleted item */
	if (b->move && r->item)
		ui_post(b->a, &(struct ui_event){ UI_EV_ITEM_EDITED, .item = r->item });
	else if (!b->move)
		ui_post(b->a, &(struct ui_event){ UI_EV_ITEM_DELETED, .id = r->id });
}

static void
batch_done(int ok, int gone, int failed, void *arg)
{
	struct batch *b = arg;
	struct app *a = b->a;
	b->op = NULL;
	b->ok = ok;
	b->gone = gone;
	b->failed = failed;
	if (a->closing) {   /* every item done as the program ended: the report says so */
		batch_ended(b);
		return;
	}
	log_failures(b);
	char *e = failures_said(b);
	char *dir = b->backup_dir && b->saved ? mt_sanitize(b->backup_dir) : NULL;
	if (b->failed && dir)   /* the outcome says the failure: the log, where the originals are */
		ui_message_log(a, R_NORMAL, P_("the original of %d deleted item is in %s",
		                               "the originals of %d deleted items are in %s",
		                               (unsigned long)b->saved), b->saved, dir);
	if (b->failed && b->gone)
		ui_message(a, R_ERROR, P_("deleted %d, %d already gone, %d failed: %s",
		                          "deleted %d, %d already gone, %d failed: %s",
		                          (unsigned long)b->failed),
		           b->ok, b->gone, b->failed, e);
	else if (b->failed)
		ui_message(a, R_ERROR, b->move ? P_("moved %d, %d failed: %s", "moved %d, %d failed: %s",
		                                    (unsigned long)b->failed)
		                               : P_("deleted %d, %d failed: %s", "deleted %d, %d failed: %s",
		                                    (unsigned long)b->failed),
		           b->ok, b->failed, e);
	else if (b->gone && dir)
		ui_message(a, R_GOOD, P_("deleted %d, %d already gone; originals in %s",
		                         "deleted %d, %d already gone; originals in %s",
		                         (unsigned long)b->gone), b->ok, b->gone, dir);
	else if (b->gone)
		ui_message(a, R_GOOD, P_("deleted %d, %d already gone", "deleted %d, %d already gone",
		                         (unsigned long)b->gone), b->ok, b->gone);
	else if (dir) {
		ui_message(a, R_GOOD, P_("deleted %d, original in %s", "deleted %d, originals in %s",
		                         (unsigned long)b->ok), b->ok, dir);
	} else if (b->move)
		ui_message(a, R_GOOD, P_("moved %d item to %s", "moved %d items to %s", (unsigned long)b->ok),
		           b->ok, b->folder ? b->folder : "");
	else
		ui_message(a, R_GOOD, P_("deleted %d item", "deleted %d items", (unsigned long)b->ok), b->ok);
	free(e);
	free(dir);
	/* the lists that showed the selection take it from here */
	ui_post(a, &(struct ui_event){ UI_EV_BATCH_DONE, .id = b->failed ? "failed" : "ok",
	                               .move = b->move });
	batch_end(b);
	ui_dirty(a);
}

/* After a stop: what was done, and what the server has as it was. */
static void
batch_stopped(int ok_now, int gone, int failed, size_t left, void *arg)
{
	struct batch *b = arg;
	struct app *a = b->a;
	/* an item already gone is out of the library as a deleted one is: counted
	 * with them here (the message log names each) */
	int ok = ok_now + gone;
	b->op = NULL;
	b->gone = gone;
	b->ok = ok_now;
	b->failed = failed;
	b->left = left;
	if (a->closing) {   /* the report after the terminal is given back says it */
		batch_ended(b);
		return;
	}
	log_failures(b);
	char *e = failures_said(b);
	char *dir = b->backup_dir ? mt_sanitize(b->backup_dir) : NULL;
	char *to = b->folder ? mt_sanitize(b->folder) : NULL;
	if (failed && b->move)
		ui_message(a, R_WARN, P_("stopped: %d of %zu moved to %s, %d failed (%s), %zu left untouched",
		                         "stopped: %d of %zu moved to %s, %d failed (%s), %zu left untouched",
		                         b->n), ok, b->n, to ? to : "", failed, e, left);
	else if (failed)
		ui_message(a, R_WARN, P_("stopped: %d of %zu deleted, %d failed (%s), %zu left untouched",
		                         "stopped: %d of %zu deleted, %d failed (%s), %zu left untouched",
		                         b->n), ok, b->n, failed, e, left);
	else if (b->move)
		ui_message(a, R_NORMAL, P_("stopped: %d of %zu moved to %s, %zu left untouched",
		                           "stopped: %d of %zu moved to %s, %zu left untouched", b->n),
		           ok, b->n, to ? to : "", left);
	else if (dir)
		ui_message(a, R_NORMAL, P_("stopped: %d of %zu deleted (originals in %s), %zu left untouched",
		                           "stopped: %d of %zu deleted (originals in %s), %zu left untouched",
		                           b->n), ok, b->n, dir, left);
	else
		ui_message(a, R_NORMAL, P_("stopped: %d of %zu deleted, %zu left untouched",
		                           "stopped: %d of %zu deleted, %zu left untouched", b->n),
		           ok, b->n, left);
	free(e);
	free(dir);
	free(to);
	ui_post(a, &(struct ui_event){ UI_EV_BATCH_DONE, .id = failed ? "failed" : "ok", .move = b->move });
	batch_end(b);
	ui_dirty(a);
}

/* One batch at a time: a second is refused while one runs (true: said so). */
static bool
batch_refused(struct app *a)
{
	struct batch *b = a->batch;
	if (b == NULL)
		return false;
	ui_message(a, R_WARN, b->move ? _("a move is running (%zu of %zu done): Esc stops it")
	                              : _("a delete is running (%zu of %zu done): Esc stops it"),
	           (size_t)(b->ok + b->gone + b->failed), b->n);
	return true;
}

static void
batch_go(struct batch *b)
{
	struct app *a = b->a;
	struct mt_batch_spec spec = {
		.kind = b->move ? MT_BATCH_MOVE : MT_BATCH_REMOVE,
		.ids = b->ids, .n = b->n, .folder = b->folder, .backup_dir = b->backup_dir,
		.progress = batch_progress, .retry = batch_retry, .item = batch_item, .done = batch_done,
		.stopped = batch_stopped, .arg = b,
	};
	struct mt_error err;
	mt_error_clear(&err);
	b->op = mt_batch_start(&a->site, &spec, &err);
	if (b->op == NULL) {
		ui_error(a, b->move ? _("moving") : _("deleting"), &err);
		batch_free(b);
		return;
	}
	b->req = ui_req_new(a, NULL, RQ_BATCH, NULL);
	a->batch = b;
}

static char *backup_dir(struct app *a);

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
		b->backup_dir = backup_dir(a);
	batch_go(b);
}

/* $XDG_DATA_HOME/mediatui/backups/PROFILE (default ~/.local/share/...). */
static char *
backup_dir(struct app *a)
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

/* Asks with `head` (the question), the items by name and id, and what
 * the answers do; takes the vectors. */
static void
batch_ask(struct app *a, char **ids, char **names, size_t n, bool backup_offer, const char *head)
{
	if (batch_refused(a) || !mt_site_can(&a->site, MT_CAP_DELETE, true)) {
		if (a->batch == NULL)
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
	char **list = xcalloc(n ? n : 1, sizeof *list);
	for (size_t i = 0; i < n; i++) {
		char *clean = mt_sanitize(names[i] ? names[i] : ids[i]);
		char *id = mt_sanitize(ids[i]);
		list[i] = xasprintf("%s  (%s)", clean, id);
		free(clean);
		free(id);
	}
	/* whether the originals are kept is part of the question */
	bool can_backup = backup_offer && mt_site_can(&a->site, MT_CAP_BROWSE, false);
	const char *tail = can_backup
		? _("\ny: delete   b: back up the originals first, then delete   n: keep")
		: _("\nThe originals are not backed up first: this profile cannot download them.");
	ui_confirm_list(a, _("Delete"), head, list, n, tail, can_backup ? "ybn" : "yn",
	                delete_answer, b);
	if (can_backup)
		ui_confirm_keys_told(a);   /* the tail says y, b and n */
	mt_strv_free(list, n);
}

char *
ui_delete_label(const char *filename, const char *id, const char *folder, const char *created_at)
{
	char day[64] = "";
	if (created_at)
		mt_l10n_date(created_at, false, day, sizeof day);
	return xasprintf("%s  %s  %s", filename ? filename : id ? id : "", folder ? folder : "/", day);
}

void
ui_batch_delete(struct app *a, char **ids, char **names, size_t n, int64_t bytes,
                bool backup_offer)
{
	char size[32];
	if (bytes >= 0)
		mt_format_size(bytes, size, sizeof size);
	/* what the plan gets back, for a cleanup that is about space */
	char *head = bytes >= 0
	    ? xasprintf(P_("Delete %zu item (%s) from the library? This cannot be undone.",
	                   "Delete %zu items (%s) from the library? This cannot be undone.", n), n, size)
	    : xasprintf(P_("Delete %zu item from the library? This cannot be undone.",
	                   "Delete %zu items from the library? This cannot be undone.", n), n);
	batch_ask(a, ids, names, n, backup_offer, head);
	free(head);
}

void
ui_batch_delete_folder(struct app *a, char **ids, char **names, size_t n, const char *folder,
                       int64_t bytes)
{
	char size[32];
	mt_format_size(bytes, size, sizeof size);
	char *where = mt_sanitize(folder);
	char *head = xasprintf(P_("Delete the %zu item directly in %s (%s; its subfolders stay) from the library? This cannot be undone.",
	                          "Delete all %zu items directly in %s (%s; its subfolders stay) from the library? This cannot be undone.",
	                          n),
	                       n, where, size);
	free(where);
	batch_ask(a, ids, names, n, true, head);
	free(head);
}

void
ui_batch_move(struct app *a, char **ids, char **names, size_t n, const char *folder)
{
	if (batch_refused(a)) {
		mt_strv_free(ids, n);
		mt_strv_free(names, n);
		return;
	}
	struct batch *b = xcalloc(1, sizeof *b);
	b->a = a;
	b->move = true;
	b->ids = ids;
	b->names = names;
	b->n = n;
	b->folder = xstrdup(folder);
	batch_go(b);
}

/* ---- stopping: Esc while a batch runs, the quit question, the end ---- */

static void
stop_answer(struct app *a, int choice, void *arg)
{
	(void)arg;
	struct batch *b = a->batch;
	if (b == NULL || b->stopping)   /* it ended while the question stood */
		return;
	if (choice != 'y') {
		ui_message(a, R_NORMAL, b->move ? _("the move goes on (Esc stops it)")
		                                : _("the delete goes on (Esc stops it)"));
		return;
	}
	ui_batch_stop(a);
	snprintf(b->line, sizeof b->line, "%s", _("stopping after the item under way\xe2\x80\xa6"));
	ui_message(a, R_NORMAL, "%s", b->line);
}

bool
ui_batch_stop_ask(struct app *a)
{
	struct batch *b = a->batch;
	if (b == NULL || b->ended)
		return false;
	if (b->stopping) {
		ui_message(a, R_NORMAL, _("stopping after the item under way\xe2\x80\xa6"));
		return true;
	}
	size_t done = (size_t)(b->ok + b->gone + b->failed);
	char *body = xasprintf(b->move ? _("Stop the move after the item under way? %zu of %zu done.\n"
	                                   "The items not started stay where they are.\n\n"
	                                   "y: stop   n: go on")
	                               : _("Stop the delete after the item under way? %zu of %zu done.\n"
	                                   "The items not started stay in the library.\n\n"
	                                   "y: stop   n: go on"),
	                       done, b->n);
	ui_confirm(a, _("Stop"), body, "yn", stop_answer, NULL);
	ui_confirm_keys_told(a);
	free(body);
	return true;
}

char *
ui_batch_quit_line(const struct app *a)
{
	const struct batch *b = a->batch;
	if (b == NULL || b->ended)
		return NULL;
	size_t done = (size_t)(b->ok + b->gone + b->failed);
	return xasprintf(b->move ? _("A move is running (%zu of %zu done): it stops after the item under way.\n")
	                         : _("A delete is running (%zu of %zu done): it stops after the item under way.\n"),
	                 done, b->n);
}

void
ui_batch_stop(struct app *a)
{
	struct batch *b = a->batch;
	if (b == NULL || b->stopping || b->ended || b->op == NULL)
		return;
	b->stopping = true;
	mt_batch_stop(b->op);
}

bool
ui_batch_busy(const struct app *a)
{
	return a->batch && !a->batch->ended;
}

void
ui_batch_report(struct app *a)
{
	struct batch *b = a->batch;
	if (b == NULL)
		return;
	bool cut = !b->ended;   /* the item under way had no answer in time */
	if (cut && b->op)
		mt_batch_cancel(b->op);   /* no callback of it follows */
	size_t done = (size_t)(b->ok + b->gone + b->failed);
	size_t left = cut ? b->n - done : b->left;
	char *e = mt_sanitize(b->nfails ? b->fails[0] : "");
	char *where = mt_sanitize(b->move ? b->folder : b->backup_dir ? b->backup_dir : "");
	if (b->move)
		fprintf(stderr, _("%s: moved %d of %zu to %s\n"), PACKAGE_NAME, b->ok, b->n, where);
	else if (b->backup_dir)
		fprintf(stderr, _("%s: deleted %d of %zu; originals in %s\n"), PACKAGE_NAME,
		        b->ok + b->gone, b->n, where);
	else
		fprintf(stderr, _("%s: deleted %d of %zu\n"), PACKAGE_NAME, b->ok + b->gone, b->n);
	if (b->failed)
		fprintf(stderr, P_("%s: %d failed: %s\n", "%s: %d failed: %s\n", (unsigned long)b->failed),
		        PACKAGE_NAME, b->failed, e);
	for (size_t i = 1; i < b->nfails; i++) {   /* every failure, each on its line */
		char *more = mt_sanitize(b->fails[i]);
		fprintf(stderr, "%s: %s\n", PACKAGE_NAME, more);
		free(more);
	}
	if (cut)
		fprintf(stderr, _("%s: the answer about item %zu of %zu had not come when the program ended: "
		                  "the server may have done it\n"), PACKAGE_NAME, done + 1, b->n);
	if (left > (cut ? 1u : 0u))
		fprintf(stderr, P_("%s: %zu left untouched\n", "%s: %zu left untouched\n",
		                   (unsigned long)(left - (cut ? 1u : 0u))),
		        PACKAGE_NAME, left - (cut ? 1u : 0u));
	free(e);
	free(where);
	batch_end(b);
}

/* ---- one folder ---- */

enum { RQ_FOLDER_GONE = 201 };

static void
on_folder_deleted(const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	char *path = xstrdup(q->s);
	if (!ui_req_done(q)) {
		free(path);
		return;
	}
	if (err) {
		ui_error(a, _("deleting the folder"), err);
	} else {
		char *p = mt_sanitize(path);
		ui_message(a, R_GOOD, _("folder %s deleted"), p);
		free(p);
		ui_post(a, &(struct ui_event){ UI_EV_FOLDERS_CHANGED, .id = path });
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
		struct ui_req *q = ui_req_new(a, NULL, RQ_FOLDER_GONE, path);
		if (mt_op_folder_delete(&a->site, path, on_folder_deleted, q, &err) == NULL) {
			ui_req_done(q);
			ui_error(a, _("deleting the folder"), &err);
		}
	}
	free(path);
}

void
ui_folder_delete(struct app *a, const char *path)
{
	if (!mt_site_can(&a->site, MT_CAP_FOLDERS, true)) {
		ui_message(a, R_WARN, _("this profile cannot manage folders"));
		return;
	}
	char *body = xasprintf(_("Delete the folder %s?\nThe server refuses folders that are not empty."),
	                       path);
	ui_confirm(a, _("Delete folder"), body, "yn", folder_delete_answer, xstrdup(path));
	free(body);
}
