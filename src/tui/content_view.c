/* content_view.c — the content check's findings in the audit view, as
 * groups: the same file, near duplicates (with each one's distance),
 * oversized pictures (with what a resize saves), downloads that failed.
 * Each group shows its suggested keeper and why, the others as removable
 * with what they cost, and the selected group's pictures side by side;
 * d keeps the suggestion and deletes the rest through the one confirmation
 * every delete uses (backup first offered).
 *
 * Only where the cursor is lives here; the findings are scan_content.c's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "i18n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* the pictures need this much room under the list */
enum { STRIP_ROWS_MIN = 8, LIST_ROWS_MIN = 6 };

struct group {
	enum mt_finding_kind kind;
	size_t *member;             /* finding indices, the keeper first */
	size_t n, cap;
	int64_t removable;          /* bytes the non-keepers cost */
};

static struct { size_t cur, top; } cv;

static bool
grouped(enum mt_finding_kind k)
{
	return k == MT_FIND_DUPLICATE || k == MT_FIND_NEAR_DUPLICATE;
}

static void
group_add(struct group *g, const struct mt_audit *au, size_t i)
{
	const struct mt_finding *f = &au->findings[i];
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4;
		g->member = xreallocarray(g->member, g->cap, sizeof *g->member);
	}
	if (f->keep) {
		memmove(&g->member[1], &g->member[0], g->n * sizeof g->member[0]);
		g->member[0] = i;
	} else {
		g->member[g->n] = i;
		if (grouped(f->kind) && f->size > 0)
			g->removable += f->size;
	}
	g->n++;
	if (f->kind == MT_FIND_OVERSIZED && f->saved > 0)
		g->removable = f->saved;
}

/* Whether a group is shown under the audit's folder limit: when one of its
 * members is inside (a copy in the folder can go even if the one kept is
 * elsewhere). */
static bool
inside_limit(const struct mt_audit *au, const struct group *g, const char *limit)
{
	for (size_t i = 0; i < g->n; i++)
		if (mt_folder_within(au->findings[g->member[i]].folder, limit))
			return true;
	return false;
}

/* The groups of the findings (the caller frees). Same-file and near groups
 * by their number, an oversized picture each, failed downloads together. */
static size_t
groups_of(const struct mt_audit *au, const char *limit, struct group **out)
{
	struct group *g = xcalloc(au && au->nfindings ? au->nfindings : 1, sizeof *g);
	size_t n = 0;
	for (size_t i = 0; au && i < au->nfindings; i++) {
		const struct mt_finding *f = &au->findings[i];
		bool join = n > 0 && g[n - 1].kind == f->kind;
		if (join && grouped(f->kind))
			join = au->findings[g[n - 1].member[0]].group == f->group;
		if (f->kind == MT_FIND_OVERSIZED)
			join = false;
		if (!join)
			g[n++].kind = f->kind;
		group_add(&g[n - 1], au, i);
	}
	/* what can be removed first: same files, near duplicates, then the rest */
	static const enum mt_finding_kind order[] = { MT_FIND_DUPLICATE, MT_FIND_NEAR_DUPLICATE,
	                                              MT_FIND_OVERSIZED, MT_FIND_DOWNLOAD_FAILED,
	                                              MT_FIND_NOT_FETCHED };
	struct group *sorted = xcalloc(n ? n : 1, sizeof *sorted);
	size_t k = 0;
	for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
		for (size_t i = 0; i < n; i++)
			if (g[i].kind == order[o] && inside_limit(au, &g[i], limit)) {
				sorted[k++] = g[i];
				g[i].member = NULL;     /* now sorted's */
			}
	/* the groups left out (by the folder limit) */
	for (size_t i = 0; i < n; i++)
		free(g[i].member);
	free(g);
	*out = sorted;
	return k;
}

static void
groups_free(struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(g[i].member);
	free(g);
}

static const char *
reason_text(const char *reason)
{
	if (reason && strcmp(reason, "metadata") == 0)
		return _("keep: it has the most of alt text, title and focal point");
	if (reason && strcmp(reason, "largest") == 0)
		return _("keep: the largest");
	return _("keep: the oldest");
}

/* The heading of a group, for people. */
static char *
group_title(const struct group *g)
{
	char size[32];
	mt_format_size(g->removable, size, sizeof size);
	switch (g->kind) {
	case MT_FIND_DUPLICATE:
		return xasprintf(P_("Same file: %zu copy, %s removable",
		                    "Same file: %zu copies, %s removable", (unsigned long)g->n),
		                 g->n, size);
	case MT_FIND_NEAR_DUPLICATE:
		return xasprintf(P_("Near duplicates: %zu picture, %s removable",
		                    "Near duplicates: %zu pictures, %s removable", (unsigned long)g->n),
		                 g->n, size);
	case MT_FIND_OVERSIZED:
		return xasprintf(_("Oversized picture: a resize saves %s"), size);
	case MT_FIND_DOWNLOAD_FAILED:
		return xasprintf(P_("Download failed: %zu item", "Downloads failed: %zu items",
		                    (unsigned long)g->n), g->n);
	default:
		return xasprintf(P_("Not fetched (download budget): %zu item",
		                    "Not fetched (download budget): %zu items", (unsigned long)g->n),
		                 g->n);
	}
}

/* The members' rows: a keep/remove label, then name, folder, size and
 * why in columns the same for every group, so that they align. */
enum { MEMBER_X = 11, SIZE_W = 9 };
struct member_cols {
	int name, folder, why;
};

/* What a member's last column says: the keeper's reason, a near
 * duplicate's distance, a finding's detail. */
static char *
member_why(const struct mt_finding *f)
{
	if (f->keep)
		return xstrdup(reason_text(f->keep_reason));
	if (f->kind == MT_FIND_NEAR_DUPLICATE && f->distance >= 0)
		return xasprintf(P_("distance %d bit", "distance %d bits", (unsigned long)f->distance),
		                 f->distance);
	return xstrdup(f->detail ? f->detail : "");
}

/* A short why (a distance, a short detail) keeps its room on the row;
 * the folder is whole next (a copy is told from the keeper by it), then
 * the name, down to a floor; the why takes what is left. A long why (the
 * keeper's reason at 80 columns) goes on a line of its own. */
enum { WHY_SHORT = 24, NAME_MIN = 16 };
static struct member_cols
measure_members(const struct app *a, const struct mt_audit *au, const struct group *g, size_t ng)
{
	int name_need = 0, folder_need = 0, why_need = 0;
	for (size_t i = 0; i < ng; i++)
		for (size_t k = 0; k < g[i].n; k++) {
			const struct mt_finding *f = &au->findings[g[i].member[k]];
			name_need = mt_text_widest(name_need, f->filename ? f->filename : f->id);
			folder_need = mt_text_widest(folder_need, f->folder);
			char *why = member_why(f);
			int w = mt_text_width(why);
			if (w <= WHY_SHORT && w > why_need)
				why_need = w;
			free(why);
		}
	int room = a->cols - MEMBER_X - SIZE_W - 1;
	struct member_cols c;
	int folder_max = room - NAME_MIN - (why_need + 1);
	c.folder = folder_need + 1 < folder_max ? folder_need + 1 : folder_max;
	if (c.folder < 8)
		c.folder = 8;
	int name_max = room - c.folder - (why_need + 1);
	c.name = name_need + 1 < name_max ? name_need + 1 : name_max;
	if (c.name < NAME_MIN)
		c.name = NAME_MIN;
	c.why = room - c.name - c.folder;
	return c;
}

/* Rows a member takes: its why on a line of its own when too wide for
 * the row (the keeper's reason at 80 columns). */
static int
member_rows(const struct mt_finding *f, struct member_cols c)
{
	char *why = member_why(f);
	int w = mt_text_width(why);
	free(why);
	return w > c.why - 1 ? 2 : 1;
}

/* Line `part` of a member: 0 its row, 1 its why under it. */
static void
draw_member(struct app *a, int y, const struct mt_finding *f, struct member_cols c, int part)
{
	char *why = member_why(f);
	bool apart = mt_text_width(why) > c.why - 1;
	if (part == 1) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y, MEMBER_X, why, a->cols - MEMBER_X - 1, false);
		ui_set(stdscr, R_NORMAL);
		free(why);
		return;
	}
	int x = 3;
	if (grouped(f->kind)) {
		ui_set(stdscr, f->keep ? R_GOOD : R_WARN);
		ui_put_text(stdscr, y, x, f->keep ? _("keep") : _("remove"), 7, false);
		ui_set(stdscr, R_NORMAL);
	}
	x = MEMBER_X;
	ui_put_name(stdscr, y, x, f->filename ? f->filename : f->id, c.name - 1, true);
	x += c.name;
	ui_put_text(stdscr, y, x, f->folder ? f->folder : "", c.folder - 1, true);
	x += c.folder;
	char sz[32] = "";
	if (f->size >= 0)
		mt_format_size_fit(f->size, SIZE_W - 1, sz, sizeof sz);
	ui_put_right(stdscr, y, x, sz, SIZE_W - 1);
	x += SIZE_W;
	ui_set(stdscr, R_DIM);
	if (!apart && a->cols - x - 1 > 0)
		ui_put_text(stdscr, y, x, why, a->cols - x - 1, false);
	ui_set(stdscr, R_NORMAL);
	free(why);
}

static size_t
group_rows(const struct mt_audit *au, const struct group *g, struct member_cols c)
{
	size_t rows = 1;
	for (size_t k = 0; k < g->n; k++)
		rows += (size_t)member_rows(&au->findings[g->member[k]], c);
	return rows;
}

/* The line under the header: the check's progress, or what it found. */
static int
draw_status(struct app *a, int y, size_t ngroups)
{
	const struct content_status *s = content_check_status(a);
	char *line;
	enum ui_role role = R_NORMAL;
	if (s == NULL) {
		line = xstrdup(_("c checks the content of every item: same files under other names, near duplicates, oversized pictures"));
	} else if (s->running) {
		char bytes[32], rate[32], eta[32];
		mt_format_size(s->bytes, bytes, sizeof bytes);
		mt_format_size((int64_t)s->rate, rate, sizeof rate);
		ui_format_eta(s->eta_s >= 0 ? (double)s->eta_s : -1, eta, sizeof eta);
		/* TRANSLATORS: items done of all, bytes downloaded, download rate, time left */
		line = xasprintf(_("Checking content: %zu of %zu items, %s downloaded, %s/s, %s left  (Esc or c stops)"),
		                 s->done, s->total, bytes, rate, eta);
		role = R_WARN;
	} else if (s->cancelled && content_check_findings(a) == NULL) {
		line = xstrdup(_("content check stopped; c starts it again"));
	} else {
		char bytes[32];
		mt_format_size(s->bytes, bytes, sizeof bytes);
		/* TRANSLATORS: the failures first: a narrow terminal wraps the rest */
		line = xasprintf(P_("Content checked: %zu group; %zu failed, %zu downloaded (%s), %zu from the cache",
		                    "Content checked: %zu groups; %zu failed, %zu downloaded (%s), %zu from the cache",
		                    (unsigned long)ngroups),
		                 ngroups, s->failed, s->fetched, bytes, s->cached);
		role = ngroups ? R_NORMAL : R_GOOD;
	}
	/* whole on two lines at 80 columns rather than cut on one */
	ui_set(stdscr, role);
	y += ui_put_wrapped(stdscr, y, 1, line, a->cols - 2, 2) - 1;
	ui_set(stdscr, R_NORMAL);
	free(line);
	if (s && !s->running && ngroups) {
		ui_set(stdscr, R_DIM);
		y += ui_put_wrapped(stdscr, y + 1, 1,
		                    _("n/N: next/previous group  d: delete all but the keeper  Tab: other findings"),
		                    a->cols - 2, 2);
		ui_set(stdscr, R_NORMAL);
	}
	if (s && s->running) {
		double frac = s->total ? (double)s->done / (double)s->total : 0;
		ui_bar(stdscr, y + 1, 1, a->cols - 2 > 40 ? 40 : a->cols - 2, frac);
		return y + 2;
	}
	return y + 1;
}

static bool
has_pictures(struct app *a, const struct mt_audit *au, const struct group *g)
{
	for (size_t k = 0; k < g->n; k++) {
		const struct mt_media *m = content_check_item(a, au->findings[g->member[k]].id);
		if (m && preview_can_item(m))
			return true;
	}
	return false;
}

static void
draw_pictures(struct app *a, const struct mt_audit *au, const struct group *g, int y, int h)
{
	const struct mt_media *items[PICSTRIP_MAX];
	const char *caps[PICSTRIP_MAX];
	enum ui_role roles[PICSTRIP_MAX];
	char *owned[PICSTRIP_MAX];
	size_t n = 0;
	for (size_t k = 0; k < g->n && n < PICSTRIP_MAX; k++) {
		const struct mt_finding *f = &au->findings[g->member[k]];
		const struct mt_media *m = content_check_item(a, f->id);
		if (m == NULL || !preview_can_item(m))
			continue;
		items[n] = m;
		const char *name = f->filename ? f->filename : f->id;
		/* a failed download or an oversized picture is neither kept nor removed */
		owned[n] = grouped(f->kind) ? xasprintf("%s: %s", f->keep ? _("keep") : _("remove"), name)
		                            : xstrdup(name);
		caps[n] = owned[n];
		roles[n] = f->keep ? R_GOOD : grouped(f->kind) ? R_WARN : R_NORMAL;
		n++;
	}
	picstrip_want(a, items, n);
	if (n == 0) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y, 1, _("no pictures to show in this group"), a->cols - 2, false);
		ui_set(stdscr, R_NORMAL);
	} else {
		picstrip_draw(a, y, 1, h, a->cols - 2, caps, roles);
	}
	for (size_t i = 0; i < n; i++)
		free(owned[i]);
}

void
content_view_draw(struct app *a, int y, const char *limit)
{
	const struct mt_audit *au = content_check_findings(a);
	struct group *g;
	size_t ng = groups_of(au, limit, &g);
	y = draw_status(a, y, ng);
	if (ng == 0) {
		picstrip_want(a, NULL, 0);
		if (au) {
			ui_set(stdscr, R_GOOD);
			ui_put_text(stdscr, y, 1, _("no duplicates, near duplicates or oversized pictures"),
			            a->cols - 2, false);
			ui_set(stdscr, R_NORMAL);
		}
		groups_free(g, ng);
		return;
	}
	if (cv.cur >= ng)
		cv.cur = ng - 1;
	int avail = a->rows - a->status_rows - y;
	/* the pictures below the list when both fit; else a line saying so */
	int strip = avail >= LIST_ROWS_MIN + STRIP_ROWS_MIN ? avail / 2 : 1;
	bool pics = has_pictures(a, au, &g[cv.cur]);
	if (!pics)
		strip = 1;
	if (strip > 16)
		strip = 16;
	int list = avail - strip;
	if (list < 1) {
		groups_free(g, ng);
		return;
	}
	/* rows: a heading and the members of each group (a member's why may
	 * take a line of its own) */
	struct member_cols c = measure_members(a, au, g, ng);
	size_t first = 0, row = 0;
	for (size_t i = 0; i < cv.cur; i++)
		first += group_rows(au, &g[i], c);
	size_t last = first + group_rows(au, &g[cv.cur], c) - 1;
	if (first < cv.top)
		cv.top = first;
	if (last >= cv.top + (size_t)list)
		cv.top = last - (size_t)list + 1;
	if (first < cv.top)
		cv.top = first;   /* a group taller than the list: its heading first */
	int yy = y;
	for (size_t i = 0; i < ng && yy < y + list; i++) {
		if (row++ >= cv.top) {
			char *h = group_title(&g[i]);
			ui_set(stdscr, R_COLHEAD);
			ui_put_text(stdscr, yy, 1, h, a->cols - 2, false);
			ui_set(stdscr, R_NORMAL);
			if (i == cv.cur)
				mvwchgat(stdscr, yy, 0, a->cols, ui_attr(R_CURSOR) & ~A_COLOR,
				         (short)PAIR_NUMBER(ui_attr(R_CURSOR)), NULL);
			free(h);
			yy++;
		}
		for (size_t k = 0; k < g[i].n && yy < y + list; k++) {
			const struct mt_finding *f = &au->findings[g[i].member[k]];
			int h = member_rows(f, c);
			for (int part = 0; part < h && yy < y + list; part++)
				if (row++ >= cv.top)
					draw_member(a, yy++, f, c, part);
		}
	}
	if (!pics || strip >= STRIP_ROWS_MIN) {
		draw_pictures(a, au, &g[cv.cur], y + list, strip);
	} else {
		picstrip_want(a, NULL, 0);
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, y + list, 1,
		            _("no room for the pictures: enlarge the terminal to see them"), a->cols - 2,
		            false);
		ui_set(stdscr, R_NORMAL);
	}
	groups_free(g, ng);
}

/* d: the group's keeper stays, the rest goes through the one confirmation. */
static void
resolve_group(struct app *a, const struct mt_audit *au, const struct group *g)
{
	size_t n = 0;
	int64_t bytes = 0;
	char **ids = xcalloc(g->n, sizeof *ids), **names = xcalloc(g->n, sizeof *names);
	for (size_t k = 0; k < g->n && grouped(g->kind); k++) {
		const struct mt_finding *f = &au->findings[g->member[k]];
		if (f->keep || f->id == NULL)
			continue;
		if (bytes >= 0)
			bytes = f->size >= 0 ? bytes + f->size : -1;
		ids[n] = xstrdup(f->id);
		names[n++] = ui_delete_label(f->filename, f->id, f->folder, f->created_at);
	}
	if (n == 0) {
		free(ids);
		free(names);
		ui_message(a, R_NORMAL, "%s",
		           g->kind == MT_FIND_OVERSIZED
		               ? _("nothing to delete: an oversized picture is to be resized and uploaded again")
		               : _("nothing to delete in this group"));
		return;
	}
	/* the one call: every delete asks the same way */
	ui_batch_delete(a, ids, names, n, bytes, true);
}

enum ui_key
content_view_key(struct app *a, const char *limit, int is_key, wint_t ch)
{
	const struct mt_audit *au = content_check_findings(a);
	struct group *g;
	size_t ng = groups_of(au, limit, &g);
	enum ui_key rc = UI_HANDLED;
	bool down = (is_key && ch == KEY_DOWN) || (!is_key && (ch == 'j' || ch == 'n'));
	bool up = (is_key && ch == KEY_UP) || (!is_key && (ch == 'k' || ch == 'N'));
	if (down) {
		if (cv.cur + 1 < ng)
			cv.cur++;
	} else if (up) {
		if (cv.cur > 0)
			cv.cur--;
	} else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 'g')) {
		cv.cur = 0;
	} else if ((is_key && ch == KEY_END) || (!is_key && ch == 'G')) {
		cv.cur = ng ? ng - 1 : 0;
	} else if (!is_key && ch == 'd') {
		if (cv.cur < ng)
			resolve_group(a, au, &g[cv.cur]);
	} else if ((!is_key && ch > 0 && ch < 128 && strchr("Dael[]\r\n", (int)ch)) ||
	           (is_key && (ch == KEY_ENTER || ch == KEY_RIGHT || ch == KEY_NPAGE || ch == KEY_PPAGE))) {
		/* the findings page's keys: they would act on its finding, unseen */
		ui_message(a, R_WARN, "%s", _("not on this page: Tab shows the other findings, where it works"));
	} else {
		rc = UI_UNHANDLED;
	}
	groups_free(g, ng);
	return rc;
}
