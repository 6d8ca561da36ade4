#!/bin/sh
# focal-alone.t — the focal point editor's Enter saves the focal point
# alone: a title typed and a move picked before it stay pending (marked *),
# are not sent, and w sends them after. (Enter sent every pending change,
# a move to another folder with it, where the help said "save the focal
# point".) Enter on a row the server owns says it is read only.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

mt ls / --json >"$T/root.json"
pick='next(i for i in d["items"] if i["filename"].replace(".","").replace("-","").isalnum() and i["mimeType"].startswith("image/"))'
name=$(jget "$pick"'["filename"]' <"$T/root.json")
id=$(jget "$pick"'["id"]' <"$T/root.json")
title0=$(mt info "$id" --json | jget 'd.get("title") or ""')
server() { mt info "$id" --json | jget "$1"; }

tui_start 80 24
wait_for " of " || not_ok "the list is shown"
send /
wait_for "Search" || not_ok "/ asks what to search"
type_text "$name"
send Enter
expect_screen "the search lists the item" "$(printf '%s' "$name" | cut -c1-24)"
send Enter
expect_screen "Enter opens the item's details" "Focal point"

# a row the server owns: Enter says so, where it did nothing
send k
send Enter
expect_screen "Enter on Dimensions says it is read only, and what is edited" \
	"Dimensions is read only: Enter edits alt, title, description, folder, focal"
refute_screen "... and opens no prompt" "Enter: accept"
send j

# a title typed, not saved
send j
send Enter
expect_screen "Enter on the title edits it" "Enter: accept"
send C-u
type_text "Pending title"
send Enter
expect_screen "the title is pending" "not saved yet"

# the focal point: moved, then Enter
send f
expect_screen "f opens the focal point editor" "Focal point of"
send c L L
expect_screen "the crosshair moved" "x 70  y 50"
send Enter
expect_screen "Enter saves the focal point" "saved; what is marked * is not saved yet (w saves it)"
expect_eq "the server has the focal point" "70" "$(server '"%g" % d["focalX"]')"
expect_eq "... and not the title" "$title0" "$(server 'd.get("title") or ""')"
expect_screen "the title is still marked pending" "*Pending title"
expect_screen "... and the line says something is not saved" "not saved yet"

send w
wait_gone "not saved yet" || not_ok "w saves the rest" "$(screen)"
expect_eq "w sends the title" "Pending title" "$(server 'd.get("title") or ""')"
expect_eq "... the focal point stays" "70" "$(server '"%g" % d["focalX"]')"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
