#!/bin/sh
# build.sh — configure and build in _build/NAME (out of the source tree).
#   tools/build.sh plain            an ordinary build
#   tools/build.sh asan             AddressSanitizer + UndefinedBehaviorSanitizer
#   tools/build.sh nopreview        configured --without-preview (no chafa, no decoders)
# Prints the build directory on the last line of stdout.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
name=${1:-plain}
cd "$top"
if [ ! -x configure ] || [ ! -f build-aux/test-driver ] || [ configure.ac -nt configure ] ||
   [ Makefile.am -nt configure ] || [ autogen.sh -nt configure ]; then
	./autogen.sh >/dev/null 2>&1 || ./autogen.sh
fi
build="$top/_build/$name"
mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ] || [ "$top/configure" -nt Makefile ]; then
	case "$name" in
		asan) flags="--enable-sanitizers" ;;
		nopreview) flags="--without-preview" ;;
		*) flags="" ;;
	esac
	# shellcheck disable=SC2086
	"$top/configure" -q $flags CFLAGS="${CFLAGS:--O2 -g}" >/dev/null
fi
make -s -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
echo "$build"
