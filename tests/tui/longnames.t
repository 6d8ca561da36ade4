#!/bin/sh
# longnames.t — at 80 columns, two long names that differ only at their end
# are told apart: cut in the middle, their ends and extensions in sight, in
# the remote pane, the local pane and the upload panel. The audit's folder
# column, and a search's, take the room their rows leave: a long folder
# shows whole; one longer than the column shows whole on a line under its
# row.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
long="holiday-photo-from-the-harbour-at-dawn-2026-final"
folder=/harbour/dawn-session
make_png "$T/work/$long.png" 60 40
make_png "$T/work/$long-2.png" 60 40
# two others of those names in a folder with a long name
mkdir -p "$T/files"
make_png "$T/files/$long.png" 50 40
make_png "$T/files/$long-2.png" 50 40
mt upload --folder "$folder" --json "$T/files/$long.png" "$T/files/$long-2.png" >"$T/up.json" 2>&1 ||
	{ echo "Bail out! the upload into $folder failed: $(cat "$T/up.json")"; exit 1; }
# a short name in a deep folder, for the search's folder column
deep=/harbour/dawn-session/raw-exports
make_png "$T/files/qx7.png" 20 20
mt upload --folder "$deep" --json "$T/files/qx7.png" >"$T/up2.json" 2>&1 ||
	{ echo "Bail out! the upload into $deep failed: $(cat "$T/up2.json")"; exit 1; }

# expect_rows NAME REGEX...: ok when, for each REGEX (grep -E), the screen
# has a row that matches it (polled as wait_for does)
expect_rows() {
	name=$1; shift
	_r=0
	while :; do
		screen >"$T/rows.txt"
		all=1
		for re in "$@"; do
			grep -qE -- "$re" "$T/rows.txt" || all=0
		done
		[ $all = 1 ] && { settle; ok "$name"; return 0; }
		_r=$((_r + 1))
		if [ $_r -gt $((TUI_TIMEOUT * 20)) ]; then
			not_ok "$name" "waited for rows: $*" "screen:" "$(cat "$T/rows.txt")"
			return 1
		fi
		sleep 0.05
	done
}
# a row's name cut in the middle: its start, an ellipsis, its end ($1)
cut_name() { printf 'holiday-photo-[a-z-]*\342\200\246[0-9a-z-]*%s' "$1"; }

tui_start 80 24
wait_for " of " || true

# the remote pane: a search finds the two in the folder
send /
wait_for "Search" || true
type_text "dawn-2026"
send Enter
wait_for "2 of 2" || true
expect_rows "the remote pane tells the two names apart by their ends" \
	"^ *$(cut_name 'final\.png') .*/harbour" "^ *$(cut_name 'final-2\.png') .*/harbour"
send Escape
wait_gone "2 of 2" || true
# beside a short name, a search's folder column shows a deep folder whole
send /
wait_for "Search" || true
type_text "qx7"
send Enter
wait_for "1 of 1" || true
expect_rows "a search's folder column takes the room a short name leaves" "^ *qx7\.png +.*$deep "
send Escape
wait_gone "1 of 1" || true

# the local pane lists the two in the working directory
send Tab
expect_rows "the local pane tells the two names apart by their ends" \
	"^ *$(cut_name 'final\.png') " "^ *$(cut_name 'final-2\.png') "
# both uploaded: the panel's rows
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "holiday-*"
send Enter
wait_for "2 marked" || true
send u
expect_screen "the two upload" "2/2 done" 30
expect_rows "the upload panel tells the two names apart by their ends" \
	"^ *[a-z]+ +$(cut_name 'final\.png') " "^ *[a-z]+ +$(cut_name 'final-2\.png') "

# the audit: the folder column shows the folder whole
send A
wait_for "Audit" || true
expect_screen "the audit lists its first kind" "Images without alt text"
expect_rows "the audit's folder column shows a long folder whole" \
	"^ +holiday-photo[^ ]* +$folder +[0-9]"
expect_rows "... and one too long for the column whole on a line under its row" \
	"^ +qx7\.png +[0-9]" "^ +$deep *\$"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
