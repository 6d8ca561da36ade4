#!/bin/sh
# deb.sh — the Debian package from a clean tree, in one command:
#   sh tools/deb.sh            builds mediatui_VERSION_ARCH.deb (and -dbgsym)
# Installs what the build needs (tools/deps.sh --deb), copies the files git
# tracks (or the tree, without _build, outside a git checkout) to
# _build/deb/src/, runs `dpkg-buildpackage -us -uc -b` there (dh_autoreconf,
# configure, make, the package's make check, see debian/rules), then lintian
# on the .deb files and the .changes, which must report no error and no
# warning. -J: as many jobs as processors, unless DEB_BUILD_OPTIONS says
# parallel=N. The packages are left in _build/deb/; the last line of stdout is
# the path of mediatui's .deb. DEB_BUILD_OPTIONS is passed on (nocheck, ...).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh tools/deps.sh --deb

out="$top/_build/deb"
rm -rf "$out"
mkdir -p "$out/src"
src="$out/src/mediatui"
mkdir -p "$src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# what git tracks, as it is in the working tree (uncommitted edits too)
	git -C "$top" ls-files -z | (cd "$top" && xargs -0 cp --parents -t "$src")
else
	tar -C "$top" --exclude=./_build -cf - . | tar -C "$src" -xf -
fi

echo "== dpkg-buildpackage -us -uc -b (log: $out/build.log)" >&2
if ! (cd "$src" && dpkg-buildpackage -us -uc -b -J) >"$out/build.log" 2>&1; then
	tail -n 60 "$out/build.log" >&2
	echo "deb.sh: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
	exit 1
fi
# the files dpkg-buildpackage leaves beside the source
mv "$out"/src/*.deb "$out"/src/*.changes "$out"/src/*.buildinfo "$out"/ 2>/dev/null || true
changes=$(ls "$out"/*.changes)
deb=$(ls "$out"/mediatui_*.deb)

echo "== lintian" >&2
# --fail-on: an error or a warning fails the build; the reason for any
# override is written beside it in debian/*.lintian-overrides
if ! lintian --fail-on error,warning --display-info "$changes" "$out"/*.deb >"$out/lintian.log" 2>&1; then
	cat "$out/lintian.log" >&2
	echo "deb.sh: lintian reports errors or warnings" >&2
	exit 1
fi
[ -s "$out/lintian.log" ] && sed 's/^/lintian: /' "$out/lintian.log" >&2
echo "$deb"
