#!/bin/sh
# demo.sh — build, start the reference server with the demo library on a free
# loopback port, write a throwaway profile, and open mediatui on it
# (arguments are passed on: `sh tools/demo.sh ls` runs a batch command instead).
# It speaks the user's language from the build's own catalogues.
# Everything it starts or writes (the server's data, uploads, backups, the
# journal, the preview cache) lives in one temporary directory, removed when
# mediatui exits and when the terminal hangs up or the demo is interrupted.
# MEDIATUI_DEMO_BUILD=DIR uses that build instead of building _build/plain.
set -eu
here=$(pwd)   # the local pane opens here: where the editor's files are
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if [ -n "${MEDIATUI_DEMO_BUILD:-}" ]; then
	build=$(cd "$MEDIATUI_DEMO_BUILD" && pwd)
else
	sh tools/deps.sh
	build=$(sh tools/build.sh plain | tail -n 1)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mediatui-demo.XXXXXX")
server_pid=""
app_pid=""
# stop PID: TERM, then KILL if it is still there after five seconds
stop() {
	kill "$1" 2>/dev/null || return 0
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() {
	trap - EXIT HUP INT TERM
	[ -n "$app_pid" ] && stop "$app_pid"
	[ -n "$server_pid" ] && stop "$server_pid"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'cleanup; exit 129' HUP
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 130' INT

key="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$key" > "$work/key"
chmod 600 "$work/key"
python3 tests/server/mediaserver.py --dialect clearcms --port 0 --key "$key" \
	--demo data/demo --content-cases data/content --data-dir "$work/server" --ready-file "$work/ready" >"$work/server.log" 2>&1 &
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
# backups, the journal and previews stay in the demo, not in the user's home
export XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config-home"
# the build's catalogues, installed as `make install` would, inside the demo
if make -s -C "$build/po" install DESTDIR="$work/inst" >"$work/po.log" 2>&1; then
	mo=$(find "$work/inst" -path '*/de/LC_MESSAGES/mediatui.mo' | head -n 1)
	[ -n "$mo" ] && export MEDIATUI_LOCALEDIR="${mo%/de/LC_MESSAGES/mediatui.mo}"
else
	echo "demo: the translations could not be installed; English it is" >&2
fi
echo "demo library at $api (profile in $work/config)" >&2
# mediatui runs while the shell waits for it: a hang-up (the terminal gone)
# interrupts the wait and the trap removes everything, whatever mediatui
# does. ^C belongs to mediatui (it asks before quitting), not to the shell.
trap '' INT
exec 3<&0
cd "$here"
"$build/src/mediatui" "$@" <&3 3<&- &
app_pid=$!
status=0
wait "$app_pid" || status=$?
app_pid=""
exit "$status"
