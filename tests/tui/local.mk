## tests/tui/local.mk — the interface driven in tmux (included by Makefile.am).
## Scripts print TAP (see tests/integration/lib.sh) and use the .t extension.
tui_tests += \
	tests/tui/browse.t \
	tests/tui/typeahead.t \
	tests/tui/batch-stop.t \
	tests/tui/delete.t \
	tests/tui/move.t \
	tests/tui/keepmarks.t \
	tests/tui/detail-next.t \
	tests/tui/edit-cancel.t \
	tests/tui/aside-kept.t \
	tests/tui/save-retry.t \
	tests/tui/alt-retry.t \
	tests/tui/refused-picture.t \
	tests/tui/quit-aside.t \
	tests/tui/narrow.t \
	tests/tui/longnames.t \
	tests/tui/resume.t \
	tests/tui/gone.t \
	tests/tui/drafts.t \
	tests/tui/place.t \
	tests/tui/localplace.t \
	tests/tui/edit.t \
	tests/tui/folders.t \
	tests/tui/mkfolder.t \
	tests/tui/terminal.t \
	tests/tui/quit.t \
	tests/tui/signals.t \
	tests/tui/hangup.t \
	tests/tui/zoom.t \
	tests/tui/altkeep.t \
	tests/tui/preview.t \
	tests/tui/upload.t \
	tests/tui/upload-pause.t \
	tests/tui/upload-cancel.t \
	tests/tui/upload-twice.t \
	tests/tui/reupload.t \
	tests/tui/typefix.t \
	tests/tui/typefix-refused.t \
	tests/tui/upload-refusals.t \
	tests/tui/upload-panel.t \
	tests/tui/upload-rows.t \
	tests/tui/upload-summary.t \
	tests/tui/upload-story.t \
	tests/tui/upload-sizes.t \
	tests/tui/hostile.t \
	tests/tui/pixels.t \
	tests/tui/unsaved.t \
	tests/tui/refused.t \
	tests/tui/prompt.t \
	tests/tui/back.t \
	tests/tui/live.t \
	tests/tui/altelsewhere.t \
	tests/tui/altqueue.t \
	tests/tui/usagewalk.t \
	tests/tui/delete-ask.t \
	tests/tui/audit-content.t \
	tests/tui/audit-folder.t \
	tests/tui/search.t \
	tests/tui/paging.t \
	tests/tui/die.t \
	tests/tui/localnav.t \
	tests/tui/messages.t \
	tests/tui/demo.t \
	tests/tui/dates.t
# the helpers the scripts source, distributed with them
dist_noinst_DATA = tests/tui/lib-tui.sh tests/tui/fake_term.py
