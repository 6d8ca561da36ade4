#!/bin/sh
# signals.t — SIGTERM and SIGHUP stop `upload` cleanly: exit status 128+n,
# the journal complete on disk (every line whole, every reported upload
# recorded done), and the same command again finishes without duplicates.
. "${top_srcdir:-.}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/lib-faults.sh"

# journal_flushed RESULTS: every journal line is whole JSON; each file the
# interrupted run reported uploaded is recorded done
journal_flushed() {
	"$PY" - "$XDG_STATE_HOME/mediatui/uploads-t.jsonl" "$1" <<'PYEOF'
import json, os, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\n"), "the last line is torn"
last = {}
for line in raw.decode().splitlines():
    r = json.loads(line)
    last[r["path"]] = r
done = [os.path.realpath(r["file"]) for r in json.load(open(sys.argv[2])) if r["status"] == "uploaded"]
assert done, "the run was stopped before any upload finished"
bad = [p for p in done if last.get(p, {}).get("state") != "done"]
assert not bad, "reported uploaded, not journaled done: %s" % bad
print("%d journal records, %d reported uploaded" % (len(last), len(done)))
PYEOF
}

for case in "TERM 15 clearcms" "HUP 1 clarife" "TERM 15 adclear" "HUP 1 direct"; do
	set -- $case
	sig=$1; n=$2; d=$3
	FQ_DIALECT=$d
	[ -n "$SERVER_PID" ] && fq_stop_server
	rm -rf "$T/state" "$T/server-data"
	start_server "$d" --slow 0.15 --max-chunk 65536
	fq_profile "$d"
	fq_make "$T/s$d" "$d" 20 1048576
	# the server holds every request once three files are in: the queue
	# is mid-way when the signal goes, however fast the machine
	admin POST /_admin/faults '{"hold_at_files": 3}' >/dev/null
	"$MEDIATUI" -c "$T/config" upload --json -j 3 "$T/s$d"/* >"$T/first.json" 2>"$T/first.err" &
	pid=$!
	fq_wait_files 3 120
	i=0
	while [ "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -lt 1 ] && [ $i -lt 600 ]; do
		i=$((i + 1)); sleep 0.1
	done
	check "$d: a request is held mid-queue before the signal" \
		test "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -ge 1 -a "$(admin GET /_admin/files | jget 'len(d["files"])')" -lt 21
	# and until the client has noted some as done, so the report has some
	i=0
	while [ "$(grep -c '"state":"done"' "$XDG_STATE_HOME/mediatui/uploads-t.jsonl" 2>/dev/null)" -lt 2 ] &&
		[ $i -lt 600 ]; do
		i=$((i + 1)); sleep 0.1
	done
	kill -"$sig" "$pid"
	wait "$pid"; rc=$?
	expect_eq "$d: SIG$sig stops upload with status 128+$n" $((128 + n)) "$rc"
	check "$d: ... and says how to resume" grep -q "run the same command again to resume" "$T/first.err"
	check "$d: ... the journal is flushed and agrees with the report" journal_flushed "$T/first.json"
	admin POST /_admin/faults '{"slow": 0, "hold_at_files": 0}' >/dev/null
	mt upload --json -j 3 "$T/s$d"/* >"$T/second.json" 2>"$T/second.err"; rc=$?
	expect_eq "$d: the rerun completes" 0 "$rc"
	fq_verify "$d: ... each file on the server once" "$T/s$d" --results "$T/second.json"
done
finish
