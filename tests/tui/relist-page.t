#!/bin/sh
# relist-page.t — after an upload the remote pane lists the folder again and
# its cursor lands on its item as soon as the page holding it arrives, with
# no page read beyond it: an item on the first page at once, one pushed onto
# the second page when that page comes. The new listing's second page is
# held at the server (hold_api on its path). At 80x24.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --seed-library 1000 --verbose
faults() { admin POST /_admin/faults "$1" >/dev/null; }
nsubs=$(admin GET /_admin/state | jget 'len([f for f in d["folders"] if f != "/" and f.count("/") == 1])')
title() { screen | sed -n 2p; }
in_title() { expect_in "$1" "$2" title "the pane's title"; }
PAGE2="order=desc&limit=100&offset=100"
# page2_asked: how often the server answered the pane's second page
page2_asked() { grep -c "GET /api/v1/media?folder=%2F&sort=createdAt&$PAGE2 " "$T/server.err"; }

# upload_then_relist POS N: the cursor on item POS of /, a file uploaded
# (the N-th), its end makes the pane list / again
upload_then_relist() {
	make_png "$T/work/fresh-$2.png" 120 80
	tui_start 80 24
	wait_for " of 1" || true
	h0=$(held_now)
	faults '{"hold_body": 1}'
	upload_matching "fresh-$2.png" 1
	wait_held $((h0 + 1)) || not_ok "the upload reaches the server"
	send Tab
	wait_for "Remote /" || true
	k=$((nsubs + $1 - 1))
	while [ $k -gt 0 ]; do send j; k=$((k - 1)); done
	in_title "the cursor is on item $1" "#$1  "
	faults '{"hold_api": 1, "hold_api_path": "'"$PAGE2"'"}'
	before=$(page2_asked)
	h1=$(held_now)
	faults '{"hold_body": 0}'
}

# item 50: on the new listing's first page; the pane had read one page
upload_then_relist 50 1
in_title "the first page comes" "100 of 113"
in_title "the cursor is back on its item, one place down, with the first page" "#51  "
refute_screen "no second page is read for it" "loading"
expect_eq "the second page was not asked for" 0 "$(held_now | awk -v h="$h1" '{print $1 - h}')"
faults '{"hold_api": 0, "hold_api_path": ""}'
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# item 105: pushed to 106, on the second page
upload_then_relist 105 2
wait_held $((h1 + 1)) || not_ok "the new listing's second page reaches the server"
in_title "the first page comes, the cursor's item not in it" "100 of 114"
faults '{"hold_api": 0, "hold_api_path": ""}'
in_title "the cursor lands on its item with the second page" "#106  114 of 114"
expect_eq "the second page was read once" 1 "$(( $(page2_asked) - before ))"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
