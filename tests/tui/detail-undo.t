#!/bin/sh
# detail-undo.t — u in the details drops the changes not saved, but not
# unseen: the status line names the fields, and the message log (M) keeps
# each text typed, whole, to be typed again. The server is not touched. u
# with nothing waiting says so. The question on leaving names the fields
# not saved, and its d (discard) keeps the text in the log too. At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
id=$img_id
server_field() { admin GET /_admin/state | jget '[m.get("'"$1"'") or "" for m in d["media"] if m["id"] == "'"$id"'"][0]'; }
title0=$(server_field title)

tui_start 80 24
open_first_image_details
send j Enter
wait_for "Enter: accept" || true
send C-u
type_text "A title typed with care"
send Enter
expect_screen "the title is pending" "not saved yet"
send j Enter
wait_for "Enter: accept" || true
send C-u
type_text "Two lines of description"
send Enter
settle
send u
expect_wrapped "u names what it undid" "undone: title, description"
expect_wrapped "... and where the text went" "message log, M"
refute_screen "nothing is pending any more" "not saved yet"
expect_eq "the server's title is as it was" "$title0" "$(server_field title)"
send M
expect_screen "the message log opens" "Messages:"
expect_wrapped "... it has the title typed, whole" "title \"A title typed with care\""
expect_wrapped "... and the description" "description \"Two lines of description\""
send q
wait_gone "Messages:" || not_ok "q closes the message log" "$(screen)"
send u
expect_wrapped "u again: nothing to undo, said" "nothing to undo"

# leaving with a change: the question names it; d discards it, into the log
# (the cursor is on the description: k is the title)
send k Enter
wait_for "Enter: accept" || true
send C-u
type_text "Discarded on purpose"
send Enter
expect_screen "the title is pending again" "not saved yet"
send q
expect_screen "leaving asks" "Unsaved changes"
box_says "... naming the field not saved" "Not saved: title."
send d
wait_gone "Unsaved changes" || not_ok "d answers" "$(screen)"
send M
expect_screen "the message log opens" "Messages:"
expect_wrapped "... it keeps the title discarded, whole" "title \"Discarded on purpose\""
send q
wait_gone "Messages:" || not_ok "q closes the message log" "$(screen)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
