#!/bin/sh
# po-current.sh — fails when a catalogue in po/ has fallen behind the sources.
#
# Makes a fresh template from po/POTFILES.in with po/Makevars' xgettext
# options, merges each language of po/LINGUAS against it and names every
# message that is missing, untranslated or fuzzy; checks that every source
# file using _(), N_() or P_() is listed in POTFILES.in; runs msgfmt's checks.
# Also: no help line is translated longer than the help screen shows.
# Works in a temporary directory: the tree is left as it was.
set -u
top=$(cd "${top_srcdir:-.}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/po-current.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { printf 'FAIL: %s\n' "$1"; fail=1; }

for tool in xgettext msgmerge msgattrib msgfmt; do
	command -v "$tool" >/dev/null 2>&1 || { echo "ERROR: $tool not found (Debian package gettext)"; exit 99; }
done

# -- every file that marks strings is in POTFILES.in (and every listed file exists)
grep -v '^[[:space:]]*#' "$top/po/POTFILES.in" | sed '/^[[:space:]]*$/d' | sort >"$tmp/listed"
(cd "$top" && grep -rlE '(^|[^A-Za-z0-9_])(_|N_|P_)\(' src --include='*.c' --include='*.h') |
	grep -v '^src/core/i18n\.h$' | sort >"$tmp/marking"
for f in $(comm -23 "$tmp/marking" "$tmp/listed"); do
	bad "$f uses _(), N_() or P_() but is not listed in po/POTFILES.in"
done
while read -r f; do
	[ -f "$top/$f" ] || bad "po/POTFILES.in lists $f, which does not exist"
done <"$tmp/listed"

# -- a fresh template, with the options the build uses. This runs inside
# `make check`, perhaps `make -j`: the inner make must not see the outer one's
# job server or flags, or it prints a warning on stdout that would be read
# as options
opts=$(printf 'include %s\nprint-options:\n\t@echo $(XGETTEXT_OPTIONS)\n' "$top/po/Makevars" |
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u GNUMAKEFLAGS \
	make -s --no-print-directory -f - print-options PACKAGE=mediatui) || { echo "ERROR: cannot read po/Makevars"; exit 99; }
# shellcheck disable=SC2086
if ! (cd "$top" && xgettext $opts --package-name=mediatui -o "$tmp/mediatui.pot" -f "$tmp/listed") 2>"$tmp/xgettext.err"; then
	cat "$tmp/xgettext.err"
	echo "ERROR: xgettext failed"
	exit 99
fi

# msgids of a PO file, one per line, as written in the file (escapes kept)
msgids() {
	awk '
		/^#~/ { next }
		/^msgid / { if (id != "") print id; id = substr($0, 7); inid = 1; next }
		/^"/ && inid { id = id $0; next }
		{ inid = 0 }
		END { if (id != "") print id }
	' "$1" | sed 's/^"//; s/"$//; s/""//g' | grep -v '^$' | sort -u
}

# LANG|TERM|WORDING: the one wording of a term in a catalogue (the upload
# header's "N/M up" is the files sent, paused or not; uploads paused are
# said one way, in the header, the panel, the rows and the messages; a try
# again is one word, with its count in one form, whether an upload's row,
# upload --progress, R or an edit's retry says it: French said "nouvel
# essai", "essai 2 sur 6" and "relance" for it; German said both
# "Alt-Text" and "Alternativtext")
terms='de|already there|schon vorhanden
de|alt text|Alt-Text
fr|already there|déjà là
de|d up %d|hoch %d
fr|d up %d|envoyés %d
de|paused|angehalten
fr|paused|en pause
fr|retrying|nouvel essai
fr|retry %d of %d|nouvel essai (%d sur %d)
fr|retry in %lds|nouvel essai dans
fr|trying again|nouvel essai
de|retry %d of %d|neuer Versuch (%d von %d)
de|retry in %lds|neuer Versuch in
de|trying again|neuer Versuch'

langs=$(sed 's/#.*//' "$top/po/LINGUAS")
[ -n "$(printf '%s' "$langs" | tr -d ' \n')" ] || bad "po/LINGUAS names no language"
for lang in $langs; do
	po="$top/po/$lang.po"
	if [ ! -f "$po" ]; then
		bad "po/LINGUAS names $lang but po/$lang.po does not exist"
		continue
	fi
	msgfmt -c --check-format -o /dev/null "$po" 2>"$tmp/$lang.msgfmt" ||
		bad "msgfmt -c --check-format rejects po/$lang.po: $(cat "$tmp/$lang.msgfmt")"
	if ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.merged" "$po" "$tmp/mediatui.pot" 2>"$tmp/$lang.err"; then
		bad "msgmerge failed on po/$lang.po: $(cat "$tmp/$lang.err")"
		continue
	fi
	msgids "$po" >"$tmp/$lang.known"
	msgattrib --no-obsolete --untranslated -o "$tmp/$lang.untr" "$tmp/$lang.merged"
	msgattrib --no-obsolete --only-fuzzy -o "$tmp/$lang.fuzzy" "$tmp/$lang.merged"
	if [ -s "$tmp/$lang.untr" ]; then
		msgids "$tmp/$lang.untr" | while read -r id; do
			if grep -qxF -- "$id" "$tmp/$lang.known"; then
				printf 'FAIL: po/%s.po: untranslated: "%s"\n' "$lang" "$id"
			else
				printf 'FAIL: po/%s.po: missing: "%s"\n' "$lang" "$id"
			fi
		done >"$tmp/$lang.report"
		cat "$tmp/$lang.report"
		[ -s "$tmp/$lang.report" ] && fail=1
	fi
	if [ -s "$tmp/$lang.fuzzy" ]; then
		msgids "$tmp/$lang.fuzzy" | sed "s|^|FAIL: po/$lang.po: fuzzy: \"|; s|\$|\"|" >"$tmp/$lang.freport"
		cat "$tmp/$lang.freport"
		[ -s "$tmp/$lang.freport" ] && fail=1
	fi
	# the help screen cuts a description at 55 cells (src/tui/help.c): a
	# longer translation loses its end on an 80-column terminal (read from
	# the merged catalogue, whose references are fresh from the sources)
	awk '
		/^#:/ { help = help || index($0, "src/tui/help.c") > 0; next }
		/^msgstr / { instr = help; s = substr($0, 8); next }
		/^"/ && instr { s = s $0; next }
		{ if (instr && s != "") print s; instr = 0; s = ""; if ($0 == "") help = 0 }
		END { if (instr && s != "") print s }
	' "$tmp/$lang.merged" | sed 's/^"//; s/"$//; s/""//g' | while IFS= read -r str; do
		w=$(printf '%s' "$str" | LC_ALL=C.UTF-8 wc -m)
		[ "$w" -le 55 ] || printf 'FAIL: po/%s.po: help line of %d characters, over 55: "%s"\n' "$lang" "$w" "$str"
	done >"$tmp/$lang.wide"
	cat "$tmp/$lang.wide"
	[ -s "$tmp/$lang.wide" ] && fail=1
	# one term, one wording: every message that says a term in English says
	# it in the wording the catalogue chose for it ("already there" was
	# "déjà là" in some upload texts and "déjà présent(s)" in others)
	printf '%s\n' "$terms" | while IFS='|' read -r tl term wording; do
		[ "$tl" = "$lang" ] || continue
		awk -v term="$term" -v wording="$wording" -v lang="$lang" '
			function flush() {
				if (index(id, term) > 0)
					for (k = 1; k <= ns; k++)
						if (index(str[k], wording) == 0)
							printf "FAIL: po/%s.po: \"%s\" not said as \"%s\" in %s\n", lang, term, wording, str[k]
				id = ""; ns = 0; what = ""
			}
			/^#~/ { next }
			/^msgid / { flush(); what = "id"; id = substr($0, 7); next }
			/^msgid_plural / { what = "id"; id = id substr($0, 14); next }
			/^msgstr/ { what = "str"; ns++; sub(/^msgstr(\[[0-9]+\])? /, ""); str[ns] = $0; next }
			/^"/ { if (what == "id") id = id $0; else if (what == "str") str[ns] = str[ns] $0; next }
			{ what = "" }
			END { flush() }
		' "$tmp/$lang.merged"
	done >"$tmp/$lang.terms"
	cat "$tmp/$lang.terms"
	[ -s "$tmp/$lang.terms" ] && fail=1
	n=$(msgids "$tmp/$lang.merged" | wc -l)
	echo "po/$lang.po: $n messages checked"
done
[ "$fail" -eq 0 ] && echo "PASS: every catalogue is complete and current"
exit "$fail"
