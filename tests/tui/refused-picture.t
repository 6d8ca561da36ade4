#!/bin/sh
# refused-picture.t — a save the server refuses says "not saved: …" on rows
# of its own, under the picture, never over it: the picture beside the
# fields (80x24) and the one under them (80x34) end above the reason, so
# no cell of the picture is left around its words. A build without
# previews has no picture: the reason is said all the same.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo" --readonly-key "ro-key-$$"
printf 'ro-key-%s\n' "$$" >"$T/key"
mt ls --search harbour-harbour --json >"$T/found.json"
name=$(jget 'next(i["filename"] for i in d["items"] if i["mimeType"] == "image/jpeg")' <"$T/found.json")
reason="not saved: saving media metadata: Insufficient permissions (HTTP 403)"
preview=1
grep -q '^#define HAVE_PREVIEW 1' "$top_builddir/config.h" || preview=0

# the picture's cells: block symbols, or the crosshair drawn over it
picture='[▀▄█▌▐▖▗▘▙▚▛▜▝▞▟▁▂▃▅▆▇▉▊▋▍▎▏]\|─+─'
# row_of TEXT: the screen's row (from 1) that holds TEXT
row_of() { screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }

refused_at() {   # W H: a refusal in a WxH terminal, the picture shown
	rm -f "$T/trace"
	tui_start "$1" "$2" MEDIATUI_TRACE="$T/trace"
	open_item "$name"
	expect_screen "$1x$2: the details open" "Focal point"
	if [ $preview = 1 ]; then
		_w=0
		while ! grep -q "preview shown" "$T/trace" 2>/dev/null && [ $_w -lt 200 ]; do sleep 0.05; _w=$((_w + 1)); done
		settle
		check "$1x$2: the picture is shown" sh -c 'screen() { tmux -S "$1" capture-pane -p; }; screen "$1" | grep -q "$2"' - "$TMUX_SOCK" "$picture"
	fi
	send Enter
	wait_for "Enter: accept" || not_ok "Enter edits the alt text"
	send C-u
	type_text "Refused over a picture"
	send Enter
	wait_for "not saved yet" || not_ok "the edit is pending"
	send w
	expect_screen "$1x$2: the refusal is said whole, on one row" "$reason"
	r=$(row_of "$reason")
	line=$(screen | sed -n "${r}p")
	expect_eq "$1x$2: its row holds the reason alone, nothing of the picture after it" \
		" $reason" "$(printf '%s' "$line" | sed 's/ *$//')"
	below=$(screen | sed -n "${r},\$p")
	check "$1x$2: no cell of the picture on its row or under it" \
		sh -c '! printf "%s\n" "$1" | grep -q "$2"' - "$below" "$picture"
	if [ $preview = 1 ]; then
		check "$1x$2: the picture is still there, above the reason" \
			sh -c 'printf "%s\n" "$1" | grep -q "$2"' - "$(screen | sed -n "1,$((r - 1))p")" "$picture"
	fi
	expect_screen "$1x$2: the edit stays pending" "not saved yet"
	send u
	wait_gone "not saved yet" || true
	rc=$(tui_quit)
	expect_eq "$1x$2: q quits" 0 "$rc"
}

# the picture beside the fields
refused_at 80 24
# the picture under the fields
refused_at 80 34

check "no sanitizer report" sh -c '! grep -q "Sanitizer\|runtime error" "$1"' - "$T/tui.err"
finish
