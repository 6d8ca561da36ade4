#!/bin/sh
# hangup.t — the terminal goes away and no SIGHUP reaches mediatui (an SSH
# link that drops while the program sits in a session of its own): the
# terminal reads as ended, and mediatui ends as on a hang-up instead of
# spinning on it. An upload held in flight by the server is cut short (exit
# 129), the journal stays whole, and the next start offers to resume the
# uploads, which then end on the server once each.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/integration/lib-faults.sh"

if ! command -v setsid >/dev/null 2>&1; then
	echo "1..0 # SKIP setsid is not installed (util-linux)"
	exit 0
fi

start_server clarife
FQ_DIALECT=clarife
fq_profile clarife
fq_make "$T/work" clarife 6
mt upload --json "$T"/work/work-f000-* >/dev/null 2>&1
admin POST /_admin/faults '{"stall": 1}' >/dev/null
f0=$(admin GET /_admin/state | jget 'd["counts"]["faults"]')

# mediatui in a session of its own, on the pane's terminal: when the tmux
# server goes, the kernel's hang-up goes to the pane's shell, not to it;
# the inner shell (in that session too) records the exit status
rm -f "$T/tui.rc" "$T/tui.pid"
cat >"$T/alone.sh" <<ALONE
cd "$T/work" || exit 1
unset LINES COLUMNS MEDIATUI_CONFIG
export LC_ALL=C.UTF-8 ESCDELAY=25 XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
export XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME"
"$MEDIATUI" -c "$T/config" 2>"$T/tui.err" 0<&1 &
echo \$! >"$T/tui.pid"
wait \$!
echo \$? >"$T/tui.rc.tmp"
mv "$T/tui.rc.tmp" "$T/tui.rc"
ALONE
cat >"$T/pane.sh" <<PANE
setsid sh "$T/alone.sh" 0<&1 &
wait
exec sleep 600
PANE
tx -f /dev/null new-session -d -x 100 -y 30 sh "$T/pane.sh"
wait_for "? help" || true
upload_matching "work-f*" 6
expect_screen "the upload starts" "Uploads"
i=0
while [ $i -lt 600 ]; do
	held=$(admin GET /_admin/state | jget 'd["counts"]["faults"]')
	[ "${held:-0}" -gt "${f0:-0}" ] && break
	sleep 0.1; i=$((i + 1))
done
expect_eq "an upload is held in flight (a request held by the server)" yes \
	"$([ "${held:-0}" -gt "${f0:-0}" ] && echo yes)"
pid=$(cat "$T/tui.pid" 2>/dev/null)
pane_sid=$(ps -o sid= -p "$(tx display-message -p '#{pane_pid}')" | tr -d ' ')
tui_sid=$(ps -o sid= -p "${pid:-0}" | tr -d ' ')
expect_eq "mediatui runs in a session of its own (no SIGHUP will reach it)" yes \
	"$([ -n "$tui_sid" ] && [ "$tui_sid" != "$pane_sid" ] && echo yes)"

# the terminal goes: the pty's other side is closed with the tmux server
tx kill-server
i=0
while [ ! -s "$T/tui.rc" ] && [ $i -lt $((TUI_TIMEOUT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
if [ -s "$T/tui.rc" ]; then
	ok "mediatui ends when its terminal is gone"
else
	not_ok "mediatui ends when its terminal is gone" \
		"still running after ${TUI_TIMEOUT}s: $(ps -o pid,stat,pcpu,time -p "${pid:-0}" | tail -n 1)"
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
fi
expect_eq "... with 129, as on a hang-up (an upload was cut short)" 129 "$(cat "$T/tui.rc" 2>/dev/null)"
check "the journal's lines are whole" "$PY" -c '
import json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\n")
[json.loads(l) for l in raw.decode().splitlines()]' "$XDG_STATE_HOME/mediatui/uploads-t.jsonl"

# the editor logs in again and starts mediatui: it offers the cut uploads
admin POST /_admin/faults '{"slow": 0, "stall": 0}' >/dev/null
tui_start 100 30
expect_screen "the next start offers to resume the cut uploads" "y: resume them now"
send y
expect_screen "the resumed uploads reach done" "uploads finished" 30
fq_verify "... each file on the server once, the journal agreeing" "$T/work"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
