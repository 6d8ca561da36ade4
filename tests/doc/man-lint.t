#!/bin/sh
# man-lint.t — both man pages render with man-db and groff without a single
# warning, fit 80 columns, and have the sections a reader looks for.
for tool in man groff; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "1..0 # SKIP $tool is not installed (Debian packages man-db and groff-base)"; exit 0; }
done
. "${top_srcdir:-.}/tests/integration/lib.sh"

# lint PAGE SECTION...: renders PAGE and checks it
lint() {
	page=$top_srcdir/man/$1; shift
	name=$(basename "$page")
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ -s "$T/out" ]; then ok "$name renders"; else not_ok "$name renders" "status $rc"; fi
	if [ ! -s "$T/err" ]; then ok "$name: man --warnings says nothing"
	else not_ok "$name: man --warnings says nothing" "$(cat "$T/err")"; fi
	# every groff warning, not only man's default set
	groff -man -ww -z "$page" >"$T/err2" 2>&1
	if [ ! -s "$T/err2" ]; then ok "$name: groff -ww says nothing"
	else not_ok "$name: groff -ww says nothing" "$(cat "$T/err2")"; fi
	if LC_ALL=C grep -n '[^ -~	]' "$page" >"$T/nonascii"; then
		not_ok "$name: the source is ASCII (escapes for the rest)" "$(head -5 "$T/nonascii")"
	else ok "$name: the source is ASCII (escapes for the rest)"; fi
	width=$(LC_ALL=C.UTF-8 wc -L <"$T/out")
	if [ "$width" -le 80 ]; then ok "$name: no line wider than 80 columns ($width)"
	else not_ok "$name: no line wider than 80 columns ($width)" \
		"$(LC_ALL=C.UTF-8 awk 'length($0) > 80' "$T/out" | head -5)"; fi
	for s in "$@"; do
		if grep -qx "$s" "$T/out"; then ok "$name has $s"; else not_ok "$name has $s"; fi
	done
}

lint mediatui.1 NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "THE FULL-SCREEN INTERFACE" \
	KEYS "IMAGE PREVIEWS" "JSON OUTPUT" "EXIT STATUS" ENVIRONMENT FILES SECURITY \
	EXAMPLES "SEE ALSO"
lint mediatui.conf.5 NAME SYNOPSIS DESCRIPTION FORMAT SETTINGS KEYS EXAMPLES FILES \
	ENVIRONMENT "SEE ALSO"
finish
