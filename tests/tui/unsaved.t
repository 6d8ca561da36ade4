#!/bin/sh
# unsaved.t — unsaved edits in the details survive a delete that is declined
# or cancelled; leaving with unsaved edits asks: save, discard or stay.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

mt ls / --json >"$T/root.json"
safe='[i for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and i["mimeType"].startswith("image/")]'
name=$(jget "$safe"'[0]["filename"]' <"$T/root.json")
id=$(jget "$safe"'[0]["id"]' <"$T/root.json")

tui_start 80 24
open_item "$name"
expect_screen "the details are open" "Focal point"
send a
wait_for "Enter: accept" || not_ok "a opens the alt prompt"
send C-u
type_text "Kept through a delete"
send Enter
expect_screen "the edit is pending" "not saved yet"

# d, then n: nothing deleted, the edit still there
send d
expect_screen "d asks" "cannot be undone"
send n
expect_screen "n deletes nothing" "nothing deleted"
expect_screen "the details stay open after n" "Focal point"
expect_screen "the unsaved edit survives n" "Kept through a delete"
expect_screen "and is still marked unsaved" "not saved yet"
# d, then Esc: the same
send d
wait_for "cannot be undone" || not_ok "d asks again"
send Escape
wait_gone "cannot be undone" || not_ok "Esc closes the question"
expect_screen "the unsaved edit survives Esc" "Kept through a delete"
check "the item is still on the server" mt info "$id"

# leaving asks: save, discard or stay
send q
expect_screen "leaving with unsaved edits asks" "Unsaved changes"
expect_screen "it offers save, discard and stay" "[s] [d] [n]"
send n
expect_screen "n stays, edit kept" "not saved yet"
send q
wait_for "Unsaved changes" || not_ok "q asks again"
send s
expect_screen "s saves and goes back to the list" "of "
wait_gone "Focal point" || not_ok "s leaves the details"
mt info "$id" --json >"$T/info.json"
expect_eq "the server has the saved alt text" "Kept through a delete" "$(jget 'd["alt"]' <"$T/info.json")"

# discard: d leaves without saving
send Enter
wait_for "Focal point" || not_ok "the item opens again"
send a
wait_for "Enter: accept" || not_ok "a again"
type_text "Thrown away"
send Enter
wait_for "not saved yet" || not_ok "pending again"
send q
wait_for "Unsaved changes" || not_ok "asks again"
send d
wait_gone "Focal point" || not_ok "d discards and leaves"
ok "d discards and leaves"
mt info "$id" --json >"$T/info2.json"
expect_eq "the discarded edit never reached the server" "Kept through a delete" "$(jget 'd["alt"]' <"$T/info2.json")"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
