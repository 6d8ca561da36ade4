#!/bin/sh
# upload-quota-quit.t — files a full storage stopped are not lost when the
# editor quits: the next start offers them with what an earlier session
# left unfinished, each saying why it was not sent; n leaves them offered,
# and once space is freed y sends them, after which they are offered no
# more.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms
write_config clearcms "jobs = 1"
for i in 01 02 03; do make_png "$T/work/p_$i.png" 60 40; done
in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}
full_now() {
	used=$(admin GET /_admin/state | jget 'sum(m["size"] for m in d["media"])')
	faults "{\"quota\": $((used + 10))}"
}

tui_start 120 30
wait_for " of " || true
full_now
send Tab
wait_for "p_01.png" || not_ok "the local pane lists the files" "$(screen)"
mark_and_send "p_*.png" 3
expect_screen "the three fail on the full storage" "failed      p_03.png" 60
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

tui_start 120 30
expect_screen "the next start offers the three the full storage stopped" \
	"An earlier session left 3 uploads unfinished"
expect_screen "... saying why each was not sent" "p_02.png → /"
check "... the storage was full" sh -c \
	'[ "$(printf "%s\n" "$1" | grep -c "storage was full")" -eq 3 ]' - "$(screen)"
send n
expect_screen "n leaves them" "not resumed"
rc=$(tui_quit)
expect_eq "q quits again" 0 "$rc"

faults '{"quota": 0}'
tui_start 120 30
expect_screen "the start after offers them again" "An earlier session left 3 uploads unfinished"
send y
expect_screen "y sends the three, space being free" "3/3 done" 60
expect_eq "all three are in the library" "1 1 1" \
	"$(in_library p_01.png) $(in_library p_02.png) $(in_library p_03.png)"
rc=$(tui_quit)
expect_eq "q quits after they went up" 0 "$rc"

tui_start 120 30
wait_for " of " || true
refute_screen "once sent, they are offered no more" "An earlier session left"
rc=$(tui_quit)
expect_eq "q quits at the end" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
