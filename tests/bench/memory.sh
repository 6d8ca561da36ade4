#!/bin/bash
# memory.sh — whether memory stays flat in the number of files queued and in
# the size of the library: peak RSS of `upload -j 8` for two queue sizes and
# the time from the command's start to the first PUT stored, against one
# `curl --parallel --parallel-max 8` process PUTting the same files to the
# same nginx, and against curl doing the same requests as mediatui (three
# `curl --parallel --parallel-max 8` batches: the presigns, the PUTs, the
# confirms; CPU is the three processes'); then the content audit at two
# library sizes (content.sh). CPU: user + system seconds of the client alone.
# MEM_BIG=N adds N × 1 MiB: mediatui's wall time against the larger of the
# curl PUTs and the curl presigns alone.
#
#   bash tests/bench/memory.sh                    1000 and 10000 files; audit 2000 and 10000
#   MEM_FILES="200 2000" MEM_AUDIT="500 2000" bash tests/bench/memory.sh     smaller
#   MEM_AUDIT="" bash tests/bench/memory.sh       uploads only
#   MEM_BIG=200 bash tests/bench/memory.sh        also 200 × 1 MiB, wall time ratio
#   MEM_SAME=0                                    without curl's same requests (quicker A/B runs)
#   MEDIATUI=PATH                                 another build (default: builds _build/plain)
#
# Files are 4 KiB PNG-looking files (the size does not matter here: memory per
# queued file is the question). One try per case. Markdown on stdout,
# progress on stderr. Needs nginx, curl, jq and /usr/bin/time (as run.sh).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
M=${MEDIATUI:-}
if [ -z "$M" ]; then
	build=$(sh tools/build.sh plain | tail -n 1)
	M="$build/src/mediatui"
fi
PY=${PYTHON:-python3}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
FILES=${MEM_FILES-1000 10000}
AUDIT=${MEM_AUDIT-2000 10000}
BIG=${MEM_BIG-}
SAME=${MEM_SAME-1}
SIZE=4096
DOC_ID=0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d

W=$(mktemp -d "${TMPDIR:-/tmp}/mt-bench-mem.XXXXXX")
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

log() { printf '%s\n' "memory: $*" >&2; }
die() { printf '%s\n' "memory: $*" >&2; exit 1; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
calc() { "$PY" -c "print($1)"; }
rss_mib() { calc "'%.1f' % ($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024)"; }
wall_of() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1"; }
cpu_of() {
	calc "'%.2f' % ($(sed -n 's/.*User time (seconds): //p' "$1") + $(sed -n 's/.*System time (seconds): //p' "$1"))"
}

# ---- nginx: PUT under /o/, every request logged with its end time ($msec)
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
	log_format t '\$msec \$request_method';
	access_log $W/nginx/logs/access.log t;
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
clear_store() {
	rm -rf "$ROOT/o" "$W/nginx/tmp"/*
	mkdir -p "$ROOT/o"
	: >"$W/nginx/logs/access.log"
}
count_objects() { find "$ROOT/o" -type f | wc -l; }
# seconds from T0 to the end of the first PUT nginx logged
first_put() {
	i=0
	until grep -q ' PUT$' "$W/nginx/logs/access.log"; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "—"; return; }; sleep 0.05
	done
	t=$(grep -m1 ' PUT$' "$W/nginx/logs/access.log" | cut -d' ' -f1)
	calc "'%.2f' % ($t - $1)"
}

KEY=bench-key-$$
printf '%s\n' "$KEY" >"$W/key"
chmod 600 "$W/key"
rm -f "$W/ready"
"$PY" tests/server/mediaserver.py --dialect clarife --port 0 --key "$KEY" --plan business \
	--external-storage "$STORE" --external-storage-dir "$ROOT" \
	--ready-file "$W/ready" >/dev/null 2>"$W/server.err" &
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
	echo "[profile b]"; echo "api = clarife"; echo "url = $API"; echo "key_file = $W/key"
	echo "document_id = $DOC_ID"
} >"$W/config"
chmod 600 "$W/config"

# curl_cfgs DIR MODE: a curl config for every file of DIR; MODE presign
# (answers into $W/p/NAME.json), put (to the URL of each answer) or confirm
curl_cfgs() {
	"$PY" - "$1" "$2" "$API" "$KEY" "$DOC_ID" "$W/p" <<'PYEOF'
import json, os, sys, uuid
d, mode, api, key, doc, pdir = sys.argv[1:7]
out = []
for f in sorted(os.listdir(d)):
    path = os.path.join(d, f)
    if mode == "presign":
        body = json.dumps({"document_id": doc, "media_id": str(uuid.uuid4()), "filename": f,
                           "mime_type": "image/png", "file_size_bytes": os.path.getsize(path)},
                          separators=(",", ":"))
        out.append('url = "%s/api/v1/media/presign"\nheader = "Authorization: Bearer %s"\n'
                   'header = "Content-Type: application/json"\ndata = %s\noutput = "%s/%s.json"\nfail\n'
                   % (api, key, json.dumps(body), pdir, f))
    else:
        a = json.load(open(os.path.join(pdir, f + ".json")))
        if mode == "put":
            out.append('upload-file = "%s"\nurl = "%s"\nheader = "Content-Type: image/png"\n'
                       'output = "/dev/null"\nfail\n' % (path, a["upload_url"]))
        else:
            body = json.dumps({"media_id": a["media_id"]}, separators=(",", ":"))
            out.append('url = "%s/api/v1/media/confirm"\nheader = "Authorization: Bearer %s"\n'
                       'header = "Content-Type: application/json"\ndata = %s\noutput = "/dev/null"\nfail\n'
                       % (api, key, json.dumps(body)))
sys.stdout.write("next\n".join(out))
PYEOF
}

# curl3 DIR N: the presigns, the PUTs, the confirms, each one curl --parallel
# process; the time and CPU of the three (the configs are built between them,
# outside the clock); the wall time of each into $W/c3walls
curl3() {
	clear_store
	curl -sS --fail -X POST "$API/_admin/reset" -o /dev/null
	rm -rf "$W/p"; mkdir -p "$W/p"
	curl_cfgs "$1" presign >"$W/pre.cfg"
	/usr/bin/time -v -o "$W/c1.time" curl -sS --no-progress-meter --parallel --parallel-max 8 -K "$W/pre.cfg" ||
		die "curl presigns failed"
	curl_cfgs "$1" put >"$W/put.cfg"
	curl_cfgs "$1" confirm >"$W/con.cfg"
	/usr/bin/time -v -o "$W/c2.time" curl -sS --no-progress-meter --parallel --parallel-max 8 -K "$W/put.cfg" ||
		die "curl PUTs failed"
	/usr/bin/time -v -o "$W/c3.time" curl -sS --no-progress-meter --parallel --parallel-max 8 -K "$W/con.cfg" ||
		die "curl confirms failed"
	got=$(count_objects)
	[ "$got" = "$2" ] || die "curl: nginx holds $got objects, expected $2"
	walls=""
	for t in c1 c2 c3; do walls="$walls $(secs_of "$W/$t.time")"; done
	echo "$walls" >"$W/c3walls"
}
secs_of() {
	calc "'%.2f' % sum(float(x) * 60 ** i for i, x in enumerate(reversed('$(wall_of "$1")'.split(':'))))"
}
cpu3() { calc "'%.2f' % ($(cpu_of "$W/c1.time") + $(cpu_of "$W/c2.time") + $(cpu_of "$W/c3.time"))"; }

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

if [ -n "$FILES" ]; then
	echo "| files | client | wall | CPU | first PUT after | peak RSS | RSS per file |"
	echo "|---|---|---|---|---|---|---|"
fi
base=""
for n in $FILES; do
	log "$n files: generating"
	rm -rf "$W/set"
	make_files "$W/set" "$n" "$SIZE"

	log "$n files: mediatui upload -j 8"
	clear_store
	curl -sS --fail -X POST "$API/_admin/reset" -o /dev/null
	rm -rf "$W/state"
	t0=$(now)
	XDG_STATE_HOME="$W/state" /usr/bin/time -v -o "$W/mt.time" \
		"$M" -c "$W/config" upload -j 8 --json "$W/set"/* >"$W/up.json" 2>"$W/up.err" ||
		die "mediatui upload failed: $(tail -n 5 "$W/up.err")"
	first=$(first_put "$t0")
	bad=$(jq '[.[] | select(.status != "uploaded")] | length' "$W/up.json")
	[ "$bad" = 0 ] || die "mediatui: $bad uploads not done"
	got=$(count_objects)
	[ "$got" = "$n" ] || die "mediatui: nginx holds $got objects, expected $n"
	v=$(curl -s "$API/_admin/state" | jq '.violations | length')
	[ "$v" = 0 ] || die "the server recorded $v violations"
	rss=$(rss_mib "$W/mt.time")
	if [ -z "$base" ]; then
		per="—"; base="$n $rss"
	else
		set -- $base
		per="$(calc "'%.2f KiB' % (($rss - $2) * 1024 / ($n - $1))") (from $1 to $n)"
	fi
	echo "| $n | mediatui upload -j 8 | $(wall_of "$W/mt.time") | $(cpu_of "$W/mt.time") s | $first s | $rss MiB | $per |"

	log "$n files: curl --parallel --parallel-max 8"
	clear_store
	: >"$W/curl.cfg"
	for f in "$W/set"/*; do
		printf 'upload-file = "%s"\nurl = "%s/o/peer/%s"\noutput = "/dev/null"\n' "$f" "$STORE" "${f##*/}" >>"$W/curl.cfg"
	done
	t0=$(now)
	/usr/bin/time -v -o "$W/curl.time" \
		curl -sS --no-progress-meter --fail --parallel --parallel-max 8 -K "$W/curl.cfg"
	first=$(first_put "$t0")
	got=$(count_objects)
	[ "$got" = "$n" ] || die "curl: nginx holds $got objects, expected $n"
	echo "| $n | curl --parallel --parallel-max 8 | $(wall_of "$W/curl.time") | $(cpu_of "$W/curl.time") s | $first s | $(rss_mib "$W/curl.time") MiB | |"

	[ "$SAME" = 1 ] || continue
	log "$n files: curl, the same requests (presigns, PUTs, confirms)"
	curl3 "$W/set" "$n"
	# shellcheck disable=SC2046
	set -- $(cat "$W/c3walls")
	echo "| $n | curl, same requests: 3 × --parallel-max 8 | $(calc "'%.2f' % ($1 + $2 + $3)") | $(cpu3) s | | $(rss_mib "$W/c2.time") MiB (PUTs) | |"
done

if [ -n "$BIG" ]; then
	log "$BIG × 1 MiB: generating"
	rm -rf "$W/set"
	make_files "$W/set" "$BIG" $((1 << 20))
	echo
	echo "| $BIG × 1 MiB | wall | CPU |"
	echo "|---|---|---|"
	log "$BIG × 1 MiB: mediatui upload -j 8"
	clear_store
	curl -sS --fail -X POST "$API/_admin/reset" -o /dev/null
	rm -rf "$W/state"
	XDG_STATE_HOME="$W/state" /usr/bin/time -v -o "$W/mt.time" \
		"$M" -c "$W/config" upload -j 8 --json "$W/set"/* >"$W/up.json" 2>"$W/up.err" ||
		die "mediatui upload failed: $(tail -n 5 "$W/up.err")"
	[ "$(count_objects)" = "$BIG" ] || die "mediatui: nginx holds $(count_objects) objects"
	mt=$(secs_of "$W/mt.time")
	echo "| mediatui upload -j 8 | $mt s | $(cpu_of "$W/mt.time") s |"
	log "$BIG × 1 MiB: curl presigns, PUTs, confirms"
	curl3 "$W/set" "$BIG"
	# shellcheck disable=SC2046
	set -- $(cat "$W/c3walls")
	echo "| curl presigns (--parallel-max 8) | $1 s | $(cpu_of "$W/c1.time") s |"
	echo "| curl PUTs (--parallel-max 8) | $2 s | $(cpu_of "$W/c2.time") s |"
	echo "| curl confirms (--parallel-max 8) | $3 s | $(cpu_of "$W/c3.time") s |"
	echo "| ratio mediatui / max(PUTs, presigns) | **$(calc "'%.2f' % ($mt / max($1, $2))")** | |"
fi
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
SERVER=""

if [ -n "$AUDIT" ]; then
	echo
	log "content audit: $AUDIT"
	# shellcheck disable=SC2086
	MEDIATUI="$M" sh tests/bench/content.sh $AUDIT
fi
