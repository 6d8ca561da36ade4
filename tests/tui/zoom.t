#!/bin/sh
# zoom.t — z gives the pane with the keys the whole width, so a long name
# shows whole; Tab changes the pane shown; z again shows both side by side.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
# the longest name in the library's root: cut when the panes share the width
admin GET /_admin/state >"$T/state.json"
name=$(jget 'sorted([i["filename"] for i in d["media"] if (i.get("folder") or "/") == "/"], key=len)[-1]' <"$T/state.json")

tui_start 120 30
expect_screen "both panes side by side" "Local "
expect_screen "the library is listed" " of "
refute_screen "the longest name is cut beside the local pane" "$name"
send z
wait_gone "Local " || true
refute_screen "z: the local pane is gone" "Local "
expect_screen "... the remote pane has the whole width: the name shows whole" "$name"
expect_screen "... and says how to have both again" "z: both"
send Tab
expect_screen "Tab: the local pane, the whole width" "Local "
refute_screen "... the remote pane is not shown" "$name"
send Tab
expect_screen "Tab again: the remote pane" "$name"
send z
expect_screen "z again: both panes" "Local "
refute_screen "... the long name cut again" "$name"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
