#!/bin/sh
# typefix-refused.t — text named notes.png, for clearcms, which takes no
# text/plain: the type question does not offer the rename (notes.txt would
# be refused too) nor the upload as it is; it says the site will refuse the
# file and offers only to skip it or to upload nothing. In a batch with a
# file the rename helps, r renames that one and leaves the refused one out.
# Eight at 80x24 are all listed, with the keys said once, in the text.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

# stored NAME: how many of the server's items have that name
stored() { admin GET /_admin/files | jget "len([f for f in d['files'] if f['name'] == '$1'])"; }

start_server clearcms
printf 'Minutes of the meeting.\nNothing was decided.\n' >"$T/work/notes.png"
expect_eq "the premise: clearcms refuses text/plain" "1" \
	"$(mt upload "$T/work/notes.png" 2>&1 | grep -c 'does not accept files of type text/plain')"

tui_start 80 24
wait_for " of " || true
send Tab
wait_for "Local $T/work" || not_ok "the local pane" "$(screen)"

# ---- one file: only what can work is offered
mark_and_send notes.png 1
expect_screen "u asks about the disagreeing type" "Type and name disagree"
box_says "the question names the file and its type" "notes.png holds text/plain"
box_says "... says the site will refuse it under any name, and why" \
	"the site will refuse it under any name: clearcms does not accept files of type text/plain."
box_says "... and offers only to skip it or to upload nothing" "s: skip it   Esc: upload nothing"
refute_screen "no rename is offered" "upload as notes.txt"
refute_screen "nor the upload as it is" "upload as it is"
refute_screen "the keys are s alone" "[r]"
send r
settle
expect_screen "r is not an answer: the question stays" "Type and name disagree"
send s
expect_screen "s skips it: nothing is sent" "nothing was sent"
expect_eq "nothing is stored" "0 0" "$(stored notes.png) $(stored notes.txt)"

# ---- a batch: r renames the file the rename helps, leaves the other out
make_png "$T/work/pic.jpg" 120 80
make_png "$T/work/fine.png" 130 80
send Tab
send Tab
send r
wait_for "pic.jpg" || not_ok "the new files are listed" "$(screen)"
send a
wait_for "3 marked" || not_ok "a marks the three files" "$(screen)"
send u
box_says "one question for the two files" "2 files hold another type than their extension says"
box_says "the refused one with the site's reason" "notes.png  clearcms does not accept files of type text/plain"
box_says "the other with its new name" "pic.jpg  image/png -> pic.png"
box_says "the refused one is said to be left out" "The site will refuse 1 of them under any name: it is left out."
send r
expect_screen "r uploads the other two" "2/2 done" 30
expect_eq "pic.jpg is stored renamed, fine.png as it is" "1 1" "$(stored pic.png) $(stored fine.png)"
expect_eq "notes.png is not sent under any name" "0 0" "$(stored notes.png) $(stored notes.txt)"
refute_screen "no refusal is shown" "refused"

# ---- eight at 80x24: every one is listed (it stopped at five with "… and
# 3 more"), and the keys are said once
for k in 1 2 3 4 5 6 7 8; do make_png "$T/work/m$k.jpg" $((100 + k)) 80; done
send Tab
send Tab
send r
wait_for "m8.jpg" || not_ok "the eight are listed" "$(screen)"
mark_and_send "m?.jpg" 8
box_says "one question for the eight" "8 files hold another type than their extension says"
for k in 1 2 3 4 5 6 7 8; do
	expect_screen "... m$k.jpg is listed with its new name" "m$k.jpg  image/png -> m$k.png"
done
refute_screen "... none is counted as more" "… and"
box_says "... the keys are said in the text" "r: rename on upload   a: upload as they are   s: skip these"
refute_screen "... and not again under it" "[r] [a] [s]"
send Escape
expect_screen "Esc sends nothing" "nothing was sent"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
