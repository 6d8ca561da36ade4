/* remote_ahead.c — keys typed while a listing of the remote pane is on its
 * way: they wait, and remote.c plays them in the order typed once the
 * first page has arrived, as a shell or less does.
 *
 * Over SSH the first listing often takes a second or more; without this,
 * "j j Enter" typed meanwhile moved a cursor over no rows and was lost
 * without a word. A key that opens a folder starts a new listing: the keys
 * after it wait again, for that one. A key that opens a prompt or a list
 * to pick from (/, :, m, c) gets the keys typed after it, its text and
 * its Enter, as if typed once it was open. A question (d's delete, a
 * folder's) is never answered by keys typed ahead: it stays open, and the
 * keys after it are dropped, saying how many; so are the keys after one
 * that opened another view (the details), which were meant for the list.
 *
 * Behind the first key that waits, every key waits, whatever it is: Tab,
 * q, ? and M, Esc too (the loop asks remote_ahead_hold before it acts on
 * any key), and the loop plays them as if typed then, so that "/ ? Enter"
 * searches for "?" and never opens the key list before the search. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "remote_pane.h"
#include "ui.h"

bool
remote_ahead_waiting(const struct remote *r)
{
	return r->mode == REMOTE_LIBRARY && r->total < 0 && r->loading;
}

/* the keys that mean something on the rows of a listing, or open a
 * question, a prompt or a list about them */
static bool
ahead_key(int is_key, wint_t key)
{
	if (is_key)
		return key == KEY_DOWN || key == KEY_UP || key == KEY_NPAGE || key == KEY_PPAGE ||
		       key == KEY_HOME || key == KEY_END || key == KEY_RIGHT || key == KEY_ENTER ||
		       key == KEY_LEFT || key == KEY_BACKSPACE || key == KEY_DC;
	/* j k g G l h, Enter, ^F ^B ^D ^U, Backspace; Space a e P d m c + / : */
	return key > 0 && key < 128 && strchr("jkgGlh\r\n\006\002\004\025\177\b aePdmc+/:", (int)key) != NULL;
}

static void
keep(struct app *a, int is_key, wint_t key)
{
	struct remote *r = a->remote;
	if (r->nahead < REMOTE_AHEAD)
		r->ahead[r->nahead++] = (struct remote_ahead_key){ is_key, key };
	ui_dirty(a);
}

bool
remote_ahead_take(struct app *a, int is_key, wint_t key)
{
	struct remote *r = a->remote;
	if (r->nahead || !remote_ahead_waiting(r) || !ahead_key(is_key, key))
		return false;
	keep(a, is_key, key);
	return true;
}

bool
remote_ahead_hold(struct app *a, int is_key, wint_t key)
{
	/* behind a key that waits, every key waits: they are played in order */
	if (a->view != VIEW_MAIN || a->remote->nahead == 0)
		return false;
	keep(a, is_key, key);
	return true;
}

/* The keys kept are dropped, and why is said. */
static void
drop(struct app *a, bool question)
{
	struct remote *r = a->remote;
	if (r->nahead == 0)
		return;
	if (question)
		ui_message(a, R_WARN,
		           P_("%zu key typed ahead was not used: a question is open, and keys typed ahead "
		              "never answer one",
		              "%zu keys typed ahead were not used: a question is open, and keys typed ahead "
		              "never answer one", r->nahead),
		           r->nahead);
	else
		ui_message(a, R_WARN,
		           P_("%zu key typed ahead was not used: it was for the list, and another view opened",
		              "%zu keys typed ahead were not used: they were for the list, and another view opened",
		              r->nahead),
		           r->nahead);
	r->nahead = 0;
}

static void
pop(struct remote *r, int *is_key, wint_t *ch)
{
	*is_key = r->ahead[0].is_key;
	*ch = r->ahead[0].ch;
	r->nahead--;
	memmove(&r->ahead[0], &r->ahead[1], r->nahead * sizeof *r->ahead);
}

bool
remote_ahead_next(struct app *a, int *is_key, wint_t *ch)
{
	struct remote *r = a->remote;
	if (r->nahead == 0)
		return false;
	if (ui_dialog_asks(a))
		drop(a, true);
	else if (a->view != VIEW_MAIN)
		drop(a, false);
	/* a prompt or a list a key played opened takes the keys after it (its
	 * Enter may start a listing: the rest wait for it) */
	if (r->nahead == 0 || remote_ahead_waiting(r))
		return false;
	pop(r, is_key, ch);
	return true;
}

void
remote_ahead_drop(struct app *a)
{
	struct remote *r = a->remote;
	if (r->nahead == 0)
		return;
	ui_message(a, R_WARN,
	           P_("%zu key typed while the list loaded was not used: the listing failed",
	              "%zu keys typed while the list loaded were not used: the listing failed", r->nahead),
	           r->nahead);
	r->nahead = 0;
}
