#!/bin/sh
# resume.t — uploads a session left unfinished (held in flight by the
# server, then quit) are offered at the next start, with their folder and
# size. n leaves them and says they will be asked about again (U asks in
# the same session, and y there sends them), and they are; f forgets them, says so, touches neither the files nor the server,
# and the start after asks nothing. Eight left unfinished are all listed
# at 80x24, in the order they were queued, with the keys said once, in the
# text. At -j 1 the files not begun yet when the session quit are offered
# with the others.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
make_png "$T/work/left-a.png" 300 200
make_png "$T/work/left-b.png" 320 200
unfinished() {
	"$PY" -c '
import json, sys
last = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    last[r["key"]] = r.get("record") or r
print(sum(1 for r in last.values() if r.get("state") not in ("done", "skipped", "failed", "cancelled")))' \
		"$XDG_STATE_HOME/mediatui/uploads-t.jsonl"
}

# held_at_least N: waits until the server holds N request bodies unread
held_at_least() {
	tries=0   # (not i: the helpers count with their own)
	while [ "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -lt "$1" ] && [ $tries -lt 600 ]; do
		sleep 0.05; tries=$((tries + 1))
	done
}
# leave_unfinished PATTERN N HELD: uploads the N files matching with their
# bodies held at the server, quits once HELD are in flight, then lets the
# server go
leave_unfinished() {
	admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
	tui_start 100 30
	wait_for " of " || true
	upload_matching "$1" "$2"
	held_at_least "$3"
	rc=$(tui_quit)
	admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
}

# two uploads held in flight (their bodies are not read), then quit
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
tui_start 100 30
wait_for " of " || true
upload_matching "left-*.png" 2
expect_screen "the uploads start" "Uploads"
# both bodies held at the server: both uploads are in flight, journaled
held_at_least 2
expect_eq "the server holds both bodies" 2 "$(admin GET /_admin/state | jget 'd["counts"]["held"]')"
rc=$(tui_quit)
expect_eq "quitting during the uploads ends the program" 0 "$rc"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_eq "the journal holds two unfinished uploads" 2 "$(unfinished)"

# n: left for later, and said so
tui_start 100 30
expect_screen "the next start offers them" "Resume uploads"
expect_screen "... each with its folder" "left-a.png → /"
expect_screen "... with the keys and what they do" "f: forget them (the files here stay)"
send n
expect_screen "n says they are asked about again, and how" "not resumed: U asks again"
wait_gone "Resume uploads" || not_ok "n closes the question"
send U
expect_screen "U with nothing queued asks again" "Resume uploads"
send n
wait_gone "Resume uploads" || not_ok "n closes it again"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# f: forgotten, and said so
library_total() { admin GET /_admin/state | jget 'len(d["media"])'; }
before=$(library_total)
tui_start 100 30
expect_screen "after n, the next start offers them again" "Resume uploads"
send f
expect_screen "f says they are forgotten and the files untouched" "forgot 2 unfinished uploads; the files here are untouched"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
expect_eq "the journal holds no unfinished upload" 0 "$(unfinished)"
check "the files are still here" test -s "$T/work/left-a.png" -a -s "$T/work/left-b.png"
expect_eq "f deleted nothing on the server" "$before" "$(library_total)"

# the start after asks nothing
tui_start 100 30
wait_for " of " || true
settle
refute_screen "after f, the next start asks nothing" "Resume uploads"
send U
expect_screen "... and U with nothing queued says there are no uploads" "no uploads yet"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# "not now" at start, then U and y in the same session: they are sent
make_png "$T/work/later-a.png" 200 100
make_png "$T/work/later-b.png" 220 100
leave_unfinished "later-*.png" 2 2
expect_eq "two unfinished again" 2 "$(unfinished)"
tui_start 100 30
expect_screen "offered at start" "Resume uploads"
send n
wait_gone "Resume uploads" || not_ok "n: not now"
send U
expect_screen "U asks about them" "Resume uploads"
send y
expect_screen "y resumes them in this session" "resuming 2 uploads"
expect_screen "... and both are sent" "2/2 done" 30
# (a held body may have landed after the quit: resuming finds it, never sends it twice)
for f in later-a.png later-b.png; do
	expect_eq "the server has $f once" 1 \
		"$(mt ls --search "$f" --all --json | jget "len([x for x in d['items'] if x['filename'] == '$f'])")"
done
expect_eq "the journal holds no unfinished upload" 0 "$(unfinished)"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"

# eight left unfinished: at 80x24 the question lists all eight (it
# stopped at five with "… and 3 more"), and says its keys once
for k in 1 2 3 4 5 6 7 8; do make_png "$T/work/many-$k.png" $((200 + k)) 100; done
leave_unfinished "many-*.png" 8 1
expect_eq "eight unfinished" 8 "$(unfinished)"
tui_start 80 24
expect_screen "at 80x24, the eight are offered" "An earlier session left 8 uploads unfinished"
for k in 1 2 3 4 5 6 7 8; do
	expect_screen "... many-$k.png is listed" "many-$k.png → /"
done
refute_screen "... none is counted as more" "… and"
# most were journaled at the quit, in the same second: listed in the order
# they were queued, not in the journal keys' order
expect_eq "... in the order they were queued" \
	"many-1.png many-2.png many-3.png many-4.png many-5.png many-6.png many-7.png many-8.png" \
	"$(box_text | grep -o 'many-[0-9]\.png' | tr '\n' ' ' | sed 's/ $//')"
expect_screen "... the keys are said in the text" "f: forget them (the files here stay)"
refute_screen "... and not again under it" "[y] [n] [f]"
send f
expect_screen "f forgets the eight" "forgot 8 unfinished uploads"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
expect_eq "the journal holds no unfinished upload" 0 "$(unfinished)"
# one at a time, as over a slow link: quitting with one file in flight
# leaves the four not begun yet too, and the next start offers all five
# (it offered the two begun, and the rest were never sent)
write_config clearcms "jobs = 1"
for k in 1 2 3 4 5; do make_png "$T/work/one-$k.png" $((200 + k)) 100; done
leave_unfinished "one-*.png" 5 1
expect_eq "five unfinished, the files not begun yet too" 5 "$(unfinished)"
tui_start 80 24
expect_screen "the next start offers the five" "An earlier session left 5 uploads unfinished"
send y
expect_screen "y resumes them" "resuming 5 uploads"
expect_screen "... and the five are sent" "5/5 done" 60
expect_eq "the server has each of them once" "1 1 1 1 1" \
	"$(for k in 1 2 3 4 5; do admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == 'one-$k.png'])"; done | tr '\n' ' ' | sed 's/ $//')"
rc=$(tui_quit)
expect_eq "q quits" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
