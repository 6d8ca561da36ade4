## src/tui/local.mk — sources of the full-screen interface (included by Makefile.am).
src_mediatui_SOURCES += \
	src/tui/tui.c src/tui/tui.h
