#!/bin/sh
# paging.t — a server that ignores the offset (tests/server/hostile.py,
# scenario offset-ignored: every page is the first, a total of 1000): the
# remote pane and the background scan stop with the error the batch commands
# give, instead of counting the same items again and again.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_hostile
{
	echo "default = t"
	echo "[profile t]"
	echo "api = clearcms"
	echo "url = $API/s/offset-ignored/clearcms"
	echo "key_file = $T/key"
} >"$T/config"
chmod 600 "$T/config"

tui_start 160 40
expect_screen "the header is drawn" "t (clearcms)"
expect_screen "the remote pane stops at the page sent twice" "same page twice"
check "the pane lists each item once" test "$(screen | grep -c "item-1\.png")" = 1
send v
expect_screen "the usage view opens" "Usage"
expect_screen "the scan stops at the page sent twice" "same page twice"
refute_screen "the scan does not count to the claimed total" "1000 items"
send q
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
