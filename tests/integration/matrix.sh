# matrix.sh — one dialect through every fault (sourced by matrix-DIALECT.t
# with FQ_DIALECT set). Each scenario runs a queue against a fresh server and
# then checks, with fq_verify, that every file is on the server exactly once
# with the right bytes (or failed with the server's quota code), that the
# journal agrees, and that the exit status is right.
. "${top_srcdir:-.}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/lib-faults.sh"
d=$FQ_DIALECT
MIB=1048576

# quota codes as each server words them
case $d in
	clarife) QUOTA_CODE=PLAN_LIMIT_REACHED ;;
	flare) QUOTA_CODE=QuotaExceeded ;;
	*) QUOTA_CODE=QUOTA_EXCEEDED ;;
esac
# big files: clearcms above 8 MiB takes the presign path; adclear's go in
# several chunks of the 256 KiB maxChunkSize used throughout
case $d in
	clearcms) BIG="$((9 * MIB)) $((10 * MIB + 4321)) $((3 * MIB))" ;;
	*) BIG="$((3 * MIB)) $((4 * MIB + 1234)) $((5 * MIB))" ;;
esac
CHUNK=262144

# scenario NAME [server options...]: a fresh server and state for one case
scenario() {
	SC=$1; shift
	[ -n "$SERVER_PID" ] && fq_stop_server
	rm -rf "$T/state" "$T/server-data"
	start_server "$d" --max-chunk "$CHUNK" "$@"
	fq_profile "$d" "stall_timeout = 3"
}
faults_seen() { admin GET /_admin/state | jget 'd["counts"]["faults"]'; }
# run_queue DIR [upload options...]: the upload, results in $T/$SC.json, status in rc
run_queue() {
	dir=$1; shift
	mt upload --json "$@" "$dir"/* >"$T/$SC.json" 2>"$T/$SC.err"; rc=$?
}

# ---- 1. 100 files through 20% server errors and 10% dropped transfers
scenario chaos --seed 21 --fault-5xx 0.2 --fault-drop 0.1 --fault-streak 3
fq_make "$T/chaos" "$d" 100 $BIG
t0=$(date +%s)
run_queue "$T/chaos" -j 8
echo "# $d: 100 files through 20% 5xx and 10% drops in $(( $(date +%s) - t0 )) s"
expect_eq "$d: 100 files through 20% 5xx and 10% drops: exit 0" 0 "$rc"
fq_verify "$d: ... each on the server once, bytes and journal agree" "$T/chaos" --results "$T/chaos.json"
check "$d: ... the faults happened (more than 20)" test "$(faults_seen)" -gt 20

# ---- 2. answers slowed to 3 s (a fifth of them, to keep the run short)
scenario slow --seed 22 --slow 3 --slow-fraction 0.2
fq_make "$T/slow" "$d" 16 $((2 * MIB))
run_queue "$T/slow" -j 8
expect_eq "$d: 16 files with a fifth of the answers 3 s late: exit 0" 0 "$rc"
fq_verify "$d: ... each on the server once" "$T/slow" --results "$T/slow.json"

# ---- 3. URLs dead before the PUT (adclear has none: small chunks instead)
if [ "$d" = adclear ]; then
	scenario chunks --max-chunk 65536 --fault-drop 0.1 --fault-streak 3 --seed 23
	fq_make "$T/chunks" "$d" 8 $((1 * MIB)) $((2 * MIB + 17))
	run_queue "$T/chunks" -j 4
	expect_eq "$d: a 64 KiB maxChunkSize: exit 0" 0 "$rc"
	fq_verify "$d: ... each on the server once" "$T/chunks" --results "$T/chunks.json"
	check "$d: ... the big files went in many chunks" \
		test "$(admin GET /_admin/state | jget 'd["counts"]["requests"]')" -gt $((3 * MIB / 65536))
else
	scenario expiry --expire-first
	if [ "$d" = clearcms ]; then fq_make "$T/expiry" "$d" 3 $((9 * MIB)) $((9 * MIB + 1)); else fq_make "$T/expiry" "$d" 8; fi
	run_queue "$T/expiry" -j 4
	expect_eq "$d: every first URL expired: exit 0" 0 "$rc"
	fq_verify "$d: ... each on the server once" "$T/expiry" --results "$T/expiry.json"
	# clearcms says when its URLs expire: the dead ones are never used and
	# stay pending; elsewhere storage refused one PUT per file
	if [ "$d" = clearcms ]; then
		refused=$(admin GET /_admin/state | jget 'len(d["pending"])')
		expect_eq "$d: ... the dead URLs were not used, fresh ones asked for" 2 "$refused"
	else
		refused=$(admin GET /_admin/state | jget 'd["counts"]["storage_requests"] - d["counts"]["storage_puts"]')
		expect_eq "$d: ... storage refused each first URL, a fresh one was asked for" 8 "$refused"
	fi
fi

# ---- 4. the quota fills up mid-queue
scenario quota
fq_make "$T/quota" "$d" 16
half=$(ls -l "$T/quota" | awk 'NR > 1 && NR <= 9 { s += $5 } END { print s }')
admin POST /_admin/faults "{\"quota\": $half}" >/dev/null
run_queue "$T/quota" -j 2
expect_eq "$d: the quota fills up mid-queue: exit 1" 1 "$rc"
fq_verify "$d: ... the rest failed with $QUOTA_CODE, none on the server" "$T/quota" \
	--results "$T/quota.json" --quota "$QUOTA_CODE" --need-failed

# ---- 5. 429 with Retry-After
scenario busy --seed 25 --fault-429 0.3 --fault-streak 3
fq_make "$T/busy" "$d" 16
run_queue "$T/busy" -j 4
expect_eq "$d: 30% of API calls answered 429 with Retry-After: exit 0" 0 "$rc"
fq_verify "$d: ... each on the server once" "$T/busy" --results "$T/busy.json"
check "$d: ... 429s were sent" test "$(faults_seen)" -gt 0

# ---- 6. stalled connections: stall_timeout ends them, the retry succeeds
scenario stall --seed 26 --stall 0.05 --stall-put 0.15 --fault-streak 1
fq_make "$T/stall" "$d" 16 $((1 * MIB))
t0=$(date +%s)
run_queue "$T/stall" -j 8
echo "# $d: stalled connections ended by stall_timeout = 3 in $(( $(date +%s) - t0 )) s"
expect_eq "$d: connections that stall forever: exit 0" 0 "$rc"
fq_verify "$d: ... each on the server once" "$T/stall" --results "$T/stall.json"
check "$d: ... stalls happened" test "$(faults_seen)" -gt 0

# ---- 7. the server killed (SIGKILL) mid-queue and started again
# a gate holds the queue once 20 files are stored, however fast the machine;
# the restarted server has no gate
scenario restart --persist --seed 27 --fault-5xx 0.1 --fault-streak 2
admin POST /_admin/faults '{"hold_at_files": 20}' >/dev/null
fq_make "$T/restart" "$d" 100 $BIG
"$MEDIATUI" -c "$T/config" upload --json -j 4 "$T"/restart/* >"$T/restart.json" 2>"$T/restart.err" &
mtpid=$!
fq_wait_held "$mtpid" 120; inflight=$?
expect_eq "$d: the queue is held mid-flight before the server is killed (requests held: $held)" 0 "$inflight"
killed_at=$(admin GET /_admin/files | jget 'len(d["files"])')
fq_restart_server --seed 28 --fault-5xx 0.1 --fault-streak 2
wait "$mtpid"; rc=$?
served_before=$(jget 'sum(r["status"]=="uploaded" for r in d)' <"$T/restart.json")
echo "# $d: the first run after the restart: exit $rc, $served_before uploaded"
if [ "$rc" -ne 0 ]; then
	# what the outage failed, the same command finishes
	run_queue "$T/restart" -j 4
fi
check "$d: the server was killed mid-queue ($killed_at of 100 on it)" test "$killed_at" -lt 100
expect_eq "$d: ... all done after its restart (at most one rerun)" 0 "$rc"
fq_verify "$d: ... each on the server once after the restart" "$T/restart" --results "$T/restart.json"
finish
