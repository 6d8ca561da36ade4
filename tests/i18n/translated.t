#!/bin/sh
# translated.t — mediatui in German and French: the catalogues that
# `make install` puts in place are used, --help and the interface speak the
# language and fit in 80 columns, sizes and dates follow the locale, and
# --json stays the same document whatever the locale.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

for l in de_DE.UTF-8 fr_FR.UTF-8; do
	if ! LC_ALL=$l sh -c 'locale -k decimal_point' 2>/dev/null | grep -q '"[.,]"' ||
	   [ "$(LC_ALL=$l locale charmap 2>/dev/null)" != UTF-8 ]; then
		echo "Bail out! locale $l is not installed (run tools/deps.sh --test)"
		exit 1
	fi
done

# the catalogues as `make install` installs them, in a private DESTDIR
if ! make -s -C "$top_builddir/po" install DESTDIR="$T/inst" >"$T/install.out" 2>&1; then
	echo "Bail out! make -C po install failed: $(tail -n 5 "$T/install.out")"
	exit 1
fi
mo=$(find "$T/inst" -path '*/de/LC_MESSAGES/mediatui.mo' | head -n 1)
check "make install installs the German catalogue" test -s "$mo"
check "make install installs the French catalogue" \
	test -s "$(find "$T/inst" -path '*/fr/LC_MESSAGES/mediatui.mo' | head -n 1)"
MEDIATUI_LOCALEDIR=${mo%/de/LC_MESSAGES/mediatui.mo}
export MEDIATUI_LOCALEDIR

start_server clearcms --demo "$top_srcdir/data/demo"
write_config clearcms "plan = free"

# in_lang LANG CMD...: a command in that language (gettext needs LC_ALL too)
in_lang() {
	lang=$1; shift
	case $lang in
		de) lc=de_DE.UTF-8 ;;
		fr) lc=fr_FR.UTF-8 ;;
		*) lc=C.UTF-8 ;;
	esac
	LANGUAGE=$lang LC_ALL=$lc "$@"
}

# lines_fit NAME FILE: every line is at most 80 cells wide
lines_fit() {
	long=$(while IFS= read -r line; do
		w=$(printf '%s\n' "$line" | LC_ALL=C.UTF-8 wc -L)
		[ "$w" -gt 80 ] && printf '%s cells: %s\n' "$w" "$line"
	done <"$2")
	if [ -z "$long" ]; then ok "$1"; else not_ok "$1" "$long"; fi
}

# help_aligned NAME FILE: option and command descriptions start in column 26
help_aligned() {
	bad=$(grep -E '^  [-a-z]' "$2" | while IFS= read -r line; do
		lead=$(printf '%s\n' "$line" | LC_ALL=C.UTF-8 sed -E 's/^(.{25}).*/\1/')
		rest=$(printf '%s\n' "$line" | LC_ALL=C.UTF-8 sed -E 's/^.{25}//')
		case $lead in *' ') ;; *) echo "$line"; continue ;; esac
		case $rest in ' '*|'') echo "$line" ;; esac
	done)
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1" "$bad"; fi
}

# ---- --help
in_lang de "$MEDIATUI" --help >"$T/help-de.txt"
check "German --help: the usage line" grep -q '^Aufruf: mediatui \[OPTION\]... \[BEFEHL \[ARG\]...\]$' "$T/help-de.txt"
check "German --help: commands and options" sh -c 'grep -q "^Befehle:" "$1" && grep -q "diese Hilfe zeigen und beenden" "$1"' - "$T/help-de.txt"
lines_fit "German --help fits in 80 columns" "$T/help-de.txt"
help_aligned "German --help keeps the description column" "$T/help-de.txt"
in_lang fr "$MEDIATUI" --help >"$T/help-fr.txt"
check "French --help: commands and options" sh -c 'grep -q "^Commandes :" "$1" && grep -q "afficher cette aide et quitter" "$1"' - "$T/help-fr.txt"
lines_fit "French --help fits in 80 columns" "$T/help-fr.txt"
help_aligned "French --help keeps the description column" "$T/help-fr.txt"
in_lang en "$MEDIATUI" --help >"$T/help-en.txt"
help_aligned "English --help keeps the description column" "$T/help-en.txt"
check "LANGUAGE=de without a German locale stays English (gettext ignores LANGUAGE in C)" \
	sh -c 'LANGUAGE=de LC_ALL=C "$1" --help | grep -q "^Usage: "' - "$MEDIATUI"

# ---- batch commands for people: words, decimal separators, dates
in_lang de "$MEDIATUI" -c "$T/config" usage >"$T/usage-de.txt" 2>&1
check "German usage: words and a decimal comma" \
	grep -q '^[0-9]*,[0-9] [KM]iB von [0-9]*,[0-9] [KMG]iB belegt ([0-9]*,[0-9] %) durch [0-9]* Elemente$' "$T/usage-de.txt"
check "German usage: type families in words" grep -q ' Bild$' "$T/usage-de.txt"
in_lang fr "$MEDIATUI" -c "$T/config" usage >"$T/usage-fr.txt" 2>&1
check "French usage: units in octets and a decimal comma" \
	grep -q '^[0-9]*,[0-9] [KM]io sur [0-9]*,[0-9] [KMG]io utilisés ([0-9]*,[0-9] %) par [0-9]* éléments$' "$T/usage-fr.txt"
in_lang de "$MEDIATUI" -c "$T/config" ls / --limit 5 >"$T/ls-de.txt" 2>"$T/ls-de.err"
check "German ls: column headings" grep -q '^ID  *NAME  *TYP  *GRÖSSE  BxH  *ALT  ORDNER' "$T/ls-de.txt"
check "German ls: the count on stderr" grep -q '^5 von [0-9]* Elementen$' "$T/ls-de.err"
id=$(mt ls / --limit 1 --json | jget 'd["items"][0]["id"]')
created=$(mt info "$id" --json | jget 'd["createdAt"]')
in_lang de "$MEDIATUI" -c "$T/config" info "$id" >"$T/info-de.txt"
day=$(printf '%s' "$created" | sed -E 's/^([0-9]{4})-([0-9]{2})-([0-9]{2}).*/\3.\2.\1/')
check "German info: the date as dd.mm.yyyy ($created)" grep -q "^Erstellt:  *$day [0-9][0-9]:[0-9][0-9]$" "$T/info-de.txt"
in_lang fr "$MEDIATUI" -c "$T/config" info "$id" >"$T/info-fr.txt"
day=$(printf '%s' "$created" | sed -E 's/^([0-9]{4})-([0-9]{2})-([0-9]{2}).*/\3\/\2\/\1/')
check "French info: the date as dd/mm/yyyy" grep -q "^créé le :  *$day [0-9][0-9]:[0-9][0-9]$" "$T/info-fr.txt"
in_lang en "$MEDIATUI" -c "$T/config" info "$id" >"$T/info-c.txt"
cday=$(printf '%s' "$created" | cut -c1-10)
check "C locale info: the date for people (no T, no seconds, no Z)" \
	grep -Eq "^created:  *$cday [0-9]{2}:[0-9]{2}$" "$T/info-c.txt"
in_lang de "$MEDIATUI" -c "$T/config" info no-such-id >/dev/null 2>"$T/err-de.txt"
check "German error messages (what failed, then the server's words)" \
	grep -q '^mediatui: Lesen des Elements: .*(HTTP 404)$' "$T/err-de.txt"

# ---- input keeps C numbers in every locale (strtod must not expect "12,5")
in_lang de "$MEDIATUI" -c "$T/config" --quiet edit "$id" --focal 12.5,40 2>"$T/edit-de.err"
expect_eq "German locale: --focal 12.5,40 is read as numbers" "12.5 40" \
	"$(mt info "$id" --json | jget '"%g %g" % (d["focalX"], d["focalY"])')"

# ---- --json is the same document in every locale
for cmd in "ls / --limit 20" "usage" "audit" "info $id" "rm no-such-id --dry-run"; do
	# shellcheck disable=SC2086
	in_lang en "$MEDIATUI" -c "$T/config" --json $cmd >"$T/c.json" 2>/dev/null
	# shellcheck disable=SC2086
	in_lang de "$MEDIATUI" -c "$T/config" --json $cmd >"$T/de.json" 2>/dev/null
	check "--json $cmd: identical under de_DE.UTF-8 and C.UTF-8" cmp "$T/c.json" "$T/de.json"
done
check "--json usage under de_DE: the percentage keeps its dot" \
	sh -c 'LANGUAGE=de LC_ALL=de_DE.UTF-8 "$1" -c "$2" --json usage | grep -Eq "\"percent\": [0-9]+\.[0-9]+"' - "$MEDIATUI" "$T/config"
check "--json under de_DE: error messages stay English" \
	sh -c 'LANGUAGE=de LC_ALL=de_DE.UTF-8 "$1" -c "$2" --json rm no-such-id --dry-run | grep -q "\"message\": \".*not found"' - "$MEDIATUI" "$T/config"

# ---- the interface
# screen_fits NAME: the settled screen has no line wider than 80 cells
screen_fits() {
	settle
	screen >"$T/screen.txt"
	lines_fit "$1" "$T/screen.txt"
}
# screen_matches NAME REGEX: the settled screen has a line matching REGEX
screen_matches() {
	settle
	if screen | grep -Eq -- "$2"; then ok "$1"; else not_ok "$1" "wanted: $2" "$(screen)"; fi
}

# tui_in LANG LOCALE: the interface in that language, its screens checked;
# the words it waits for follow (main, column, hint, help, usage, audit,
# search, the help's last page), the size unit and a date pattern
tui_in() {
	lang=$1 TUI_LC_ALL=$2 main=$3 column=$4 hint=$5 help=$6 usage=$7 audit=$8 search=$9
	shift 9
	help_end=$1 unit=$2 datere=$3
	tui_start 80 24 LANGUAGE="$lang" MEDIATUI_LOCALEDIR="$MEDIATUI_LOCALEDIR"
	TUI_LC_ALL=
	expect_screen "$lang interface: the remote pane" "$main"
	expect_screen "$lang interface: column headings" "$column"
	expect_screen "$lang interface: the help hint" "$hint"
	screen_matches "$lang interface: sizes with a decimal comma" "[0-9],[0-9] $unit"
	screen_matches "$lang interface: dates in the local format" "$datere"
	screen_fits "$lang main screen fits in 80 columns"
	send '?'
	expect_screen "$lang help" "$help"
	send Home
	: >"$T/help.txt"
	for _p in 1 2 3 4 5; do
		settle
		screen | sed '$d' >>"$T/help.txt"
		send NPage
	done
	check "$lang help: the last page too" grep -q "$help_end" "$T/help.txt"
	lines_fit "$lang help fits in 80 columns" "$T/help.txt"
	if grep -q '…$' "$T/help.txt"; then
		not_ok "$lang help: no description is cut" "$(grep '…$' "$T/help.txt")"
	else
		ok "$lang help: no description is cut"
	fi
	send q
	send v
	expect_screen "$lang usage view" "$usage"
	screen_fits "$lang usage view fits in 80 columns"
	send q
	send A
	expect_screen "$lang audit view" "$audit"
	screen_fits "$lang audit view fits in 80 columns"
	send q
	wait_for "$main" >/dev/null
	send /
	expect_screen "$lang search prompt" "$search"
	screen_fits "$lang search prompt fits in 80 columns"
	send Escape
	rc=$(tui_quit)
	expect_eq "$lang interface quits with 0" 0 "$rc"
}

tui_in de de_DE.UTF-8 "Mediathek /" "Erstellt" "? Hilfe" "Mediathek-Bereich" \
	"Nach Ordner (größte zuerst)" "Bilder ohne Alt-Text" "Alle Ordner durchsuchen (wird an den Server geschickt)" \
	"Fokuspunkt-Editor" KiB ' [0-3][0-9]\.[01][0-9]\.20[0-9][0-9]'
tui_in fr fr_FR.UTF-8 "Médiathèque /" "Créé le" "? aide" "Panneau médiathèque" \
	"Par dossier (les plus gros d’abord)" "Images sans texte alternatif" "Rechercher dans tous les dossiers (envoyé au serveur)" \
	"Éditeur de point focal" Kio ' [0-3][0-9]/[01][0-9]/20[0-9][0-9]'

finish
