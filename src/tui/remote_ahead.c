/* remote_ahead.c — keys typed while a listing of the remote pane is on its
 * way: movement, Enter and the way up wait, and remote.c plays them in the
 * order typed once the first page has arrived, as a shell or less does.
 *
 * Over SSH the first listing often takes a second or more; without this,
 * "j j Enter" typed meanwhile moved a cursor over no rows and was lost
 * without a word. A key that opens a folder starts a new listing: the keys
 * after it wait again, for that one. */
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

/* the keys that only mean something on the rows of a listing */
static bool
ahead_key(int is_key, wint_t key)
{
	if (is_key)
		return key == KEY_DOWN || key == KEY_UP || key == KEY_NPAGE || key == KEY_PPAGE ||
		       key == KEY_HOME || key == KEY_END || key == KEY_RIGHT || key == KEY_ENTER ||
		       key == KEY_LEFT || key == KEY_BACKSPACE;
	/* j k g G l h, Enter, ^F ^B ^D ^U, Backspace */
	return key > 0 && key < 128 && strchr("jkgGlh\r\n\006\002\004\025\177\b", (int)key) != NULL;
}

bool
remote_ahead_take(struct app *a, int is_key, wint_t key)
{
	struct remote *r = a->remote;
	if (r->ahead_pass) {          /* the key remote_ahead_next gave: act on it */
		r->ahead_pass = false;
		return false;
	}
	if (!ahead_key(is_key, key) || (!remote_ahead_waiting(r) && r->nahead == 0))
		return false;
	if (r->nahead < REMOTE_AHEAD)
		r->ahead[r->nahead++] = (struct remote_ahead_key){ is_key, key };
	ui_dirty(a);
	return true;
}

bool
remote_ahead_next(struct app *a, int *is_key, wint_t *ch)
{
	struct remote *r = a->remote;
	/* a key played opened the details or a question: the rest were typed
	 * for the pane, not for it, and are dropped */
	if (a->view != VIEW_MAIN || ui_dialog_active(a))
		r->nahead = 0;
	if (r->nahead == 0 || remote_ahead_waiting(r))
		return false;
	*is_key = r->ahead[0].is_key;
	*ch = r->ahead[0].ch;
	r->nahead--;
	memmove(&r->ahead[0], &r->ahead[1], r->nahead * sizeof *r->ahead);
	r->ahead_pass = true;
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
