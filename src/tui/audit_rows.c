/* audit_rows.c — the audit view's rows: each kind's columns measured from
 * its rows, and one finding drawn in them (name, folder, size, detail). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "l10n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* The text of a finding's last column: its detail, then its date. */
static char *
detail_text(const struct mt_finding *f)
{
	char day[64] = "";
	if (f->created_at)
		mt_l10n_date(f->created_at, false, day, sizeof day);
	return xasprintf("%s%s%s", f->detail ? f->detail : "", f->detail && day[0] ? "  " : "",
	                 day);
}

static int
least(int x, int y)
{
	return x < y ? x : y;
}

struct finding_cols
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
			char *det = detail_text(f);
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
	char *det = detail_text(f);
	ui_set(stdscr, R_DIM);
	ui_put_text(stdscr, y, x, det, c.det, false);
	ui_set(stdscr, R_NORMAL);
	free(det);
}
