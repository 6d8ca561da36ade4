#!/bin/sh
# demo.sh — build, start the reference server with the demo library on a free
# loopback port, write a throwaway profile, and open mediatui on it
# (arguments are passed on: `sh tools/demo.sh ls` runs a batch command instead).
# Everything it starts or writes is removed when mediatui exits.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh tools/deps.sh
build=$(sh tools/build.sh plain | tail -n 1)

work=$(mktemp -d "${TMPDIR:-/tmp}/mediatui-demo.XXXXXX")
server_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM HUP

key="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$key" > "$work/key"
chmod 600 "$work/key"
python3 tests/server/mediaserver.py --dialect clearcms --port 0 --key "$key" \
	--demo data/demo --ready-file "$work/ready" >"$work/server.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$work/ready" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$server_pid" 2>/dev/null; then
		echo "demo: the reference server did not start:" >&2
		cat "$work/server.log" >&2
		exit 1
	fi
	sleep 0.1
done
api=$(sed -n 's/.*api=\([^ ]*\).*/\1/p' "$work/ready")
cat > "$work/config" <<CFG
default = demo
[profile demo]
api = clearcms
url = $api
key_file = $work/key
plan = pro
CFG
chmod 600 "$work/config"
export MEDIATUI_CONFIG="$work/config"
export XDG_STATE_HOME="$work/state"
export XDG_CACHE_HOME="$work/cache"
echo "demo library at $api (profile in $work/config)" >&2
"$build/src/mediatui" "$@"
