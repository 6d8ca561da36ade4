#!/bin/sh
# relist-last.t — the cursor on the last item the remote pane had read (the
# end of its first page) stays on that item when an upload into the folder
# ends and the pane lists the folder again: the new item comes before it
# and pushes it onto the next page, which the pane reads for it, instead of
# stopping where the old listing stopped and leaving the cursor on the item
# before. The next page and the new listing are held at the server
# (hold_api), the upload too (hold_body). At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --seed-library 1000
make_png "$T/work/fresh-1.png" 120 80
nsubs=$(admin GET /_admin/state | jget 'len([f for f in d["folders"] if f != "/" and f.count("/") == 1])')
# item 100 of the root, in the pane's order (newest first)
item100=$(mt ls / --all --sort createdAt --order desc --json | jget 'd["items"][99]["filename"]')
# the name of the item under the cursor, from its details (Enter, then back)
cursor_name() {
	send Enter
	wait_for " Media " >/dev/null || true
	screen | sed -n 's/^ Media \([^ ]*\).*/\1/p' | head -1
	send Escape
	wait_gone " Media " >/dev/null || true
}

tui_start 80 24
expect_screen "the first page is listed" " of 112"
h0=$(held_now)
faults '{"hold_body": 1}'
upload_matching "fresh-*.png" 1
wait_held $((h0 + 1)) || not_ok "the upload reaches the server"
send Tab
wait_for " of 112" || true
# the pane asks for its next page as the cursor nears the end: held there
faults '{"hold_api": 1}'
k=$((nsubs + 99))
while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
expect_screen "the cursor reaches item 100, the last one read" "#100  "

# the upload ends: the folder is listed again, held until it is asked for
h1=$(held_now)
faults '{"hold_body": 0}'
wait_held $((h1 + 1)) || not_ok "the upload ends: the new listing reaches the server"
faults '{"hold_api": 0}'
expect_screen "the new listing has the new item" " of 113"
expect_screen "the cursor is on item 101: its item moved one place down" "#101  "
expect_eq "... the same item as before the upload" "$item100" "$(cursor_name)"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
