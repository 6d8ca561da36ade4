#!/bin/sh
# delete.t — delete with a confirmation that names the item; n keeps it, y
# deletes it on the server; bulk delete of marked items.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

mt ls / --json >"$T/root.json"
safe='[i for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum()]'
name=$(jget "$safe"'[0]["filename"]' <"$T/root.json")
id=$(jget "$safe"'[0]["id"]' <"$T/root.json")
before=$(mt ls --json | jget 'd["total"]')

tui_start 80 24
wait_for " of " || true
send /
wait_for "Search"
type_text "$name"
send Enter
expect_screen "the item is listed" "$(printf '%s' "$name" | cut -c1-24)"
send d
expect_screen "d asks, naming the item" "($id)"
expect_screen "the question says it cannot be undone" "cannot be undone"
send n
expect_screen "n deletes nothing" "nothing deleted"
check "the item is still there after n" mt info "$id"
send d
wait_for "cannot be undone"
send y
expect_screen "y deletes" "deleted 1"
mt info "$id" >/dev/null 2>&1; rc=$?
expect_eq "the server no longer has the item" 1 "$rc"

# two copies of one name in two folders (a search spans every folder): the
# question tells them apart by their folder
send h
wait_for "of "
send /
wait_for "Search"
send C-u
type_text "logo-sunset-299"
send Enter
expect_screen "both copies are listed" "/images/team"
send a
send d
expect_screen "the question names the copy in /images/team by its folder" "logo-sunset-299.png  /images/team  "
expect_screen "... and the copy in /images by its own" "logo-sunset-299.png  /images  "
send n
expect_screen "n keeps both" "nothing deleted"
send Escape

# b: back up the original, then delete
name2=$(jget "$safe"'[1]["filename"]' <"$T/root.json")
id2=$(jget "$safe"'[1]["id"]' <"$T/root.json")
size2=$(jget "$safe"'[1]["size"]' <"$T/root.json")
send h
wait_for "of "
send /
wait_for "Search"
send C-u
type_text "$name2"
send Enter
expect_screen "the second item is listed" "$(printf '%s' "$name2" | cut -c1-24)"
send d
expect_screen "the confirmation offers a backup" "back up the originals first"
# the download of the original held at the server: the status line says
# what is under way (it said "deleting" while nothing was deleted yet)
admin POST /_admin/faults '{"hold_downloads": 1}' >/dev/null
send b
expect_screen "while the original downloads, the status says it is being saved" "saving the original of 1 of 1"
expect_eq "... and the item is still on the server" 0 "$(mt info "$id2" >/dev/null 2>&1; echo $?)"
admin POST /_admin/faults '{"hold_downloads": 0}' >/dev/null
expect_screen "b backs up, then deletes" "deleted 1, original in"
mt info "$id2" >/dev/null 2>&1; rc=$?
expect_eq "the backed-up item is gone from the server" 1 "$rc"
bk=$(ls "$T"/data/mediatui/backups/t/ 2>/dev/null | head -n 1)
expect_eq "its original is in the backup folder, whole" "$size2" \
	"$(wc -c <"$T/data/mediatui/backups/t/$bk" 2>/dev/null | tr -d ' ')"

# bulk: leave the search, mark three items, delete them
send h
wait_for "of "
send g
settle
# skip the folder rows (at the top, each a name ending in /)
n=$(screen | sed -n '4,23p' | grep -c '^  [^ ]*/ *$')
while [ "$n" -gt 0 ]; do send j; n=$((n - 1)); done
send Space Space Space
expect_screen "three items marked" "3 marked"
send d
expect_screen "the confirmation counts the marked items" "Delete 3 items"
send y
expect_screen "three deleted" "deleted 3"
after=$(mt ls --json | jget 'd["total"]')
expect_eq "the library lost five items" "$((before - 5))" "$after"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
