/* detail_focal.c — the focal point editor of the details: a crosshair on
 * the picture (or on a frame when there is none), the crops a site makes
 * around it, and its keys. Enter hands the point to detail.c to save. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "detail_state.h"
#include "i18n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

static double
clamp100(double v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

static void
focal_box(struct app *a, int top, int h, int maxw, int *bx, int *by, int *bw, int *bh)
{
	struct detail *d = a->detail;
	int iw = d->item.width > 0 ? d->item.width : 1, ih = d->item.height > 0 ? d->item.height : 1;
	preview_source_size(a, &iw, &ih);
	int maxh = h - 5;
	if (maxh < 3)
		maxh = 3;
	mt_cells_fit(iw, ih, maxw, maxh, bw, bh);
	if (*bw < 3)
		*bw = 3;
	if (*bh < 3)
		*bh = 3;
	*bx = 2 + (maxw - *bw) / 2;
	*by = top + 2 + (maxh - *bh) / 2;
}

/* the frame and dotted lines when there is no picture to show */
static void
focal_frame(struct app *a, int bx, int by, int bw, int bh)
{
	struct detail *d = a->detail;
	int cx = bx + (int)detail_round(d->ex / 100.0 * (bw - 1));
	int cy = by + (int)detail_round(d->ey / 100.0 * (bh - 1));
	ui_set(stdscr, R_DIM);
	for (int x = bx; x < bx + bw; x++)
		mvwaddstr(stdscr, cy, x, G.dot);
	for (int y = by; y < by + bh; y++)
		mvwaddstr(stdscr, y, cx, G.dot);
	ui_set(stdscr, R_FOCAL);
	mvwaddch(stdscr, cy, cx, '+');
	ui_set(stdscr, R_NORMAL);
}

void
detail_focal_draw(struct app *a)
{
	struct detail *d = a->detail;
	int top = 1, h = a->rows - 2;
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, top, 0, a->cols);
	char *t = xasprintf(_(" Focal point of %s  x %.0f  y %.0f"),
	                    d->item.filename ? d->item.filename : d->item.id, d->ex, d->ey);
	ui_put_text(stdscr, top, 0, t, a->cols, false);
	free(t);
	ui_set(stdscr, R_NORMAL);
	bool picture = preview_enabled(a) && preview_can_item(&d->item);
	/* wide screens show the crops beside the picture; narrow ones on v */
	bool side = picture && a->cols >= 110;
	const char *hint = picture && !side
	                   ? _("Enter save, Esc cancel; arrows/hjkl move 1, HJKL 10, n numbers, c centre, "
	                       "v crops")
	                   : _("Enter save, Esc cancel; arrows/hjkl move 1, HJKL or Shift+arrows 10, "
	                       "n numbers, c centre");
	/* the keys on two rows when one cuts them (80 columns lost "v crops"):
	 * the picture gives up the row */
	int hint_rows = mt_text_width(hint) > a->cols - 2 ? 2 : 1;
	h -= hint_rows - 1;
	int maxw = side ? a->cols * 3 / 5 - 4 : a->cols - 4;
	if (picture && !side && d->focal_crops) {
		preview_draw_crops(a, top + 2, 2, h - 4, a->cols - 4, d->ex, d->ey);
	} else {
		int bx, by, bw, bh;
		focal_box(a, top, h, maxw, &bx, &by, &bw, &bh);
		if (picture && preview_state(a, NULL) == PV_READY) {
			struct mt_crop_rect used;
			preview_draw(a, by, bx, bh, bw, NULL, true, d->ex, d->ey, &used);
			if (used.w > 0) {
				bx = used.x;
				by = used.y;
				bw = used.w;
				bh = used.h;
			}
		}
		/* the frame (ACS works in every locale) */
		mvwhline(stdscr, by - 1, bx, ACS_HLINE, bw);
		mvwhline(stdscr, by + bh, bx, ACS_HLINE, bw);
		mvwvline(stdscr, by, bx - 1, ACS_VLINE, bh);
		mvwvline(stdscr, by, bx + bw, ACS_VLINE, bh);
		mvwaddch(stdscr, by - 1, bx - 1, ACS_ULCORNER);
		mvwaddch(stdscr, by - 1, bx + bw, ACS_URCORNER);
		mvwaddch(stdscr, by + bh, bx - 1, ACS_LLCORNER);
		mvwaddch(stdscr, by + bh, bx + bw, ACS_LRCORNER);
		if (!(picture && preview_state(a, NULL) == PV_READY)) {
			focal_frame(a, bx, by, bw, bh);
			const char *why;
			enum pv_state st = preview_state(a, &why);
			if (picture && st != PV_NONE) {
				/* why there is no picture, under the frame */
				ui_set(stdscr, st == PV_FAILED ? R_WARN : R_DIM);
				ui_put_text(stdscr, by + bh + 1, bx,
				            st == PV_FAILED ? why
				                                     : _("loading the picture\xe2\x80\xa6"),
				            a->cols - bx - 1, false);
				ui_set(stdscr, R_NORMAL);
			}
		}
	}
	if (side)
		preview_draw_crops(a, top + 2, maxw + 5, h - 4, a->cols - maxw - 6, d->ex, d->ey);
	size_t take = hint_rows > 1 ? mt_text_break(hint, a->cols - 2) : strlen(hint);
	char *first = xstrndup(hint, take);
	ui_put_text(stdscr, a->rows - 1 - hint_rows, 1, first, a->cols - 2, false);
	free(first);
	if (hint_rows > 1)
		ui_put_text(stdscr, a->rows - 2, 1, hint + take + strspn(hint + take, " "), a->cols - 2, false);
}

static void
focal_numbers(struct app *a, const char *text, void *arg)
{
	(void)arg;
	if (text == NULL)
		return;
	double x, y;
	if (mt_parse_focal(text, &x, &y) < 0) {
		ui_message(a, R_ERROR, _("focal point: give X,Y with both between 0 and 100"));
		return;
	}
	a->detail->ex = x;
	a->detail->ey = y;
}

void
detail_focal_open(struct app *a)
{
	struct detail *d = a->detail;
	d->focal_open = true;
	d->sx = d->focal_pending ? d->fx : d->item.focal_x >= 0 ? d->item.focal_x : 50;
	d->sy = d->focal_pending ? d->fy : d->item.focal_y >= 0 ? d->item.focal_y : 50;
	d->focal_from_aside = d->focal_aside;
	d->ex = d->focal_aside ? d->ax : d->sx;
	d->ey = d->focal_aside ? d->ay : d->sy;
	if (d->focal_aside)
		ui_message(a, R_NORMAL, _("the point set aside, %.0f,%.0f (Esc drops it; it was %.0f,%.0f)"),
		           d->ex, d->ey, d->sx, d->sy);
}

/* Esc (or q): the point is left as it was. A point moved to is set aside
 * and said; Esc on the point set aside, unmoved, drops it. */
static void
focal_cancel(struct app *a)
{
	struct detail *d = a->detail;
	d->focal_open = false;
	bool moved = d->ex != d->sx || d->ey != d->sy;
	if (d->focal_from_aside && d->ex == d->ax && d->ey == d->ay) {
		d->focal_aside = false;
		ui_message(a, R_NORMAL, _("focal point %.0f,%.0f dropped; it stays %.0f,%.0f"), d->ax, d->ay,
		           d->sx, d->sy);
	} else if (moved) {
		d->focal_aside = true;
		d->ax = d->ex;
		d->ay = d->ey;
		ui_message(a, R_NORMAL, _("focal point not changed: %.0f,%.0f is set aside, f opens there again"),
		           d->ax, d->ay);
	}
}

enum ui_key
detail_focal_key(struct app *a, int is_key, wint_t ch)
{
	struct detail *d = a->detail;
	double dx = 0, dy = 0;
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: dx = -1; break;
		case KEY_RIGHT: dx = 1; break;
		case KEY_UP: dy = -1; break;
		case KEY_DOWN: dy = 1; break;
		case KEY_SLEFT: dx = -10; break;
		case KEY_SRIGHT: dx = 10; break;
		case KEY_SR: dy = -10; break;
		case KEY_SF: dy = 10; break;
		case KEY_ENTER: goto save;
		default: return UI_UNHANDLED;
		}
	} else {
		switch (ch) {
		case 'h': dx = -1; break;
		case 'l': dx = 1; break;
		case 'k': dy = -1; break;
		case 'j': dy = 1; break;
		case 'H': dx = -10; break;
		case 'L': dx = 10; break;
		case 'K': dy = -10; break;
		case 'J': dy = 10; break;
		case 'c': case '=': case '0':
			d->ex = d->ey = 50;
			return UI_HANDLED;
		case 'v':
			d->focal_crops = !d->focal_crops;
			return UI_HANDLED;
		case 'n': case ':': {
			char *cur = xasprintf("%g,%g", d->ex, d->ey);
			ui_prompt(a, _("Focal point X,Y (0-100)"), cur, focal_numbers, NULL, NULL);
			free(cur);
			return UI_HANDLED;
		}
		case '\r': case '\n': case 'w':
		save:
			d->fx = d->ex;
			d->fy = d->ey;
			d->focal_pending = true;
			d->focal_open = false;
			d->focal_save = true;
			d->focal_aside = false;
			return UI_HANDLED;
		case 27: case 'q':
			focal_cancel(a);
			return UI_HANDLED;
		default:
			return UI_UNHANDLED;
		}
	}
	d->ex = clamp100((double)detail_round(d->ex + dx));
	d->ey = clamp100((double)detail_round(d->ey + dy));
	return UI_HANDLED;
}

