#!/bin/sh
# edit-cancel.t — Esc on a field's prompt after typing is not the end of
# what was typed: it is set aside, the field stays as it was, and the next
# time the field opens it comes back (Enter keeps it, then w saves); Esc
# on the text set aside, unchanged, drops it and the field opens with its
# value again. At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
name=$img_name
id=$img_id
desc() { mt info "$id" --json | jget 'd.get("description") or ""'; }
text="Three boats come in at dusk past the lighthouse"

tui_start 80 24
open_first_image_details
send j j
send Enter
expect_screen "Enter on the description opens its prompt" "Enter: accept"
type_text "$text"
wait_for "past the lighthouse" || true
send Escape
wait_gone "Enter: accept" || not_ok "Esc closes the prompt"
expect_wrapped "Esc says what was typed is set aside" "set aside"
refute_screen "... the field has no change pending" "not saved yet"
expect_eq "... the server has no description" "" "$(desc)"

# Enter on the field: the text comes back (2 keys, not 42), Enter keeps it
send Enter
expect_screen "the prompt opens with what was typed" "past the lighthouse"
send Enter
expect_screen "Enter keeps it: pending" "not saved yet"
send w
wait_gone "not saved yet" || not_ok "w saves"
expect_eq "the server has it" "$text" "$(desc)"

# a text set aside and Esc again on it unchanged: dropped
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "zzq"
send Escape
wait_gone "Enter: accept" || true
send Enter
expect_screen "set aside again, it comes back" "zzq"
send Escape
wait_gone "Enter: accept" || true
expect_wrapped "Esc on it unchanged drops it, saying so" "dropped"
send Enter
expect_screen "the prompt opens with the field's value again" "past the lighthouse"
refute_screen "... not the text dropped" "zzq"
send Escape
wait_gone "Enter: accept" || true
refute_screen "Esc with nothing typed sets nothing aside" "is set aside and comes back"
expect_eq "the server still has the saved text" "$text" "$(desc)"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
