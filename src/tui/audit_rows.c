/* audit_rows.c — the audit view's rows: each kind's columns measured from
 * its rows, and one finding drawn in them (name, folder, size, detail). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "i18n.h"
#include "l10n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

static int
least(int x, int y)
{
	return x < y ? x : y;
}

struct finding_cols
audit_finding_cols(const struct app *a, const struct mt_finding *v, const size_t *idx, size_t n)
{
	struct finding_cols c = { a->cols >= 100 ? 36 : 24, a->cols >= 100 ? 20 : 12, 9, 0 };
	int need = 0;
	for (size_t i = 0; i < n; i++) {
		const char *det = v[idx[i]].detail;
		int wi = det ? mt_text_width(det) : 0;
		if (wi > need)
			need = wi;
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
	return c;
}

void
audit_draw_finding(int y, const struct mt_finding *f, struct finding_cols c)
{
	int x = 3;
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
	ui_put_text(stdscr, y, x, f->id ? (f->folder ? f->folder : "") : "", c.folder - 1, true);
	x += c.folder;
	char sz[32] = "";
	if (f->size >= 0 && f->id)
		mt_format_size_fit(f->size, c.size - 1, sz, sizeof sz);
	ui_put_right(stdscr, y, x, sz, c.size - 1);
	x += c.size;
	char day[64] = "";
	if (f->created_at)
		mt_l10n_date(f->created_at, false, day, sizeof day);
	char *det = xasprintf("%s%s%s", f->detail ? f->detail : "", f->detail && day[0] ? "  " : "",
	                      day);
	ui_set(stdscr, R_DIM);
	ui_put_text(stdscr, y, x, det, c.det, false);
	ui_set(stdscr, R_NORMAL);
	free(det);
}
