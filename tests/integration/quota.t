#!/bin/sh
# quota.t — a full storage in `upload --json`: clearcms says so per file
# (QUOTA_EXCEEDED in its errors), read as the quota kind; the first file
# refused for it stops the batch, the files waiting after it, and the one
# begun while it was sent, are not sent ("not started", the same kind), and
# nothing more reaches the server. Run again once space is freed, the same
# command sends the nine and skips the three the journal has.
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clearcms
write_config clearcms "jobs = 1"
mkdir -p "$T/files"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do make_png "$T/files/P_$i.png" 60 40; done
one=$(wc -c <"$T/files/P_01.png")
admin POST /_admin/faults "{\"quota\": $((3 * one + one / 2))}" >/dev/null
mt upload --folder /q --json -j 1 "$T"/files/P_*.png >"$T/up.json"; rc=$?
expect_eq "some failed: exit status 1" 1 "$rc"
expect_eq "three uploaded, nine failed" "3 9" \
	"$(jget 'str(sum(r["status"] == "uploaded" for r in d)) + " " + str(sum(r["status"] == "failed" for r in d))' <"$T/up.json")"
expect_eq "every failure is of the quota kind" "9" \
	"$(jget 'sum(r["status"] == "failed" and r["error"]["kind"] == "quota" for r in d)' <"$T/up.json")"
expect_eq "the file the server refused keeps its reason and code" "QUOTA_EXCEEDED" \
	"$(jget '[r for r in d if r["status"] == "failed" and not r["error"]["message"].startswith("not started")][0]["error"]["code"]' <"$T/up.json")"
# the queue begins the next file while one is sent (-j 1 begins two): once
# the server has refused one, the file begun meanwhile is not sent either
expect_eq "one file refused by the server, the other eight not started" "8" \
	"$(jget 'sum(r["status"] == "failed" and r["error"]["message"].startswith("not started") for r in d)' <"$T/up.json")"
expect_eq "the server got three files" "3" \
	"$(admin GET /_admin/files | jget 'len(d["files"])')"
# the same command once space is freed resumes from the journal: the three
# sent are not sent twice, and the nine the full storage stopped are asked
# for again, not refused by the earlier run's stop
admin POST /_admin/faults '{"quota": 0}' >/dev/null
mt upload --folder /q --json -j 1 "$T"/files/P_*.png >"$T/up2.json"; rc=$?
expect_eq "the run after space is freed: exit status 0" 0 "$rc"
expect_eq "... nine uploaded, three skipped as sent before" "9 3" \
	"$(jget 'str(sum(r["status"] == "uploaded" for r in d)) + " " + str(sum(r["status"] == "skipped" for r in d))' <"$T/up2.json")"
expect_eq "the server has the twelve files once each" "12" \
	"$(admin GET /_admin/files | jget 'len(d["files"])')"
finish
