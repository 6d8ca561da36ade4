#!/bin/sh
# alt-retry-held.t — the audit's alt-text save tried again (alt-retry.t)
# says so on the status line for as long as the save waits, not for the
# status line's usual time alone: the wait before the next try and the try
# itself may be longer, and the save would read as over while it still
# waits. The retry is held at the server (hold_api) until the trace
# (MEDIATUI_TRACE) says the message's usual time has passed, so the test
# counts no seconds itself; then it is let through and the outcome
# replaces the message, naming the image ("alt text saved for NAME"). At
# 120x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
n=$(jget 'len([f for f in d["findings"] if f["kind"] == "missing-alt"])' <"$T/audit.json")
last='[f for f in d["findings"] if f["kind"] == "missing-alt"][-1]'
name=$(jget "$last"'["filename"]' <"$T/audit.json")

tui_start 120 30 MEDIATUI_TRACE="$T/trace"
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text ($n)"
k=1
while [ $k -lt "$n" ]; do send j; k=$((k + 1)); done
send a
expect_screen "the prompt asks for the last image's alt text" "Alt text for $name"
wait_gone "…" || true   # its details are read
type_text "Gulls over the harbour"

h0=$(held_now)
faults '{"hold_api": 1, "fault_5xx": 1, "fault_streak": 1}'
send Enter
wait_held $((h0 + 1)) || not_ok "the save reaches the server"
faults '{"hold_api_pass": 1}'
wait_held $((h0 + 2)) || not_ok "the save is refused and tried again: held"
expect_wrapped "the retry is said" "trying again (2 of 6)"
expect_past_its_time "the trace says the message's usual time has passed" "trying again (2 of 6)"
expect_wrapped "... the retry is still said: the save still waits" "trying again (2 of 6)"
faults '{"hold_api": 0}'
expect_screen "the second try goes through: saved, in its place, named" "alt text saved for $name"
refute_screen "... and the retry is said no more" "trying again"

faults '{"fault_5xx": 0}'
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
