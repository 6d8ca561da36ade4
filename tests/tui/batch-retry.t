#!/bin/sh
# batch-retry.t — a move or a delete of marked items whose request the
# engine tries again (the server answered 5xx) says so on the status line
# as an alt-text save's retry is said, "moving 1 of 2… the server answered
# 503, trying again (2 of 6)", for as long as the item waits (past the
# status line's usual time), until the outcome replaces it; the message log
# keeps the outcomes, not the retries. A delete whose items fail names more
# than the first failure on the status line ("…, and 1 more"), and the
# message log has every failure with its reason. The server answers every
# request with a 5xx once (fault_5xx with fault_streak 1): a move goes
# through on its second try, a delete (never tried again: a lost answer
# would read as a 404) fails. hold_api holds the retry while the test
# looks; the trace (MEDIATUI_TRACE) says when a message's time has passed,
# so the test counts no seconds itself. At 100x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
total() { mt ls --json | jget 'd["total"]'; }
admin GET /_admin/state >"$T/state.json"
target=$(jget '[f for f in d["folders"] if f != "/" and len(f) < 11][0]' <"$T/state.json")

# marks n items of the top folder (its folder rows skipped)
mark_items() {
	send g
	settle
	n=$(screen | sed -n '4,29p' | sed 's/│.*//' | grep -c '^  [^ ]*/ *$')
	while [ "$n" -gt 0 ]; do send j; n=$((n - 1)); done
	i=0
	while [ $i -lt "$1" ]; do send Space; i=$((i + 1)); done
	wait_for "$1 marked" || not_ok "$1 items marked" "$(screen)"
}

tui_start 100 30 MEDIATUI_TRACE="$T/trace"
wait_for " of " || true

# -- a move: the first item's PATCH refused once, its retry held
mark_items 2
send m
expect_screen "m asks for the folder" "Move 2 items to"
send g
k=$(jget '[f for f in sorted(d["folders"])].index("'"$target"'")' <"$T/state.json")
while [ "$k" -gt 0 ]; do send j; k=$((k - 1)); done
settle
h0=$(held_now)
faults '{"hold_api": 1, "fault_5xx": 1, "fault_streak": 1}'
send Enter
wait_held $((h0 + 1)) || not_ok "the first item's move reaches the server"
faults '{"hold_api_pass": 1}'
wait_held $((h0 + 2)) || not_ok "it is refused and tried again: held"
expect_wrapped "the retry is said with the item" "moving 1 of 2… the server answered 50"
expect_wrapped "... and counted" "trying again (2 of 6)"
expect_past_its_time "the trace says the message's usual time has passed" "trying again (2 of 6)" \
	"status message past its time, kept while it waits"
expect_wrapped "... the retry is still said: the item still waits" "trying again (2 of 6)"
faults '{"hold_api": 0}'
expect_screen "both items move, each on its second try" "moved 2 items to $target"
refute_screen "... and no retry is said any more" "trying again"
send M
expect_screen "the message log is open" "Messages:"
expect_wrapped "... it has the move's outcome" "moved 2 items to $target"
check "... and none of the retries" \
	sh -c '! printf "%s\n" "$1" | grep -qF "trying again"' - "$(screen_joined)"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

# -- a delete, originals backed up first: the read of the first item
# refused once, its retry held; then every delete is refused
before=$(total)
mark_items 2
send d
expect_screen "d asks, offering a backup" "back up the originals first"
h0=$(held_now)
faults '{"hold_api": 1}'
send b
wait_held $((h0 + 1)) || not_ok "the first item's read reaches the server"
faults '{"hold_api_pass": 1}'
wait_held $((h0 + 2)) || not_ok "it is refused and tried again: held"
expect_wrapped "the retry is said with the item" "saving the original of 1 of 2… the server answered 50"
expect_wrapped "... and counted" "trying again (2 of 6)"
faults '{"hold_api": 0}'
expect_wrapped "every delete is refused (never tried again): the outcome replaces the retry" \
	"deleted 0, 2 failed: "
refute_screen "... and no retry is said any more" "trying again"
expect_eq "the server still has both items" "$before" "$(total)"
send M
expect_screen "the message log is open" "Messages:"
check "... it has none of the retries" \
	sh -c '! printf "%s\n" "$1" | grep -qF "trying again"' - "$(screen_joined)"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

faults '{"fault_5xx": 0}'
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
