/* cells_text.h — a cell grid as text for a terminal or a file: UTF-8
 * characters and, unless monochrome, SGR colour codes. */
#ifndef MT_CELLS_TEXT_H
#define MT_CELLS_TEXT_H

#include <stdio.h>

#include "cells.h"

/* Writes the grid, one line per row; colours as 256-colour or 16-colour
 * codes per `colors`, each line ending with a reset. */
void mt_cells_write(FILE *out, const struct mt_cells *c, enum mt_cell_colors colors);

/* The UTF-8 bytes of code point cp (at most 4) into buf; returns the count.
 * Anything that is not a printable character becomes '?'. */
int mt_cells_utf8(uint32_t cp, char *buf);

#endif
