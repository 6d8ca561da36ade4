#!/bin/sh
# detail-relist.t — n in the details while the remote pane reads its
# listing again (an upload finished, so the pane lists the folder anew)
# says the list is being read, not that the item is the last one, and goes
# on to the item after it once the listing is there, as it does for a next
# page (detail-next.t); N the same way to the item before. The new listing
# is held at the server (hold_api), the upload before it too (hold_body).
# At 100x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
make_png "$T/work/fresh-1.png" 120 80
make_png "$T/work/later-1.png" 100 60
nsubs=$(admin GET /_admin/state | jget 'len([f for f in d["folders"] if f != "/" and f.count("/") == 1])')
# the name in the details' title
shown() { screen | sed -n 's/^ Media \([^ ]*\).*/\1/p' | head -1; }

tui_start 100 30
expect_screen "the library is listed" " of "
# an upload whose bytes the server holds
h0=$(held_now)
faults '{"hold_body": 1}'
upload_matching "fresh-*.png" 1
wait_held $((h0 + 1)) || not_ok "the upload reaches the server"
send Tab
# the second item of the folder, so that one comes before it and after it
k=$((nsubs + 1))
while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
send Enter
expect_screen "its details open" " Media "
wait_gone "…" || true   # the item's read is in
first=$(shown)

# the upload ends: the pane lists the folder again, held at the server
h1=$(held_now)
faults '{"hold_api": 1}'
faults '{"hold_body": 0}'
wait_held $((h1 + 1)) || not_ok "the new listing reaches the server"
send n
expect_screen "n while the listing is read says so" "reading the list"
refute_screen "... not that this is the last item" "last item of the list"
check "... the details still show the item" test "$(shown)" = "$first"
faults '{"hold_api": 0}'
i=0
while [ $i -lt 200 ] && [ "$(shown)" = "$first" ]; do sleep 0.05; i=$((i + 1)); done
check "once the listing is there, the details show the next item" test "$(shown)" != "$first"
check "... an item of the library" test -n "$(shown)"
send M
expect_screen "the message log is open" "Messages:"
expect_screen "... it has what n said" "reading the list"
refute_screen "... and nothing said it was the last item" "last item of the list"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

# N the same way: another upload, the listing read again, N on the item
send q
wait_gone " Media " || not_ok "q leaves the details"
h0=$(held_now)
faults '{"hold_body": 1}'
upload_matching "later-*.png" 1
wait_held $((h0 + 1)) || not_ok "the second upload reaches the server"
send Tab
send Enter
expect_screen "the details of the item under the cursor open" " Media "
wait_gone "…" || true
second=$(shown)
h1=$(held_now)
faults '{"hold_api": 1}'
faults '{"hold_body": 0}'
wait_held $((h1 + 1)) || not_ok "the third listing reaches the server"
send N
expect_screen "N while the listing is read says so" "the item before opens when it comes"
check "... the details still show the item" test "$(shown)" = "$second"
faults '{"hold_api": 0}'
i=0
while [ $i -lt 200 ] && [ "$(shown)" = "$second" ]; do sleep 0.05; i=$((i + 1)); done
check "once the listing is there, the details show the item before" test "$(shown)" != "$second"
check "... an item of the library" test -n "$(shown)"
send M
expect_screen "the message log is open again" "Messages:"
refute_screen "... nothing said it was the first item" "this is the first item"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
