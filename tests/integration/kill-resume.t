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
	# slow answers keep the queue busy long enough to be cut in the middle
	start_server "$d" --slow 0.15 --max-chunk 65536
	fq_profile "$d"
	fq_make "$T/k$d" "$d" 24 $((2 * MIB))
	"$MEDIATUI" -c "$T/config" upload --json -j 3 "$T/k$d"/* >"$T/first.json" 2>"$T/first.err" &
	pid=$!
	fq_wait_files 4 120
	if [ "$d" = adclear ]; then
		# and the big file part-way through its chunks
		i=0
		while [ $i -lt 600 ]; do
			held=$(admin GET /_admin/state | jget 'max([u["held"] for u in d["uploads"] if u["fileSize"] > 1048576] or [0])')
			[ "$held" -ge 200000 ] && break
			i=$((i + 1)); sleep 0.1
		done
	fi
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	before=$(admin GET /_admin/files | jget 'len(d["files"])')
	check "$d: killed mid-queue ($before of 24 on the server)" test "$before" -ge 4 -a "$before" -lt 24
	admin POST /_admin/faults '{"slow": 0}' >/dev/null
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
