/* tui.h — the full-screen interface. */
#ifndef MT_TUI_H
#define MT_TUI_H

#include <stddef.h>

#include "cmdline.h"

/* The curses library's version as running (returned) and as built with
 * (into built), for --version. */
const char *mt_tui_curses_version(char *built, size_t len);

/* Runs the interface until the user quits; returns the exit status. */
int mt_tui_main(const struct mt_cmdline *cl);

#endif
