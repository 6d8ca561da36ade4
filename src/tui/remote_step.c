/* remote_step.c — what comes next in the remote pane's listing: its next
 * page, read as the cursor nears the end of what was read (or as G or n
 * asks for it), and n and N in the details opened from the pane, the next
 * or previous item from the item the details show.
 *
 * The pane reads its listing a page at a time. n on the last item read,
 * with more on the server, says the next page is being read and goes on
 * to its first item when it comes; on the last item of the whole list it
 * says so. While the listing is read again from its start (an upload
 * ended, a refresh) n and N say so, and go on once the item shown is in
 * it again. A listing of the same place started while n already waits
 * carries the wait over the same way: the editor asked for the item after
 * the one shown, and a new listing of the same list does not change which
 * that is (n pressed a moment later would wait for it too). The pages are
 * read on for it as far as the old listing had read and one page more;
 * the item shown not there by then (moved, deleted, sorted elsewhere),
 * another place listed, or the details left end the wait, said, so that
 * "reading…" is never left with nothing after it. An item whose row went
 * while its details were open (moved to another folder, deleted) steps
 * from the place it had: n opens the item that took it, not the one
 * after. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "loop.h"
#include "pager.h"
#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

void
remote_fetch_page(struct app *a)
{
	struct remote *r = a->remote;
	struct mt_error err;
	mt_error_clear(&err);
	r->loading = true;
	r->load_started = mt_now_ms();
	int rc = mt_pager_fetch(r->pager, &err);
	r->loading = mt_pager_loading(r->pager);
	if (rc < 0) {
		r->want_end = false;
		char line[560];
		mt_error_format(&err, line, sizeof line);
		snprintf(r->err, sizeof r->err, "%s", line);
		ui_error(a, _("listing media"), &err);
		remote_ahead_drop(a);
		remote_step_forget(r);
	}
	ui_dirty(a);
}

int
remote_visible_rows(const struct app *a)
{
	return a->rows > 6 ? a->rows - 4 : 1;
}

/* Loads the next page when the cursor is within two screens of the end. */
void
remote_fetch_more(struct app *a)
{
	struct remote *r = a->remote;
	if (r->mode != REMOTE_LIBRARY || r->loading || r->total < 0 || !mt_pager_more(r->pager))
		return;
	size_t n = remote_nrows(r);
	if (r->want_end || remote_keep_wants_more(r) || r->step_id ||
	    r->cur + (size_t)remote_visible_rows(a) * 2 >= n)
		remote_fetch_page(a);
}

void
remote_step_forget(struct remote *r)
{
	free(r->step_id);
	r->step_id = NULL;
	r->step_until = 0;
}

/* The wait is dropped without a word of its own (the editor went on): its
 * "… opens when it comes", which stays while it waits, leaves with it. */
static void
step_drop(struct app *a)
{
	struct remote *r = a->remote;
	remote_step_forget(r);
	ui_message_end(a, r->step_said);
}

/* What n or N waits for, said: it stays on the status line while it waits,
 * however long (ended when the item opens, replaced when the wait ends
 * otherwise), and the log keeps it. */
static void
say_wait(struct app *a, const char *text)
{
	ui_message_waiting(a, R_NORMAL, "%s", text);
	ui_message_log_shown(a);
	a->remote->step_said = ui_message_shown(a);
}

/* n waits for id, in direction dir, past the items read so far. */
static void
step_wait(struct remote *r, const char *id, int dir, size_t until)
{
	free(r->step_id);
	r->step_id = xstrdup(id);
	r->step_dir = dir;
	r->step_until = until;
}

/* Why a wait ends with nothing opened. */
enum step_end { STEP_CLOSED, STEP_PLACE, STEP_GONE };

/* The wait ends with nothing opened: said, in place of its promise. */
static void
step_end(struct app *a, enum step_end why)
{
	struct remote *r = a->remote;
	int key = r->step_dir < 0 ? 'N' : 'n';
	remote_step_forget(r);
	if (why == STEP_CLOSED)
		ui_message(a, R_NORMAL, _("%c waits no more: the details it was pressed in are closed"), key);
	else if (why == STEP_PLACE)
		ui_message(a, R_NORMAL, _("%c waits no more: the pane lists another place now"), key);
	else
		ui_message(a, R_NORMAL,
		           _("%c waits no more: the item shown is not in the list read again "
		             "(q goes back to the list)"), key);
}

static size_t
first_item_row(const struct remote *r)
{
	return (remote_has_up_row(r) ? 1 : 0) + r->nsubs;
}

/* The row the step starts from (the next or previous item row is looked
 * for beyond it); *at: the row itself may be the one (its item went). */
static size_t
step_from(const struct remote *r, const char *id, int dir, bool *at)
{
	*at = false;
	if (id == NULL)
		return r->cur;
	for (size_t i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].id, id) == 0)
			return first_item_row(r) + i;
	if (r->gone_id && strcmp(r->gone_id, id) == 0) {
		*at = dir > 0;   /* the row it had holds the one after it now */
		return r->gone_row;
	}
	return r->cur;
}

static bool
more_on_server(const struct remote *r)
{
	return r->mode == REMOTE_LIBRARY && r->pager && r->total >= 0 &&
	       (r->loading || mt_pager_more(r->pager));
}

/* The listing is read again from its start (an upload ended, a refresh, a
 * move) and has not come to the item the details show yet: its first page
 * on its way, or the pages up to the place the cursor had (remote_keep.c).
 * Until then no row says what is next to it. */
static bool
relisting(const struct remote *r, const char *id)
{
	if (r->mode != REMOTE_LIBRARY || r->pager == NULL || id == NULL || !*id)
		return false;
	for (size_t i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].id, id) == 0)
			return false;
	if (r->loading && r->total < 0)
		return true;
	return r->keep.cur_id && strcmp(r->keep.cur_id, id) == 0 && remote_keep_wants_more(r) &&
	       (r->loading || mt_pager_more(r->pager));
}

/* n/N in the details: the next or previous item row of the listing. */
static bool
remote_step(struct app *a, int dir, bool just_look)
{
	struct remote *r = a->remote;
	const char *id = detail_item_id(a);
	bool at;
	size_t n = remote_nrows(r), idx;
	if (relisting(r, id)) {
		/* "the last item" would be false: its neighbours are on their way */
		if (just_look)
			return true;
		step_wait(r, id, dir, r->keep.until > r->nitems ? r->keep.until : r->nitems);
		if (!r->step_quiet) {
			say_wait(a, dir > 0 ? _("reading the list\xe2\x80\xa6 the next item opens when it comes")
			                    : _("reading the list\xe2\x80\xa6 the item before opens when it comes"));
		}
		return true;
	}
	size_t from = step_from(r, id, dir, &at);
	for (size_t i = from; at || (dir > 0 ? i + 1 < n : i > 0);) {
		if (!at)
			i = dir > 0 ? i + 1 : i - 1;
		at = false;
		if (i >= n)
			break;
		if (remote_row_at(r, i, &idx) == REMOTE_ROW_ITEM) {
			if (just_look)
				return true;
			r->cur = i;
			remote_keep_cursor_moved(r);
			remote_fetch_more(a);
			remote_open_item(a, &r->items[idx]);
			return true;
		}
	}
	if (dir < 0 || !more_on_server(r))
		return false;
	/* the last item read, not the last on the server */
	if (just_look)
		return true;
	if (n)
		r->cur = n - 1;
	step_wait(r, id ? id : "", 1, r->nitems);
	remote_fetch_more(a);
	if (r->step_id && !r->step_quiet) {   /* (a page that could not be asked for said why) */
		say_wait(a, _("reading the next page of the list\xe2\x80\xa6 its first item opens when it comes"));
	}
	return true;
}

/* Whether item id is in the listing read so far. */
static bool
listed(const struct remote *r, const char *id)
{
	for (size_t i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].id, id) == 0)
			return true;
	return false;
}

/* Whether the details still show the item n waits from. */
static bool
still_shown(const struct app *a, const char *step_id)
{
	const char *id = detail_item_id(a);
	return a->view == VIEW_DETAIL && id && strcmp(id, step_id) == 0;
}

void
remote_step_relist(struct app *a, bool same_place)
{
	struct remote *r = a->remote;
	if (r->step_id == NULL)
		return;
	if (a->view != VIEW_DETAIL)
		step_end(a, STEP_CLOSED);
	else if (!still_shown(a, r->step_id))
		step_drop(a);   /* another item is open: the editor went on */
	else if (!same_place)
		step_end(a, STEP_PLACE);
	else {   /* carried over, as far as this listing read, and said again */
		if (r->nitems > r->step_until)
			r->step_until = r->nitems;
		say_wait(a, r->step_dir > 0 ? _("reading the list\xe2\x80\xa6 the next item opens when it comes")
		                            : _("reading the list\xe2\x80\xa6 the item before opens when it comes"));
	}
}

void
remote_step_page_came(struct app *a)
{
	struct remote *r = a->remote;
	if (r->step_id == NULL)
		return;
	if (a->view != VIEW_DETAIL) {
		step_end(a, STEP_CLOSED);
		return;
	}
	if (!still_shown(a, r->step_id) || ui_dialog_active(a)) {
		step_drop(a);
		return;
	}
	int dir = r->step_dir;
	if (*r->step_id && !listed(r, r->step_id)) {
		/* a listing read again: read on as far as the old one had, and a page */
		if (more_on_server(r) && r->nitems <= r->step_until)
			return;   /* (remote_fetch_more asks for it) */
		step_end(a, STEP_GONE);
		return;
	}
	remote_step_forget(r);
	r->step_quiet = true;   /* a further wait was said already */
	if (dir < 0)   /* still on the item N was pressed on: N again */
		detail_prev(a);
	else   /* still on the item n was pressed on: n again, as the details do it */
		detail_next(a);
	r->step_quiet = false;
	/* the item came: "… opens when it comes", kept while it waited, is
	 * over; a further wait goes on under the same words, said again */
	if (r->step_id == NULL)
		ui_message_end(a, r->step_said);
}

void
remote_open_item(struct app *a, const struct mt_media *m)
{
	ui_view_open(a, VIEW_DETAIL, &(struct ui_open_item){ m, remote_step });
}
