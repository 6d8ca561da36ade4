#!/bin/sh
# folders-fresh.t — the folder lists of : and m are read again as they
# open, so a folder another session made since is offered without r. A
# list that comes in while m's is open keeps the cursor on its folder, and
# Enter moves the item there, not to the folder that came in at its place.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
folder_of() { admin GET /_admin/state | jget '[i["folder"] for i in d["media"] if i["filename"] == "'"$1"'"][0]'; }

tui_start 100 30
wait_for " of " || true
mt_json mkdir /aaa-elsewhere >/dev/null || not_ok "another session makes a folder" "mkdir failed"
send :
expect_screen ": lists the folders" "Go to folder"
expect_screen "... the one made elsewhere among them, without r" "/aaa-elsewhere"
send Escape
wait_gone "Go to folder" || not_ok "Esc closes the list" "$(screen)"

# the last row of / is an item: m on it, while its list is read again
mt_json mkdir /aab-later >/dev/null || not_ok "another session makes a second folder" "mkdir failed"
send G
settle
item=$(screen | sed -n 's/^ *\([A-Za-z0-9_.-]*\.[a-z]*\) .*/\1/p' | tail -n 1)
check "the cursor is on an item ($item)" test -n "$item"
before=$(folder_of "$item")
h0=$(held_now)
faults '{"hold_api": 1, "hold_api_path": "media/folders"}'
send m
expect_screen "m lists the folders" "Move 1 item to"
wait_held $((h0 + 1)) || not_ok "the folders are being read again" "$(screen)"
refute_screen "... the second one is not known yet" "/aab-later"
# /, /aaa-elsewhere, then /archive: the cursor on it
send j
send j
settle
faults '{"hold_api": 0}'
expect_screen "the list read again comes into the open list" "/aab-later"
send Enter
expect_screen "Enter moves the item" "moved"
expect_eq "the item went to the folder the cursor was on, /archive (it was in $before)" \
	"/archive" "$(folder_of "$item")"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
