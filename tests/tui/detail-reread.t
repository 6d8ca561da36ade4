#!/bin/sh
# detail-reread.t — r in the details says what reading the item again
# found: nothing changed, or which fields the server changed; when one of
# them has a change typed here and not saved, that it is kept and w saves
# it over the server's. (r said nothing: a colleague's change came in
# unseen.) At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
id=$img_id

tui_start 80 24
open_first_image_details
send r
expect_wrapped "r with nothing changed says so" "read again: nothing changed on the server"
mt edit "$id" --title "Set by a colleague" >/dev/null || not_ok "a colleague sets the title" "edit failed"
send r
expect_wrapped "r names what the server changed" "read again: changed on the server: title"
expect_screen "... and shows it" "Set by a colleague"

send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Alt typed here"
send Enter
expect_screen "the alt text is pending" "not saved yet"
mt edit "$id" --alt "Alt from a colleague" >/dev/null || not_ok "a colleague sets the alt text" "edit failed"
send r
expect_wrapped "r warns that a field with a change typed here changed on the server" \
	"changed on the server: alt text; what you typed (*) is kept"
expect_screen "... the change typed here is still shown, pending" "*Alt typed here"
send u
wait_gone "not saved yet" || not_ok "u drops it" "$(screen)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
