#!/bin/sh
# narrow.t — at 80 columns, the reason is what shows: a failed upload's
# reason in the panel (the name gives way), the whole question before an
# upload whose type and name disagree (wrapped, not cut), the audit's
# "served as" detail and its folders (on rows of their own). And a key
# that does nothing says so: U and p with no uploads, P, e, m and Space on
# a folder row, d on a finding that is not a duplicate, x on a finished
# upload, a letter bound to nothing; a pane's key pressed in the upload
# panel goes to the pane above it. ] and [ jump between the audit's kinds.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
long="holiday-photo-from-the-harbour-at-dawn-2026-final"
make_png "$T/work/$long.png" 60 40
make_png "$T/work/$long-2.jpg" 60 40

tui_start 80 24
wait_for " of " || true

# keys with nothing to act on
send U
expect_screen "U with no uploads says there are none" "no uploads yet"
send p
expect_screen "p with no uploads says there is nothing to pause" "no uploads to pause"
send g
send P
expect_screen "P on a folder row says it previews items" "P previews an item; this row is a folder"
send e
expect_screen "e on a folder row says it opens items" "e opens an item's details; this row is a folder"
send m
expect_screen "m on a folder row says what it moves" "m moves the marked items"
send Space
expect_screen "Space on a folder row says it marks items" "Space marks items; this row is a folder"
send y
expect_screen "a letter bound to nothing says so" "y does nothing here (? lists the keys)"
send y
send y
send M
expect_screen "the message log opens" "Messages:"
settle
check "... without a line for each key that did nothing (the status line, last, may say it)" \
	sh -c '! printf "%s\n" "$1" | sed "\$d" | grep -qF "does nothing here"' - "$(screen)"
send q
wait_gone "Messages:" || not_ok "q closes the message log" "$(screen)"

# the audit: ] to the kind whose rows name the served type, in full
send A
wait_for "Audit" || true
expect_screen "the audit lists its first kind" "Images without alt text"
# the demo's kinds in order: no alt text, duplicates, type mismatches
send ']'
expect_screen "] goes to the next kind" "Duplicates (same name and size"
send ']'
expect_screen "] reaches the kind 'Name and type disagree'" "Name and type disagree ("
check "... its heading is the list's first row" sh -c 'sed -n 3p "$1" | grep -q "Name and type disagree ("' - "$(screen >"$T/s.txt"; echo "$T/s.txt")"
expect_screen "... its detail is whole at 80 columns" "served as image/webp"
# the folders tell two copies of report-046.jpg apart: whole, on their own
# rows (with the date the row has no room for)
for f in /documents /images/products /images/team; do
	check "... its folder $f is whole" sh -c 'grep -q "^ *$2\(  \|\$\)" "$1"' - "$(screen >"$T/s.txt"; echo "$T/s.txt")" "$f"
done
refute_screen "... no folder is cut" "/images/…"
send d
expect_screen "d on a finding that is no duplicate says so" "d deletes duplicates and empty folders, not this finding (Enter opens it)"
send '['
send '['
expect_screen "[ twice goes back two kinds, to the first" "Images without alt text (64)"
# alt text at 80x24: the picture beside the fields, the prompt under them
send g
send a
expect_screen "a starts the alt-text queue" "Alt text for"
expect_screen "... and the picture is shown (its focal mark)" "───+───"
send Escape
wait_gone "Alt text for" || true
send q
wait_for "Audit  " || true
send q
wait_gone "Audit" || true

# an upload refused on quota, with a long name: the reason shows
used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
admin POST /_admin/faults "{\"quota\": $((used + 10))}" >/dev/null
upload_matching "$long.png" 1
expect_screen "the upload fails" "0/1 done, 1 failed" 30
expect_screen "the panel shows the reason at 80 columns" "Storage quota"
send x
expect_screen "x on a failed upload says there is nothing to cancel" "is finished (failed)"
send :
expect_screen "a pane's key in the panel goes to the pane above it (the local pane's path prompt)" "Go to directory"
send Escape
wait_gone "Go to directory" || not_ok "Esc closes the prompt"
admin POST /_admin/faults '{"quota": 0}' >/dev/null

# the question before an upload whose type and name disagree, wrapped
# (the local pane has the keys again since :)
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "$long-2.jpg"
send Enter
wait_for "1 marked" || true
send u
expect_screen "u asks about the type" "Type and name disagree"
expect_screen "the question is whole: its first line's end" "which its extension does not say"
expect_screen "... and the keys under it" "Esc: upload nothing"
send s
wait_gone "Type and name disagree" || true

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
