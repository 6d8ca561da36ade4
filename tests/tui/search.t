#!/bin/sh
# search.t — search results say where each item is (a folder column) and
# why it was found (which of name, alt, title matched, worked out here).
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mt edit media_abc014 --alt "A harbour wall at noon" >/dev/null   # office-texture-020.png in /
mt edit media_abc032 --alt "The team-harbour cranes" >/dev/null  # team-harbour-050.jpg in /images/products

tui_start 200 30
wait_for " of " || not_ok "the list is shown"
# search_row TERM ID: searches, then checks the item's row says its folder
# and the fields that hold TERM (worked out from the server's fields)
search_row() {
	send /
	wait_for "Search" || not_ok "/ opens the search"
	send C-u
	type_text "$1"
	send Enter
	wait_for "/$1/" || not_ok "the search for $1 is shown"
	wait_for " of " || true
	mt ls --search "$1" --limit 100 --json >"$T/found.json"
	want=$(jget "[[i['filename'], i.get('folder') or '/', '+'.join(n for n, f in (('name', 'filename'), ('alt text', 'alt'), ('title', 'title'), ('description', 'description')) if '$1'.lower() in (i.get(f) or '').lower())] for i in d['items'] if i['id'] == '$2'][0]" <"$T/found.json")
	name=$(echo "$want" | jget 'd[0]')
	folder=$(echo "$want" | jget 'd[1]')
	why=$(echo "$want" | jget 'd[2]')
	[ -n "$name" ] && [ -n "$why" ] || not_ok "$2 is among the results for $1" "$want"
	row=$(screen | grep -F -- " $name " | head -n 1)
	case $row in
	*" $folder "*" $why"*) ok "$name: in $folder, matched on $why" ;;
	*) not_ok "$name: in $folder, matched on $why" "row: $row" "$(screen)" ;;
	esac
}

# from inside a folder, a search covers the whole library, and says so
send :
wait_for "Go to folder" || not_ok ": lists the folders"
type_text "/images/te"
wait_for "1/1" || true
send Enter
expect_screen "in /images/team" "Remote /images/team"
send /
expect_screen "the search prompt says it covers all folders" "Search all folders"
type_text "harbour"
send Enter
expect_screen "the search's title says it covers all folders" "Remote all folders  /harbour/"
header=$(screen | head -n 1)
case $header in
	*"all folders  search: harbour"*) ok "the header says all folders too" ;;
	*) not_ok "the header says all folders too" "$header" ;;
esac
send Escape
expect_screen "Esc leaves the search, back in the folder" "Remote /images/team"
send :
wait_for "Go to folder" || not_ok ": lists the folders again"
send g   # the list opens on the folder shown; / is its first row
send Enter
expect_screen "g Enter in the list: back at the top" "Remote / "

search_row "harbour wall" media_abc014
expect_screen "the results have a folder column" "Folder"
expect_screen "and say which field matched" "Matched"
search_row "team-harbour" media_abc032
search_row "brochure-harbour-120" media_abc078
send Escape
wait_gone "/harbour/" || not_ok "Esc leaves the search"
refute_screen "outside a search, no match column" "Matched"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
