#!/bin/sh
# folders.t — create a folder, see it, enter it, delete it; the server's
# refusal to delete a folder that is not empty is shown; : goes to a
# folder chosen from the list of all of them.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

tui_start 80 24
wait_for " of " || true
send c
expect_screen "c asks for a folder name" "New folder"
type_text "tui-made"
send Enter
expect_screen "the folder is created" "folder /tui-made created"
check "the server lists /tui-made" sh -c "'$MEDIATUI' -c '$T/config' folders | grep -qx /tui-made"
expect_screen "the new folder is listed" "tui-made/"

# the cursor is on it already
send Enter
expect_screen "Enter opens the folder" "Remote /tui-made"
expect_screen "the empty folder says so" "(empty)"
send h
expect_screen "h goes back up" "tui-made/"
line=$(screen | grep -n "  tui-made/" | head -n 1 | cut -d: -f1)
send g
n=$((line - 4)); while [ $n -gt 0 ]; do send j; n=$((n - 1)); done
send d
expect_screen "d on a folder asks" "Delete the folder /tui-made?"
send y
expect_screen "the folder is deleted" "folder /tui-made deleted"
check "the server no longer lists it" sh -c "! '$MEDIATUI' -c '$T/config' folders | grep -qx /tui-made"

# a folder with media in it: the server refuses, and says why
full=$("$MEDIATUI" -c "$T/config" folders | grep -v '^/$' | while read -r f; do
	n=$("$MEDIATUI" -c "$T/config" --json ls "$f" | jget 'd["total"]')
	case $f in /*/*) continue ;; esac
	[ "$n" -gt 0 ] && { echo "$f"; break; }
done)
if [ -n "$full" ]; then
	send g
	wait_for "of "
	base=${full#/}
	line=$(screen | grep -n "  $base/" | head -n 1 | cut -d: -f1)
	n=$((line - 4)); while [ $n -gt 0 ]; do send j; n=$((n - 1)); done
	send d
	wait_for "Delete the folder $full?"
	send y
	expect_screen "the server's refusal is shown" "deleting the folder:"
	check "the folder is still there" sh -c "'$MEDIATUI' -c '$T/config' folders | grep -qx '$full'"
else
	not_ok "the demo library has a top-level folder with media"
fi

# : goes to any folder by a few letters of its path: 3 keys and the text
send :
expect_screen ": lists every folder" "Go to folder"
send t
expect_screen "a letter before / says that / narrows" "t does nothing here: / narrows the list"
type_text "/images/te"
expect_screen "... narrowed as typed to the one folder" "1/1  Enter: choose"
send Enter
expect_screen "Enter opens it, however deep" "Remote /images/team"
send :
expect_screen ": again" "Go to folder"
send Escape
wait_gone "Go to folder" || not_ok "Esc closes the list"
expect_screen "... and the pane stays where it was" "Remote /images/team"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
