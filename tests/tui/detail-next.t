#!/bin/sh
# detail-next.t — n in the details on the last item listed always says why
# nothing happened: with a next page on the server, that it is being read,
# and then it goes on to the item after; on the last item of the whole
# list, that it is the last one. After the item shown moved out of the
# folder (m and w in the details), n opens the item that took its place,
# not the one after it. Once the item after opens, the status line no
# longer says it is coming; until then it says so, however long the page
# takes (past the status line's usual time, which the trace reports).
# "the last item" goes from the status line once N steps back.
# The next page is held at the server (hold_api) while n is pressed.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --seed-library 1000

hold() { admin POST /_admin/faults '{"hold_api": 1}' >/dev/null; }
release() { admin POST /_admin/faults '{"hold_api": 0}' >/dev/null; }
nsubs=$(admin GET /_admin/state | jget 'len([f for f in d["folders"] if f != "/" and f.count("/") == 1])')
# the name in the details' title
shown() { screen | sed -n 's/^ Media \([^ ]*\).*/\1/p' | head -1; }


tui_start 80 24 MEDIATUI_TRACE="$T/trace"
expect_screen "the first page is listed" " of 112"
# the pane reads the next page when the cursor nears the end: held there
hold
k=$((nsubs + 99))
while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
expect_screen "the cursor reaches item 100, the last one read" "#100  "
send Enter
expect_screen "its details open" " Media "
first=$(shown)
send n
expect_screen "n on the last item read says the next page is being read" "reading the next page"
check "... the details still show item 100" test "$(shown)" = "$first"
expect_past_its_time "the trace says the message's usual time has passed" "reading the next page"
expect_wrapped "... the page still held, the status line still says it is read" "reading the next page"
release
i=0
while [ $i -lt 200 ] && [ "$(shown)" = "$first" ]; do sleep 0.05; i=$((i + 1)); done
check "once the page is there, the details show the next item" test "$(shown)" != "$first"
refute_screen "... and the status line no longer says it waits for it" "opens when it comes"
send q
expect_screen "q goes back: the cursor is on item 101" "#101  "

# the last item of the whole list
send G
expect_screen "G: the last item" "#112  "
send Enter
expect_screen "its details open" " Media "
last=$(shown)
send n
expect_screen "n on the last item says so" "last item of the list"
check "... the details still show it" test "$(shown)" = "$last"
# N steps back: the "last item" said a moment ago is over at once (it
# stayed its 6 s over the item before)
send N
i=0
while [ $i -lt 200 ] && [ "$(shown)" = "$last" ]; do sleep 0.05; i=$((i + 1)); done
check "N opens the item before" test "$(shown)" != "$last"
refute_screen "... and the status line no longer says it is the last" "last item of the list"
send q
wait_gone " Media "

# the item shown moved to another folder from its details: n opens the
# item that took its row, not the one after it
to_item() {
	send g
	k=$((nsubs + $1 - 1))
	while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
	wait_for "#$1  "
}
to_item 6
send Enter
expect_screen "item 6's details open" " Media "
sixth=$(shown)
send q
wait_gone " Media "
to_item 5
send Enter
expect_screen "item 5's details open" " Media "
fifth=$(shown)
send m
expect_screen "m asks for the folder" "Move to folder"
type_text "/archive/2025"
wait_for "1/1" || true
send Enter
wait_gone "Move to folder"
send w
expect_screen "w saves the move" "saved"
check "... the server has it in /archive/2025" test "$(admin GET /_admin/state | jget '[i["folder"] for i in d["media"] if i["filename"] == "'"$fifth"'"][0]')" = /archive/2025
send n
i=0
while [ $i -lt 200 ] && [ "$(shown)" = "$fifth" ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "n opens the item that was after it" "$sixth" "$(shown)"
send q
expect_screen "q goes back: the cursor is on row 5, that item" "#5  "

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
