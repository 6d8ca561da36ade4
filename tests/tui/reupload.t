#!/bin/sh
# reupload.t — a file uploaded, its item then deleted on the server, and the
# same file uploaded again: the journal's earlier copy is gone, so it is sent
# again, the row says why, and the server has it; uploaded once more while
# the server still has it, it is skipped, saying so.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
make_png "$T/work/P_21.png" 300 200
named() { mt ls --search P_21 --all --json | jget "[i['id'] for i in d['items'] if i['filename'] == 'P_21.png']"; }

tui_start 160 30
wait_for " of " || true
upload_matching "P_21.png" 1
expect_screen "the first upload finishes" "1/1 done" 30
id1=$(named | jget 'd[0] if len(d) == 1 else ""')
check "the server has it once" test -n "$id1"

# a colleague deletes it
mt rm --yes "$id1" >/dev/null 2>&1
expect_eq "the item is gone from the server" "[]" "$(named)"

# u gave the panel the focus; Tab reaches the remote pane, then the local one
send Tab
send Tab
wait_for "Local $T/work" || true
mark_and_send "P_21.png" 1
expect_screen "the second upload finishes" "2/2 done" 30
expect_screen "the row says the earlier copy is gone" "the earlier copy ($id1) is gone"
# the panel follows the running uploads: the cursor is on the new row
send Enter
wait_for "Esc closes" || true
box_says "Enter on the row says why it was sent again" "Note: the earlier copy ($id1) is gone from the"
box_says "and that it was sent again" "server: sent again"
send Escape
wait_gone "Esc closes" || true
id2=$(named | jget 'd[0] if len(d) == 1 else ""')
check "the server has it again, once, under a new id" test -n "$id2" -a "$id2" != "$id1"

# still there: skipped, and the row says the server still has it
send Tab
send Tab
wait_for "Local $T/work" || true
mark_and_send "P_21.png" 1
expect_screen "the third upload ends, counted as already there, not done" "2/3 done, 1 already there" 30
expect_screen "the row says the server still has it" "still on the server: uploaded to / before ($id2)"
expect_eq "still once on the server" 1 "$(named | jget 'len(d)')"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
