#!/bin/sh
# header-fit.t — at 80 columns the header's search, type filter and sort stay
# whole: the program's name, the labels and the profile's API give way
# first; a wide screen says them all in full. The pane's title keeps its
# sort and type too, a deep folder cut instead.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
deep=/images/a-folder-with-a-rather-long-name-that-goes-on-and-on-and-on
mt mkdir "$deep" >/dev/null 2>&1
header() { screen | head -n 1; }
title() { screen | sed -n 2p; }
in_header() { expect_in "$1" "$2" header "the header"; }
in_title() { expect_in "$1" "$2" title "the pane's title"; }

tui_start 80 24
wait_for " of " || true
send t
in_header "t sets the type filter, said in the header" "type: image"
send /
wait_for "Search" || true
# a search long enough that the header in full takes more than 80 columns
# once the list is read (a shorter one fits, and gave way only while
# "loading…" was said)
type_text "landscape-texture"
send Enter
wait_for "all folders" || true
wait_gone "loading" || true
in_header "at 80 columns the search stays whole" "/landscape-texture/"
in_header "the type filter stays readable" "  image  "
in_header "the sort stays readable" "date↓"
send s
in_header "s changes the sort, said in the header" "name↑"
in_title "the pane's title keeps the type and the sort, in the header's order" "image  name↑"
# a wide screen has room for every word
tx resize-window -x 160 -y 24
in_header "at 160 columns the header says it all" "mediatui  t (clearcms)  all folders  search: landscape-texture  type: image  sort: name↑"
in_header "and help in full" "? help"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# a deep folder at 80 columns: the folder is cut, the sort and type stay
tui_start 80 24
wait_for " of " || true
send g
wait_for "images/" || true
send j j
send Enter
in_title "the pane is in /images" "Remote /images"
wait_for "goes-on-and-on" || true
send g
send j
send Enter
in_title "the pane goes into the deep folder" "/images/a-folder-with"
send t
in_header "the type filter is set in the deep folder" "image"
in_header "its sort stays readable beside the cut folder" "date↓"
in_title "the title keeps the type and the sort, the folder cut" "…  image  date↓"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
