#!/bin/sh
# unsaved.t — unsaved edits in the details survive a delete that is declined
# or cancelled; leaving with unsaved edits asks: save, discard or stay
# (the keys said once, in the text).
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

first_image
name=$img_name
iname=$name   # (lib.sh's check sets name)
id=$img_id

tui_start 80 24
open_first_image_details "the details are open"
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
box_says "it offers save, discard and stay" "s: save them   d: discard them (the message log keeps the text)"
box_says "... and stay" "n: stay here"
refute_screen "... and says the keys once" "[s] [d] [n]"
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

# Ctrl+C asks, as q does, while an edit is not saved
send Enter
wait_for "Focal point" || not_ok "the item opens for Ctrl+C"
send a
wait_for "Enter: accept" || not_ok "a for Ctrl+C"
send C-u
type_text "Held through Ctrl+C"
send Enter
wait_for "not saved yet" || not_ok "pending for Ctrl+C"
sigint
expect_screen "Ctrl+C with an unsaved edit asks" "Not saved yet"
expect_screen "... naming the item" "the changes to $iname"
send n
wait_gone "Not saved yet" || not_ok "n stays"
expect_screen "the edit survives Ctrl+C and n" "Held through Ctrl+C"

# a save in flight: u cannot undo what is on its way, Esc stops waiting and
# keeps the edit; an edit made while a save runs stays pending after it
held0=$(admin GET /_admin/state | jget 'd["counts"]["held"]')
wait_held() {
	i=0
	while [ "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -le "$held0" ] && [ $i -lt 600 ]; do
		sleep 0.05; i=$((i + 1))
	done
	held0=$(admin GET /_admin/state | jget 'd["counts"]["held"]')
}
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send w
wait_held
expect_screen "the save is under way" "saving"
send u
expect_screen "u while saving says why it does nothing" "nothing to undo until the server answers"
expect_screen "... and the edit is still there" "Held through Ctrl+C"
send Escape
expect_screen "Esc stops waiting for the save" "stopped waiting for the save"
expect_screen "... the edit kept, not saved" "not saved yet"
expect_screen "... the details still open" "Focal point"
# the request went on: the server takes it, and the details say so
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_wrapped "the late answer is told" "the save Esc stopped waiting for went through after all"
if wait_gone "not saved yet"; then ok "... and what the server took is no longer pending"
else not_ok "... and what the server took is no longer pending" "$(screen)"; fi
expect_eq "the server has the alt text of the save let go" "Held through Ctrl+C" "$(mt info "$id" --json | jget 'd["alt"]')"
# a new edit, for a save that runs while the title is typed
send Enter
wait_for "Enter: accept" || not_ok "the alt text opens again"
send C-u
type_text "Held once more"
send Enter
wait_for "not saved yet" || not_ok "the new alt text is pending"
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
send w
wait_held
send j
send Enter
wait_for "Enter: accept" || not_ok "the title opens while the save runs"
send C-u
type_text "Typed while saving"
send Enter
wait_for "Typed while saving" || not_ok "the title is pending"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "the save ends" "saved"
expect_screen "the title typed meanwhile is still pending" "not saved yet"
expect_screen "... as typed" "Typed while saving"
mt info "$id" --json >"$T/info3.json"
expect_eq "the server has the alt text that was sent" "Held once more" "$(jget 'd["alt"]' <"$T/info3.json")"
check "... and not the title typed meanwhile" sh -c "[ \"\$(jget 'd[\"title\"] or \"\"' <'$T/info3.json')\" != 'Typed while saving' ]"
send w
expect_screen "w saves the rest" "saved"
wait_gone "not saved yet" || not_ok "nothing pending after the second save"
expect_eq "the server has the title" "Typed while saving" "$(mt info "$id" --json | jget 'd["title"]')"
send q
wait_gone "Focal point" || not_ok "q leaves"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
