#!/bin/sh
# cleanup.t — deleting duplicates from the audit at 80x24 when the server is
# slow or refuses: a delete held by the server keeps saying what it does on
# the status line for as long as it runs (a message lasts six seconds: the
# view's key hints came back over a delete still running, as if nothing
# ran); a delete that fails names the item by its file name, not only the
# server's words ("reading media item: ...") or an id the editor never saw;
# the content check's page says its own keys, and the other page's keys
# (Enter, D...) do not act there on a finding out of sight.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
count() { admin GET /_admin/state | jget 'len(d["media"])'; }
# the duplicates the audit would delete, in its order: "id name" lines
dups() { mt audit --json | jget '"\n".join(f["id"] + " " + f["filename"] for f in d["findings"] if f["kind"] == "duplicate" and not f["keep"])'; }

tui_start 80 24
wait_for " of " || true
send A
expect_screen "A opens the audit" "Images without alt text"
send ']'
expect_screen "] goes to the duplicates" "Duplicates (same name and size"
n0=$(count)

# a delete the server holds: the status line says it runs, all along
faults '{"hold_api": 1}'
send d
box_says "d asks about the group's duplicate, offering a backup" "back up the originals first"
send b
expect_screen "b: the original is being saved (held)" "saving the original of 1 of 1"
# the message alone would be gone after six seconds, the key hints back
if wait_for "next kind" 12; then
	not_ok "... and the status line still says so while the delete is held" "$(screen)"
else
	ok "... and the status line still says so while the delete is held"
fi
expect_screen "... saving the original of 1 of 1" "saving the original of 1 of 1"
faults '{"hold_api": 0}'
expect_wrapped "once let go, the delete ends, the original kept" "deleted 1, original in $T/data/mediatui/backups/t"
expect_eq "... the server has one item less" "$((n0 - 1))" "$(count)"
expect_screen "... and the key hints are back" "next kind"

# the server refuses every request: the message names the file that failed
name=$(dups | sed -n '1s/^[^ ]* //p')
[ -n "$name" ] || not_ok "the audit still has duplicates" "$(dups)"
send g
send ']'
faults '{"fault_5xx": 1}'
send d
box_says "d asks about the next group's duplicate: $name" "$name"
send b
expect_wrapped "the server refuses: the message names $name" "deleted 0, 1 failed: $name: reading media item: Injected server error" 40
faults '{"fault_5xx": 0}'
expect_eq "... nothing is deleted" "$((n0 - 1))" "$(count)"

# the backup folder is not a folder: named by the file, not by its id
id=$(dups | sed -n '1s/ .*//p')
rm -rf "$T/data/mediatui/backups/t"
echo "not a folder" >"$T/data/mediatui/backups/t"
send d
box_says "d asks again" "$name"
send b
expect_wrapped "the backup fails: the message names $name, not its id" \
	"deleted 0, 1 failed: $name: not deleted, backup failed:"
refute_screen "... and not the id $id" "$id:"
expect_eq "... nothing is deleted" "$((n0 - 1))" "$(count)"
rm -f "$T/data/mediatui/backups/t"

# the content check's page has its own key hints; the findings page's keys
# (Enter, D) do not act there on a finding of the other page, unseen
send c
box_says "c asks for the content check" "Check the content of"
send y
expect_screen "the check runs to its end" "Content checked" 60
expect_screen "the key hints are the page's own" "next group"
refute_screen "... not those of the other findings" "delete dups"
send Enter
expect_screen "Enter there says where it works" "not on this page: Tab shows the other findings"
refute_screen "... and opens no item of the other page" "File name"
send Tab
expect_screen "Tab: the other findings, their key hints" "next kind"

rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
