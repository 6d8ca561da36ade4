#!/bin/sh
# deps.sh — install the Debian packages mediatui needs to build and test.
# Installs only what is missing; uses sudo when not root. Safe to rerun.
#   --deb   also what tools/deb.sh needs; --test adds the tests' tools and
#   that; --bench adds the benchmarks' peers
set -e

# build and run
PKGS="gcc make autoconf automake autopoint gettext pkg-config
libncurses-dev libcurl4-openssl-dev libjansson-dev libmagic-dev libssl-dev
libcmocka-dev python3 ca-certificates
libchafa-dev libglib2.0-dev libjpeg-dev libpng-dev libgif-dev libwebp-dev"
# tests: the TUI is driven in tmux; valgrind checks for leaks; strace shows
# mediatui starts no child process (secrets.t); curl is the
# peer the benchmarks compare against; nginx is their storage host; man-db,
# groff-base and zsh check the man pages and the completions; the
# translation tests run in German and French: locales generates them;
# clang and its runtime (libFuzzer) build the fuzz targets
TEST_PKGS="tmux valgrind strace curl man-db groff-base zsh locales clang libclang-rt-14-dev"
TEST_LOCALES="de_DE.UTF-8 fr_FR.UTF-8"
BENCH_PKGS="nginx hyperfine libjpeg-turbo-progs"
# the Debian package (tools/deb.sh): dpkg-buildpackage, debhelper and
# build-essential (which dpkg-checkbuilddeps requires), lintian; fakeroot for
# builds that ask for root
DEB_PKGS="build-essential dpkg-dev debhelper fakeroot lintian"

want="$PKGS"
locales=""
case "${1:-}" in
	--deb) want="$PKGS $DEB_PKGS" ;;
	# tools/check.sh builds and checks the package too
	--test) want="$PKGS $TEST_PKGS $DEB_PKGS"; locales=$TEST_LOCALES ;;
	--bench) want="$PKGS $TEST_PKGS $DEB_PKGS $BENCH_PKGS"; locales=$TEST_LOCALES ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# locales the system cannot switch to yet ("de_DE.UTF-8" is listed as "de_DE.utf8")
have_locales=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/')
missing_locales=""
for l in $locales; do
	norm=$(printf '%s' "$l" | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/')
	printf '%s\n' "$have_locales" | grep -qx "$norm" || missing_locales="$missing_locales $l"
done
[ -z "$missing" ] && [ -z "$missing_locales" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps.sh: need root (or sudo) to install:$missing$missing_locales" >&2
	exit 1
fi
if [ -n "$missing" ]; then
	echo "Installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ -n "$missing_locales" ]; then
	echo "Generating locales:$missing_locales" >&2
	for l in $missing_locales; do
		# enable the line Debian ships commented out, or add it
		if grep -q "^# *$l UTF-8" /etc/locale.gen 2>/dev/null; then
			$SUDO sed -i "s/^# *$l UTF-8/$l UTF-8/" /etc/locale.gen
		elif ! grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null; then
			echo "$l UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
		fi
	done
	$SUDO locale-gen >/dev/null
fi
