#!/bin/sh
# quit.t — q while uploads run asks first; the unfinished uploads are offered
# for resuming on the next start and then complete, each file once. The
# server holds the upload bodies unread (the hold_body gate) until the
# interface has quit, so the uploads are in flight whatever the machine's
# speed.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
for i in 1 2 3; do make_png "$T/work/slow-$i.png" 400 300; done
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null

tui_start 100 30
expect_screen "the library is listed" " of "
send Tab
wait_for "Local $T/work"
send '*'
wait_for "Mark files matching"
send C-u
type_text "slow-*.png"
send Enter
wait_for "3 marked"
send u
expect_screen "the uploads start" "Uploads"
i=0
while [ "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -lt 1 ] && [ $i -lt 600 ]; do
	i=$((i + 1)); sleep 0.05
done
check "an upload body is held by the server" \
	test "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -ge 1
send q
expect_screen "q asks while uploads run" "Uploads are still running"
send n
if wait_gone "Uploads are still running" && [ ! -s "$T/tui.rc" ] && screen | grep -qF "Uploads"; then
	ok "n keeps the interface open"
else
	not_ok "n keeps the interface open" "status: $(cat "$T/tui.rc" 2>/dev/null)" "screen:" "$(screen)"
fi
send q
expect_screen "q asks again" "Uploads are still running"
send y
rc=$(tui_wait_exit)
expect_eq "y quits with status 0" 0 "$rc"
expect_eq "the terminal error stream is clean" "" "$(grep -v '^$' "$T/tui.err" | head -n 3)"

admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
tui_start 100 30
expect_screen "the next start offers to resume" "y: resume them now"
send y
expect_screen "the resumed uploads reach done" "3/3 done" 30
expect_eq "each file is on the server once" "1 1 1" \
	"$(for i in 1 2 3; do mt ls --search "slow-$i" --all --json | jget "len([x for x in d['items'] if x['filename']=='slow-$i.png'])"; done | tr '\n' ' ' | sed 's/ $//')"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
