#!/bin/sh
# delete-ask.t — the delete question at 80x24 says what goes: D in the
# audit lists as many of the copies as the box has room for, then
# "… and N more" for the rest, and lists them all once the screen is tall
# enough (the box grows with it).
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
# the copies D deletes: every duplicate but the one kept of its group
mt audit --json | jget '"\n".join(f["id"] for f in d["findings"] if f["kind"] == "duplicate" and not f["keep"])' >"$T/dups"
ndups=$(wc -l <"$T/dups" | tr -d ' ')
listed() { n=0; while read -r id; do screen | grep -qF "($id)" && n=$((n + 1)); done <"$T/dups"; echo "$n"; }

tui_start 80 24
wait_for " of " || not_ok "the list is shown"

# ---- audit: D lists what the box holds, then how many more
send A
wait_for "scanned" 30 || not_ok "the audit's scan ends"
send ']'
wait_for "Duplicates (same name" || not_ok "the duplicates are shown"
send D
expect_screen "D asks" "Delete $ndups items from the library?"
expect_screen "the keys are in the box at 80x24" "[y] [b] [n]"
shown=$(listed)
if [ "$shown" -lt "$ndups" ]; then
	expect_screen "at 80x24, the ones not listed are counted" "and $((ndups - shown)) more"
	# not all: the box takes the screen but two rows (header, status)
	top=$(screen | grep -n "Delete ─" | cut -d: -f1)
	bottom=$(screen | grep -n "┘" | tail -n 1 | cut -d: -f1)
	expect_eq "the box is as tall as 80x24 allows" "2 23" "$top $bottom"
else
	refute_screen "at 80x24, all listed and none counted as more" "more"
fi
# a taller screen: the box grows, and every copy is listed
tx resize-window -x 80 -y 44
wait_for "(media_" >/dev/null
i=0
while [ "$(listed)" -lt "$ndups" ] && [ $i -lt $((TUI_TIMEOUT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "at 80x44, every copy is listed" "$ndups" "$(listed)"
refute_screen "... and none is counted as more" "more"
expect_screen "... with the keys" "[y] [b] [n]"
send n
expect_screen "n deletes nothing" "nothing deleted"
expect_eq "the server keeps every copy" "0" \
	"$(n=0; while read -r id; do mt info "$id" >/dev/null 2>&1 || n=$((n + 1)); done <"$T/dups"; echo $n)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
