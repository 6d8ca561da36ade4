#!/bin/sh
# mkfolder.t — a folder just created has the cursor on it, so Enter opens
# it (and the files uploaded next go there), not ../ and up to /; the
# folder list of : narrows by any part of a path, case folded.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

tui_start 100 30
wait_for " of " || true
# into a folder first: the list there starts with ../
send :
expect_screen ": lists every folder" "Go to folder"
type_text "/images"
send Enter
expect_screen "the pick list opens a folder" "Remote /images "
wait_for " of " || true
send c
expect_screen "c asks for a folder name" "New folder"
type_text "2026-12-06 shoot"
send Enter
expect_screen "the folder is created" "folder /images/2026-12-06 shoot created"
expect_screen "the new folder is listed" "2026-12-06 shoot/"
send Enter
expect_screen "Enter right after opens the new folder, not /" "Remote /images/2026-12-06 shoot"
expect_screen "... which is empty" "(empty)"

# several folders made one after the other stay side by side
send c
wait_for "New folder"
type_text "raw"
send Enter
expect_screen "a folder inside it is created" "folder /images/2026-12-06 shoot/raw created"
send c
wait_for "New folder"
type_text "picked"
send Enter
expect_screen "a second one beside it" "folder /images/2026-12-06 shoot/picked created"
send Enter
# (a folder this long lets the pane's title drop its word "Remote": the
# folder and the sort beside it are what it keeps)
expect_screen "Enter opens the last one made" "/images/2026-12-06 shoot/picked  date↓"
check "the two are siblings on the server" sh -c \
	"'$MEDIATUI' -c '$T/config' folders | grep -qx '/images/2026-12-06 shoot/raw'"

# the folder list narrows by any part of a path, not only a name's start
send :
expect_screen ": again" "Go to folder"
type_text "/shoot"
expect_screen "/shoot finds the folders whose path holds it" "/images/2026-12-06 shoot/picked"
refute_screen "... and nothing says none holds it" "(none holds what is typed)"
for k in BSpace BSpace BSpace BSpace BSpace; do send "$k"; done
type_text "SHOOT/R"
expect_screen "case folded, across the /" "1/1  Enter: choose"
send Enter
expect_screen "Enter opens it" "/images/2026-12-06 shoot/raw  date↓"
send :
wait_for "Go to folder"
type_text "/ages/te"
expect_screen "the middle of a name" "1/1  Enter: choose"
send Enter
expect_screen "... opens it" "Remote /images/team"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
