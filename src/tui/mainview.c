/* mainview.c — the main view: the remote and local panes side by side (one
 * at a time on a narrow screen), the upload panel below them, and which of
 * them has the keys.
 *
 * The panes are parts of this view: it alone calls them by name, draws
 * them, hands them its keys and passes events on. */
#include "config.h"

#include "i18n.h"
#include "siteop.h"
#include "ui.h"

/* z: the pane that has the keys takes the whole width, as on a narrow
 * screen, so long names and folders show whole; z again, both. */
static bool zoomed;

/* The pane over the upload panel: the one that had the keys last. */
static enum pane
pane_above(const struct app *a)
{
	static enum pane last = PANE_REMOTE;
	if (a->focus != PANE_UPLOADS)
		last = a->focus;
	return last;
}

static void
main_draw(struct app *a)
{
	/* body rows [top, bottom): a two-row message takes the last one, and
	 * that row comes from the pane above: the upload panel keeps the
	 * height it has under a one-row status line, its last row in view */
	int top = 1, bottom = a->rows - a->status_rows;
	int avail = bottom - top;
	int uh = uploads_height(a, a->rows - 1 - top);
	int ph = avail - uh;
	bool wide = a->cols >= 100 && !zoomed;
	if (ph >= 3) {
		if (wide) {
			int lw = a->cols / 2;
			remote_draw(a, top, 0, ph, lw, a->focus == PANE_REMOTE);
			ui_set(stdscr, R_DIM);
			for (int i = 0; i < ph; i++)
				mvwaddstr(stdscr, top + i, lw, G.vline);
			ui_set(stdscr, R_NORMAL);
			local_draw(a, top, lw + 1, ph, a->cols - lw - 1, a->focus == PANE_LOCAL);
		} else {
			if (pane_above(a) == PANE_LOCAL)
				local_draw(a, top, 0, ph, a->cols, a->focus == PANE_LOCAL);
			else
				remote_draw(a, top, 0, ph, a->cols, a->focus == PANE_REMOTE);
		}
	}
	if (uh > 0)
		uploads_draw(a, top + (ph >= 3 ? ph : 0), 0, ph >= 3 ? uh : avail, a->cols,
		             a->focus == PANE_UPLOADS);
}

/* v and A: a view of the whole library, which a dialect that cannot list
 * it has not. */
static enum ui_key
library_view(struct app *a, enum view_id v)
{
	if (!a->can_browse) {
		ui_message(a, R_WARN, _("the %s API cannot list the library"), mt_site_api(&a->site));
		return UI_HANDLED;
	}
	ui_view_open(a, v, NULL);
	return UI_HANDLED;
}

static enum ui_key
main_key(struct app *a, int is_key, wint_t ch)
{
	int panes = uploads_shown(a) ? 3 : 2;
	if (!is_key) {
		switch (ch) {
		case '\t':
			a->focus = (enum pane)(((int)a->focus + 1) % panes);
			return UI_HANDLED;
		case 'p':
			/* pause and resume are the queue's, whichever pane has the keys */
			if (a->focus != PANE_UPLOADS) {
				if (!uploads_pause_toggle(a))
					ui_message(a, R_NORMAL, "%s", _("no uploads to pause"));
				return UI_HANDLED;
			}
			break;
		case 'U': {
			if (!uploads_exist(a)) {
				if (uploads_offer_resume(a, false))
					return UI_HANDLED;
				ui_message(a, R_NORMAL, "%s",
				           _("no uploads yet: u in the local pane uploads the marked files"));
				return UI_HANDLED;
			}
			bool shown = uploads_toggle(a);
			if (!shown && a->focus == PANE_UPLOADS)
				a->focus = PANE_REMOTE;
			if (shown && uploads_shown(a))
				a->focus = PANE_UPLOADS;
			return UI_HANDLED;
		}
		case 'z':
			zoomed = !zoomed;
			ui_message(a, R_NORMAL, "%s", zoomed ? _("one pane, the whole width (z: both)")
			                                     : _("both panes"));
			return UI_HANDLED;
		case 'v':
			return library_view(a, VIEW_USAGE);
		case 'A':
			return library_view(a, VIEW_AUDIT);
		case 'q':
		case 'Q':
			/* like Esc: out of a search, up a folder, and only then quit */
			if (a->focus == PANE_REMOTE && remote_go_back(a))
				return UI_HANDLED;
			return UI_QUIT;
		default:
			break;
		}
	} else if (ch == KEY_BTAB) {
		a->focus = (enum pane)(((int)a->focus + panes - 1) % panes);
		return UI_HANDLED;
	}
	switch (a->focus) {
	case PANE_REMOTE:
	case PANE_LOCAL: {
		enum ui_key r = a->focus == PANE_REMOTE ? remote_key(a, is_key, ch) : local_key(a, is_key, ch);
		/* cancel and retry mean the uploads wherever the keys are, as p
		 * does: after : from the panel, x "did nothing here" */
		if (r == UI_UNHANDLED && !is_key && (ch == 'x' || ch == 'X' || ch == 'R') && uploads_shown(a))
			return uploads_key(a, is_key, ch);
		return r;
	}
	case PANE_UPLOADS: {
		enum ui_key r = uploads_key(a, is_key, ch);
		if (r != UI_UNHANDLED)
			return r;
		/* after u the panel has the keys; one it has no use for (: or /,
		 * say) is meant for the pane above, which takes the keys back */
		enum pane p = pane_above(a);
		a->focus = p;
		r = p == PANE_LOCAL ? local_key(a, is_key, ch) : remote_key(a, is_key, ch);
		if (r == UI_UNHANDLED)
			a->focus = PANE_UPLOADS;
		return r;
	}
	}
	return UI_UNHANDLED;
}

static void
main_event(struct app *a, const struct ui_event *ev)
{
	remote_on_event(a, ev);
	uploads_on_event(a, ev);
	local_on_event(a, ev);
}

static void
main_init(struct app *a)
{
	uploads_init(a);
	local_init(a);
	remote_init(a);
	uploads_offer_resume(a, true);
	if (!ui_dialog_active(a))
		drafts_offer(a);   /* else once the resume question is answered */
}

static void
main_close(struct app *a)
{
	uploads_free(a);
	drafts_free();
	remote_free(a);
	local_free(a);
}

static const char *
main_help(struct app *a)
{
	if (a->focus == PANE_LOCAL)
		return "Local pane";
	if (a->focus == PANE_UPLOADS)
		return "Upload panel";
	return "Remote pane";
}

const struct ui_view main_view = {
	.name = "main", .init = main_init, .draw = main_draw, .key = main_key,
	.event = main_event, .close = main_close, .help = main_help,
	.hold_key = remote_ahead_hold, .next_key = remote_ahead_next,
};
