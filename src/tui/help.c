/* help.c — every key, by screen, in the current language. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

/* The first line shown: this view's own state. */
static int help_top;

/* The descriptions are cut at 55 cells on an 80-column screen: keep them
 * (and their translations) that short. Key names stay English, like the
 * keys themselves; only the word "arrows" is translated. */
struct help_line {
	const char *keys;      /* NULL: a heading */
	const char *what;
};

static const struct help_line help[] = {
	{ NULL, N_("Moving around") },
	{ "j k  \xe2\x86\x93 \xe2\x86\x91", N_("move down / up") },
	{ "PgDn PgUp  ^F ^B", N_("page down / up") },
	{ "^D ^U", N_("half a page down / up (remote pane)") },
	{ "g G  Home End", N_("first / last (G loads every page)") },
	{ "Enter  l  \xe2\x86\x92", N_("open the folder, the item or the field") },
	{ "Backspace  h  \xe2\x86\x90", N_("back: up one folder, leave the search or the view") },
	{ "q  Esc", N_("back to the previous view (asks about unsaved changes)") },
	{ NULL, N_("Everywhere") },
	{ "?", N_("this help, at the part for where you are") },
	{ "^L", N_("redraw the screen") },
	{ "M", N_("the last messages, whole, the newest first") },
	{ "Esc  x", N_("stop a running delete or move (asks first)") },
	{ NULL, N_("Main view") },
	{ "Tab  Shift+Tab", N_("next / previous pane") },
	{ "U", N_("show or hide the upload panel") },
	{ "p", N_("pause or resume the uploads, from any pane") },
	{ "x  X  R", N_("cancel one / all, retry failed uploads, from any pane") },
	{ "z", N_("one pane the whole width, or both side by side") },
	{ "v", N_("usage: storage per folder and type, plan bar") },
	{ "A", N_("audit: alt text, size, duplicates, types, empty folders") },
	{ "q  Q", N_("quit (asks while uploads run; they resume next time)") },
	{ NULL, N_("Remote pane") },
	{ "e", N_("open the item's details") },
	{ "/", N_("search on the server (as you type)") },
	{ "s  o", N_("sort by date, name, size / reverse the order") },
	{ "t", N_("type filter: all, image, document, video") },
	{ "r  ^R  F5", N_("refresh") },
	{ "Space  a", N_("mark the item / mark all loaded items") },
	{ "d  Delete", N_("delete marked items (or this one, or the empty folder)") },
	{ "m", N_("move the marked items (or this one) to a folder") },
	{ "c  +", N_("create a folder here") },
	{ ":", N_("go to a folder from the list (/ narrows it)") },
	{ "P", N_("preview the picture (c in the preview shows the crops)") },
	{ NULL, N_("Local pane") },
	{ "Space  a  *", N_("mark a file / all files / files matching a pattern") },
	{ "u", N_("upload marked files (or this one) to the remote folder") },
	{ ".", N_("show hidden files") },
	{ "r", N_("read the directory again") },
	{ "!", N_("(mark) refused or misnamed: u lists each one first") },
	{ "Enter  P", N_("preview a picture (JPEG, PNG, GIF, WebP)") },
	{ ":", N_("go to a directory by its path (~ is home)") },
	{ "~", N_("go to the home directory") },
	{ "/", N_("find a name here as you type") },
	{ "H", N_("recent directories") },
	{ NULL, N_("Upload panel") },
	{ "p", N_("pause / resume all uploads") },
	{ "x  X", N_("cancel the selected upload / all (X asks first)") },
	{ "R", N_("send the failed uploads again, except refused ones") },
	{ "c  C", N_("clear finished rows / and the failed ones too") },
	{ "Enter", N_("all about the upload: reason, code, id") },
	{ "f", N_("follow the running uploads again") },
	{ NULL, N_("Item details") },
	{ "Enter  e", N_("edit the field (alt, title, description, folder, focal)") },
	{ "a  m  f", N_("edit alt text / pick a folder / focal point editor") },
	{ "w", N_("save the changes (PATCH)") },
	{ "r", N_("read the item again from the server (changes stay)") },
	{ "u", N_("undo the unsaved changes") },
	{ "d  Delete", N_("delete the item") },
	{ "n  N", N_("the next / previous item of the list") },
	{ "p", N_("show or hide the picture") },
	{ "c  P", N_("the crops around the focal point / the picture alone") },
	{ NULL, N_("Focal point editor") },
	{ "\xe2\x86\x90\xe2\x86\x91\xe2\x86\x93\xe2\x86\x92  hjkl", N_("move the crosshair by 1") },
	{ N_("Shift+arrows  HJKL"), N_("move by 10") },
	{ "n  :", N_("enter X,Y as numbers") },
	{ "c  =  0", N_("back to the centre (50, 50)") },
	{ "v", N_("crops instead of the picture (when they do not fit)") },
	{ "Enter  w", N_("save the focal point (alone: w saves the rest)") },
	{ "q  Esc", N_("cancel") },
	{ NULL, N_("Usage") },
	{ "s", N_("sort by size or by number of items") },
	{ "]  [", N_("the first row of the next / previous section") },
	{ "Enter", N_("show the folder, or the type in all folders") },
	{ "d  Delete", N_("delete the items in the folder") },
	{ "r", N_("scan again") },
	{ "A", N_("audit (of the folder under the cursor)") },
	{ NULL, N_("Audit") },
	{ "Enter  e", N_("open the item") },
	{ "a", N_("set alt text; on a missing one, image after image") },
	{ "d  D", N_("delete duplicates: this group / all (oldest is kept)") },
	{ "d", N_("on an empty folder: delete the folder (asks first)") },
	{ "]  [", N_("the first finding of the next / previous kind") },
	{ "c", N_("check the content (asks first; c or Esc stops it)") },
	{ "n  N", N_("content check: next / previous group") },
	{ "d", N_("content check: keep the suggestion, delete the rest") },
	{ "Tab", N_("the content check's groups / the other findings") },
	{ "f", N_("the whole library again (after A in usage)") },
	{ "o", N_("oversized: above another size, such as 2M or 500K") },
	{ "r", N_("scan again") },
	{ "v", N_("usage") },
	{ NULL, N_("Messages") },
	{ "j k  PgDn PgUp", N_("scroll the messages (the newest first)") },
	{ "q  Esc  M", N_("back") },
	{ NULL, N_("Preview") },
	{ "c", N_("the crops around the focal point, or the whole picture") },
};

#define NHELP (sizeof help / sizeof help[0])

/* The part of the list for where the user is (the view below the help
 * says which): the help opens there, and the general keys are one PgUp
 * away. */
static void
help_view_open(struct app *a, const void *arg)
{
	(void)arg;
	const struct ui_view *below = a->views[ui_view_below(a)];
	const char *here = below->help ? below->help(a) : NULL;
	help_top = 0;
	for (size_t i = 0; here && i < NHELP; i++)
		if (help[i].keys == NULL && strcmp(help[i].what, here) == 0)
			help_top = (int)i;
}

void
help_view_draw(struct app *a)
{
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, 1, 0, a->cols);
	ui_put_text(stdscr, 1, 0, _(" Keys"), a->cols, false);
	ui_set(stdscr, R_NORMAL);
	int body = a->rows - 3;
	if (help_top > (int)NHELP - body)
		help_top = (int)NHELP - body > 0 ? (int)NHELP - body : 0;
	for (int i = 0; i < body && help_top + i < (int)NHELP; i++) {
		const struct help_line *h = &help[help_top + i];
		int y = 2 + i;
		if (h->keys == NULL) {
			ui_set(stdscr, R_COLHEAD);
			ui_put_text(stdscr, y, 1, _(h->what), a->cols - 2, false);
		} else {
			ui_set(stdscr, R_KEY);
			const char *k = h->keys;
			if (strncmp(k, "Shift+", 6) == 0)
				k = _(k);
			/* the arrows are drawn only where the locale can show them */
			if (!a->utf8 && (unsigned char)k[0] >= 0x80)
				/* TRANSLATORS: the arrow keys, in the key column of the help */
				k = _("arrows");
			else if (!a->utf8 && k[0] == 'j' && k[1] == ' ' && k[2] == 'k')
				k = "j k";
			ui_put_text(stdscr, y, 3, k, 20, false);
			ui_set(stdscr, R_NORMAL);
			ui_put_text(stdscr, y, 24, _(h->what), a->cols - 25, false);
		}
		ui_set(stdscr, R_NORMAL);
	}
}

enum ui_key
help_view_key(struct app *a, int is_key, wint_t ch)
{
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j'))
		help_top++;
	else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k'))
		help_top = help_top > 0 ? help_top - 1 : 0;
	else if (is_key && ch == KEY_NPAGE)
		help_top += a->rows - 4;
	else if (is_key && ch == KEY_PPAGE)
		help_top = help_top > a->rows - 4 ? help_top - (a->rows - 4) : 0;
	else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 'g'))
		help_top = 0;
	else if ((is_key && ch == KEY_END) || (!is_key && ch == 'G'))
		help_top = (int)NHELP;   /* the drawing keeps the last page full */
	else if (!is_key && (ch == 'q' || ch == 27 || ch == '?' || ch == 'h'))
		return UI_CLOSE;
	else if (is_key && ch == KEY_LEFT)
		return UI_CLOSE;
	else
		return UI_UNHANDLED;
	return UI_HANDLED;
}

const struct ui_view help_view = {
	.name = "help", .open = help_view_open, .draw = help_view_draw, .key = help_view_key,
};
