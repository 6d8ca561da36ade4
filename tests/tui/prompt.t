#!/bin/sh
# prompt.t — a prefilled prompt's text is selected: typing replaces it,
# arrows, Home and End keep it for editing, Backspace clears it.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

first_image
name=$img_name
id=$img_id
mt edit "$id" --focal 70,40 --alt "Old words" >/dev/null

tui_start 80 24
open_first_image_details "the details are open"

# the focal editor's numbers: prefilled 70,40, typing replaces them
send f
wait_for "Focal point of" || not_ok "f opens the focal editor"
send n
expect_screen "the prompt is prefilled" "70,40"
type_text "35,65"
expect_screen "typing replaced the prefilled text" "35,65"
refute_screen "nothing was appended" "70,4035,65"
send Enter
expect_screen "the crosshair moved to the typed numbers" "x 35  y 65"
send Escape
wait_gone "Focal point of" || not_ok "Esc leaves the focal editor"

# End keeps the text and types after it
send a
expect_screen "the alt prompt is prefilled" "Old words"
send End
type_text ", new"
send Enter
expect_screen "End kept the text for editing" "Old words, new"
# Home keeps it and types before it
send a
wait_for "Enter: accept" || not_ok "a again"
send Home
type_text "Very "
send Enter
expect_screen "Home kept the text for editing" "Very Old words, new"
# Backspace on the selection clears it
send a
wait_for "Enter: accept" || not_ok "a again"
send BSpace
type_text "Fresh"
send Enter
expect_screen "Backspace cleared the selected text" "*Fresh"
send u
wait_gone "not saved yet" || not_ok "u undoes"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
