#!/bin/sh
# delete-longname.t — a delete that fails for an item with a long name says
# the reason on the status line: the name is shortened in its middle, not
# the reason cut off behind it; the message log (M) keeps the whole name.
# The server answers every request with a 5xx (fault_5xx). At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
long=big_holiday_photo_with_a_very_long_descriptive_name_2026.png
make_png "$T/work/$long" 60 40
mt upload "$T/work/$long" >/dev/null 2>&1 || not_ok "the long-named picture is uploaded" "upload failed"

tui_start 80 24
wait_for " of " || true
send /
wait_for "Search" || true
type_text "$long"
send Enter
expect_screen "the search lists it alone" "1 of 1"
faults '{"fault_5xx": 1}'
send d
expect_screen "d asks" "cannot be undone"
send y
expect_wrapped "the reason is on the status line, whole" "Injected server error (HTTP 50"
expect_wrapped "... after the name, shortened in its middle" "big_holiday_photo"
faults '{"fault_5xx": 0}'
send M
expect_screen "the message log opens" "Messages:"
expect_wrapped "... it has the whole name" "$long"
send q
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
