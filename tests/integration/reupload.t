#!/bin/sh
# reupload.t — a file the journal says was uploaded before, whose item was
# deleted on the server since, is sent again (clearcms asks for the item by
# id, direct through its record lookup); one still there is skipped; a
# failed check is a retryable failure, neither a skip nor a duplicate; a
# dialect that cannot be asked says how to send it anyway.
. "${top_srcdir:-.}/tests/integration/lib.sh"

named() { mt ls /tests --all --json | jget "len([i for i in d['items'] if i['filename'] == '$1'])"; }

# ---- clearcms: deleted with rm, then uploaded again
start_server clearcms
mkdir -p "$T/files"
make_png "$T/files/P_21.png" 40 30
mt upload --folder /tests --json "$T/files/P_21.png" >"$T/up1.json"; rc=$?
id1=$(jget 'd[0]["id"]' <"$T/up1.json")
expect_eq "clearcms: the first upload sends it" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/up1.json")"

mt upload --folder /tests --json "$T/files/P_21.png" >"$T/up2.json"; rc=$?
expect_eq "clearcms: still on the server: skipped" "0 skipped $id1" \
	"$rc $(jget 'd[0]["status"] + " " + d[0]["id"]' <"$T/up2.json")"
check "clearcms: the skip says the server still has it" grep -q "still on the server" "$T/up2.json"

mt rm --yes "$id1" >/dev/null 2>&1
mt info "$id1" >/dev/null 2>&1; rc=$?
expect_eq "clearcms: the item is deleted" 1 "$rc"

mt upload --folder /tests --json "$T/files/P_21.png" >"$T/up3.json"; rc=$?
expect_eq "clearcms: gone from the server: uploaded again" "0 uploaded" \
	"$rc $(jget 'd[0]["status"]' <"$T/up3.json")"
id2=$(jget 'd[0].get("id")' <"$T/up3.json")
check "clearcms: under a new id" test -n "$id2" -a "$id2" != "$id1" -a "$id2" != None
expect_eq "clearcms: --json names the earlier copy it replaces" "$id1" "$(jget 'd[0].get("replaced")' <"$T/up3.json")"
check "clearcms: and says why it was sent" grep -q "is gone from the server: sent again" "$T/up3.json"
expect_eq "clearcms: the new item exists" 0 "$(mt info "$id2" >/dev/null 2>&1; echo $?)"
expect_eq "clearcms: once in the folder" 1 "$(named P_21.png)"

mt upload --folder /tests --json "$T/files/P_21.png" >"$T/up4.json"; rc=$?
expect_eq "clearcms: the journal has the new copy: skipped with its id" "0 skipped $id2" \
	"$rc $(jget 'd[0]["status"] + " " + d[0]["id"]' <"$T/up4.json")"

# the check itself fails: neither skipped nor sent, a failure that may pass
mt rm --yes "$id2" >/dev/null 2>&1
admin POST /_admin/faults '{"fault_5xx": 1}' >/dev/null
mt upload --folder /tests --json "$T/files/P_21.png" >"$T/up5.json" 2>/dev/null; rc=$?
admin POST /_admin/faults '{"fault_5xx": 0}' >/dev/null
expect_eq "clearcms: a failed check fails the file" "1 failed" "$rc $(jget 'd[0]["status"]' <"$T/up5.json")"
check "clearcms: saying what it could not check" grep -q "could not check whether the earlier copy" "$T/up5.json"
expect_eq "clearcms: nothing was sent meanwhile" 0 "$(named P_21.png)"
mt upload --folder /tests --json "$T/files/P_21.png" >"$T/up6.json"; rc=$?
expect_eq "clearcms: the next run sends it" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/up6.json")"
expect_eq "clearcms: once in the folder again" 1 "$(named P_21.png)"
stop_server
rm -rf "$T/state"

# ---- direct: the record lookup says whether the server still has the bytes
start_server direct
make_png "$T/files/d.png" 30 20
mt upload --json "$T/files/d.png" >"$T/d1.json"; rc=$?
did=$(jget 'd[0]["id"]' <"$T/d1.json")
expect_eq "direct: the first upload sends it" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/d1.json")"
mt upload --json "$T/files/d.png" >"$T/d2.json"; rc=$?
expect_eq "direct: still on the server: skipped" "0 skipped" "$rc $(jget 'd[0]["status"]' <"$T/d2.json")"
admin POST /_admin/delete "{\"id\": \"$did\"}" >/dev/null
expect_eq "direct: the record is deleted" 0 "$(admin GET /_admin/state | jget 'len(d["media"])')"
mt upload --json "$T/files/d.png" >"$T/d3.json"; rc=$?
expect_eq "direct: gone from the server: uploaded again" "0 uploaded $did" \
	"$rc $(jget 'd[0]["status"]' <"$T/d3.json") $(jget 'd[0].get("replaced")' <"$T/d3.json")"
expect_eq "direct: the server has it whole" "1 True" \
	"$(admin GET /_admin/state | jget '"%d %s" % (len(d["media"]), all(o["complete"] for o in d["objects"].values()))')"
stop_server
rm -rf "$T/state"

# ---- clarife cannot be asked: skipped, and the reason says how to send it anyway
start_server clarife
write_config clarife "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
make_png "$T/files/c.png" 30 20
mt upload --json "$T/files/c.png" >/dev/null
mt upload --json "$T/files/c.png" >"$T/c2.json"; rc=$?
expect_eq "clarife: skipped by the journal" "0 skipped" "$rc $(jget 'd[0]["status"]' <"$T/c2.json")"
check "clarife: the reason says the server cannot be asked and how to send it again" \
	grep -q "cannot be asked.*touch the file" "$T/c2.json"
finish
