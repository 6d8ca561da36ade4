#!/bin/sh
# upload-sizes.t — byte counts in the upload panel are never cut at 80x24,
# in the total line nor in the rows.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
for i in 1 2 3; do make_png "$T/work/size-$i.png" 300 200; done
printf 'plain text\n' >"$T/work/size-4.txt"

admin POST /_admin/faults '{"slow": 3}' >/dev/null
tui_start 80 24
wait_for " of " || true
send Tab
wait_for "size-1.png" || true
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "size-*"
send Enter
wait_for "4 marked" || true
send u
box_says "the text file is asked about before sending" "size-4.txt  clearcms does not accept"
send s
expect_screen "it is left out, the others are held in flight" "0/3 done"
expect_screen "the total line shows both sizes whole" "0 B / 528.3 KiB"
expect_screen "a row shows its sizes whole" "0 B/176.1 KiB"
admin POST /_admin/faults '{"slow": 0}' >/dev/null
expect_screen "the three pictures finish" "3/3 done" 60
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
