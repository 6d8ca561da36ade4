#!/bin/sh
# alt-retry-two.t — two alt texts saved from the audit's queue, one tried
# again by the engine while the other goes through: the outcome of the one
# is said with its image's name ("alt text saved for NAME": with the queue
# it comes while the next image's prompt is open), and once it has had its
# time on the status line, the retry of the save still waiting is said
# again, instead of a status line that says nothing while that save waits.
# The server holds only the first image's requests (hold_api with
# hold_api_path), letting one go at a time (hold_api_pass); the second's go
# on. The trace (MEDIATUI_TRACE) says when a message has had its time, so
# the test counts no seconds itself. At 120x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
n=$(jget 'len([f for f in d["findings"] if f["kind"] == "missing-alt"])' <"$T/audit.json")
[ "$n" -ge 2 ] || not_ok "the demo has two images without alt text" "$n"
one='[f for f in d["findings"] if f["kind"] == "missing-alt"][-2]'
two='[f for f in d["findings"] if f["kind"] == "missing-alt"][-1]'
name1=$(jget "$one"'["filename"]' <"$T/audit.json")
id1=$(jget "$one"'["id"]' <"$T/audit.json")
name2=$(jget "$two"'["filename"]' <"$T/audit.json")
id2=$(jget "$two"'["id"]' <"$T/audit.json")
server_alt() { admin GET /_admin/state | jget '[m.get("alt") or "" for m in d["media"] if m["id"] == "'"$1"'"][0]'; }

tui_start 120 30 MEDIATUI_TRACE="$T/trace"
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text ($n)"
# the last two images without alt text: the queue from there holds them
k=2
while [ $k -lt "$n" ]; do send j; k=$((k + 1)); done
send a
expect_screen "the prompt asks for the first image's alt text" "Alt text for $name1"
wait_gone "…" || true   # its details are read
type_text "Boats at the quay"

# the first save held at the server, then refused once: its retry is said
h0=$(held_now)
faults '{"hold_api": 1, "hold_api_path": "media/'"$id1"'"}'
send Enter
wait_held $((h0 + 1)) || not_ok "the first save reaches the server"
expect_screen "the queue asks for the second image" "Alt text for $name2"
wait_gone "…" || true
faults '{"fault_5xx": 1, "fault_streak": 1, "hold_api_pass": 1}'
wait_held $((h0 + 2)) || not_ok "the first save is refused and tried again: held"
expect_wrapped "the first save's retry is said" "saving the alt text for $name1"
expect_wrapped "... and counted" "trying again (2 of 6)"

# the second save goes through while the first still waits
faults '{"fault_5xx": 0}'
type_text "Gulls over the harbour"
send Enter
expect_wrapped "the second save's outcome names its image" "alt text saved for $name2"
expect_eq "the server has the second alt text" "Gulls over the harbour" "$(server_alt "$id2")"
expect_eq "... and not yet the first" "" "$(server_alt "$id1")"
expect_past_its_time "the trace says the outcome has had its time" "alt text saved for $name2" \
	"status message past its time, gone"
expect_wrapped "the first save, still waiting, is said again" "saving the alt text for $name1"
expect_wrapped "... with its retry" "trying again (2 of 6)"

# the first save let go: saved, named, and nothing waits any more
faults '{"hold_api": 0, "hold_api_path": ""}'
expect_wrapped "the first save goes through, named" "alt text saved for $name1"
refute_screen "... and no retry is said any more" "trying again"
expect_eq "the server has the first alt text" "Boats at the quay" "$(server_alt "$id1")"
send M
expect_screen "the message log is open" "Messages:"
expect_wrapped "... it has the first save's outcome" "alt text saved for $name1"
expect_wrapped "... and the second's" "alt text saved for $name2"
check "... and none of the retries" \
	sh -c '! printf "%s\n" "$1" | grep -qF "trying again"' - "$(screen_joined)"
send q
wait_gone "Messages:" || not_ok "q closes the message log"
expect_past_its_time "the first outcome has had its time too" "alt text saved for $name1" \
	"status message past its time, gone"
refute_screen "... and no save is said to wait" "saving the alt text"

rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
