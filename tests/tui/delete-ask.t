#!/bin/sh
# delete-ask.t — the delete question at 80x24 says what goes: d on a folder
# in usage names the folder, its count and its bytes, and offers the backup;
# D in the audit lists as many of the copies as the box has room for, then
# "… and N more" for the rest, and lists them all once the screen is tall
# enough (the box grows with it). The keys are said once, in the text.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt usage --json >"$T/usage.json"
logos=$(mt ls /logos --all --json | jget 'len(d["items"])')
# the folder's bytes as the interface writes a size
human() {
	"$PY" -c 'import sys; b = int(sys.stdin.read()); u = ["KiB", "MiB", "GiB"]; v = b / 1024.0; i = 0
while v >= 1024 and i < 2: v /= 1024.0; i += 1
print("%d B" % b if b < 1024 else "%.1f %s" % (v, u[i]))'
}
size=$(jget '[r["bytes"] for r in d["folders"] if r["folder"] == "/logos"][0]' <"$T/usage.json" | human)
row=$(jget '[r["folder"] for r in d["folders"]].index("/logos")' <"$T/usage.json")
# the copies D deletes: every duplicate but the one kept of its group
mt audit --json | jget '"\n".join(f["id"] for f in d["findings"] if f["kind"] == "duplicate" and not f["keep"])' >"$T/dups"
ndups=$(wc -l <"$T/dups" | tr -d ' ')
dupsize=$(mt audit --json | jget 'sum(f["size"] for f in d["findings"] if f["kind"] == "duplicate" and not f["keep"])' | human)
listed() { n=0; while read -r id; do screen | grep -qF "($id)" && n=$((n + 1)); done <"$T/dups"; echo "$n"; }

tui_start 80 24
wait_for " of " || not_ok "the list is shown"

# ---- usage: d on /logos
send v
wait_for "By folder" || not_ok "usage is shown"
send Home
k=$row; while [ "$k" -gt 0 ]; do send j; k=$((k - 1)); done
send d
box_says "d on a folder names it, with its count and bytes" \
	"Delete all $logos items directly in /logos ($size; its subfolders stay) from the library? This cannot be undone."
expect_screen "... says whether the originals are backed up first" "b: back up the originals first, then delete"
send n
expect_screen "n deletes nothing" "nothing deleted"
expect_eq "the folder keeps its items" "$logos" "$(mt ls /logos --all --json | jget 'len(d["items"])')"
send q
wait_gone "By folder" || not_ok "back to the main view"

# ---- audit: D lists what the box holds, then how many more
send A
wait_for "scanned" 30 || not_ok "the audit's scan ends"
send ']'
wait_for "Duplicates (same name" || not_ok "the duplicates are shown"
send D
expect_screen "D asks, with the bytes the copies take on the plan" "Delete $ndups items ($dupsize) from the library?"
expect_screen "the keys are said in the box at 80x24" "y: delete   b: back up the originals first, then delete   n: keep"
refute_screen "... once: no line of keys under them" "[y] [b] [n]"
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
expect_screen "... with the keys" "y: delete   b: back up the originals first, then delete   n: keep"
refute_screen "... said once" "[y] [b] [n]"
send n
expect_screen "n deletes nothing" "nothing deleted"
expect_eq "the server keeps every copy" "0" \
	"$(n=0; while read -r id; do mt info "$id" >/dev/null 2>&1 || n=$((n + 1)); done <"$T/dups"; echo $n)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
