## src/tui/local.mk — sources of the full-screen interface (included by Makefile.am).
# the interface: core and curses; no libcurl, no jansson, no batch commands
noinst_LIBRARIES += src/tui/libmttui.a
src_tui_libmttui_a_CPPFLAGS = $(TUI_CPPFLAGS)
src_tui_libmttui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
src_tui_libmttui_a_SOURCES = \
	src/tui/app.c \
	src/tui/audit_find.c \
	src/tui/audit_large.c \
	src/tui/audit_rows.c \
	src/tui/audit_state.h \
	src/tui/auditview.c \
	src/tui/batchrun.c \
	src/tui/content_view.c \
	src/tui/detail.c src/tui/detail_draw.c src/tui/detail_state.h \
	src/tui/detail_focal.c \
	src/tui/detail_draft.c \
	src/tui/detail_aside.c \
	src/tui/detail_reread.c \
	src/tui/detail_typed.c \
	src/tui/drafts_back.c \
	src/tui/dialog.c \
	src/tui/lineedit.c \
	src/tui/draw.c \
	src/tui/events.c \
	src/tui/help.c \
	src/tui/localpane.c \
	src/tui/picstrip.c \
	src/tui/mainview.c \
	src/tui/msglog.c \
	src/tui/preview.c \
	src/tui/preview_pixels.c \
	src/tui/preview_state.c src/tui/preview_state.h \
	src/tui/remote.c \
	src/tui/remote_actions.c \
	src/tui/remote_draw.c \
	src/tui/remote_folders.c \
	src/tui/remote_keep.c \
	src/tui/remote_change.c \
	src/tui/remote_step.c \
	src/tui/remote_ahead.c \
	src/tui/remote_pane.h \
	src/tui/remote_history.c \
	src/tui/remote_rows.c \
	src/tui/remote_visit.c \
	src/tui/resume.c \
	src/tui/scan.c \
	src/tui/scan_content.c \
	src/tui/scan_state.h \
	src/tui/status.c \
	src/tui/typefix.c \
	src/tui/tui.c src/tui/tui.h \
	src/tui/ui.h src/tui/dialog.h \
	src/tui/uploads.c \
	src/tui/uploads_say.c \
	src/tui/uploads_story.c \
	src/tui/usageview.c \
	src/tui/views.c
