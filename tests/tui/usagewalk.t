#!/bin/sh
# usagewalk.t — usage walked like ncdu: a cursor on folders and types, s
# sorts by size or count, Enter shows the folder in the remote pane (on a
# type: that type in every folder), and q or h there comes back, A audits
# just that folder, d deletes the folder's items through the usual
# confirmation (backup first on b). Keys counted for walk-and-delete.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
logos=$(mt ls /logos --all --json | jget 'len(d["items"])')

tui_start 100 30
wait_for " of " || not_ok "the list is shown"
send v
expect_screen "usage lists folders, largest first" "By folder (largest first)"
# the cursor starts on the largest folder; Enter shows it in the remote pane
send Enter
expect_screen "Enter shows the folder under the cursor" "Remote /images/team"
expect_wrapped "... and says q goes back to usage" "/images/team: q goes back to usage"
send q
expect_screen "q at the folder shown goes back to usage (not up a folder)" "By folder (largest first)"
send j Enter
expect_screen "j, Enter shows the second largest" "Remote /images "
send v
wait_for "By folder" || not_ok "usage again"
send s
expect_screen "s sorts by count" "By folder (most items first)"
send s
expect_screen "s again sorts by size" "By folder (largest first)"

# Enter on a type: that type in every folder, not filtered in the folder
# the pane was in. The pane is put in /documents, which holds no image.
mt usage --json >"$T/usage.json"
row() { jget "[r[\"$1\"] for r in d[\"$2\"]].index(\"$3\")" <"$T/usage.json"; }
nfolders=$(jget 'len(d["folders"])' <"$T/usage.json")
images=$(mt ls --type image --json | jget 'd["total"]')
expect_eq "the premise: /documents holds no image" 0 \
	"$(mt ls /documents --all --json | jget 'len([m for m in d["items"] if m["mimeType"].startswith("image/")])')"
send Home
k=$(row folder folders /documents); while [ "$k" -gt 0 ]; do send j; k=$((k - 1)); done
send Enter
expect_screen "the pane shows /documents" "Remote /documents "
send v
wait_for "By type" || not_ok "usage again"
# ] goes to the rows by type at once, past every folder row: keys counted
# against j alone (Home, then j past each folder and type before image)
send Home ']'
k=$(row type types image); while [ "$k" -gt 0 ]; do send j; k=$((k - 1)); done
echo "# keys from usage's top to the image row: $((1 + nfolders + $(row type types image))) with j alone, $((2 + $(row type types image))) with ]"
send Enter
expect_screen "Enter on the image row lists images of every folder" "of $images"
refute_screen "... not none of /documents" "0 of 0"
expect_screen "the pane's title says all folders are listed" "Remote all folders "
expect_screen "the header says it, with the type" "all folders  type: image"
expect_screen "each item shows its folder" "Alt Folder"
expect_screen "... items of /logos" " /logos "
expect_screen "... and of /images" " /images "
send h
expect_screen "h goes back to usage, where the look came from" "By type"
send q
expect_screen "the pane is back in the folder it was in" "Remote /documents "
refute_screen "... without the type filter" "type: image"
send q
expect_screen "q there goes up a folder as ever (no look to go back to)" "Remote / "
send v
wait_for "By folder" || not_ok "usage again"

# ] and [ between the sections: the first type, then back to the first folder
first_type=$(jget 'd["types"][0]["type"]' <"$T/usage.json")
send Home ']' Enter
expect_screen "] Enter: the first type's row, in every folder" "all folders  type: $first_type"
send h
expect_screen "h goes back to usage" "By type"
send ']'
expect_wrapped "] on the rows by type says they are the last" "the rows by type are the last"
send '[' Enter
expect_screen "[ Enter: the first folder's row" "Remote /images/team"
send q
expect_screen "q goes back to usage" "By folder"
send G '[' Enter
expect_screen "[ on a later type row goes to the first type row" "all folders  type: $first_type"
send h
wait_for "By type" || not_ok "usage again"

# A on a folder: the audit of that folder alone
send Home j j
send A
expect_screen "A audits the folder under the cursor" "Audit of /images/products"
expect_screen "with its own findings only" "Images without alt text (10)"
refute_screen "nothing from other folders" "harbour-badge-000.gif"
# a copy elsewhere of a file in the folder is listed with its group, and
# D offers to delete it (the folder's own file is the one kept)
send ']'   # from the images without alt text to the duplicates
expect_screen "the folder's duplicate groups are listed" "Duplicates (same name and size"
expect_screen "... with the copy in another folder" "dup  brochure-sunset-138.png"
send D
expect_screen "D offers to delete the copies elsewhere" "brochure-sunset-138.png  /images/team"
send n
wait_gone "Delete" || true
send q
expect_screen "q from the folder's audit goes back to usage" "By folder"
send A
expect_screen "... where the cursor is still on the folder" "Audit of /images/products"
send f
expect_screen "f goes back to the whole library" "Images without alt text (64)"
send q

# walk to /logos (the sixth folder by size) and delete its items, backup first
keys=0
send v; keys=$((keys + 1))
wait_for "By folder" || not_ok "usage again"
send Home j j j j j; keys=$((keys + 6))
send d; keys=$((keys + 1))
expect_screen "d asks with the usual confirmation, naming the folder" "Delete all $logos items directly in /logos ("
expect_screen "which offers the backup" "back up the originals first"
send b; keys=$((keys + 1))
expect_screen "b backs up, then deletes" "deleted $logos, originals in" 60
echo "# keys to walk usage to /logos and delete it, backup first: $keys"
refute_screen "the folder's row is gone from usage" "/logos"
expect_eq "the server has nothing left in /logos" 0 "$(mt ls /logos --all --json | jget 'len(d["items"])')"
bk=$(ls "$T"/data/mediatui/backups/t/ 2>/dev/null | wc -l | tr -d ' ')
expect_eq "every original is in the backup folder" "$logos" "$bk"
# a type filter that hides everything in a folder says how to lift it
send q
wait_gone "By folder" || true
send :
wait_for "/documents" || true
type_text "/documents"
send Enter
expect_screen "the pane shows /documents" "Remote /documents "
send t
expect_screen "an image filter in a folder without images says t changes it" \
	"(no image here: t changes the type filter)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
