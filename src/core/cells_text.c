/* cells_text.c — cell grids as text with SGR colours, for the batch
 * command and for tests; the characters come from our own renderer, and
 * anything outside printable Unicode is replaced anyway. */
#include "config.h"

#include "cells_text.h"

int
mt_cells_utf8(uint32_t cp, char *buf)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
		buf[0] = '?';
		return 1;
	}
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static void
sgr(FILE *out, int index, bool background, enum mt_cell_colors colors)
{
	if (index < 0)
		fprintf(out, "\033[%dm", background ? 49 : 39);
	else if (colors == MT_COLORS_256)
		fprintf(out, "\033[%d;5;%dm", background ? 48 : 38, index);
	else if (index < 8)
		fprintf(out, "\033[%dm", (background ? 40 : 30) + index);
	else
		fprintf(out, "\033[%dm", (background ? 100 : 90) + (index - 8));
}

void
mt_cells_write(FILE *out, const struct mt_cells *c, enum mt_cell_colors colors)
{
	bool mono = colors == MT_COLORS_MONO;
	for (int r = 0; r < c->rows; r++) {
		int fg = -2, bg = -2;   /* nothing set yet on this line */
		for (int col = 0; col < c->cols; col++) {
			const struct mt_cell *cell = &c->cell[(size_t)r * c->cols + col];
			if (!mono) {
				if (cell->fg != fg)
					sgr(out, fg = cell->fg, false, colors);
				if (cell->bg != bg)
					sgr(out, bg = cell->bg, true, colors);
			}
			char buf[4];
			fwrite(buf, 1, (size_t)mt_cells_utf8(cell->ch, buf), out);
		}
		if (!mono)
			fputs("\033[0m", out);
		fputc('\n', out);
	}
}
