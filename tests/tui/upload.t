#!/bin/sh
# upload.t — mark five local files, upload them into the current remote
# folder and watch the panel to done; the server then has them.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

for i in 1 2 3 4 5; do make_png "$T/work/tui-up-$i.png" 300 200; done
printf 'plain text\n' >"$T/work/readme.txt"
before=$(mt ls / --json | jget 'd["total"]')

tui_start 80 24
wait_for " of " || true
send Tab
expect_screen "Tab shows the local pane" "Local $T/work"
expect_screen "libmagic's type is shown" "image/png"
send '*'
expect_screen "* asks for a pattern" "Mark files matching"
send C-u
type_text "tui-up-*.png"
send Enter
expect_screen "the pattern marks the five pictures" "5 marked"
send u
expect_screen "the upload panel opens" "Uploads"
expect_screen "all five reach done" "5/5 done" 60
expect_screen "each line shows the server's id" "done"
expect_screen "the panel says the queue finished" "uploads finished: 5 done"
after=$(mt ls / --json | jget 'd["total"]')
expect_eq "the server has five more items in /" "$((before + 5))" "$after"
mt ls --search tui-up --all --json >"$T/up.json"
expect_eq "under their names" 5 "$(jget 'len([i for i in d["items"] if i["filename"].startswith("tui-up-")])' <"$T/up.json")"

# a refused upload shows the server's message; R retries it once the cause is gone
used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
admin POST /_admin/faults "{\"quota\": $((used + 10))}" >/dev/null
make_png "$T/work/refused.png" 200 100
# u gave the panel the focus; Tab reaches the remote pane, then the local one
send Tab
send Tab
send r
expect_screen "r re-reads the directory" "refused.png"
send '*'
wait_for "Mark files matching"
send C-u
type_text "refused.png"
send Enter
wait_for "1 marked"
tx resize-window -x 160 -y 30
send u
expect_screen "the failure carries the server's reason" "refused the file: Storage quota" 30
admin POST /_admin/faults '{"quota": 0}' >/dev/null
# u gave the focus to the panel, where R belongs
send R
expect_screen "R retries the failed upload to done" "6/6 done" 30
expect_eq "the retried file is on the server once" 1 \
	"$(mt ls --search refused --all --json | jget 'len([i for i in d["items"] if i["filename"]=="refused.png"])')"

# the panel gets the focus with Tab and hides with U
send U
if wait_gone "6/6 done"; then ok "U hides the panel"; else not_ok "U hides the panel" "$(screen)"; fi
send U
expect_screen "U shows it again" "6/6 done"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# an upload-only profile lists the journal's history in the remote pane
finish
