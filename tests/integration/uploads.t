#!/bin/sh
# uploads.t — upload with every upload-only dialect: happy path, resume by
# journal, type limits, and 20% server errors ending with each file exactly once.
. "${top_srcdir:-.}/tests/integration/lib.sh"

run_dialect() {
	dialect=$1; kind=$2; shift 2
	start_server "$dialect" --seed 7
	write_config "$dialect" "$@"
	mkdir -p "$T/$dialect"
	files=""
	for i in 1 2 3 4 5; do
		f="$T/$dialect/$dialect-$i.$kind"
		if [ "$kind" = mp4 ]; then make_mp4 "$f" 30000; else make_png "$f" 30 20; fi
		files="$files $f"
	done
	# shellcheck disable=SC2086
	mt upload --json $files >"$T/up.json"; rc=$?
	expect_eq "$dialect: five files upload" "0 uploaded uploaded uploaded uploaded uploaded" \
		"$rc $(jget '" ".join(r["status"] for r in d)' <"$T/up.json")"
	# shellcheck disable=SC2086
	mt upload --json $files >"$T/up2.json"
	expect_eq "$dialect: a second run skips them" "skipped skipped skipped skipped skipped" \
		"$(jget '" ".join(r["status"] for r in d)' <"$T/up2.json")"
	expect_eq "$dialect: each is on the server once" "1 1 1 1 1" \
		"$(for f in $files; do count_named "$(basename "$f")"; done | tr '\n' ' ' | sed 's/ $//')"

	# one request in five fails; the same request at most three times in a
	# row (fault_streak), so every file gets through its retries whatever
	# order the four transfers meet the faults in (without the cap, a run
	# now and then met five in a row on one file's step and failed it)
	admin POST /_admin/faults '{"fault_5xx": 0.2, "fault_streak": 3}' >/dev/null
	files=""
	for i in $(seq 10 29); do
		f="$T/$dialect/f$i-$dialect.$kind"
		if [ "$kind" = mp4 ]; then make_mp4 "$f" 20000; else make_png "$f" 20 20; fi
		files="$files $f"
	done
	# shellcheck disable=SC2086
	mt upload -j 4 --json $files >"$T/up3.json"; rc=$?
	expect_eq "$dialect: 20 files through 20% server errors" "0 20" \
		"$rc $(jget 'sum(1 for r in d if r["status"]=="uploaded")' <"$T/up3.json")"
	expect_eq "$dialect: none duplicated" "$(echo $files | wc -w)" \
		"$(for f in $files; do count_named "$(basename "$f")"; done | grep -c '^1$')"
	admin POST /_admin/faults '{"fault_5xx": 0, "fault_streak": 0}' >/dev/null
	expect_eq "$dialect: the storage host never saw the key" 0 "$(violations)"

	kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
	rm -rf "$T/state"
}

run_dialect clarife png "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
run_dialect flare mp4 "video_id = vid_123"
run_dialect adclear png "external_user_id = user_abc123" "external_user_email = user@example.com"
run_dialect direct png

# --progress: one plain line per file event on stderr, results on stdout
start_server clarife
write_config clarife "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
make_png "$T/p1.png" 10 10
make_png "$T/p2.png" 12 10
mt upload --progress "$T/p1.png" "$T/p2.png" >"$T/prog.out" 2>"$T/prog.err"; rc=$?
expect_eq "--progress: started and done for each file, nothing else" "0 2 2 0" \
	"$rc $(grep -c '^started ' "$T/prog.err") $(grep -c '^done ' "$T/prog.err") $(grep -vc '^\(started\|done\|retrying\) ' "$T/prog.err")"
expect_eq "--progress: one result line per file on stdout" 2 "$(grep -c '^uploaded ' "$T/prog.out")"
mt upload "$T/p1.png" >/dev/null 2>"$T/quiet.err"
expect_eq "without a terminal and without --progress, stderr stays silent" 0 "$(wc -c <"$T/quiet.err" | tr -d ' ')"

# --progress says a retry as the interface does: the try that comes, of how
# many, when, and why ("retry 2 of 6 in 1s: rate limited by the server"),
# or, for a clearcms create the server asked to wait, no count ("retry in
# 1s: …"); it said "attempt 2: HTTP 429", a count of its own. Each request
# meets one 429 (fault_streak 1), with its Retry-After of 1 s.
start_server clearcms
write_config clearcms
make_png "$T/r1.png" 14 10
admin POST /_admin/faults '{"fault_429": 1, "fault_streak": 1}' >/dev/null
LC_ALL=C mt upload --progress "$T/r1.png" >"$T/r.out" 2>"$T/r.err"; rc=$?
expect_eq "--progress through 429s: the file goes up" "0 1" "$rc $(grep -c '^uploaded ' "$T/r.out")"
check "... its retries are said" grep -q '^retrying ' "$T/r.err"
grep '^retrying ' "$T/r.err" | sed 's/^/# /'
check "... each in the interface's words, rate limited, the wait the server asked for" sh -c \
	'! grep "^retrying " "$1" | grep -vE ": retry ([0-9]+ of [0-9]+ )?in 1s: rate limited by the server\$"' - "$T/r.err"
check "... no count of its own" sh -c '! grep -q "attempt" "$1"' - "$T/r.err"
admin POST /_admin/faults '{"fault_429": 0, "fault_streak": 0}' >/dev/null

# type limits are checked before anything is sent
start_server clarife
write_config clarife "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
make_mp4 "$T/clip.mp4" 5000
mt upload --json "$T/clip.mp4" >"$T/rej.json" 2>/dev/null; rc=$?
expect_eq "clarife refuses a video before sending" "1 failed rejected" \
	"$rc $(jget 'd[0]["status"] + " " + d[0]["error"]["kind"]' <"$T/rej.json")"
write_config clarife
make_png "$T/nodoc.png" 10 10
mt upload --json "$T/nodoc.png" >"$T/nodoc.json" 2>/dev/null
check "clarife without a document id says what to set" grep -q "document_id" "$T/nodoc.json"
finish
