#!/bin/sh
# quit-aside.t — the quit question, asked while an edit is pending, names
# the text a prompt's Esc set aside too: it is in the drafts file as the
# edit is, and the next start offers both. At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
name=$img_name
text="Three boats come in at dusk past the lighthouse"
# the box's text, its rows joined, spaces squeezed (a wrapped line is indented)
box_squeezed() { box_text | tr -s ' '; }
box_has() { expect_in "$1" "$2" box_squeezed "the box's rows joined"; }

tui_start 80 24
open_first_image_details
send Enter
wait_for "Enter: accept" || not_ok "Enter edits the alt text"
send C-u
type_text "Boats at the quay"
send Enter
expect_screen "the alt text is pending" "not saved yet"
send j j Enter
wait_for "Enter: accept" || not_ok "Enter edits the description"
send C-u
type_text "$text"
wait_for "past the lighthouse" || true
send Escape
wait_gone "Enter: accept" || not_ok "Esc closes the prompt"
expect_wrapped "Esc sets the text aside" "set aside"

# Ctrl+C asks, as q does where it quits
sigint
expect_screen "Ctrl+C asks before quitting" "Not saved yet"
box_has "the question names the pending changes" "the changes to $name"
box_has "... and the text set aside with Esc" "and text set aside with Esc"
box_has "... kept, and offered at the next start" "It is kept, and offered at the next start"
send y
rc=$(tui_wait_exit)
expect_eq "y quits" 0 "$rc"

tui_start 80 24
expect_screen "the next start offers what the question said" "Typed in an earlier session"
expect_screen "... the alt text and the description set aside" "$name: alt text, description set aside"
send d
expect_screen "d discards them" "discarded the unsaved changes to 1 item"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
