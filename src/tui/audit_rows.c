/* audit_rows.c — the audit view's findings on the screen: a heading before
 * each kind, each kind's columns measured from its rows, and one finding
 * drawn in them (name, folder, size, detail). A folder is never cut, as
 * the content check's page never cuts a long reason: a folder cut short
 * tells two copies apart no more. When a kind with details (a type that
 * disagrees with the name, a size) has a folder too long for its column,
 * every row of the kind puts its folder and date on a line of their own
 * under it, and the row's room goes to the name and the detail; in a kind
 * without details, only a row whose folder is too long for the column
 * puts it on a line under the row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "audit_state.h"
#include "i18n.h"
#include "scan_state.h"
#include "l10n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* The text of a finding's last column: its detail, then its date. */
static char *
detail_text(const struct mt_finding *f, bool with_day)
{
	char day[64] = "";
	if (f->created_at && with_day)
		mt_l10n_date(f->created_at, false, day, sizeof day);
	return xasprintf("%s%s%s", f->detail ? f->detail : "", f->detail && day[0] ? "  " : "",
	                 day);
}

static int
least(int x, int y)
{
	return x < y ? x : y;
}

static const char *
kind_title(enum mt_finding_kind k)
{
	switch (k) {
	case MT_FIND_MISSING_ALT: return _("Images without alt text");
	case MT_FIND_OVERSIZED: return _("Oversized files");
	case MT_FIND_DUPLICATE: return _("Duplicates (same name and size; the oldest is kept)");
	case MT_FIND_MISMATCH: return _("Name and type disagree");
	case MT_FIND_EMPTY_FOLDER: return _("Empty folders");
	case MT_FIND_NEAR_DUPLICATE: return _("Near duplicates (the same picture re-encoded or resized)");
	case MT_FIND_DOWNLOAD_FAILED: return _("Downloads that failed");
	case MT_FIND_NOT_FETCHED: return _("Not fetched (download budget)");
	}
	return "?";
}

/* The columns of one kind's rows, the same for every row so they align;
 * apart: every row's folder (and date) on a line of its own. */
struct finding_cols {
	int name, folder, size, det;
	bool apart;
};

/* Measures the n findings v[idx[..]] of one kind: the detail is whole
 * first (name and folder give way, down to 16 and 8 cells); the room it and
 * the date leave widens the folder, then the name, as far as they need. A
 * folder still cut goes on a line of its own, and the name takes its room. */
static struct finding_cols
audit_finding_cols(const struct app *a, const struct mt_finding *v, const size_t *idx, size_t n)
{
	struct finding_cols c = { a->cols >= 100 ? 36 : 24, a->cols >= 100 ? 20 : 12, 9, 0 };
	/* what the rows hold: the widest detail, name and folder; a date is
	 * as wide on every row, so one is measured (the kind may have
	 * thousands of rows, and this runs on every frame) */
	int need = 0, name_need = 0, folder_need = 0, day_w = -1;
	for (size_t i = 0; i < n; i++) {
		const struct mt_finding *f = &v[idx[i]];
		need = mt_text_widest(need, f->detail);
		name_need = mt_text_widest(name_need, f->filename ? f->filename : f->folder);
		if (f->id)
			folder_need = mt_text_widest(folder_need, f->folder);
		if (day_w < 0 && f->created_at) {
			char *det = detail_text(f, true);
			day_w = mt_text_width(det) - (f->detail ? mt_text_width(f->detail) : 0);
			free(det);
		}
	}
	/* the detail ("named .png, served as image/jpeg") is the finding: name
	 * and folder give way to it, down to 16 and 8 cells */
	c.det = a->cols - c.name - c.folder - c.size - 8;
	int short_by = need - c.det;
	int give = short_by > 0 ? least(short_by, c.name - 16) : 0;
	if (give > 0) {
		c.name -= give;
		short_by -= give;
	}
	give = short_by > 0 ? least(short_by, c.folder - 8) : 0;
	if (give > 0)
		c.folder -= give;
	c.det = a->cols - c.name - c.folder - c.size - 8;
	/* the room the detail and its date leave, and the name's when its
	 * rows are short, goes to the folder (then the name): a long folder is
	 * whole when the row has room for it. Each column keeps a cell apart. */
	int spare = c.det - (need + (day_w > 0 ? day_w : 0));
	int name_spare = c.name - 1 - (name_need > 15 ? name_need : 15);
	int want = folder_need + 1 - c.folder;
	if (want > 0 && spare > 0) {
		give = least(want, spare);
		c.folder += give;
		spare -= give;
		want -= give;
	}
	if (want > 0 && name_spare > 0) {
		give = least(want, name_spare);
		c.folder += give;
		c.name -= give;
	}
	want = name_need + 1 - c.name;
	if (want > 0 && spare > 0)
		c.name += least(want, spare);
	if (folder_need > c.folder - 1 && need > 0) {
		/* the folder gives its column up: name and detail whole */
		c.apart = true;
		c.folder = 0;
		int room = a->cols - c.size - 8 - need;
		c.name = name_need + 1 < room ? name_need + 1 : room;
		if (c.name < 16)
			c.name = 16;
	}
	c.det = a->cols - c.name - c.folder - c.size - 8;
	return c;
}

/* Whether the finding's folder goes on a line under its row. */
static bool
folder_under(const struct mt_finding *f, struct finding_cols c)
{
	return f->id && (c.apart || (f->folder && mt_text_width(f->folder) > c.folder - 1));
}

/* Lines a finding takes: its row, and its folder under it. */
static int
finding_lines(const struct mt_finding *f, struct finding_cols c)
{
	return folder_under(f, c) ? 2 : 1;
}

/* Line `part` of a finding: 0 its row, 1 its folder under the name. */
static void
audit_draw_finding(const struct app *a, int y, const struct mt_finding *f, struct finding_cols c,
                   int part)
{
	int x = f->kind == MT_FIND_DUPLICATE ? 6 : 3;
	if (part == 1) {   /* the folder whole, then the date the row had no room for */
		char day[64] = "";
		if (f->created_at && c.apart)
			mt_l10n_date(f->created_at, false, day, sizeof day);
		char *line = xasprintf("%s%s%s", f->folder ? f->folder : "/", day[0] ? "  " : "", day);
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y, x + 2, line, a->cols - x - 3, true);
		ui_set(stdscr, R_NORMAL);
		free(line);
		return;
	}
	x = 3;
	if (f->kind == MT_FIND_DUPLICATE) {
		ui_set(stdscr, f->keep ? R_GOOD : R_WARN);
		ui_put_text(stdscr, y, 1, f->keep ? _("keep") : _("dup"), 4, false);
		ui_set(stdscr, R_NORMAL);
		x = 6;
	}
	/* an empty folder's row names the folder: a path keeps its start */
	if (f->filename)
		ui_put_name(stdscr, y, x, f->filename, c.name - 1, true);
	else
		ui_put_text(stdscr, y, x, f->folder, c.name - 1, true);
	x += c.name;
	if (!folder_under(f, c))
		ui_put_text(stdscr, y, x, f->id ? (f->folder ? f->folder : "") : "", c.folder - 1, true);
	x += c.folder;
	char sz[32] = "";
	if (f->size >= 0 && f->id)
		mt_format_size_fit(f->size, c.size - 1, sz, sizeof sz);
	ui_put_right(stdscr, y, x, sz, c.size - 1);
	x += c.size;
	char *det = detail_text(f, !c.apart);
	ui_set(stdscr, R_DIM);
	ui_put_text(stdscr, y, x, det, c.det, false);
	ui_set(stdscr, R_NORMAL);
	free(det);
}

/* The columns of the kind whose first shown finding is idx[i]. */
static struct finding_cols
kind_cols(const struct app *a, const struct mt_audit *au, const size_t *idx, size_t n, size_t i)
{
	size_t count = 0;
	for (size_t k = i; k < n && au->findings[idx[k]].kind == au->findings[idx[i]].kind; k++)
		count++;
	return audit_finding_cols(a, au->findings, idx + i, count);
}

void
audit_draw_findings(struct app *a, int y, bool *heading_first)
{
	struct scan *s = a->scan;
	struct mt_audit *au = &s->audit;
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	if (n == 0) {
		ui_set(stdscr, R_GOOD);
		ui_put_text(stdscr, y, 1, _("nothing to report"), a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
		free(idx);
		return;
	}
	if (audit_at.cur >= n)
		audit_at.cur = n - 1;
	int body = a->rows - a->status_rows - y;
	if (body < 1) {
		free(idx);
		return;
	}
	/* flatten to lines: a heading before each kind, a finding's folder
	 * under it when apart */
	size_t cur_row = 0, cur_lines = 1, nrows = 0;
	struct finding_cols cols = { 0 };
	for (size_t i = 0; i < n; i++) {
		const struct mt_finding *f = &au->findings[idx[i]];
		if (i == 0 || f->kind != au->findings[idx[i - 1]].kind) {
			cols = kind_cols(a, au, idx, n, i);
			nrows++;
		}
		int lines = finding_lines(f, cols);
		if (i == audit_at.cur) {
			cur_row = nrows;
			cur_lines = (size_t)lines;
		}
		nrows += (size_t)lines;
	}
	if (*heading_first && cur_row > 0)
		audit_at.top = cur_row - 1;   /* after ] or [: the kind's heading on top */
	*heading_first = false;
	if (cur_row < audit_at.top + 1 && cur_row > 0)
		audit_at.top = cur_row - 1;
	if (cur_row < audit_at.top)
		audit_at.top = cur_row;
	if (cur_row + cur_lines > audit_at.top + (size_t)body)
		audit_at.top = cur_row + cur_lines > (size_t)body ? cur_row + cur_lines - (size_t)body : 0;
	size_t row = 0;
	for (size_t i = 0; i < n && y < a->rows - a->status_rows; i++) {
		const struct mt_finding *f = &au->findings[idx[i]];
		if (i == 0 || f->kind != au->findings[idx[i - 1]].kind) {
			size_t count = 0;
			for (size_t k = i; k < n && au->findings[idx[k]].kind == f->kind; k++)
				count++;
			cols = kind_cols(a, au, idx, n, i);
			if (row >= audit_at.top && y < a->rows - a->status_rows) {
				char *h;
				if (f->kind == MT_FIND_OVERSIZED) {
					/* the threshold o changes, in sight */
					char size[32];
					mt_format_size(au->large_bytes, size, sizeof size);
					h = xasprintf(_("Oversized files, above %s (%zu)"), size, count);
				} else {
					h = xasprintf("%s (%zu)", kind_title(f->kind), count);
				}
				ui_set(stdscr, R_COLHEAD);
				ui_put_text(stdscr, y++, 1, h, a->cols - 2, false);
				ui_set(stdscr, R_NORMAL);
				free(h);
			}
			row++;
		}
		for (int part = 0; part < finding_lines(f, cols); part++) {
			if (row++ < audit_at.top || y >= a->rows - a->status_rows)
				continue;
			audit_draw_finding(a, y, f, cols, part);
			if (i == audit_at.cur)
				mvwchgat(stdscr, y, 0, a->cols, ui_attr(R_CURSOR) & ~A_COLOR,
				         (short)PAIR_NUMBER(ui_attr(R_CURSOR)), NULL);
			y++;
		}
	}
	free(idx);
}

