#!/bin/sh
# altkeep.t — the alt-text queue never loses what was typed: a save the
# server refuses names the image, and the image comes back next in the
# queue with its text; Esc keeps it; quitting (q or Ctrl+C) asks first
# while it is held; once the server answers again, `a` on the image starts
# from the kept text and Enter saves it as typed.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
jget '"\n".join([f["id"] + " " + f["filename"] for f in d["findings"] if f["kind"] == "missing-alt"][:2])' \
	<"$T/audit.json" >"$T/first2"
read -r id1 name1 <"$T/first2"
id2=$(sed -n 2p "$T/first2" | cut -d' ' -f1)
name2=$(sed -n 2p "$T/first2" | cut -d' ' -f2)
expect_eq "two images without alt text, with plain names" 2 "$(grep -c '^[^ ]* [A-Za-z0-9._-]*$' "$T/first2")"


# 80x24: the prompt stands under the fields, beside the picture, just
# above the status line
tui_start 80 24
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text"
# every API call fails from here, retries included
admin POST /_admin/faults '{"fault_5xx": 1.0}' >/dev/null
send a
expect_screen "the queue starts at the first image" "Alt text for $name1"
refute_screen "while the prompt is open the status line offers no key of the details" "w save"
type_text "Kept one"
send Enter
expect_screen "Enter goes on to the next image at once" "Alt text for $name2"
expect_wrapped "the refusal names the image and says its text is kept, both of its rows in sight" \
	"alt text for $name1 not saved (kept; it comes next)"
expect_screen "the second image's details cannot be read: its box says so" \
	"no picture: the item" 60
type_text "Kept two"
send Enter
expect_screen "the refused image comes back next" "Alt text for $name1"
expect_screen "... with its text as typed" "Kept one"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue"
expect_screen "Esc keeps the details of the image open" "Focal point"
expect_screen "the second refusal is said too" "alt text for $name2 not saved (kept; a tries again)" 60
send q
wait_gone "Focal point" || not_ok "q goes back to the audit"

# quitting asks while refused text is held; n stays
send q
wait_gone "Images without alt text" || not_ok "q leaves the audit"
send q
expect_screen "q asks before losing refused alt text" "Not saved yet"
expect_wrapped "... and says what" "the alt text typed for 2 images (not saved)"
send n
wait_gone "Not saved yet" || not_ok "n stays"
sigint
expect_screen "Ctrl+C asks the same" "Not saved yet"
send n
wait_gone "Not saved yet" || not_ok "n stays after Ctrl+C"
expect_eq "nothing reached the server" "" "$(admin POST /_admin/faults '{"fault_5xx": 0}' >/dev/null; mt info "$id1" --json | jget 'd["alt"] or ""')"

# the server answers again: a on the image starts from the kept text
send A
expect_screen "the audit again" "Images without alt text"
send Home
settle
send a
expect_screen "a on the refused image" "Alt text for $name1"
expect_screen "... starts from the kept text" "Kept one"
send Enter
expect_screen "Enter saves it" "alt text saved"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue again"
expect_eq "the server has the alt text as typed" "Kept one" "$(mt info "$id1" --json | jget 'd["alt"] or ""')"
expect_eq "the second image has nothing yet" "" "$(mt info "$id2" --json | jget 'd["alt"] or ""')"
send q
wait_gone "Focal point" || not_ok "q leaves the details"
send q
wait_gone "Images without alt text" || not_ok "q leaves the audit again"
send q
expect_wrapped "quitting still asks: one image's text is held, and names it" "the alt text typed for $name2 (not saved)"
send y
tui_wait_exit >"$T/rc"
expect_eq "y quits with status 0" 0 "$(cat "$T/rc")"
finish
