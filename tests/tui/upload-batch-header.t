#!/bin/sh
# upload-batch-header.t — the header's share of the uploads counts the batch
# under way, not the rows of earlier batches the panel keeps until c: a
# second batch of three, paused before anything of it went, reads "0/3 up
# 0% paused" (it read "2/5 up 40% paused", the first batch's files counted
# as its progress).
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
header() { screen | head -n 1; }
for i in 1 2; do make_png "$T/work/first-$i.png" 120 80; done
for i in 1 2 3; do make_png "$T/work/second-$i.png" 300 200; done

tui_start 100 24
wait_for " of " || true
send Tab
wait_for "first-1.png" || true
mark_and_send "first-*.png" 2
expect_screen "the first batch goes up" "2/2 done"

# the second batch waits on every answer: in flight whatever the speed
admin POST /_admin/faults '{"slow": 3}' >/dev/null
# the panel keeps the keys after u: Tab to the remote pane, Tab to the local
send Tab
send Tab
mark_and_send "second-*.png" 3
expect_screen "the second batch is under way" "2/5 done"
send p
expect_screen "p pauses it" "uploads paused (p resumes)"
expect_in "the header counts the second batch alone" "0/3 up 0% paused" header "the header"
refute_screen "... not the first batch's files as its progress" "2/5 up"
admin POST /_admin/faults '{"slow": 0}' >/dev/null
send p
expect_screen "p resumes: the second batch goes up" "5/5 done" 60
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
