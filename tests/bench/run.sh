#!/bin/bash
# run.sh — mediatui's upload and listing speed against curl, same endpoints,
# same run. Storage is Debian's nginx on loopback (WebDAV PUT); the reference
# server hands out presigned URLs that point at it, so the Python server only
# answers the small API calls (presign, confirm, list pages).
#
#   bash tests/bench/run.sh                   the full run (about 5 minutes)
#   BENCH_QUICK=1 bash tests/bench/run.sh     smaller sizes, one try each
#   BENCH_WRITE=1 bash tests/bench/run.sh     also writes tests/bench/results.md
#   BENCH_RUNS=N                              tries per case, best kept (default 3)
#
# Prints a Markdown report on stdout; progress goes to stderr.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
started=$(date +%s)

# ---- what it needs (Debian 12): nginx, hyperfine, curl via deps.sh; jq, time, uuidgen
sh tools/deps.sh --bench
need=""
command -v jq >/dev/null 2>&1 || need="$need jq"
[ -x /usr/bin/time ] || need="$need time"
command -v uuidgen >/dev/null 2>&1 || need="$need uuid-runtime"
if [ -n "$need" ]; then
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
build=$(sh tools/build.sh plain | tail -n 1)
M=${MEDIATUI:-$build/src/mediatui}   # another build to compare
PY=${PYTHON:-python3}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

W=$(mktemp -d "${TMPDIR:-/tmp}/mt-bench.XXXXXX")
SERVER=""
cleanup() {
	if [ -f "$W/nginx/nginx.pid" ]; then
		np=$(cat "$W/nginx/nginx.pid")
		kill "$np" 2>/dev/null || true
		i=0
		while kill -0 "$np" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	fi
	[ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; } || true
	rm -rf "$W" || true
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

quick=${BENCH_QUICK:-0}
if [ "$quick" = 1 ]; then
	N1=40 N2=200 BIG=$((64 << 20)) FLOW=40 LIB=10000 RUNS=${BENCH_RUNS:-1}
else
	N1=200 N2=2000 BIG=$((1 << 30)) FLOW=200 LIB=100000 RUNS=${BENCH_RUNS:-3}
fi
S1=$((1 << 20)) S2=$((20 << 10))

log() { printf '%s\n' "bench: $*" >&2; }
die() { printf '%s\n' "bench: $*" >&2; exit 1; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
calc() { "$PY" -c "print($1)"; }
secs() { calc "'%.3f' % ($2 - $1)"; }
min() { calc "'%.3f' % min($1, $2)"; }
mbps() { calc "'%.1f' % ($1 / 1e6 / $2)"; }        # MB/s, 10^6 bytes
ratio() { calc "'%.2f' % ($1 / $2)"; }               # time of the peer / time of mediatui
rss_mib() { calc "'%.1f' % ($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024)"; }

# ---- nginx accepting PUT on loopback, objects under $ROOT/o/
NPORT=$(free_port)
ROOT="$W/nginx/root"
mkdir -p "$ROOT/o" "$W/nginx/tmp" "$W/nginx/logs"
cat >"$W/nginx/nginx.conf" <<CONF
worker_processes 2;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
pid $W/nginx/nginx.pid;
error_log $W/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_max_body_size 0;
	client_body_temp_path $W/nginx/tmp;
	server {
		listen 127.0.0.1:$NPORT;
		root $ROOT;
		location /o/ { dav_methods PUT; create_full_put_path on; }
	}
}
CONF
"$NGINX" -e "$W/nginx/logs/error.log" -c "$W/nginx/nginx.conf" -p "$W/nginx" ||
	die "nginx did not start: $(cat "$W/nginx/logs/error.log")"
STORE="http://127.0.0.1:$NPORT"
i=0
until curl -s -o /dev/null "$STORE/"; do
	i=$((i + 1)); [ $i -lt 100 ] || die "nginx does not answer on $STORE"; sleep 0.05
done
# Between tries (outside the timed part): empty the storage host, and the
# server's library after checking it saw no violation. The reference server
# sums the library on every clarife presign (plan usage), so without the reset
# each try would be slower than the one before.
clear_store() {
	rm -rf "$ROOT/o" "$W/nginx/tmp"/*
	mkdir -p "$ROOT/o"
	if [ -n "$SERVER" ]; then
		v=$(violations)
		[ "$v" = 0 ] || die "the server recorded $v violations"
		curl -sS --fail -X POST "$API/_admin/reset" -o /dev/null
	fi
}
# CPU seconds (user + system) the reference server has used so far
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER/stat"; }

# ---- the reference server; start_server DIALECT ARGS...: sets API, writes $W/config
DOC_ID=0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d
KEY=bench-key-$$
printf '%s\n' "$KEY" >"$W/key"
chmod 600 "$W/key"
start_server() {
	d=$1; shift
	rm -f "$W/ready"
	"$PY" tests/server/mediaserver.py --dialect "$d" --port 0 --key "$KEY" \
		--external-storage "$STORE" --external-storage-dir "$ROOT" \
		--ready-file "$W/ready" "$@" >/dev/null 2>"$W/server.err" &
	SERVER=$!
	i=0
	while [ ! -s "$W/ready" ]; do
		i=$((i + 1))
		{ [ $i -lt 600 ] && kill -0 "$SERVER" 2>/dev/null; } || die "server did not start: $(cat "$W/server.err")"
		sleep 0.05
	done
	API=$(sed -n 's/.*api=\([^ ]*\).*/\1/p' "$W/ready")
	{
		echo "default = b"
		echo "[profile b]"; echo "api = $d"; echo "url = $API"; echo "key_file = $W/key"
		echo "document_id = $DOC_ID"; echo "video_id = bench"
	} >"$W/config"
	chmod 600 "$W/config"
}
stop_server() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
violations() {
	curl -s "$API/_admin/state" | jq '.violations | length'
}

# make_files DIR N BYTES: PNG signature + IHDR, then random bytes (libmagic: image/png)
make_files() {
	mkdir -p "$1"
	"$PY" - "$1" "$2" "$3" <<'PYEOF'
import os, struct, sys, zlib
d, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(t, b): return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
for i in range(n):
    with open(os.path.join(d, "f%05d.png" % i), "wb") as f:
        f.write(head + os.urandom(size - len(head)))
PYEOF
}

# make_mp4 PATH BYTES: "ftyp" at bytes 4-8 (libmagic: video/mp4), then random bytes
make_mp4() {
	"$PY" - "$1" "$2" <<'PYEOF'
import os, struct, sys
path, size = sys.argv[1], int(sys.argv[2])
ftyp = b"ftyp" + b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
head = struct.pack(">I", len(ftyp) + 4) + ftyp
body = size - len(head) - 8
with open(path, "wb") as f:
    f.write(head + struct.pack(">I", 8 + body if 8 + body < 1 << 32 else 0) + b"mdat")
    block = os.urandom(1 << 20)
    while body > 0:
        n = min(body, len(block)); f.write(block[:n]); body -= n
PYEOF
}

count_objects() { find "$ROOT/o" -type f | wc -l; }

# mt_upload JOBS FILES...: one fresh upload (new journal); prints seconds, RSS in $W/mt.time
mt_upload() {
	j=$1; shift
	clear_store
	rm -rf "$W/state"
	c0=$(server_cpu)
	t0=$(now)
	XDG_STATE_HOME="$W/state" /usr/bin/time -v -o "$W/mt.time" \
		"$M" -c "$W/config" upload -j "$j" --json "$@" >"$W/up.json" 2>"$W/up.err" ||
		die "mediatui upload failed: $(tail -n 5 "$W/up.err")"
	t1=$(now)
	c1=$(server_cpu)
	calc "'%.2f' % ($c1 - $c0)" >"$W/srv.cpu"
	bad=$(jq '[.[] | select(.status != "uploaded")] | length' "$W/up.json")
	[ "$bad" = 0 ] || die "mediatui: $bad uploads not done: $(jq -c '[.[] | select(.status != "uploaded")][0]' "$W/up.json")"
	got=$(count_objects)
	[ "$got" = $# ] || die "mediatui: nginx holds $got objects, expected $#"
	secs "$t0" "$t1"
}

# curl_upload MODE FILES...: MODE is a number (--parallel-max) or seq; one curl process
curl_upload() {
	mode=$1; shift
	clear_store
	: >"$W/curl.cfg"
	for f in "$@"; do
		printf 'upload-file = "%s"\nurl = "%s/o/peer/%s"\noutput = "/dev/null"\n' "$f" "$STORE" "${f##*/}" >>"$W/curl.cfg"
	done
	t0=$(now)
	if [ "$mode" = seq ]; then
		curl -sS --fail -K "$W/curl.cfg"
	else
		curl -sS --no-progress-meter --fail --parallel --parallel-max "$mode" -K "$W/curl.cfg"
	fi
	t1=$(now)
	got=$(count_objects)
	[ "$got" = $# ] || die "curl: nginx holds $got objects, expected $#"
	secs "$t0" "$t1"
}

# cpu_of TIMEFILE: user + system seconds from /usr/bin/time -v
cpu_of() {
	calc "'%.2f' % ($(sed -n 's/.*User time (seconds): //p' "$1") + $(sed -n 's/.*System time (seconds): //p' "$1"))"
}

# best FN ARGS...: runs FN $RUNS times, prints the best time. For mediatui the
# largest peak RSS of the tries goes to $W/rss, and the CPU seconds of the
# fastest try (mediatui's, the server's) to $W/cpu
best() {
	b=""; r=0
	echo "— —" >"$W/cpu"
	for _ in $(seq "$RUNS"); do
		rm -f "$W/srv.cpu"
		t=$("$@")
		if [ "$1" = mt_upload ] || [ "$1" = mt_ls ]; then
			x=$(rss_mib "$W/mt.time"); r=$(calc "max($r, $x)")
		fi
		if [ -z "$b" ] || [ "$(calc "int($t < $b)")" = 1 ]; then
			b=$t
			if [ "$1" = mt_upload ] || [ "$1" = mt_ls ]; then
				echo "$(cpu_of "$W/mt.time") $(cat "$W/srv.cpu" 2>/dev/null || echo —)" >"$W/cpu"
			fi
		fi
	done
	echo "$r" >"$W/rss"
	echo "$b"
}

rows="$W/rows.md"
: >"$rows"
# row LABEL BYTES MT_T MT_RSS MT_CPU SRV_CPU PAR_T SEQ_T
row() {
	printf '| %s | %s MB/s (%s s) | %s MiB | %s s / %s s | %s MB/s (%s s) | %s MB/s (%s s) | **%s** | **%s** |\n' \
		"$1" "$(mbps "$2" "$3")" "$3" "$4" "$5" "$6" "$(mbps "$2" "$7")" "$7" "$(mbps "$2" "$8")" "$8" \
		"$(ratio "$7" "$3")" "$(ratio "$8" "$3")" >>"$rows"
}

# ==== 1. many files, clarife (presign → PUT → confirm per file) ====
log "generating $N1 × 1 MiB and $N2 × 20 KiB files"
make_files "$W/set1" "$N1" "$S1"
make_files "$W/set2" "$N2" "$S2"
start_server clarife --plan business
for spec in "set1 $N1 $S1" "set2 $N2 $S2"; do
	set -- $spec
	dir=$W/$1 n=$2 size=$3
	bytes=$((n * size))
	log "$n × $size bytes: curl -T sequential"
	seq_t=$(best curl_upload seq "$dir"/*)
	for j in 4 8; do
		log "$n × $size bytes: mediatui -j $j"
		mt_t=$(best mt_upload "$j" "$dir"/*)
		mt_rss=$(cat "$W/rss")
		read -r mt_cpu srv_cpu <"$W/cpu"
		log "$n × $size bytes: curl --parallel-max $j"
		par_t=$(best curl_upload "$j" "$dir"/*)
		if [ "$size" -ge 1048576 ]; then label="$n × $((size >> 20)) MiB, -j $j"; else label="$n × $((size >> 10)) KiB, -j $j"; fi
		row "$label" "$bytes" "$mt_t" "$mt_rss" "$mt_cpu" "$srv_cpu" "$par_t" "$seq_t"
	done
done

# ==== 3. the whole flow: mediatui against seed 000's curl+jq recipe, xargs -P 4 ====
cat >"$W/recipe.sh" <<'SH'
#!/bin/sh
# Seed 000's "Complete Example" for one file ($1); API, KEY, DOC_ID from the
# environment. Verbatim but for the host, the file, stat -c (GNU) and --fail.
set -e
f=$1
RESPONSE=$(curl -s --fail -X POST "$API/api/v1/media/presign" \
-H "Authorization: Bearer $KEY" \
-H "Content-Type: application/json" \
-d '{
"document_id": "'$DOC_ID'",
"media_id": "'$(uuidgen | tr A-Z a-z)'",
"filename": "'$(basename "$f")'",
"mime_type": "image/png",
"file_size_bytes": '$(stat -c%s "$f")'
}')
UPLOAD_URL=$(echo $RESPONSE | jq -r '.upload_url')
MEDIA_ID=$(echo $RESPONSE | jq -r '.media_id')
curl -s --fail -X PUT "$UPLOAD_URL" \
-H "Content-Type: image/png" \
--data-binary @"$f" >/dev/null
curl -s --fail -X POST "$API/api/v1/media/confirm" \
-H "Authorization: Bearer $KEY" \
-H "Content-Type: application/json" \
-d "{\"media_id\":\"$MEDIA_ID\"}" >/dev/null
SH
flow_rows="$W/flow.md"
: >"$flow_rows"
for set in set1 set2; do
	files=$(ls "$W/$set"/*.png | head -n "$FLOW")
	# shellcheck disable=SC2086
	set -- $files
	n=$#
	sz=$(stat -c%s "$1")
	if [ "$sz" -ge 1048576 ]; then sz="$((sz >> 20)) MiB"; else sz="$((sz >> 10)) KiB"; fi
	log "whole flow, $n × $sz: mediatui -j 4"
	mt_t=$(best mt_upload 4 "$@")
	log "whole flow, $n × $sz: seed recipe, xargs -P 4"
	read -r fmt_cpu fsrv_cpu <"$W/cpu"
	clear_store
	c0=$(server_cpu)
	t0=$(now)
	printf '%s\n' "$@" | API="$API" KEY="$KEY" DOC_ID="$DOC_ID" xargs -P 4 -n 1 sh "$W/recipe.sh" ||
		die "the seed recipe failed"
	t1=$(now)
	rc_t=$(secs "$t0" "$t1")
	c1=$(server_cpu)
	rsrv_cpu=$(calc "'%.2f' % ($c1 - $c0)")
	got=$(count_objects)
	[ "$got" = "$n" ] || die "recipe: nginx holds $got objects, expected $n"
	printf '| %s files × %s | %s s (server CPU %s s) | %s s (server CPU %s s) | **%s×** |\n' \
		"$n" "$sz" "$mt_t" "$fsrv_cpu" "$rc_t" "$rsrv_cpu" "$(ratio "$rc_t" "$mt_t")" >>"$flow_rows"
done
v=$(violations)
[ "$v" = 0 ] || die "the server recorded $v violations"
stop_server
rm -rf "$W/set1" "$W/set2"

# ==== 1b + 2. one big file (flare: presign, PUT), with peak RSS ====
log "generating a $((BIG >> 20)) MiB MP4-looking file"
make_mp4 "$W/big.mp4" "$BIG"
start_server flare
log "big file: mediatui"
big_t=$(best mt_upload 4 "$W/big.mp4")
big_rss=$(cat "$W/rss")
read -r big_cpu big_srv <"$W/cpu"
log "big file: curl --parallel-max 4"
bigp_t=$(best curl_upload 4 "$W/big.mp4")
log "big file: curl -T"
bigs_t=$(best curl_upload seq "$W/big.mp4")
stop_server
clear_store
rm -f "$W/big.mp4"
row "1 file × $((BIG >> 20)) MiB (flare), -j 4" "$BIG" "$big_t" "$big_rss" "$big_cpu" "$big_srv" "$bigp_t" "$bigs_t"

# ==== 4. ls --all --json over the seeded library ====
log "ls --all over $LIB items"
start_server clearcms --seed-library "$LIB"
curl -s -H "Authorization: Bearer $KEY" "$API/api/v1/media?limit=100" -o /dev/null   # warm up
mt_ls() {
	t0=$(now)
	/usr/bin/time -v -o "$W/mt.time" "$M" -c "$W/config" ls --all --json >"$W/ls.json" 2>"$W/ls.err" ||
		die "mediatui ls failed: $(tail -n 5 "$W/ls.err")"
	t1=$(now)
	secs "$t0" "$t1"
}
ls_t=$(best mt_ls)
ls_rss=$(cat "$W/rss")
ls_n=$(jq '.items | length' "$W/ls.json")
[ "$ls_n" = "$LIB" ] || die "ls listed $ls_n items, expected $LIB"
pages=$(( (LIB + 99) / 100 ))
log "ls: shell loop of $pages curl processes"
t0=$(now)
off=0
while [ $off -lt "$LIB" ]; do
	curl -s --fail -H "Authorization: Bearer $KEY" "$API/api/v1/media?limit=100&offset=$off" -o /dev/null
	off=$((off + 100))
done
t1=$(now)
loop_t=$(secs "$t0" "$t1")
log "ls: one curl process, $pages URLs"
: >"$W/pages.cfg"
off=0
while [ $off -lt "$LIB" ]; do
	printf 'url = "%s/api/v1/media?limit=100&offset=%d"\noutput = "/dev/null"\n' "$API" "$off" >>"$W/pages.cfg"
	off=$((off + 100))
done
t0=$(now)
curl -sS --fail -H "Authorization: Bearer $KEY" -K "$W/pages.cfg"
t1=$(now)
one_t=$(secs "$t0" "$t1")
stop_server

# ==== the report ====
total=$(( $(date +%s) - started ))
report="$W/report.md"
{
	echo "# mediatui benchmark results"
	echo
	echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(free -m | awk '/Mem:/ {printf "%.1f GiB", $2 / 1024}') RAM;" \
	     "$(. /etc/os-release && echo "$PRETTY_NAME"); $(curl --version | head -n 1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1 | sed 's/.*: //')."
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ with uncommitted changes)');" \
	     "best of $RUNS tries per case; quick=$quick; the whole run took ${total} s."
	echo
	echo "## Upload throughput (MB/s = 10^6 bytes/s)"
	echo
	echo "mediatui does presign → PUT → confirm per file (clarife; flare for the big file: presign → PUT);"
	echo "its time includes those API calls to the single-process Python reference server."
	echo "The curl peers only PUT the same files to the same nginx. Ratio = curl time / mediatui time"
	echo "(= mediatui throughput / curl throughput; ≥ 1 means mediatui is at least as fast)."
	echo
	echo "CPU: user + system seconds of mediatui / of the Python server during mediatui's fastest try."
	echo
	echo "| case | mediatui | mediatui peak RSS | CPU mediatui / server | curl --parallel (same -j) | curl -T sequential | ratio vs parallel | ratio vs sequential |"
	echo "|---|---|---|---|---|---|---|---|"
	cat "$rows"
	echo
	echo "Peak RSS uploading the $((BIG >> 20)) MiB file: **$big_rss MiB** (target < 32 MiB)."
	echo
	echo "## Whole flow (presign → PUT → confirm), clarife"
	echo
	echo "mediatui \`upload -j 4\` against seed 000's curl+jq \"Complete Example\" run per file with \`xargs -P 4\`."
	echo
	echo "| files | mediatui -j 4 | seed recipe, xargs -P 4 | speed-up (target ≥ 20×) |"
	echo "|---|---|---|---|"
	cat "$flow_rows"
	echo
	echo "## ls --all --json over the $LIB-item reference library (clearcms)"
	echo
	echo "| | time | peak RSS |"
	echo "|---|---|---|"
	echo "| mediatui ls --all --json ($ls_n items) | $ls_t s | $ls_rss MiB |"
	echo "| shell loop of curl, $pages pages of 100 | $loop_t s | — |"
	echo "| one curl process, the same $pages URLs (keep-alive) | $one_t s | — |"
} >"$report"
cat "$report"
if [ "${BENCH_WRITE:-0}" = 1 ]; then
	# the sections other scripts wrote (from their first "<!-- tests/bench/" marker on) stay
	res="$top/tests/bench/results.md"
	{ cat "$report"; echo; sed -n '/^<!-- tests\/bench\//,$p' "$res"; } >"$W/results.new"
	cp "$W/results.new" "$res"
	log "wrote tests/bench/results.md"
fi
log "done in ${total} s"
exit 0
