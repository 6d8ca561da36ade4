#!/bin/sh
# content.sh — audit --content on a library of N distinct pictures (real
# JPEGs, 6 to 51 KiB): the first audit (every original downloaded and
# fingerprinted), the second (all from the cache), against one
# `curl --parallel` process downloading the same originals. Time, bytes
# downloaded (the server's count) and peak RSS; two sizes show whether the
# memory grows with the library.
#   sh tests/bench/content.sh [N...]        (default: 2000 10000)
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${MEDIATUI:-}" ]; then
	MT=$MEDIATUI    # another build (memory.sh passes its own)
else
	build=$(sh "$top/tools/build.sh" plain | tail -n 1)
	MT="$build/src/mediatui"
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/mt-bench-content.XXXXXX")
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM
sizes=${*:-2000 10000}

state() {
	python3 -c 'import json,sys,urllib.request; d=json.load(urllib.request.urlopen(sys.argv[1]+"/_admin/state")); print(eval(sys.argv[2]))' "$API" "$1"
}
# run NAME COMMAND...: seconds, peak RSS (KiB) and CPU seconds (user + system) of the command
run() {
	name=$1; shift
	/usr/bin/time -f "%e %M %U %S" -o "$T/time" "$@" >"$T/$name.out" 2>"$T/$name.err"
	read -r e m u s <"$T/time"
	echo "$e $m $(python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) + float(sys.argv[2])))' "$u" "$s")"
}

echo "| items | run | seconds | CPU seconds | bytes downloaded | peak RSS (MiB) |"
echo "|---|---|---|---|---|---|"
for n in $sizes; do
	rm -rf "$T/cache" "$T/ready" "$T/server-data"
	python3 "$top/tests/server/mediaserver.py" --dialect clearcms --port 0 --key benchkey \
		--data-dir "$T/server-data" --content-cases "$top/data/content" --seed-pictures "$n" \
		--ready-file "$T/ready" >/dev/null 2>"$T/server.err" &
	SERVER_PID=$!
	while [ ! -s "$T/ready" ]; do sleep 0.1; done
	API=$(sed 's/.*api=\([^ ]*\).*/\1/' "$T/ready")
	printf 'benchkey\n' >"$T/key"
	chmod 600 "$T/key"
	printf 'default = b\n[profile b]\napi = clearcms\nurl = %s\nkey_file = %s\n' "$API" "$T/key" >"$T/config"
	export XDG_CACHE_HOME="$T/cache"

	# the peer: the same originals with one curl process, 8 at a time
	"$MT" -c "$T/config" ls --all --json | python3 -c '
import json, sys
for it in json.load(sys.stdin)["items"]:
    print("url = \"%s%s\"\noutput = \"/dev/null\"" % (sys.argv[1], it["url"]))' "$API" >"$T/curl.cfg"
	b0=$(state 'd["counts"]["bytes_served"]')
	set -- $(run curl curl -s --parallel --parallel-max 8 -K "$T/curl.cfg")
	b1=$(state 'd["counts"]["bytes_served"]')
	echo "| $n | curl --parallel | $1 | $3 | $((b1 - b0)) | $(($2 / 1024)) |"
	curl_s=$1

	set -- $(run first "$MT" -c "$T/config" audit --content --json)
	b2=$(state 'd["counts"]["bytes_served"]')
	echo "| $n | first audit | $1 | $3 | $((b2 - b1)) | $(($2 / 1024)) |"
	first_s=$1
	set -- $(run second "$MT" -c "$T/config" audit --content --json)
	b3=$(state 'd["counts"]["bytes_served"]')
	echo "| $n | second audit | $1 | $3 | $((b3 - b2)) | $(($2 / 1024)) |"
	python3 -c 'import sys; c,f,s=map(float,sys.argv[1:4]); print("| %s | ratios | first/curl %.2f, second/first %.1f %% | | | |" % (sys.argv[4], f/c, 100*s/f))' \
		"$curl_s" "$first_s" "$1" "$n"
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=""
done
