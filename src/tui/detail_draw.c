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
	if (picture) {
		double fx = d->focal_pending ? d->fx : d->item.focal_x >= 0 ? d->item.focal_x : 50;
		double fy = d->focal_pending ? d->fy : d->item.focal_y >= 0 ? d->item.focal_y : 50;
		if (fw < a->cols)
			preview_draw(a, fields_top, fw + 1, a->rows - fields_top - 2, a->cols - fw - 2, NULL,
			             true, fx, fy, NULL);
		else if (a->rows - y - 4 >= 6)
			preview_draw(a, y + 1, 1, a->rows - y - 5, a->cols - 2, NULL, true, fx, fy, NULL);
	}
	y++;
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
	if (d->err[0] && y < a->rows - 1) {
		/* the reason whole: a refused save cut at 80 columns hid why */
		ui_set(stdscr, R_ERROR);
		y += ui_put_wrapped(stdscr, y, 1, d->err, a->cols - 2, a->rows - 1 - y > 3 ? 3 : a->rows - 1 - y);
		ui_set(stdscr, R_NORMAL);
	}
	if (d->note[0] && y < a->rows - 1) {
		ui_set(stdscr, R_GOOD);
		ui_put_text(stdscr, y++, 1, d->note, a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	}
	if (has_pending(d) && !d->gone && y < a->rows - 1) {
		ui_set(stdscr, R_WARN);
		ui_put_text(stdscr, y, 1, _("* changed, not saved yet: w saves, u undoes"), a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	}
}
