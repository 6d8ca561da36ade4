#!/bin/sh
# install.t — `make install` into a temporary DESTDIR puts exactly the
# expected files in their places (the program, both man pages, the
# translations, the sample configuration, the demo library, the completions),
# they work from there, and `make uninstall` leaves nothing but directories.
. "${top_srcdir:-.}/tests/integration/lib.sh"

# this runs inside `make check`: the inner make must not try to share the
# outer one's job server or flags
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u DESTDIR make -C "$top_builddir" "$@"; }
# var NAME: a make variable of the build, fully expanded
var() { printf 'mt-print-%%:\n\t@echo $($*)\n' | mk -s -f Makefile -f - "mt-print-$1"; }

DEST=$T/dest
for v in prefix bindir mandir docdir pkgdatadir localedir bashcompletiondir zshcompletiondir; do
	val=$(var "$v")
	case $val in
	/*|no) eval "$v=\$val" ;;
	*) echo "Bail out! cannot read the make variable $v: '$val'"; exit 1 ;;
	esac
done

if mk -s install DESTDIR="$DEST" >"$T/install.log" 2>&1; then
	ok "make install DESTDIR=... succeeds"
else
	not_ok "make install DESTDIR=... succeeds" "$(tail -n 20 "$T/install.log")"
fi

# ---- exactly these files ----
{
	echo "$bindir/mediatui"
	echo "$mandir/man1/mediatui.1"
	echo "$mandir/man5/mediatui.conf.5"
	echo "$docdir/README.md"
	echo "$docdir/LICENSE"
	echo "$docdir/examples/config.sample"
	for f in "$top_srcdir"/data/demo/*; do echo "$pkgdatadir/demo/${f##*/}"; done
	for lang in $(sed 's/#.*//' "$top_srcdir/po/LINGUAS"); do
		echo "$localedir/$lang/LC_MESSAGES/mediatui.mo"
	done
	[ "$bashcompletiondir" = no ] || echo "$bashcompletiondir/mediatui"
	[ "$zshcompletiondir" = no ] || echo "$zshcompletiondir/_mediatui"
} | LC_ALL=C sort >"$T/expected"
(cd "$DEST" && find . \( -type f -o -type l \) -print) | sed 's|^\.||' | LC_ALL=C sort >"$T/installed"
if cmp -s "$T/expected" "$T/installed"; then
	ok "exactly the expected $(wc -l <"$T/expected") files are installed"
else
	not_ok "exactly the expected files are installed" "$(diff "$T/expected" "$T/installed")"
fi
# the conventional places, unless configure was told otherwise
datadir=$(var datadir)
configured=$("$top_builddir/config.status" --config)
case $configured in
*with-bash-completion-dir*) ok "the bash completion goes where configure was told ($bashcompletiondir)" ;;
*) expect_eq "the bash completion's place" "$datadir/bash-completion/completions" "$bashcompletiondir" ;;
esac
case $configured in
*with-zsh-completion-dir*) ok "the zsh completion goes where configure was told ($zshcompletiondir)" ;;
*) expect_eq "the zsh completion's place" "$datadir/zsh/site-functions" "$zshcompletiondir" ;;
esac

# ---- the installed files work ----
if "$DEST$bindir/mediatui" --version >"$T/version" 2>&1 && grep -q '^mediatui ' "$T/version"; then
	ok "the installed program runs"
else
	not_ok "the installed program runs" "$(cat "$T/version")"
fi
for page in man1/mediatui.1 man5/mediatui.conf.5; do
	if ! command -v man >/dev/null 2>&1; then
		ok "the installed $page renders cleanly # SKIP man is not installed (Debian package man-db)"
		continue
	fi
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$DEST$mandir/$page" >"$T/page" 2>"$T/page.err"
	if [ -s "$T/page" ] && [ ! -s "$T/page.err" ]; then ok "the installed $page renders cleanly"
	else not_ok "the installed $page renders cleanly" "$(cat "$T/page.err")"; fi
done
check "the installed bash completion is the source's" \
	cmp "$top_srcdir/data/completions/mediatui" "$DEST$bashcompletiondir/mediatui"
check "the installed zsh completion is the source's" \
	cmp "$top_srcdir/data/completions/_mediatui" "$DEST$zshcompletiondir/_mediatui"
check "the installed sample configuration is data/config.sample" \
	cmp "$top_srcdir/data/config.sample" "$DEST$docdir/examples/config.sample"
check "bash loads the installed completion" \
	bash -c ". '$DEST$bashcompletiondir/mediatui' && complete -p mediatui"

# ---- uninstall leaves directories only ----
if mk -s uninstall DESTDIR="$DEST" >"$T/uninstall.log" 2>&1; then
	ok "make uninstall DESTDIR=... succeeds"
else
	not_ok "make uninstall DESTDIR=... succeeds" "$(tail -n 20 "$T/uninstall.log")"
fi
left=$(cd "$DEST" && find . ! -type d -print)
if [ -z "$left" ]; then ok "make uninstall leaves no file behind"
else not_ok "make uninstall leaves no file behind" "$left"; fi
finish
