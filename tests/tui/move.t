#!/bin/sh
# move.t — m moves the item under the cursor into a folder picked from the
# server's list: the server has it there and the row shows its new folder;
# a move declined in the picker (Esc) changes nothing; typing "/" and part
# of a folder's name narrows the picker to the folders that hold it.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

# an item in the root with a plain name, and a folder to move it to
admin GET /_admin/state >"$T/state.json"
# (its name found in no other item: the search lists it alone)
pick='[i for i in d["media"] if (i.get("folder") or "/") == "/" and i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and not any(o is not i and i["filename"].lower() in " ".join(str(o.get(k) or "") for k in ("filename", "alt", "title", "description")).lower() for o in d["media"])][0]'
name=$(jget "$pick"'["filename"]' <"$T/state.json")
id=$(jget "$pick"'["id"]' <"$T/state.json")
target=$(jget '[f for f in d["folders"] if f != "/" and len(f) < 11][0]' <"$T/state.json")
folder_of() {
	admin GET /_admin/state | jget '[i.get("folder") or "/" for i in d["media"] if i["id"] == "'"$1"'"][0]'
}

tui_start 80 24
wait_for " of " || true
send /
wait_for "Search"
type_text "$name"
send Enter
expect_screen "the item is listed alone" "1 of 1"

# declined: the picker closes, nothing moves
send m
expect_screen "m asks for the folder" "Move 1 item to"
send Escape
wait_gone "Move 1 item to"
expect_eq "a declined move leaves the item where it was" "/" "$(folder_of "$id")"
refute_screen "... and says nothing of a move" "moved 1"

# the picker lists the folders in order: walk to the target from the top
send m
wait_for "Move 1 item to"
send g
k=$(jget '[f for f in sorted(d["folders"])].index("'"$target"'")' <"$T/state.json")
while [ "$k" -gt 0 ]; do send j; k=$((k - 1)); done
send Enter
expect_screen "Enter moves it" "moved 1 item to $target"
expect_eq "the server has it in $target" "$target" "$(folder_of "$id")"
# the row (the search lists it still) shows the folder it is in now
cut=$(printf '%s' "$name" | cut -c1-24)
i=0
while [ $i -lt 100 ] && ! screen | grep -F -- "$cut" | grep -qF -- "$target"; do
	sleep 0.1; i=$((i + 1))
done
if screen | grep -F -- "$cut" | grep -qF -- "$target"; then
	ok "the row shows its new folder"
else
	not_ok "the row shows its new folder" "screen:" "$(screen)"
fi

# typing narrows the picker: "/" and part of a folder's name, then Enter;
# Backspace widens it again, Esc clears it, Enter with no match moves nothing
deep=$(jget '[f for f in sorted(d["folders"]) if f.count("/") >= 2][-1]' <"$T/state.json")
part=${deep##*/}
nf=$(jget 'len(d["folders"])' <"$T/state.json")
send m
wait_for "Move 1 item to"
expect_screen "the picker says / narrows it" "/ narrows"
type_text "/zzq"
expect_screen "a text no folder holds shows none" "0/0"
send Enter
expect_screen "... and Enter there moves nothing, the picker stays" "Move 1 item to"
expect_eq "... the item is still in $target" "$target" "$(folder_of "$id")"
send Escape
expect_screen "Esc clears the text, every folder back" "1/$nf"
expect_screen "... the picker still open" "Move 1 item to"
type_text "/$part"
expect_screen "/$part narrows the list to $deep" "/$part  1/1"
send BSpace
expect_screen "Backspace takes one character back" "/${part%?}  "
send Escape
send Escape
wait_gone "Move 1 item to"
refute_screen "Esc clears, the next Esc leaves the picker" "Move 1 item to"
expect_eq "... having moved nothing" "$target" "$(folder_of "$id")"
# the whole job: m, "/" and the name's part, Enter
send m
wait_for "Move 1 item to"
type_text "/$part"
wait_for "/$part  1/1"
send Enter
expect_screen "m, /$part, Enter: moved to $deep" "moved 1 item to $deep"
expect_eq "the server has it in $deep" "$deep" "$(folder_of "$id")"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
