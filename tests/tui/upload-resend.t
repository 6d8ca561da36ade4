#!/bin/sh
# upload-resend.t — R asks about a cancelled upload once: answered either
# way, the same cancelled file is not asked about again in the session (it
# asked on every R). The question is worded for the moment R was pressed
# ("Retry the 2 failed uploads. Also send the 1 cancelled one again?", the
# cancelled names listed), not as a hint to press R. A file cancelled later
# is asked about, alone; y sends it and leaves the one answered n before.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms
write_config clearcms "jobs = 1"
for n in gone1 gone2 q1 q2 q3 q4; do make_png "$T/work/$n.png" 60 40; done
in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}
full_now() {
	used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
	faults "{\"quota\": $((used + 10))}"
}
# cancel_one NAME: sends NAME with its first request held, and x cancels it
cancel_one() {
	h0=$(held_now)
	faults '{"hold_api": 1}'
	mark_and_send "$1" 1
	wait_held $((h0 + 1)) || not_ok "$1: its request reaches the server" "$(screen)"
	send x
	expect_screen "x cancels $1" "cancelled   $1"
	faults '{"hold_api": 0}'
}
# fail_full PATTERN N: sends the N files of PATTERN to a full storage
fail_full() {
	full_now
	send Tab
	send Tab
	mark_and_send "$1" "$2"
	expect_screen "$1 fails on the full storage" "uploads finished: the library's storage is full" 60
	faults '{"quota": 0}'
}
# no_box TEXT: R's question is not open
no_box() { check "$1" sh -c '! printf "%s\n" "$1" | grep -q "Send again"' - "$(screen)"; }

tui_start 120 34
wait_for " of " || true
send Tab
wait_for "gone1.png" || not_ok "the local pane lists the files" "$(screen)"
cancel_one gone1.png
fail_full "q[12].png" 2

send R
box_says "R asks in the words of a retry the user just asked for" \
	"Retry the 2 failed uploads. Also send the 1 cancelled one again?"
box_says "... naming the cancelled file" "gone1.png"
refute_screen "... not the hint to press R" "R retries them"
send n
wait_gone "Send again" || not_ok "n closes the question" "$(screen)"

fail_full "q3.png" 1
send R
expect_screen "answered once, R retries without asking again" "retrying 3 uploads"
no_box "... no question about gone1.png"
expect_screen "the three go up" "uploads finished: 3 done" 60
expect_eq "gone1.png stays off the server" "0" "$(in_library gone1.png)"

# a file cancelled later is asked about, alone; y sends it
send Tab
send Tab
cancel_one gone2.png
fail_full "q4.png" 1
send R
box_says "a file cancelled since is asked about" \
	"Retry the 1 failed upload. Also send the 1 cancelled one again?"
check "... alone: gone1.png was answered" sh -c \
	'printf "%s\n" "$1" | grep -q "gone2.png" && ! printf "%s\n" "$1" | grep -q "gone1.png"' - "$(box_text)"
send y
wait_gone "Send again" || not_ok "y closes the question" "$(screen)"
expect_screen "y sends the failure and gone2.png" "uploads finished: 2 done" 60
expect_eq "gone2.png went up, gone1.png did not" "1 0" "$(in_library gone2.png) $(in_library gone1.png)"

# nothing failed: R says the cancelled file stays, and asks nothing
send R
expect_screen "R with nothing to retry says the cancelled stay" \
	"nothing sent again: the cancelled uploads stay (c clears them)"
no_box "... and asks nothing"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
