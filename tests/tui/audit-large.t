#!/bin/sh
# audit-large.t — the audit's "oversized" threshold changed in the audit
# view: o asks with the current one filled in, a size finds the oversized
# files again at once (the library not listed again), the cursor stays on
# its finding; Esc and bad input change nothing, the prompt keeping what
# was typed; a rescan keeps the size. Keys are counted. At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
# what the batch audit finds above 10 KiB and 7000 bytes (the demo's files
# are small: none above the default 5 MiB)
over() { mt audit --json --large "$1" | jget 'len([f for f in d["findings"] if f["kind"] == "oversized"])'; }
n10k=$(over 10K)
n7000=$(over 7000)
check "the demo has files above 10 KiB, and more above 7000 bytes" \
	test "$n10k" -gt 0 -a "$n7000" -gt "$n10k"
faults() { admin POST /_admin/faults "$1" >/dev/null; }
requests() { admin GET /_admin/state | jget 'd["counts"]["requests"]'; }

keys=0
key() { send "$@"; keys=$((keys + $#)); }
text() { type_text "$1"; keys=$((keys + ${#1})); }

tui_start 80 24
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "A opens the audit; the scan finishes" "scanned" 30
refute_screen "nothing above the default 5 MiB" "Oversized files"
listed=$(requests)

# ---- o, 10K, Enter: the files above 10 KiB at once; ] shows them
keys=0
key o
expect_screen "o asks" "Oversized above:"
box_says "... the current threshold filled in" "5 MiB"
text 10K
key Enter
wait_gone "Oversized above:" || not_ok "Enter closes the prompt"
expect_wrapped "the message counts them at once" "oversized: $n10k files above 10.0 KiB"
key ]
expect_screen "] shows them: the heading has the new threshold and count" \
	"Oversized files, above 10.0 KiB ($n10k)"
echo "# keystrokes from the open audit to the files above 10K in sight: $keys (o, 10K, Enter, ])"
expect_eq "o, the size, Enter, ]: $keys keys" 6 "$keys"
expect_eq "the library is not listed again" "$listed" "$(requests)"

# ---- lower: more come in, the cursor stays on its finding (the last one,
# an empty folder, past the files that come in)
last=$(mt audit --json | jget '[f["folder"] for f in d["findings"] if f["kind"] == "empty-folder"][-1]')
send End
send o
expect_screen "o asks again" "Oversized above:"
box_says "... with 10 KiB" "10 KiB"
type_text 7000
send Enter
expect_wrapped "7000 bytes: more files" "oversized: $n7000 files above 6.8 KiB"
send Enter
expect_wrapped "the cursor stayed on its finding (the last empty folder)" "folder $last is empty"
send g ]
expect_screen "... the heading counts them" "Oversized files, above 6.8 KiB ($n7000)"

# ---- higher: they go
send o
expect_screen "o asks again" "Oversized above:"
box_says "o shows the byte count as set" "7000"
type_text 2.5MiB
send Enter
expect_wrapped "above 2.5 MiB: none, as the message says" "oversized: 0 files above 2.5 MiB"
refute_screen "... the heading goes" "Oversized files"

# ---- Esc: nothing changes
send o
box_says "o offers 2.5 MiB" "2.5 MiB"
type_text 1K
send Escape
wait_gone "Oversized above:" || not_ok "Esc closes the prompt"
refute_screen "Esc changes nothing" "Oversized files"

# ---- bad input: said, the prompt keeps the text, nothing changes
for bad in abc -1 0; do
	send o
	expect_screen "o asks ($bad)" "Oversized above:"
	tx send-keys -l -- "$bad"
	send Enter
	box_says "'$bad' is refused, said in the prompt" "is not a size above 0"
	box_says "... the prompt keeps '$bad'" "$bad"
	send Escape
	wait_gone "Oversized above:" || not_ok "Esc leaves it ($bad)"
done
send o
expect_screen "o asks (empty)" "Oversized above:"
send BSpace Enter
box_says "an empty answer is refused" "give a size above 0"
send Escape
wait_gone "Oversized above:" || not_ok "Esc leaves it (empty)"
refute_screen "bad input changed nothing" "Oversized files"

# ---- the size holds for a rescan
send o
expect_screen "o asks" "Oversized above:"
box_says "... with 2.5 MiB" "2.5 MiB"
type_text 10K
send Enter g ]
expect_screen "10 KiB again" "Oversized files, above 10.0 KiB ($n10k)"
faults '{"hold_api": 1}'
send r
expect_screen "r rescans (the listing held at the server)" "scanning"
refute_screen "... no findings while it reads" "Oversized files"
faults '{"hold_api": 0}'
expect_screen "the rescan is done" "Images without alt text" 30
send ]
expect_screen "the rescan uses the session's size" "Oversized files, above 10.0 KiB ($n10k)" 30

tui_quit >/dev/null
expect_eq "mediatui ends normally" 0 "$(tui_wait_exit)"
finish
