#!/bin/sh
# altqueue-stop.t — the alt-text queue stopped after some saves: back in
# the audit the cursor is on the image where it stopped (the one not done),
# so a resumes there. Each save takes the image before the cursor out of
# the audit; the cursor keeps to its image, whether the save's answer comes
# before the Esc or after it. At 80x24, as the demo is walked.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
n=$(jget 'len([f for f in d["findings"] if f["kind"] == "missing-alt"])' <"$T/audit.json")
jget '"\n".join([f["id"] + " " + f["filename"] for f in d["findings"] if f["kind"] == "missing-alt"][:4])' \
	<"$T/audit.json" >"$T/first"
{ read -r id1 name1; read -r id2 name2; read -r id3 name3; read -r id4 name4; } <"$T/first"
expect_eq "four images without alt text, with plain names" 4 "$(grep -c '^[^ ]* [A-Za-z0-9._-]*$' "$T/first")"

tui_start 80 24
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text ($n)"

# one save, answered before the Esc
send a
expect_screen "the queue starts at the first image" "Alt text for $name1"
type_text "First"
send Enter
expect_screen "Enter opens the second image's prompt" "Alt text for $name2"
expect_wrapped "... and the first one's save is answered" "alt text saved for $name1"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue"
send Escape
expect_screen "a second Esc is the audit" "Images without alt text ($((n - 1)))"
send a
expect_screen "a resumes at the image where the queue stopped" "Alt text for $name2"
refute_screen "... not at the one after it" "Alt text for $name3"

# one save whose answer comes after the Esc: held at the server (from
# Home, as this part stands on its own)
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue"
send Escape
wait_for "Images without alt text" || not_ok "back in the audit"
send Home
settle
send a
expect_screen "a on the first finding" "Alt text for $name2"
faults '{"hold_api": 1, "hold_api_path": "media/'"$id2"'"}'
type_text "Second"
send Enter
expect_screen "Enter opens the third image's prompt" "Alt text for $name3"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue again"
send Escape
expect_screen "the audit again, the save still on its way" "Images without alt text ($((n - 1)))"
faults '{"hold_api": 0, "hold_api_path": ""}'
expect_screen "the save's answer takes the second image out" "Images without alt text ($((n - 2)))"
send a
expect_screen "a resumes at the third image" "Alt text for $name3"
refute_screen "... not at the fourth" "Alt text for $name4"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue, nothing saved"
send Escape
expect_screen "the audit once more" "Images without alt text ($((n - 2)))"
send a
expect_screen "with nothing saved a resumes at the same image" "Alt text for $name3"
send Escape
wait_gone "Enter: accept" || true
send Escape
wait_for "Images without alt text" || not_ok "back in the audit"
expect_eq "the server has both texts" "First Second" \
	"$(mt info "$id1" --json | jget 'd["alt"] or ""') $(mt info "$id2" --json | jget 'd["alt"] or ""')"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
