#!/bin/sh
# upload-pause.t — p pauses the upload queue and p again resumes it; while
# paused the panel title, the header and the quit dialog say so.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
for i in 1 2 3; do make_png "$T/work/pause-$i.png" 300 200; done
make_png "$T/work/later-4.png" 300 200   # sent last, into a paused queue

# every answer comes late: the queue is in flight whatever the machine's speed
admin POST /_admin/faults '{"slow": 3}' >/dev/null
tui_start 100 24
wait_for " of " || true
send Tab
wait_for "pause-1.png" || true
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "pause-*.png"
send Enter
wait_for "3 marked" || true
send u
expect_screen "the upload panel opens" "Uploads"
expect_screen "the uploads are in flight" "0/3 done"
# p works right after u: the panel has the focus
send p
expect_screen "p pauses" "uploads paused (p resumes)"
expect_screen "the panel title says the queue is paused" "Uploads (paused)"
expect_screen "the header says so" "paused  "
screen | grep -F "Uploads (paused)" >"$T/total-line"
check "the total line says paused where the rate was" grep -q "% paused" "$T/total-line"
check "... and shows no rate or time left" sh -c '! grep -q "/s" "$1"' - "$T/total-line"
# on a narrow screen the folder and the sort give way, not the uploads' state
tx resize-window -x 60 -y 24
settle
case $(screen | head -n 1) in
	*"0/3 up "*"% paused"*"? help"*) ok "at 60 columns the header still says paused" ;;
	*) not_ok "at 60 columns the header still says paused" "$(screen | head -n 1)" ;;
esac
tx resize-window -x 100 -y 24
settle
send q
expect_screen "the quit dialog says the uploads are paused" "Uploads are paused. Quit now?"
send n
wait_gone "Quit now?" || not_ok "n closes the quit dialog"
expect_eq "nothing finished on the server while paused" 0 \
	"$(admin GET /_admin/files | jget 'len([f for f in d["files"] if f["name"].startswith("pause-")])')"
admin POST /_admin/faults '{"slow": 0}' >/dev/null
send p
# what stays, not the message (a later one may replace it at once): the
# title loses "(paused)" for good, the queue runs to its end, and the
# message log (M) keeps the message whole
if wait_gone "Uploads (paused)"; then ok "p again resumes: the title no longer says paused"
else not_ok "p again resumes: the title no longer says paused" "$(screen)"; fi
expect_screen "the queue finishes" "3/3 done" 60
expect_eq "the server has the three files" 3 \
	"$(mt ls --search pause- --all --json | jget 'len([i for i in d["items"] if i["filename"].startswith("pause-")])')"
send M
expect_screen "the message log keeps \"uploads resumed\"" "uploads resumed"
send q
wait_for "3/3 done" || true

# a pause with nothing queued stays in sight, and a new upload says it waits
send p
expect_screen "p with nothing running pauses" "uploads paused (p resumes)"
case $(screen | head -n 1) in
	*" paused"*"? help"*) ok "the header says paused with nothing queued" ;;
	*) not_ok "the header says paused with nothing queued" "$(screen | head -n 1)" ;;
esac
send Tab
upload_matching "later-4.png" 1
expect_wrapped "u says the file is queued and the uploads are paused" \
	"1 file queued for /; the uploads are paused (p resumes)"
send p
expect_screen "p sends it" "4/4 done" 60
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
