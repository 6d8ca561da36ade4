#!/bin/sh
# typeahead.t — keys typed while the first listing is on its way (a slow
# link: here the server holds every API request) are not lost: the pane
# says they wait, and plays them in order once the list is there, as a
# shell or less does; the keys after an Enter that opens a folder wait for
# that folder's list.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
"$MEDIATUI" -c "$T/config" folders >"$T/folders" || not_ok "folders lists the demo's folders"
# the rows at /: its folders, sorted bytewise, before any item
tops=$(grep -E '^/[^/]+$' "$T/folders" | LC_ALL=C sort)
third=$(printf '%s\n' "$tops" | sed -n 3p)
second=$(printf '%s\n' "$tops" | sed -n 2p)
[ -n "$third" ] || not_ok "the demo has three folders at the top" "$tops"

admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
tui_start 100 30
expect_screen "the first listing is on its way" "loading"
send j j Enter
expect_screen "the keys typed meanwhile are said to wait" "3 keys typed wait for the list"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "once the list is there, j j Enter opened the third row: $third" "Remote $third "
expect_screen "... and lists it" " of "

# the way up and down again while the next listing is held
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send r
expect_screen "r lists the folder again (held)" "loading"
send h k Enter
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "h k Enter: up to / with the cursor on the folder left, one up, open: $second" \
	"Remote $second "
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
