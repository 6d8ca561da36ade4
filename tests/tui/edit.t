#!/bin/sh
# edit.t — open an item, set its alt text and focal point (keys and numbers),
# and check what the server holds.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

mt ls / --json >"$T/root.json"
safe='next(i["filename"] for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and i["mimeType"].startswith("image/"))'
name=$(jget "$safe" <"$T/root.json")

# a description longer than its row: it is read whole on the details
id0=$(mt ls / --json | jget "next(i['id'] for i in d['items'] if i['filename'] == '$name')")
mt edit "$id0" --description "The harbour at dusk from the old lighthouse, with the fishing boats coming in and the lamps of the quay just lit: END-OF-THE-DESCRIPTION" >/dev/null

tui_start 80 24
wait_for " of " || true
# find it with a search: the list then holds matching media only
send /
wait_for "Search"
type_text "$name"
send Enter
expect_screen "the search lists the item" "$(printf '%s' "$name" | cut -c1-24)"
send Enter
expect_screen "Enter opens the item's details" "Focal point"
id=$(screen | sed -n 's/^ ID  *\([^ ]*\).*/\1/p' | head -n 1)
check "the details show the id" test -n "$id"
expect_screen "the details show every field" "Created"
refute_screen "a long description is cut on its row" "END-OF-THE-DESCRIPTION"
send j j
expect_wrapped "... and read whole once the cursor is on it" \
	"the lamps of the quay just lit: END-OF-THE-DESCRIPTION"
send k k

# alt text: the cursor starts on it
send Enter
expect_screen "Enter edits the field" "Enter: accept"
send C-u
type_text "A harbour at dusk, from the TUI"
send Enter
expect_screen "the edit is pending until saved" "not saved yet"
send w
# "saved" is also inside "not saved yet": wait for that line to go first
if wait_gone "not saved yet" && screen | grep -qE '(^|[^t ] *)saved'; then
	ok "w saves"
else
	not_ok "w saves" "screen:" "$(screen)"
fi
mt info "$id" --json >"$T/info.json"
expect_eq "the server has the alt text" "A harbour at dusk, from the TUI" "$(jget 'd["alt"]' <"$T/info.json")"

# focal point with keys: centre, then +20 right (HJKL move 10), +3 right, -10 up
send f
expect_screen "f opens the focal point editor" "Focal point of"
expect_wrapped "at 80 columns its keys are whole, to the last (on two rows)" "c centre, v crops"
send c L L l l l K
expect_screen "the crosshair moved" "x 73  y 40"
send Enter
expect_screen "Enter saves the focal point" "73, 40"
mt info "$id" --json >"$T/info2.json"
expect_eq "the server has focalX/focalY" "73 40" "$(jget '"%g %g" % (d["focalX"], d["focalY"])' <"$T/info2.json")"

# numeric entry
send f
wait_for "Focal point of"
send n
wait_for "Focal point X,Y"
send C-u
type_text "12.5,80"
send Enter
expect_screen "numbers move the crosshair" "x 12  y 80"
send Enter
expect_screen "the numeric focal point is saved" "12.5, 80"
mt info "$id" --json >"$T/info3.json"
expect_eq "the server has 12.5/80" "12.5 80" "$(jget '"%g %g" % (d["focalX"], d["focalY"])' <"$T/info3.json")"

# an edit abandoned asks first
send a
expect_screen "a edits the alt text" "Enter: accept"
type_text " changed"
send Enter
wait_for "not saved yet"
send q
expect_screen "leaving with unsaved changes asks" "Unsaved changes"
send n
expect_screen "n keeps the edit" "not saved yet"
send u
if wait_gone "not saved yet"; then ok "u undoes the pending edit"; else not_ok "u undoes the pending edit" "$(screen)"; fi
send q
expect_screen "back in the list" "of "
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
