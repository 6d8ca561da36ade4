#!/bin/sh
# upload-message.t — at 80x24 a failure message too long for one row takes
# two, whole (the reason is never cut), and the upload panel keeps its
# rows: the row the message takes comes from the pane above, so the
# panel's last row stays in view. A file turned into text while the type
# question is open is refused by the queue's own checks, second of ten,
# while the first is held at the server: the batch stays open under the
# message, which is said after "uploading 10 files", not hidden under it.
# While files still run, the panel's top line counts every row whole: done,
# already there, cancelled and failed (the rate gives way to the counts).
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
write_config clearcms "jobs = 1"
long="b-photo-from-the-long-summer-holiday-by-the-sea.png"
make_png "$T/work/$long" 90 60
# PNG bytes named .jpg: the type question opens and waits for its answer
make_png "$T/work/a-wrong.jpg" 80 60
for i in 1 2 3 4 5 6 7 8; do make_png "$T/work/r-0$i.png" $((100 + i)) 60; done

tui_start 80 24
wait_for " of " || true
# r-01.png goes up first: in the ten it is already there
upload_matching "r-01.png" 1
expect_screen "r-01.png goes up alone first" "uploads finished: 1 done" 30
send c
wait_gone " Uploads " || not_ok "c clears the panel" "$(screen)"
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
mark_and_send "?-*" 10
expect_screen "the type question opens" "r: upload as a-wrong.png"
# the long-named file turns into text while the question is open
printf 'plain text, not a picture\n' >"$T/work/$long"
send r
expect_screen "the upload starts" "Uploads"
wait_held 1 || not_ok "the server holds the first file" "$(screen)"
reason="clearcms does not accept files of type text/plain"
expect_wrapped "the failure is said whole, over two rows" "$long: $reason"
check "... which it takes" sh -c 'printf "%s\n" "$1" | tail -n 2 | head -n 1 | grep -q "^b-photo-from"' - "$(screen)"
# the panel's rows: its top line and the ten files, the last one too
check "the panel's last row stays in view under the two-row message" sh -c \
	'printf "%s\n" "$1" | grep -qE "^ (queued|waiting|checking|hashing|presigning) +r-08\.png"' - "$(screen)"
check "... and its first" sh -c 'printf "%s\n" "$1" | grep -qE "^ failed +b-photo"' - "$(screen)"
expect_eq "the panel keeps its eleven rows: top line and ten files" 11 \
	"$(screen | sed -n '/^ Uploads/,$p' | grep -cE "^ Uploads|^ [a-z]+ +[abr]-")"
# the last file cancelled while the first is still held
send G
send x
expect_screen "x cancels the last file" "r-08.png cancelled: none of it is in the library"
expect_screen "while files run, the top line counts every row, whole" \
	" Uploads  0/10 done, 1 already there, 1 cancelled, 1 failed "
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_screen "the rest are sent" "uploads finished: 7 done, 1 already there, 1 cancelled" 60
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
