#!/bin/sh
# upload-refusals.t — refusals said by their cause, once.
# 1. Files the site refuses as they are (random bytes named .jpg, an empty
#    .jpg) are asked about before anything is sent, with the text named .png,
#    each with a short reason; s sends the rest. A file that turns bad while
#    the question is open is refused by the queue's own checks: its row starts
#    with the reason (not the path), and the batch's end says "refused before
#    sending", not "by the server".
# 2. A full storage (the server's quota just above what is used): the end of
#    the batch says it once, as one cause, and the queue stops at the first
#    file refused for it; the rows keep their reasons. Once space is freed, R
#    sends them all.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms
write_config clearcms "jobs = 1"
mkdir -p "$T/work/day"
printf 'not a picture at all\n' >"$T/work/day/fake.png"
"$PY" -c 'import sys; sys.stdout.buffer.write(bytes((i * 7 + 3) % 256 for i in range(3000)))' \
	>"$T/work/day/big.jpg"
: >"$T/work/day/empty.jpg"
make_png "$T/work/day/good.png" 90 60
make_png "$T/work/day/turns.png" 80 60
in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}

tui_start 180 34
wait_for " of " || true
send Tab
wait_for "Local $T/work" || not_ok "the local pane" "$(screen)"

# ---- 1. every file the site would refuse, asked about before sending
wait_for "day/" || true
send :
wait_for "ath" || true
send C-u
type_text "$T/work/day"
send Enter
wait_for "Local $T/work/day" || not_ok "the local pane in day/" "$(screen)"
wait_for "turns.png" || true
send a
wait_for "5 marked" || not_ok "a marks the five files" "$(screen)"
send u
box_says "fake.png's disagreeing type is asked about" "fake.png  clearcms does not accept files of type text/plain"
box_says "random bytes named .jpg are listed with a short reason" "big.jpg  not a JPEG (unknown data)"
box_says "the empty file too" "empty.jpg  empty file (0 bytes)"
box_says "they are left out whatever the answer" "The last 2 listed the site will refuse as they are"
# turns.png goes bad while the question is open: the queue's checks refuse it
: >"$T/work/day/turns.png"
send s
expect_screen "the good one is sent" "done        good.png" 30
expect_screen "turns.png is refused before sending" "failed      turns.png"
expect_eq "... its row's note starts with the reason, not the path" 1 \
	"$(screen | grep -cE 'failed +turns\.png +clearcms does not accept')"
refute_screen "... the path is not in it" "$T/work/day/turns.png"
send M
expect_screen "the batch's end says refused before sending, not by the server" \
	"uploads finished: 1 done, 1 refused before sending"
refute_screen "... not by the server" "refused by the server"
send q
wait_gone "Messages:" || true
expect_eq "only good.png reached the server" "1 0 0 0 0" \
	"$(in_library good.png) $(in_library big.jpg) $(in_library empty.jpg) $(in_library fake.png) $(in_library turns.png)"

# ---- 2. a full storage: one cause, said once
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do make_png "$T/work/p_$i.png" 60 40; done
one=$(wc -c <"$T/work/p_01.png")
used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
admin POST /_admin/faults "{\"quota\": $((used + 3 * one + one / 2))}" >/dev/null
send Tab
send Tab
send :
wait_for "ath" || true
send C-u
type_text "$T/work"
send Enter
wait_for "p_12.png" || not_ok "the local pane in work/" "$(screen)"
mark_and_send "p_*.png" 12
send M
expect_screen "the batch's end says the storage is full, once" \
	"uploads finished: 3 done, the library's storage is full: 9 files not uploaded (free space, then R)" 60
refute_screen "... not that they may pass" "may pass"
refute_screen "... nor that they failed for R" "failed (R retries)"
send q
wait_gone "Messages:" || true
expect_screen "the first file refused keeps the server's reason" "Storage quota exceeded"
expect_screen "the rest say they were not started" "not started"
expect_eq "after the first refusal, no more files were sent" "3" \
	"$(admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'].startswith('p_')])")"
admin POST /_admin/faults '{"quota": 0}' >/dev/null
send R
expect_screen "R after space is freed sends the nine" "retrying 9 uploads"
send M
expect_screen "and they pass" "uploads finished: 9 done" 60
send q
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
