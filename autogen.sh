#!/bin/sh
# autogen.sh — generate configure and the Makefiles from a fresh clone.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
# automake's TAP driver is used as the cmocka test driver
for d in /usr/share/automake-*; do
	if [ -f "$d/tap-driver.sh" ]; then
		cp -f "$d/tap-driver.sh" build-aux/tap-driver.sh
		break
	fi
done
autoreconf --force --install
