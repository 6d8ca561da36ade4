#!/bin/sh
# autogen.sh — generate configure and the Makefiles from a fresh clone. The
# same as `autoreconf -fi`: configure.ac asks for automake's test drivers
# (AC_REQUIRE_AUX_FILE), so --install copies them into build-aux.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
autoreconf --force --install
