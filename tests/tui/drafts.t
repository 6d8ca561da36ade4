#!/bin/sh
# drafts.t — what the editor typed survives the program: edits made in the
# details and not saved are kept in the drafts file as they are typed, so a
# kill -9 loses none of them, and a hang-up keeps even the text of a prompt
# not yet accepted. The next start says what is kept and asks: n leaves it
# (asked again), o opens the item with the changes back (w saves them, and
# the question is gone), d discards them. What the server has is untouched
# until the editor saves. Ctrl+C in a prompt counts the text typed there
# (it asks, and n keeps it as a pending change); n on the last item says so
# without asking about, or discarding, the edits. Eight items with changes
# are all listed at 80x24, with the keys said once, in the text.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt ls / --json >"$T/root.json"
safe='[i for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and i["mimeType"].startswith("image/") and not i.get("alt")]'
name=$(jget "$safe"'[0]["filename"]' <"$T/root.json")
id=$(jget "$safe"'[0]["id"]' <"$T/root.json")
server_field() { admin GET /_admin/state | jget '[m.get("'"$1"'") for m in d["media"] if m["id"] == "'"$id"'"][0]'; }
# signal SIG: to mediatui itself (the pane's shell starts it)
signal() {
	shpid=$(tx display-message -p '#{pane_pid}')
	kill "-$1" "$(ps -o pid= --ppid "$shpid" | tr -d ' ' | head -n 1)"
}
title0=$(server_field title)

# ---- typed, accepted, not saved: a kill -9 loses none of it
tui_start 100 30
open_item "$name"
expect_screen "the details open" "Focal point"
send a
wait_for "Enter: accept" || true
type_text "A heron at dawn"
send Enter
wait_for "not saved yet" || true
send j
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Heron"
send Enter
expect_screen "two edits are pending" "Heron"
signal KILL
rc=$(tui_wait_exit)
expect_eq "mediatui was killed" 137 "$rc"
expect_eq "the server has no alt text yet" "" "$(server_field alt)"

tui_start 100 30
expect_screen "the next start says what is kept" "Typed in an earlier session"
expect_screen "... the item and its fields" "$name: alt text, title"
send n
expect_screen "n leaves it, and says it asks again" "asked again at the next start"
expect_eq "n changes nothing on the server" "" "$(server_field alt)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

tui_start 100 30
expect_screen "asked again at the following start" "Typed in an earlier session"
send o
expect_screen "o opens the item with the changes back" "earlier session are back"
expect_screen "... the alt text as typed" "A heron at dawn"
send w
expect_screen "w saves them" "saved"
if wait_gone "not saved yet"; then ok "nothing is pending after the save"
else not_ok "nothing is pending after the save" "$(screen)"; fi
expect_eq "the server has the alt text" "A heron at dawn" "$(server_field alt)"
expect_eq "the server has the title" "Heron" "$(server_field title)"
rc=$(tui_quit)
expect_eq "q quits without a question" 0 "$rc"

# ---- a prompt still open when the link drops: its text is kept
tui_start 100 30
wait_for " of " || true
refute_screen "saved changes are not offered again" "Typed in an earlier session"
open_item "$name"
expect_screen "the details open again" "Focal point"
send j
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Half a sent"
signal HUP
rc=$(tui_wait_exit)
expect_eq "a hang-up ends mediatui" 0 "$rc"
tui_start 100 30
expect_screen "the typed title is offered at the next start" "$name: title"
send o
expect_screen "o shows the prompt's text as a pending change" "Half a sent"
expect_eq "the server still has the saved title" "Heron" "$(server_field title)"
send u
if wait_gone "Half a sent"; then ok "u drops the change"
else not_ok "u drops the change" "$(screen)"; fi
send q
wait_gone "Focal point" || true
rc=$(tui_quit)
expect_eq "q quits without a question after u" 0 "$rc"
tui_start 100 30
wait_for " of " || true
refute_screen "a dropped change is not offered again" "Typed in an earlier session"

# ---- Esc in a prompt puts back what was pending: its text is only set
# aside (aside-kept.t), not a change, and leaving the item drops it
open_item "$name"
expect_screen "the details open for Esc" "Focal point"
send j
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Thrown away"
send Escape
wait_gone "Enter: accept" || not_ok "Esc closes the prompt"
refute_screen "Esc takes the prompt's text off the field" "Thrown away"
# title_not_drafted FILE TEXT: no draft in FILE has TEXT as its title
title_not_drafted() { [ ! -e "$1" ] || "$PY" -c 'import json, sys
sys.exit(any(e.get("title") == sys.argv[2] for e in json.load(open(sys.argv[1]))["drafts"]))' "$1" "$2"; }
check "... and the drafts file does not hold it as the title" \
	title_not_drafted "$XDG_STATE_HOME/mediatui/drafts-t.json" "Thrown away"
send q
wait_gone "Focal point" || true
check "... nor at all once the item is left" \
	sh -c '! grep -qs "Thrown away" "$1"' - "$XDG_STATE_HOME/mediatui/drafts-t.json"

# ---- a prompt still open at a kill -9: its text is in the file as typed
open_item "$name"
expect_screen "the details open for the kill" "Focal point"
send j
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Killed mid-word"
tries=0   # the file has the text once the keys are read
while ! grep -qs "Killed mid-word" "$XDG_STATE_HOME/mediatui/drafts-t.json" && [ $tries -lt 300 ]; do
	sleep 0.05; tries=$((tries + 1))
done
check "the drafts file has the prompt's text before Enter" \
	grep -qs "Killed mid-word" "$XDG_STATE_HOME/mediatui/drafts-t.json"
signal KILL
rc=$(tui_wait_exit)
expect_eq "mediatui was killed with the prompt open" 137 "$rc"
tui_start 100 30
expect_screen "the prompt's text is offered at the next start" "$name: title"
send o
expect_screen "o shows it as a pending change" "Killed mid-word"
send u
if wait_gone "Killed mid-word"; then ok "u drops it"
else not_ok "u drops it" "$(screen)"; fi
send q
wait_gone "Focal point" || true

# ---- Ctrl+C in a prompt: the text typed there counts, and n keeps it
open_item "$name"
expect_screen "the details open a third time" "Focal point"
send j
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Typed in a prompt"
sigint
expect_screen "Ctrl+C in a prompt asks first" "Not saved yet"
send n
wait_gone "Not saved yet" || true
expect_screen "n keeps the prompt's text, as a pending change" "not saved yet"
expect_screen "... the text as typed" "Typed in a prompt"
send u
if wait_gone "Typed in a prompt"; then ok "u drops it"
else not_ok "u drops it" "$(screen)"; fi
send k
# n on the only item of the list: said at once, the edit neither asked about nor lost
send a
wait_for "Enter: accept" || true
type_text "Kept past n"
send Enter
wait_for "not saved yet" || true
send n
expect_screen "n with no next item says so" "this is the last item"
refute_screen "... and asks nothing" "Unsaved changes"
expect_screen "... the edit stays" "Kept past n"
send u
wait_gone "Kept past n" || true

# ---- quitting with a pending edit keeps it; d at the next start discards it
send j
send j
send Enter
wait_for "Enter: accept" || true
send C-u
type_text "Not wanted after all"
send Enter
wait_for "not saved yet" || true
sigint
expect_screen "Ctrl+C asks, and says the change is kept" "It is kept, and offered at the next start"
send y
rc=$(tui_wait_exit)
expect_eq "y quits" 0 "$rc"
tui_start 100 30
expect_screen "the description is offered" "$name: description"
send d
expect_screen "d discards it and says so" "discarded the unsaved changes to 1 item"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
tui_start 100 30
wait_for " of " || true
refute_screen "a discarded change is not offered again" "Typed in an earlier session"
expect_eq "the server's description is untouched" "$(jget "[i.get('description') for i in d['items'] if i['id'] == '$id'][0]" <"$T/root.json")" "$(server_field description)"
expect_eq "the title is still the saved one (was: $title0)" "Heron" "$(server_field title)"
rc=$(tui_quit)
expect_eq "q quits at the end" 0 "$rc"

# ---- eight items with changes: at 80x24 the question lists all eight (it
# stopped at five with "… and 3 more"), and says its keys once
"$PY" -c '
import json, sys
json.dump({"drafts": [{"id": "draft-%d" % k, "name": "kept-%d.jpg" % k, "alt": "Alt %d" % k}
                      for k in range(1, 9)]}, open(sys.argv[1], "w"))' "$XDG_STATE_HOME/mediatui/drafts-t.json"
tui_start 80 24
expect_screen "at 80x24, the eight are offered" "not saved (8 items)"
for k in 1 2 3 4 5 6 7 8; do
	expect_screen "... kept-$k.jpg is listed" "kept-$k.jpg: alt text"
done
refute_screen "... none is counted as more" "… and"
expect_screen "... the keys are said in the text" "d: discard the changes"
refute_screen "... and not again under it" "[o] [n] [d]"
send d
expect_screen "d discards the eight" "discarded the unsaved changes to 8 items"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
