#!/bin/sh
# dates.t — without a language's conventions (C.UTF-8) the interface shows
# dates for people, "2026-01-01 00:01", never the server's raw timestamp.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt ls / --limit 100 --json >"$T/ls.json"
name=$(jget 'next(i["filename"] for i in d["items"] if i.get("createdAt"))' <"$T/ls.json")
created=$(jget 'next(i["createdAt"] for i in d["items"] if i.get("createdAt"))' <"$T/ls.json")
echo "# $name created $created"

tui_start 100 30
expect_screen "the main view is up" "? help"
open_item "$name"
wait_for "$(printf "%s" "$created" | cut -c1-10)" || not_ok "the details show the day it was created" "$(screen)"
settle
if screen | grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}'; then
	not_ok "the details show no raw timestamp" "$(screen)"
else
	ok "the details show no raw timestamp"
fi
day=$(printf '%s' "$created" | cut -c1-10)
if screen | grep -qE "$day [0-9]{2}:[0-9]{2}( |$)"; then
	ok "the details show the date and time for people"
else
	not_ok "the details show the date and time for people" "$(screen)"
fi
send q
st=$(tui_quit)
expect_eq "mediatui quits with 0 $(head -c 400 "$T/tui.err" 2>/dev/null)" 0 "$st"
finish
