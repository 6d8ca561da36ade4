#!/bin/sh
# gone.t — an item deleted elsewhere (another editor, a script) while its
# details are open with an unsaved edit: the save answers 404, the details
# say the item is gone and keep the typed text on the screen; the remote
# pane and the audit no longer list it; leaving asks, as with any unsaved
# edit. A failed read of the details is read again with r. An upload of
# this session shows its date in the audit.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt ls / --json >"$T/root.json"
safe='[i for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and i["mimeType"].startswith("image/") and not i.get("alt")]'
name=$(jget "$safe"'[0]["filename"]' <"$T/root.json")
id=$(jget "$safe"'[0]["id"]' <"$T/root.json")
make_png "$T/work/fresh-today.png" 50 40

tui_start 100 30
wait_for " of " || true
# an upload of this session, for the audit's date below
upload_matching "fresh-today.png" 1
expect_screen "the upload finishes" "1/1 done" 30
send Tab
open_item "$name"
expect_screen "the details open" "Focal point"
# a read that fails says r reads again; once the server answers, r does
admin POST /_admin/faults '{"fault_5xx": 1}' >/dev/null
send r
expect_screen "a failed read of the item says r reads it again" "(r reads it again)"
admin POST /_admin/faults '{"fault_5xx": 0}' >/dev/null
send r
if wait_gone "(r reads it again)"; then ok "r reads it again once the server answers"
else not_ok "r reads it again once the server answers" "$(screen)"; fi
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Typed before it vanished"
send Enter
expect_screen "the edit is pending" "not saved yet"

mt rm "$id" --yes >/dev/null 2>&1
expect_eq "another hand deleted it" 404 "$(admin GET /_admin/state | jget '200 if any(m["id"] == "'"$id"'" for m in d["media"]) else 404')"
send w
expect_screen "the save says the item is gone" "no longer on the server (deleted elsewhere)"
expect_screen "... the typed text stays on the screen" "Typed before it vanished"
expect_wrapped "... and the reason is whole: what becomes of the text" \
	"what you typed stays here, and goes to the message log (M) when you leave"
refute_screen "... no longer offers w to save it" "w saves, u undoes"
send w
expect_wrapped "w again says there is nothing to save to" "there is nothing to save to"
send q
expect_screen "leaving asks, and says the item is gone" "Item deleted elsewhere"
box_says "... offering no save" "d: leave it (what you typed goes to the message log, M)   n: stay here"
send s
settle
expect_screen "s does not save (nothing to save to): the question stays" "Item deleted elsewhere"
send n
wait_gone "Item deleted elsewhere" || true
expect_screen "n stays, the text on the screen" "Typed before it vanished"
send q
wait_for "Item deleted elsewhere" || true
send d
wait_gone "Focal point" || true
send M
expect_wrapped "the message log keeps what was typed" "not saved: alt text \"Typed before it vanished\""
expect_wrapped "... and the save's reason, whole" "no longer on the server (deleted elsewhere); what you typed stays here"
send q
wait_gone "not saved: alt text" || true
send Escape
wait_gone "1 of 1" || true
wait_for " of " || true
refute_screen "the remote pane no longer lists it" "$name"

send A
expect_screen "the audit opens" "Images without alt text"
tries=0   # (not i: settle counts with it)
while screen | grep -qF "$name" && [ $tries -lt 3 ]; do settle; tries=$((tries + 1)); done
refute_screen "the audit no longer lists it" "$name"
today=$(date -u +%Y-%m-%d)
i=0
while ! screen | grep -qF "fresh-today.png" && [ $i -lt 40 ]; do send j; i=$((i + 1)); done
settle
check "the upload of this session is listed in the audit with its date" \
	sh -c 'grep -F "fresh-today.png" "$1" | grep -q "$2"' - "$(screen >"$T/s.txt"; echo "$T/s.txt")" "$today"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
