/* auditview.c — the audit view over the scan: findings by kind, the
 * alt-text queue (a picture, a prompt, Enter, the next one), duplicates
 * deleted with the usual confirmation, and a limit to one folder; o
 * changes the oversized threshold (audit_large.c). c asks for the content
 * check (scan_content.c); its groups are a second page
 * (content_view.c), Tab goes between the two.
 *
 * The findings are the scan's and stay live (scan.c); this file keeps only
 * where the cursor is, the folder limit and the queue. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "i18n.h"
#include "sanitize.h"
#include "siteop.h"
#include "audit_state.h"
#include "scan_state.h"
#include "ui.h"
#include "xalloc.h"

/* An item's alt text as the editor typed it. */
struct alt_text {
	char *id, *text;
	char *said;                 /* saving: its latest retry as the status line said it */
	uint64_t said_seq;          /* which retry said came last */
};

/* the view's own state */
static struct audit_state {
	struct alt_text *saving;    /* alt text sent, answer not in yet: the queue skips them */
	size_t nsaving;
	struct alt_text *kept;      /* alt text the server refused: offered again, never lost */
	size_t nkept;
	bool queue;                 /* the alt-text queue is on */
	char *prompt_id;            /* the alt prompt's own arg (the item it asks about);
	                               valid while ui_prompt_open_with says so */
	/* the queue's images in the audit's order when it started, and the one
	 * it is at: positions move as images get their text (here or
	 * elsewhere), this order does not */
	char **order;
	size_t norder, at;
	bool heading_first;         /* after ] or [: scroll the kind's heading to the top */
	bool content;               /* the content check's page is shown */
	uint64_t said_seq;          /* retries said so far */
} st;


void
audit_view_draw(struct app *a)
{
	struct scan *s = a->scan;
	char *title = audit_at.folder ? xasprintf(_("Audit of %s  (f: whole library)"), audit_at.folder)
	                        : xstrdup(_("Audit"));
	int y = scan_draw_header(a, 1, title);
	free(title);
	if (st.content) {
		content_view_draw(a, y, audit_at.folder);
		return;
	}
	if (!s->done) {
		if (!s->running && !s->err[0])
			ui_put_text(stdscr, y, 1, _("r starts a scan"), a->cols - 2, false);
		return;
	}
	audit_draw_findings(a, y, &st.heading_first);
}

/* -- alt text, one item or the queue of every image without it -- */

static struct alt_text *
alt_find(struct alt_text *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

static void
alt_add(struct alt_text **v, size_t *n, const char *id, char *text)
{
	struct alt_text *t = alt_find(*v, *n, id);
	if (t == NULL) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		t = &(*v)[(*n)++];
		t->id = xstrdup(id);
		t->said = NULL;
		t->said_seq = 0;
	} else
		free(t->text);
	t->text = text;
}

/* Takes the entry of id out of the list; returns its text (the caller's). */
static char *
alt_take(struct alt_text **v, size_t *n, const char *id)
{
	struct alt_text *t = alt_find(*v, *n, id);
	if (t == NULL)
		return NULL;
	char *text = t->text;
	free(t->id);
	free(t->said);
	*t = (*v)[--*n];
	if (*n == 0) {
		free(*v);
		*v = NULL;
	}
	return text;
}

static bool
is_saving(const char *id)
{
	return alt_find(st.saving, st.nsaving, id) != NULL;
}

static const char *
kept_text(const char *id)
{
	const struct alt_text *t = alt_find(st.kept, st.nkept, id);
	return t ? t->text : NULL;
}

static const char *
finding_name(struct app *a, const char *id)
{
	const struct mt_audit *au = &a->scan->audit;
	for (size_t i = 0; i < au->nfindings; i++)
		if (au->findings[i].id && strcmp(au->findings[i].id, id) == 0)
			return au->findings[i].filename ? au->findings[i].filename : id;
	return id;
}

/* The saves still waiting keep the status line telling them: the latest
 * retry said of one still waiting stands there whenever no message is
 * shown, so that another save's outcome, said over it, does not leave it
 * waiting with nothing said. */
static void
alt_standing(struct app *a)
{
	const struct alt_text *latest = NULL;
	for (size_t i = 0; i < st.nsaving; i++)
		if (st.saving[i].said && (latest == NULL || st.saving[i].said_seq > latest->said_seq))
			latest = &st.saving[i];
	ui_message_standing(a, latest ? latest->said : NULL);
}

/* The position of the finding of this kind about item id, or -1. */
static long
finding_pos(struct app *a, const char *id, enum mt_finding_kind kind)
{
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	long pos = -1;
	for (size_t i = 0; i < n && pos < 0; i++) {
		const struct mt_finding *f = &a->scan->audit.findings[idx[i]];
		if (f->kind == kind && f->id && strcmp(f->id, id) == 0)
			pos = (long)i;
	}
	free(idx);
	return pos;
}

/* A save's answer takes its finding out, most often one above the cursor
 * (the queue is at the next image by then, or stopped there): the cursor
 * keeps to its finding, or `a` would start past the image the queue
 * stopped at. Its own finding gone, it stays at its place. */
static void
post_keeping_cursor(struct app *a, const struct ui_event *ev)
{
	const struct mt_finding *f = audit_finding_at(a, audit_at.cur);
	char *id = f && f->id ? xstrdup(f->id) : NULL;
	enum mt_finding_kind kind = f ? f->kind : MT_FIND_MISSING_ALT;
	ui_post(a, ev);
	long pos = id ? finding_pos(a, id, kind) : -1;
	if (pos >= 0)
		audit_at.cur = (size_t)pos;
	free(id);
}

/* The server no longer has the item the save was for (core's verdict:
 * deleted elsewhere): nothing is kept to offer again and no draft stays;
 * what was typed goes to the message log, as the details do with theirs,
 * and the item leaves the audit and every list as a deleted one. */
static void
alt_save_gone(struct app *a, const char *id, const char *text)
{
	ui_draft_alt(a, id, NULL, NULL);
	char *name = mt_sanitize(finding_name(a, id));
	if (text && *text)
		ui_message_log(a, R_WARN, _("typed for %s (deleted elsewhere), not saved: %s \"%s\""), name,
		               _("alt text"), text);
	ui_message(a, R_WARN, _("alt text for %s not saved: the item is no longer on the server "
	                        "(deleted elsewhere); what you typed goes to the message log (M)"),
	           name);
	free(name);
	char *gone = xstrdup(id);
	post_keeping_cursor(a, &(struct ui_event){ UI_EV_ITEM_DELETED, .id = gone });
	free(gone);
}

/* A refused save keeps the text as typed: the queue offers the item again
 * first, with it, and `a` on the item starts from it. An item gone from
 * the server is not refused: it has nothing to save to. */
static void
on_alt_saved(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	char *id = xstrdup(q->s);
	bool live = ui_req_done(q);
	char *text = alt_take(&st.saving, &st.nsaving, id);
	bool gone = mt_op_item_gone(err);
	if (gone && live) {
		alt_save_gone(a, id, text);
		free(text);
		alt_standing(a);
		free(id);
		return;
	}
	if (!err)
		ui_draft_alt(a, id, NULL, NULL);   /* on the server now */
	if (err && text)
		alt_add(&st.kept, &st.nkept, id, text);
	else
		free(text);
	if (live && err) {
		char *what = xasprintf(st.queue ? _("alt text for %s not saved (kept; it comes next)")
		                                : _("alt text for %s not saved (kept; a tries again)"),
		                       finding_name(a, id));
		ui_error(a, what, err);
		free(what);
	} else if (live) {
		/* named: with the queue it comes while the next image's prompt is open */
		char *name = mt_sanitize(finding_name(a, id));
		if (item)
			post_keeping_cursor(a, &(struct ui_event){ UI_EV_ITEM_EDITED, .item = item });   /* the finding goes */
		ui_message_routine(a, _("alt text saved for %s"), name);
		free(name);
	}
	if (!a->closing)   /* a stale answer too: its save waits no more */
		alt_standing(a);
	free(id);
}

/* The engine tries an alt text's save again (a 5xx, a dropped link): said
 * on the status line as the details say theirs, each try counted, so that
 * a save the server keeps refusing does not read as a slow one; not kept
 * in the message log, where the save's outcome goes (core's rule). It
 * stays while the save waits, however long the wait before the next try
 * or the try itself: the outcome (on_alt_saved) says what replaces it. */
static void
on_alt_retry(const struct mt_http_retry *retry, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (a->closing)
		return;
	char *name = mt_sanitize(finding_name(a, q->s) ? finding_name(a, q->s) : q->s);
	char said[300];
	mt_op_retry_text(retry, said, sizeof said);
	/* TRANSLATORS: %2$s: "the server answered 503, trying again (2 of 6)" */
	ui_message_waiting(a, R_NORMAL, _("saving the alt text for %s\xe2\x80\xa6 %s"), name, said);
	free(name);
	struct alt_text *t = alt_find(st.saving, st.nsaving, q->s);
	if (t) {
		free(t->said);
		t->said = xstrdup(a->msg);
		t->said_seq = ++st.said_seq;
		alt_standing(a);
	}
}

static void alt_prompt(struct app *a, const struct mt_finding *f);

/* The queue of every image without alt text from the cursor on. */
static void
alt_queue_start(struct app *a)
{
	mt_strv_free(st.order, st.norder);
	st.order = NULL;
	st.norder = st.at = 0;
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	st.order = xcalloc(n ? n : 1, sizeof *st.order);
	for (size_t i = audit_at.cur; i < n; i++) {
		const struct mt_finding *f = &a->scan->audit.findings[idx[i]];
		if (f->kind == MT_FIND_MISSING_ALT && f->id)
			st.order[st.norder++] = xstrdup(f->id);
	}
	free(idx);
	st.queue = true;
}

/* The next image for the queue: first one whose text the server refused,
 * then the next of the queue's order still without alt text, not being
 * saved. */
static const struct mt_finding *
next_missing_alt(struct app *a, size_t *pos)
{
	for (size_t i = 0; st.nkept; i++) {
		const struct mt_finding *f = audit_finding_at(a, i);
		if (f == NULL)
			break;
		if (f->id && kept_text(f->id) && !is_saving(f->id)) {
			*pos = i;
			return f;
		}
	}
	for (; st.at < st.norder; st.at++) {
		long p = is_saving(st.order[st.at]) ? -1 : finding_pos(a, st.order[st.at], MT_FIND_MISSING_ALT);
		if (p >= 0) {
			*pos = (size_t)p;
			return audit_finding_at(a, (size_t)p);
		}
	}
	return NULL;
}

static void alt_queue_next(struct app *a);

static void
alt_entered(struct app *a, const char *text, void *arg)
{
	char *id = arg;
	if (id == st.prompt_id)
		st.prompt_id = NULL;
	if (text == NULL) {
		st.queue = false;   /* Esc: the details of this item stay open */
		/* what was typed stays: kept as a refused text is, offered by a */
		char *typed = ui_draft_alt_text(a, id);
		if (typed && *typed && !is_saving(id)) {
			free(alt_take(&st.kept, &st.nkept, id));
			alt_add(&st.kept, &st.nkept, id, typed);
			char *name = mt_sanitize(finding_name(a, id) ? finding_name(a, id) : id);
			ui_message(a, R_NORMAL, _("alt text for %s kept, not saved (a on it offers it again)"),
			           name);
			free(name);
		} else {
			free(typed);
		}
		free(id);
		return;
	}
	/* what was kept is now what was typed: sent again, or cleared (skipped) */
	free(alt_take(&st.kept, &st.nkept, id));
	/* kept as a draft until the server has it: a dropped link loses nothing */
	ui_draft_alt(a, id, finding_name(a, id), *text ? text : NULL);
	if (*text) {
		struct mt_media_patch p = { .alt = text };
		struct mt_op *op;
		struct mt_error err;
		mt_error_clear(&err);
		struct ui_req *q = ui_req_new(a, NULL, 0, id);
		if (!mt_site_can(&a->site, MT_CAP_EDIT, true)) {
			ui_req_done(q);
			ui_message(a, R_WARN, "%s", _("this profile cannot edit media"));
			alt_add(&st.kept, &st.nkept, id, xstrdup(text));
			st.queue = false;
		} else if ((op = mt_op_edit(&a->site, id, &p, on_alt_saved, q, &err)) == NULL) {
			ui_req_done(q);
			ui_error(a, _("setting alt text"), &err);
			alt_add(&st.kept, &st.nkept, id, xstrdup(text));
			st.queue = false;
		} else {
			mt_op_on_retry(op, on_alt_retry);
			alt_add(&st.saving, &st.nsaving, id, xstrdup(text));
		}
	} else {
		/* said, and in the log: "alt text saved for …" from the last one stayed */
		char *name = mt_sanitize(finding_name(a, id) ? finding_name(a, id) : id);
		ui_message(a, R_NORMAL, _("skipped %s: no alt text set"), name);
		free(name);
	}
	free(id);
	alt_queue_next(a);
}

/* The queue's next image, at once, past the one open. */
static void
alt_queue_next(struct app *a)
{
	if (!st.queue)
		return;
	size_t pos;
	const char *open = detail_item_id(a);
	if (open && st.at < st.norder && strcmp(open, st.order[st.at]) == 0)
		st.at++;
	const struct mt_finding *f = next_missing_alt(a, &pos);
	if (f == NULL) {
		st.queue = false;
		if (a->view == VIEW_DETAIL)
			ui_view_open(a, VIEW_AUDIT, NULL);
		ui_message(a, R_GOOD, "%s", _("no more images without alt text"));
		return;
	}
	audit_at.cur = pos;
	alt_prompt(a, f);
}

/* How many images without alt text are left, this one included. */
static size_t
missing_left(struct app *a)
{
	size_t *idx, left = 0;
	size_t n = audit_shown_findings(a, &idx);
	for (size_t i = 0; i < n; i++) {
		const struct mt_finding *f = &a->scan->audit.findings[idx[i]];
		left += f->kind == MT_FIND_MISSING_ALT && f->id && !is_saving(f->id);
	}
	free(idx);
	return left;
}

/* Ctrl+C or the end of the program with the prompt open: what was typed
 * is kept as a refused text is (offered first, asked about on quitting),
 * and as a draft for the next start. */
static void
alt_keep(struct app *a, const char *text, void *arg)
{
	char *id = arg;
	if (id == st.prompt_id)
		st.prompt_id = NULL;
	if (*text) {
		alt_add(&st.kept, &st.nkept, id, xstrdup(text));
		ui_draft_alt(a, id, finding_name(a, id), text);
	}
	st.queue = false;
	free(id);
}

/* Each key in the prompt: its text in the drafts file as typed (a kill -9
 * with the prompt open loses none of it). */
static void
alt_typing(struct app *a, const char *text, void *arg)
{
	const char *id = arg;
	ui_draft_alt_typed(a, id, finding_name(a, id), *text ? text : NULL);
}

/* The item's details with its picture, and the prompt beside it. */
static void
alt_prompt(struct app *a, const struct mt_finding *f)
{
	audit_open_finding(a, f);
	preview_enable(a, true);
	/* the title is the name alone, the count and the keys go under the
	 * text: in a half-screen box a long title cut them off */
	char *title = xasprintf(_("Alt text for %s"), f->filename ? f->filename : f->id);
	char *kept = kept_text(f->id) ? xstrdup(kept_text(f->id)) : ui_draft_alt_text(a, f->id);
	st.prompt_id = xstrdup(f->id);
	ui_prompt(a, title, kept ? kept : "", alt_entered, alt_typing, st.prompt_id);
	free(kept);
	ui_prompt_keep(a, alt_keep);
	ui_prompt_beside(a);
	free(title);
	if (st.queue) {
		size_t left = missing_left(a);
		char *hint = xasprintf(P_("Enter: accept, next (%zu left)  Esc: stop",
		                          "Enter: accept, next (%zu left)  Esc: stop", (unsigned long)left),
		                       left);
		ui_prompt_hint(a, hint);
		free(hint);
	}
}

/* The image the prompt asks about has alt text now, set elsewhere (a
 * colleague, a script), as the details' fresh read shows. Nothing typed
 * for it yet: it is passed over, the queue moves on. Something typed: the
 * prompt stays and says what Enter would replace. */
static void
alt_set_elsewhere(struct app *a, const struct mt_media *item)
{
	if (st.prompt_id == NULL || !ui_prompt_open_with(a, st.prompt_id) ||
	    strcmp(st.prompt_id, item->id) != 0 || item->alt == NULL || !*item->alt ||
	    is_saving(item->id))
		return;
	char *typed = ui_draft_alt_text(a, item->id);
	char *name = mt_sanitize(item->filename ? item->filename : item->id);
	if (typed && *typed) {
		ui_prompt_hint(a, _("has alt text now: Enter replaces it, Esc leaves it"));
		ui_message(a, R_WARN,
		           _("%s has alt text now, set elsewhere: \"%s\". Enter replaces it, Esc leaves it"),
		           name, item->alt);
	} else {
		char *id = st.prompt_id;
		st.prompt_id = NULL;
		ui_dialog_close(a);
		free(id);
		ui_message(a, R_WARN, _("%s has alt text now, set elsewhere (\"%s\"): passed over"), name,
		           item->alt);
		alt_queue_next(a);
	}
	free(typed);
	free(name);
}

static void
delete_dups(struct app *a, int only_group)
{
	struct mt_audit *au = &a->scan->audit;
	size_t n = 0;
	bool *groups = audit_groups_inside(au);
	for (size_t i = 0; i < au->nfindings; i++) {
		const struct mt_finding *f = &au->findings[i];
		if (f->kind == MT_FIND_DUPLICATE && !f->keep && f->id && audit_in_scope(f, groups) &&
		    (only_group == 0 || f->group == only_group))
			n++;
	}
	if (n == 0) {
		free(groups);
		ui_message(a, R_NORMAL, "%s", _("no duplicates to delete"));
		return;
	}
	char **ids = xcalloc(n, sizeof *ids), **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	int64_t bytes = 0;
	for (size_t i = 0; i < au->nfindings && k < n; i++) {
		const struct mt_finding *f = &au->findings[i];
		if (f->kind == MT_FIND_DUPLICATE && !f->keep && f->id && audit_in_scope(f, groups) &&
		    (only_group == 0 || f->group == only_group)) {
			if (bytes >= 0)
				bytes = f->size >= 0 ? bytes + f->size : -1;
			ids[k] = xstrdup(f->id);
			names[k++] = ui_delete_label(f->filename, f->id, f->folder, f->created_at);
		}
	}
	free(groups);
	ui_batch_delete(a, ids, names, k, bytes, true);
}

static void
audit_limit_folder(struct app *a, const char *folder)
{
	free(audit_at.folder);
	audit_at.folder = folder ? xstrdup(folder) : NULL;
	audit_at.cur = audit_at.top = 0;
	ui_dirty(a);
}

/* The open of the table: struct ui_open_audit limits the audit to a
 * folder; NULL keeps the limit as it was. The scan starts if it has not. */
static void
audit_view_open(struct app *a, const void *arg)
{
	const struct ui_open_audit *o = arg;
	if (o)
		audit_limit_folder(a, o->folder);
	if (!a->scan->running && !a->scan->done)
		scan_start(a);
}

static void
audit_on_event(struct app *a, const struct ui_event *ev)
{
	content_check_on_event(a, ev);
	if (ev->kind == UI_EV_SCAN_DONE)
		audit_at.cur = audit_at.top = 0;
	if (ev->kind == UI_EV_CONTENT_CHECK_STARTED)
		st.content = true;
	if (ev->kind == UI_EV_ITEM_EDITED)
		alt_set_elsewhere(a, ev->item);
	/* after a change the cursor stays at its place: on the next finding */
}

static void section_jump(struct app *a, int dir);

bool
audit_content_shown(const struct app *a)
{
	return a->view == VIEW_AUDIT && st.content;
}

/* The content check's keys: c asks or stops it, Esc stops it, Tab turns
 * the page; the rest of its page's keys are content_view.c's. */
static enum ui_key
content_keys(struct app *a, int is_key, wint_t ch)
{
	if (!is_key && (ch == 'c' || (ch == 27 && content_check_running(a)))) {
		if (content_check_running(a)) {
			content_check_cancel(a);
			/* nothing of the check is left to show: the other findings */
			if (content_check_findings(a) == NULL)
				st.content = false;
		} else if (ch == 'c')
			content_check_ask(a);   /* its page once it starts: not on a no */
		return UI_HANDLED;
	}
	if (!is_key && ch == '\t') {
		st.content = !st.content;
		return UI_HANDLED;
	}
	return st.content ? content_view_key(a, audit_at.folder, is_key, ch) : UI_UNHANDLED;
}

enum ui_key
audit_view_key(struct app *a, int is_key, wint_t ch)
{
	enum ui_key rc = content_keys(a, is_key, ch);
	if (rc != UI_UNHANDLED)
		return rc;
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	free(idx);
	const struct mt_finding *f = audit_finding_at(a, audit_at.cur);
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (audit_at.cur + 1 < n)
			audit_at.cur++;
		return UI_HANDLED;
	}
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (audit_at.cur > 0)
			audit_at.cur--;
		return UI_HANDLED;
	}
	if (is_key) {
		switch (ch) {
		case KEY_NPAGE: audit_at.cur = audit_at.cur + 10 < n ? audit_at.cur + 10 : (n ? n - 1 : 0); return UI_HANDLED;
		case KEY_PPAGE: audit_at.cur = audit_at.cur > 10 ? audit_at.cur - 10 : 0; return UI_HANDLED;
		case KEY_HOME: audit_at.cur = 0; return UI_HANDLED;
		case KEY_END: audit_at.cur = n ? n - 1 : 0; return UI_HANDLED;
		case KEY_ENTER: case KEY_RIGHT:
			if (f)
				audit_open_finding(a, f);
			return UI_HANDLED;
		case KEY_LEFT: case KEY_BACKSPACE:
			ui_view_open(a, VIEW_MAIN, NULL);
			return UI_HANDLED;
		default: return UI_UNHANDLED;
		}
	}
	switch (ch) {
	case 'g': audit_at.cur = 0; return UI_HANDLED;
	case 'G': audit_at.cur = n ? n - 1 : 0; return UI_HANDLED;
	case '\r': case '\n': case 'l': case 'e':
		if (f)
			audit_open_finding(a, f);
		return UI_HANDLED;
	case 'a':
		/* on an image without alt text: the queue of all of them from here */
		if (f && f->id) {
			st.queue = false;
			if (f->kind == MT_FIND_MISSING_ALT)
				alt_queue_start(a);
			alt_prompt(a, f);
		}
		return UI_HANDLED;
	case 'd':
		if (f && f->kind == MT_FIND_DUPLICATE)
			delete_dups(a, f->group);
		else if (f && f->kind == MT_FIND_EMPTY_FOLDER && f->id == NULL && f->folder)
			ui_folder_delete(a, f->folder);   /* the same question as the remote pane's */
		else if (f)
			ui_message(a, R_WARN, "%s",
			           _("d deletes duplicates and empty folders, not this finding (Enter opens it)"));
		return UI_HANDLED;
	case ']':
		section_jump(a, 1);
		return UI_HANDLED;
	case '[':
		section_jump(a, -1);
		return UI_HANDLED;
	case 'D':
		delete_dups(a, 0);
		return UI_HANDLED;
	case 'f':
		audit_limit_folder(a, NULL);
		return UI_HANDLED;
	case 'r':
		scan_start(a);
		return UI_HANDLED;
	case 'o':
		audit_large_ask(a);   /* "oversized" above another size */
		return UI_HANDLED;
	case 'v':
		ui_view_open(a, VIEW_USAGE, NULL);
		return UI_HANDLED;
	case 'q': case 27: case 'h': case 127: case 8:
		/* a folder's audit opened from usage goes back to the folders */
		if (audit_at.folder && ui_view_below(a) == VIEW_USAGE)
			return UI_CLOSE;
		ui_view_open(a, VIEW_MAIN, NULL);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

/* ] and [: the first finding of the next kind, or of this one (then the
 * one before); a library with hundreds of missing alt texts hides the
 * mismatches below them otherwise. */
static void
section_jump(struct app *a, int dir)
{
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	const struct mt_finding *v = a->scan->audit.findings;
	if (n == 0) {
		free(idx);
		return;
	}
	size_t cur = audit_at.cur < n ? audit_at.cur : n - 1, to = cur;
	if (dir > 0) {
		while (to < n && v[idx[to]].kind == v[idx[cur]].kind)
			to++;
		if (to == n) {
			ui_message(a, R_NORMAL, "%s", _("this is the last kind of finding"));
			to = cur;
		}
	} else {
		/* the start of this kind; from there, the start of the one before */
		if (to > 0 && v[idx[to - 1]].kind == v[idx[cur]].kind)
			while (to > 0 && v[idx[to - 1]].kind == v[idx[cur]].kind)
				to--;
		else if (to > 0) {
			to--;
			while (to > 0 && v[idx[to - 1]].kind == v[idx[to]].kind)
				to--;
		}
	}
	audit_at.cur = to;
	st.heading_first = true;
	free(idx);
}

static const char *
audit_help(struct app *a)
{
	(void)a;
	return "Audit";
}

static char *
audit_unsaved(struct app *a)
{
	if (st.nkept + st.nsaving == 0)
		return NULL;
	char *kept = NULL, *saving = NULL;
	if (st.nkept == 1) {
		char *name = mt_sanitize(finding_name(a, st.kept[0].id));
		kept = xasprintf(_("the alt text typed for %s (not saved)"), name);
		free(name);
	} else if (st.nkept > 1) {
		kept = xasprintf(P_("the alt text typed for %zu image (not saved)",
		                    "the alt text typed for %zu images (not saved)", (unsigned long)st.nkept),
		                 st.nkept);
	}
	if (st.nsaving)
		saving = xasprintf(P_("the alt text of %zu image still on its way to the server",
		                      "the alt text of %zu images still on their way to the server",
		                      (unsigned long)st.nsaving),
		                   st.nsaving);
	char *both = kept && saving ? xasprintf("%s; %s", kept, saving) : xstrdup(kept ? kept : saving);
	free(kept);
	free(saving);
	return both;
}

static void
alt_list_free(struct alt_text **v, size_t *n)
{
	while (*n)
		free(alt_take(v, n, (*v)[0].id));
}

static void
audit_view_close(struct app *a)
{
	alt_list_free(&st.kept, &st.nkept);
	alt_list_free(&st.saving, &st.nsaving);
	ui_message_standing(a, NULL);
	mt_strv_free(st.order, st.norder);
	st.order = NULL;
	st.norder = st.at = 0;
	content_check_free(a);
	picstrip_free(a);
	free(audit_at.folder);
	audit_at.folder = NULL;
}

const struct ui_view audit_view = {
	.name = "audit", .open = audit_view_open, .draw = audit_view_draw,
	.key = audit_view_key, .event = audit_on_event, .close = audit_view_close,
	.help = audit_help, .unsaved = audit_unsaved,
};
