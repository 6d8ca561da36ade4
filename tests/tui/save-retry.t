#!/bin/sh
# save-retry.t — a save the server answers with a 5xx is tried again by the
# engine, and the details say so while it happens ("the server answered
# 503, trying again (2 of 6)"), each try counted, instead of a bare
# "saving" that reads the same as a slow server; the message log (M) keeps
# the outcome alone, as for the audit's alt texts (alt-retry.t). Esc keeps its meaning:
# the details stop waiting (the retries are no longer told), the request
# goes on, and its answer is told when it comes. The server holds every
# try at its gate (hold_api), letting one go at a time (hold_api_pass). At
# 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
name=$img_name
id=$img_id
server_field() { admin GET /_admin/state | jget '[m.get("'"$1"'") or "" for m in d["media"] if m["id"] == "'"$id"'"][0]'; }
pass_one() { faults '{"hold_api_pass": 1}'; }

tui_start 80 24
open_first_image_details
send j Enter
wait_for "Enter: accept" || true
send C-u
type_text "Boats at the quay"
send Enter
expect_screen "the title is pending" "not saved yet"

# ---- a save answered 5xx twice, waited for: each retry said, then saved
h0=$(held_now)
faults '{"hold_api": 1, "fault_5xx": 1, "fault_streak": 2, "seed": 7}'
send w
wait_held $((h0 + 1)) || not_ok "the save reaches the server"
expect_screen "w says it saves" "saving"
refute_screen "... and no retry before one happened" "trying again"
pass_one
wait_held $((h0 + 2)) || not_ok "the save is tried again"
expect_wrapped "the first retry is said, with the server's answer" "the server answered 50"
expect_wrapped "... and counted" "trying again (2 of 6)"
expect_wrapped "... and Esc's meaning said" "Esc stops waiting"
pass_one
wait_held $((h0 + 3)) || not_ok "the save is tried a third time"
expect_wrapped "the second retry is counted" "trying again (3 of 6)"
refute_screen "... in place of the first" "(2 of 6)"
faults '{"hold_api": 0}'
expect_screen "the third try goes through: saved" "saved"
refute_screen "... and no retry is said any more" "trying again"
refute_screen "... nothing pending" "not saved yet"
expect_eq "the server has the title" "Boats at the quay" "$(server_field title)"
send M
expect_screen "the message log is open" "Messages:"
expect_wrapped "... it has the save's outcome" "saved"
check "... and none of its retries: each was said, none is an outcome" \
	sh -c '! printf "%s\n" "$1" | grep -qF "trying again"' - "$(screen_joined)"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

# ---- a save retried, then Esc: no longer told; the answer, later, is
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Gulls on the quay"
send Enter
expect_screen "a second title is pending" "not saved yet"
h0=$(held_now)
faults '{"hold_api": 1, "fault_5xx": 1, "fault_streak": 3}'
send w
wait_held $((h0 + 1)) || not_ok "the second save reaches the server"
pass_one
wait_held $((h0 + 2)) || not_ok "the second save is tried again"
expect_wrapped "its retry is said" "trying again (2 of 6)"
send Escape
expect_wrapped "Esc stops waiting, saying so" "stopped waiting for the save"
refute_screen "... the retry is no longer said" "trying again"
pass_one
wait_held $((h0 + 3)) || not_ok "the request goes on after Esc"
refute_screen "... nor the next one" "trying again (3 of 6)"
expect_screen "... the edit stays pending" "not saved yet"
faults '{"hold_api": 0, "fault_5xx": 0}'
expect_wrapped "its answer is told when it comes" "went through after all"
expect_eq "the server has the second title" "Gulls on the quay" "$(server_field title)"

rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
