#!/bin/sh
# aside-kept.t — text a prompt's Esc set aside survives the program as
# typed text does: it is in the drafts file from the Esc on, so a kill -9,
# a hang-up (SIGHUP) or the terminal's session killed loses none of it; the
# next start offers it with the drafts ("description set aside"), o opens
# the item with it, and Enter on the field has it in the prompt again. Esc
# on it unchanged drops it from the file too, and so does leaving the item
# (into the message log, whole: not unseen).
# At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
first_image
name=$img_name
id=$img_id
server_field() { admin GET /_admin/state | jget '[m.get("'"$1"'") or "" for m in d["media"] if m["id"] == "'"$id"'"][0]'; }
drafts="$XDG_STATE_HOME/mediatui/drafts-t.json"
# in_file TEXT: the drafts file holds TEXT (polled: written as the key is read)
in_file() {
	_w=0
	while ! grep -qsF -- "$1" "$drafts" && [ $_w -lt 300 ]; do sleep 0.05; _w=$((_w + 1)); done
	grep -qsF -- "$1" "$drafts"
}
tui_pid() { ps -o pid= --ppid "$(tx display-message -p '#{pane_pid}')" | tr -d ' ' | head -n 1; }
title0=$(server_field title)
desc0=$(server_field description)

# ---- set aside, then kill -9
text="Three boats come in at dusk past the lighthouse"
tui_start 80 24
open_first_image_details
send j j Enter
wait_for "Enter: accept" || true
send C-u
type_text "$text"
wait_for "past the lighthouse" || true
send Escape
wait_gone "Enter: accept" || not_ok "Esc closes the prompt"
expect_wrapped "Esc sets the text aside" "set aside"
check "the drafts file holds the text set aside" in_file "$text"
kill -KILL "$(tui_pid)"
rc=$(tui_wait_exit)
expect_eq "mediatui was killed" 137 "$rc"

tui_start 80 24
expect_screen "the next start offers the text set aside" "Typed in an earlier session"
expect_screen "... as the description set aside" "$name: description set aside"
send o
expect_wrapped "o says the text set aside is back" "set aside in an earlier session is back"
refute_screen "... the field has no change pending" "not saved yet"
send j j Enter
expect_screen "Enter on the description has the text in its prompt" "past the lighthouse"
send Enter
expect_screen "Enter keeps it: pending" "not saved yet"
send w
wait_gone "not saved yet" || not_ok "w saves"
expect_eq "the server has it" "$text" "$(server_field description)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "nothing is left in the drafts file" sh -c '! grep -qsF "$1" "$2"' - "$text" "$drafts"

# ---- set aside, then a hang-up (SIGHUP)
tui_start 80 24
wait_for " of " || true
refute_screen "a text saved is not offered again" "Typed in an earlier session"
open_first_image_details "the details open again"
send j Enter
wait_for "Enter: accept" || true
send C-u
type_text "Harbour lights"
wait_for "Harbour lights" || true
send Escape
wait_gone "Enter: accept" || not_ok "Esc closes the title's prompt"
check "the drafts file holds the title set aside" in_file "Harbour lights"
kill -HUP "$(tui_pid)"
rc=$(tui_wait_exit)
expect_eq "a hang-up ends mediatui" 0 "$rc"
check "... and the drafts file still holds it" in_file "Harbour lights"

tui_start 80 24
expect_screen "the next start offers the title set aside" "$name: title set aside"
send o
expect_wrapped "o says it is back" "set aside in an earlier session is back"
send j Enter
expect_screen "Enter on the title has it in its prompt" "Harbour lights"
send Escape
wait_gone "Enter: accept" || true
expect_wrapped "Esc on it unchanged drops it" "dropped"
check "... from the drafts file too" sh -c '! grep -qsF "Harbour lights" "$1"' - "$drafts"
expect_eq "the server's title is untouched" "$title0" "$(server_field title)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# ---- set aside, then the terminal's session killed (the link drops)
tui_start 80 24
wait_for " of " || true
refute_screen "a text dropped is not offered again" "Typed in an earlier session"
open_first_image_details "the details open a third time"
send j j Enter
wait_for "Enter: accept" || true
send C-u
type_text "Gulls over the quay"
wait_for "Gulls over the quay" || true
send Escape
wait_gone "Enter: accept" || true
check "the drafts file holds it" in_file "Gulls over the quay"
pid=$(tui_pid)
tx kill-session
_w=0
while kill -0 "$pid" 2>/dev/null && [ $_w -lt 300 ]; do sleep 0.05; _w=$((_w + 1)); done
check "the session killed ends mediatui" sh -c '! kill -0 "$1" 2>/dev/null' - "$pid"
tui_start 80 24
expect_screen "the next start offers it" "$name: description set aside"
send o
wait_for "set aside in an earlier session" || true
send j j Enter
expect_screen "Enter on the description has it in its prompt" "Gulls over the quay"
send Escape
wait_gone "Enter: accept" || true

# ---- leaving the item: the text set aside goes, from the file too
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Not kept past q"
wait_for "Not kept past q" || true
send Escape
wait_gone "Enter: accept" || true
check "set aside, it is in the file" in_file "Not kept past q"
send q
wait_gone "Focal point" || not_ok "q leaves the details"
check "leaving the item takes it out of the file" sh -c '! grep -qsF "Not kept past q" "$1"' - "$drafts"
send M
expect_screen "the message log opens" "Messages:"
expect_wrapped "... it has the text dropped on leaving, whole" \
	"dropped on leaving it: description \"Not kept past q\""
send q
wait_gone "Messages:" || not_ok "q closes the message log" "$(screen)"
expect_eq "the server's description is what was saved" "$text" "$(server_field description)"
rc=$(tui_quit)
expect_eq "q quits at the end" 0 "$rc"
tui_start 80 24
wait_for " of " || true
refute_screen "nothing is offered after leaving the item" "Typed in an earlier session"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
