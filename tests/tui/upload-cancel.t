#!/bin/sh
# upload-cancel.t — x on an upload tells the truth: before the request that
# makes the item goes out it cancels, and nothing reaches the server; once
# the file is landing (clarife's confirm sent, every byte of a clearcms
# upload sent) it is refused with where the file is, the row runs on to
# "done", and the server has the file. A cancelled row says "cancelled"
# once: its note, and Enter on it, say none of it is in the library; the
# panel's top line counts it.
# Requests are held at the server (hold_body, hold_api), so every step
# waits on what the server holds.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

in_library() {
	admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"
}
id_of() {
	admin GET /_admin/files | jget "[f['id'] for f in d['files'] if f['name'] == '$1'][0]"
}
# upload_one NAME [again]: from the first pane (again: from the upload
# panel, which has the keys after u) the local pane marks NAME alone and
# sends it
upload_one() {
	[ "$2" = again ] && send Tab
	upload_matching "$1" 1
}

start_server clarife
write_config clarife "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
for f in a b c; do make_png "$T/work/$f.png" 200 100; done

# 1. the confirm is out (held at the API): x is refused, the file lands
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
tui_start 100 24
wait_for "help" || true
upload_one a.png
expect_screen "the upload starts" "Uploads"
wait_held 1 || not_ok "the PUT of a.png is held" "held: $(held_now)"
admin POST /_admin/faults '{"hold_api": 1}' >/dev/null
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
wait_held 2 || not_ok "the confirm of a.png is held" "held: $(held_now)"
expect_screen "the row says the upload is confirming" "confirming  a.png"
send x
expect_wrapped "x says the file is already sent and where it is" \
	"a.png is already sent: it is on the server as"
refute_screen "the row does not say cancelled" "cancelled   a.png"
admin POST /_admin/faults '{"hold_api": 0}' >/dev/null
expect_screen "the confirm answers: the row says done" "done        a.png"
expect_eq "the server has a.png" 1 "$(in_library a.png)"
id=$(id_of a.png)
check "the row shows the id the server gave it" sh -c 'screen_ok=$1; shift; printf "%s\n" "$screen_ok" | grep -q "a.png .*$1"' - "$(screen)" "$id"
send M
expect_screen "the message log names the id x was refused with" "on the server as $id"
send q
wait_gone "on the server as $id" || true

# 2. the bytes are on the way, the confirm not sent: x cancels, for true
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
upload_one b.png again
wait_held 3 || not_ok "the PUT of b.png is held" "held: $(held_now)"
# a small file's bytes all leave at once: the row says they are sent, not
# done and not still "uploading" at 100 %
expect_screen "b.png's bytes have all left: the row says sent" "sent        b.png"
# from the remote pane: x means the uploads wherever the keys are
send Tab
expect_screen "Tab gives the remote pane the keys" "Enter open"
send x
expect_screen "x before the confirm cancels" "cancelled   b.png"
expect_wrapped "... and says none of it is in the library" "b.png cancelled: none of it is in the library"
# the row says "cancelled" once: its note says what the cancel left, not
# "cancelled" again
check "the cancelled row's note says none of it is in the library" sh -c \
	'printf "%s\n" "$1" | grep -qE "^ cancelled +b\.png +none of it is in the library"' - "$(screen)"
check "... and does not say cancelled twice" sh -c \
	'! printf "%s\n" "$1" | grep -qE "^ cancelled +b\.png +cancelled"' - "$(screen)"
# the top line counts every row: the cancelled one too
expect_screen "the panel's top line counts the cancelled row" "Uploads  1/2 done, 1 cancelled"
# Enter on the row (Tab twice: the panel) says it once too
send Tab
send Tab
send Enter
expect_screen "Enter on the cancelled row gives its story" "State: cancelled"
box_says "... with what the cancel left" "Note: none of it is in the library"
refute_screen "... not the state again as its reason" "Reason: cancelled"
send Escape
wait_gone "State: cancelled" || not_ok "Esc closes the story" "$(screen)"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
upload_one c.png again
expect_screen "a later upload finishes" "done        c.png"
expect_eq "the server has c.png but not the cancelled b.png" "1 0" \
	"$(in_library c.png) $(in_library b.png)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# 3. clearcms's one-request upload: every byte sent, the answer held; the
# server stores it whatever the client does, so x is refused
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
start_server clearcms --demo "$top_srcdir/data/demo"
make_png "$T/work/d.png" 60 40
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
tui_start 100 24
wait_for " of " || true
upload_one d.png
h0=$(held_now)
wait_held 1 || not_ok "the upload of d.png is held" "held: $(held_now)"
# every byte has left, the answer is held: "sent", and the bytes read N/N
expect_screen "d.png's row says sent while the answer is held" "sent        d.png"
check "every byte of d.png is sent" sh -c 'printf "%s\n" "$1" | grep -qE "sent +d\.png.* ([0-9.,]+ [A-Za-z]+)/\1"' - "$(screen)"
send Enter
box_says "Enter on the row says the server has not answered" "the server has not answered yet"
send Escape
wait_gone "has not answered yet" || true
send x
expect_wrapped "x says the file is already sent and the server is storing it" \
	"d.png is already sent: the server is storing it, so it is not cancelled"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_screen "the server answers: the row says done" "done        d.png"
expect_eq "the server has d.png" 1 "$(in_library d.png)"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# 4. at 80x24 the refusal of a long-named file takes two rows: the panel's
# one upload row stays in view above them
long=harbour-at-dawn-seen-from-the-old-lighthouse.png
make_png "$T/work/$long" 60 40
admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
tui_start 80 24
wait_for " of " || true
upload_one "$long"
expect_screen "the long-named file's bytes have all left" "sent        harbour"
send x
expect_wrapped "x says, over two rows, that it is already sent" \
	"$long is already sent: the server is storing it, so it is not cancelled"
# one capture holds both: the message's two rows and the row above them
shot=$(screen)
check "the message takes two rows" sh -c 'printf "%s\n" "$1" | tail -n 2 | head -n 1 | grep -q "already sent"' - "$shot"
check "... and the upload row is in view above them" sh -c 'printf "%s\n" "$1" | grep -q "sent        harbour"' - "$shot"
admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
expect_screen "the row runs on to done" "done        harbour"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
