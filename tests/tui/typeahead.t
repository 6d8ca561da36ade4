#!/bin/sh
# typeahead.t — keys typed while the first listing is on its way (a slow
# link: here the server holds every API request) are not lost: the pane
# says they wait, and plays them in order once the list is there, as a
# shell or less does; the keys after an Enter that opens a folder wait for
# that folder's list. d typed ahead asks once the list is there, and the y
# after it never answers: it is dropped, saying so; m typed ahead gets the
# keys after it as the folder list's text and Enter, / as the search's.
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

# d typed ahead opens the delete question once the list is there; the y
# typed after it never answers it: dropped, and said so
count() { admin GET /_admin/state | jget 'len(d["media"])'; }
n0=$(count)
send j j j
wait_for "#1  " || true
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send r
expect_screen "r lists the folder again (held)" "loading"
send d y
expect_screen "d y wait for the list" "2 keys typed wait for the list"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_wrapped "once the list is there, d asks about the item under the cursor" "Delete 1 item"
expect_wrapped "... the y typed after it is dropped, and said so" "1 key typed ahead was not used: a question is open"
expect_eq "... nothing is deleted" "$n0" "$(count)"
send n
wait_gone "Delete 1 item" || not_ok "n declines the delete"
expect_eq "... and n keeps it" "$n0" "$(count)"

# m typed ahead opens the folder list, and the keys after it are its text
# and its Enter: the item under the cursor moves to /logos
id=$(admin GET /_admin/state | jget '[i["id"] for i in d["media"] if i.get("folder") == "'"$second"'"][0]')
in_logos() { admin GET /_admin/state | jget 'len([i for i in d["media"] if i.get("folder") == "/logos"])'; }
l0=$(in_logos)
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send r
expect_screen "r lists the folder again (held)" "loading"
send m
type_text "/logos"
send Enter
expect_screen "m, its text and Enter wait for the list" "8 keys typed wait for the list"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "once the list is there, m /logos Enter moves the item" "moved 1 item to /logos"
expect_eq "... the server has one more item in /logos" "$((l0 + 1))" "$(in_logos)"

# / typed ahead opens the search, and every key after it is its text, the
# p in "report" too (p pauses uploads elsewhere): the search is for "report"
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send r
expect_screen "r lists the folder again (held)" "loading"
send /
type_text "report"
send Enter
expect_screen "/, its text and Enter wait for the list" "8 keys typed wait for the list"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "once the list is there, the search for report is shown" "Remote all folders  /report/"
refute_screen "... no key of it went elsewhere" "no uploads to pause"

# every key typed behind one that waits waits too, in the order typed,
# the keys that act in any view (?, M, Esc) as well: ? and M after a /
# that waits are the search's text, not the key list and the message log
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send r
expect_screen "r lists the search again (held)" "loading"
send /
type_text "?M"
send Enter
expect_screen "/ ? M Enter wait for the list" "4 keys typed wait for the list"
refute_screen "... ? did not open the key list" "Moving around"
refute_screen "... M did not open the message log" "Messages:"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "once the list is there, the search is for ?M" "Remote all folders  /?M/"
refute_screen "... and no other view is open" "Moving around"

# Esc behind a / that waits, while a delete runs (held with the listing):
# it cancels the search prompt once played, and never asks about the delete
send q
expect_screen "q leaves the search" "Remote $second "
wait_for " of " || true
n1=$(count)
send j
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send d
wait_for "Delete 1 item" || not_ok "d asks" "$(screen)"
send y
send r
expect_screen "a delete and a listing are on their way (held)" "loading"
send /
send Escape
expect_screen "/ Esc wait for the list" "2 keys typed wait for the list"
refute_screen "... Esc did not ask to stop the delete" "Stop the delete"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "the delete ends" "deleted 1 item"
expect_eq "... the server has one item less" "$((n1 - 1))" "$(count)"
wait_gone "keys typed wait" || true
refute_screen "... Esc closed the search prompt / opened" "Search"
refute_screen "... and nothing asked to stop the delete" "Stop the delete"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
