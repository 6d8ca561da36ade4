#!/bin/sh
# focal-aside.t — Esc in the focal point editor after moving leaves the
# focal point as it was, but does not throw the placement away unseen: it
# is set aside and said, and the next f opens on it, so an Esc pressed by
# mistake costs one key. Esc there unmoved drops it (said); Enter saves it.
# Esc without a move says nothing and sets nothing aside. At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
id=$img_id
server() { mt info "$id" --json | jget "$1"; }
fx0=$(server '"%g" % d["focalX"]')

tui_start 80 24
open_first_image_details
send f
expect_screen "f opens the focal point editor" "Focal point of"
send c L L J
expect_screen "the crosshair moved" "x 70  y 60"
send Escape
wait_gone "Focal point of" || not_ok "Esc closes the editor" "$(screen)"
expect_wrapped "Esc says the point is set aside" "70,60 is set aside"
expect_eq "the server's focal point is as it was" "$fx0" "$(server '"%g" % d["focalX"]')"
refute_screen "... nothing is pending" "not saved yet"

send f
expect_screen "f opens the editor on the point set aside" "x 70  y 60"
expect_wrapped "... and says so" "the point set aside, 70,60"
send Escape
wait_gone "Focal point of" || not_ok "Esc closes the editor again" "$(screen)"
expect_wrapped "Esc on it unmoved drops it" "focal point 70,60 dropped"
send f
expect_screen "f opens on the focal point again" "Focal point of"
check "... not on the point dropped" sh -c '! printf "%s\n" "$1" | grep -qF "x 70  y 60"' - "$(screen)"
send Escape
wait_gone "Focal point of" || not_ok "Esc without a move closes it" "$(screen)"

send f
wait_for "Focal point of" || true
send c L L J
send Escape
wait_gone "Focal point of" || true
send f
expect_screen "set aside once more, f opens on it" "x 70  y 60"
send Enter
expect_screen "Enter saves the point" "saved"
expect_eq "the server has the point set aside" "70" "$(server '"%g" % d["focalX"]')"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
