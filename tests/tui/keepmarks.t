#!/bin/sh
# keepmarks.t — the remote pane lists its folder again after r, a new sort,
# a finished upload into it and a move out of it; the marks an editor made
# and the item under the cursor survive each, and a moved item leaves the
# cursor on the row it was on (the next item), not at the top; items moved
# from above the cursor leave it on its own item, the last item moved
# leaves it on the new last.
# Each new listing is held at the server (hold_api) until the pane shows
# it is loading, so the checks read the new listing, not the old one.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --seed-library 300

hold() { admin POST /_admin/faults '{"hold_api": 1}' >/dev/null; }
release() { admin POST /_admin/faults '{"hold_api": 0}' >/dev/null; }
# the pane's title: "#N  " is the item under the cursor
title() { screen | grep -m1 "Remote"; }
# to_item N: from the top, j as many times as the folder rows and the
# items before the Nth (counted, not watched: a busy machine lags)
to_item() {
	nsubs=$(admin GET /_admin/state | jget 'len([f for f in d["folders"] if f != "/" and f.count("/") == 1])')
	send g
	k=$((nsubs + $1 - 1))
	while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
	wait_for "#$1  "
}
# the name of the item under the cursor, from its details (Enter, then back)
cursor_name() {
	send Enter
	wait_for " Media " >/dev/null || true
	screen | sed -n 's/^ Media \([^ ]*\).*/\1/p' | head -1
	send Escape
	wait_gone " Media " >/dev/null || true
}

make_png "$T/work/fresh.png" 40 30
tui_start 100 30
wait_for " of " || true
to_item 3
send Space
send Space
expect_screen "two items are marked" "2 marked"
wait_for "#5  " || true
before=$(cursor_name)
check "the cursor's item has a name" test -n "$before"

# r: the folder listed again
hold
send r
wait_for "loading" || true
release
wait_for " of "
expect_screen "after r the two marks are kept" "2 marked"
expect_screen "... and the cursor is on item 5 still" "#5  "
expect_eq "... the same item" "$before" "$(cursor_name)"

# s: sorted by name, the cursor follows its item wherever it is now
hold
send s
wait_for "loading" || true
release
wait_for " of "
expect_screen "after s the marks are kept" "2 marked"
expect_eq "... the cursor is on the same item" "$before" "$(cursor_name)"

# an upload into the folder shown: the pane lists it again when done
total=$(title | sed -n 's/.* of \([0-9]*\).*/\1/p')
upload_matching "fresh.png" 1
expect_screen "the upload finishes" "1/1 done" 30
send Tab
expect_screen "the pane lists the new item" " of $((total + 1))"
expect_screen "after the upload the marks are kept" "2 marked"
expect_eq "... the cursor is on the same item" "$before" "$(cursor_name)"

# marks cleared with a (all) twice, then a move of the cursor's item
send a
wait_for "$((total + 1)) marked" || true
send a
wait_gone "marked"
pos=$(title | sed -n 's/.*#\([0-9]*\)  .*/\1/p')
target=$(admin GET /_admin/state | jget '[f for f in sorted(d["folders"]) if f != "/"][-1]')
send m
wait_for "Move 1 item to"
type_text "$target"
wait_for "1/1" || true
send Enter
expect_screen "the move is done" "moved 1 item"
expect_screen "the pane lists the folder without it" " of $total"
expect_screen "the cursor stays on row $pos (the next item), not at the top" "#$pos  "
check "the cursor's item is another one now" test "$(cursor_name)" != "$before"

# marks above the cursor moved away: the cursor stays on its own item
to_item 1
send Space
send Space
expect_screen "items 1 and 2 are marked" "2 marked"
wait_for "#3  " || true
before=$(cursor_name)
send m
wait_for "Move 2 items to"
type_text "$target"
wait_for "1/1" || true
send Enter
expect_screen "the marked items are moved" "moved 2 items"
expect_screen "the pane lists the folder without them" " of $((total - 2))"
expect_screen "the cursor is on row 1 now: its item moved up two rows" "#1  "
expect_eq "... the same item as before the move" "$before" "$(cursor_name)"

# the last item moved away: the cursor is on the new last, not at the top
total=$((total - 2))
send G
expect_screen "G goes to the last item" "#$total  "
send m
wait_for "Move 1 item to"
type_text "$target"
wait_for "1/1" || true
send Enter
expect_screen "the last item is moved" "moved 1 item"
expect_screen "the pane lists the folder without it" " of $((total - 1))"
expect_screen "the cursor is on the new last item, not at the top" "#$((total - 1))  "

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
