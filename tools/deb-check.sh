#!/bin/sh
# deb-check.sh — the Debian package as a user gets it: built from a clean
# tree by tools/deb.sh (lintian clean), installed with
# `apt-get install ./mediatui_….deb`, run from the installed files (the
# version, the man pages, a translation, both completions, batch commands
# against the reference server: debian/tests/smoke), then purged, after which
# none of its files may be left. Installs and purges on this machine: for CI
# and throwaway boxes (root or sudo). One result per check in
# _build/deb/deb-check.trs, counted by tools/count-results.sh; prints
# "[deb] PASS: ..." lines and exits 1 when any check failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
trs=$top/_build/deb-check.trs
: >"$trs.tmp"
failed=0
result() { # PASS|FAIL NAME [DETAILS]
	printf ':test-result: %s\n' "$1" >>"$trs.tmp"
	echo "[deb] $1: $2"
	if [ "$1" = FAIL ]; then
		failed=1
		[ -n "${3:-}" ] && printf '%s\n' "$3" | tail -n 30 | sed 's/^/    /' >&2
	fi
}
check() { # NAME COMMAND...
	name=$1; shift
	if out=$("$@" 2>&1); then result PASS "$name"; else result FAIL "$name" "$out"; fi
}
finish() {
	if [ "$failed" -eq 0 ]; then g=PASS; else g=FAIL; fi
	printf ':global-test-result: %s\n:recheck: no\n:copy-in-global-log: no\n' "$g" >>"$trs.tmp"
	mv "$trs.tmp" "$trs"
	exit "$failed"
}

t0=$(date +%s)
if deb=$(sh tools/deb.sh | tail -n 1) && [ -f "$deb" ]; then
	result PASS "tools/deb.sh builds $(basename "$deb"), lintian clean ($(( $(date +%s) - t0 )) s)"
else
	result FAIL "tools/deb.sh builds the package, lintian clean"
	finish
fi
echo "[deb] $(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')" >&2

# a package left from an earlier run would hide what this one installs
$SUDO apt-get purge -y -qq mediatui >/dev/null 2>&1
if out=$($SUDO apt-get install -y -qq --no-install-recommends "$deb" 2>&1); then
	result PASS "apt-get install ./$(basename "$deb")"
else
	result FAIL "apt-get install ./$(basename "$deb")" "$out"
	finish
fi
files=$(dpkg-query -L mediatui | while read -r f; do [ -d "$f" ] || echo "$f"; done)

# ---- from the installed files, with nothing of the build tree on PATH
cd /
check "mediatui --version names the version and its libraries" \
	sh -c 'v=$(mediatui --version) && printf "%s\n" "$v" | grep -q "^mediatui [0-9]" &&
		printf "%s\n" "$v" | grep -q "libcurl" && [ "$(command -v mediatui)" = /usr/bin/mediatui ]'
check "man -w mediatui finds the installed page" \
	sh -c 'test "$(man -w mediatui)" = /usr/share/man/man1/mediatui.1.gz'
check "man -w mediatui.conf finds the installed page" \
	sh -c 'test "$(man -w 5 mediatui.conf)" = /usr/share/man/man5/mediatui.conf.5.gz'
check "mediatui --help speaks German from the installed catalogue" \
	sh -c 'LANGUAGE=de LC_ALL=de_DE.UTF-8 mediatui --help | grep -q "^Aufruf\|^Verwendung\|Befehle"'
check "bash loads the installed completion" \
	bash -c '. /usr/share/bash-completion/completions/mediatui && complete -p mediatui | grep -q _mediatui'
check "zsh's compinit finds the installed completion" \
	zsh -f -c 'autoload -Uz compinit && compinit -u -D && [[ $_comps[mediatui] == _mediatui ]]'
check "the sample configuration and the demo library are installed" \
	sh -c 'test -s /usr/share/doc/mediatui/examples/config.sample && test -s /usr/share/mediatui/demo/harbour.jpg'
cd "$top"
check "batch commands against the reference server (debian/tests/smoke)" \
	env MEDIATUI=/usr/bin/mediatui sh debian/tests/smoke

# ---- purge: no file of the package left
if out=$($SUDO apt-get purge -y -qq mediatui 2>&1); then
	result PASS "apt-get purge mediatui"
else
	result FAIL "apt-get purge mediatui" "$out"
fi
left=""
for f in $files; do [ -e "$f" ] || [ -L "$f" ] && left="$left $f"; done
for d in /usr/share/mediatui /usr/share/doc/mediatui; do [ -e "$d" ] && left="$left $d"; done
if [ -z "$left" ] && ! dpkg-query -W -f='${Status}' mediatui 2>/dev/null | grep -q installed; then
	result PASS "after the purge nothing of the package is left ($(echo "$files" | wc -l) files gone)"
else
	result FAIL "after the purge nothing of the package is left" "left:$left"
fi
finish
