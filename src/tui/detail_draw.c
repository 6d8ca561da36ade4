/* detail_draw.c — the details drawn: each row with its value (a pending
 * edit marked *), the picture beside or under them, the reason a save or
 * a read failed, a note and the pending-changes line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "l10n.h"
#include "detail_state.h"
#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

static const char *const field_names[F_COUNT] = {
	[F_ID] = N_("ID"), [F_FILENAME] = N_("File name"), [F_TYPE] = N_("Type"),
	[F_SIZE] = N_("Size"), [F_DIMS] = N_("Dimensions"), [F_ALT] = N_("Alt text"),
	[F_TITLE] = N_("Title"), [F_DESC] = N_("Description"), [F_FOLDER] = N_("Folder"),
	[F_FOCAL] = N_("Focal point"), [F_URL] = N_("URL"), [F_CREATED] = N_("Created"),
};

const char *
detail_field_name(int f)
{
	return f >= 0 && f < F_COUNT ? _(field_names[f]) : "";
}

char *
detail_field_value(struct app *a, int f, bool *pending)
{
	struct detail *d = a->detail;
	const struct mt_media *m = &d->item;
	*pending = false;
	int slot = edit_slot(f);
	if (slot >= 0 && d->edit[slot]) {
		*pending = true;
		return xstrdup(d->edit[slot]);
	}
	char buf[64];
	switch (f) {
	case F_ID: return xstrdup(m->id);
	case F_FILENAME: return xstrdup(m->filename ? m->filename : "");
	case F_TYPE: return xstrdup(m->mime_type ? m->mime_type : "");
	case F_SIZE:
		if (m->size < 0)
			return xstrdup("-");
		mt_format_size(m->size, buf, sizeof buf);
		return xasprintf(P_("%s (%lld byte)", "%s (%lld bytes)", (unsigned long)m->size), buf,
		                 (long long)m->size);
	case F_DIMS:
		if (m->width <= 0 || m->height <= 0)
			return xstrdup("-");
		return xasprintf("%d %s %d", m->width, a->utf8 ? "\xc3\x97" : "x", m->height);
	case F_ALT: return xstrdup(m->alt ? m->alt : _("(none)"));
	case F_TITLE: return xstrdup(m->title ? m->title : "");
	case F_DESC: return xstrdup(m->description ? m->description : "");
	case F_FOLDER: return xstrdup(m->folder ? m->folder : "");
	case F_FOCAL:
		if (d->focal_pending) {
			*pending = true;
			return xasprintf("%g, %g", d->fx, d->fy);
		}
		if (m->focal_x < 0)
			return xstrdup("-");
		return xasprintf("%g, %g", m->focal_x, m->focal_y);
	case F_URL: return xstrdup(m->url ? m->url : "");
	case F_CREATED:
		mt_l10n_date(m->created_at, false, buf, sizeof buf);
		return xstrdup(buf);
	default: return xstrdup("");
	}
}

/* The rows ui_put_wrapped takes for text in width cells, at most max. */
static int
wrapped_rows(const char *text, int width, int max)
{
	char *t = mt_sanitize(text);
	const char *p = t;
	int n = 0;
	while (*p && n < max) {
		p += n == max - 1 ? strlen(p) : mt_text_break(p, width);
		while (*p == ' ')
			p++;
		n++;
	}
	free(t);
	return n;
}

/* A line under the fields: in their column when it fits there, else the
 * whole row. */
static int
beside_width(const char *text, int fw, int cols)
{
	if (fw >= cols)
		return cols - 2;
	char *t = mt_sanitize(text);
	int w = mt_text_width(t);
	free(t);
	return w <= fw - 2 ? fw - 2 : cols - 2;
}

void
detail_view_draw(struct app *a)
{
	struct detail *d = a->detail;
	if (!d->have)
		return;
	if (d->focal_open) {
		detail_focal_draw(a);
		return;
	}
	int y = 1;
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, y, 0, a->cols);
	char *t = xasprintf(" %s %s%s%s", _("Media"), d->item.filename ? d->item.filename : d->item.id,
	                    d->loading ? "  \xe2\x80\xa6" : "", d->saving ? _("  saving") : "");
	ui_put_text(stdscr, y, 0, t, a->cols, false);
	free(t);
	ui_set(stdscr, R_NORMAL);
	/* the picture goes right of the fields on wide screens, under them when
	 * six rows are left there, else right of them again (narrower): an
	 * 80x24 terminal showed no picture, and alt text was written blind */
	bool picture = preview_enabled(a) && preview_can_item(&d->item);
	bool under = a->cols < 96 && a->rows - (y + 2 + F_COUNT) - 4 >= 6;
	int fw = picture && !under ? ui_beside_cols(a) : a->cols;
	int label_w = 14, val_w = fw - label_w - 3;
	y += 2;
	int fields_top = y;
	for (int f = 0; f < F_COUNT && y < a->rows - 3; f++, y++) {
		bool editable = edit_slot(f) >= 0 || f == F_FOCAL;
		bool pending;
		char *v = detail_field_value(a, f, &pending);
		ui_set(stdscr, editable ? R_KEY : R_DIM);
		ui_put_text(stdscr, y, 1, _(field_names[f]), label_w - 1, true);
		ui_set(stdscr, pending ? R_WARN : R_NORMAL);
		mvwaddstr(stdscr, y, label_w, pending ? "*" : " ");
		if (f == F_ALT && d->item.alt == NULL && !pending)
			ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y, label_w + 1, v, val_w, true);
		ui_set(stdscr, R_NORMAL);
		free(v);
		if (f == d->field)
			mvwchgat(stdscr, y, 0, fw, ui_attr(R_CURSOR) & ~A_COLOR,
			         (short)PAIR_NUMBER(ui_attr(R_CURSOR)), NULL);
	}
	y++;
	int text_top = y;   /* the first row under the fields */
	/* the selected row whole when its row cuts it (a long description was
	 * readable only in its one-line prompt); not over a picture under them */
	int room = a->rows - 1 - y - (d->err[0] ? 3 : 0) - (d->note[0] ? 1 : 0) -
	           (has_pending(d) && !d->gone ? 1 : 0);   /* the lines below keep theirs */
	if (!(picture && fw == a->cols) && room > 0) {
		bool pending;
		char *v = detail_field_value(a, d->field, &pending);
		if (mt_text_width(v) > val_w) {
			ui_set(stdscr, R_DIM);
			y += ui_put_wrapped(stdscr, y, 1, v, fw - 2, room > 4 ? 4 : room);
			ui_set(stdscr, R_NORMAL);
		}
		free(v);
	}
	/* the lines under the fields: the reason a save or a read failed, a
	 * note, the pending line. Each has rows of its own, never over the
	 * picture: one wider than the fields' column takes the whole row, and
	 * a picture beside the fields ends above it; a picture under the
	 * fields stands above them all. */
	const char *pending_line = has_pending(d) && !d->gone ? _("* changed, not saved yet: w saves, u undoes") : NULL;
	int err_rows = d->err[0] ? wrapped_rows(d->err, a->cols - 2, 3) : 0;
	int below = err_rows + (d->note[0] ? 1 : 0) + (pending_line ? 1 : 0);
	int pic_h = 0;
	if (picture && fw == a->cols) {
		/* under the fields, the three rows above the status line kept
		 * for the lines below it (more when they need more) */
		pic_h = a->rows - y - 4 - (below > 3 ? below - 3 : 0);
		if (pic_h >= 6)
			y += pic_h;
		else
			pic_h = 0;
	}
	int full_from = a->rows;   /* the first row a line takes whole */
	if (d->err[0] && y < a->rows - 1) {
		/* the reason whole: a refused save cut at 80 columns hid why */
		int w = beside_width(d->err, fw, a->cols);
		if (w > fw - 2 && y < full_from)
			full_from = y;
		ui_set(stdscr, R_ERROR);
		y += ui_put_wrapped(stdscr, y, 1, d->err, w, a->rows - 1 - y > 3 ? 3 : a->rows - 1 - y);
		ui_set(stdscr, R_NORMAL);
	}
	if (d->note[0] && y < a->rows - 1) {
		int w = beside_width(d->note, fw, a->cols);
		if (w > fw - 2 && y < full_from)
			full_from = y;
		ui_set(stdscr, R_GOOD);
		ui_put_text(stdscr, y++, 1, d->note, w, false);
		ui_set(stdscr, R_NORMAL);
	}
	if (pending_line && y < a->rows - 1) {
		int w = beside_width(pending_line, fw, a->cols);
		if (w > fw - 2 && y < full_from)
			full_from = y;
		ui_set(stdscr, R_WARN);
		ui_put_text(stdscr, y, 1, pending_line, w, false);
		ui_set(stdscr, R_NORMAL);
	}
	if (picture) {
		double fx = d->focal_pending ? d->fx : d->item.focal_x >= 0 ? d->item.focal_x : 50;
		double fy = d->focal_pending ? d->fy : d->item.focal_y >= 0 ? d->item.focal_y : 50;
		if (fw < a->cols) {
			/* beside the fields, down to the status line or to the first
			 * line under them that takes the whole row */
			int bottom = full_from < a->rows ? full_from - 1 : a->rows - 3;
			if (bottom - fields_top + 1 >= 3)
				preview_draw(a, fields_top, fw + 1, bottom - fields_top + 1, a->cols - fw - 2, NULL,
				             true, fx, fy, NULL);
		} else if (pic_h > 0) {
			preview_draw(a, text_top, 1, pic_h, a->cols - 2, NULL, true, fx, fy, NULL);
		}
	}
}
