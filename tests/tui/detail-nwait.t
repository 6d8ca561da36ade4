#!/bin/sh
# detail-nwait.t — n pressed in the details on the last item read waits for
# the next page (detail-next.t); when the pane's listing starts again while
# it waits, the wait is not dropped without a word:
# - the same place listed again (an upload ended) carries it over: the
#   pages are read on until the item shown is there, and the item after it
#   opens, as n pressed a moment later would (detail-relist.t);
# - the details left (q) and the list read again from the pane (r): the
#   wait ends and says so, in place of "its first item opens when it comes".
# Every listing is held at the server (hold_api), the upload too (hold_body).
# At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --seed-library 1000
make_png "$T/work/fresh-1.png" 120 80
nsubs=$(admin GET /_admin/state | jget 'len([f for f in d["folders"] if f != "/" and f.count("/") == 1])')
# the item after the 100th of the root, in the pane's order (newest first)
after100=$(mt ls / --all --sort createdAt --order desc --json | jget 'd["items"][100]["filename"]')
# the name in the details' title
shown() { screen | sed -n 's/^ Media \([^ ]*\).*/\1/p' | head -1; }
to_item_100() {
	k=$((nsubs + 99))
	while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
	expect_screen "the cursor reaches item 100, the last one read" "#100  "
}

# ---- an upload ends while n waits: the wait carries over
tui_start 80 24
expect_screen "the first page is listed" " of 112"
h0=$(held_now)
faults '{"hold_body": 1}'
upload_matching "fresh-*.png" 1
wait_held $((h0 + 1)) || not_ok "the upload reaches the server"
send Tab
wait_for " of 112" || true
faults '{"hold_api": 1}'
to_item_100
send Enter
expect_screen "its details open" " Media "
first=$(shown)
send n
expect_screen "n on the last item read says the next page is being read" "reading the next page"
h1=$(held_now)
faults '{"hold_body": 0}'
wait_held $((h1 + 1)) || not_ok "the upload ends: the new listing reaches the server"
expect_screen "the list read again says the next item still opens" "reading the list"
check "... the details still show item 100" test "$(shown)" = "$first"
faults '{"hold_api": 0}'
i=0
while [ $i -lt 200 ] && [ "$(shown)" = "$first" ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "once the new listing has it, the item after item 100 opens" "$after100" "$(shown)"
send M
expect_screen "the message log is open" "Messages:"
refute_screen "... nothing said the wait ended" "waits no more"
send q
wait_gone "Messages:" || not_ok "q closes the message log"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# ---- the details left while n waits, then r in the pane: the end is said
tui_start 80 24
expect_screen "the first page is listed again" " of 113"
faults '{"hold_api": 1}'
to_item_100
send Enter
expect_screen "its details open" " Media "
send n
expect_screen "n says the next page is being read" "reading the next page"
send q
wait_gone " Media " || not_ok "q leaves the details"
h2=$(held_now)
send r
wait_held $((h2 + 1)) || not_ok "r: the new listing reaches the server"
expect_wrapped "the wait ends, said" "n waits no more: the details it was pressed in are closed"
refute_screen "... its promise is gone" "opens when it comes"
faults '{"hold_api": 0}'
expect_screen "the list is read again" " of 113"
refute_screen "... and no details open by themselves" " Media "

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
