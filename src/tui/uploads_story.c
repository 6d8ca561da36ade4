/* uploads_story.c — the words of one upload: its state in a row, its
 * reason without the path the row already names, and its whole story (Enter
 * on its row): every line whole, wrapped, and what can be done about a
 * failure, by its cause. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sanitize.h"
#include "siteop.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

const char *
uploads_state_word(const struct app *a, const struct mt_upload_job *job)
{
	if (mt_upload_queue_paused(job->queue) && !mt_job_state_final(job->state))
		return _("paused");
	/* the try that comes is counted once, in the note beside it (core's
	 * words): "retrying 1" here read as a second count */
	if (job->attempt > 0 && !mt_job_state_final(job->state))
		return _("retrying");
	if (mt_upload_job_waiting_turn(job))
		/* TRANSLATORS: an upload's state: ready to send, waiting for the
		 * files before it (-j at a time); at most 11 cells */
		return _("waiting");
	switch (job->state) {
	case MT_JOB_QUEUED: return _("queued");
	case MT_JOB_CHECKING: return _("checking");
	case MT_JOB_HASHING: return _("hashing");
	case MT_JOB_STARTING:
		return strcmp(mt_site_api(&a->site), "adclear") == 0 || job->use_multipart
		       ? _("starting") : _("presigning");
	case MT_JOB_UPLOADING:
		/* TRANSLATORS: an upload's state: every byte has left, the server's
		 * answer has not come; at most 11 cells */
		return mt_upload_job_awaiting_answer(job) ? _("sent") : _("uploading");
	case MT_JOB_CONFIRMING: return _("confirming");
	case MT_JOB_VERIFYING: return _("verifying");
	case MT_JOB_DONE: return _("done");
	case MT_JOB_SKIPPED: return _("skipped");
	case MT_JOB_FAILED: return _("failed");
	case MT_JOB_CANCELLED: return _("cancelled");
	}
	return "?";
}

/* Core's message for a file refused by its checks begins with the file's
 * path ("PATH: reason"); the row and the details name the file apart, so
 * what they show starts with the reason. */
const char *
uploads_reason_of(const struct mt_upload_job *job, const char *msg)
{
	size_t pl = strlen(job->path);
	if (strncmp(msg, job->path, pl) == 0 && msg[pl] == ':' && msg[pl + 1] == ' ')
		return msg + pl + 2;
	return msg;
}

const char *
uploads_cancel_note(const struct mt_upload_job *job)
{
	if (job->state != MT_JOB_CANCELLED || mt_upload_job_error(job)->kind != MT_ERR_CANCELLED)
		return NULL;
	/* core cancels only a file none of which has reached the server (x on
	 * one already sent is refused): the state word says "cancelled", the
	 * note what that means, as x said it */
	return _("none of it is in the library");
}

bool
uploads_retry_note(const struct mt_upload_job *job, char *buf, size_t len)
{
	struct mt_upload_wait w;
	buf[0] = '\0';
	if (!mt_upload_job_retry_wait(job, &w))
		return false;
	mt_upload_wait_text(&w, buf, len);
	return true;
}

/* What the details say can be done about a failure, by its cause. */
static const char *
cause_text(enum mt_upload_cause c)
{
	switch (c) {
	case MT_UPLOAD_MAY_PASS:
		return _("This failure may pass: R retries it.");
	case MT_UPLOAD_FULL:
		return _("The library's storage is full: free space, then R retries it.");
	case MT_UPLOAD_REFUSED_HERE:
		return _("Refused before sending: nothing of it left; R does not retry it. Change the file or the settings first.");
	case MT_UPLOAD_REFUSED:
		break;
	}
	return _("Refused for good: R does not retry it; change the file or the settings first.");
}

struct lines {
	char **v;
	size_t n, cap;
};

static void
lines_add(struct lines *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = s;
}

/* Adds "label value" cut into lines of at most `width` columns, at spaces
 * where it can; the value is sanitised first, so widths are what shows. */
static void
lines_wrap(struct lines *l, const char *label, const char *value, int width)
{
	char *clean = mt_sanitize(value ? value : "");
	char *text = label ? xasprintf("%s %s", label, clean) : xstrdup(clean);
	free(clean);
	const char *p = text;
	bool first = true;
	while (first || *p) {
		const char *indent = first ? "" : "  ";
		int room = width - (int)strlen(indent);
		if (room < 8)
			room = 8;
		/* the longest prefix that fits, ending at a space when one is there */
		size_t len = 0, at_space = 0, i = 0;
		while (p[i]) {
			unsigned cp;
			size_t k = mt_utf8_decode(p + i, strlen(p + i), &cp);
			if (k == 0)
				k = 1;
			char *pre = xstrndup(p, i + k);
			int w = mt_text_width(pre);
			free(pre);
			if (w > room)
				break;
			i += k;
			len = i;
			if (p[i] == ' ')
				at_space = i;
		}
		if (p[len] && at_space > 0)
			len = at_space;
		if (len == 0 && *p)
			len = 1;
		lines_add(l, xasprintf("%s%.*s", indent, (int)len, p));
		p += len;
		while (*p == ' ')
			p++;
		first = false;
	}
	free(text);
}

static void
story_closed(struct app *a, int index, const char *text, void *arg)
{
	(void)a;
	(void)index;
	(void)text;
	(void)arg;
}

void
uploads_show_story(struct app *a, struct mt_upload_job *job)
{
	int width = (a->cols - 4 < 70 ? a->cols - 4 : 70) - 4;
	if (width < 20)
		width = 20;
	struct lines l = { 0 };
	char num[32], buf2[400];
	lines_wrap(&l, _("File:"), job->path, width);
	lines_wrap(&l, _("Sent as:"), job->name, width);
	lines_wrap(&l, _("Folder:"), job->folder ? job->folder : "/", width);
	lines_wrap(&l, _("State:"), uploads_state_word(a, job), width);
	if (mt_upload_job_awaiting_answer(job))
		lines_wrap(&l, NULL, _("Every byte has left; the server has not answered yet."), width);
	if (uploads_cancel_note(job)) {
		lines_wrap(&l, _("Note:"), uploads_cancel_note(job), width);
	} else if (job->state == MT_JOB_FAILED || job->state == MT_JOB_CANCELLED) {
		const struct mt_error *jerr = mt_upload_job_error(job);
		lines_wrap(&l, _("Reason:"), jerr->message[0] ? uploads_reason_of(job, jerr->message) : _("unknown error"),
		           width);
		if (jerr->http_status) {
			snprintf(num, sizeof num, "%ld", jerr->http_status);
			lines_wrap(&l, _("HTTP status:"), num, width);
		}
		if (jerr->code[0])
			lines_wrap(&l, _("Server code:"), jerr->code, width);
		if (jerr->correlation_id[0])
			lines_wrap(&l, _("Correlation id:"), jerr->correlation_id, width);
		if (job->state == MT_JOB_FAILED)
			lines_wrap(&l, NULL, cause_text(mt_upload_job_cause(job)), width);
	} else if (job->state == MT_JOB_SKIPPED && job->why_skipped[0]) {
		lines_wrap(&l, _("Reason:"), job->why_skipped, width);
	} else if (uploads_retry_note(job, buf2, sizeof buf2)) {
		lines_wrap(&l, _("Waiting:"), buf2, width);
	} else if (job->retry_reason[0]) {
		lines_wrap(&l, _("Last retry:"), job->retry_reason, width);
	}
	if (job->state == MT_JOB_DONE && job->why_sent[0])
		lines_wrap(&l, _("Note:"), job->why_sent, width);
	if (job->changed_after_sent)
		lines_wrap(&l, _("Note:"), _("the file changed after it was sent; the server has it as it was read"),
		           width);
	if (job->remote_id)
		lines_wrap(&l, _("Remote id:"), job->remote_id, width);
	if (job->remote_url)
		lines_wrap(&l, _("Remote URL:"), job->remote_url, width);
	char *title = mt_sanitize(job->name);
	char *t = xasprintf(_("%s (Esc closes)"), title);
	ui_pick(a, t, l.v, l.n, 0, story_closed, NULL);
	ui_pick_read_only(a);
	free(t);
	free(title);
	mt_strv_free(l.v, l.n);
}
