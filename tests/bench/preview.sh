#!/bin/bash
# preview.sh — how fast and how lean the picture preview is, against the
# chafa command-line tool rendering the same file at the same size, same run.
#
#   bash tests/bench/preview.sh        a 6000x4000 JPEG (and a 4000x3000 PNG)
#
# Measures, best of BENCH_RUNS (default 3):
#   - the batch command `mediatui preview` vs `chafa`: wall time and peak RSS;
#   - the interface (in tmux, against the reference server): the time from
#     opening an item to its picture on screen, fetched and then cached,
#     from MEDIATUI_TRACE; and the program's peak RSS (VmHWM) after it.
# Prints a Markdown report on stdout; progress goes to stderr.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
sh tools/deps.sh --bench
need=""
command -v chafa >/dev/null 2>&1 || need="$need chafa"
command -v cjpeg >/dev/null 2>&1 || need="$need libjpeg-turbo-progs"
command -v tmux >/dev/null 2>&1 || need="$need tmux"
if [ -n "$need" ]; then
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
build=$(sh tools/build.sh plain | tail -n 1)
M="$build/src/mediatui"
PY=${PYTHON:-python3}
RUNS=${BENCH_RUNS:-3}
W=$(mktemp -d "${TMPDIR:-/tmp}/mt-pvbench.XXXXXX")
SERVER=""
cleanup() {
	tmux -S "$W/tmux.sock" kill-server 2>/dev/null || true
	[ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; } || true
	rm -rf "$W"
}
trap cleanup EXIT
log() { printf '%s\n' "bench: $*" >&2; }

# ---- the pictures: a photo-like gradient with detail, so the JPEG is realistic
make_ppm() {
	"$PY" - "$1" "$2" "$3" <<'PYEOF'
import sys, random
w, h, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(7)
noise = bytes(random.randrange(0, 48) for _ in range(w * 3 + 997))
with open(path, "wb") as f:
    f.write(b"P6\n%d %d\n255\n" % (w, h))
    for y in range(h):
        base = bytes(((x * 255 // w + y * 128 // h) & 255) for x in range(w))
        off = (y * 131) % 997
        row = bytearray(w * 3)
        row[0::3] = base
        row[1::3] = bytes((255 - b) for b in base)
        row[2::3] = bytes(((b + y) & 255) for b in base)
        n = noise[off:off + w * 3]
        f.write(bytes((a ^ b) for a, b in zip(row, n)))
PYEOF
}
log "making a 6000x4000 JPEG"
make_ppm 6000 4000 "$W/big.ppm"
cjpeg -quality 88 -outfile "$W/big.jpg" "$W/big.ppm"
rm -f "$W/big.ppm"

# runs a command RUNS times; prints "best_seconds peak_rss_kib" (rss of the best run)
measure() {
	"$PY" - "$RUNS" "$@" <<'PYEOF'
import os, sys, time, subprocess
runs = int(sys.argv[1]); cmd = sys.argv[2:]
best = None
for _ in range(runs):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.monotonic() - t0
    if status != 0:
        sys.exit("failed: %s" % " ".join(cmd))
    if best is None or dt < best[0]:
        best = (dt, ru.ru_maxrss)
print("%.3f %d" % best)
PYEOF
}

size=$(stat -c %s "$W/big.jpg")
log "batch preview vs chafa"
read -r mt_t mt_rss <<<"$(measure "$M" preview --size 120x40 --colors 256 "$W/big.jpg")"
read -r ch_t ch_rss <<<"$(measure chafa --size 120x40 --colors 256 --symbols block+space --animate off "$W/big.jpg")"
log "pictures in pixels vs chafa"
read -r mts_t mts_rss <<<"$(measure "$M" preview --size 120x40 --pixels sixel "$W/big.jpg")"
read -r chs_t chs_rss <<<"$(measure chafa --size 120x40 --format sixels --animate off "$W/big.jpg")"
read -r mtk_t mtk_rss <<<"$(measure "$M" preview --size 120x40 --pixels kitty "$W/big.jpg")"
read -r chk_t chk_rss <<<"$(measure chafa --size 120x40 --format kitty --animate off "$W/big.jpg")"
export TERM=xterm-256color

# ---- the interface: open the uploaded item, read the trace
log "interface: fetched and cached"
"$PY" tests/server/mediaserver.py --dialect clearcms --port 0 --key bench-key --data-dir "$W/data" \
	--ready-file "$W/ready" >"$W/server.out" 2>&1 &
SERVER=$!
i=0
while [ ! -s "$W/ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
api=$(sed -n 's/.*api=\([^ ]*\).*/\1/p' "$W/ready")
printf 'bench-key\n' >"$W/key"; chmod 600 "$W/key"
cat >"$W/config" <<CFG
[profile bench]
api = clearcms
url = $api
key_file = $W/key
CFG
chmod 600 "$W/config"
export XDG_CACHE_HOME="$W/cache" XDG_STATE_HOME="$W/state"
"$M" -c "$W/config" upload "$W/big.jpg" >/dev/null
open_and_time() {
	rm -f "$W/trace"
	tmux -S "$W/tmux.sock" -f /dev/null new-session -d -x 160 -y 48 \
		env TERM=tmux-256color LC_ALL=C.UTF-8 MEDIATUI_TRACE="$W/trace" XDG_CACHE_HOME="$W/cache" \
		XDG_STATE_HOME="$W/state" "$M" -c "$W/config"
	i=0
	until tmux -S "$W/tmux.sock" capture-pane -p | grep -q "big.jpg"; do
		sleep 0.05; i=$((i + 1)); [ $i -lt 200 ] || break
	done
	tmux -S "$W/tmux.sock" send-keys Enter
	i=0
	until grep -q "preview shown" "$W/trace" 2>/dev/null; do
		sleep 0.02; i=$((i + 1)); [ $i -lt 1500 ] || break
	done
	pid=$(pgrep -n -x mediatui)
	hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null || echo 0)
	ms=$(sed -n 's/.*preview shown \([0-9]*\)ms.*/\1/p' "$W/trace" | head -n 1)
	tmux -S "$W/tmux.sock" kill-server 2>/dev/null || true
	sleep 0.2
	echo "$ms $hwm"
}
best_of() {   # best_of "uncached|cached": min ms, its hwm
	best=""; bhwm=0
	for _ in $(seq "$RUNS"); do
		[ "$1" = uncached ] && rm -rf "$W/cache"
		read -r ms hwm <<<"$(open_and_time)"
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; bhwm=$hwm; fi
	done
	echo "$best $bhwm"
}
read -r un_ms un_hwm <<<"$(best_of uncached)"
read -r ca_ms ca_hwm <<<"$(best_of cached)"

ratio() { "$PY" -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print('%.2f' % (a/b if b else 0))" "$1" "$2"; }
cat <<EOF
## Preview ($(date -u +%Y-%m-%d), $(nproc) cores, best of $RUNS)

A 6000x4000 JPEG ($((size / 1024)) KiB), rendered into 120x40 cells, 256 colours.

| | time | peak RSS |
|---|---|---|
| \`mediatui preview\` | ${mt_t} s | $((mt_rss / 1024)) MiB |
| \`chafa\` (the peer) | ${ch_t} s | $((ch_rss / 1024)) MiB |
| ratio (chafa / mediatui) | $(ratio "$ch_t" "$mt_t")x | $(ratio "$ch_rss" "$mt_rss")x |

The same picture in pixels (\`--pixels\`, 120x40 cells of 10x20 pixels), against chafa's \`--format\`:

| | time | peak RSS |
|---|---|---|
| \`mediatui preview --pixels sixel\` | ${mts_t} s | $((mts_rss / 1024)) MiB |
| \`chafa --format sixels\` | ${chs_t} s | $((chs_rss / 1024)) MiB |
| ratio (chafa / mediatui) | $(ratio "$chs_t" "$mts_t")x | $(ratio "$chs_rss" "$mts_rss")x |
| \`mediatui preview --pixels kitty\` | ${mtk_t} s | $((mtk_rss / 1024)) MiB |
| \`chafa --format kitty\` | ${chk_t} s | $((chk_rss / 1024)) MiB |
| ratio (chafa / mediatui) | $(ratio "$chk_t" "$mtk_t")x | $(ratio "$chk_rss" "$mtk_rss")x |

The interface, 160x48 (tmux), opening the item until its picture is on screen:

| | time | peak RSS of mediatui |
|---|---|---|
| fetched from the server | ${un_ms} ms | $((un_hwm / 1024)) MiB |
| from the preview cache | ${ca_ms} ms | $((ca_hwm / 1024)) MiB |
EOF
