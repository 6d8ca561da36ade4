/* uploads_say.c — what the upload panel says about a cancel and a batch's
 * end, from what core decided: a cancel that came too late for a file
 * already sent says where the file is, and the end of a batch words its
 * failures by what can be done (R for what may pass, Enter for a refusal). */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "sanitize.h"
#include "ui.h"

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

void
uploads_say_cancel_all(struct app *a, struct mt_upload_queue *q)
{
	int landing = 0;
	int n = mt_upload_queue_cancel(q, &landing);
	if (landing)
		ui_message(a, R_WARN, P_("cancelled %d upload; already sent, so not cancelled: %d (they land on the server)",
		                         "cancelled %d uploads; already sent, so not cancelled: %d (they land on the server)",
		                         (unsigned long)n), n, landing);
	else
		ui_message(a, R_NORMAL, P_("cancelled %d upload", "cancelled %d uploads", (unsigned long)n), n);
}

void
uploads_say_finished(struct app *a, struct mt_upload_queue *q)
{
	int n = mt_upload_queue_count(q), ok = 0, passing = 0, refused = 0;
	for (int i = 0; i < n; i++) {
		enum mt_job_state s = mt_upload_queue_job(q, i)->state;
		ok += s == MT_JOB_DONE || s == MT_JOB_SKIPPED;
	}
	mt_upload_queue_failures(q, &passing, &refused);
	int failed = passing + refused;
	if (failed == 0)
		ui_message(a, R_GOOD, _("uploads finished: %d done"), ok);
	else if (refused == 0)
		ui_message(a, R_ERROR, P_("uploads finished: %d done, %d failed (R retries)",
		                          "uploads finished: %d done, %d failed (R retries)",
		                          (unsigned long)failed), ok, failed);
	else if (passing == 0)
		/* a retry cannot change the server's mind: R is no help here */
		ui_message(a, R_ERROR, P_("uploads finished: %d done, %d refused by the server or its limits (Enter on the row shows why)",
		                          "uploads finished: %d done, %d refused by the server or its limits (Enter on a row shows why)",
		                          (unsigned long)refused), ok, refused);
	else
		ui_message(a, R_ERROR, P_("uploads finished: %d done, %d failed: %d may pass (R retries), %d refused (Enter on a row shows why)",
		                          "uploads finished: %d done, %d failed: %d may pass (R retries), %d refused (Enter on a row shows why)",
		                          (unsigned long)failed), ok, failed, passing, refused);
}
