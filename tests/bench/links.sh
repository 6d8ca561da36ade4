#!/bin/bash
# links.sh — uploads over TLS on links with a delay: mediatui against curl
# doing the same requests and against seed 000's curl+jq recipe. The API
# (the reference server) and the storage host are behind nginx with TLS
# (a CA made for the run), and every connection goes through delay-relay,
# which delays each direction by D ms. See README.md.
#
#   bash tests/bench/links.sh [--quick] [--mediatui PATH] [--write]
#   LINKS_DELAYS="0 25 75"   one-way delays in ms (default)
#   LINKS_RUNS=N             tries at 0 ms, best kept (default 3; 1 quick)
#   LINKS_N1, LINKS_N2, LINKS_RECIPE_N, LINKS_BIG_MIB   set sizes (files, MiB)
#   LINKS_SETS="many big"    which parts to run: the many-file sets, the big file
#   LINKS_WRAP="CMD ARGS"    runs mediatui under CMD (a profiler: perf record -o F)
#   LINKS_H2_BODY=SIZE       the HTTP/2 storage host's upload window per request
#                            (nginx's http2_body_preread_size and
#                            client_body_buffer_size; default: nginx's own)
#
# Markdown report on stdout, progress on stderr; --write also puts it in
# results.md between the links.sh markers.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
started=$(date +%s)
quick=0 write=0 M=""
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--write) write=1 ;;
	--mediatui) M=$2; shift ;;
	*) echo "usage: links.sh [--quick] [--write] [--mediatui PATH]" >&2; exit 2 ;;
	esac
	shift
done

sh tools/deps.sh --bench
need=""
command -v jq >/dev/null 2>&1 || need="$need jq"
[ -x /usr/bin/time ] || need="$need time"
command -v uuidgen >/dev/null 2>&1 || need="$need uuid-runtime"
command -v openssl >/dev/null 2>&1 || need="$need openssl"
if [ -n "$need" ]; then
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
if [ -z "$M" ]; then
	build=$(sh tools/build.sh plain | tail -n 1)
	M="$build/src/mediatui"
fi
[ -x "$M" ] || { echo "links: no mediatui at $M" >&2; exit 1; }
PY=${PYTHON:-python3}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

W=$(mktemp -d "${TMPDIR:-/tmp}/mt-links.XXXXXX")
SERVER="" RELAY=""
cleanup() {
	[ -z "$RELAY" ] || { kill "$RELAY" 2>/dev/null; wait "$RELAY" 2>/dev/null; } || true
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

DELAYS=${LINKS_DELAYS:-0 25 75}
if [ "$quick" = 1 ]; then
	N1=20 N2=100 N2_SLOW=100 BIG=$((32 << 20)) RECIPE_N=16 RUNS=${LINKS_RUNS:-1}
else
	N1=200 N2=2000 N2_SLOW=500 BIG=$((1 << 30)) RECIPE_N=80 RUNS=${LINKS_RUNS:-3}
fi
# sizes can be set for a shorter run
N1=${LINKS_N1:-$N1} N2=${LINKS_N2:-$N2} N2_SLOW=${LINKS_N2:-$N2_SLOW} RECIPE_N=${LINKS_RECIPE_N:-$RECIPE_N}
BIG=$(( ${LINKS_BIG_MIB:-$((BIG >> 20))} << 20 ))
J=8

log() { printf '%s\n' "links: $*" >&2; }
die() { printf '%s\n' "links: $*" >&2; exit 1; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
calc() { "$PY" -c "print($1)"; }
secs() { calc "'%.2f' % ($2 - $1)"; }
rss_of() { calc "'%.1f' % ($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | sort -n | tail -n 1) / 1024)"; }
cpu_of() { calc "'%.2f' % ($(sed -n 's/.*User time (seconds): //p; s/.*System time (seconds): //p' "$@" | paste -sd+))"; }

# ---- a CA and a server certificate for 127.0.0.1, made for this run
T=$W/tls
mkdir -p "$T"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
	-subj "/CN=mediatui bench CA" -keyout "$T/ca.key" -out "$T/ca.pem" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
	-keyout "$T/server.key" -out "$T/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' >"$T/ext"
openssl x509 -req -in "$T/server.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
	-days 2 -extfile "$T/ext" -out "$T/server.pem" 2>/dev/null
openssl rand 80 >"$T/ticket.key"

# ---- the relay
cc -std=c11 -O2 -Wall -Wextra -o "$W/delay-relay" tests/bench/delay-relay.c || die "cannot build delay-relay"

# ---- nginx: API (h2, proxy to the Python server), storage h2 and storage HTTP/1.1
PYPORT=$(free_port) NAPI=$(free_port) NST2=$(free_port) NST1=$(free_port)
RAPI=$(free_port) RST=$(free_port)       # the relay's ports: what the clients see
ROOT="$W/nginx/root"
LOGF="$W/nginx/logs/req.log"
mkdir -p "$ROOT/o" "$W/nginx/tmp" "$W/nginx/logs"
cat >"$W/nginx/nginx.conf" <<CONF
worker_processes 2;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
pid $W/nginx/nginx.pid;
error_log $W/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
	log_format conns '\$server_name \$connection \$connection_requests \$ssl_session_reused \$ssl_protocol \$server_protocol \$request_method \$status';
	access_log $LOGF conns;
	client_max_body_size 0;
	client_body_temp_path $W/nginx/tmp;
	proxy_temp_path $W/nginx/tmp;
	ssl_certificate $T/server.pem;
	ssl_certificate_key $T/server.key;
	ssl_protocols TLSv1.2 TLSv1.3;
	ssl_session_cache shared:mt:10m;
	ssl_session_timeout 1h;
	ssl_session_ticket_key $T/ticket.key;
	keepalive_requests 100000;
	keepalive_timeout 300s;
	upstream py { server 127.0.0.1:$PYPORT; keepalive 32; }
	server {
		listen 127.0.0.1:$NAPI ssl http2;
		server_name api;
		location / {
			proxy_pass http://py;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$http_host;
		}
	}
	server {
		listen 127.0.0.1:$NST2 ssl http2;
		server_name storage-h2;
		root $ROOT;
$( [ -z "${LINKS_H2_BODY:-}" ] || printf '\t\thttp2_body_preread_size %s;\n\t\tclient_body_buffer_size %s;\n' "$LINKS_H2_BODY" "$LINKS_H2_BODY" )
		location /o/ { dav_methods PUT; create_full_put_path on; }
	}
	server {
		listen 127.0.0.1:$NST1 ssl;
		server_name storage-h1;
		root $ROOT;
		location /o/ { dav_methods PUT; create_full_put_path on; }
	}
}
CONF
"$NGINX" -e "$W/nginx/logs/error.log" -c "$W/nginx/nginx.conf" -p "$W/nginx" ||
	die "nginx did not start: $(cat "$W/nginx/logs/error.log")"
API="https://127.0.0.1:$RAPI" STORE="https://127.0.0.1:$RST"

# start_relay DELAY_MS STORAGE_PORT: the API and the storage host seen through the delay
start_relay() {
	stop_relay
	"$W/delay-relay" -d "$1" "127.0.0.1:$RAPI=127.0.0.1:$NAPI" "127.0.0.1:$RST=127.0.0.1:$2" >"$W/relay.out" &
	RELAY=$!
	i=0
	until [ "$(wc -l <"$W/relay.out")" -ge 2 ]; do
		i=$((i + 1)); [ $i -lt 100 ] || die "delay-relay did not start"; sleep 0.05
	done
}
stop_relay() { [ -z "$RELAY" ] || { kill "$RELAY" 2>/dev/null; wait "$RELAY" 2>/dev/null; } || true; RELAY=""; }

# ---- the reference server behind nginx; start_server DIALECT ARGS...
DOC_ID=0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d
KEY=bench-key-$$
printf '%s\n' "$KEY" >"$W/key"
chmod 600 "$W/key"
start_server() {
	d=$1; shift
	rm -f "$W/ready"
	"$PY" tests/server/mediaserver.py --dialect "$d" --port "$PYPORT" --key "$KEY" \
		--external-storage "$STORE" --external-storage-dir "$ROOT" \
		--ready-file "$W/ready" "$@" >/dev/null 2>"$W/server.err" &
	SERVER=$!
	i=0
	while [ ! -s "$W/ready" ]; do
		i=$((i + 1))
		{ [ $i -lt 600 ] && kill -0 "$SERVER" 2>/dev/null; } || die "server did not start: $(cat "$W/server.err")"
		sleep 0.05
	done
	{
		echo "default = b"
		echo "[profile b]"; echo "api = $d"; echo "url = $API"; echo "key_file = $W/key"
		echo "ca_file = $T/ca.pem"
		echo "document_id = $DOC_ID"; echo "video_id = bench"
	} >"$W/config"
	chmod 600 "$W/config"
}
stop_server() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
ADMIN="http://127.0.0.1:$PYPORT"
clear_store() {
	rm -rf "$ROOT/o" "$W/nginx/tmp"/*
	mkdir -p "$ROOT/o"
	v=$(curl -s "$ADMIN/_admin/state" | jq '.violations | length')
	[ "$v" = 0 ] || die "the server recorded $v violations"
	curl -sS --fail -X POST "$ADMIN/_admin/reset" -o /dev/null
	: >"$LOGF"
}
count_objects() { find "$ROOT/o" -type f | wc -l; }

# conns REQUESTS: waits until nginx logged REQUESTS requests, then prints per
# host "connections/full handshakes" for api and storage (storage-h2 or -h1)
conns() {
	i=0
	while [ "$(wc -l <"$LOGF")" -lt "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	awk '{ h = ($1 == "api") ? "api" : "st"; if (!(($1, $2) in seen)) { seen[$1, $2] = 1; c[h]++; if ($4 != "r") f[h]++ } n[h]++ }
	     END { printf "%d/%d %d/%d %d %d\n", c["api"], f["api"], c["st"], f["st"], n["api"], n["st"] }' "$LOGF"
}

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

# Each try writes "WALL CPU RSS APICONN/FULL STCONN/FULL APIREQ STREQ" to $W/try
# mt_try REQS_PER_FILE FILES...: mediatui upload -j 8, fresh journal
mt_try() {
	per=$1; shift
	clear_store
	rm -rf "$W/state"
	t0=$(now)
	# shellcheck disable=SC2086
	XDG_STATE_HOME="$W/state" /usr/bin/time -v -o "$W/mt.time" ${LINKS_WRAP:-} \
		"$M" -c "$W/config" upload -j "$J" --json "$@" >"$W/up.json" 2>"$W/up.err" ||
		die "mediatui upload failed: $(tail -n 5 "$W/up.err")"
	t1=$(now)
	bad=$(jq '[.[] | select(.status != "uploaded")] | length' "$W/up.json")
	[ "$bad" = 0 ] || die "mediatui: $bad uploads not done: $(jq -c '[.[] | select(.status != "uploaded")][0]' "$W/up.json")"
	[ "$(count_objects)" = $# ] || die "mediatui: nginx holds $(count_objects) objects, expected $#"
	echo "$(secs "$t0" "$t1") $(cpu_of "$W/mt.time") $(rss_of "$W/mt.time") $(conns $(($# * per)))" >"$W/try"
}

# curl3_try FILES...: curl --parallel presigns, then PUTs, then confirms
curl3_try() {
	clear_store
	rm -rf "$W/p" "$W"/c?.time
	mkdir -p "$W/p"
	: >"$W/pre.cfg"
	sep=""
	for f in "$@"; do
		bn=${f##*/}
		printf '%surl = "%s/api/v1/media/presign"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"document_id\\":\\"%s\\",\\"media_id\\":\\"%s\\",\\"filename\\":\\"%s\\",\\"mime_type\\":\\"image/png\\",\\"file_size_bytes\\":%s}"\noutput = "%s/p/%s.json"\nfail\n' \
			"$sep" "$API" "$KEY" "$DOC_ID" "$(uuidgen | tr A-Z a-z)" "$bn" "$(stat -c%s "$f")" "$W" "$bn" >>"$W/pre.cfg"
		sep="next
"
	done
	# the CA through the environment: --cacert would hold for the first
	# transfer only (each "next" in a config starts afresh)
	export CURL_CA_BUNDLE="$T/ca.pem"
	opts="-sS --no-progress-meter --parallel --parallel-max $J"
	t0=$(now)
	# shellcheck disable=SC2086
	/usr/bin/time -v -o "$W/c1.time" curl $opts -K "$W/pre.cfg" || die "curl presigns failed"
	# one jq over all answers: the PUT and the confirm configs ("next"
	# between transfers, none at the end: curl takes that for a missing URL)
	(cd "$W/p" && jq -r --arg d "$(dirname "$1")" '"next\nupload-file = \"\($d)/\(input_filename | rtrimstr(".json"))\"\nurl = \"\(.upload_url)\"\nheader = \"Content-Type: image/png\"\noutput = \"/dev/null\"\nfail"' *.json | tail -n +2) >"$W/put.cfg"
	(cd "$W/p" && jq -r --arg k "$KEY" --arg a "$API" '"next\nurl = \"\($a)/api/v1/media/confirm\"\nheader = \"Authorization: Bearer \($k)\"\nheader = \"Content-Type: application/json\"\ndata = \"{\\\"media_id\\\":\\\"\(.media_id)\\\"}\"\noutput = \"/dev/null\"\nfail"' *.json | tail -n +2) >"$W/con.cfg"
	# shellcheck disable=SC2086
	/usr/bin/time -v -o "$W/c2.time" curl $opts -K "$W/put.cfg" || die "curl PUTs failed"
	# shellcheck disable=SC2086
	/usr/bin/time -v -o "$W/c3.time" curl $opts -K "$W/con.cfg" || die "curl confirms failed"
	t1=$(now)
	[ "$(count_objects)" = $# ] || die "curl: nginx holds $(count_objects) objects, expected $#"
	echo "$(secs "$t0" "$t1") $(cpu_of "$W"/c?.time) $(rss_of "$W"/c?.time) $(conns $(($# * 3)))" >"$W/try"
}

# curlT_try FILE: curl -T of the big file straight to storage (no API calls)
curlT_try() {
	clear_store
	t0=$(now)
	/usr/bin/time -v -o "$W/c1.time" curl -sS --fail --cacert "$T/ca.pem" -T "$1" -o /dev/null "$STORE/o/peer/${1##*/}" ||
		die "curl -T failed"
	t1=$(now)
	echo "$(secs "$t0" "$t1") $(cpu_of "$W/c1.time") $(rss_of "$W/c1.time") $(conns 1)" >"$W/try"
}

# best RUNS FN ARGS...: the fastest try's line (its CPU, RSS, connections) in $W/best
best() {
	n=$1; shift
	bt=""
	for _ in $(seq "$n"); do
		"$@"
		read -r t _ <"$W/try"
		if [ -z "$bt" ] || [ "$(calc "int($t < $bt)")" = 1 ]; then bt=$t; cp "$W/try" "$W/best"; fi
	done
}

cat >"$W/recipe.sh" <<'SH'
#!/bin/sh
# Seed 000's "Complete Example" for one file ($1), as in run.sh; curl finds
# the test CA through CURL_CA_BUNDLE.
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
# recipe_time FILES...: seconds for the recipe, xargs -P 8, in $W/recipe.t
recipe_time() {
	clear_store
	t0=$(now)
	printf '%s\n' "$@" | API="$API" KEY="$KEY" DOC_ID="$DOC_ID" CURL_CA_BUNDLE="$T/ca.pem" \
		xargs -P "$J" -n 1 sh "$W/recipe.sh" || die "the seed recipe failed"
	t1=$(now)
	[ "$(count_objects)" = $# ] || die "recipe: nginx holds $(count_objects) objects, expected $#"
	secs "$t0" "$t1" >"$W/recipe.t"
}

rows="$W/rows.md" big_rows="$W/big.md"
: >"$big_rows"   # stays empty when LINKS_SETS leaves the big file out
: >"$rows"
# conn_cell "C/F": "C (F full)"
cc_cell() { echo "${1%/*} (${1#*/} full)"; }

# one_row LABEL DELAY STORAGE RUNS FILES...: mediatui, curl's three batches, the recipe
one_row() {
	label=$1 d=$2 st=$3 runs=$4; shift 4
	log "$label, $d ms, storage $st: mediatui -j $J"
	best "$runs" mt_try 3 "$@"
	read -r mt_t mt_cpu mt_rss mt_api mt_st mt_na mt_ns <"$W/best"
	log "$label, $d ms, storage $st: curl, three batches"
	best "$runs" curl3_try "$@"
	read -r c_t c_cpu c_rss c_api c_st _ _ <"$W/best"
	rec="—"
	if [ "$st" = h2 ]; then
		k=$RECIPE_N; [ "$k" -le $# ] || k=$#
		log "$label, $d ms: seed recipe on $k files"
		# shellcheck disable=SC2046
		recipe_time $(printf '%s\n' "$@" | head -n "$k")
		r_t=$(cat "$W/recipe.t")
		est=$(calc "'%.1f' % ($r_t * $# / $k)")
		rec="$est s (**$(calc "'%.0f' % ($est / $mt_t)")×**)"
	fi
	printf '| %s | %s ms | %s | %s s, %s s CPU, %s MiB | %s s, %s s CPU, %s MiB | **%s** | %s | %s / %s | %s / %s | %s / %s |\n' \
		"$label" "$d" "$st" "$mt_t" "$mt_cpu" "$mt_rss" "$c_t" "$c_cpu" "$c_rss" "$(calc "'%.2f' % ($mt_t / $c_t)")" "$rec" \
		"$(cc_cell "$mt_api")" "$(cc_cell "$c_api")" "$(cc_cell "$mt_st")" "$(cc_cell "$c_st")" "$mt_na" "$mt_ns" >>"$rows"
}

SETS=" ${LINKS_SETS:-many big} "
case $SETS in *" many "*)
log "generating $N1 × 1 MiB and $N2 × 20 KiB files"
make_files "$W/set1" "$N1" $((1 << 20))
make_files "$W/set2" "$N2" $((20 << 10))
start_server clarife --plan business
for d in $DELAYS; do
	runs=1; [ "$d" != 0 ] || runs=$RUNS
	for st in h2 h1; do
		# HTTP/1.1 storage: at 0 and 25 ms
		[ "$st" = h2 ] || [ "$d" = 0 ] || [ "$d" = 25 ] || continue
		if [ "$st" = h2 ]; then start_relay "$d" "$NST2"; else start_relay "$d" "$NST1"; fi
		one_row "$N1 × 1 MiB" "$d" "$st" "$runs" "$W/set1"/*.png
		n2=$N2; [ "$d" -lt 50 ] || n2=$N2_SLOW
		# shellcheck disable=SC2046
		one_row "$n2 × 20 KiB" "$d" "$st" "$runs" $(ls "$W/set2"/*.png | head -n "$n2")
	done
done
stop_server
rm -rf "$W/set1" "$W/set2"
;; esac

# ---- one big file (flare: presign, PUT) against curl -T, at 0 and 25 ms
case $SETS in *" big "*)
log "generating a $((BIG >> 20)) MiB MP4-looking file"
make_mp4 "$W/big.mp4" "$BIG"
start_server flare
for d in $DELAYS; do
	[ "$d" -lt 50 ] || continue
	runs=1; [ "$d" != 0 ] || runs=$RUNS
	start_relay "$d" "$NST2"
	log "big file, $d ms: mediatui"
	best "$runs" mt_try 2 "$W/big.mp4"
	read -r mt_t mt_cpu mt_rss mt_api mt_st _ _ <"$W/best"
	log "big file, $d ms: curl -T"
	best "$runs" curlT_try "$W/big.mp4"
	read -r c_t c_cpu c_rss _ c_st _ _ <"$W/best"
	printf '| 1 × %s MiB | %s ms | %s s, %s s CPU, %s MiB | %s s, %s s CPU, %s MiB | **%s** | %s | %s / %s |\n' \
		"$((BIG >> 20))" "$d" "$mt_t" "$mt_cpu" "$mt_rss" "$c_t" "$c_cpu" "$c_rss" "$(calc "'%.2f' % ($mt_t / $c_t)")" \
		"$(cc_cell "$mt_api")" "$(cc_cell "$mt_st")" "$(cc_cell "$c_st")" >>"$big_rows"
done
stop_server
stop_relay
;; esac

total=$(( $(date +%s) - started ))
report="$W/report.md"
{
	echo "<!-- tests/bench/links.sh -->"
	echo "## Uploads over TLS on delayed links (links.sh)"
	echo
	echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), shared with other work: figures are noisy;" \
	     "$(curl --version | head -n 1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1 | sed 's/.*: //'), $(openssl version | cut -d' ' -f1-2)."
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $("$M" --version 2>/dev/null | head -n 1), src/ as of commit $(git log -1 --format=%h -- src)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ with uncommitted changes)');" \
	     "best of $RUNS at 0 ms, one try at 25 and 75 ms; quick=$quick; sizes $N1 / $N2 / $N2_SLOW files, $((BIG >> 20)) MiB; the run took ${total} s."
	echo
	echo "API and storage behind nginx with TLS (test CA), HTTP/2 (storage h1: HTTP/1.1 only), every connection through"
	echo "delay-relay adding the delay in each direction (a round trip costs 2 × delay, a new connection one more)."
	win="nginx's default (http2_body_preread_size 64k, client_body_buffer_size 16k)"
	[ -z "${LINKS_H2_BODY:-}" ] || win="$LINKS_H2_BODY (LINKS_H2_BODY)"
	echo "The HTTP/2 storage host's upload window per request: $win."
	echo "-j 8 everywhere. mediatui: \`upload -j 8\` (clarife: presign → PUT → confirm per file)."
	echo "curl: \`curl --parallel --parallel-max 8\` for the presigns, then the PUTs, then the confirms (three processes; the"
	echo "time includes one jq run that builds the PUT and confirm lists; CPU and RSS are the three curl processes'). Ratio ="
	echo "mediatui time / curl time (≤ 1: mediatui at least as fast). Recipe: seed 000's curl+jq example per file with"
	echo "\`xargs -P 8\`, run on the first $RECIPE_N files and scaled to the set (speed-up = recipe / mediatui)."
	echo "Connections: TLS connections that carried requests, per host, counted in nginx's log (full = not resumed)."
	echo
	echo "| set | delay | storage | mediatui | curl, three batches | ratio | seed recipe (speed-up) | API conns mediatui / curl | storage conns mediatui / curl | requests API / storage (mediatui) |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	cat "$rows"
	echo
	echo "One big file (flare: presign → PUT) against \`curl -T\` to the storage host (no API call), HTTP/2:"
	echo
	echo "| set | delay | mediatui | curl -T | ratio | API conns mediatui | storage conns mediatui / curl |"
	echo "|---|---|---|---|---|---|---|"
	cat "$big_rows"
	echo "<!-- end tests/bench/links.sh -->"
} >"$report"
cat "$report"
if [ "$write" = 1 ]; then
	res="$top/tests/bench/results.md"
	# replace the section between the markers, or append it
	"$PY" - "$res" "$report" <<'PYEOF'
import sys
res, rep = sys.argv[1], open(sys.argv[2]).read()
text = open(res).read()
b, e = "<!-- tests/bench/links.sh -->", "<!-- end tests/bench/links.sh -->"
if b in text and e in text:
    i, j = text.index(b), text.index(e) + len(e)
    text = text[:i] + rep.rstrip("\n") + text[j:]
else:
    text = text.rstrip("\n") + "\n\n" + rep
open(res, "w").write(text)
PYEOF
	log "wrote tests/bench/results.md"
fi
log "done in ${total} s"
exit 0
