/* draw.c — colour roles, glyphs and the text helpers every view uses. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* One row per role: colour pair (fg, bg; -1 = terminal default), the
 * attributes with colour, and the attributes in monochrome. */
struct role_style {
	short fg, bg;
	attr_t color_attr;
	attr_t mono_attr;
};

static const struct role_style styles[R_COUNT] = {
	[R_NORMAL]     = { -1, -1, A_NORMAL, A_NORMAL },
	[R_HEADER]     = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[R_STATUS]     = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[R_TITLE]      = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[R_TITLE_OFF]  = { -1, -1, A_BOLD, A_BOLD },
	[R_COLHEAD]    = { COLOR_YELLOW, -1, A_BOLD, A_UNDERLINE },
	[R_CURSOR]     = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[R_CURSOR_OFF] = { -1, -1, A_REVERSE | A_DIM, A_UNDERLINE },
	[R_DIR]        = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[R_MARK]       = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[R_WARN]       = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[R_ERROR]      = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[R_GOOD]         = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[R_DIM]        = { -1, -1, A_DIM, A_DIM },
	[R_BAR]        = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[R_BAR_HIGH]   = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[R_BAR_EMPTY]  = { -1, -1, A_DIM, A_NORMAL },
	[R_KEY]        = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[R_DIALOG]     = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL },
	[R_FOCAL]      = { COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE },
};

static bool use_color;

void
ui_colors_init(bool want_color)
{
	use_color = false;
	if (!want_color || !has_colors())
		return;
	if (start_color() == ERR)
		return;
	bool defaults = use_default_colors() == OK;
	if (COLOR_PAIRS < R_COUNT + 1)
		return;
	for (int r = 0; r < R_COUNT; r++) {
		short fg = styles[r].fg, bg = styles[r].bg;
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(r + 1), fg, bg);
	}
	use_color = true;
}

attr_t
ui_attr(enum ui_role r)
{
	if (use_color)
		return styles[r].color_attr | COLOR_PAIR(r + 1);
	return styles[r].mono_attr;
}

void
ui_set(WINDOW *w, enum ui_role r)
{
	wattrset(w, (int)ui_attr(r));
}

struct ui_glyphs G;
static bool ascii_only;

void
ui_glyphs_init(bool utf8)
{
	ascii_only = !utf8;
	if (utf8) {
		G = (struct ui_glyphs){ .bar_full = "\u2588", .bar_empty = "\u2591", .mark = "\u25cf",
		                        .warn = "!", .up = "\u2191", .dir_suffix = "/", .vline = "\u2502",
		                        .cross = "\u253c", .dot = "\u00b7" };
	} else {
		G = (struct ui_glyphs){ .bar_full = "#", .bar_empty = ".", .mark = "*", .warn = "!",
		                        .up = "^", .dir_suffix = "/", .vline = "|", .cross = "+",
		                        .dot = "." };
	}
}

/* For a locale that cannot show UTF-8: our own few symbols get ASCII
 * stand-ins, every other character beyond ASCII becomes '?'. */
static char *
to_ascii(char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; ) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			out[o++] = (char)c;
			i++;
			continue;
		}
		unsigned cp = 0;
		size_t n = mt_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1;
		const char *rep = "?";
		switch (cp) {
		case 0x2026: rep = "..."; break;
		case 0x00d7: rep = "x"; break;
		case 0x2191: rep = "^"; break;
		case 0x2193: rep = "v"; break;
		case 0x2190: rep = "<"; break;
		case 0x2192: rep = ">"; break;
		case 0x2502: rep = "|"; break;
		default: break;
		}
		size_t rl = strlen(rep);
		memcpy(out + o, rep, rl);
		o += rl;
		i += n;
	}
	out[o] = '\0';
	free(s);
	return out;
}

/* sanitised first, then cut: at the end, or in the middle for a file name */
static char *
fit(const char *s, int width, bool pad, bool name)
{
	if (width < 0)
		width = 0;
	char *clean = mt_sanitize(s ? s : "");
	if (ascii_only)
		clean = to_ascii(clean);
	size_t outlen = strlen(clean) + (size_t)width + 8;
	char *out = xmalloc(outlen);
	if (name)
		mt_text_fit_name(clean, width, pad, out, outlen);
	else
		mt_text_fit(clean, width, pad, out, outlen);
	free(clean);
	return out;
}

char *
ui_fit(const char *s, int width, bool pad)
{
	return fit(s, width, pad, false);
}

static int
put(WINDOW *w, int y, int x, const char *s, int width, bool pad, bool name)
{
	if (width <= 0)
		return 0;
	char *t = fit(s, width, pad, name);
	mvwaddstr(w, y, x, t);
	int used = mt_text_width(t);
	free(t);
	return used;
}

int
ui_put_text(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	return put(w, y, x, s, width, pad, false);
}

int
ui_put_wrapped(WINDOW *w, int y, int x, const char *s, int width, int rows)
{
	if (rows <= 0 || width <= 0)
		return 0;
	char *text = mt_sanitize(s);
	const char *p = text;
	int used = 0;
	while (*p && used < rows) {
		/* the last row takes the rest, cut with an ellipsis */
		size_t take = used == rows - 1 ? strlen(p) : mt_text_break(p, width);
		char *piece = xstrndup(p, take);
		ui_put_text(w, y + used++, x, piece, width, false);
		free(piece);
		p += take;
		while (*p == ' ')
			p++;
	}
	free(text);
	return used;
}

int
ui_put_name(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	return put(w, y, x, s, width, pad, true);
}

void
ui_add_part(char *buf, size_t len, const char *text)
{
	size_t l = strlen(buf);
	if (text && *text && l < len)
		snprintf(buf + l, len - l, "  %s", text);
}

void
ui_parts_add(struct ui_parts *ps, const char *text, const char *shorter, int shorten_step,
             int drop_step)
{
	if (ps->n >= UI_PARTS_MAX || text == NULL || text[0] == '\0')
		return;
	int i = ps->n++;
	snprintf(ps->text[i][0], sizeof ps->text[i][0], "%s", text);
	snprintf(ps->text[i][1], sizeof ps->text[i][1], "%s", shorter ? shorter : "");
	ps->p[i] = (struct mt_fit_part){ .text = ps->text[i][0], .shorter = shorter ? ps->text[i][1] : NULL,
	                                 .shorten_step = shorten_step, .drop_step = drop_step };
}

void
ui_parts_join(const struct ui_parts *ps, int from, int to, char *buf, size_t len)
{
	buf[0] = '\0';
	for (int i = from; i < to && i < ps->n; i++) {
		const char *t = ps->p[i].shown;
		if (t == NULL)
			continue;
		char cut[sizeof ps->text[0][0] * 2];
		if (ps->p[i].cells < mt_text_width(t)) {
			mt_text_fit(t, ps->p[i].cells, 0, cut, sizeof cut);
			t = cut;
		}
		size_t l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s", l ? "  " : "", t);
	}
}

int
ui_put_right(WINDOW *w, int y, int x, const char *s, int width)
{
	if (width <= 0)
		return 0;
	char *t = ui_fit(s, width, false);
	int used = mt_text_width(t);
	for (int i = 0; i < width - used; i++)
		mvwaddch(w, y, x + i, ' ');
	mvwaddstr(w, y, x + width - used, t);
	free(t);
	return width;
}

void
ui_fill(WINDOW *w, int y, int x, int width)
{
	if (width > 0)
		mvwhline(w, y, x, ' ', width);
}

void
ui_bar(WINDOW *w, int y, int x, int width, double frac)
{
	if (width <= 0)
		return;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int fill = (int)(frac * width + 0.5);
	attr_t saved;
	short pair;
	wattr_get(w, &saved, &pair, NULL);
	wmove(w, y, x);
	ui_set(w, frac >= 0.9 ? R_BAR_HIGH : R_BAR);
	for (int i = 0; i < fill; i++)
		waddstr(w, G.bar_full);
	ui_set(w, R_BAR_EMPTY);
	for (int i = fill; i < width; i++)
		waddstr(w, G.bar_empty);
	wattr_set(w, saved, pair, NULL);
}

void
ui_format_eta(double s, char *out, size_t outlen)
{
	if (!(s >= 0) || s > 99 * 3600) {
		snprintf(out, outlen, "--");
		return;
	}
	long t = (long)(s + 0.5);
	if (t < 60)
		snprintf(out, outlen, "%lds", t);
	else if (t < 3600)
		snprintf(out, outlen, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(out, outlen, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
}

int
ui_beside_cols(const struct app *a)
{
	if (a->cols >= 96)
		return a->cols / 2;
	return a->cols >= 64 ? a->cols - 32 : a->cols;
}
