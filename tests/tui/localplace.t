#!/bin/sh
# localplace.t — the local pane opens in the directory it showed when the
# interface last ended (after Ctrl+C, q or a dropped link), kept per profile
# like the remote folder; a directory gone since: the nearest parent that is
# left, said; a place file that holds no plain absolute path is ignored.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms
wd="$T/work"
keep="$XDG_STATE_HOME/mediatui/localdir-t"
mkdir -p "$wd/shoots/2026-12-06/raw"
printf 'x' >"$wd/shoots/2026-12-06/a.jpg"

# expect_title NAME PATH: the local pane's title is exactly PATH
title_is() { screen | grep -qE -- "Local $1( |\$)"; }
expect_title() {
	i=0
	while ! title_is "$2"; do
		i=$((i + 1))
		if [ $i -gt $((TUI_TIMEOUT * 20)) ]; then
			not_ok "$1" "waited for the title: Local $2" "$(screen)"
			return 1
		fi
		sleep 0.05
	done
	settle
	ok "$1"
}

tui_start 140 30
expect_screen "the main view is up" "? help"
send Tab
expect_title "the first start shows the working directory" "$wd"
send :
wait_for "Go to directory" || not_ok "the prompt opens" "$(screen)"
type_text "shoots/2026-12-06/raw"
send Enter
expect_title "the typed directory is shown" "$wd/shoots/2026-12-06/raw"
expect_eq "the directory is saved at once, for a start after a dropped link" \
	"$wd/shoots/2026-12-06/raw" "$(cat "$keep" 2>/dev/null)"
send h
expect_title "h goes up" "$wd/shoots/2026-12-06"
expect_eq "... and the parent is saved" "$wd/shoots/2026-12-06" "$(cat "$keep" 2>/dev/null)"
sigint
rc=$(tui_wait_exit)
expect_eq "Ctrl+C quits" 0 "$rc"

tui_start 140 30
send Tab
expect_title "the next start shows the directory of the last session" "$wd/shoots/2026-12-06"
expect_screen "... and lists it" "a.jpg"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# the directory went away between the sessions: its nearest parent, said
rm -rf "$wd/shoots/2026-12-06"
tui_start 140 30
expect_wrapped "a directory gone since is said" \
	"$wd/shoots/2026-12-06, the directory shown last time, cannot be opened now; showing $wd/shoots"
send Tab
expect_title "... and the nearest parent left is shown" "$wd/shoots"
expect_eq "... and saved" "$wd/shoots" "$(cat "$keep" 2>/dev/null)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# a place file with no plain absolute path in it
printf 'shoots\033[2J\n' >"$keep"
tui_start 140 30
send Tab
expect_title "a place file with no absolute path is ignored: the working directory is shown" "$wd"
refute_screen "... and nothing of it is shown" "shoots["
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
