/* detail.c — one media item: every field, an editor for alt, title,
 * description and folder, and the focal point editor.
 *
 * Edits stay pending (marked with *) until saved with PATCH; a failed save
 * keeps them and shows the server's message under the fields. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "l10n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "siteop.h"
#include "detail_state.h"
#include "ui.h"
#include "xalloc.h"

static void
save_forget(struct detail *d)
{
	for (int i = 0; i < 4; i++) {
		free(d->sent[i]);
		d->sent[i] = NULL;
	}
	d->sent_focal = false;
	d->save_req = NULL;
	d->save_op = NULL;
	d->saving = false;
}

/* After a save: the edits it sent are on the server; one made while it
 * ran stays pending. */
static void
clear_saved_edits(struct detail *d)
{
	for (int i = 0; i < 4; i++)
		if (d->edit[i] && d->sent[i] && strcmp(d->edit[i], d->sent[i]) == 0) {
			free(d->edit[i]);
			d->edit[i] = NULL;
		}
	if (d->focal_pending && d->sent_focal && d->fx == d->sent_fx && d->fy == d->sent_fy)
		d->focal_pending = false;
	save_forget(d);
}

static void
clear_pending(struct detail *d)
{
	for (int i = 0; i < 4; i++) {
		free(d->edit[i]);
		d->edit[i] = NULL;
	}
	d->focal_pending = false;
}

/* An edit that says what the server has now is no change (a save that
 * landed before a link dropped, or the same text typed elsewhere). */
static void
drop_pending_equal(struct app *a)
{
	struct detail *d = a->detail;
	const char *now[4] = { d->item.alt, d->item.title, d->item.description, d->item.folder };
	if (d->saving)
		return;   /* what the save sends is settled by its answer */
	for (int i = 0; i < 4; i++)
		if (d->edit[i] && strcmp(d->edit[i], now[i] ? now[i] : "") == 0) {
			free(d->edit[i]);
			d->edit[i] = NULL;
		}
	if (d->focal_pending && d->fx == d->item.focal_x && d->fy == d->item.focal_y)
		d->focal_pending = false;
	detail_draft_sync(a);
}

static void
detail_init(struct app *a)
{
	static struct detail state;   /* one interface per process */
	a->detail = &state;
}

const char *
detail_item_id(const struct app *a)
{
	return a->detail->have ? a->detail->item.id : NULL;
}

void
detail_free(struct app *a)
{
	struct detail *d = a->detail;
	clear_pending(d);
	detail_aside_forget(a);
	save_forget(d);   /* a save under way lands; its answer is dropped (gen) */
	if (d->have)
		mt_media_free(&d->item);
	d->have = false;
}

/* A failed save is said on the status line too, whole over two rows and
 * kept in the message log (M): the details' own line may be cut. */
static void
save_failed_said(struct app *a)
{
	struct detail *d = a->detail;
	ui_message(a, R_ERROR, "%s: %s", d->item.filename ? d->item.filename : d->item.id, d->err);
}

/* The server no longer has the item (deleted elsewhere): the other views
 * drop it, and the details stay with what was typed on the screen, to be
 * copied before leaving; leaving asks first, as ever. */
static void
item_gone(struct app *a)
{
	struct detail *d = a->detail;
	d->gone = true;   /* the event below must not close these details */
	char *id = xstrdup(d->item.id);
	ui_post(a, &(struct ui_event){ UI_EV_ITEM_DELETED, .id = id });
	free(id);
	preview_give_up(a, d->item.id, _("no picture: the item is no longer on the server"));
	snprintf(d->err, sizeof d->err, "%s",
	         has_pending(d) ? _("not saved: the item is no longer on the server (deleted elsewhere); "
	                            "what you typed stays here, and goes to the message log (M) when you leave")
	                        : _("the item is no longer on the server (deleted elsewhere)"));
	save_failed_said(a);
}

static void detail_fetch(struct app *a);

static void
on_get(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (!ui_req_done(q))
		return;
	struct detail *d = a->detail;
	d->loading = false;
	bool reread = d->rereading;
	d->rereading = false;
	if (mt_op_item_gone(err)) {
		item_gone(a);
	} else if (err) {
		char line[520];
		mt_error_format(err, line, sizeof line);
		snprintf(d->err, sizeof d->err, _("%s (r reads it again)"), line);
		preview_give_up(a, d->item.id, _("no picture: the item could not be read"));
	} else if (item) {
		d->err[0] = '\0';
		bool news = !mt_media_same(&d->item, item);
		if (reread)
			detail_reread_said(a, &d->item, item);
		mt_media_free(&d->item);
		mt_media_copy(&d->item, item);
		drop_pending_equal(a);
		/* opened from a scan's finding, the item had no url for its picture yet */
		if (preview_enabled(a) && preview_can_item(&d->item))
			preview_want_item(a, &d->item);
		/* changed elsewhere since it was listed (alt text set by a colleague):
		 * the lists and the audit learn it; last, as a view may open
		 * another item on it (the alt text queue moves on) */
		if (news) {
			struct mt_media fresh;
			mt_media_copy(&fresh, item);
			ui_post(a, &(struct ui_event){ UI_EV_ITEM_EDITED, .item = &fresh });
			mt_media_free(&fresh);
			return;
		}
	}
	ui_dirty(a);
}

/* The open of the table: what struct ui_open_item brings. Opened again
 * while shown (n, N), it replaces the item in place. */
static void
detail_view_open(struct app *a, const void *arg)
{
	const struct ui_open_item *o = arg;
	const struct mt_media *m = o->item;
	struct detail *d = a->detail;
	detail_free(a);
	d->rereading = false;
	memset(d->err, 0, sizeof d->err);
	d->note[0] = '\0';
	mt_media_copy(&d->item, m);
	d->have = true;
	d->field = F_ALT;
	d->focal_open = false;
	d->focal_crops = false;
	d->saving = false;
	d->loading = false;   /* the last item's read, if still out, is ignored (gen) */
	d->gone = false;
	d->after = AFTER_STAY;
	d->step = o->step;
	d->gen++;
	d->drafted = 0;
	if (o->with_draft)
		detail_draft_restore(a);
	/* an item from the scan has no url yet: its picture waits for the GET */
	bool will_get = mt_site_can(&a->site, MT_CAP_BROWSE, true);
	if (preview_enabled(a) && preview_can_item(m)) {
		if (m->url || !will_get)
			preview_want_item(a, m);
		else   /* not the last item's picture beside this one's prompt */
			preview_await_item(a, m);
	}
	if (will_get)
		detail_fetch(a);
}

/* Every field from the server (on open, and r): the edits stay pending. */
static void
detail_fetch(struct app *a)
{
	struct detail *d = a->detail;
	if (d->loading || !mt_site_can(&a->site, MT_CAP_BROWSE, true))
		return;
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, &d->gen, 0, d->item.id);
	d->loading = true;
	if (mt_op_get(&a->site, d->item.id, on_get, q, &err) == NULL) {
		ui_req_done(q);
		d->loading = false;
		mt_error_format(&err, d->err, sizeof d->err);
	}
}

/* ---- saving ---- */

static void detail_save(struct app *a);
static void detail_go(struct app *a, enum detail_after after);


/* A save's request: waited for, or let go by Esc (its answer still told). */
enum { SAVE_WAITED, SAVE_LET_GO };

/* The answer to a save Esc stopped waiting for: the server took it or not,
 * whatever item is open now; the lists learn it, and the details, when
 * they show the item, drop what it now has. */
static void
late_save_answer(struct app *a, const char *id, const struct mt_media *item,
                 const struct mt_error *err)
{
	struct detail *d = a->detail;
	bool shown = d->have && strcmp(d->item.id, id) == 0;
	const char *name = shown && d->item.filename ? d->item.filename : id;
	if (err) {
		char line[560];
		mt_error_format(err, line, sizeof line);
		ui_message(a, R_WARN, _("%s: the save Esc stopped waiting for was not taken: %s"), name, line);
		return;
	}
	ui_message(a, R_NORMAL, _("%s: the save Esc stopped waiting for went through after all"), name);
	if (item)
		ui_post(a, &(struct ui_event){ UI_EV_ITEM_EDITED, .item = item });
	else if (shown)
		detail_fetch(a);   /* no item in the answer: read what the server has */
}

static void
on_patched(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	if (q->kind == SAVE_LET_GO) {
		char *id = xstrdup(q->s);
		if (ui_req_done(q))
			late_save_answer(a, id, item, err);
		free(id);
		return;
	}
	if (!ui_req_done(q))
		return;
	struct detail *d = a->detail;
	d->note[0] = '\0';   /* a retry said is over */
	if (err) {
		char line[560];
		save_forget(d);
		d->after = AFTER_STAY;   /* a failed save keeps the edits on the screen */
		if (mt_op_item_gone(err)) {
			item_gone(a);
			return;
		}
		mt_error_format(err, line, sizeof line);
		snprintf(d->err, sizeof d->err, _("not saved: %s"), line);
		save_failed_said(a);
		return;
	}
	d->err[0] = '\0';
	clear_saved_edits(d);
	detail_draft_sync(a);
	if (has_pending(d))
		d->after = AFTER_STAY;   /* what was typed meanwhile is not saved yet */
	if (item) {
		mt_media_free(&d->item);
		mt_media_copy(&d->item, item);
		ui_post(a, &(struct ui_event){ UI_EV_ITEM_EDITED, .item = item });
	}
	/* the focal point saved alone, or text typed while the save went:
	 * the rest is said to be still pending */
	const char *said = has_pending(d) ? _("saved; what is marked * is not saved yet (w saves it)")
	                                  : _("saved");
	snprintf(d->note, sizeof d->note, "%s", said);
	ui_message(a, R_GOOD, "%s", said);
	ui_dirty(a);
	if (d->after != AFTER_STAY)
		detail_go(a, d->after);
}

/* The engine tries the save again: said under the fields while it is
 * waited for (a slow server and a retry loop look alike as "saving"). */
static void
on_save_retry(const struct mt_http_retry *retry, void *arg)
{
	struct ui_req *q = arg;
	struct app *a = q->app;
	struct detail *d = a->detail;
	if (a->closing || q->kind != SAVE_WAITED || d->save_req != q)
		return;   /* Esc let it go: its answer alone is told */
	char said[300];
	mt_op_retry_text(retry, said, sizeof said);
	/* TRANSLATORS: %s: "the server answered 503, trying again (2 of 6)" */
	snprintf(d->note, sizeof d->note, _("saving\xe2\x80\xa6 %s; Esc stops waiting"), said);
	ui_dirty(a);
}

/* Sends the pending edits, or the focal point alone (the focal point
 * editor's Enter saves what it edited: a title typed or a move picked
 * before stays pending, for w). */
static void
save_pending(struct app *a, bool only_focal)
{
	struct detail *d = a->detail;
	if (only_focal ? !d->focal_pending : !has_pending(d)) {
		snprintf(d->note, sizeof d->note, "%s", _("nothing to save"));
		return;
	}
	if (d->gone) {
		ui_message(a, R_WARN, "%s",
		           _("the item is no longer on the server: there is nothing to save to "
		             "(q leaves; what you typed goes to the message log)"));
		return;
	}
	if (d->saving) {
		ui_message(a, R_NORMAL, "%s", _("saving already: wait for the answer, or Esc to stop waiting"));
		return;
	}
	if (!mt_site_can(&a->site, MT_CAP_EDIT, true)) {
		snprintf(d->err, sizeof d->err, "%s", _("this profile cannot edit media"));
		return;
	}
	struct mt_media_patch p = {
		.has_focal = d->focal_pending, .focal_x = d->fx, .focal_y = d->fy,
	};
	if (!only_focal) {
		p.alt = d->edit[E_ALT];
		p.title = d->edit[E_TITLE];
		p.description = d->edit[E_DESC];
		p.folder = d->edit[E_FOLDER];
	}
	struct mt_error err;
	mt_error_clear(&err);
	struct ui_req *q = ui_req_new(a, &d->gen, 0, d->item.id);
	d->note[0] = '\0';
	d->err[0] = '\0';
	d->save_op = mt_op_edit(&a->site, d->item.id, &p, on_patched, q, &err);
	if (d->save_op == NULL) {
		ui_req_done(q);
		char line[560];
		mt_error_format(&err, line, sizeof line);
		snprintf(d->err, sizeof d->err, _("not saved: %s"), line);
		save_failed_said(a);
		return;
	}
	mt_op_on_retry(d->save_op, on_save_retry);
	d->save_req = q;
	d->saving = true;
	for (int i = 0; i < 4; i++)
		d->sent[i] = d->edit[i] && !only_focal ? xstrdup(d->edit[i]) : NULL;
	d->sent_focal = d->focal_pending;
	d->sent_fx = d->fx;
	d->sent_fy = d->fy;
}

static void
detail_save(struct app *a)
{
	save_pending(a, false);
}

static void
detail_save_only_focal(struct app *a)
{
	save_pending(a, true);
}

/* Esc while saving: stop waiting. The request goes on (it may be at the
 * server already: cancelling it would not take it back, and its answer
 * would be lost); the edits stay pending, w sends them again, and the
 * answer, when it comes, is told (late_save_answer). */
static void
detail_save_stop(struct app *a)
{
	struct detail *d = a->detail;
	d->save_req->kind = SAVE_LET_GO;
	d->save_req->genp = NULL;   /* told whatever is open by then */
	save_forget(d);
	d->after = AFTER_STAY;
	d->note[0] = '\0';   /* its retries are no longer told */
	ui_message(a, R_WARN, "%s",
	           _("stopped waiting for the save: the changes stay here (w sends them again); "
	             "if the server takes it, the details show it"));
}

/* ---- editing ---- */

static void
edited(struct app *a, const char *text, void *arg)
{
	struct detail *d = a->detail;
	int slot = (int)(intptr_t)arg;
	if (text == NULL) {   /* Esc: the file holds what was pending before */
		detail_aside_cancelled(a, slot);   /* first: the text is never out of the file */
		detail_draft_field(a, slot);
		return;
	}
	detail_aside_done(a, slot);
	free(d->edit[slot]);
	d->edit[slot] = xstrdup(text);
	d->note[0] = '\0';
	detail_draft_field(a, slot);
}

static void
typing(struct app *a, const char *text, void *arg)
{
	detail_draft_typing(a, (int)(intptr_t)arg, text);
	detail_aside_typed(a->detail, (int)(intptr_t)arg, text);
}

static void
folder_picked(struct app *a, int index, const char *text, void *arg)
{
	(void)arg;
	(void)index;   /* the list may have been read again since it opened */
	if (text == NULL)
		return;
	free(a->detail->edit[E_FOLDER]);
	a->detail->edit[E_FOLDER] = xstrdup(text);
	detail_draft_field(a, E_FOLDER);
}

static void
edit_field(struct app *a)
{
	struct detail *d = a->detail;
	int f = d->field;
	if (f == F_FOCAL) {
		detail_focal_open(a);
		return;
	}
	int slot = edit_slot(f);
	if (slot < 0) {
		/* the row is shown whole when the cursor is on it, but not edited */
		ui_message(a, R_NORMAL, _("%s is read only: Enter edits alt, title, description, folder, focal"),
		           detail_field_name(f));
		return;
	}
	if (slot == E_FOLDER) {
		size_t n;
		char *const *v = remote_folder_list(a, &n);
		if (n > 0) {
			size_t initial = 0;
			const char *cur = d->edit[E_FOLDER] ? d->edit[E_FOLDER] : d->item.folder;
			for (size_t i = 0; i < n; i++)
				if (cur && strcmp(v[i], cur) == 0)
					initial = i;
			ui_pick(a, _("Move to folder"), v, n, initial, folder_picked, NULL);
			ui_pick_filterable(a);
			ui_pick_tag(a, UI_PICK_FOLDERS);
			remote_folders_reload(a);   /* folders made elsewhere come in */
			return;
		}
	}
	bool pending;
	char *cur = detail_field_value(a, f, &pending);
	if (f == F_ALT && d->item.alt == NULL && !pending) {
		free(cur);
		cur = xstrdup("");
	}
	if (detail_aside_text(d, slot)) {   /* what Esc set aside comes back */
		free(cur);
		cur = xstrdup(detail_aside_text(d, slot));
	}
	detail_aside_opened(d, slot, cur);
	ui_prompt(a, detail_field_name(f), cur, edited, typing, (void *)(intptr_t)slot);
	ui_prompt_keep(a, edited);   /* a dropped link keeps what was typed */
	free(cur);
}

/* Where q goes from the details: the view they were opened from. */
static void
detail_leave(struct app *a)
{
	clear_pending(a->detail);
	detail_draft_sync(a);
	detail_aside_forget(a);   /* the text set aside lasts while the item is shown */
	a->detail->gen++;
	a->detail->after = AFTER_STAY;
	ui_view_close(a);
}

/* What was asked for once the edits are saved or discarded. */
static void
detail_go(struct app *a, enum detail_after after)
{
	struct detail *d = a->detail;
	if (after == AFTER_BACK) {
		detail_leave(a);
	} else if (after == AFTER_NEXT || after == AFTER_PREV) {
		d->after = AFTER_STAY;
		if (d->step == NULL || !d->step(a, after == AFTER_NEXT ? 1 : -1, false)) {
			ui_message(a, R_NORMAL, "%s", after == AFTER_NEXT ? _("this is the last item of the list")
			                                                  : _("this is the first item"));
			d->edge_said = ui_message_shown(a);
		} else {
			/* a step the other way: "the last item" said before is over */
			ui_message_end(a, d->edge_said);
		}
	}
}

static void
unsaved_answer(struct app *a, int choice, void *arg)
{
	enum detail_after after = (enum detail_after)(intptr_t)arg;
	struct detail *d = a->detail;
	if (choice == 'd') {
		detail_log_typed(a, false);   /* discarded, not lost unseen */
		clear_pending(d);
		detail_draft_sync(a);
		detail_go(a, after);
	} else if (choice == 's') {
		d->after = after;   /* done when the save succeeds */
		detail_save(a);
	}
	/* n (and Esc): stay, the edits kept */
}

/* u: the changes not saved are dropped, each logged whole, and the
 * status line names them. */
static void
undo_pending(struct app *a)
{
	struct detail *d = a->detail;
	if (!has_pending(d)) {
		ui_message(a, R_NORMAL, "%s", _("nothing to undo: no change is waiting to be saved"));
		return;
	}
	char names[200];
	detail_pending_names(d, names, sizeof names);
	detail_log_typed(a, false);
	clear_pending(d);
	detail_draft_sync(a);
	d->err[0] = '\0';
	ui_message(a, R_NORMAL, _("undone: %s (what was typed is in the message log, M)"), names);
}

static void
gone_answer(struct app *a, int choice, void *arg)
{
	if (choice != 'd')
		return;   /* n (and Esc): stay, the text on the screen */
	detail_log_typed(a, true);
	clear_pending(a->detail);
	detail_draft_sync(a);   /* nothing to offer back at the next start */
	detail_go(a, (enum detail_after)(intptr_t)arg);
}

/* Leaves or steps to another item, asking first when edits are pending. */
static void
detail_away(struct app *a, enum detail_after after)
{
	struct detail *d = a->detail;
	/* no item there: said at once, nothing asked (a discard lost edits for nothing) */
	if ((after == AFTER_NEXT || after == AFTER_PREV) &&
	    (d->step == NULL || !d->step(a, after == AFTER_NEXT ? 1 : -1, true))) {
		detail_go(a, after);
		return;
	}
	if (has_pending(d) && d->gone) {
		ui_confirm(a, _("Item deleted elsewhere"),
		           _("This item is no longer on the server: what you typed cannot be saved to it.\n\n"
		             "d: leave it (what you typed goes to the message log, M)   n: stay here"),
		           "dn", gone_answer, (void *)(intptr_t)after);
		ui_confirm_keys_told(a);
		return;
	}
	if (has_pending(d)) {
		char names[200];
		detail_pending_names(d, names, sizeof names);
		char *body = xasprintf(_("Not saved: %s.\n\n"
		                         "s: save them   d: discard them (the message log keeps the text)   "
		                         "n: stay here"), names);
		ui_confirm(a, _("Unsaved changes"), body, "sdn", unsaved_answer, (void *)(intptr_t)after);
		ui_confirm_keys_told(a);
		free(body);
		return;
	}
	detail_go(a, after);
}

void
detail_next(struct app *a)
{
	detail_away(a, AFTER_NEXT);
}

void
detail_prev(struct app *a)
{
	detail_away(a, AFTER_PREV);
}

static void
detail_back(struct app *a)
{
	detail_away(a, AFTER_BACK);
}

static void
detail_on_event(struct app *a, const struct ui_event *ev)
{
	struct detail *d = a->detail;
	if (!d->have)
		return;
	if (ev->kind == UI_EV_ITEM_DELETED && strcmp(ev->id, d->item.id) == 0 && !d->gone) {
		/* the item is gone, and its unsaved edits with it */
		if (a->view == VIEW_DETAIL) {
			detail_leave(a);
		} else {
			clear_pending(d);
			detail_draft_sync(a);
		}
	} else if (ev->kind == UI_EV_ITEM_EDITED && strcmp(ev->item->id, d->item.id) == 0 &&
	           ev->item != &d->item) {
		mt_media_free(&d->item);
		mt_media_copy(&d->item, ev->item);
		drop_pending_equal(a);
	}
}

/* The usual confirmation; the details stay open (with any unsaved edits)
 * until the item is really gone (UI_EV_ITEM_DELETED). */
static void
delete_this(struct app *a)
{
	struct detail *d = a->detail;
	char **ids = xcalloc(1, sizeof *ids), **names = xcalloc(1, sizeof *names);
	ids[0] = xstrdup(d->item.id);
	names[0] = ui_delete_label(d->item.filename, d->item.id, d->item.folder, d->item.created_at);
	ui_batch_delete(a, ids, names, 1, d->item.size, true);
}

enum ui_key
detail_view_key(struct app *a, int is_key, wint_t ch)
{
	struct detail *d = a->detail;
	if (d->focal_open) {
		enum ui_key k = detail_focal_key(a, is_key, ch);
		if (d->focal_save) {
			d->focal_save = false;
			detail_draft_focal(a);
			detail_save_only_focal(a);
		}
		return k;
	}
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: if (d->field + 1 < F_COUNT) d->field++; return UI_HANDLED;
		case KEY_UP: if (d->field > 0) d->field--; return UI_HANDLED;
		case KEY_ENTER: case KEY_RIGHT: edit_field(a); return UI_HANDLED;
		case KEY_LEFT: case KEY_BACKSPACE: detail_back(a); return UI_HANDLED;
		case KEY_DC: delete_this(a); return UI_HANDLED;
		default: return UI_UNHANDLED;
		}
	}
	switch (ch) {
	case 'j': if (d->field + 1 < F_COUNT) d->field++; return UI_HANDLED;
	case 'k': if (d->field > 0) d->field--; return UI_HANDLED;
	case '\r': case '\n': case 'e': case 'l': edit_field(a); return UI_HANDLED;
	case 'a': d->field = F_ALT; edit_field(a); return UI_HANDLED;
	case 'f': d->field = F_FOCAL; edit_field(a); return UI_HANDLED;
	case 'm': d->field = F_FOLDER; edit_field(a); return UI_HANDLED;
	case 'w': detail_save(a); return UI_HANDLED;
	case 'r':
		d->rereading = true;
		detail_fetch(a);
		return UI_HANDLED;
	case 'p':
		preview_enable(a, !preview_enabled(a));
		if (preview_enabled(a) && preview_can_item(&d->item))
			preview_want_item(a, &d->item);
		return UI_HANDLED;
	case 'c': case 'P':
		if (!preview_can_item(&d->item)) {
			ui_message(a, R_WARN, "%s", _("no preview for this type of file"));
			return UI_HANDLED;
		}
		preview_want_item(a, &d->item);
		ui_view_open(a, VIEW_PREVIEW, &(struct ui_open_preview){
			.fx = d->focal_pending ? d->fx : d->item.focal_x >= 0 ? d->item.focal_x : 50,
			.fy = d->focal_pending ? d->fy : d->item.focal_y >= 0 ? d->item.focal_y : 50,
			.crops = ch == 'c' });
		return UI_HANDLED;
	case 'u':
		if (d->saving) {
			ui_message(a, R_WARN, "%s", _("saving: nothing to undo until the server answers (Esc stops waiting)"));
			return UI_HANDLED;
		}
		undo_pending(a);
		return UI_HANDLED;
	case 'd': delete_this(a); return UI_HANDLED;
	case 'n': detail_away(a, AFTER_NEXT); return UI_HANDLED;
	case 'N': detail_away(a, AFTER_PREV); return UI_HANDLED;
	case 27:
		if (d->saving) {
			detail_save_stop(a);
			return UI_HANDLED;
		}
		detail_back(a);
		return UI_HANDLED;
	case 'q': case 'h': case 127: case 8: detail_back(a); return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

static char *
detail_unsaved(struct app *a)
{
	struct detail *d = a->detail;
	if (!d->have || !has_pending(d))
		return NULL;
	/* text a prompt's Esc set aside is in the drafts file too: said, as
	 * the next start offers it with the changes */
	bool aside = false;
	for (int i = 0; i < 4; i++)
		aside = aside || detail_aside_text(d, i) != NULL;
	const char *name = d->item.filename ? d->item.filename : d->item.id;
	return aside ? xasprintf(_("the changes to %s, and text set aside with Esc"), name)
	             : xasprintf(_("the changes to %s"), name);
}

static const char *
detail_help(struct app *a)
{
	return a->detail->focal_open ? "Focal point editor" : "Item details";
}

const struct ui_view detail_view = {
	.name = "detail", .open = detail_view_open, .draw = detail_view_draw,
	.key = detail_view_key, .event = detail_on_event, .close = detail_free, .init = detail_init,
	.help = detail_help, .unsaved = detail_unsaved,
};
