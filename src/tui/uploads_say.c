/* uploads_say.c — what the upload panel says and asks about a cancel, a
 * retry and a batch's end, from what core decided and counted: a cancel
 * that came too late for a file already sent says where the file is; X asks
 * before it cancels more than one; R offers to send the cancelled files
 * again; the end of a batch counts that batch alone (core's run), what it
 * skipped and cancelled apart from what it sent, and words its failures by
 * what can be done (R for what may pass, Enter for a refusal). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sanitize.h"
#include "ui.h"
#include "xalloc.h"

/* This file's own state: a batch's end that came while the panel was
 * saying what started it (a batch whose files were all there ends inside
 * its own start; a cancel of all ends inside the cancel) waits until that
 * has been said, so the log reads in the order things happened. */
static struct {
	int hold;
	bool due;
	bool *follow;   /* the panel's, while R's question is open */
} say;

void
uploads_say_hold(struct app *a, struct mt_upload_queue *q, bool on)
{
	if (on) {
		say.hold++;
		return;
	}
	if (say.hold > 0 && --say.hold == 0 && say.due) {
		say.due = false;
		uploads_say_finished(a, q);
	}
}

void
uploads_say_cancel(struct app *a, struct mt_upload_job *job)
{
	enum mt_job_state was = job->state;
	enum mt_upload_cancel r = mt_upload_job_cancel(job);
	char *name = mt_sanitize(job->name);
	if (r == MT_UPLOAD_CANCELLED) {
		ui_message(a, R_NORMAL, _("%s cancelled: none of it is in the library"), name);
	} else if (r == MT_UPLOAD_ENDED) {
		ui_message(a, R_NORMAL, _("%s is finished (%s); nothing to cancel"), name,
		           was == MT_JOB_DONE ? _("done")
		           : was == MT_JOB_FAILED ? _("failed")
		           : was == MT_JOB_SKIPPED ? _("skipped") : _("cancelled"));
	} else if (mt_upload_job_landing_id(job)) {
		char *id = mt_sanitize(mt_upload_job_landing_id(job));
		ui_message(a, R_WARN, _("%s is already sent: it is on the server as %s, so it is not cancelled"),
		           name, id);
		free(id);
	} else {
		ui_message(a, R_WARN,
		           _("%s is already sent: the server is storing it, so it is not cancelled (its row shows the id once the server answers)"),
		           name);
	}
	free(name);
}

static void
cancel_all_now(struct app *a, struct mt_upload_queue *q)
{
	int landing = 0;
	uploads_say_hold(a, q, true);
	int n = mt_upload_queue_cancel(q, &landing);
	if (landing)
		ui_message(a, R_WARN, P_("cancelled %d upload; already sent, so not cancelled: %d (they land on the server)",
		                         "cancelled %d uploads; already sent, so not cancelled: %d (they land on the server)",
		                         (unsigned long)n), n, landing);
	else
		ui_message(a, R_NORMAL, P_("cancelled %d upload", "cancelled %d uploads", (unsigned long)n), n);
	uploads_say_hold(a, q, false);
}

static void
cancel_all_answer(struct app *a, int choice, void *arg)
{
	struct mt_upload_queue *q = arg;
	if (choice == 'y')
		cancel_all_now(a, q);
	else
		ui_message(a, R_NORMAL, _("nothing cancelled: the uploads go on"));
}

/* The names of the jobs in `state` (any unfinished one a cancel can still
 * stop, for MT_JOB_QUEUED), sanitised; *n gets how many. */
static char **
names_of(struct mt_upload_queue *q, enum mt_job_state state, size_t *n)
{
	int count = mt_upload_queue_count(q);
	char **v = xcalloc(count > 0 ? (size_t)count : 1, sizeof *v);
	*n = 0;
	for (int i = 0; i < count; i++) {
		const struct mt_upload_job *job = mt_upload_queue_job(q, i);
		bool want = state == MT_JOB_QUEUED
		            ? !mt_job_state_final(job->state) && !mt_upload_job_landing(job)
		            : job->state == state &&
		                      (state != MT_JOB_CANCELLED || job->resend == MT_RESEND_ASKING);
		if (want)
			v[(*n)++] = mt_sanitize(job->name);
	}
	return v;
}

void
uploads_say_cancel_all(struct app *a, struct mt_upload_queue *q)
{
	struct mt_upload_tally t;
	mt_upload_queue_tally(q, MT_UPLOAD_ALL, &t);
	int stoppable = t.active - t.landing;
	if (stoppable <= 1) {   /* one file, or none: as x, no question */
		cancel_all_now(a, q);
		return;
	}
	char *head = t.landing
	             ? xasprintf(P_("Cancel %d uploads? %d is already sent and will land anyway.",
	                            "Cancel %d uploads? %d are already sent and will land anyway.",
	                            (unsigned long)t.landing), stoppable, t.landing)
	             : xasprintf(_("Cancel %d uploads?"), stoppable);
	size_t n;
	char **names = names_of(q, MT_JOB_QUEUED, &n);
	ui_confirm_list(a, _("Cancel uploads"), head, names, n,
	                _("\ny: cancel them (R sends them again)   n: let them go on"), "yn",
	                cancel_all_answer, q);
	ui_confirm_keys_told(a);
	mt_strv_free(names, n);
	free(head);
}

/* ---- R: the failures that may pass, and the cancelled files if asked ---- */

static void
say_retried(struct app *a, int failed, int cancelled, int refused)
{
	int k = failed + cancelled;
	if (cancelled == 0 && refused == 0)
		ui_message(a, R_NORMAL, P_("retrying %d upload", "retrying %d uploads", (unsigned long)k), k);
	else if (k == 0)
		ui_message(a, R_WARN, P_("nothing retried: %d upload was refused for good (Enter shows why)",
		                         "nothing retried: %d uploads were refused for good (Enter shows why)",
		                         (unsigned long)refused), refused);
	else if (cancelled == 0)
		ui_message(a, R_WARN, P_("retrying %d upload; not retried, refused for good: %d (Enter shows why)",
		                         "retrying %d uploads; not retried, refused for good: %d (Enter shows why)",
		                         (unsigned long)k), k, refused);
	else if (failed == 0 && refused == 0)
		ui_message(a, R_NORMAL, P_("sending %d cancelled upload again",
		                           "sending %d cancelled uploads again", (unsigned long)k), k);
	else if (refused == 0)
		ui_message(a, R_NORMAL, P_("retrying %d upload: %d failed, %d cancelled",
		                           "retrying %d uploads: %d failed, %d cancelled",
		                           (unsigned long)k), k, failed, cancelled);
	else
		ui_message(a, R_WARN, P_("retrying %d upload: %d failed, %d cancelled; not retried, refused for good: %d (Enter shows why)",
		                         "retrying %d uploads: %d failed, %d cancelled; not retried, refused for good: %d (Enter shows why)",
		                         (unsigned long)k), k, failed, cancelled, refused);
}

/* Retries what may pass and, when `cancelled_too`, the cancelled files
 * asked about; the cursor follows the rows that run again. */
static void
retry_now(struct app *a, struct mt_upload_queue *q, bool cancelled_too, bool *follow)
{
	int refused = 0;
	uploads_say_hold(a, q, true);
	int c = mt_upload_queue_answer_cancelled(q, cancelled_too);
	int k = mt_upload_queue_retry_failed(q, &refused);
	mt_upload_queue_start(q);
	if (k + c)
		*follow = true;
	say_retried(a, k, c, refused);
	uploads_say_hold(a, q, false);
	ui_dirty(a);
}

static void
retry_answer(struct app *a, int choice, void *arg)
{
	struct mt_upload_queue *q = arg;
	if (choice == 'y' || choice == 'f') {
		retry_now(a, q, choice == 'y', say.follow);
		return;
	}
	/* n (or Esc): answered too; these files are not asked about again */
	mt_upload_queue_answer_cancelled(q, false);
	struct mt_upload_tally t;
	mt_upload_queue_tally(q, MT_UPLOAD_ALL, &t);
	if (t.refused > 0 && t.retryable + t.full == 0)
		say_retried(a, 0, 0, t.refused);   /* what R alone would have said */
	else
		ui_message(a, R_NORMAL, _("nothing sent again: the cancelled uploads stay (c clears them)"));
}

void
uploads_say_retry(struct app *a, struct mt_upload_queue *q, bool *follow)
{
	struct mt_upload_tally t;
	mt_upload_queue_tally(q, MT_UPLOAD_ALL, &t);
	int again = t.retryable + t.full;
	/* core asks about each cancelled file once: one answered is not asked again */
	int c = mt_upload_queue_ask_cancelled(q);
	if (c == 0 && again + t.refused + t.cancelled == 0) {
		ui_message(a, R_NORMAL, "%s", _("nothing to retry: no upload failed or was cancelled"));
		return;
	}
	if (c == 0 && again + t.refused == 0 && t.cancelled > 0) {
		ui_message(a, R_NORMAL, _("nothing sent again: the cancelled uploads stay (c clears them)"));
		return;
	}
	if (c == 0) {
		retry_now(a, q, false, follow);
		return;
	}
	say.follow = follow;
	size_t n;
	char **names = names_of(q, MT_JOB_CANCELLED, &n);
	/* the user has just pressed R: the question says what it does */
	char *head;
	if (again) {
		char *retry = xasprintf(P_("Retry the %d failed upload.", "Retry the %d failed uploads.",
		                           (unsigned long)again), again);
		char *also = xasprintf(P_("Also send the %d cancelled one again?",
		                          "Also send the %d cancelled ones again?", (unsigned long)c), c);
		/* TRANSLATORS: R's question: "Retry the 2 failed uploads." and
		 * "Also send the 1 cancelled one again?" */
		head = xasprintf(_("%s %s"), retry, also);
		free(retry);
		free(also);
	} else {
		head = xasprintf(P_("Send the %d cancelled upload again?", "Send the %d cancelled uploads again?",
		                    (unsigned long)c), c);
	}
	ui_confirm_list(a, _("Send again"), head, names, n,
	                again ? _("\ny: both   f: only the failures   n: neither")
	                      : _("\ny: send them again   n: leave them cancelled"),
	                again ? "yfn" : "yn", retry_answer, q);
	ui_confirm_keys_told(a);
	mt_strv_free(names, n);
	free(head);
}

/* ---- the end of a batch ---- */

/* Appends one part of the summary to `out`, after a comma when it is not
 * the first. */
static void
add_part(char *out, size_t outlen, const char *part)
{
	if (out[0] == '\0') {
		snprintf(out, outlen, "%s", part);
		return;
	}
	char *was = xstrdup(out);
	/* TRANSLATORS: the parts of an upload batch's summary, one after another */
	snprintf(out, outlen, _("%s, %s"), was, part);
	free(was);
}

void
uploads_say_finished(struct app *a, struct mt_upload_queue *q)
{
	if (say.hold) {
		say.due = true;
		return;
	}
	struct mt_upload_tally t;
	mt_upload_queue_tally(q, MT_UPLOAD_RUN, &t);
	char text[1024], part[400];
	enum ui_role role = t.failed ? R_ERROR : t.cancelled ? R_NORMAL : R_GOOD;
	if (t.done == 0 && t.cancelled == 0 && t.failed == 0 && t.skipped > 0) {
		/* every file was there already: it is not "done", nothing went */
		char *f = t.folder ? mt_sanitize(t.folder) : NULL;
		if (f)
			snprintf(text, sizeof text, P_("nothing sent: %d already in %s",
			                               "nothing sent: %d already in %s",
			                               (unsigned long)t.skipped), t.skipped, f);
		else
			snprintf(text, sizeof text, P_("nothing sent: %d already on the server",
			                               "nothing sent: %d already on the server",
			                               (unsigned long)t.skipped), t.skipped);
		free(f);
	} else {
		char parts[800] = "";
		if (t.done > 0 || (t.skipped == 0 && t.cancelled == 0 && t.failed == 0)) {
			snprintf(part, sizeof part, P_("%d done", "%d done", (unsigned long)t.done), t.done);
			add_part(parts, sizeof parts, part);
		}
		if (t.skipped > 0) {
			snprintf(part, sizeof part, P_("%d already there", "%d already there",
			                               (unsigned long)t.skipped), t.skipped);
			add_part(parts, sizeof parts, part);
		}
		if (t.cancelled > 0) {
			snprintf(part, sizeof part, P_("%d cancelled", "%d cancelled",
			                               (unsigned long)t.cancelled), t.cancelled);
			add_part(parts, sizeof parts, part);
		}
		/* the server's refusals and the failures that may pass; a full
		 * storage and the files refused before sending are said apart */
		int by_server = t.refused - t.refused_here;
		int failed = t.retryable + by_server;
		if (failed > 0 && by_server == 0)
			snprintf(part, sizeof part, P_("%d failed (R retries)", "%d failed (R retries)",
			                               (unsigned long)failed), failed);
		else if (failed > 0 && t.retryable == 0)
			/* a retry cannot change the server's mind: R is no help here */
			snprintf(part, sizeof part, P_("%d refused by the server or its limits (Enter on the row shows why)",
			                               "%d refused by the server or its limits (Enter on a row shows why)",
			                               (unsigned long)by_server), by_server);
		else if (failed > 0)
			snprintf(part, sizeof part, P_("%d failed: %d may pass (R retries), %d refused (Enter on a row shows why)",
			                               "%d failed: %d may pass (R retries), %d refused (Enter on a row shows why)",
			                               (unsigned long)failed), failed, t.retryable, by_server);
		if (failed > 0)
			add_part(parts, sizeof parts, part);
		if (t.refused_here > 0) {
			snprintf(part, sizeof part, P_("%d refused before sending (Enter on the row shows why)",
			                               "%d refused before sending (Enter on a row shows why)",
			                               (unsigned long)t.refused_here), t.refused_here);
			add_part(parts, sizeof parts, part);
		}
		if (t.full > 0) {
			/* one cause, said once: no file passes until space is freed */
			snprintf(part, sizeof part, P_("the library's storage is full: %d file not uploaded (free space, then R)",
			                               "the library's storage is full: %d files not uploaded (free space, then R)",
			                               (unsigned long)t.full), t.full);
			add_part(parts, sizeof parts, part);
		}
		snprintf(text, sizeof text, _("uploads finished: %s"), parts);
	}
	if (t.earlier_failed > 0) {
		char *was = xstrdup(text);
		snprintf(text, sizeof text, P_("%s; %d earlier failure still in the panel",
		                               "%s; %d earlier failures still in the panel",
		                               (unsigned long)t.earlier_failed), was, t.earlier_failed);
		free(was);
	}
	ui_message(a, role, "%s", text);
}
