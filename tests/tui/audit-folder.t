#!/bin/sh
# audit-folder.t — an empty folder found by the audit is deleted where it
# is shown: d asks as the remote pane's folder delete does (n keeps it), y
# deletes it through core's folder delete; the finding goes at once, the
# audit and the remote pane follow. At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
has_videos() { admin GET /_admin/state | jget '"/videos" in d["folders"]'; }
alive() { [ ! -s "$T/tui.rc" ]; }

tui_start 80 24
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "A opens the audit; the scan finishes" "scanned" 30
send End
expect_screen "End: the last finding, an empty folder (of two)" "Empty folders (2)"
videos_row() { screen | grep -Eq '^ +/videos *$'; }
no_videos_row() { ! videos_row; }
check "... /videos" videos_row
send Enter
expect_wrapped "Enter on it says d deletes it" "folder /videos is empty; d deletes it"

# ---- d asks; n keeps the folder
send d
box_says "d asks, as the remote pane's folder delete does" "Delete the folder /videos?"
send n
wait_gone "Delete the folder" || not_ok "n closes the question"
expect_eq "n keeps the folder on the server" True "$(has_videos)"
check "... and the finding" videos_row

# ---- d, y: deleted in place, the finding goes
send d
box_says "d asks again" "Delete the folder /videos?"
send y
expect_screen "y deletes it, saying so" "folder /videos deleted"
expect_eq "the server has the folder no more" False "$(has_videos)"
expect_screen "the finding is gone from the audit at once" "Empty folders (1)"
check "... /videos no more" no_videos_row
check "mediatui runs on" alive

# ---- the remote pane follows: no videos/ row
send q
wait_gone "scanned" || not_ok "q goes to the main view"
expect_screen "the main view" " of "
refute_screen "the remote pane no longer lists the folder" "videos/"

tui_quit >/dev/null
expect_eq "mediatui ends normally" 0 "$(tui_wait_exit)"
finish
