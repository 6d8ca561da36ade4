#!/bin/sh
# deps.sh — install the Debian packages mediatui needs to build and test.
# Installs only what is missing; uses sudo when not root. Safe to rerun.
set -e

# build and run
PKGS="gcc make autoconf automake autopoint gettext pkg-config
libncurses-dev libcurl4-openssl-dev libjansson-dev libmagic-dev libssl-dev
libcmocka-dev python3 ca-certificates
libchafa-dev libglib2.0-dev libjpeg-dev libpng-dev libgif-dev libwebp-dev"
# tests: the TUI is driven in tmux; valgrind checks for leaks; curl is the
# peer the benchmarks compare against; nginx is their storage host; man-db,
# groff-base and zsh check the man pages and the completions
TEST_PKGS="tmux valgrind curl man-db groff-base zsh"
BENCH_PKGS="nginx hyperfine libjpeg-turbo-progs"

want="$PKGS"
case "${1:-}" in
	--test) want="$PKGS $TEST_PKGS" ;;
	--bench) want="$PKGS $TEST_PKGS $BENCH_PKGS" ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps.sh: need root (or sudo) to install:$missing" >&2
	exit 1
fi
echo "Installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
