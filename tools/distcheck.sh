#!/bin/sh
# distcheck.sh BUILD_DIR — `make distcheck` from a configured build: the
# tarball is made, unpacked read-only, configured, built, tested, installed,
# uninstalled (nothing may be left) and cleaned. Inside it, only the tests of
# tests/doc run (the documentation, completions and installation), so that
# it takes a minute, not the whole suite again.
# Prints one "[NAME] PASS: distcheck" or "... FAIL: distcheck" line and leaves
# BUILD_DIR/distcheck.trs, so tools/count-results.sh counts it as one result.
build=${1:?usage: distcheck.sh BUILD_DIR}
log=$build/distcheck.log
if make -C "$build" -j"$(nproc 2>/dev/null || echo 2)" distcheck TESTS='$(doc_tests)' >"$log" 2>&1; then
	result=PASS
else
	result=FAIL
	tail -n 40 "$log" >&2
	# a failed distcheck leaves its tree; its results must not be counted
	chmod -R u+w "$build"/mediatui-*/ 2>/dev/null
	rm -rf "$build"/mediatui-*/
fi
printf ':test-result: %s\n:global-test-result: %s\n:recheck: no\n:copy-in-global-log: no\n' \
	"$result" "$result" >"$build/distcheck.trs"
echo "[$(basename "$build")] $result: distcheck"
[ "$result" = PASS ]
