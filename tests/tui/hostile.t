#!/bin/sh
# hostile.t — browsing a library whose names, folders and metadata are
# terminal escape sequences (tests/server/hostile.py, scenario names-escape):
# the pane shows them as visible text, the window title and name stay as they
# were, the screen is never cleared, and colour comes only from mediatui.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_hostile
{
	echo "default = t"
	echo "[profile t]"
	echo "api = clearcms"
	echo "url = $API/s/names-escape/clearcms"
	echo "key_file = $T/key"
} >"$T/config"
chmod 600 "$T/config"

tui_start 160 40
tx set-option -g automatic-rename off
tx rename-window before
title0=$(tx display-message -p '#{pane_title}')
expect_screen "the header is drawn" "t (clearcms)"
# OSC 0 title set in a name: the ESC and BEL made visible
expect_screen "a name with an OSC title sequence is shown with visible escapes" 'n^[]0;PWNED-TITLE^G.png'
expect_screen "a name with a clear-screen sequence is shown as text" 'n^[[2J^[[H.png'
expect_screen "an 8-bit C1 CSI is shown as its byte value" '\x9B2J'
expect_screen "a tmux window-name sequence is shown as text" 'n^[kPWNED-NAME^[\.png'
check "the window title is unchanged" test "$(tx display-message -p '#{pane_title}')" = "$title0"
check "the window name is unchanged" test "$(tx display-message -p '#{window_name}')" = before

# colour: only mediatui's own (no red from a name's \e[31m)
screen_e >"$T/colour.txt"
check "the name's colour sequence was not passed through" sh -c '! grep -q "$(printf "\033")\[31mred" "$1"' - "$T/colour.txt"

# the details of an item: every field escaped, still no title change
send End
send Enter
expect_screen "the details view opens" "Alt"
screen >"$T/detail.txt"
check "after the details view the title is unchanged" test "$(tx display-message -p '#{pane_title}')" = "$title0"
expect_screen "the header is still on screen (no clear-screen took effect)" "t (clearcms)"
send Escape
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
