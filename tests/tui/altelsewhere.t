#!/bin/sh
# altelsewhere.t — an image given alt text elsewhere (a colleague, a
# script) after the audit was made is never overwritten by the alt-text
# queue: when its details are read and show the text, an image with nothing
# typed is passed over, and the message says whose text stays; with text
# typed, the prompt says what Enter would replace, and Esc leaves it.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

alt_of() { mt info "$1" --json | jget 'd["alt"] or ""'; }

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
jget '"\n".join([f["id"] + " " + f["filename"] for f in d["findings"] if f["kind"] == "missing-alt"][:4])' \
	<"$T/audit.json" >"$T/first"
{ read -r id1 name1; read -r id2 name2; read -r id3 name3; read -r id4 name4; } <"$T/first"

tui_start 120 30
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text (64)"
# after the audit was made, a colleague writes the second image's alt text
# and the fourth's
mt edit "$id2" --alt "Set by a colleague" >/dev/null
mt edit "$id4" --alt "Colleague four" >/dev/null
send a
expect_screen "the queue starts at the first image" "Alt text for $name1"
type_text "Alt one"
send Enter
expect_screen "the second image, given alt text meanwhile, is passed over" "Alt text for $name3"
expect_wrapped "... and the message says so, with the colleague's text" \
	"$name2 has alt text now, set elsewhere (\"Set by a colleague\"): passed over"
# the fourth: its read held at the server while the editor types
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
type_text "Alt three"
send Enter
expect_screen "the fourth image's prompt" "Alt text for $name4"
wait_held 2 || not_ok "the save of the third and the read of the fourth are held" "held: $(held_now)"
type_text "Mine for four"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
box_says "with text typed, the prompt says Enter would replace the new text" \
	"has alt text now: Enter replaces it, Esc leaves it"
expect_wrapped "... and the message says whose text it is" \
	"$name4 has alt text now, set elsewhere: \"Colleague four\". Enter replaces it, Esc leaves it"
expect_screen "... the typed text stays in the prompt" "Mine for four"
send Escape
wait_gone "Enter replaces it" || not_ok "Esc closes the prompt"
expect_eq "the first image has the queue's text" "Alt one" "$(alt_of "$id1")"
expect_eq "the second keeps the colleague's text" "Set by a colleague" "$(alt_of "$id2")"
expect_eq "the third has the queue's text" "Alt three" "$(alt_of "$id3")"
expect_eq "the fourth keeps the colleague's text after Esc" "Colleague four" "$(alt_of "$id4")"
send q
expect_screen "back in the audit: it counts the colleague's two as done" "Images without alt text (60)"
rc=$(tui_quit)
expect_eq "q quits with status 0 (the kept text asked about first)" 0 "$rc"
finish
