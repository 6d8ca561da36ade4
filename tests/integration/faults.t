#!/bin/sh
# faults.t — uploads under faults: dropped PUTs, expiring URLs, ambiguous
# creates, the plan filling up mid-queue, and a killed resumable upload.
# Every case ends with each file on the server exactly once, or a clear failure.
. "${top_srcdir:-.}/tests/integration/lib.sh"
DOC="document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"

# ---- dropped PUTs (clarife): the PUT is repeated, the item created once
start_server clarife --seed 3 --fault-drop 0.3
write_config clarife "$DOC"
mkdir -p "$T/a"
for i in $(seq 1 12); do make_png "$T/a/drop-$i.png" 60 40; done
mt upload -j 4 --json "$T"/a/drop-*.png >"$T/drop.json"; rc=$?
expect_eq "dropped PUTs: all twelve uploaded" "0 12" "$rc $(jget 'sum(r["status"]=="uploaded" for r in d)' <"$T/drop.json")"
expect_eq "dropped PUTs: each once on the server" "12" \
	"$(for f in "$T"/a/drop-*.png; do count_named "$(basename "$f")"; done | grep -c '^1$')"
expect_eq "dropped PUTs really happened" True "$(admin GET /_admin/state | jget 'd["counts"]["faults"] > 0')"

# ---- URLs that expire before the PUT: asked for again
admin POST /_admin/faults '{"fault_drop": 0, "presign_expiry": 1, "slow": 1.2}' >/dev/null
make_png "$T/a/late.png" 20 20
mt upload --json "$T/a/late.png" >"$T/late.json"; rc=$?
expect_eq "an expired URL is presigned again" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/late.json")"
admin POST /_admin/faults '{"presign_expiry": 900, "slow": 0}' >/dev/null

# ---- the plan fills up mid-queue: the rest stop with the server's code
used=$(admin GET /_admin/state | jget 'sum(m["file_size_bytes"] for m in d["media"])')
admin POST /_admin/faults "{\"quota\": $((used + 60000))}" >/dev/null
for i in 1 2 3 4 5 6; do make_png "$T/a/q-$i.png" 100 60; done   # ~18 KB each
mt upload -j 1 --json "$T"/a/q-*.png >"$T/quota.json" 2>/dev/null; rc=$?
expect_eq "quota: the run fails" 1 "$rc"
expect_eq "quota: some uploaded, the rest stopped with PLAN_LIMIT_REACHED" True \
	"$(jget 'any(r["status"]=="uploaded" for r in d) and all(r["status"]=="uploaded" or r["error"].get("code")=="PLAN_LIMIT_REACHED" for r in d) and any(r["status"]=="failed" for r in d)' <"$T/quota.json")"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; rm -rf "$T/state"

# ---- ambiguous creates (clearcms): the work was done, the answer lost
start_server clearcms --seed 11 --fault-5xx-after 0.4
mkdir -p "$T/b"
for i in $(seq 1 10); do make_png "$T/b/amb-$i.png" 30 30; done
mt upload -j 3 --folder /amb --json "$T"/b/amb-*.png >"$T/amb.json"; rc=$?
expect_eq "ambiguous creates: all ten reported uploaded" "0 10" "$rc $(jget 'sum(r["status"]=="uploaded" for r in d)' <"$T/amb.json")"
admin POST /_admin/faults '{"fault_5xx_after": 0}' >/dev/null
expect_eq "ambiguous creates: no duplicates on the server" 10 "$(mt ls /amb --all --json | jget 'len(d["items"])')"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; rm -rf "$T/state"

# ---- a killed adclear upload resumes from the server's offset. A gate holds
# every request once 300 000 bytes are on the server, however fast or busy
# the machine: the kill lands mid-file
start_server adclear --max-chunk 65536
write_config adclear "external_user_id = user_abc123"
admin POST /_admin/faults '{"hold_at_bytes": 300000}' >/dev/null
make_mp4 "$T/big.mp4" 2000000
"$MEDIATUI" -c "$T/config" upload --json "$T/big.mp4" >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 1200 ]; do
	n=$(admin GET /_admin/state | jget 'd["counts"]["held"]')
	[ "${n:-0}" -ge 1 ] && break
	kill -0 "$pid" 2>/dev/null || break
	i=$((i + 1)); sleep 0.1
done
held=$(admin GET /_admin/state | jget 'max([u["held"] for u in d["uploads"]] or [0])')
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
check "the first run was cut off part-way" test "$held" -ge 300000 -a "$held" -lt 2000000
admin POST /_admin/faults '{"hold_at_bytes": 0}' >/dev/null
puts_before=$(admin GET /_admin/state | jget 'd["counts"]["requests"]')
mt upload --json "$T/big.mp4" >"$T/resume.json"; rc=$?
expect_eq "the second run completes it" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/resume.json")"
expect_eq "one upload session, one file on the server" "1 1" \
	"$(admin GET /_admin/state | jget '"%d %d" % (len(d["uploads"]), len(d["media"]))')"
sent=$(admin GET /_admin/state | jget 'd["counts"]["requests"]')
check "the resumed run sent only the rest (fewer chunk requests than a full upload)" \
	test $((sent - puts_before)) -lt $((2000000 / 65536))
finish
