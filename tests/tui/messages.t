#!/bin/sh
# messages.t — a message longer than the status line is shown whole: on two
# lines when it fits there, and always in the message log (M), newest first,
# with the time; Esc and q close the log. An error says what was being
# done once.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms

tui_start 80 24
expect_screen "the main view is up" "? help"
send Tab
wait_for "Local " || not_ok "Tab shows the local pane" "$(screen)"

# a message of about 130 cells: its end is on the screen
send '*'
wait_for "Mark files matching" || not_ok "* asks for a pattern" "$(screen)"
send C-u
type_text "nothing-matches-this-pattern because the folder holds other files and the reason comes last: REASON-AT-THE-END"
send Enter
expect_screen "a long message wraps: its end is on the screen" "REASON-AT-THE-END"

# one of about 300 cells: the status shows where it goes on, the log has it whole
send '*'
wait_for "Mark files matching" || not_ok "* asks for a pattern again" "$(screen)"
send C-u
long="first-part"
i=0
while [ $i -lt 25 ]; do long="$long filler$i"; i=$((i + 1)); done
long="$long LAST-WORDS-OF-IT"
type_text "$long"
send Enter
wait_for "first-part" || not_ok "the long message is shown" "$(screen)"
refute_screen "the status lines cannot hold it all" "LAST-WORDS-OF-IT"
send M
expect_screen "M opens the message log" "Messages: 2"
expect_screen "the log shows the long message whole" "LAST-WORDS-OF-IT"
# newest first, each with its time
first=$(screen | grep -n "first-part" | head -n 1 | cut -d: -f1)
older=$(screen | grep -n "REASON-AT-THE-END" | head -n 1 | cut -d: -f1)
if [ -n "$first" ] && [ -n "$older" ] && [ "$first" -lt "$older" ]; then
	ok "the newest message comes first"
else
	not_ok "the newest message comes first" "$(screen)"
fi
if screen | grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2} +0 files match first-part'; then
	ok "each message has its time"
else
	not_ok "each message has its time" "$(screen)"
fi
send q
expect_screen "q closes the log" "Local "
send M
wait_for "Messages: 2" || not_ok "M opens the log again" "$(screen)"
send Escape
expect_screen "Esc closes the log" "Local "

# the help lists it
send '?'
wait_for "Moving around" || wait_for "Local pane" || true
send g
expect_screen "the help lists M" "the last messages, whole"
send q

# a listing the server fails: what was being done is said once, not twice
send Tab
admin POST /_admin/faults '{"fault_5xx": 1}' >/dev/null
send r
expect_wrapped "a failed listing says why" "listing media: Injected server error"
refute_screen "... saying what was being done once" "listing media: listing media"
admin POST /_admin/faults '{"fault_5xx": 0}' >/dev/null

st=$(tui_quit)
expect_eq "mediatui quits with 0 $(head -c 400 "$T/tui.err" 2>/dev/null)" 0 "$st"
finish
