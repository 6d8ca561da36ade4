#!/bin/sh
# batch-stop.t — a delete of many items can be stopped: Esc (or x) asks,
# n goes on, y stops after the item under way and says what was done and
# what was left; the quit question (q, Ctrl+C) counts a running delete, and
# quitting stops it after the item under way and says on stderr what was
# done. The server holds the downloads of the originals (hold_downloads) and
# the delete requests (hold_api), so that the batch is in flight whatever
# the machine's speed.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
total() { mt ls --json | jget 'd["total"]'; }
backups() { ls "$T"/data/mediatui/backups/t/ 2>/dev/null | wc -l | tr -d ' '; }
before=$(total)

# marks n items of the top folder (its folder rows skipped)
mark_items() {
	send g
	settle
	n=$(screen | sed -n '4,29p' | sed 's/│.*//' | grep -c '^  [^ ]*/ *$')
	while [ "$n" -gt 0 ]; do send j; n=$((n - 1)); done
	i=0
	while [ $i -lt "$1" ]; do send Space; i=$((i + 1)); done
	wait_for "$1 marked" || not_ok "$1 items marked" "$(screen)"
}

tui_start 100 30
wait_for " of " || true
mark_items 4
send d
expect_screen "d asks, offering a backup" "back up the originals first"
faults '{"hold_downloads": 1}'
send b
expect_screen "the first original is being saved" "saving the original of 1 of 4"
# the first item's delete held, then the second item's original
faults '{"hold_api": 1}'
faults '{"hold_downloads": 0}'
expect_screen "the first item is being deleted" "deleting 1 of 4"
faults '{"hold_downloads": 1}'
faults '{"hold_api": 0}'
expect_screen "the second original is being saved" "saving the original of 2 of 4"

send Escape
box_says "Esc asks whether to stop, saying how far it is" "Stop the delete after the item under way? 1 of 4 done."
send n
expect_screen "n: the delete goes on" "the delete goes on"
send x
box_says "x asks the same (the pane has no other use for it)" "Stop the delete after the item under way?"
send n
expect_screen "n again: it goes on" "the delete goes on"
send Escape
wait_for "Stop the delete" || true
send y
expect_screen "y: it stops after the item under way" "stopping after the item under way"
faults '{"hold_downloads": 0}'
expect_wrapped "the message says what was done and what was left" \
	"stopped: 2 of 4 deleted (originals in $T/data/mediatui/backups/t), 2 left untouched"
expect_eq "the server lost the two items done, and has the two left" "$((before - 2))" "$(total)"
expect_eq "both originals are in the backup folder" 2 "$(backups)"

# the quit question counts a running delete; y stops it after the item
# under way, and stderr says what was done once the terminal is back
mark_items 3
send d
wait_for "back up the originals first" || not_ok "d asks again" "$(screen)"
faults '{"hold_downloads": 1}'
send b
expect_screen "the next delete runs" "saving the original of 1 of 3"
sigint
box_says "Ctrl+C asks, counting the running delete" "A delete is running (0 of 3 done)"
send n
expect_screen "n: the program stays, the delete goes on" "saving the original of 1 of 3"
send q
box_says "q at the top folder asks the same" "A delete is running (0 of 3 done)"
send y
faults '{"hold_downloads": 0}'
rc=$(tui_wait_exit)
expect_eq "y quits with status 0 once the item under way is done" 0 "$rc"
grep -q "deleted 1 of 3; originals in $T/data/mediatui/backups/t" "$T/tui.err"
check_rc=$?
expect_eq "stderr says what was done" 0 "$check_rc"
grep -q "2 left untouched" "$T/tui.err"
expect_eq "... and what was left" 0 "$?"
expect_eq "the server lost one more item, and has the two left" "$((before - 3))" "$(total)"
finish
