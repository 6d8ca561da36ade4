#!/bin/sh
# live.t — audit and usage stay true while the library changes under them:
# alt text saved, an item deleted (backup first), a file uploaded. Their
# header says when the scan was made; r rescans.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
write_config clearcms "plan = 10000000"
make_png "$T/work/big.png" 1000 700

tui_start 100 30
wait_for " of " || not_ok "the list is shown"
send v
expect_screen "usage shows the plan" "plan 1.2 MiB /"
check "the header says when the scan was made" sh -c "tmux -S '$TMUX_SOCK' capture-pane -p | grep -Eq 'scanned [0-9]{2}:[0-9]{2}'"
send q
wait_gone "By type" || not_ok "back from usage"

# alt text saved from the audit: the finding and its count go at once
send A
expect_screen "the audit counts 64 images without alt text" "Images without alt text (64)"
send a
expect_screen "a asks for the first image's alt text" "Alt text for harbour-badge-000.gif"
type_text "A harbour badge"
send Enter
expect_screen "the next image's prompt follows" "Alt text for office-texture-020.png"
send Escape
wait_gone "Enter: accept" || not_ok "Esc stops the queue"
send q
expect_screen "the count went down by one" "Images without alt text (63)"
# (the status line may name it, "alt text saved for …": the rows above it must not)
check "the saved image is no longer a finding" \
	sh -c "! tmux -S '$TMUX_SOCK' capture-pane -p | sed '\$d' | grep -qF harbour-badge-000.gif"
expect_eq "the server has the alt text" "A harbour badge" "$(mt info media_abc000 --json | jget 'd["alt"]')"

# delete with backup from the details opened in the audit: the row goes
send Home Enter
expect_screen "the first finding opens" "office-texture-020.png"
send d
expect_screen "the usual confirmation, with the backup offer" "back up the originals first"
send b
expect_screen "backed up, then deleted" "deleted 1, original in"
expect_screen "back in the audit, one finding fewer" "Images without alt text (62)"
refute_screen "the deleted item is no longer a finding" "office-texture-020.png"
expect_screen "the scan's item count follows" "313 items"
send Enter
expect_screen "Enter now opens the next finding, which exists" "hero-sunset-040.png"
refute_screen "and not an item that is gone" "not found"
send q

# an upload finished: usage and the plan bar count it
send q
wait_gone "Images without alt text" || not_ok "back to the panes"
send Tab
wait_for "Local $T/work" || not_ok "the local pane"
send '*'
wait_for "Mark files matching" || not_ok "* asks"
send C-u
type_text "big.png"
send Enter
wait_for "1 marked" || not_ok "big.png marked"
send u
expect_screen "the upload finishes" "uploads finished: 1 done" 60
want=$(mt usage | sed -n '1s/ of .*//p')
send v
expect_screen "usage counts the upload" "314 items"
expect_screen "the plan bar shows what the server holds now ($want)" "plan $want /"
send r
expect_screen "r rescans" "scanned"
expect_screen "the rescan agrees" "plan $want /"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
