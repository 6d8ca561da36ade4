#!/bin/sh
# upload-twice.t — a file goes up again to another folder in the same
# session; only the same file twice for one folder in one batch is sent once,
# and a skipped row says why.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
make_png "$T/work/twice.png" 300 200
# the same file under a second name: one batch, one folder, sent once
ln "$T/work/twice.png" "$T/work/twice-link.png"

named() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}

tui_start 120 30
wait_for " of " || true
send Tab
wait_for "twice.png" || true
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "twice*.png"
send Enter
wait_for "2 marked" || true
send u
expect_screen "the batch finishes" "2/2 done" 30
expect_screen "the second name of the same file is skipped, saying why" "listed twice for / in this upload"
expect_eq "the server has it once" 1 "$(( $(named twice.png) + $(named twice-link.png) ))"

# the remote pane into images/, then the same file again
send Tab
send g
wait_for "images/" || true
send j j
send Enter
expect_screen "the remote pane is in /images" "Remote /images"
send Tab
wait_for "Local $T/work" || true
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "twice.png"
send Enter
wait_for "1 marked" || true
send u
expect_screen "the upload to another folder finishes" "3/3 done" 30
expect_screen "it is done, not skipped" "done        twice.png"
expect_eq "the server has the file twice now" 2 "$(( $(named twice.png) + $(named twice-link.png) ))"
expect_eq "the second copy is in /images" 1 \
	"$(mt ls /images --json | jget 'len([i for i in d["items"] if i["filename"] == "twice.png"])')"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
