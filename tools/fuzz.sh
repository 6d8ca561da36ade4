#!/bin/sh
# fuzz.sh — build the libFuzzer targets in tests/fuzz/ with clang (whatever CC
# configure chose) and run each one over its seed corpus.
#   tools/fuzz.sh                    every target, FUZZ_SECONDS (60) each
#   tools/fuzz.sh media conf         only these (names without fuzz_ and .c)
#   tools/fuzz.sh --build            build only
#   FUZZ_SECONDS=300 tools/fuzz.sh   longer runs
# Everything goes under _build/fuzz: objects, binaries, new corpus entries
# (work/NAME: never the committed corpus), findings (findings/NAME) and one
# automake-style result file per target (results/NAME.trs) that
# tools/count-results.sh counts. Prints "PASS: fuzz/NAME (N runs)" or
# "FAIL: fuzz/NAME (...)" per target and exits non-zero on any finding.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/_build/fuzz"
seconds=${FUZZ_SECONDS:-60}
cc=${FUZZ_CC:-clang}
# libraries src/core uses; a module that needs another adds it here
pkgs="libcurl jansson libcrypto chafa libpng libwebp libwebpdemux"
libs="-lmagic -ljpeg -lgif -lpthread -lm"
# stand-ins for features configured out: the fuzz build has every feature
stand_ins="preview_none"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-std=c11 -g -O1 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers $san"

build_only=0
[ "${1:-}" = "--build" ] && { build_only=1; shift; }

mkdir -p "$out/obj" "$out/results"
rm -f "$out"/results/*.trs

# result NAME PASS|FAIL: one line on stdout, one .trs for count-results.sh
result() {
	printf ':test-result: %s\n:global-test-result: %s\n:recheck: no\n:copy-in-global-log: no\n' \
		"$2" "$2" >"$out/results/$1.trs"
}

fail_build() {
	echo "fuzz.sh: $1" >&2
	result build FAIL
	echo "FAIL: fuzz/build ($1)"
	exit 1
}

command -v "$cc" >/dev/null 2>&1 || fail_build "$cc not found (Debian packages clang, libclang-rt-14-dev)"
pflags=$(pkg-config --cflags $pkgs) || fail_build "pkg-config $pkgs failed (tools/deps.sh)"
plibs=$(pkg-config --libs $pkgs) || fail_build "pkg-config $pkgs failed (tools/deps.sh)"

# config.h as configure would write it, for the few names src/core uses
version=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$top/configure.ac")
cat >"$out/config.h.new" <<EOF
/* written by tools/fuzz.sh */
#define _GNU_SOURCE 1
#define _FILE_OFFSET_BITS 64
#define PACKAGE "mediatui"
#define PACKAGE_NAME "mediatui"
#define PACKAGE_VERSION "$version"
#define VERSION "$version"
EOF
if cmp -s "$out/config.h.new" "$out/config.h"; then rm -f "$out/config.h.new"
else mv "$out/config.h.new" "$out/config.h"; fi

# src/core, instrumented for coverage, into one archive: each target links
# only the objects it needs. Rebuilt when a source, a header or this script changed.
newest=$(ls -t "$top"/src/core/*.h "$out/config.h" "$0" | head -n 1)
todo=""
for src in "$top"/src/core/*.c; do
	case " $stand_ins " in *" $(basename "$src" .c) "*) continue ;; esac
	obj="$out/obj/$(basename "$src" .c).o"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest" -nt "$obj" ]; then
		todo="$todo $src"
	fi
done
export cc cflags pflags out top
if [ -n "$todo" ]; then
	echo "fuzz.sh: compiling$(echo "$todo" | wc -w | sed 's/^/ /') core sources with $cc" >&2
	# shellcheck disable=SC2016,SC2086
	printf '%s\n' $todo | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c \
		'$cc $cflags -fsanitize=fuzzer-no-link -I"$out" -I"$top/src/core" $pflags \
		 -c "{}" -o "$out/obj/$(basename "{}" .c).o"' || fail_build "compiling src/core failed"
	rm -f "$out/libcore.a"
fi
# objects of sources that no longer exist must not linger in the archive
for obj in "$out"/obj/*.o; do
	base=$(basename "$obj" .o)
	case " $stand_ins " in *" $base "*) rm -f "$obj" "$out/libcore.a"; continue ;; esac
	[ -f "$top/src/core/$base.c" ] || rm -f "$obj" "$out/libcore.a"
done
[ -f "$out/libcore.a" ] || ar rcs "$out/libcore.a" "$out"/obj/*.o || fail_build "ar failed"

if [ $# -gt 0 ]; then
	names="$*"
else
	names=$(for f in "$top"/tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)
fi

for name in $names; do
	src="$top/tests/fuzz/fuzz_$name.c"
	bin="$out/fuzz_$name"
	[ -f "$src" ] || fail_build "no target $src"
	if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ "$out/libcore.a" -nt "$bin" ] ||
	   [ "$top/tests/fuzz/fuzz.h" -nt "$bin" ]; then
		# shellcheck disable=SC2086
		$cc $cflags -fsanitize=fuzzer -I"$out" -I"$top/src/core" -I"$top/tests/fuzz" $pflags \
			"$src" "$out/libcore.a" $plibs $libs -o "$bin" || fail_build "building fuzz_$name failed"
	fi
done
[ "$build_only" -eq 1 ] && exit 0

status=0
for name in $names; do
	work="$out/work/$name"
	found="$out/findings/$name"
	log="$out/fuzz_$name.log"
	mkdir -p "$work" "$found"
	rm -f "$found"/*
	corpus="$top/tests/fuzz/corpus/$name"
	[ -d "$corpus" ] || corpus=""
	# a target names its dictionary in a comment: "fuzz-dict: json"
	dict=$(sed -n 's/.*fuzz-dict: *\([a-z0-9_-]*\).*/\1/p' "$top/tests/fuzz/fuzz_$name.c" | head -n 1)
	dictopt=""
	[ -n "$dict" ] && dictopt="-dict=$top/tests/fuzz/dict/$dict.dict"
	# shellcheck disable=SC2086
	(cd "$out" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$out/fuzz_$name" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$found/" $dictopt "$work" $corpus) >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	artifacts=$(ls "$found" 2>/dev/null)
	if [ "$rc" -eq 0 ] && [ -z "$artifacts" ] && [ -n "$runs" ]; then
		result "$name" PASS
		echo "PASS: fuzz/$name (${runs} runs in ${seconds}s)"
	else
		status=1
		result "$name" FAIL
		echo "FAIL: fuzz/$name (exit $rc, ${runs:-0} runs; ${artifacts:+input in $found/}${artifacts:-see $log})"
		grep -E 'ERROR|runtime error|invariant broken|SUMMARY|#[0-9]+ 0x' "$log" | head -n 30 >&2
	fi
done
exit $status
