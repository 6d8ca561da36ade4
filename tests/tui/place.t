#!/bin/sh
# place.t — the interface opens in the remote folder it showed when it last
# ended (a dropped link costs no walk back); a folder gone since is said and
# / shown instead; a place file that holds no folder path is ignored.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
place="$XDG_STATE_HOME/mediatui/place-t"

tui_start 100 30
expect_screen "the first start opens at /" "Remote / "
wait_for "images/" || true
# the folder rows are sorted: walk to images/
send g
rows=$(screen | sed -n '4,$p' | grep -n "^ *[a-z]*/ *│" | grep -m1 "images/" | cut -d: -f1)
k=1
while [ "$k" -lt "${rows:-1}" ]; do send j; k=$((k + 1)); done
send Enter
expect_screen "Enter opens /images" "Remote /images"
expect_eq "the folder is saved at once, for a start after a dropped link" "/images" "$(cat "$place" 2>/dev/null)"
# Ctrl+C ends where it is (q walks up to / first)
sigint
rc=$(tui_wait_exit)
expect_eq "Ctrl+C quits" 0 "$rc"

tui_start 100 30
expect_screen "the next start opens in /images" "Remote /images"
expect_screen "... and lists it" " of "
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# the folder went away between the sessions
printf '/nowhere-any-more\n' >"$place"
tui_start 100 30
expect_screen "a folder gone since is said" "/nowhere-any-more, the folder shown last time, is gone; showing /"
expect_screen "... and / is shown" "Remote / "
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# a place file with no folder path in it
printf 'images\033[2J\n' >"$place"
tui_start 100 30
expect_screen "a place file with no folder path is ignored: / is shown" "Remote / "
refute_screen "... and nothing of it is shown" "images["
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
