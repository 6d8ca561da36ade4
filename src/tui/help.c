/* help.c — every key, by screen, in the current language. */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "ui.h"

struct help_line {
	const char *keys;      /* NULL: a heading */
	const char *what;
};

static const struct help_line help[] = {
	{ NULL, N_("Everywhere") },
	{ "?", N_("this help") },
	{ "q  Esc", N_("back; in the main view quit (asks while uploads run)") },
	{ "Tab  Shift+Tab", N_("next / previous pane") },
	{ "j k  \xe2\x86\x93 \xe2\x86\x91", N_("move down / up") },
	{ "PgDn PgUp  ^F ^B", N_("page down / up") },
	{ "g G  Home End", N_("first / last (G loads every page)") },
	{ "U", N_("show or hide the upload panel") },
	{ "v", N_("usage: storage per folder and type, plan bar") },
	{ "A", N_("audit: missing alt, oversized, duplicates, mismatches, empty folders") },
	{ "^L", N_("redraw the screen") },
	{ NULL, N_("Remote pane") },
	{ "Enter  l", N_("open the folder or the item") },
	{ "Backspace  h", N_("up one folder (or leave the search)") },
	{ "/", N_("search on the server (as you type)") },
	{ "s  o", N_("sort by date, name, size / reverse the order") },
	{ "t", N_("type filter: all, image, document, video") },
	{ "r  F5", N_("refresh") },
	{ "Space  a", N_("mark the item / mark all loaded items") },
	{ "d  Delete", N_("delete the marked items (or this one, or the empty folder)") },
	{ "m", N_("move the marked items (or this one) to a folder") },
	{ "c", N_("create a folder here") },
	{ "P", N_("preview the picture (c in the preview shows the crops)") },
	{ NULL, N_("Local pane") },
	{ "Enter  l", N_("open the directory") },
	{ "Backspace  h", N_("parent directory") },
	{ "Space  a  *", N_("mark a file / all files / files matching a pattern") },
	{ "u", N_("upload the marked files (or this one) into the remote folder") },
	{ ".", N_("show hidden files") },
	{ "!", N_("(mark) content and name disagree, or the site refuses the file") },
	{ "Enter  P", N_("preview a picture (JPEG, PNG, GIF, WebP)") },
	{ NULL, N_("Upload panel") },
	{ "p", N_("pause / resume all uploads") },
	{ "x  X", N_("cancel the selected upload / all uploads") },
	{ "R", N_("retry the failed uploads") },
	{ NULL, N_("Item details") },
	{ "Enter  e", N_("edit the field (alt, title, description, folder, focal point)") },
	{ "a  m  f", N_("edit alt text / pick a folder / focal point editor") },
	{ "w", N_("save the changes (PATCH)") },
	{ "u", N_("undo the unsaved changes") },
	{ "d", N_("delete the item") },
	{ "p", N_("show or hide the picture") },
	{ "c  P", N_("the crops around the focal point / the picture alone") },
	{ NULL, N_("Focal point editor") },
	{ "\xe2\x86\x90\xe2\x86\x91\xe2\x86\x93\xe2\x86\x92  hjkl", N_("move the crosshair by 1") },
	{ "Shift+arrows  HJKL", N_("move by 10") },
	{ "n", N_("enter X,Y as numbers") },
	{ "c", N_("back to the centre (50, 50)") },
	{ "v", N_("the crops instead of the picture (when they do not fit beside it)") },
	{ "Enter  w", N_("save the focal point") },
	{ NULL, N_("Audit") },
	{ "Enter", N_("open the item") },
	{ "a", N_("set the alt text") },
	{ "d  D", N_("delete this group's duplicates / all duplicates, keeping the oldest") },
	{ "r", N_("scan again") },
};

#define NHELP (sizeof help / sizeof help[0])

void
help_view_draw(struct app *a)
{
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, 1, 0, a->cols);
	ui_put_text(stdscr, 1, 0, _(" Keys"), a->cols, false);
	ui_set(stdscr, R_NORMAL);
	int body = a->rows - 3;
	if (a->help_top > (int)NHELP - body)
		a->help_top = (int)NHELP - body > 0 ? (int)NHELP - body : 0;
	for (int i = 0; i < body && a->help_top + i < (int)NHELP; i++) {
		const struct help_line *h = &help[a->help_top + i];
		int y = 2 + i;
		if (h->keys == NULL) {
			ui_set(stdscr, R_COLHEAD);
			ui_put_text(stdscr, y, 1, _(h->what), a->cols - 2, false);
		} else {
			ui_set(stdscr, R_KEY);
			const char *k = h->keys;
			/* the arrows are drawn only where the locale can show them */
			if (!a->utf8 && (unsigned char)k[0] >= 0x80)
				k = "arrows";
			else if (!a->utf8 && k[0] == 'j' && k[1] == ' ' && k[2] == 'k')
				k = "j k";
			ui_put_text(stdscr, y, 3, k, 20, false);
			ui_set(stdscr, R_NORMAL);
			ui_put_text(stdscr, y, 24, _(h->what), a->cols - 25, false);
		}
		ui_set(stdscr, R_NORMAL);
	}
}

int
help_view_key(struct app *a, int is_key, wint_t ch)
{
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j'))
		a->help_top++;
	else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k'))
		a->help_top = a->help_top > 0 ? a->help_top - 1 : 0;
	else if (is_key && ch == KEY_NPAGE)
		a->help_top += a->rows - 4;
	else if (is_key && ch == KEY_PPAGE)
		a->help_top = a->help_top > a->rows - 4 ? a->help_top - (a->rows - 4) : 0;
	else if (!is_key && (ch == 'q' || ch == 27 || ch == '?' || ch == 'h'))
		ui_view_open(a, a->view_back == VIEW_HELP ? VIEW_MAIN : a->view_back);
	else if (is_key && ch == KEY_LEFT)
		ui_view_open(a, a->view_back == VIEW_HELP ? VIEW_MAIN : a->view_back);
	else
		return UI_UNHANDLED;
	return UI_HANDLED;
}
