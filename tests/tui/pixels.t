#!/bin/sh
# pixels.t — pictures in pixels (sixel, kitty) where the terminal announces
# them and the configuration allows them, character cells everywhere else.
#
# tmux passes no pixel protocol through, so it shows the fallback: with
# `pixels = auto` the interface asks, tmux answers without sixel, and the
# picture is drawn in cells as before. A fake terminal (fake_term.py: a
# pseudo-terminal that answers the query as a sixel or a kitty terminal
# would) shows the rest, byte for byte: the query sent once before curses
# starts, the picture placed in its box with the cursor saved and restored,
# the focal crosshair written again as it moves, the screen repainted or
# the kitty pictures deleted when the picture goes, and nothing at all
# without the user's consent.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

if ! grep -q '^#define HAVE_PREVIEW 1' "$top_builddir/config.h"; then
	echo "1..0 # SKIP built --without-preview (tests/tui/preview.t covers that build)"
	exit 0
fi

start_server clearcms --demo "$top_srcdir/data/demo"
mt ls --search harbour-harbour --json >"$T/found.json"
item_name=$(jget 'next(i["filename"] for i in d["items"] if i["mimeType"] == "image/jpeg")' <"$T/found.json")
id=$(jget 'next(i["id"] for i in d["items"] if i["mimeType"] == "image/jpeg")' <"$T/found.json")
mt edit "$id" --focal 50,50 >/dev/null
cp "$T/config" "$T/config.cells"
{ echo "pixels = auto"; cat "$T/config.cells"; } >"$T/config"

# ---- tmux: asked, not announced, so cells ----
tui_start 120 30 TERM=tmux-256color MEDIATUI_TRACE="$T/trace"
wait_for " of " || true
check "under tmux, auto finds no pixel protocol" grep -q "pixels: off" "$T/trace"
open_item "$item_name"
expect_screen "the detail view opens" "Focal point"
i=0
while ! grep -q "preview shown" "$T/trace" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
settle
check "and the picture is drawn in cells" sh -c "tmux -S '$TMUX_SOCK' capture-pane -p | grep -q '[▀▄█▌▐▖▗▘▙▚▛▜▝▞▟]'"
refute_screen "the terminal's answers never show up as text" "62;"
send q
wait_for " of "
expect_eq "the program ends cleanly" 0 "$(tui_quit)"

# ---- the fake terminal ----
FT="$PY $top_srcdir/tests/tui/fake_term.py"
export LC_ALL=C.UTF-8 TERM=xterm-256color
search_and_open="send:/ wait:Search send:$item_name send:\r wait:1\040of\0401 send:\r wait:Focal"

# sixel: a terminal whose device attributes list 4, cells of 10x20 pixels
$FT --out "$T/sixel" --size 120x30 --cell 10x20 --answer '\033[6;20;10t\033[?62;4;22c' \
	wait:' of ' $search_and_open wait:'\033P' note:shown \
	send:'\r' sleep:0.3 send:x send:'\r' sleep:0.3 note:back \
	send:q wait:Unsaved note:dialog send:n wait:'\033P' note:closed \
	send:f wait:'Focal point of' note:editor send:l wait:'\033P' note:moved \
	send:'\033' wait:'not saved yet' send:q wait:Unsaved send:d wait:' of ' note:left send:q send:q send:y \
	-- "$MEDIATUI" -c "$T/config" >/dev/null 2>&1
if grep -q "^status 0" "$T/sixel.notes"; then ok "the fake sixel terminal run completes"; else not_ok "the fake sixel terminal run completes" "$(cat "$T/sixel.notes")"; fi
cat >"$T/check.py" <<'PYEOF'
import re, sys
data = open(sys.argv[1], "rb").read()
notes = dict(l.split()[:2] for l in open(sys.argv[1] + ".notes"))
def at(label):
    return int(notes[label])
checks = []
def check(name, cond, why=""):
    checks.append((name, bool(cond), why))
query = b"\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\\033[16t\033[c"
proto = sys.argv[2]
if proto == "off":
    check("no query is sent without consent", query not in data and b"\033[c" not in data)
    check("no picture in pixels", b"\033P" not in data and b"\033_G" not in data)
    check("the picture is drawn in cells", "▀".encode() in data or "▄".encode() in data)
else:
    check("the query is the first thing written, once", data.startswith(query) and notes["queries"] == "1",
          repr(data[:80]))
if proto == "sixel":
    pics = [m for m in re.finditer(rb"\0337\033\[(\d+);(\d+)H\033P0;1;0q\"1;1;(\d+);(\d+)", data)]
    check("a sixel is placed in the detail view, the cursor saved", pics and pics[0].start() < at("shown"),
          "%d sixels" % len(pics))
    if pics:
        y, x, w, h = (int(v) for v in pics[0].groups())
        # the harbour photo is 320x200: its box in cells of 10x20
        check("its size is whole cells of 10x20 pixels, the photo's aspect",
              w % 10 == 0 and abs(w / h - 1.6) < 0.06 and h <= 30 * 20, "%dx%d" % (w, h))
        check("it stands beside the fields, below the title", x > 40 and y >= 3, "row %d col %d" % (y, x))
        end = data.find(b"\033\\", pics[0].start())
        check("the sixel ends, then the cursor is restored", end > 0 and data[end + 2:end + 4] == b"\0338")
    # From the editor's opening to leaving the detail view: every picture by
    # the place it is written to. The editor writes its pictures, then the
    # key moves the point: one place gets a second, different picture. Read
    # by place, not by the notes, since a busy machine may deliver a frame's
    # pictures after the note that follows it.
    after = [p for p in pics if at("closed") < p.start() <= at("left")]
    by_place = {}
    for p in after:
        by_place.setdefault(p.group(1, 2), []).append(data[p.start():data.find(b"\033\\", p.start())])
    again = [k for k, v in by_place.items() if len(v) >= 2]
    check("a key in the focal editor writes the picture again", again, "%d places" % len(by_place))
    check("with the crosshair in its new place",
          any(v[i] != v[i - 1] for v in by_place.values() for i in range(1, len(v))),
          "%d places written again" % len(again))
    check("moving the point does not repaint the whole screen",
          b"\033[2J" not in data[at("editor"):at("moved")])
    opening = data[at("back"):at("dialog")]
    check("a dialog clears the picture away instead of showing through",
          b"\033[2J" in opening and opening.rfind(b"\033P") < opening.rfind(b"\033[2J"))
    check("closing it writes the picture again", b"\033P0;1;0q" in data[at("dialog"):at("closed")])
    left = data[at("moved"):at("left")]
    check("leaving the picture repaints the screen under it", b"\033[2J" in left or b"\033[H\033[J" in left
          or b"\033[H\033[2J" in left)
if proto == "kitty":
    pics = list(re.finditer(rb"\0337\033\[(\d+);(\d+)H\033_Ga=T,q=2,C=1,f=32,s=(\d+),v=(\d+),c=(\d+),r=(\d+)", data))
    check("a kitty picture is placed, quietly (q=2), the cursor kept (C=1)", pics and pics[0].start() < at("shown"))
    if pics:
        y, x, w, h, c, r = (int(v) for v in pics[0].groups())
        check("its pixels are its cells at 8x16", w == c * 8 and h == r * 16, "%dx%d %dx%d" % (w, h, c, r))
    clear = b"\033_Ga=d,d=A,q=2\033\\"
    check("pictures are deleted before new ones", data.count(clear) >= 1)
    check("and when the program ends", data.rstrip(b"\r\n").rfind(clear) > data.rfind(b"\033_Ga=T"))
for name, ok_, why in checks:
    print(("ok - " if ok_ else "not ok - ") + name + ("" if ok_ else "  # " + why))
PYEOF
tap_from_py() {
	$PY "$T/check.py" "$@" >"$T/py.out" 2>&1 || echo "not ok - the checks ran  # $(tail -n 3 "$T/py.out")" >>"$T/py.out"
	while IFS= read -r line; do
		case $line in
			"ok - "*) ok "${line#ok - }" ;;
			"not ok - "*) not_ok "${line#not ok - }" ;;
		esac
	done <"$T/py.out"
}
tap_from_py "$T/sixel" sixel

# kitty: the graphics query answered OK; cells of 8x16
$FT --out "$T/kitty" --size 120x30 --cell 8x16 --answer '\033_Gi=31;OK\033\\\033[?62;22c' \
	wait:' of ' $search_and_open wait:'\033_Ga=T' note:shown \
	send:q wait:' of ' note:left send:q send:q send:y \
	-- "$MEDIATUI" -c "$T/config" >/dev/null 2>&1
check "the fake kitty terminal run completes" grep -q "^status 0" "$T/kitty.notes"
tap_from_py "$T/kitty" kitty

# no consent: the same sixel terminal, the configuration without `pixels`
$FT --out "$T/off" --size 120x30 --cell 10x20 --answer '\033[?62;4c' \
	wait:' of ' $search_and_open sleep:1 send:q wait:' of ' send:q send:q send:y \
	-- "$MEDIATUI" -c "$T/config.cells" >/dev/null 2>&1
check "the run without consent completes" grep -q "^status 0" "$T/off.notes"
tap_from_py "$T/off" off

# a terminal that never answers: a second at most, then cells
$FT --out "$T/mute" --size 120x30 wait:' of ' $search_and_open sleep:1 send:q wait:' of ' send:q send:q send:y \
	-- "$MEDIATUI" -c "$T/config" >/dev/null 2>&1
check "a terminal that never answers still gets the interface" grep -q "^status 0" "$T/mute.notes"
check "and the picture in cells" sh -c "grep -q '▀\|▄' '$T/mute' && ! grep -q \"\$(printf '\\033P')\" '$T/mute'"

# the batch command: --pixels writes the same protocols to a pipe
"$MEDIATUI" preview --pixels sixel --size 40x10 "$top_srcdir/data/demo/harbour.jpg" >"$T/b.six" 2>"$T/b.err"
expect_eq "preview --pixels sixel succeeds" 0 "$?"
check "and writes one sixel of 10x20 cells" sh -c "head -c 30 '$T/b.six' | grep -q '\"1;1;'"
"$MEDIATUI" preview --pixels sixel --json --size 40x10 "$top_srcdir/data/demo/harbour.jpg" >"$T/b.json"
expect_eq "--json names the protocol and the cells" "sixel 32 10" \
	"$(jget 'd["pixels"]["protocol"] + " " + str(d["pixels"]["cols"]) + " " + str(d["pixels"]["rows"])' <"$T/b.json")"
"$MEDIATUI" preview --pixels auto --size 40x10 "$top_srcdir/data/demo/harbour.jpg" </dev/null >"$T/b.auto"
check "auto without a terminal to ask draws cells" sh -c "! grep -q \"\$(printf '\\033P')\" '$T/b.auto' && grep -q '▀\|▄' '$T/b.auto'"
"$MEDIATUI" preview --pixels sixels "$top_srcdir/data/demo/harbour.jpg" >/dev/null 2>"$T/b.err"
expect_eq "a wrong protocol name is a usage error" 2 "$?"
check "that names the choices" grep -q "auto, sixel, kitty, off" "$T/b.err"
printf 'pixels = sometimes\n' >"$T/config.bad"
chmod 600 "$T/config.bad"
"$MEDIATUI" -c "$T/config.bad" ls >/dev/null 2>"$T/c.err"
expect_eq "a wrong pixels setting is refused" 2 "$?"
check "with its file and line" grep -q "config.bad:1: pixels must be one of off, auto, sixel, kitty" "$T/c.err"
finish
