#!/bin/sh
# check.sh — the one command that installs what is missing, builds, and runs
# every test: once in an ordinary build and once under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the integration tests once more with
# mediatui under valgrind; make distcheck; the Debian package built,
# installed and purged; the fuzz targets. Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh tools/deps.sh --test || exit 1

# the TUI tests need predictable terminals and locales
unset LINES COLUMNS
export LC_ALL=C.UTF-8

status=0
dirs=""
broken=0   # test runs that failed without a result file (a driver or build error)
for variant in plain asan; do
	echo "== $variant build" >&2
	build=$(sh tools/build.sh "$variant" | tail -n 1) || { echo "build ($variant) failed" >&2; exit 1; }
	dirs="$dirs $build"
	# ASan must not stop at the first leak report from python or tmux children
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		make -C "$build" -s -k -j"$(nproc 2>/dev/null || echo 2)" check >"$build/check.out" 2>&1 || status=1
	if [ "$status" -ne 0 ] && ! grep -q '^\(FAIL\|ERROR\|XPASS\):' "$build/check.out"; then
		echo "[$variant] make check failed outside any test:" >&2
		grep -v '^\(PASS\|SKIP\):' "$build/check.out" | tail -n 20 >&2
		broken=$((broken + 1))
	fi
	grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' "$build/check.out" | sed "s/^/[$variant] /"
	if [ "$status" -ne 0 ]; then
		# show what failed, in full
		for log in $(grep -l '^:test-result: \(FAIL\|ERROR\)' $(find "$build" -name '*.trs') 2>/dev/null); do
			echo "---- ${log%.trs}.log" >&2
			tail -n 60 "${log%.trs}.log" >&2
		done
	fi
	# cmocka's own summaries
	for t in "$build"/tests/unit/test_*; do
		case "$t" in *.o|*.log|*.trs) continue ;; esac
		[ -x "$t" ] || continue
		(cd "$build" && top_srcdir="$top" "$t" 2>&1 | grep -E '^\[  (PASSED|FAILED)  \]|^\[==========\] .* ran' | sed "s|^|[$variant] $(basename "$t"): |")
	done
done
# third pass: the integration tests again in the plain build, every mediatui
# run under valgrind (MT_VALGRIND, see tests/integration/lib.sh). The scripts
# are linked under valgrind/ so their results sit beside, not over, the
# plain pass's, and count in the line below.
echo "== valgrind (integration tests, plain build)" >&2
build="$top/_build/plain"
vgdir="$build/valgrind"
rm -rf "$vgdir"
mkdir -p "$vgdir/tests/integration"
vtests=""
for t in $(sed -n 's|^[[:space:]]*\(tests/integration/[A-Za-z0-9_-]*\.t\).*|\1|p' Makefile.am); do
	ln -s "$top/$t" "$vgdir/$t"
	vtests="$vtests valgrind/$t"
done
vstatus=0
MT_VALGRIND=1 make -C "$build" -s -k -j"$(nproc 2>/dev/null || echo 2)" check TESTS="$vtests" \
	TEST_SUITE_LOG=valgrind/test-suite.log >"$vgdir/check.out" 2>&1 || vstatus=1
grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' "$vgdir/check.out" | sed "s/^/[valgrind] /"
if [ "$vstatus" -ne 0 ]; then
	status=1
	if ! grep -q '^\(FAIL\|ERROR\|XPASS\):' "$vgdir/check.out"; then
		echo "[valgrind] make check failed outside any test:" >&2
		tail -n 20 "$vgdir/check.out" >&2
		broken=$((broken + 1))
	fi
	for log in $(grep -l '^:test-result: \(FAIL\|ERROR\)' $(find "$vgdir" -name '*.trs') 2>/dev/null); do
		echo "---- ${log%.trs}.log" >&2
		tail -n 60 "${log%.trs}.log" >&2
	done
fi

# the build without previews: it must build, and say previews are absent
echo "== nopreview build" >&2
if build=$(sh tools/build.sh nopreview | tail -n 1); then
	dirs="$dirs $build"
	make -C "$build" -s -k check TESTS="tests/unit/test_cmdline tests/unit/test_crop tests/unit/test_phash tests/tui/preview.t tests/integration/content.t" \
		>"$build/check.out" 2>&1 || status=1
	grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' "$build/check.out" | sed "s/^/[nopreview] /"
else
	echo "build (nopreview) failed" >&2
	broken=$((broken + 1))
	status=1
fi
# the distribution, built, tested, installed and uninstalled: one result
sh tools/distcheck.sh "$top/_build/plain" || status=1
# the Debian package from a clean copy of the tree (dh_autoreconf runs
# `autoreconf -fi`, then configure and make -j check as the package build
# does), lintian clean, installed, run from the installed files and purged:
# one result per check (_build/deb-check.trs)
echo "== Debian package" >&2
sh tools/deb-check.sh || status=1
dirs="$dirs $top/_build/deb-check.trs"
# a short fuzz run of every parser of outside input: one result per target
echo "== fuzz" >&2
fuzz=$(FUZZ_SECONDS=${FUZZ_SECONDS:-15} sh tools/fuzz.sh) || status=1
printf '%s\n' "$fuzz" | sed 's/^/[fuzz] /'
dirs="$dirs $top/_build/fuzz/results"
line=$(sh tools/count-results.sh $dirs) || status=1
# the failures once more, last, where a reader of the tail will see them
# (their logs went to stderr above, between thousands of passes)
if [ "$status" -ne 0 ]; then
	echo "== what failed"
	for log in $(grep -l '^:test-result: \(FAIL\|ERROR\|XPASS\)' $(find $dirs -name '*.trs' 2>/dev/null) 2>/dev/null); do
		echo "---- ${log%.trs}"
		grep -E '^(not ok|FAIL|ERROR|# )' "${log%.trs}.log" 2>/dev/null | tail -n 15
	done
fi
if [ "$broken" -gt 0 ]; then
	# count a run that broke outside the tests as failed, so the line cannot mislead
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed*}
	line="$p passed, $((f + broken)) failed"
fi
echo "$line"
exit $status
