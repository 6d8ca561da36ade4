#!/bin/sh
# typefix.t — PNG bytes named x.jpg, marked and sent with u: one question
# names the file and its type; r sends it as x.png (the file here keeps its
# name), a sends it as it is (stored or refused, with the server's reason),
# Esc sends nothing and keeps the marks. For clearcms and for clarife's presigned uploads.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

# stored NAME: the server's items of that name, as "count md5"
stored() {
	admin GET /_admin/files |
		jget "' '.join([str(len([f for f in d['files'] if f['name'] == '$1']))] + [str(f.get('md5')) for f in d['files'] if f['name'] == '$1'])"
}
md5_of() { "$PY" -c 'import hashlib,sys; print(hashlib.md5(open(sys.argv[1],"rb").read()).hexdigest())' "$1"; }


# until_server TEXT SECONDS: until /_admin/files or the screen shows TEXT
until_seen() {
	i=0
	while [ $i -lt $(( $2 * 20 )) ]; do
		admin GET /_admin/files | grep -q "\"$1\"" && return 0
		screen | grep -q "refused" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

run_dialect() {
	d=$1; shift
	rm -rf "$T/work" "$T/server-data"
	mkdir -p "$T/work"
	start_server "$d"
	[ $# -gt 0 ] && write_config "$d" "$@"
	make_png "$T/work/x.jpg" 120 80
	make_png "$T/work/y.jpg" 130 80
	make_png "$T/work/z.jpg" 140 80
	x_md5=$(md5_of "$T/work/x.jpg")

	tui_start 120 30
	wait_for " of " || true
	send Tab
	wait_for "Local $T/work" || not_ok "$d: the local pane" "$(screen)"

	# r: sent as x.png; the file here keeps its name
	mark_and_send x.jpg 1
	expect_screen "$d: u asks about the disagreeing type" "Type and name disagree"
	expect_screen "$d: the dialog names the file and the type" "x.jpg holds image/png"
	expect_screen "$d: and says what it goes up as" "goes up as x.png"
	send r
	expect_screen "$d: the renamed upload finishes" "1/1 done" 30
	expect_eq "$d: the server stores it as x.png with the file's bytes" "1 $x_md5" "$(stored x.png)"
	expect_eq "$d: nothing is stored as x.jpg" "0" "$(stored x.jpg)"
	check "$d: the local file keeps its name" test -f "$T/work/x.jpg" -a ! -e "$T/work/x.png"

	# Esc: nothing is sent
	send Tab
	send Tab
	wait_for "Local $T/work" || true
	mark_and_send z.jpg 1
	expect_screen "$d: z.jpg is asked about" "z.jpg holds image/png"
	send Escape
	expect_screen "$d: Esc says nothing was sent" "nothing was sent"
	expect_eq "$d: Esc stores nothing" "0 0" "$(stored z.jpg) $(stored z.png | cut -d' ' -f1)"
	expect_screen "$d: Esc keeps the marks" "1 marked"
	# none marked for the next case: a marks every file, a again none
	send a
	wait_for "3 marked" || not_ok "$d: a marks every file" "$(screen)"
	send a
	wait_gone "3 marked" || not_ok "$d: a again unmarks them" "$(screen)"

	# a: as it is; stored as y.jpg, or the server's refusal is shown
	mark_and_send y.jpg 1
	expect_screen "$d: y.jpg is asked about" "y.jpg holds image/png"
	send a
	if until_seen y.jpg 30; then
		if screen | grep -q refused; then
			ok "$d: a sends y.jpg as it is and the server's refusal is shown"
		else
			expect_eq "$d: a stores it as y.jpg" "1" "$(stored y.jpg | cut -d' ' -f1)"
		fi
	else
		not_ok "$d: a sends y.jpg as it is" "$(screen)"
	fi
	expect_eq "$d: a does not rename" "0" "$(stored y.png | cut -d' ' -f1)"

	# several at once: one question with the count; s skips them, the rest goes
	make_png "$T/work/b1.jpg" 150 80
	make_png "$T/work/b2.jpg" 160 80
	make_png "$T/work/b3.png" 170 80
	send Tab
	send Tab
	send r
	wait_for "b3.png" || not_ok "$d: the new files are listed" "$(screen)"
	send '*'
	wait_for "Mark files matching" || true
	send C-u
	type_text "b?.*"
	send Enter
	wait_for "3 marked" || not_ok "$d: three files are marked" "$(screen)"
	send u
	expect_screen "$d: one question for the batch, with the count" "2 files hold another type"
	expect_screen "$d: listing each with its new name" "b2.jpg  image/png -> b2.png"
	send s
	i=0
	while [ "$(stored b3.png | cut -d' ' -f1)" != 1 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	expect_eq "$d: s still sends the file whose name agrees" "1" "$(stored b3.png | cut -d' ' -f1)"
	expect_eq "$d: s sends none of the others" "0 0 0 0" \
		"$(stored b1.jpg | cut -d' ' -f1) $(stored b1.png | cut -d' ' -f1) $(stored b2.jpg | cut -d' ' -f1) $(stored b2.png | cut -d' ' -f1)"
	tui_quit >/dev/null
	kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
}

run_dialect clearcms
run_dialect clarife "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
finish
