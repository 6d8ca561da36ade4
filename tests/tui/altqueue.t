#!/bin/sh
# altqueue.t — twenty images get their alt text from the audit's queue:
# one key starts it, then each is its text and Enter, nothing more. The
# server then has all twenty. Keys are counted as they are sent.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
# the first twenty findings, in the audit's order
mt audit --json >"$T/audit.json"
jget '"\n".join([f["id"] for f in d["findings"] if f["kind"] == "missing-alt"][:20])' \
	<"$T/audit.json" >"$T/ids"
expect_eq "the demo has at least twenty images without alt text" 20 "$(wc -l <"$T/ids" | tr -d ' ')"

keys=0
key() { send "$@"; keys=$((keys + $#)); }
text() { type_text "$1"; keys=$((keys + ${#1})); }

tui_start 120 30
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text (64)"
before=$keys
key a
# (the library's waits use i: the count here is k)
k=0
while read -r id; do
	k=$((k + 1))
	name=$(jget "[f['filename'] for f in d['findings'] if f.get('id') == '$id'][0]" <"$T/audit.json")
	[ -n "$name" ] || not_ok "finding $k has a name"
	wait_for "Alt text for $name" || not_ok "prompt $k names $name" "$(screen)"
	text "Alt $k"
	key Enter
done <"$T/ids"
queue=$((keys - before))
expect_screen "after twenty the queue is at the 21st" "(44 left"
# the box stands in the left half beside the picture: a long title cut the
# count and the keys off at 100 columns; now they are a line of their own
tx resize-window -x 100 -y 30
expect_screen "at 100 columns the count and the keys are whole" "Enter: accept, next (44 left)  Esc: stop"
key Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue"
send q
expect_screen "the audit counts 44 left" "Images without alt text (44)"
echo "# keystrokes for 20 items: $queue (1 to start, then the text and Enter each)"
expect_eq "twenty items take 1 + 20 x (text + Enter) keys" \
	$((1 + 20 + 9 * 5 + 11 * 6)) "$queue"   # "Alt 1".."Alt 9", "Alt 10".."Alt 20"

# the server has all twenty
mt ls --all --json >"$T/all.json"
k=0
missing=0
while read -r id; do
	k=$((k + 1))
	got=$(jget "[m.get('alt') for m in d['items'] if m['id'] == '$id'][0]" <"$T/all.json")
	[ "$got" = "Alt $k" ] || { missing=$((missing + 1)); echo "# $id: $got"; }
done <"$T/ids"
expect_eq "the server has the alt text of all twenty" 0 "$missing"

# the next image's prompt never stands beside the last one's picture: while
# its details are read (held at the server) the box says its own is coming
send a
expect_screen "a starts the queue again" "(44 left"
wait_gone "loading the picture" || not_ok "the picture of the 21st is shown" "$(screen)"
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
type_text "Alt 21"
send Enter
expect_screen "Enter opens the 22nd" "(43 left"
expect_screen "... its picture is coming, the 21st's is gone" "loading the picture"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
wait_gone "loading the picture" || not_ok "the 22nd's picture comes" "$(screen)"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue once more"
send q
expect_screen "the audit counts 43 left" "Images without alt text (43)"

# Esc with text typed stops the queue and keeps the text: a offers it again
send a
expect_screen "a starts the queue at the 22nd" "(43 left"
skip_name=$(screen | sed -n 's/.*Alt text for \([^ ]*\) .*/\1/p' | head -n 1)
send Enter
expect_wrapped "an empty Enter skips the image, and says so" "skipped $skip_name: no alt text set"
wait_gone "Alt text for $skip_name " || not_ok "the next image's prompt" "$(screen)"
esc_name=$(screen | sed -n 's/.*Alt text for \([^ ]*\) .*/\1/p' | head -n 1)
type_text "Kept on Esc"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue with text typed"
expect_wrapped "Esc says the text is kept, not saved" "alt text for $esc_name kept, not saved"
send q
expect_screen "back in the audit" "Images without alt text (43)"
send a
expect_screen "a offers the image again" "Alt text for $esc_name"
expect_screen "... with the text kept" "Kept on Esc"
send Enter
expect_screen "Enter saves it" "(42 left"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue, nothing typed"
send q
expect_screen "the audit counts 42 left" "Images without alt text (42)"
esc_id=$(jget "[f['id'] for f in d['findings'] if f.get('filename') == '$esc_name'][0]" <"$T/audit.json")
expect_eq "the server has the text kept on Esc" "Kept on Esc" "$(mt info "$esc_id" --json | jget 'd["alt"] or ""')"

# n and N step through the findings from the details
send Home Enter
wait_for "Focal point" || not_ok "the first finding opens"
first=$(screen | sed -n 's/^ File name  *\([^ ]*\).*/\1/p' | head -n 1)
send n
wait_gone " $first" || not_ok "n opens the next finding"
second=$(screen | sed -n 's/^ File name  *\([^ ]*\).*/\1/p' | head -n 1)
check "n shows another item" test -n "$second" -a "$second" != "$first"
send N
expect_screen "N goes back to the previous one" " $first"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
