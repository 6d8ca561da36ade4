#!/bin/sh
# batch-fails.t — a delete of marked items of which several fail says on
# the status line the first failure, named with its reason, and how many
# more ("…, and 2 more (M lists each)"), not the first alone as if it were
# the only one; the message log (M) has every failure, each named with its
# reason, below the outcome. The server answers every request with a 5xx
# (fault_5xx), and a delete is never tried again (a lost answer would read
# as a 404), so each item fails. At 100x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
total() { mt ls --json | jget 'd["total"]'; }
# the pane lists the top folder's items as ls does: the first three marked
mt ls / --json >"$T/root.json"
n1=$(jget 'd["items"][0]["filename"]' <"$T/root.json")
n2=$(jget 'd["items"][1]["filename"]' <"$T/root.json")
n3=$(jget 'd["items"][2]["filename"]' <"$T/root.json")
before=$(total)

tui_start 100 30
wait_for " of " || true
send g
settle
n=$(screen | sed -n '4,29p' | sed 's/│.*//' | grep -c '^  [^ ]*/ *$')
while [ "$n" -gt 0 ]; do send j; n=$((n - 1)); done
send Space
send Space
send Space
expect_screen "three items marked" "3 marked"
send d
expect_screen "d asks" "cannot be undone"
faults '{"fault_5xx": 1}'
send y
expect_wrapped "the outcome names the first failure" "deleted 0, 3 failed: $n1: "
expect_wrapped "... and counts the others" ", and 2 more (M lists each)"
faults '{"fault_5xx": 0}'
expect_eq "the server still has the three items" "$before" "$(total)"

send M
expect_screen "the message log is open" "Messages:"
expect_wrapped "... it has the outcome" "deleted 0, 3 failed: $n1: "
expect_wrapped "... the first failure, with its reason" "not deleted: $n1: "
expect_wrapped "... the second" "not deleted: $n2: "
expect_wrapped "... the third" "not deleted: $n3: "
expect_wrapped "... each with the server's reason" "not deleted: $n1: deleting media: Injected server error (HTTP 50"
check "... all three of them" \
	sh -c '[ "$(printf "%s\n" "$1" | grep -oF ": deleting media: Injected server error (HTTP 50" | wc -l)" -ge 4 ]' - "$(screen_joined)"
check "... in the order they came, under the outcome (the newest first)" \
	sh -c 'printf "%s\n" "$1" | grep -qE "\(M lists each\) [0-9:]{8}  not deleted: $2: .* not deleted: $3: .* not deleted: $4: "' \
	- "$(screen_joined)" "$n1" "$n2" "$n3"
send q
wait_gone "Messages:" || not_ok "q closes the message log"

rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
