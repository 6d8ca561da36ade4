/* tui.h — the full-screen interface. */
#ifndef MT_TUI_H
#define MT_TUI_H

#include "cmdline.h"

/* Runs the interface until the user quits; returns the exit status. */
int mt_tui_main(const struct mt_cmdline *cl);

#endif
