#!/bin/sh
# alt-retry.t — an alt text saved from the audit's queue that the server
# answers with a 5xx is tried again by the engine, and the status line says
# so as the details do for their saves ("the server answered 503, trying
# again (2 of 6)"), each try counted and the image named, instead of
# nothing at all until the answer. The retries are progress, not news to
# keep: the message log (M) has the save's outcome alone, as the details'
# saves have (save-retry.t). The server holds every try at its gate
# (hold_api), letting one go at a time (hold_api_pass). The image is the
# last of the queue, so that its save is the only request at the server.
# At 120x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
n=$(jget 'len([f for f in d["findings"] if f["kind"] == "missing-alt"])' <"$T/audit.json")
last='[f for f in d["findings"] if f["kind"] == "missing-alt"][-1]'
name=$(jget "$last"'["filename"]' <"$T/audit.json")
id=$(jget "$last"'["id"]' <"$T/audit.json")
server_alt() { admin GET /_admin/state | jget '[m.get("alt") or "" for m in d["media"] if m["id"] == "'"$id"'"][0]'; }
pass_one() { faults '{"hold_api_pass": 1}'; }

tui_start 120 30
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text ($n)"
# the last image without alt text: the queue from there holds it alone
k=1
while [ $k -lt "$n" ]; do send j; k=$((k + 1)); done
send a
expect_screen "the prompt asks for the last image's alt text" "Alt text for $name"
wait_gone "…" || true   # its details are read
type_text "Boats at the quay"

h0=$(held_now)
faults '{"hold_api": 1, "fault_5xx": 1, "fault_streak": 2}'
send Enter
wait_held $((h0 + 1)) || not_ok "the save reaches the server"
expect_screen "the queue is at its end" "no more images without alt text"
refute_screen "... and no retry is said before one happened" "trying again"
pass_one
wait_held $((h0 + 2)) || not_ok "the save is tried again"
expect_wrapped "the first retry is said, with the server's answer" "the server answered 50"
expect_wrapped "... naming the image" "saving the alt text for $name"
expect_wrapped "... and counted" "trying again (2 of 6)"
pass_one
wait_held $((h0 + 3)) || not_ok "the save is tried a third time"
expect_wrapped "the second retry is counted" "trying again (3 of 6)"
refute_screen "... in place of the first" "(2 of 6)"
faults '{"hold_api": 0}'
expect_screen "the third try goes through: saved" "alt text saved"
refute_screen "... and no retry is said any more" "trying again"
expect_eq "the server has the alt text" "Boats at the quay" "$(server_alt)"
send M
expect_screen "the message log is open" "Messages:"
expect_wrapped "... it has the save's outcome" "alt text saved"
check "... and none of its retries: each was said, none is an outcome" \
	sh -c '! printf "%s\n" "$1" | grep -qF "trying again"' - "$(screen_joined)"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

faults '{"fault_5xx": 0}'
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
