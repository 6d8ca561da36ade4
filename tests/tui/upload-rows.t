#!/bin/sh
# upload-rows.t — at 80x24 the upload panel's top line counts the files
# already on the server apart from the files sent ("10/13 done, 3 already
# there", not "13/13 done"), whole while files are still running, and the
# header counts the batch under way ("↑ 0/1 up 40%"), not the earlier ones; a
# finished row says the folder the item went to (where the editor finds it),
# and Enter on it gives the item's id. At -j 1 the files go in their order.
# A file deleted while it waits says so in its row; one ready to go after
# the file being sent says it waits its turn.
# Requests are held at the server
# (hold_body), so nothing here hangs on timing.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
# one file at a time, as over a slow link
write_config clearcms "jobs = 1"
for i in 01 02 03 04 05 06 07 08 09 10; do make_png "$T/work/b-$i.png" 120 80; done
make_png "$T/work/held.png" 300 200
for k in 1 2 3; do make_png "$T/work/g-$k.png" 100 60; done

# from the panel (which has the keys after u) back to the local pane, then
# mark and send
again() {
	send Tab
	send Tab
	wait_for "Local $T/work" || true
	mark_and_send "$1" "$2"
}
# top_line: the panel's top line
top_line() { screen | grep -m 1 -F " Uploads"; }

tui_start 80 24
wait_for " of " || true
# the remote pane into /images: every upload goes there
send g
wait_for "images/" || true
send j j
send Enter
expect_screen "the remote pane is in /images" "Remote /images"
send Tab
wait_for "Local $T/work" || true
mark_and_send "b-0[123].png" 3
expect_screen "three files up" "uploads finished: 3 done" 60
expect_screen "the top line counts them done" "3/3 done"
# a finished row says where the item is: the folder, not the storage path
expect_screen "a finished row names its folder, then the id" "in /images (media_"
refute_screen "... not the storage path" "/uploads/20"

# the ten: three of them are on the server already
again "b-*.png" 10
expect_screen "the ten finish" "uploads finished: 7 done, 3 already there" 60
expect_screen "the top line counts the three apart" "Uploads  10/13 done, 3 already there"
# the file begun while another is sent waits for its turn, and gets it: no
# file begun after it goes first (the second file once went last)
expect_eq "the files reached the server in their order" \
	"b-01.png b-02.png b-03.png b-04.png b-05.png b-06.png b-07.png b-08.png b-09.png b-10.png" \
	"$(admin GET /_admin/files | jget '" ".join(f["name"] for f in d["files"] if f["name"].startswith("b-"))')"
refute_screen "... not as done" "13/13 done"
send g
wait_for "skipped     b-01.png" || true
# the reason first, whole at 80 columns; the id is what gives way
expect_screen "a skipped row says first that the server has the file" \
	"skipped     b-01.png  still on the server: uploaded to /images before"
send Enter
box_says "Enter on a finished row gives the item's id" "Remote id: media_"
box_says "... and its folder" "Folder: /images"
# the details are there to be read: nothing in them is chosen
refute_screen "... no line of them offered as a choice" "Enter: choose"
box_says "... the foot says how to close them" "Enter or Esc closes"
send Escape
wait_gone "Remote id:" || not_ok "Esc closes the details" "$(screen)"
send Enter
box_says "Enter opens them again" "Remote id: media_"
send Enter
wait_gone "Remote id:" || not_ok "... and Enter closes them, as Esc does" "$(screen)"

# one more, held at the server: the count stays whole while it runs
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
again "held.png" 1
wait_held 1 || not_ok "the server holds the upload" "$(screen)"
expect_screen "running, the top line keeps the count whole at 80 columns" \
	"Uploads  10/14 done, 3 already there"
check "... and the percentage" sh -c 'printf "%s\n" "$1" | grep -qE "[0-9]+%"' - "$(top_line)"
# the header counts the batch under way, the held file alone: not the
# earlier batches' rows ("↑ 10/14 up", their three already there among them)
check "the header counts the batch under way alone" sh -c \
	'printf "%s\n" "$1" | head -n 1 | grep -qE "↑ 0/1 up [0-9]+%"' - "$(screen)"
check "... not the earlier batches' files" sh -c \
	'! printf "%s\n" "$1" | head -n 1 | grep -qE "/14 up|already there"' - "$(screen)"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_screen "the held file finishes" "Uploads  11/14 done, 3 already there" 30

# a file deleted while it waits its turn: its row says so, whole at 80
# columns, and does not name the file's path again
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
again "g-*.png" 3
wait_held 2 || not_ok "the server holds the first of them" "$(screen)"
# the second is presigned and waits for the first (-j 1): it says so,
# not "presigning" all along
send G
wait_for "g-2.png" || true
check "the file ready to go after the one sent says it waits its turn" sh -c 'printf "%s\n" "$1" |
	grep -qE "waiting +g-2\.png"' - "$(screen)"
rm -f "$T/work/g-3.png"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
wait_for "the file is gone" 30 || true
# the last row: with 17 rows the panel shows the part around the file
# running, which depends on when it moved on
send G
wait_for "g-3.png  " || true
check "the deleted file's row says it is gone, whole" sh -c 'printf "%s\n" "$1" |
	grep -qE "failed +g-3\.png +the file is gone \(deleted or moved since it was queued\)"' - "$(screen)"
refute_screen "... and names no path" "$T/work/g-3.png"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
