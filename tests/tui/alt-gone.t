#!/bin/sh
# alt-gone.t — the alt-text queue and an image deleted elsewhere (the CLI,
# another editor) while its prompt is open: Enter's save is answered "not
# found", and that is no refusal to offer again: the image leaves the queue
# and the audit (the count goes down once, and stays), no draft is kept for
# it, what was typed goes to the message log, and the message says so. The
# next start offers nothing of it among the unsaved changes. At 120x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt audit --json >"$T/audit.json"
n=$(jget 'len([f for f in d["findings"] if f["kind"] == "missing-alt"])' <"$T/audit.json")
jget '"\n".join([f["id"] + " " + f["filename"] for f in d["findings"] if f["kind"] == "missing-alt"][:3])' \
	<"$T/audit.json" >"$T/first"
{ read -r id1 name1; read -r id2 name2; read -r id3 name3; } <"$T/first"
drafts="$XDG_STATE_HOME/mediatui/drafts-t.json"

tui_start 120 30
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "the audit is open" "Images without alt text ($n)"
send a
expect_screen "the queue starts at the first image" "Alt text for $name1"
wait_gone "…" || true   # its details are read
type_text "Typed for a vanished one"
mt rm --yes "$id1" >/dev/null 2>&1
expect_eq "another hand deleted it" 0 "$(admin GET /_admin/state | jget 'len([m for m in d["media"] if m["id"] == "'"$id1"'"])')"
send Enter
expect_screen "the next image's prompt" "Alt text for $name2"
expect_wrapped "the save says the image is gone, and where the text went" \
	"alt text for $name1 not saved: the item is no longer on the server (deleted elsewhere); what you typed goes to the message log (M)"
refute_screen "... not that it is kept to come next" "it comes next"
wait_gone "…" || true
type_text "Second one"
send Enter
expect_screen "the queue goes on to the third image" "Alt text for $name3"
refute_screen "... never back to the image deleted elsewhere" "Alt text for $name1"
expect_wrapped "... the count went down by the two (this one counted), and stays" "($((n - 2)) left)"
check "no draft is kept for the image deleted elsewhere" sh -c '! grep -qs "$1" "$2"' - "$id1" "$drafts"
send Escape
wait_gone "Alt text for $name3" || not_ok "Esc closes the prompt"
send q
wait_gone "Focal point" || true
expect_screen "the audit counts the image gone and the one saved" "Images without alt text ($((n - 2)))"
send M
expect_wrapped "the message log keeps what was typed for it" \
	"typed for $name1 (deleted elsewhere), not saved: alt text \"Typed for a vanished one\""
send q
wait_gone "Messages:" || true
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "the drafts file does not hold the text" sh -c '! grep -qs "Typed for a vanished one" "$1"' - "$drafts"

tui_start 120 30
wait_for " of " || not_ok "the list is shown again"
refute_screen "the next start offers nothing of the image deleted elsewhere" "Typed in an earlier session"
rc=$(tui_quit)
expect_eq "q quits with status 0 again" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
