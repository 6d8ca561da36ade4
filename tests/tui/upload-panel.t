#!/bin/sh
# upload-panel.t — at 80x24 the panel keeps the running uploads in view
# behind old finished rows; x cancels the running one; a file the site
# refuses as it is (a .txt) is asked about before sending and left out; a
# refusal in the queue is not offered R; a full storage is said once as its
# own cause; R retries only what may pass once space is freed and says what
# it left (each batch counted alone); with a cancelled row in the panel R
# asks once whether it goes again too; c clears finished rows; Enter on a row
# refused before sending says its reason first, the path on its own line;
# the key list says what R does.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
for i in 01 02 03 04 05 06 07 08 09 10; do make_png "$T/work/b-$i.png" 120 80; done
make_png "$T/work/late.png" 300 200
make_png "$T/work/q.png" 200 100
printf 'plain text\n' >"$T/work/readme.txt"
make_png "$T/work/rot.png" 100 60

# wait_re NAME REGEX: a TAP check that the screen matches an extended regex
wait_re() {
	i=0
	while ! screen | grep -qE -- "$2"; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			not_ok "$1" "waited for /$2/" "$(screen)"
			return 1
		fi
		sleep 0.05
	done
	ok "$1"
}
in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}

tui_start 80 24
wait_for " of " || true
send Tab
wait_for "b-01.png" || true
mark_and_send "b-*.png" 10
expect_screen "ten uploads finish" "10/10 done" 60

# every answer late: the next upload stays in flight
admin POST /_admin/faults '{"slow": 3}' >/dev/null
send Tab
send Tab
mark_and_send "late.png" 1
wait_re "the running upload is in view below ten finished rows" \
	"(queued|checking|hashing|starting|presigning|uploading|sent|retrying) +late\.png"
send x
expect_screen "x right after u cancels it (the panel has the focus)" "cancelled   late.png"
admin POST /_admin/faults '{"slow": 0}' >/dev/null

# a file the site refuses as it is (a type clearcms does not take): the
# question before sending lists it with its reason; s leaves it out and
# sends the other. That other goes bad while the question is open, so the
# queue's own checks refuse it: a refusal for good, in the panel.
send Tab
send Tab
mark_and_send "r*" 2
box_says "the question before sending lists the text file with its reason" \
	"readme.txt  clearcms does not accept files of type text/plain"
box_says "... and says nothing of it is sent" "the site will refuse (nothing of it is sent)"
: >"$T/work/rot.png"
send s
expect_screen "the picture emptied meanwhile is refused by the queue" "failed      rot.png"
expect_eq "the text file has no row in the panel" 0 \
	"$(screen | grep -cE '(queued|failed|done|cancelled) +readme\.txt')"
# a refusal is not offered R: the batch's end says refused, Enter says why
# (the message log keeps it: the status line may have moved on)
send M
expect_screen "the end of the batch says refused before sending, not R (it counts that batch alone)" \
	"uploads finished: 1 refused before sending (Enter on the row shows why)"
refute_screen "... and offers no R for it" "1 failed (R retries)"
send q
wait_gone "Messages:" || true
used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
admin POST /_admin/faults "{\"quota\": $((used + 10))}" >/dev/null
send Tab
send Tab
mark_and_send "q.png" 1
expect_screen "the picture fails on the quota" "failed      q.png"
expect_screen "with nothing running the title's counts are whole at 80 columns, the cancelled row counted" \
	"10/13 done, 1 cancelled, 2 failed  "
send M
expect_wrapped "the end of the next batch names the full storage once, the refusal apart" \
	"uploads finished: the library's storage is full: 1 file not uploaded (free space, then R); 1 earlier failure still in the panel"
refute_screen "... not as a failure that may pass by itself" "1 failed (R retries)"
send q
wait_gone "Messages:" || true
admin POST /_admin/faults '{"quota": 0}' >/dev/null
send R
box_says "R asks whether the cancelled late.png goes again too" \
	"Retry the 1 failed upload. Also send the 1 cancelled one again?"
send f
expect_screen "f retries the passing failure alone and says what it left" \
	"retrying 1 upload; not retried, refused for good: 1"
expect_screen "the retried one finishes" "11/13 done" 30
expect_eq "q.png reached the server; the cancelled late.png, the refused rot.png and readme.txt did not" "1 0 0 0" \
	"$(in_library q.png) $(in_library late.png) $(in_library rot.png) $(in_library readme.txt)"
send R
expect_screen "R again: the cancelled row answered, nothing left that a retry can fix" \
	"nothing retried: 1 upload was refused for good"
refute_screen "... and late.png is not asked about again" "Send again"

send c
expect_screen "c clears the finished rows" "cleared 12 finished uploads"
expect_screen "the failed row stays" "failed      rot.png"
expect_screen "the title counts what is left" "0/1 done"
refute_screen "no done row is left" "done        b-01.png"
send Enter
expect_wrapped "Enter on the failed row shows why: refused before sending, no R" \
	"Refused before sending: nothing of it left; R does not retry it."
# the details say the reason first; the path is on its own line (File:)
reason=$(screen | grep -m 1 -F "Reason:")
case $reason in
	*"Reason: "*rot.png*|"") not_ok "... its reason comes first, not the file's path" "$reason" ;;
	*) ok "... its reason comes first, not the file's path" ;;
esac
expect_screen "... and the path has its own line" "File: $T/work/rot.png"
send Escape
wait_gone "Refused before sending" || not_ok "Esc closes the story"
# the key list, at the panel's keys: R says plainly what it does, whole
send '?'
expect_screen "? opens the key list at the upload panel's keys" "Upload panel"
expect_screen "R: the failed uploads go again, the refused ones do not" \
	"send the failed uploads again, except refused ones"
send q
wait_gone "Upload panel" || not_ok "q closes the key list" "$(screen)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
