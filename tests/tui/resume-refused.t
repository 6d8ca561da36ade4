#!/bin/sh
# resume-refused.t — y at the resume question says "resuming 2 uploads"
# before the queue starts, so a file refused at once (turned into text
# since the earlier session) is said after it, on the status line, not
# hidden under the resume's message; the message log has them in that
# order. The other file is held at the server (hold_body) meanwhile, so
# the batch's end does not come in between. At 100x30.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
make_png "$T/work/left-a.png" 300 200
make_png "$T/work/left-b.png" 320 200

# two uploads held in flight (their bodies are not read), then quit
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
tui_start 100 30
wait_for " of " || true
upload_matching "left-*.png" 2
expect_screen "the uploads start" "Uploads"
wait_held 2 || not_ok "the server holds both bodies" "$(screen)"
rc=$(tui_quit)
expect_eq "quitting during the uploads ends the program" 0 "$rc"

# one of them is text now: refused as the queue starts
printf 'plain text, not a picture\n' >"$T/work/left-b.png"
h0=$(held_now)
tui_start 100 30
expect_screen "the next start offers the two" "An earlier session left 2 uploads unfinished"
send y
reason="left-b.png: clearcms does not accept files of type text/plain"
expect_screen "the refusal is on the status line, after the resume" "$reason"
wait_held $((h0 + 1)) || not_ok "the other file is held at the server" "$(screen)"
settle
check "... still there while the other file runs" sh -c 'printf "%s\n" "$1" | grep -qF "$2"' - "$(screen)" "$reason"
send M
expect_screen "M opens the message log" "Messages:"
at() { screen | grep -n -m 1 -F "$1" | cut -d: -f1; }
check "the log has the refusal after the resume (newest first)" \
	test "$(at "$reason")" -lt "$(at "resuming 2 uploads")"
send Escape
wait_gone "Messages:" || not_ok "Esc closes the log" "$(screen)"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_screen "the other file goes up" "Uploads  1/2 done, 1 failed" 60
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
