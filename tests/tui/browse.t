#!/bin/sh
# browse.t — the remote pane against a 10 000-item library: first page, paging
# to the end, search, sort, type filter, resizing in the middle, quitting.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --seed-library 10000

mt ls / --json >"$T/root.json"
root_total=$(jget 'd["total"]' <"$T/root.json")
tui_start 80 24 MEDIATUI_TRACE="$T/trace"
expect_screen "the first page shows how many of the folder's items are loaded" "of $root_total"
expect_screen "the header names profile and dialect" "t (clearcms)"
first_ms=$(sed -n 's/^\([0-9]*\) first page.*/\1/p' "$T/trace" | head -n 1)
echo "# first page drawn after ${first_ms:-?} ms"

send G
expect_screen "G loads every page to the end of $root_total items" "$root_total of $root_total" 90

# search: sent to the server, as you type
# a plain name (the library may hold hostile ones on purpose)
safe='next(i["filename"] for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum())'
name=$(jget "$safe" <"$T/root.json")
mt ls --search "$name" --json >"$T/search.json"
found=$(jget 'd["total"]' <"$T/search.json")
send /
wait_for "Search"
type_text "$name"
expect_screen "search results arrive without pressing Enter" "$found of $found"
send Enter
expect_screen "the search shows in the pane title" "/$name/"
short=$(printf '%s' "$name" | cut -c1-24)
expect_screen "the item found is listed" "$short"

# back out of the search, then sort by name
send h
expect_screen "h leaves the search" "of $root_total"
send s
expect_screen "s sorts by file name" "sorted by name"
mt ls / --sort filename --order asc --limit 10 --json >"$T/byname.json"
first=$(jget "$safe" <"$T/byname.json" | cut -c1-24)
expect_screen "the alphabetically first plain name is on screen" "$first"
send o
expect_screen "o reverses the order" "name↓"

# type filter
send t
mt ls / --type image --json >"$T/img.json"
img=$(jget 'd["total"]' <"$T/img.json")
expect_screen "t filters to images (server count $img)" "of $img"

# resizing at any moment
tx resize-window -x 200 -y 60
expect_screen "at 200x60 both panes are shown" "Local "
tx resize-window -x 80 -y 24
expect_screen "back at 80x24 the header is intact" "? help"
refute_screen "at 80x24 one pane at a time" "Local "

send Tab
expect_screen "Tab switches to the local pane" "Local "
send '?'
expect_screen "? opens the key list at the local pane's keys" "files matching a pattern"
refute_screen "... not at its top" "Moving around"
send PPage
expect_screen "PgUp scrolls back a page, to the remote pane's keys" "Remote pane"
send PPage
expect_screen "... and PgUp again to the keys that work everywhere" "Main view"
send End
expect_screen "End shows the last keys" "the crops around the focal point, or the whole"
send g
expect_screen "g goes back to the top" "Moving around"
send q
expect_screen "q leaves the help" "Local "
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
