# lib-tui.sh — drives the interface in a private tmux server (sourced, POSIX sh).
#
# Builds on tests/integration/lib.sh (server, profile, TAP). Every wait polls
# the screen and then waits for ~50 ms without change: curses output arrives
# in several reads, so a screen is asserted only once it has settled.
#
#   tui_start W H [VAR=value...]   run mediatui in a WxH pane, cwd "$T/work"
#   send KEYS...                   tmux send-keys (tmux key names)
#   type_text TEXT                 literal text
#   wait_for TEXT [SECONDS]        until the screen shows TEXT, then settled
#   wait_gone TEXT [SECONDS]       until it does not
#   screen                         the current screen (plain text)
#   expect_screen NAME TEXT [S]    a TAP check of wait_for
#   tui_wait_exit [SECONDS]        until the program ended; prints its status
#   open_item NAME                 search for one item and open its details
#   first_image                    img_name, img_id: the first image in / with a plain name
#   open_first_image_details [CHECK]  open_item for it, checked open, its read in
#   details_read_in                the details' title no longer says their read is on its way
#   upload_matching PATTERN N      mark N local files matching PATTERN, press u

. "$top_srcdir/tests/integration/lib.sh"
# tmux itself must run in a UTF-8 locale to read the pane back faithfully
LC_ALL=C.UTF-8
export LC_ALL
# a developer may point the tests at another build of the reference server
SERVER=${MT_TEST_SERVER:-$SERVER}
TMUX_SOCK="$T/tmux.sock"
TUI_TIMEOUT=${TUI_TIMEOUT:-15}
mkdir -p "$T/work"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

tui_cleanup() {
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
	cleanup
}
trap tui_cleanup EXIT INT TERM

tx() { tmux -S "$TMUX_SOCK" "$@"; }

# makes MEDIATUI absolute: the pane starts in $T/work
case $MEDIATUI in
	/*) ;;
	*) MEDIATUI="$(pwd)/$MEDIATUI" ;;
esac

tui_start() {
	w=$1; h=$2; shift 2
	# one program per tmux server: the screen read is unambiguous
	tx kill-server 2>/dev/null
	_lt_i=0
	while [ -S "$TMUX_SOCK" ] && [ $_lt_i -lt 40 ]; do sleep 0.05; _lt_i=$((_lt_i + 1)); done
	rm -f "$T/tui.rc" "$TMUX_SOCK"
	lc=${TUI_LC_ALL:-C.UTF-8}
	# the pane's shell records the exit status (pane_dead_status is unreliable)
	cat >"$T/run-tui.sh" <<EOF
cd "$T/work" || exit 1
unset LINES COLUMNS MEDIATUI_CONFIG
export LC_ALL=$lc ESCDELAY=25 XDG_STATE_HOME="$XDG_STATE_HOME"
export XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME"
env "\$@" "$MEDIATUI" -c "$T/config" 2>"$T/tui.err"
echo \$? >"$T/tui.rc"
EOF
	tx -f /dev/null new-session -d -x "$w" -y "$h" sh "$T/run-tui.sh" "$@" \; \
		set-option -g remain-on-exit on >/dev/null
}

send() { tx send-keys "$@"; }
type_text() { tx send-keys -l "$1"; }
screen() { tx capture-pane -p 2>/dev/null; }
screen_e() { tx capture-pane -p -e 2>/dev/null; }

# (the helpers count with _lt_i, never i: a test's own loop around them keeps its count)
# settle: the screen has not changed for 50 ms
settle() {
	prev=$(screen)
	_lt_i=0
	while [ $_lt_i -lt 100 ]; do
		sleep 0.05
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		_lt_i=$((_lt_i + 1))
	done
	return 0
}

wait_for() {
	limit=$(( ${2:-$TUI_TIMEOUT} * 20 ))
	_lt_i=0
	while ! screen | grep -qF -- "$1"; do
		_lt_i=$((_lt_i + 1))
		if [ $_lt_i -gt $limit ]; then
			return 1
		fi
		if [ -s "$T/tui.rc" ] && ! screen | grep -qF -- "$1"; then
			return 1
		fi
		sleep 0.05
	done
	settle
}

wait_gone() {
	limit=$(( ${2:-$TUI_TIMEOUT} * 20 ))
	_lt_i=0
	while screen | grep -qF -- "$1"; do
		_lt_i=$((_lt_i + 1))
		[ $_lt_i -gt $limit ] && return 1
		sleep 0.05
	done
	settle
}

# expect_screen NAME TEXT [SECONDS]: ok when TEXT appears
expect_screen() {
	if wait_for "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "waited for: $2" "screen:" "$(screen)" "stderr: $(cat "$T/tui.err" 2>/dev/null)"
	fi
}

# expect_in NAME TEXT FUNC WHAT: ok when FUNC's output holds TEXT (polled)
expect_in() {
	_lt_i=0
	while ! "$3" | grep -qF -- "$2"; do
		_lt_i=$((_lt_i + 1))
		if [ $_lt_i -gt $((TUI_TIMEOUT * 20)) ]; then
			not_ok "$1" "waited for ($4): $2" "screen:" "$(screen)"
			return 1
		fi
		sleep 0.05
	done
	ok "$1"
}

# screen_joined: the screen's rows, trimmed, joined by one space
screen_joined() { screen | sed 's/^ *//; s/ *$//' | tr '\n' ' '; }
# expect_wrapped NAME TEXT: ok when TEXT is in screen_joined (a message too
# long for one row is wrapped over two)
expect_wrapped() { expect_in "$1" "$2" screen_joined "rows joined"; }

# box_text: the dialog's text, its rows joined by a space (a sentence
# wrapped in the box is whole); box_says NAME TEXT: ok when it holds TEXT
box_text() { screen | sed -n 's/^[^│]*│ \(.*[^ ]\) *│.*$/\1/p' | tr '\n' ' '; }
box_says() { expect_in "$1" "$2" box_text "the box's rows joined"; }

# refute_screen NAME TEXT: ok when the settled screen lacks TEXT
refute_screen() {
	settle
	if screen | grep -qF -- "$2"; then
		not_ok "$1" "unexpected: $2" "screen:" "$(screen)"
	else
		ok "$1"
	fi
}

tui_wait_exit() {
	limit=$(( ${1:-$TUI_TIMEOUT} * 20 ))
	_lt_i=0
	while [ ! -s "$T/tui.rc" ]; do
		_lt_i=$((_lt_i + 1))
		[ $_lt_i -gt $limit ] && { echo "timeout"; return 1; }
		sleep 0.05
	done
	cat "$T/tui.rc"
}

# quit: q (and y when asked), then the exit status; q first leaves a search
# and goes up the folders, so it is pressed again while the program runs
tui_quit() {
	send q
	_lt_i=0
	while [ ! -s "$T/tui.rc" ] && [ $_lt_i -lt 100 ]; do
		if screen | grep -qF "Quit now?"; then
			send y
		elif [ $((_lt_i % 10)) -eq 9 ]; then
			send q
		fi
		sleep 0.05
		_lt_i=$((_lt_i + 1))
	done
	tui_wait_exit
}

# sigint: SIGINT to mediatui alone, as Ctrl+C gives it (tmux's C-c would
# signal the pane's shell too, which records the exit status)
sigint() {
	shpid=$(tx display-message -p '#{pane_pid}')
	kill -INT "$(ps -o pid= --ppid "$shpid" | tr -d ' ' | head -n 1)"
}

# held_now: how many requests the server holds behind its gates (hold_*);
# wait_held N: until it holds N in all (1 after a timeout)
held_now() { admin GET /_admin/state | jget 'd["counts"]["held"]'; }
wait_held() {
	_h=0
	while [ "$(held_now)" -lt "$1" ]; do
		_h=$((_h + 1))
		[ $_h -gt $((TUI_TIMEOUT * 10)) ] && return 1
		sleep 0.1
	done
}

# faults JSON: sets the reference server's faults (hold_*, fault_5xx, ...)
faults() { admin POST /_admin/faults "$1" >/dev/null; }

# expect_past_its_time NAME TEXT [WORDS]: ok once the trace (MEDIATUI_TRACE
# in $T/trace) says the status message TEXT has had its usual time (6 s),
# and WORDS (default "past its time") says how; waits three times as long
# as other checks, as a busy machine may need
expect_past_its_time() {
	_pt_text=$2 _pt_words=${3:-status message past its time}
	_pt_t=$TUI_TIMEOUT
	TUI_TIMEOUT=$((TUI_TIMEOUT * 3))
	expect_in "$1" "$_pt_text" _past_its_time "the trace"
	_pt_rc=$?
	TUI_TIMEOUT=$_pt_t
	return $_pt_rc
}
_past_its_time() { grep -F "$_pt_words" "$T/trace" 2>/dev/null | grep -F -- "$_pt_text"; }

# mark_and_send PATTERN N: marks the N files matching in the local pane, then u
mark_and_send() {
	send '*'
	wait_for "Mark files matching" || not_ok "* asks for a pattern ($1)" "$(screen)"
	send C-u
	type_text "$1"
	send Enter
	wait_for "$2 marked" || not_ok "$1 is marked" "$(screen)"
	send u
}

# upload_matching PATTERN N: from the remote pane, Tab to the local pane,
# mark the N files matching PATTERN with '*' and upload them with u (the
# caller checks that the upload starts)
upload_matching() {
	send Tab
	wait_for "${1%%[*?]*}" || true   # the pane lists the files
	send '*'
	wait_for "Mark files matching" || true
	send C-u
	type_text "$1"
	send Enter
	wait_for "$2 marked" || true
	send u
}

# open_item NAME: searches for NAME (one item) and opens its details
open_item() {
	wait_for " of " || true
	send /
	wait_for "Search"
	type_text "$1"
	send Enter
	# the search answered: one item, under the cursor
	wait_for "1 of 1"
	send Enter
}

# first_image: the first image listed in / whose name is plain (letters,
# digits, ".", "-", "_": typed into a search as it is) in img_name, its id
# in img_id
first_image() {
	mt ls / --json >"$T/root.json"
	_lt_pick='next(i for i in d["items"] if i["filename"].replace(".","").replace("-","").replace("_","").isalnum() and i["mimeType"].startswith("image/"))'
	img_name=$(jget "$_lt_pick"'["filename"]' <"$T/root.json")
	img_id=$(jget "$_lt_pick"'["id"]' <"$T/root.json")
}

# details_read_in: until the details' title no longer says their read is
# on its way (" Media NAME  …"); a "…" elsewhere (a URL cut) is no sign
details_read_in() {
	_lt_i=0
	while screen | grep -q '^ Media .*  …' && [ $_lt_i -lt $((TUI_TIMEOUT * 20)) ]; do
		sleep 0.05
		_lt_i=$((_lt_i + 1))
	done
	settle
}

# open_first_image_details [CHECK]: opens that image's details (open_item;
# first_image first when img_name is not set), the check named CHECK ("the
# details open") that they show, then waits until the item's read is in
open_first_image_details() {
	[ -n "${img_name:-}" ] || first_image
	open_item "$img_name"
	expect_screen "${1:-the details open}" "Focal point"
	details_read_in
}

# mt_json ARGS...: a batch command's JSON (to check what the server holds)
mt_json() { "$MEDIATUI" -c "$T/config" --json "$@" 2>/dev/null; }
