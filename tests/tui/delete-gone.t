#!/bin/sh
# delete-gone.t — a content group resolved with d while another hand (the
# CLI, another editor) deletes one of its copies as the question stands:
# b backs the others up and deletes them, and the copy already gone is not
# a failure ("deleted 2, 1 already gone; originals in DIR"): no backup is
# half-written for it, the group no longer lists it, the audit's totals and
# the usage view count it gone, and the message log names it.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo" --content-cases "$top_srcdir/data/content"
state() { admin GET /_admin/state; }
media_count() { state | jget 'len(d["media"])'; }
# four copies of one file in /images/team: one "Same file: 4 copies" group
make_png "$T/stamp.png" 37 29
for k in 1 2 3 4; do cp "$T/stamp.png" "$T/work/stamp-copy-$k.png"; done
mt upload --folder /images/team "$T"/work/stamp-copy-1.png "$T"/work/stamp-copy-2.png \
	"$T"/work/stamp-copy-3.png "$T"/work/stamp-copy-4.png >/dev/null 2>&1
mt audit --content --json >"$T/ac.json" 2>/dev/null
rest=$(jget '" ".join(f["id"] for f in d["findings"] if f["kind"] == "duplicate" and f["filename"].startswith("stamp-copy-") and not f["keep"])' <"$T/ac.json")
gone_id=${rest%% *}
gone_name=$(state | jget '[m["filename"] for m in d["media"] if m["id"] == "'"$gone_id"'"][0]')
expect_eq "the premise: three copies to remove" 3 "$(echo $rest | wc -w | tr -d ' ')"
team=$(mt usage --json | jget '[f["count"] for f in d["folders"] if f["folder"] == "/images/team"][0]')
total=$(media_count)
bk="$T/data/mediatui/backups/t"

tui_start 110 44
wait_for " of " || not_ok "the list is shown"
send A
expect_screen "A opens the audit; the scan finishes" "scanned" 30
send c
wait_for "Check the content of" || not_ok "c asks for the content check"
send y
expect_screen "the content check runs to its end" "Content checked:" 60
i=0
while ! screen | grep -qF "Same file: 4 copies" && [ $i -lt 30 ]; do send n; settle; i=$((i + 1)); done
expect_screen "n walks to the four copies" "Same file: 4 copies"
expect_screen "... the copy to be deleted elsewhere is one to remove" "$gone_name"
send d
expect_screen "d asks about the three copies" "cannot be undone"
box_says "... naming the copy" "$gone_name"
# another editor deletes that copy while the question stands
mt rm --yes "$gone_id" >/dev/null 2>&1
expect_eq "the CLI deleted it" 0 "$(state | jget 'len([m for m in d["media"] if m["id"] == "'"$gone_id"'"])')"
send b
expect_wrapped "b: the copy already gone is no failure, and the outcome says where the originals are" \
	"deleted 2, 1 already gone; originals in $bk"
refute_screen "... no failure said" "1 failed:"
expect_eq "the three copies are off the server" "$((total - 3))" "$(media_count)"
expect_eq "two originals were saved, nothing for the copy already gone" 2 "$(ls -A "$bk" | wc -l | tr -d ' ')"
check "... no file of it, whole or half-written" sh -c '! ls -A "$1" | grep -qF "$2"' - "$bk" "$gone_id"
wait_gone "Same file: 4 copies" || true
refute_screen "the group no longer lists the copy already gone" "$gone_name"
expect_screen "the audit's totals count it gone" "$((total - 3)) items"
send M
expect_wrapped "the message log names the copy already gone" "already gone (deleted elsewhere): $gone_name"
send q
wait_gone "Messages:" || true
send Tab
send v
expect_screen "the usage view" "By folder"
expect_screen "the usage view counts /images/team without the three copies" " $((team - 3)) /images/team"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
