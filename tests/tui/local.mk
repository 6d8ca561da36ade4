## tests/tui/local.mk — the interface driven in tmux (included by Makefile.am).
## Scripts print TAP (see tests/integration/lib.sh) and use the .t extension.
tui_tests +=
