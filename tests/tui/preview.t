#!/bin/sh
# preview.t — pictures in the terminal: an item's picture beside its fields
# in 256 colours, the trace of fetched and cached previews, the focal
# editor's crosshair and crops moving with the keys, the crop view, a
# local file, a broken image, and monochrome ASCII compared cell by cell
# with the batch command's rendering and a known picture.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

# the harbour photo (320x200 JPEG) as the library holds it
mt ls --search harbour-harbour --json >"$T/found.json"
item_name=$(jget 'next(i["filename"] for i in d["items"] if i["mimeType"] == "image/jpeg")' <"$T/found.json")
id=$(jget 'next(i["id"] for i in d["items"] if i["mimeType"] == "image/jpeg")' <"$T/found.json")
mt edit "$id" --focal 50,50 >/dev/null

if ! grep -q '^#define HAVE_PREVIEW 1' "$top_builddir/config.h"; then
	# built --without-preview: the interface says so instead of failing
	tui_start 100 30
	wait_for " of " || true
	send /
	wait_for "Search"
	type_text "$item_name"
	send Enter
	wait_for "$(printf '%s' "$item_name" | cut -c1-20)"
	send Enter
	expect_screen "without previews the detail view says they are unavailable" "not available"
	"$MEDIATUI" preview "$top_srcdir/data/demo/sunset.png" >"$T/out" 2>"$T/err"
	expect_eq "the batch command fails" 1 "$?"
	check "and says why" grep -q "not available" "$T/err"
	send q
	wait_for " of "
	expect_eq "the program ends cleanly" 0 "$(tui_quit)"
	finish
fi

# ---- 256 colours, uncached then cached ----
tui_start 120 30 TERM=tmux-256color MEDIATUI_TRACE="$T/trace"
open_item "$item_name"
expect_screen "the detail view opens" "Focal point"
i=0
while ! grep -q "preview shown" "$T/trace" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
settle
check "the trace records the picture fetched" grep -q "preview shown [0-9]*ms fetched 320x200" "$T/trace"
screen_e >"$T/colour.txt"
check "the picture is painted in 256 colours" grep -q '\[38;5;[0-9]*m\|\[48;5;[0-9]*m' "$T/colour.txt"
check "the picture uses block symbols" grep -q '[▀▄█▌▐▖▗▘▙▚▛▜▝▞▟▁▂▃▅▆▇▉▊▋▍▎▏]' "$T/colour.txt"
screen >"$T/plain.txt"
check "the crosshair marks the focal point" grep -q -- '─+─' "$T/plain.txt"
ls "$XDG_CACHE_HOME"/mediatui/previews/*/ >"$T/cache.txt" 2>&1
check "the original is kept in the preview cache" grep -q "$id" "$T/cache.txt"

# the focal editor: the crops beside the picture follow the crosshair
send f
expect_screen "the focal editor shows the crops beside the picture" "1:1 200x200+60+0"
expect_screen "with their rendered sizes" "150x188"
send l l l l l l l l l l
expect_screen "ten steps right move the square crop by 32 pixels" "1:1 200x200+92+0"
expect_screen "and the title follows" "x 60  y 50"
send K K
expect_screen "up 20: the wide crop moves to the top" "16:9 320x180+0+0"
send Escape
wait_for "Enter edit"

# the crop view
send c
expect_screen "c opens the crops of the saved focal point" "4:5 160x200+80+0"
expect_screen "all three ratios" "16:9 320x180+0+10"
send q
expect_screen "q returns to the details" "Enter edit"
send q
wait_for " of "
expect_eq "the program ends cleanly" 0 "$(tui_quit)"

# a second run finds the picture in the cache
rm -f "$T/trace"
tui_start 120 30 TERM=tmux-256color MEDIATUI_TRACE="$T/trace"
open_item "$item_name"
i=0
while ! grep -q "preview shown" "$T/trace" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
if grep -q "preview shown [0-9]*ms cached 320x200" "$T/trace"; then
	ok "the second run shows it from the cache"
else
	not_ok "the second run shows it from the cache" "$(screen)"
fi
sed -n 's/.*preview shown/# preview shown/p' "$T/trace"
send q
wait_for " of "
expect_eq "the program ends cleanly" 0 "$(tui_quit)"

# ---- monochrome ASCII: the same cells as the batch command, and as expected ----
cp "$top_srcdir/data/demo/harbour.jpg" "$T/work/harbour.jpg"
head -c 300 "$top_srcdir/data/demo/sunset.png" >"$T/work/broken.png"
TUI_LC_ALL=C tui_start 80 24 NO_COLOR=1
wait_for " of " || true
send Tab
expect_screen "the local pane lists the picture" "harbour.jpg"
# the pane lists ../, broken.png, harbour.jpg
send j j
settle
send P
expect_screen "P previews a local picture" "Preview of harbour.jpg  320x200 JPEG"
screen | sed -n '3,22p' | sed 's/^ //' | sed 's/ *$//' >"$T/tui-picture.txt"
"$MEDIATUI" preview --size 78x20 --colors 2 --ascii "$T/work/harbour.jpg" | sed -n '1,20p' | sed 's/ *$//' >"$T/cli-picture.txt"
# the TUI centres the picture: compare without the margins
sed 's/^ *//' "$T/tui-picture.txt" >"$T/a.txt"
sed 's/^ *//' "$T/cli-picture.txt" >"$T/b.txt"
check "the interface and the batch command draw the same cells" cmp "$T/a.txt" "$T/b.txt"
check "the picture is the one expected for this image and size" cmp "$T/cli-picture.txt" "$top_srcdir/tests/tui/expected/harbour-78x20-ascii.txt"
screen_e | sed -n '3,22p' >"$T/mono.txt"
if grep -q '38;5\|48;5\|\[3[0-7]m\|\[4[0-7]m' "$T/mono.txt"; then
	not_ok "monochrome: no colour codes in the picture" "$(cat -v "$T/mono.txt" | head -n 8)"
else
	ok "monochrome: no colour codes in the picture"
fi
check "ASCII only in a C locale" sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/a.txt'"
send q
wait_for "harbour.jpg"

# a broken picture: a message, not a crash
send k
settle
send P
expect_screen "a broken PNG gets a clear message" "cannot be decoded"
send q
expect_eq "the program ends cleanly" 0 "$(tui_quit)"
finish
