#!/bin/sh
# terminal.t — the terminal side: hostile file names render harmlessly,
# NO_COLOR, TERM=vt100, a non-UTF-8 locale, SIGTERM restores the terminal.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

# a local file whose name holds a clear-screen, a colour and a window title
evil=$(printf 'evil\033[2J\033[31mred\033]0;PWNED\007name.png')
printf 'x' >"$T/work/$evil"
printf 'x' >"$T/work/caf$(printf '\303\251')-$(printf '\346\227\245\346\234\254').png"
make_png "$T/work/photo.png" 8 8

tui_start 200 40
expect_screen "the local pane lists the hostile name with visible escapes" 'evil^[[2J^[[31mred^[]0;PWNED^Gname.png'
title=$(tx display-message -p '#{pane_title}')
check "the window title was not changed by a file name" sh -c "[ \"\$1\" != PWNED ]" - "$title"
expect_screen "UTF-8 names are shown as such" "$(printf 'caf\303\251-\346\227\245\346\234\254.png')"
screen_e >"$T/colour.txt"
check "with colours, colour sequences are used" grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m" "$T/colour.txt"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# NO_COLOR: attributes only
tui_start 100 30 NO_COLOR=1
expect_screen "NO_COLOR: the interface draws" "Local "
screen_e >"$T/mono.txt"
if grep -q "$(printf '\033')\[[0-9;]*\(3[0-7]\|4[0-7]\|38;\|48;\)" "$T/mono.txt"; then
	not_ok "NO_COLOR: no colour sequences" "$(grep -c . "$T/mono.txt") lines" "$(cat -v "$T/mono.txt" | head -5)"
else
	ok "NO_COLOR: no colour sequences"
fi
check "NO_COLOR: the selection is still visible (reverse video)" grep -q "$(printf '\033')\[[0-9;]*7m" "$T/mono.txt"
rc=$(tui_quit)
expect_eq "NO_COLOR: quits with 0" 0 "$rc"

# a terminal without colours
tui_start 80 24 TERM=vt100
expect_screen "TERM=vt100: the interface draws" "? help"
send '?'
expect_screen "TERM=vt100: help" "Remote pane"
send q
rc=$(tui_quit)
expect_eq "TERM=vt100: quits with 0" 0 "$rc"

# a non-UTF-8 locale: ASCII stand-ins, no mojibake
TUI_LC_ALL=C
tui_start 200 40
TUI_LC_ALL=
expect_screen "C locale: the interface draws" "Local "
expect_screen "C locale: non-ASCII names become ?" "caf?-??.png"
if screen | grep -q "$(printf '\303\203\|\303\242\|\357\277\275')"; then
	not_ok "C locale: no mojibake" "$(screen)"
else
	ok "C locale: no mojibake"
fi
expect_screen "C locale: the hostile name is still harmless" 'evil^[[2J'
rc=$(tui_quit)
expect_eq "C locale: quits with 0" 0 "$rc"

# SIGTERM: the terminal is restored and the status is clean
tui_start 80 24
wait_for "? help"
shpid=$(tx display-message -p '#{pane_pid}')
pid=$(ps -o pid= --ppid "$shpid" | tr -d ' ' | head -n 1)
kill -TERM "$pid"
rc=$(tui_wait_exit)
expect_eq "SIGTERM ends the program cleanly" 0 "$rc"
check "nothing was written to stderr" sh -c "[ ! -s '$T/tui.err' ]"
finish
