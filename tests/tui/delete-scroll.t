#!/bin/sh
# delete-scroll.t — a delete question whose list does not fit scrolls: at
# 80x24, j, PgDn and G bring every item the delete would take into the box
# before the answer (the list said "… and N more" and no key showed them),
# k and g go back; the scroll keys answer nothing, and n still deletes
# nothing.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
total=$(mt ls --all --json | jget 'd["total"]')

tui_start 80 24
wait_for " of " || not_ok "the list is shown"
send /
wait_for "Search" || not_ok "/ asks what to search"
type_text "logo"
send Enter
expect_screen "the search lists every folder's matches" "search: logo"
settle
n=$(screen | sed -n 's/.* \([0-9][0-9]*\) of \([0-9][0-9]*\) *$/\2/p' | head -n 1)
check "the search finds more items than a box at 80x24 can list ($n)" test "${n:-0}" -gt 20
send a
send d
expect_screen "d asks about the marked items" "Delete $n items"
expect_screen "... the ones not listed are counted, with the key that shows them" "more (j scrolls down)"
refute_screen "... nothing is above yet" "above (k scrolls up)"

# the ids in the box now
ids() { screen | grep -o '(media_[a-z0-9]*)' ; }
ids >"$T/seen"
first=$(head -n 1 "$T/seen")
before=$(screen)
send j
wait_change() {
	_i=0
	while [ "$(screen)" = "$1" ] && [ $_i -lt $((TUI_TIMEOUT * 20)) ]; do sleep 0.05; _i=$((_i + 1)); done
}
wait_change "$before"
expect_screen "j scrolls: one item is above" "1 above (k scrolls up)"
refute_screen "... the first item has gone up" "$first"
ids >>"$T/seen"

# PgDn to the end, gathering every id shown on the way
k=0
while screen | grep -qF "more (j scrolls down)" && [ $k -lt 40 ]; do
	before=$(screen)
	send NPage
	wait_change "$before"
	ids >>"$T/seen"
	k=$((k + 1))
done
refute_screen "at the end, nothing is counted below" "more (j scrolls down)"
expect_eq "every item the delete would take was shown in the box" "$n" "$(sort -u "$T/seen" | wc -l | tr -d ' ')"
expect_screen "... the question is still asked" "y: delete   b: back up the originals first, then delete   n: keep"

before=$(screen)
send G
settle
expect_eq "G at the end changes nothing" "$before" "$(screen)"
send g
expect_screen "g goes back to the top" "more (j scrolls down)"
refute_screen "... with nothing above" "above (k scrolls up)"
expect_screen "... the first item listed again" "$first"
send k
settle
expect_screen "k at the top keeps the question open" "Delete $n items"

send n
expect_screen "n deletes nothing" "nothing deleted"
expect_eq "the server keeps every item" "$total" "$(mt ls --all --json | jget 'd["total"]')"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
