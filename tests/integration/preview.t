#!/bin/sh
# preview.t — the preview command against the reference server: an item's
# picture fetched, cached and described in --json, its crops where the focal
# point puts them, the text rendering within the size asked for, and clear
# errors for what is not a picture. The storage host never sees the key.
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

if mt preview "$top_srcdir/data/demo/sunset.png" >"$T/probe.out" 2>"$T/probe.err"; then
	:
elif grep -q "built without" "$T/probe.err"; then
	# configure --without-preview: the command says so, and that is all there is to test
	mt preview --json 1 >"$T/none.out" 2>"$T/none.err"; rc=$?
	expect_eq "without previews: a failure status and the reason" "2 1" \
		"$rc $(grep -c 'built without' "$T/none.err")"
	finish
fi

mt ls --all --json >"$T/all.json"
# the harbour photo (320x200 JPEG) and the report (a PDF) as the demo library holds them
pick='next(i[FIELD] for i in d["items"] if i["mimeType"] == "image/jpeg" and "-harbour-" in i["filename"])'
id=$(jget "$(echo "$pick" | sed 's/FIELD/"id"/')" <"$T/all.json")
item_name=$(jget "$(echo "$pick" | sed 's/FIELD/"filename"/')" <"$T/all.json")
pdf=$(jget 'next(i["id"] for i in d["items"] if i["mimeType"] == "application/pdf")' <"$T/all.json")
mt info --json "$id" >"$T/info.json"

# ---- --json: what the picture is and where the crops go
mt preview --json "$id" >"$T/p.json"; rc=$?
expect_eq "preview --json of a remote JPEG: status, id, format, size" "0 $id JPEG 320x200" \
	"$rc $(jget '"%s %s %dx%d" % (d["id"], d["format"], d["width"], d["height"])' <"$T/p.json")"
expect_eq "the focal point is the item's own" \
	"$(jget '"%g,%g" % (d.get("focalX", 50), d.get("focalY", 50))' <"$T/info.json")" \
	"$(jget '"%g,%g" % (d["focal"]["x"], d["focal"]["y"])' <"$T/p.json")"

# crop_props: every crop keeps its ratio (to a pixel), stays inside the
# picture, holds the focal point, and is centred on it unless an edge stops it
cat >"$T/crops.py" <<'EOF'
import json, sys
d = json.load(sys.stdin)
W, H = d["width"], d["height"]
fx, fy = d["focal"]["x"] / 100 * W, d["focal"]["y"] / 100 * H
bad = []
for c in d["crops"]:
    rw, rh = map(int, c["ratio"].split(":"))
    x, y, w, h = c["x"], c["y"], c["width"], c["height"]
    if not (0 <= x and 0 <= y and x + w <= W and y + h <= H):
        bad.append("%s outside the picture" % c["ratio"])
    if abs(w * rh - h * rw) > max(rw, rh):
        bad.append("%s is %dx%d" % (c["ratio"], w, h))
    if w != W and h != H:
        bad.append("%s is not the largest crop" % c["ratio"])
    if not (x <= fx <= x + w and y <= fy <= y + h):
        bad.append("%s misses the focal point" % c["ratio"])
    if 0 < x < W - w and abs(x + w / 2 - fx) > 1:
        bad.append("%s not centred on the focal point across" % c["ratio"])
    if 0 < y < H - h and abs(y + h / 2 - fy) > 1:
        bad.append("%s not centred on the focal point down" % c["ratio"])
    for r in c["renders"]:
        if r["width"] > w or abs(r["width"] * h - r["height"] * w) > w:
            bad.append("%s render %dx%d" % (c["ratio"], r["width"], r["height"]))
print(" ".join(sorted(c["ratio"] for c in d["crops"])) + (" | " + "; ".join(bad) if bad else ""))
EOF
expect_eq "the crops at the item's focal point" "16:9 1:1 4:5" "$("$PY" "$T/crops.py" <"$T/p.json")"
for focal in 0,0 100,100 20,70 85,10; do
	mt preview --json --focal "$focal" "$id" >"$T/f.json"
	expect_eq "--focal $focal: crops follow it, inside the picture" "$focal 16:9 1:1 4:5" \
		"$(jget '"%g,%g" % (d["focal"]["x"], d["focal"]["y"])' <"$T/f.json") $("$PY" "$T/crops.py" <"$T/f.json")"
done
expect_eq "a focal point at the left edge puts the square crop there" "0 0" \
	"$(mt preview --json --focal 0,50 "$id" | jget '" ".join(str(c["x"]) for c in d["crops"] if c["ratio"] in ("1:1", "4:5"))')"
expect_eq "... and at the right edge, against it" "120 160" \
	"$(mt preview --json --focal 100,50 "$id" | jget '" ".join(str(c["x"]) for c in d["crops"] if c["ratio"] in ("1:1", "4:5"))')"

# ---- the original is cached: a second preview asks the server only for the item
requests() { admin GET /_admin/state | jget 'd["counts"]["requests"] + d["counts"]["storage_requests"]'; }
check "the original is in the preview cache" sh -c 'ls "$1"/mediatui/previews/*/ | grep -q "$2"' - "$XDG_CACHE_HOME" "$id"
rm -rf "$XDG_CACHE_HOME/mediatui"
r0=$(requests); mt preview --json "$id" >/dev/null; r1=$(requests)
mt preview --json "$id" >/dev/null; r2=$(requests)
expect_eq "uncached: the item and its original; cached: the item only" "2 1" "$((r1 - r0)) $((r2 - r1))"

# ---- text: the picture within the size asked for, then its description
mt preview --size 40x10 --colors 2 --ascii "$id" >"$T/text.out" 2>"$T/text.err"; rc=$?
expect_eq "preview --size 40x10 --ascii: status, rows" "0 11" "$rc $(wc -l <"$T/text.out" | tr -d ' ')"
expect_eq "no line wider than 40 columns, no escape sequences in 2 colours" "fits 0" \
	"$(head -n 10 "$T/text.out" | awk '{ if (length($0) > m) m = length($0) } END { print (m > 0 && m <= 40) ? "fits" : m }') $(grep -c "$(printf '\033')" "$T/text.out")"
expect_eq "the last line names the picture" "$item_name  320x200 JPEG" \
	"$(tail -n 1 "$T/text.out" | sed 's/  focal.*//')"
mt preview --size 40x10 --colors 256 "$id" >"$T/colour.out"
check "256 colours: SGR colour sequences" grep -q "$(printf '\033')\[[34]8;5;[0-9]*m" "$T/colour.out"
mt preview --crops --size 40x12 --colors 2 --ascii "$id" >"$T/crops.out"
expect_eq "--crops prints each crop with its geometry" 3 "$(grep -Ec '^(1:1|4:5|16:9)  crop [0-9]+x[0-9]+\+[0-9]+\+[0-9]+' "$T/crops.out")"

# ---- what is not a picture, or not there
mt preview "$pdf" >"$T/pdf.out" 2>"$T/pdf.err"; rc=$?
expect_eq "a PDF: failure status, a message, no output" "1 1 0" \
	"$rc $(grep -c . "$T/pdf.err") $(wc -c <"$T/pdf.out" | tr -d ' ')"
mt preview "no-such-item" >"$T/missing.out" 2>"$T/missing.err"; rc=$?
expect_eq "an unknown id: failure, and the server's reason" "1 1" \
	"$rc $(grep -ci 'not found' "$T/missing.err")"
head -c 200 "$top_srcdir/data/demo/harbour.jpg" >"$T/cut.jpg"
mt preview --local "$T/cut.jpg" >"$T/cut.out" 2>"$T/cut.err"; rc=$?
expect_eq "a JPEG cut inside its header: failure and a message" "1 1" "$rc $(grep -c . "$T/cut.err")"
printf 'not a picture at all' >"$T/fake.png"
mt preview --local "$T/fake.png" >"$T/fake.out" 2>"$T/fake.err"; rc=$?
expect_eq "text named .png: failure and a message" "1 1" "$rc $(grep -c . "$T/fake.err")"
evil="$T/$(printf 'evil\033]0;owned\007.png')"
cp "$top_srcdir/data/demo/sunset.png" "$evil"
mt preview --local --size 20x6 --colors 2 "$evil" >"$T/evil.out" 2>&1
expect_eq "a file name with escape sequences is shown harmlessly" "0 0" \
	"$(grep -c "$(printf '\033')" "$T/evil.out") $(grep -c "$(printf '\007')" "$T/evil.out")"

# pictures in pixels (sixel, kitty) for a remote item: the only escape
# sequences written are the picture's own, framed, of the size in --json
mt preview --pixels sixel --size 40x10 "$id" >"$T/px.six" 2>"$T/px.err"; rc=$?
expect_eq "preview --pixels sixel of an item succeeds" 0 "$rc"
"$PY" - "$T/px.six" <<'PYEOF' >"$T/px.check"
import re, sys
d = open(sys.argv[1], "rb").read()
m = re.match(rb'\033P0;1;0q"1;1;(\d+);(\d+)', d)
esc = d.count(b"\033")
print("%s %s %d %s" % (m.group(1).decode() if m else "-", m.group(2).decode() if m else "-", esc,
                       d.index(b"\033\\") < d.index(b"\n", d.index(b"\033\\")) if m else "-"))
PYEOF
# 320x200 into 40x10 cells of 10x20: ten rows allow 32 columns, 320x200
# pixels, of which a sixel (six pixel rows a band) draws 198
expect_eq "one sixel of 32x10 cells of 10x20, then the caption" "320 198 2 True" "$(cat "$T/px.check")"
mt preview --pixels kitty --crops --size 40x10 "$id" >"$T/px.kitty" 2>>"$T/px.err"
expect_eq "with --crops, a kitty picture each: the whole and three crops" 4 \
	"$(grep -ao "$(printf '\033')_Ga=T,q=2,f=32" "$T/px.kitty" | wc -l)"
check "kitty pictures ask the terminal not to answer" sh -c "! grep -aq 'a=T,f=' '$T/px.kitty'"
expect_eq "and nothing on stderr" 0 "$(wc -c <"$T/px.err")"

expect_eq "the storage host never saw the key" 0 "$(violations)"
finish
