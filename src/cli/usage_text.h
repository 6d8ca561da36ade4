/* usage_text.h — --help and --version texts. */
#ifndef MT_USAGE_TEXT_H
#define MT_USAGE_TEXT_H

#include <stdio.h>

#include "cmdline.h"

void mt_print_usage(FILE *out);
void mt_print_version(FILE *out, const char *curses_now, const char *curses_built);

#endif
