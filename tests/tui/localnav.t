#!/bin/sh
# localnav.t — the local pane at 80x24: going to a path, home, a name, recent
# directories; a directory that vanishes or is renamed; sizes that fit their
# column; the keys that matter on the hint line.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms

wd="$T/work"
mkdir -p "$wd/albums/2026/summer" "$wd/gone/deeper" "$T/home/inbox"
truncate -s 305357 "$wd/big-scan.tif"
truncate -s 289406976 "$wd/huge-video.mp4"
for n in apple banana cherry date elder fig grape honeydew kiwi lemon mango nectarine \
	orange papaya quince raspberry; do
	printf 'x' >"$wd/$n.txt"
done
head -c 777 /dev/zero >"$wd/zebra.txt"
printf 'a' >"$wd/albums/2026/summer/a.jpg"
printf 'bb' >"$wd/albums/2026/summer/b.jpg"

# expect_title NAME PATH: the local pane's title is exactly PATH
expect_title() {
	i=0
	while ! screen | grep -qE "^ Local $2 *(\$|[0-9]+ marked)"; do
		i=$((i + 1))
		if [ $i -gt $((TUI_TIMEOUT * 20)) ]; then
			not_ok "$1" "waited for the title: Local $2" "$(screen)"
			return 1
		fi
		sleep 0.05
	done
	ok "$1"
}

tui_start 80 24 HOME="$T/home"
expect_screen "the main view is up" "? help"
# 80 columns: the views a person looks for are on the hint line
expect_screen "at 80x24 the hint line offers the audit (A)" "A audit"
expect_screen "at 80x24 the hint line offers the usage (v)" "v usage"

# the state set in the remote pane stays in sight from the local pane
send t
wait_for "sorted by" 2 || true
send s
wait_for "sorted by name" || not_ok "s sorts by name" "$(screen)"
send Tab
expect_screen "Tab shows the local pane" "Local $wd"
header=$(screen | head -n 1)
case $header in
	*"type: image"*"sort: name"*) ok "the header keeps the type filter and the sort in sight" ;;
	*) not_ok "the header keeps the type filter and the sort in sight" "$header" ;;
esac
# sizes from 100 KiB up fit their column whole
expect_screen "a 298 KiB file shows its whole size" " 298 KiB "
expect_screen "a 276 MiB file shows its whole size" " 276 MiB "

# the directory shown is removed: the pane moves up by itself, h still works
send j j l
wait_for "deeper/" || not_ok "into a directory (j j l)" "$(screen)"
rm -rf "$wd/gone"
expect_title "a removed directory: the pane moves to the nearest parent" "$wd"
send h
expect_title "h then goes up" "$T"
refute_screen "no error about .." "/..:"
send l
expect_title "l goes back in (the cursor stayed on where it came from)" "$wd"

# a name by typing it: / then letters
send /
wait_for "Find a name" || not_ok "/ opens the name search" "$(screen)"
type_text "zeb"
send Enter
send Space
expect_screen "/zeb puts the cursor on zebra.txt (marked: 777 B)" "1 marked, 777 B"

# a directory by its path
send :
wait_for "Go to directory" || not_ok ": opens the path prompt" "$(screen)"
type_text "albums/2026/summer"
send Enter
expect_screen ": and a relative path opens it" "Local $wd/albums/2026/summer"

# Tab completes a directory as far as the names agree, then the only one
mkdir -p "$T/home/invoices"
send :
wait_for "Go to directory" || not_ok ": opens the path prompt again" "$(screen)"
expect_screen "the prompt says what Tab does" "Tab: complete  Enter: go  Esc: cancel"
type_text "~/i"
send Tab
expect_screen "Tab with two matches goes as far as they agree" "~/in "
expect_screen "... and says how many" "2 directories begin with that"
type_text "b"
send Tab
expect_screen "Tab with one match completes it, with its /" "~/inbox/ "
send Enter
expect_title "Enter opens the completed directory" "$T/home/inbox"
send :
wait_for "Go to directory" || not_ok ": opens the path prompt once more" "$(screen)"
type_text "~/x"
send Tab
expect_screen "Tab with no match says so and keeps the text" "no directory there begins with that"
expect_screen "... the text as typed" "~/x "
send Escape
wait_gone "Go to directory" || not_ok "Esc closes the prompt"
send :
wait_for "Go to directory" || not_ok ": opens the path prompt to go back" "$(screen)"
type_text "$wd/albums/2026/summer"
send Enter
expect_title "back where the completion began" "$wd/albums/2026/summer"

# a typo: the pane and its marks stay, the prompt comes back with the text to fix
send g
send j
send ' '
wait_for "1 marked" || not_ok "a file is marked before the typo" "$(screen)"
send :
wait_for "Go to directory" || not_ok ": opens the path prompt for a typo" "$(screen)"
type_text "$wd/albumz"
send Enter
expect_wrapped "a path that is not there says so, and that the pane stays" "No such file or directory; the pane stays here"
expect_title "... the pane stays where it was, with its mark" "$wd/albums/2026/summer"
expect_screen "... the mark kept" "1 marked"
expect_screen "... the prompt is back with the typed path" "$wd/albumz"
send BSpace
type_text "s"
send Enter
expect_title "the fixed path opens" "$wd/albums"
send :
wait_for "Go to directory" || not_ok ": opens the path prompt to return" "$(screen)"
type_text "$wd/albums/2026/summer"
send Enter
expect_title "back in summer" "$wd/albums/2026/summer"

# home
send '~'
expect_screen "~ goes home" "Local $T/home"

# recent directories: the one before is offered first
send H
wait_for "Recent directories" || not_ok "H lists the recent directories" "$(screen)"
send Enter
expect_screen "picking the recent directory goes back there" "Local $wd/albums/2026/summer"

# a re-read keeps the marks of files still there
send j Space Space
expect_screen "two files marked" "2 marked"
rm "$wd/albums/2026/summer/b.jpg"
send r
expect_screen "r keeps the mark of the file still there" "1 marked, 1 B"

# the directory is renamed under the pane: it falls back to what is left
mv "$wd/albums/2026" "$wd/albums/2027"
expect_title "a renamed directory: the pane moves to the nearest parent" "$wd/albums"
expect_screen "and says so" "showing $wd/albums"
send j l
wait_for "Local $wd/albums/2027" || not_ok "into the renamed directory" "$(screen)"
send j l
expect_screen "the pane goes on working" "Local $wd/albums/2027/summer"

# the directory removed: the same, no "cannot open …/.."
rm -rf "$wd/albums/2027"
expect_title "a removed directory: the pane moves to the nearest parent" "$wd/albums"
send h
expect_title "h goes on up from there" "$wd"
refute_screen "no error about .." "/..:"

st=$(tui_quit)
expect_eq "mediatui quits with 0 $(head -c 400 "$T/tui.err" 2>/dev/null)" 0 "$st"
finish
