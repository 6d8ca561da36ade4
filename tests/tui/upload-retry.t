#!/bin/sh
# upload-retry.t — a file whose try failed and that waits to try again says
# so in its row: which try comes, of how many, and why the last one failed
# ("retry 2 of 5 after a check: the server answered 503"), its bar back at
# what the server holds (nothing: a failed multipart POST keeps none of the
# file), and the panel's top line no longer counts those bytes as sent. It
# read "retrying 1" with a full bar and "24.5 KiB/24.5 KiB" and no reason.
# The count is said once: the state word is "retrying", without the
# retries so far ("retrying 1" beside "retry 2 of 5" read as two counts).
# The server answers a streak of 5xx (fault_5xx, fault_streak) and holds
# each request at its gate (hold_api), letting one go at a time
# (hold_api_pass): clearcms asks the library whether a failed create
# arrived before it posts it again, and that question, held, keeps the row
# in its wait for as long as the test looks. At 100x30, then at 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
write_config clearcms "jobs = 1"
make_png "$T/work/harbour.png" 300 200
make_png "$T/work/quay.png" 320 200
pass_one() { faults '{"hold_api_pass": 1}'; }
# row NAME: the panel's row of the file
row() { screen | grep -m 1 -E "(retry|upload|sent|presign|start|check)[a-z0-9 ]* +$1 "; }
top_line() { screen | grep -m 1 -F " Uploads"; }

# run_streak FILE: sends FILE with every request held, and lets them go
# one at a time until its row waits for the POST's second try: the look
# for copies already there is answered 5xx twice, then goes through; the
# multipart POST is answered 5xx; the question whether it arrived is held.
# (Each request let go is followed by the next one held: the file's
# requests go one after the other.)
run_streak() {
	h0=$(held_now)
	faults '{"hold_api": 1, "fault_5xx": 1, "fault_streak": 2, "seed": 7}'
	upload_matching "$1" 1
	_rs_k=0
	while :; do
		wait_held $((h0 + _rs_k + 1)) || { not_ok "$1: request $((_rs_k + 1)) reaches the server" "$(screen)"; break; }
		settle
		screen | grep -q "retry 2 of 5 after a check" && break
		[ $_rs_k -gt 8 ] && break
		pass_one
		_rs_k=$((_rs_k + 1))
	done
}

tui_start 100 30
wait_for " of " || true
settle

run_streak harbour.png
expect_screen "the row says the try that comes and why the last failed" \
	"retry 2 of 5 after a check: the server answered 50"
check "... in the file's row, its bar empty: none of it is on the server" sh -c \
	'printf "%s\n" "$1" | grep -qE "harbour\.png +░+ +retry 2 of 5 after a check: the server answered 50[03]"' \
	- "$(screen)"
refute_screen "... no full bar" "███"
check "... its count said once: the state word beside it has none of its own" sh -c \
	'printf "%s\n" "$1" | grep -qE "^ *retrying +harbour\.png " && ! printf "%s\n" "$1" | grep -qE "retrying [0-9]"' \
	- "$(row harbour.png)"
check "the top line counts none of its bytes as sent" sh -c \
	'printf "%s\n" "$1" | grep -qE "  0 B / [0-9.]+ KiB .* 0%"' - "$(top_line)"
# the question is answered 5xx and repeated: the row still waits for the
# POST's second try, not for the question's
h1=$(held_now)
pass_one
wait_held $((h1 + 1)) || not_ok "the question is asked again" "$(screen)"
expect_screen "the question's own retry leaves the row's wait as it was" \
	"retry 2 of 5 after a check: the server answered 50"
refute_screen "... not the question's tries" "of 6"
send Enter
box_says "Enter says the wait whole" "Waiting: retry 2 of 5 after a check: the server answered 50"
check "... and no other count beside it" sh -c '! printf "%s\n" "$1" | grep -qE "Retries:|retrying [0-9]"' - "$(box_text)"
send Escape
wait_gone "Waiting:" || not_ok "Esc closes the story" "$(screen)"
faults '{"hold_api": 0}'
expect_screen "the file goes up once the streak is over" "uploads finished: 1 done" 60
# no fault left for the next start's own requests: the held ones are the file's
faults '{"fault_5xx": 0, "fault_streak": 0}'
refute_screen "... and no wait is said any more" "retry 2 of 5"
send c
wait_gone " Uploads " || not_ok "c clears the panel" "$(screen)"
send Tab
tui_quit >/dev/null

# at 80 columns the note is whole: the bar gives way to it
tui_start 80 24
wait_for " of " || true
settle
run_streak quay.png
expect_screen "at 80 columns the row says the wait" \
	"retry 2 of 5 after a check: the server answered 50"
check "... whole" sh -c 'printf "%s\n" "$1" | grep -qE "quay\.png +retry 2 of 5 after a check: the server answered 50[03]"' \
	- "$(screen)"
refute_screen "... no full bar" "███"
faults '{"hold_api": 0}'
expect_screen "it goes up" "uploads finished: 1 done" 60
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
