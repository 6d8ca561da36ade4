#!/bin/sh
# upload-quota.t — once the storage was full, files the user sends later ask
# the server again: the queue's stop for a full storage holds the files of
# the batch that hit it, not the next u. Space back: the next file goes up
# (it failed "not started: the plan's storage is full" without a request).
# Still full: the next file fails with the server's own reason, asked, not
# "not started"; R once space is freed sends every file the full storage
# held back.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms
write_config clearcms "jobs = 1"
for i in 01 02 03; do make_png "$T/work/p_$i.png" 60 40; done
make_png "$T/work/later.png" 70 50
make_png "$T/work/still.png" 80 50
in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}
# row NAME: the panel's row of the file
row() { screen | grep -m 1 -E "(queued|failed|done|cancelled|retrying|uploading|starting|checking) +$1 "; }
full_now() {
	used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
	admin POST /_admin/faults "{\"quota\": $((used + 10))}" >/dev/null
}

tui_start 120 30
wait_for " of " || true
full_now
send Tab
wait_for "p_01.png" || not_ok "the local pane lists the files" "$(screen)"
mark_and_send "p_*.png" 3
expect_screen "the three fail on the full storage" "failed      p_03.png" 60
expect_screen "... the first with the server's reason" "Storage quota exceeded"
expect_eq "none reached the server" "0" "$(in_library p_01.png)"

# space is back: the next file the user sends is tried, and goes up
admin POST /_admin/faults '{"quota": 0}' >/dev/null
send Tab
send Tab
mark_and_send "later.png" 1
expect_screen "a file sent once space is back goes up" "done        later.png" 60
check "... its row not refused without asking the server" sh -c \
	'! printf "%s\n" "$1" | grep -q "not started"' - "$(row later.png)"
expect_eq "later.png is in the library" "1" "$(in_library later.png)"

# full again: the next file asks the server, and fails with its reason
full_now
send Tab
send Tab
mark_and_send "still.png" 1
expect_screen "a file sent while the storage is full again fails" "failed      still.png" 60
check "... with the server's reason: it was asked, not stopped by the earlier full storage" sh -c \
	'printf "%s\n" "$1" | grep -q "Storage quota exceeded" && ! printf "%s\n" "$1" | grep -q "not started"' \
	- "$(row still.png)"

# space freed: R sends everything the full storage held back
admin POST /_admin/faults '{"quota": 0}' >/dev/null
send R
expect_screen "R sends the four files the full storage held back" "5/5 done" 60
send M
expect_screen "... and says it retried those four" "retrying 4 uploads"
send q
wait_gone "Messages:" || true
expect_eq "all five are in the library" "1 1 1 1 1" \
	"$(in_library p_01.png) $(in_library p_02.png) $(in_library p_03.png) $(in_library later.png) $(in_library still.png)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
