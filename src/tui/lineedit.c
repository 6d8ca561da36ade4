/* lineedit.c — the line editor every prompt types into: a line of wide
 * characters with a cursor, its keys (moves, deletes, a selection that
 * typing replaces) and its drawing, scrolled to keep the cursor shown. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "strbuf.h"
#include "ui.h"
#include "xalloc.h"

void
ui_line_set(struct ui_line *l, const char *s)
{
	l->len = 0;
	if (s) {
		mbstate_t st;
		memset(&st, 0, sizeof st);
		const char *p = s;
		size_t n = mbsrtowcs(l->buf, &p, sizeof l->buf / sizeof l->buf[0] - 1, &st);
		if (n == (size_t)-1) {
			/* not valid in this locale: take the bytes one by one */
			n = 0;
			for (const unsigned char *b = (const unsigned char *)s;
			     *b && n < sizeof l->buf / sizeof l->buf[0] - 1; b++)
				l->buf[n++] = *b < 0x80 ? (wchar_t)*b : L'?';
		}
		l->len = (int)n;
	}
	l->buf[l->len] = L'\0';
	l->pos = l->len;
	l->selected = l->len > 0;
}

/* A key on a selected line: text and deletions replace the selection, any
 * other key only lifts it. Returns true when the selection was deleted. */
static bool
line_unselect(struct ui_line *l, int is_key, wint_t c)
{
	if (!l->selected)
		return false;
	l->selected = false;
	bool erase = is_key ? c == KEY_BACKSPACE || c == KEY_DC
	                    : c == 127 || c == 8 || c == 21 || c == 11 || c == 23 ||
	                      (c >= 32 && c != 127 && !(c >= 0x80 && c < 0xa0) && iswprint(c));
	if (!erase)
		return false;
	l->len = l->pos = 0;
	l->buf[0] = L'\0';
	return true;
}

char *
ui_line_text(const struct ui_line *l)
{
	size_t cap = (size_t)l->len * MB_CUR_MAX + 1;
	char *out = xmalloc(cap);
	size_t o = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (int i = 0; i < l->len; i++) {
		size_t n = wcrtomb(out + o, l->buf[i], &st);
		if (n == (size_t)-1) {
			out[o++] = '?';
			memset(&st, 0, sizeof st);
		} else {
			o += n;
		}
	}
	out[o] = '\0';
	return out;
}

int
ui_line_key(struct ui_line *l, int is_key, wint_t ch)
{
	int max = (int)(sizeof l->buf / sizeof l->buf[0]) - 1;
	if (line_unselect(l, is_key, ch) && !(!is_key && ch >= 32 && ch != 127))
		return UI_HANDLED;   /* a deletion took the selection */
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: if (l->pos > 0) l->pos--; return UI_HANDLED;
		case KEY_RIGHT: if (l->pos < l->len) l->pos++; return UI_HANDLED;
		case KEY_HOME: l->pos = 0; return UI_HANDLED;
		case KEY_END: l->pos = l->len; return UI_HANDLED;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_DC:
			if (l->pos < l->len) {
				memmove(&l->buf[l->pos], &l->buf[l->pos + 1],
				        (size_t)(l->len - l->pos) * sizeof(wchar_t));
				l->len--;
			}
			return UI_HANDLED;
		default:
			return UI_UNHANDLED;
		}
	}
	switch (ch) {
	case 127: case 8:
	backspace:
		if (l->pos > 0) {
			memmove(&l->buf[l->pos - 1], &l->buf[l->pos],
			        (size_t)(l->len - l->pos + 1) * sizeof(wchar_t));
			l->pos--;
			l->len--;
		}
		return UI_HANDLED;
	case 1: l->pos = 0; return UI_HANDLED;         /* ^A */
	case 5: l->pos = l->len; return UI_HANDLED;    /* ^E */
	case 21:                                       /* ^U */
		memmove(l->buf, &l->buf[l->pos], (size_t)(l->len - l->pos + 1) * sizeof(wchar_t));
		l->len -= l->pos;
		l->pos = 0;
		return UI_HANDLED;
	case 11: l->len = l->pos; l->buf[l->len] = L'\0'; return UI_HANDLED;   /* ^K */
	case 23:                                       /* ^W */
	{
		int p = l->pos;
		while (p > 0 && iswspace((wint_t)l->buf[p - 1]))
			p--;
		while (p > 0 && !iswspace((wint_t)l->buf[p - 1]))
			p--;
		memmove(&l->buf[p], &l->buf[l->pos], (size_t)(l->len - l->pos + 1) * sizeof(wchar_t));
		l->len -= l->pos - p;
		l->pos = p;
		return UI_HANDLED;
	}
	default:
		break;
	}
	if (ch < 32 || ch == 127 || (ch >= 0x80 && ch < 0xa0) || !iswprint(ch))
		return UI_UNHANDLED;
	if (l->len >= max)
		return UI_HANDLED;
	memmove(&l->buf[l->pos + 1], &l->buf[l->pos], (size_t)(l->len - l->pos + 1) * sizeof(wchar_t));
	l->buf[l->pos++] = (wchar_t)ch;
	l->len++;
	return UI_HANDLED;
}

static int
wc_cells(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

void
ui_line_draw(WINDOW *w, int y, int x, int width, const struct ui_line *l)
{
	if (width <= 1)
		return;
	/* scroll so the cursor stays visible */
	int start = 0, cells = 0;
	for (int i = l->pos - 1; i >= 0; i--) {
		cells += wc_cells(l->buf[i]);
		if (cells > width - 2) {
			start = i + 1;
			break;
		}
	}
	ui_fill(w, y, x, width);
	int cx = x, cur = x;
	for (int i = start; i <= l->len; i++) {
		if (i == l->pos)
			cur = cx;
		if (i == l->len)
			break;
		int cw = wc_cells(l->buf[i]);
		if (cx + cw > x + width - 1)
			break;
		wchar_t one[2] = { l->buf[i], L'\0' };
		if (wcwidth(l->buf[i]) < 0)
			one[0] = L'?';
		if (l->selected)
			wattron(w, A_REVERSE);
		mvwaddnwstr(w, y, cx, one, 1);
		if (l->selected)
			wattroff(w, A_REVERSE);
		cx += cw;
	}
	/* the cursor: a reverse cell, since the hardware cursor stays off */
	attr_t saved;
	short pair;
	wattr_get(w, &saved, &pair, NULL);
	wmove(w, y, cur);
	chtype c = winch(w) & A_CHARTEXT;
	(void)c;
	mvwchgat(w, y, cur, 1, A_REVERSE, pair, NULL);
	wattr_set(w, saved, pair, NULL);
}
