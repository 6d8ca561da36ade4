#!/bin/sh
# kill-resume.t — mediatui killed with SIGKILL in the middle of a queue, for
# every dialect: the same command again resumes it from the journal, adclear
# goes on from the offset the server holds, and nothing is uploaded twice.
. "${top_srcdir:-.}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/lib-faults.sh"
MIB=1048576

for d in clearcms clarife flare adclear direct; do
	FQ_DIALECT=$d
	[ -n "$SERVER_PID" ] && fq_stop_server
	rm -rf "$T/state" "$T/server-data"
	# a gate holds the queue in the middle, however fast or busy the machine:
	# once 4 files are stored (adclear: once the big file, last in the
	# queue, has 200 000 bytes on the server) every API request is held
	start_server "$d" --max-chunk 65536
	fq_profile "$d"
	if [ "$d" = adclear ]; then
		admin POST /_admin/faults '{"hold_at_bytes": 200000}' >/dev/null
	else
		admin POST /_admin/faults '{"hold_at_files": 4}' >/dev/null
	fi
	fq_make "$T/k$d" "$d" 24 $((2 * MIB))
	"$MEDIATUI" -c "$T/config" upload --json -j 3 "$T/k$d"/* >"$T/first.json" 2>"$T/first.err" &
	pid=$!
	# in flight: the server holds one of its requests, and it has not exited
	fq_wait_held "$pid" 120; inflight=$?
	expect_eq "$d: the queue is held mid-flight before the kill (requests held: $held)" 0 "$inflight"
	if [ "$d" = adclear ]; then
		held=$(admin GET /_admin/state | jget 'max([u["held"] for u in d["uploads"] if u["fileSize"] > 1048576] or [0])')
	fi
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	before=$(admin GET /_admin/files | jget 'len(d["files"])')
	check "$d: killed mid-queue ($before of 24 on the server)" test "$before" -ge 4 -a "$before" -lt 24
	admin POST /_admin/faults '{"hold_at_files": 0, "hold_at_bytes": 0}' >/dev/null
	mt upload --json -j 3 "$T/k$d"/* >"$T/second.json" 2>"$T/second.err"; rc=$?
	expect_eq "$d: the same command again finishes the queue" 0 "$rc"
	fq_verify "$d: ... each file on the server once, the journal agrees" "$T/k$d" --results "$T/second.json"
	skipped=$(jget 'sum(r["status"]=="skipped" for r in d)' <"$T/second.json")
	check "$d: ... files the first run finished are skipped ($skipped)" test "$skipped" -ge 1
	if [ "$d" = adclear ]; then
		expect_eq "$d: ... the big file went on in its first upload session" "1 $held" \
			"$(admin GET /_admin/state | jget '"%d %d" % (sum(1 for u in d["uploads"] if u["fileSize"] > 1048576), '"$held"')')"
	fi
done
finish
