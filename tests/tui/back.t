#!/bin/sh
# back.t — q and Esc go back: out of a search, then up a folder, and quit
# only at the top. Home and End work in the audit and usage views.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

tui_start 100 30
wait_for " of " || not_ok "the list is shown"

# Esc leaves a search
send /
wait_for "Search" || not_ok "/ opens the search"
type_text "harbour"
send Enter
expect_screen "the search is shown in the title" "/harbour/"
send Escape
expect_screen "Esc leaves the search" "documents/"
wait_gone "/harbour/" || not_ok "the search is gone"

# q leaves a search, then goes up a folder; the program still runs
send /
wait_for "Search" || not_ok "/ again"
type_text "harbour"
send Enter
wait_for "/harbour/" || not_ok "the search again"
send q
wait_gone "/harbour/" || not_ok "q leaves the search"
check "q in a search does not quit" test ! -s "$T/tui.rc"
expect_screen "q in a search goes back to the folder" "documents/"
send g
wait_for "documents/" || not_ok "at the top of the list"
send j
send Enter
expect_screen "a folder opens" "Remote /documents"
send q
expect_screen "q in a folder goes up" "documents/"
wait_gone "Remote /documents" || not_ok "q left the folder"
check "q in a folder does not quit" test ! -s "$T/tui.rc"

# Home and End in the audit (the last finding is the empty /videos)
send A
expect_screen "A opens the audit" "Images without alt text"
send End Enter
expect_screen "End goes to the last finding" "folder /videos is empty"
send Home Enter
expect_screen "Home goes to the first finding" "Focal point"
send q
wait_for "Images without alt text" || not_ok "back in the audit"

# Home and End in usage (the last row is the smallest type)
send v
expect_screen "v opens usage" "By type"
send End Enter
expect_screen "End, Enter shows the last type in the remote pane" "document"
wait_gone "By type" || not_ok "usage left for the remote pane"
send v
wait_for "By type" || not_ok "usage again"
send Home Enter
expect_screen "Home, Enter shows the largest folder" "Remote /images/team"

# at the top q quits
rc=$(tui_quit)
expect_eq "q at the top quits with status 0" 0 "$rc"
finish
