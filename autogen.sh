#!/bin/sh
# autogen.sh — generate configure and the Makefiles from a fresh clone.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
# automake's drivers: TAP for cmocka and the shell tests, the plain one for the rest
for d in /usr/share/automake-*; do
	if [ -f "$d/tap-driver.sh" ]; then
		cp -f "$d/tap-driver.sh" build-aux/tap-driver.sh
		cp -f "$d/test-driver" build-aux/test-driver
		break
	fi
done
autoreconf --force --install
