#!/bin/sh
# audit-content.t — the audit view's content check against the demo library
# with the planted content cases: c asks first (items, bytes, the cache),
# n starts nothing and leaves the page shown as it was; a check held by a
# stalled server is stopped with c and started again; the groups show
# keeper and reason; d on a group keeps the suggestion and deletes the rest
# through the usual confirmation (n keeps everything, b backs up first); a
# second check downloads nothing; a move made in the main view while a
# check runs shows in its groups.
# Keys from the main view to one group resolved are counted.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo" --content-cases "$top_srcdir/data/content"
state() { admin GET /_admin/state; }
served() { state | jget 'd["counts"]["bytes_served"]'; }
held() { state | jget 'd["counts"]["faults"]'; }
media_count() { state | jget 'len(d["media"])'; }
# the planted cases' ids, by name
cid() { state | jget '[m["id"] for m in d["media"] if m.get("filename") == "'"$1"'"][0]'; }
alive() { [ ! -s "$T/tui.rc" ]; }
# expect_re NAME REGEX [joined]: ok when a row (or the rows joined) match (polled)
expect_re() {
	_re_i=0
	while :; do
		if [ -n "${3:-}" ]; then screen_joined; else screen; fi | grep -Eq -- "$2" && { ok "$1"; return 0; }
		_re_i=$((_re_i + 1))
		[ $_re_i -gt $((TUI_TIMEOUT * 20)) ] && { not_ok "$1" "waited for: $2" "screen:" "$(screen)"; return 1; }
		sleep 0.05
	done
}

total=$(media_count)
dup_id=$(cid "hero-final (1).jpg")
dup_size=$(state | jget '[m["size"] for m in d["media"] if m["id"] == "'"$dup_id"'"][0]')

tui_start 110 44
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "A opens the audit; the scan finishes" "scanned" 30

# ---- c asks first; n starts nothing and leaves the findings list as it was
# the row on the cursor's colour (yellow), as plain text
cursor_row() { screen_e | grep -F "$(printf '\033[43m')" | sed 's/\x1b\[[0-9;]*m//g'; }
send j j
settle
listed=$(screen | sed '$d')   # the status line aside
on=$(cursor_row)
before=$(served)
send c
expect_screen "c asks first, saying how many items" "Check the content of $total items?"
expect_screen "... and about how many bytes, with the cache" "known from the fingerprint cache"
send n
wait_gone "Check the content of" || not_ok "n closes the question"
expect_screen "n leaves the findings list shown" "Images without alt text"
refute_screen "... not an empty content page" "c checks the content of every item"
expect_eq "... as it was" "$listed" "$(screen | sed '$d')"
check "... the cursor on a finding" test -n "$on"
expect_eq "... the same one" "$on" "$(cursor_row)"
expect_eq "n downloads nothing" "$before" "$(served)"

# ---- a check held by the server is stopped, then started again
admin POST /_admin/faults '{"stall": 1}' >/dev/null
faults0=$(held)
send c
wait_for "Check the content of" || not_ok "c asks again"
send y
expect_screen "y starts the check, with a progress line" "Checking content:"
expect_screen "... items, bytes, rate and time left" " left  (Esc or c stops)"
i=0
while [ "$(held)" = "$faults0" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
check "the check is under way (a download is held)" test "$(held)" -gt "$faults0"
send c
expect_screen "c again stops it" "content check stopped (c starts it again)"
expect_screen "... and the other findings are shown, where an empty page stayed" "Images without alt text"
check "mediatui runs on after the stop" alive
# started again while the server still holds downloads, then Esc stops it
faults1=$(held)
send c
wait_for "Check the content of" || not_ok "c asks after the stop"
send y
expect_screen "a check starts again after a stop" "Checking content:"
i=0
while [ "$(held)" = "$faults1" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
send Escape
expect_screen "Esc stops a running check" "content check stopped (c starts it again)"
expect_screen "... the other findings shown" "Images without alt text"
check "mediatui runs on after the second stop" alive
send Escape
wait_gone "Images without alt text" || not_ok "Esc after the stop leaves the audit"
check "Esc after the stop leaves the audit, no crash" alive
admin POST /_admin/faults '{"stall": 0}' >/dev/null
# from here on the keys are counted, from the main view
keys=0
send A; keys=$((keys + 1))
wait_for "Audit" || not_ok "the audit again"
send c; keys=$((keys + 1))
expect_screen "a check after a stop asks again" "Check the content of"
send y; keys=$((keys + 1))
expect_screen "... and runs to its end" "Content checked:" 60
check "mediatui runs on after the second check" alive
expect_screen "the first group is shown with its keeper and the ones to remove" "   remove  "

# ---- walk to the planted same-file group (n: the next group)
first_keys=$((keys + 2))   # d and b on the group under the cursor
i=0
while ! screen | grep -qF "remove: hero-final (1).jpg" && [ $i -lt 30 ]; do
	send n; keys=$((keys + 1))
	settle
	i=$((i + 1))
done
expect_screen "n walks the groups to the planted one, its pictures side by side" "remove: hero-final (1).jpg"
expect_screen "... the keeper's picture beside it" "keep: hero-final.jpg"
expect_screen "the same file under two names is one group" "Same file: 2 copies"
expect_screen "the keeper is marked, with its reason" "keep: it has the most of alt text"

# ---- at 80x24 what matters is whole: the summary (the failure count
# first), the keys, the keeper's reason, the folders
tx resize-window -x 80 -y 24
settle
expect_wrapped "80x24: the keeper's reason is whole" "keep: it has the most of alt text, title and focal point"
expect_re "80x24: the summary is whole, the failure count first" \
	"Content checked: [0-9]+ groups?; 1 failed, [0-9]+ downloaded \\([^)]*\\), [0-9]+ from the cache" joined
expect_wrapped "80x24: the keys line is whole" "n/N: next/previous group  d: delete all but the keeper  Tab: other findings"
expect_re "80x24: the copy's folder is whole" "hero-final \\(1\\)\\.jpg +/images/team +[0-9]"

# ---- d, then n: nothing is deleted
send d
expect_screen "d asks with the usual confirmation" "cannot be undone"
expect_screen "... offering the backup first" "back up the originals first"
expect_screen "... naming the one to delete, not the keeper" "($dup_id)"
box_says "... with the copy's folder, as the duplicates' question has it" "hero-final (1).jpg  /images/team  "
send n
wait_gone "cannot be undone" || not_ok "n closes the question"
expect_eq "a declined confirmation deletes nothing" "$total" "$(media_count)"
tx resize-window -x 110 -y 44
settle

# ---- d, then b: the rest goes, backed up first
send d; keys=$((keys + 1))
wait_for "cannot be undone" || not_ok "d asks again"
send b; keys=$((keys + 1))
expect_screen "b backs up, then deletes" "deleted 1, original in"
expect_eq "exactly the non-keeper went" "$((total - 1))" "$(media_count)"
expect_eq "... and it is the copy" "" "$(state | jget '",".join(m["id"] for m in d["media"] if m["id"] == "'"$dup_id"'")')"
check "the keeper is still there" test -n "$(cid hero-final.jpg)"
bk=$(ls "$T"/data/mediatui/backups/t/ 2>/dev/null | head -n 1)
expect_eq "the copy's original is in the backup folder, whole" "$dup_size" \
	"$(wc -c <"$T/data/mediatui/backups/t/$bk" 2>/dev/null | tr -d ' ')"
wait_gone "remove: hero-final (1).jpg" || true
refute_screen "the resolved group is gone at once" "hero-final (1).jpg"
expect_screen "the totals follow at once" "$((total - 1)) items"
echo "# keys from the main view to the first group resolved: $first_keys (A c y d b)"
echo "# keys from the main view to the planted group resolved: $keys (A c y, n until it, d b)"

# ---- the near duplicates: the re-encode and the WebP, each with its distance
i=0
while ! screen | grep -qF "Near duplicates: 3 pictures" && [ $i -lt 30 ]; do
	send n
	settle
	i=$((i + 1))
done
expect_screen "near duplicates (re-encoded, converted) are one group" "Near duplicates: 3 pictures"
expect_screen "... each with its distance" "distance "
tx resize-window -x 80 -y 24
settle
expect_re "80x24: a near duplicate's folder and distance are whole" \
	"hero-final-small\\.jpg +/images/products +[0-9].* distance [0-9]+ bits?"
tx resize-window -x 110 -y 44
settle
refute_screen "the look-alike is matched with nothing" "harbour-evening.jpg"
send G
expect_screen "G: the last group, the refused download" "Download failed: 1 item"
expect_screen "... its picture labelled with its name" "private-scan.jpg"
refute_screen "... with no stray colon" ": private-scan.jpg"
send N
expect_screen "N: the one before, the poster far wider than shown" "Oversized picture: a resize saves"
tx resize-window -x 80 -y 16
expect_screen "a small terminal: a line instead of the pictures" "no room for the pictures"
tx resize-window -x 110 -y 44
wait_gone "no room for the pictures" || not_ok "the pictures come back"

# ---- a second check takes everything from the cache; n at its question
# leaves the groups shown
wait_gone "loading the picture" || true
send c
wait_for "Check the content of" || not_ok "c asks on the content page"
send n
wait_gone "Check the content of" || not_ok "n closes the question"
expect_screen "n on the content page leaves its groups shown" "Oversized picture: a resize saves"
before=$(served)
send c
expect_screen "the second check asks" "Check the content of"
send y
expect_screen "the second check downloads nothing" " failed, 0 downloaded ("
expect_eq "... the server served 0 bytes" 0 "$(( $(served) - before ))"

# ---- a move made while a check runs reaches its findings: the server holds
# the downloads (the refused one is fetched at every check), the editor
# goes to the main view and moves a group's member, the check then ends
small_id=$(cid "hero-final-small.jpg")
admin POST /_admin/faults '{"hold_downloads": 1}' >/dev/null
held0=$(state | jget 'd["counts"]["held"]')
send c
wait_for "Check the content of" || not_ok "c asks for a check before the move"
send y
i=0
while [ "$(state | jget 'd["counts"]["held"]')" = "$held0" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
check "a check is under way (a download is held)" test "$(state | jget 'd["counts"]["held"]')" -gt "$held0"
send q
wait_gone "Checking content:" || not_ok "q goes to the main view"
send /
wait_for "Search" || not_ok "/ asks for a search"
type_text "hero-final-small"
send Enter
expect_screen "the search lists the member alone" "1 of 1"
send m
wait_for "Move 1 item to" || not_ok "m asks for the folder"
send g
k=$(state | jget '[f for f in sorted(d["folders"])].index("/images")')
while [ "$k" -gt 0 ]; do send j; k=$((k - 1)); done
send Enter
expect_screen "the move is made while the check runs" "moved 1 item to /images"
expect_eq "the server has it in /images" "/images" \
	"$(state | jget '[m.get("folder") for m in d["media"] if m["id"] == "'"$small_id"'"][0]')"
send A
wait_for "Checking content:" || not_ok "A: the check still runs"
admin POST /_admin/faults '{"hold_downloads": 0}' >/dev/null
expect_screen "the check ends" "Content checked:" 60
send g
i=0
while ! screen | grep -qF "Near duplicates: 3 pictures" && [ $i -lt 30 ]; do
	send n
	settle
	i=$((i + 1))
done
if screen | grep -E "hero-final-small\.jpg +/images +[0-9]" >/dev/null; then
	ok "the group shows the member in the folder it was moved to"
else
	not_ok "the group shows the member in the folder it was moved to" "screen:" "$(screen)"
fi

# ---- the audit of one folder shows the groups with a member in it: none of
# the planted near duplicates is in /images/team any more (the copy there
# was deleted, the small one moved to /images)
send q
wait_gone "Content checked:" || not_ok "q leaves the audit"
k=0
while [ $k -lt 8 ]; do
	send v
	wait_for "By folder" || not_ok "v opens the usage"
	send g
	j=0
	while [ $j -lt $k ]; do send j; j=$((j + 1)); done
	send A
	wait_for "Audit" || not_ok "A audits the folder under the cursor"
	screen | grep -qF "Audit of /images/team " && break
	send q
	wait_gone "Audit" || true
	k=$((k + 1))
done
expect_screen "the audit of /images/team" "Audit of /images/team "
wait_for "Content checked:" || send Tab
expect_screen "its content page" "Content checked:"
refute_screen "a group with no member in the folder is left out" "Near duplicates: 3 pictures"
send f
expect_screen "f: the whole library again" "Audit  "
send g
i=0
while ! screen | grep -qF "Near duplicates: 3 pictures" && [ $i -lt 30 ]; do
	send n
	settle
	i=$((i + 1))
done
expect_screen "... with the group shown again" "Near duplicates: 3 pictures"

# quitting while a check runs (the refused download held): nothing leaks
admin POST /_admin/faults '{"stall": 1}' >/dev/null
faults2=$(held)
send c
wait_for "Check the content of" || not_ok "c asks a third time"
send y
i=0
while [ "$(held)" = "$faults2" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
check "a third check is under way (the refused download held)" test "$(held)" -gt "$faults2"
send q
wait_gone "Audit  " || true
tui_quit >/dev/null
expect_eq "mediatui ends normally" 0 "$(tui_wait_exit)"
check "no sanitizer report" sh -c "! grep -q 'Sanitizer' '$T/tui.err'"
finish
