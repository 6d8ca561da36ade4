#!/bin/sh
# upload-summary.t — the end of a batch counts that batch alone and says it
# after its start: files all there already are "nothing sent", not "done";
# a batch after earlier failures is summed up on its own, the earlier ones
# named apart. X asks before it cancels several (n keeps them, y cancels),
# the end of the batch keeps the cancelled count, and R offers to send the
# cancelled files again. Requests are held at the server (hold_body), so
# nothing here hangs on timing.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
write_config clearcms "jobs = 4"
for i in 1 2 3 4 5 6; do make_png "$T/work/s-$i.png" 120 80; done
for i in 1 2 3; do make_png "$T/work/n-$i.png" 100 60; done
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do make_png "$T/work/x-$i.png" 60 40; done
printf 'plain text\n' >"$T/work/r-1.txt"
make_png "$T/work/r-2.png" 100 60
make_png "$T/work/r-3.png" 100 60

in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'].startswith('$1')])"
}
# wait_rows N REGEX: until N rows of the screen match REGEX
wait_rows() {
	_w=0
	while [ "$(screen | grep -cE -- "$2")" -ne "$1" ]; do
		_w=$((_w + 1))
		[ $_w -gt $((TUI_TIMEOUT * 20)) ] && return 1
		sleep 0.05
	done
	settle
}
# from the panel (which has the keys after u) back to the local pane, then
# mark and send
again() {
	send Tab
	send Tab
	wait_for "Local $T/work" || true
	mark_and_send "$1" "$2"
}
# first_of REGEX...: the first line of the screen matching any of them
first_of() { screen | grep -m 1 -E -- "$1"; }

tui_start 110 34
wait_for " of " || true
# the remote pane into /images: every upload goes there
send g
wait_for "images/" || true
send j j
send Enter
expect_screen "the remote pane is in /images" "Remote /images"

# 1. six files up, then the same six again: nothing is sent
send Tab
wait_for "Local $T/work" || true
mark_and_send "s-*.png" 6
expect_screen "six uploads finish" "uploads finished: 6 done" 60
again "s-*.png" 6
expect_screen "the same six again: nothing sent, all already there" \
	"nothing sent: 6 already in /images" 30
refute_screen "the status line does not still say uploading" "uploading 6 files to /images"
send M
wait_for "Messages" || true
check "the log has the end of the batch after its start (newest first)" \
	sh -c 'printf "%s\n" "$1" | grep -m 1 -E "nothing sent|uploading 6 files|uploads finished" | grep -q "nothing sent"' - "$(screen)"
send q
wait_gone "Messages:" || true

# 2. two refusals, then a batch of three that all pass: its end counts
# the three, and names the earlier failures apart. The text file is asked
# about before sending and left out; the two pictures are emptied while the
# question is open, so the queue's own checks refuse them.
again "r-*" 3
box_says "the text file is asked about before sending" "r-1.txt  clearcms does not accept"
: >"$T/work/r-2.png"
: >"$T/work/r-3.png"
send s
expect_screen "the emptied pictures are refused" \
	"uploads finished: 2 refused before sending" 30
again "n-*.png" 3
expect_wrapped "the next batch is counted on its own" \
	"uploads finished: 3 done; 2 earlier failures still in the panel" 30
refute_screen "... not with the panel's earlier rows" "uploads finished: 9 done"
send C
expect_screen "C clears the finished and failed rows" "cleared 17 finished uploads"

# 3. twelve files, four held at the server with every byte sent, eight
# waiting: X asks first
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
again "x-*.png" 12
wait_rows 4 "sent +x-" || not_ok "four uploads have sent every byte" "$(screen)"
send X
box_says "X asks, counting what it would cancel and what lands anyway" \
	"Cancel 8 uploads? 4 are already sent and will land anyway."
send n
wait_gone "Cancel 8 uploads" || not_ok "n closes the question" "$(screen)"
expect_screen "n cancels nothing" "nothing cancelled: the uploads go on"
refute_screen "... no row says cancelled" "cancelled   x-"
send X
box_says "X asks again" "Cancel 8 uploads?"
send y
expect_wrapped "y cancels the eight, and says four land" \
	"cancelled 8 uploads; already sent, so not cancelled: 4"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_wrapped "the end of the batch keeps the cancelled count" \
	"uploads finished: 4 done, 8 cancelled" 30
send M
wait_for "Messages" || true
expect_screen "the log keeps what X said" "cancelled 8 uploads; already sent, so not cancelled: 4"
send q
wait_gone "Messages:" || true
expect_eq "four x files reached the server" 4 "$(in_library x-)"

# 4. R offers the cancelled rows: y sends them again
send R
box_says "R asks about the cancelled rows" "Send the 8 cancelled uploads again?"
send y
expect_screen "y sends them again" "sending 8 cancelled uploads again"
expect_screen "they all finish, counted as a batch of their own" "uploads finished: 8 done" 60
expect_eq "all twelve x files are on the server, once each" 12 "$(in_library x-)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
