#!/bin/sh
# refused.t — a save the server refuses (a read-only key: 403) loses
# nothing: the edit stays pending and the reason is said whole; leaving
# asks; once the key may write, w saves what was typed.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo" --readonly-key "ro-key-$$"
rw_key=$(cat "$T/key")
printf 'ro-key-%s\n' "$$" >"$T/key"

mt ls / --json >"$T/root.json"
safe='[i for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and i["mimeType"].startswith("image/")]'
name=$(jget "$safe"'[0]["filename"]' <"$T/root.json")
id=$(jget "$safe"'[0]["id"]' <"$T/root.json")
alt_before=$(jget "$safe"'[0]["alt"] or ""' <"$T/root.json")

tui_start 100 24
wait_for " of " || not_ok "the list is shown"
send /
wait_for "Search" || not_ok "/ asks for a search"
type_text "$name"
send Enter
expect_screen "the search lists the item" "1 of 1"
send Enter
expect_screen "Enter opens the details" "Focal point"
send Enter
wait_for "Enter: accept" || not_ok "Enter edits the alt text"
send C-u
type_text "Kept through a refusal"
send Enter
expect_screen "the edit is pending" "not saved yet"
send w
expect_screen "the refusal is said with its reason, whole" "not saved: saving media metadata: Insufficient permissions (HTTP 403)"
expect_screen "the edit stays pending" "not saved yet"
expect_screen "... with the text as typed" "Kept through a refusal"
expect_eq "the server has the alt text it had" "$alt_before" "$(mt info "$id" --json | jget 'd["alt"] or ""')"
# the message log keeps the refusal whole, with the item's name
send M
expect_wrapped "the message log has the refusal, with the item's name" \
	"$name: not saved: saving media metadata: Insufficient permissions (HTTP 403)"
send q
wait_gone "Messages:" || true
# at 60 columns the details' own line wraps: the reason is not cut
tx resize-window -x 60 -y 24
wait_for "(HTTP 403)" || true
check "at 60 columns the details still show the reason's end (above the status rows)" \
	sh -c 'printf "%s\n" "$1" | head -n 22 | grep -q "(HTTP 403)"' - "$(screen)"
tx resize-window -x 100 -y 24
settle

# leaving asks; s tries to save, is refused again, and stays with the edit
send q
expect_screen "leaving asks" "Unsaved changes"
send s
wait_gone "Unsaved changes" || not_ok "s closes the question"
expect_screen "a refused save on the way out stays in the details" "not saved yet"
expect_screen "... the text kept" "Kept through a refusal"
expect_screen "... the details are still open" "Focal point"
send q
wait_for "Unsaved changes" || not_ok "q asks again"
send d
wait_gone "Focal point" || not_ok "d discards and leaves"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# a server failing for a while: the save fails, the edit stays; once the
# server answers again, w saves what was typed
printf '%s\n' "$rw_key" >"$T/key"
tui_start 100 24
wait_for " of " || not_ok "the list is shown again"
send /
wait_for "Search" || not_ok "/ asks for a search again"
type_text "$name"
send Enter
expect_screen "the search lists the item again" "1 of 1"
send Enter
wait_for "Focal point" || not_ok "Enter opens the details again"
send Enter
wait_for "Enter: accept" || not_ok "Enter edits the alt text again"
send C-u
type_text "Kept through a failing server"
send Enter
wait_for "not saved yet" || not_ok "pending again"
admin POST /_admin/faults '{"fault_5xx": 1.0}' >/dev/null
send w
expect_screen "the failed save is said" "not saved: " 60
expect_screen "the edit stays pending after the failure" "not saved yet"
admin POST /_admin/faults '{"fault_5xx": 0}' >/dev/null
send w
if wait_gone "not saved yet"; then ok "w saves once the server answers"; else not_ok "w saves once the server answers" "$(screen)"; fi
expect_eq "the server has what was typed" "Kept through a failing server" "$(mt info "$id" --json | jget 'd["alt"]')"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
