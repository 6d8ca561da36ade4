#!/bin/sh
# die.t — a fatal error in the interface (out of memory, an abort as from a
# failed assertion) puts the terminal back first: the tty modes as before,
# the main screen, and the message on the real stderr, not in the stderr
# parked while curses ran. MEDIATUI_TEST_FATAL (oom, abort) makes the
# interface fail once its first frame is on screen.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

# the pane's shell notes the tty modes before and after, then stays
cat >"$T/run-die.sh" <<EOF
cd "$T/work" || exit 1
unset LINES COLUMNS MEDIATUI_CONFIG
export LC_ALL=C.UTF-8 ESCDELAY=25 XDG_STATE_HOME="$XDG_STATE_HOME"
export XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME"
# a sanitizer build: a failed allocation returns NULL, as malloc does
export ASAN_OPTIONS="allocator_may_return_null=1:\${ASAN_OPTIONS:-}"
stty -g >"$T/stty.before"
MEDIATUI_TEST_FATAL=\$1 "$MEDIATUI" -c "$T/config" 2>"$T/tui.err"
echo \$? >"$T/tui.rc"
stty -g >"$T/stty.after"
echo "SHELL-AGAIN"
exec sleep 60
EOF

for what in oom abort; do
	rm -f "$T/tui.rc" "$T/stty.before" "$T/stty.after" "$T/tui.err"
	tx kill-server 2>/dev/null
	i=0
	while [ -S "$TMUX_SOCK" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	tx -f /dev/null new-session -d -x 100 -y 30 sh "$T/run-die.sh" "$what"
	rc=$(tui_wait_exit)
	expect_eq "$what: the process ends by abort (SIGABRT)" 134 "$rc"
	if wait_for "SHELL-AGAIN"; then
		ok "$what: the shell's output after it is on screen"
	else
		not_ok "$what: the shell's output after it is on screen" "$(screen)"
	fi
	expect_eq "$what: back on the main screen" 0 "$(tx display-message -p '#{alternate_on}')"
	if cmp -s "$T/stty.before" "$T/stty.after"; then
		ok "$what: the tty modes are as before"
	else
		not_ok "$what: the tty modes are as before" "before: $(cat "$T/stty.before")" \
			"after:  $(cat "$T/stty.after")"
	fi
	case $what in
		oom) want="mediatui: out of memory" ;;
		*) want="assertion failed (test)" ;;
	esac
	if grep -qF "$want" "$T/tui.err"; then
		ok "$what: the message is on the real stderr"
	else
		not_ok "$what: the message is on the real stderr" "stderr: $(cat "$T/tui.err")"
	fi
done
finish
