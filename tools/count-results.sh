#!/bin/sh
# count-results.sh DIR... — add up automake's .trs files into one line:
# "N passed, N failed" (skips and xfails are named when there are any).
pass=0; fail=0; skip=0
for dir in "$@"; do
	for f in $(find "$dir" -name '*.trs' 2>/dev/null); do
		p=$(grep -c '^:test-result: PASS' "$f" || true)
		x=$(grep -c '^:test-result: \(FAIL\|ERROR\|XPASS\)' "$f" || true)
		s=$(grep -c '^:test-result: SKIP' "$f" || true)
		pass=$((pass + p)); fail=$((fail + x)); skip=$((skip + s))
	done
done
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
