#!/bin/bash
# bench.sh — upload and listing speed of mediatui against curl, same endpoints,
# same run. Storage is Debian's nginx on loopback (WebDAV PUT), so the Python
# reference server only answers the small API calls.
#   bash tests/bench/bench.sh            the full run (about 3 minutes)
#   BENCH_QUICK=1 bash tests/bench/bench.sh   smaller sizes, for a smoke test
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
sh tools/deps.sh --bench
for p in jq time; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
build=$(sh tools/build.sh plain | tail -n 1)
M="$build/src/mediatui"
PY=${PYTHON:-python3}

W=$(mktemp -d "${TMPDIR:-/tmp}/mt-bench.XXXXXX")
pids=""
cleanup() {
	if [ -f "$W/nginx/nginx.pid" ]; then
		np=$(cat "$W/nginx/nginx.pid")
		kill "$np" 2>/dev/null
		i=0
		while kill -0 "$np" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	fi
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$W" || true
	return 0
}
trap cleanup EXIT INT TERM

quick=${BENCH_QUICK:-0}
if [ "$quick" = 1 ]; then N1=40 N2=200 BIG=$((64 << 20)) FLOW=40 LIB=20000
else N1=200 N2=2000 BIG=$((1 << 30)) FLOW=200 LIB=100000; fi

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
secs() { "$PY" -c "print('%.3f' % ($2 - $1))"; }
mbps() { "$PY" -c "print('%.1f' % ($1 / 1048576 / $2))"; }
ratio() { "$PY" -c "print('%.2f' % ($1 / $2))"; }

# ---- nginx accepting PUT on loopback
NPORT=$(free_port)
mkdir -p "$W/nginx/root/o" "$W/nginx/tmp" "$W/nginx/logs"
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
		root $W/nginx/root;
		location / { dav_methods PUT; create_full_put_path on; }
	}
}
CONF
nginx -c "$W/nginx/nginx.conf" -p "$W/nginx"
STORE="http://127.0.0.1:$NPORT"

# start_server DIALECT ARGS...: sets API
start_server() {
	d=$1; shift
	rm -f "$W/ready"
	"$PY" tests/server/mediaserver.py --dialect "$d" --port 0 --key benchkey \
		--external-storage "$STORE" --external-storage-dir "$W/nginx/root" \
		--ready-file "$W/ready" "$@" >/dev/null 2>"$W/server.err" &
	SERVER=$!
	pids="$pids $SERVER"
	while [ ! -s "$W/ready" ]; do sleep 0.05; done
	API=$(sed -n 's/.*api=\([^ ]*\).*/\1/p' "$W/ready")
	printf 'benchkey\n' >"$W/key"
	chmod 600 "$W/key"
	{
		echo "[profile b]"; echo "api = $d"; echo "url = $API"; echo "key_file = $W/key"
		echo "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"; echo "video_id = bench"
	} >"$W/config"
	chmod 600 "$W/config"
}
stop_server() { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; }

# make_files DIR N BYTES: PNG-looking files (libmagic reads the signature)
make_files() {
	mkdir -p "$1"
	"$PY" - "$1" "$2" "$3" <<'PY'
import os, struct, sys, zlib
d, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(t, b): return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
for i in range(n):
    with open(os.path.join(d, "f%05d.png" % i), "wb") as f:
        f.write(head + os.urandom(size - len(head)))
PY
}

# mediatui_upload DIR JOBS: seconds for a fresh upload of every file in DIR
mediatui_upload() {
	rm -rf "$W/state"
	t0=$(now)
	XDG_STATE_HOME="$W/state" "$M" -c "$W/config" upload -j "$2" --json "$1"/* >"$W/up.json"
	t1=$(now)
	bad=$(jq '[.[] | select(.status != "uploaded")] | length' "$W/up.json")
	[ "$bad" = 0 ] || { echo "mediatui: $bad uploads failed" >&2; jq '.[0]' "$W/up.json" >&2; exit 1; }
	secs "$t0" "$t1"
}

# curl_upload DIR JOBS|seq: seconds for curl PUTting every file to nginx
curl_upload() {
	: >"$W/curl.cfg"
	for f in "$1"/*; do
		printf 'upload-file = "%s"\nurl = "%s/peer/%s/%s"\n' "$f" "$STORE" "$2" "$(basename "$f")" >>"$W/curl.cfg"
	done
	t0=$(now)
	if [ "$2" = seq ]; then
		curl -sS --fail -K "$W/curl.cfg" -o /dev/null
	else
		curl -sS --no-progress-meter --fail --parallel --parallel-max "$2" -K "$W/curl.cfg" -o /dev/null
	fi
	t1=$(now)
	secs "$t0" "$t1"
}

report="$W/report.md"
{
	echo "| case | mediatui | curl --parallel (same -j) | curl -T sequential | ratio vs parallel | ratio vs sequential |"
	echo "|---|---|---|---|---|---|"
} >"$report"

start_server clarife --plan business
for spec in "$N1 1048576" "$N2 20480"; do
	set -- $spec
	n=$1; size=$2
	make_files "$W/files-$n" "$n" "$size"
	bytes=$((n * size))
	seq_t=$(curl_upload "$W/files-$n" seq)
	for j in 4 8; do
		mt_t=$(mediatui_upload "$W/files-$n" "$j")
		par_t=$(curl_upload "$W/files-$n" "$j")
		echo "| $n × $((size / 1024)) KiB, -j $j | $(mbps $bytes "$mt_t") MB/s ($mt_t s) | $(mbps $bytes "$par_t") MB/s ($par_t s) | $(mbps $bytes "$seq_t") MB/s ($seq_t s) | $(ratio "$par_t" "$mt_t") | $(ratio "$seq_t" "$mt_t") |" >>"$report"
	done
done

# ---- the whole flow, mediatui against the seed's curl+jq recipe with xargs -P 4
cat >"$W/recipe.sh" <<'SH'
#!/bin/sh
# seed 000's complete example, for one file ($1); API in $API
f=$1
MEDIA_ID=$(python3 -c 'import uuid; print(uuid.uuid4())')
RESPONSE=$(curl -s -X POST "$API/api/v1/media/presign" \
  -H "Authorization: Bearer benchkey" -H "Content-Type: application/json" \
  -d '{"document_id": "0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d", "media_id": "'$MEDIA_ID'",
       "filename": "'$(basename "$f")'", "mime_type": "image/png", "file_size_bytes": '$(stat -c%s "$f")'}')
UPLOAD_URL=$(echo "$RESPONSE" | jq -r '.upload_url')
MEDIA_ID=$(echo "$RESPONSE" | jq -r '.media_id')
curl -s -X PUT "$UPLOAD_URL" -H "Content-Type: image/png" --data-binary @"$f" >/dev/null
curl -s -X POST "$API/api/v1/media/confirm" -H "Authorization: Bearer benchkey" \
  -H "Content-Type: application/json" -d "{\"media_id\":\"$MEDIA_ID\"}" >/dev/null
SH
mkdir -p "$W/flow"
cp "$W/files-$N2"/f0*.png "$W/flow/" 2>/dev/null || true
ls "$W/flow" | tail -n +$((FLOW + 1)) | while read -r x; do rm -f "$W/flow/$x"; done
t0=$(now)
ls "$W"/flow/* | API="$API" xargs -P 4 -n 1 sh "$W/recipe.sh"
t1=$(now)
recipe_t=$(secs "$t0" "$t1")
flow_t=$(mediatui_upload "$W/flow" 4)
stop_server

# ---- one big file: time and peak memory
start_server flare
"$PY" - "$W/big.mp4" "$BIG" <<'PY'
import os, struct, sys
path, size = sys.argv[1], int(sys.argv[2])
ftyp = b"ftyp" + b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
head = struct.pack(">I", len(ftyp) + 4) + ftyp
with open(path, "wb") as f:
    f.write(head + struct.pack(">I", 0) + b"mdat")
    left = size - len(head) - 8
    block = os.urandom(1 << 20)
    while left > 0:
        f.write(block[:min(left, len(block))])
        left -= min(left, len(block))
PY
rm -rf "$W/state"
t0=$(now)
XDG_STATE_HOME="$W/state" /usr/bin/time -v "$M" -c "$W/config" upload --json "$W/big.mp4" >"$W/big.json" 2>"$W/big.time"
t1=$(now)
big_t=$(secs "$t0" "$t1")
big_rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$W/big.time")
t0=$(now)
curl -sS --fail -T "$W/big.mp4" "$STORE/peer/big.mp4" -o /dev/null
t1=$(now)
bigc_t=$(secs "$t0" "$t1")
stop_server
echo "| 1 file of $((BIG >> 20)) MiB | $(mbps $BIG "$big_t") MB/s ($big_t s) | — | $(mbps $BIG "$bigc_t") MB/s ($bigc_t s) | — | $(ratio "$bigc_t" "$big_t") |" >>"$report"

# ---- listing a large library
start_server clearcms --seed-library "$LIB"
curl -s -H "Authorization: Bearer benchkey" "$API/api/v1/media?limit=100" -o /dev/null  # warm the index
t0=$(now)
/usr/bin/time -v "$M" -c "$W/config" ls --all --json >"$W/ls.json" 2>"$W/ls.time"
t1=$(now)
ls_t=$(secs "$t0" "$t1")
ls_rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$W/ls.time")
ls_n=$(jq '.items | length' "$W/ls.json")
: >"$W/pages.cfg"
off=0
while [ $off -lt "$LIB" ]; do
	printf 'url = "%s/api/v1/media?limit=100&offset=%d&sort=createdAt&order=asc"\noutput = "/dev/null"\n' "$API" "$off" >>"$W/pages.cfg"
	off=$((off + 100))
done
t0=$(now)
curl -sS --fail -H "Authorization: Bearer benchkey" -K "$W/pages.cfg"
t1=$(now)
lsc_t=$(secs "$t0" "$t1")
stop_server

{
	echo
	echo "Whole flow (presign → PUT → confirm), $FLOW files of 20 KiB: mediatui -j 4 $flow_t s;" \
	     "seed 000's curl+jq recipe with xargs -P 4 $recipe_t s: $(ratio "$recipe_t" "$flow_t")× faster."
	echo
	echo "Peak RSS uploading the $((BIG >> 20)) MiB file: $((big_rss / 1024)) MiB."
	echo
	echo "ls --all --json over $LIB items ($ls_n listed): $ls_t s, peak RSS $((ls_rss / 1024)) MiB;" \
	     "curl fetching the same $((LIB / 100)) pages in one process: $lsc_t s."
	echo
	echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); quick=$quick."
} >>"$report"
cat "$report"
if [ "${BENCH_WRITE:-0}" = 1 ]; then cp "$report" "$top/tests/bench/results.md"; fi
exit 0
