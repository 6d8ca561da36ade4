#!/bin/sh
# signals.t — SIGTERM and SIGHUP to the full-screen interface during an
# upload: a wrapper in the pane records the terminal modes (stty -g and -a)
# before and after, and the exit status; the modes are back, the alternate
# screen is left, the cursor shows, the journal is flushed, and the same
# files uploaded again from the command line end on the server once.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"
. "$top_srcdir/tests/integration/lib-faults.sh"

# wrapped_start: mediatui in the pane between two stty records; the pane's
# shell then stays, so the screen state can be read after the program ended
wrapped_start() {
	tx kill-server 2>/dev/null
	i=0
	while [ -S "$TMUX_SOCK" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	rm -f "$T/tui.rc" "$T/stty".* "$T/wrap.done" "$TMUX_SOCK"
	cat >"$T/wrap.sh" <<WEOF
cd "$T/work" || exit 1
unset LINES COLUMNS MEDIATUI_CONFIG
export LC_ALL=C.UTF-8 ESCDELAY=25 XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
export XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME"
stty -g >"$T/stty.before"; stty -a >"$T/stty-a.before"
"$MEDIATUI" -c "$T/config" 2>"$T/tui.err"
echo \$? >"$T/tui.rc"
stty -g >"$T/stty.after"; stty -a >"$T/stty-a.after"
echo WRAPPER-BACK
touch "$T/wrap.done"
exec sleep 600
WEOF
	tx -f /dev/null new-session -d -x 100 -y 30 sh "$T/wrap.sh"
}

for case in "TERM 15" "HUP 1"; do
	set -- $case
	sig=$1; n=$2
	[ -n "$SERVER_PID" ] && fq_stop_server
	rm -rf "$T/state" "$T/server-data" "$T/work"/*
	start_server clarife
	FQ_DIALECT=clarife
	fq_profile clarife
	fq_make "$T/work" clarife 12
	# two files on the server already, then every API request is held
	# unanswered: the interface's queue stays in flight whatever the
	# machine's speed, and the signal goes once the server holds one
	mt upload --json "$T"/work/work-f000-* "$T"/work/work-f001-* >/dev/null 2>&1
	admin POST /_admin/faults '{"stall": 1}' >/dev/null
	f0=$(admin GET /_admin/state | jget 'd["counts"]["faults"]')
	wrapped_start
	wait_for "? help" || true
	upload_matching "work-f*" 12
	expect_screen "SIG$sig: the upload starts" "Uploads"
	i=0
	while [ $i -lt 600 ]; do
		held=$(admin GET /_admin/state | jget 'd["counts"]["faults"]')
		[ "${held:-0}" -gt "${f0:-0}" ] && break
		sleep 0.1; i=$((i + 1))
	done
	expect_eq "SIG$sig: an upload is held in flight (2 of 12 on the server, a request held)" "2 yes" \
		"$(admin GET /_admin/files | jget 'len(d["files"])') $([ "${held:-0}" -gt "${f0:-0}" ] && echo yes)"
	expect_eq "SIG$sig: (while it runs, the pane is on the alternate screen)" 1 \
		"$(tx display-message -p '#{alternate_on}')"
	shpid=$(tx display-message -p '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$shpid" | tr -d ' ' | head -n 1)
	kill -"$sig" "$pid"
	i=0
	while [ ! -e "$T/wrap.done" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	expect_eq "SIG$sig: the interface ends with 128+$n (an upload was stopped)" $((128 + n)) "$(cat "$T/tui.rc" 2>/dev/null)"
	if cmp -s "$T/stty.before" "$T/stty.after"; then
		ok "SIG$sig: the terminal modes are restored (stty -g)"
	else
		not_ok "SIG$sig: the terminal modes are restored (stty -g)" "$(diff "$T/stty-a.before" "$T/stty-a.after")"
	fi
	expect_eq "SIG$sig: the alternate screen is left, the cursor shows" "0 1" \
		"$(tx display-message -p '#{alternate_on} #{cursor_flag}')"
	expect_screen "SIG$sig: the shell's screen is back" "WRAPPER-BACK" 5
	check "SIG$sig: nothing on stderr" sh -c "[ ! -s '$T/tui.err' ]"
	check "SIG$sig: the journal's lines are whole" "$PY" -c '
import json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\n")
[json.loads(l) for l in raw.decode().splitlines()]' "$XDG_STATE_HOME/mediatui/uploads-t.jsonl"
	admin POST /_admin/faults '{"slow": 0, "stall": 0}' >/dev/null
	mt upload --json "$T/work"/* >"$T/rerun.json" 2>"$T/rerun.err"; rc=$?
	expect_eq "SIG$sig: the command line finishes the queue" 0 "$rc"
	fq_verify "SIG$sig: ... each file on the server once" "$T/work" --results "$T/rerun.json"
done
finish
