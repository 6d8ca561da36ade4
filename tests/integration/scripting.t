#!/bin/sh
# scripting.t — batch commands for scripts and cron: audit --fail-on exits 1
# when findings of the given kinds exist; ls says how to get the rest of a
# listing when it shows one page (on stderr, never in --json).
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

# ---- audit --fail-on
mt audit >/dev/null 2>&1; rc=$?
expect_eq "audit without --fail-on exits 0 whatever it finds" 0 "$rc"
mt audit --fail-on missing-alt >"$T/out" 2>"$T/err"; rc=$?
expect_eq "--fail-on missing-alt exits 1 on a library with images without alt text" 1 "$rc"
check "the findings are still printed" grep -q "Images without alt text" "$T/out"
check "stderr says why it failed" grep -q "fail-on" "$T/err"
mt audit --fail-on empty-folder,duplicate --json >"$T/audit.json" 2>/dev/null; rc=$?
expect_eq "a list of kinds: exits 1" 1 "$rc"
expect_eq "--json output stays a document" True "$(jget 'isinstance(d, dict) or isinstance(d, list)' <"$T/audit.json")"
# a kind the library does not have: exit 0
mt ls --all --json >"$T/all.json"
# the demo has no oversized file under the default 5 MiB
mt audit --fail-on oversized >/dev/null 2>&1; rc=$?
expect_eq "no finding of that kind: exits 0" 0 "$rc"
mt audit --fail-on oversized --large 10K >/dev/null 2>&1; rc=$?
expect_eq "with --large 10K there are oversized files: exits 1" 1 "$rc"
mt audit --fail-on missing-alt,nonsense >/dev/null 2>"$T/err"; rc=$?
expect_eq "an unknown kind is a usage error" 2 "$rc"
check "the error names the kinds" grep -q "missing-alt, oversized" "$T/err"
mt audit --fail-on "" >/dev/null 2>&1; rc=$?
expect_eq "an empty list is a usage error" 2 "$rc"

# ---- ls: the rest of a listing
total=$(jget 'd["total"]' <"$T/all.json")
mt ls >"$T/ls.out" 2>"$T/ls.err"; rc=$?
expect_eq "ls exits 0" 0 "$rc"
expect_eq "one page shown: stderr says how to get the rest" \
	"$((total - 24)) more: use --all, or --offset 24 for the next page" "$(tail -n 1 "$T/ls.err")"
check "the hint is not on stdout" sh -c "! grep -q 'more: use' '$T/ls.out'"
mt ls --offset 24 --limit 100 2>"$T/ls2.err" >/dev/null
expect_eq "the next page's hint counts from there" \
	"$((total - 124)) more: use --all, or --offset 124 for the next page" "$(tail -n 1 "$T/ls2.err")"
mt ls --json >"$T/ls.json" 2>"$T/ls.jerr"
check "no hint with --json" sh -c "! grep -q 'more: use' '$T/ls.jerr' '$T/ls.json'"
mt ls --all >/dev/null 2>"$T/all.err"
check "no hint with --all" sh -c "! grep -q 'more: use' '$T/all.err'"
mt ls /documents --limit 100 >/dev/null 2>"$T/docs.err"
check "no hint when the page holds everything" sh -c "! grep -q 'more: use' '$T/docs.err'"
finish
