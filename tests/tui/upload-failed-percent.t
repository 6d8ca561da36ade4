#!/bin/sh
# upload-failed-percent.t — the panel's top line never reads 100% while a
# file it was asked to send is not sent: a failed file's bytes stay in what
# was to be sent. The storage full from the start, four files fail and the
# line read "0/4 done, 4 failed   0 B / 0 B  100%"; with room for two of
# three, "2/3 done, 1 failed  3.3 MiB / 3.3 MiB  100%". At 80x24, where
# the editor saw it.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms
write_config clearcms "jobs = 1"
for i in 1 2 3 4; do make_png "$T/work/full-$i.png" 60 40; done
# random pixels do not compress: two of ~1.65 MiB, the last ~2.9 MiB
make_png "$T/work/room-1.png" 760 760
make_png "$T/work/room-2.png" 760 760
make_png "$T/work/room-3.png" 1000 1000
used() { admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])'; }
# top: the panel's top line
top() { screen | grep -m 1 " Uploads "; }

tui_start 80 24
wait_for " of " || true
admin POST /_admin/faults "{\"quota\": $(($(used) + 10))}" >/dev/null
send Tab
wait_for "full-1.png" || not_ok "the local pane lists the files" "$(screen)"
mark_and_send "full-*.png" 4
expect_screen "the four fail on the full storage" "0/4 done, 4 failed" 60
expect_in "... the line says none of their bytes went, 0%" "  0%" top "the top line"
check "... not 100% ($(top))" sh -c '! printf "%s\n" "$1" | grep -q "100%"' - "$(top)"
check "... nor \"0 B / 0 B\": their bytes were to be sent" sh -c \
	'! printf "%s\n" "$1" | grep -q "0 B / 0 B"' - "$(top)"

# room for the two smaller files, not the third (C clears the failed rows)
send C
wait_gone "full-1.png" || true
admin POST /_admin/faults "{\"quota\": $(($(used) + 3600000))}" >/dev/null
send Tab
send Tab
mark_and_send "room-*.png" 3
expect_screen "two go up, the third fails on the full storage" "2/3 done, 1 failed" 60
expect_in "... the failed file's bytes are in what was to be sent" "3.3 MiB / 6.2 MiB" top "the top line"
expect_in "... and the line reads the share that went" " 53%" top "the top line"
check "... not 100% ($(top))" sh -c '! printf "%s\n" "$1" | grep -q "100%"' - "$(top)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
