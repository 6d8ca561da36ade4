#!/bin/sh
# upload-story.t — Enter on a failed upload shows its whole reason, the
# server's code and correlation id, wrapped in a dialog, never cut.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server adclear
make_png "$T/work/a-picture-with-a-rather-long-name-for-an-eighty-column-terminal.png" 200 100
# the profile lacks adclear's external user: the server refuses with a long
# reason, a code and a correlation id

tui_start 80 24
wait_for "? help" || true
send Tab
wait_for "a-picture-with" || true
send j
send u
expect_screen "the upload is refused" "failed      a-pict" 30   # (the name cut in its middle)
send Enter
expect_screen "Enter shows the story with the whole reason, wrapped" "x-external-user-id is"
expect_screen "... to its end" "required with API key authentication"
expect_screen "... the server's code" "Server code: MISSING_EXTERNAL_USER"
expect_screen "... the whole file name, wrapped" "eighty-column-terminal.png"
# the rest is below: G scrolls to the end
send G
if screen | grep -qE "Correlation id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"; then
	ok "... and the whole correlation id"
else
	not_ok "... and the whole correlation id" "$(screen)"
fi
expect_screen "... and that R cannot help" "Refused for good"
send Escape
if wait_gone "Correlation id:"; then ok "Esc closes it"; else not_ok "Esc closes it" "$(screen)"; fi
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
