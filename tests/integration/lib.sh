# lib.sh — shared by the integration tests (sourced, POSIX sh).
#
# Starts the reference server for one dialect on free loopback ports, writes
# a private profile for it, runs mediatui against it and reports each check
# as a TAP line, so every scenario counts on its own.

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
MEDIATUI=${MEDIATUI:-$top_builddir/src/mediatui}
PY=${PYTHON:-python3}
SERVER="$top_srcdir/tests/server/mediaserver.py"

T=$(mktemp -d "${TMPDIR:-/tmp}/mt-test.XXXXXX")
export XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache" XDG_CONFIG_HOME="$T/config-home" XDG_DATA_HOME="$T/data"
unset MEDIATUI_CONFIG LINES COLUMNS
SERVER_PID=""
_n=0
_failed=0

cleanup() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# ---- TAP ----
ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }
not_ok() {
	_n=$((_n + 1)); _failed=$((_failed + 1))
	echo "not ok $_n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}
# check NAME COMMAND...: passes when COMMAND succeeds
check() {
	# (not "name": a test's own $name would be overwritten)
	_check_name=$1; shift
	if "$@" >"$T/check.out" 2>&1; then ok "$_check_name"; else not_ok "$_check_name" "$(tail -n 20 "$T/check.out")"; fi
}
# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}
# valgrind_clean: a TAP check that no valgrind log holds a report
valgrind_clean() {
	bad=$(find "$T" -name 'vg.*.log' -size +0 2>/dev/null)
	if [ -z "$(find "$T" -name 'vg.*.log' 2>/dev/null | head -n 1)" ]; then
		not_ok "valgrind: no memory errors or leaks in any run" "no run went through valgrind"
	elif [ -z "$bad" ]; then
		ok "valgrind: no memory errors or leaks in any run"
	else
		not_ok "valgrind: no memory errors or leaks in any run" "$(cat $bad | head -n 80)"
	fi
}
finish() {
	[ -n "$MT_VG" ] && valgrind_clean
	echo "1..$_n"
	exit 0
}

# ---- the server ----
# wait_ready WHAT TRIES: until the server just started as $SERVER_PID writes
# $T/ready (TRIES times 50 ms); bails out naming WHAT if it dies or never does
wait_ready() {
	i=0
	while [ ! -s "$T/ready" ]; do
		i=$((i + 1))
		if [ $i -gt "$2" ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "Bail out! $1: $(tail -n 5 "$T/server.err")"
			exit 1
		fi
		sleep 0.05
	done
}

# start_server DIALECT [server options...]: sets API and STORAGE
# stop_server: the server started last, if it still runs (a test that
# starts a second one without it left the first running after the test)
stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=""
	fi
}

start_server() {
	dialect=$1; shift
	stop_server
	rm -f "$T/ready"
	KEY="test-key-$$"
	printf '%s\n' "$KEY" >"$T/key"
	chmod 600 "$T/key"
	"$PY" "$SERVER" --dialect "$dialect" --port 0 --key "$KEY" --data-dir "$T/server-data" \
		--ready-file "$T/ready" "$@" >"$T/server.out" 2>"$T/server.err" &
	SERVER_PID=$!
	wait_ready "the reference server did not start" 200
	API=$(sed -n 's/.*api=\([^ ]*\).*/\1/p' "$T/ready")
	STORAGE=$(sed -n 's/.*storage=\([^ ]*\).*/\1/p' "$T/ready")
	write_config "$dialect"
}

# start_hostile: the lying server (tests/server/hostile.py); sets API (its
# base; profiles use $API/s/SCENARIO/DIALECT), ELSEWHERE and KEY
start_hostile() {
	stop_server
	rm -f "$T/ready"
	KEY="hostile-key-$$-s3cr3t"
	printf '%s\n' "$KEY" >"$T/key"
	chmod 600 "$T/key"
	"$PY" "$top_srcdir/tests/server/hostile.py" --key "$KEY" --ready-file "$T/ready" \
		>"$T/server.out" 2>"$T/server.err" &
	SERVER_PID=$!
	wait_ready "the hostile server did not start" 200
	API=$(sed -n 's/.*api=\([^ ]*\).*/\1/p' "$T/ready")
	ELSEWHERE=$(sed -n 's/.*elsewhere=\([^ ]*\).*/\1/p' "$T/ready")
}

# write_config DIALECT [extra profile lines...]
write_config() {
	dialect=$1; shift
	{
		echo "default = t"
		echo "[profile t]"
		echo "api = $dialect"
		echo "url = $API"
		echo "key_file = $T/key"
		for line in "$@"; do echo "$line"; done
		echo "[profile anon]"
		echo "api = $dialect"
		echo "url = $API"
	} >"$T/config"
	chmod 600 "$T/config"
}

# MT_VALGRIND=1 (tools/check.sh's third pass): every mediatui run goes through
# valgrind, which writes any report to $T/vg.PID.log and exits 99 on an error
# or a leak; finish then fails on any report. Scripts that must signal the
# mediatui process itself run "$MEDIATUI" directly, or use $MT_VG (valgrind
# keeps the PID, so signals still reach the program).
MT_VG=""
if [ "${MT_VALGRIND:-0}" = 1 ]; then
	MT_VG="valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible
	--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99
	--suppressions=$top_srcdir/tests/valgrind.supp --log-file=$T/vg.%p.log"
fi
mt() { $MT_VG "$MEDIATUI" -c "$T/config" "$@"; }

# admin METHOD PATH [JSON]: the server's test-only admin API
admin() {
	"$PY" - "$API" "$1" "$2" "${3:-}" <<'PYEOF'
import sys, urllib.request
api, method, path, body = sys.argv[1:5]
req = urllib.request.Request(api.rstrip('/') + path, method=method,
                             data=body.encode() if body else None,
                             headers={'Content-Type': 'application/json'} if body else {})
with urllib.request.urlopen(req, timeout=10) as r:
    sys.stdout.write(r.read().decode())
PYEOF
}

# jget EXPR: evaluates a Python expression over the JSON on stdin (as d)
jget() {
	"$PY" -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print(json.dumps(v) if isinstance(v,(dict,list)) else v)' "$1"
}

# no_violations: the storage host saw no Authorization header, no key
violations() { admin GET /_admin/state | jget 'len(d["violations"])'; }

# make_png PATH W H: a small valid PNG
make_png() {
	"$PY" - "$1" "$2" "$3" <<'PYEOF'
import sys, struct, zlib, random, os
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(path)
raw = b''.join(b'\x00' + os.urandom(w * 3) for _ in range(h))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + \
      chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open(path, 'wb').write(png)
PYEOF
}

# make_mp4 PATH BYTES: a file libmagic reads as video/mp4
make_mp4() {
	"$PY" - "$1" "$2" <<'PYEOF'
import sys, struct, os
path, size = sys.argv[1], int(sys.argv[2])
ftyp = b'ftyp' + b'isom' + struct.pack('>I', 512) + b'isomiso2avc1mp41'
head = struct.pack('>I', len(ftyp) + 4) + ftyp
body = max(0, size - len(head) - 8)
with open(path, 'wb') as f:
    f.write(head + struct.pack('>I', 8 + body) + b'mdat')
    while body > 0:
        n = min(body, 1 << 20)
        f.write(os.urandom(n))
        body -= n
PYEOF
}

# count_named NAME: items in the server's state whose fields name NAME exactly
count_named() {
	admin GET /_admin/state | "$PY" -c '
import json, sys
d = json.load(sys.stdin); name = sys.argv[1]
items = d.get("media", [])
print(sum(1 for m in items if isinstance(m, dict) and any(v == name for v in m.values())))' "$1"
}
