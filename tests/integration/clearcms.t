#!/bin/sh
# clearcms.t — every batch command against the clearcms reference server.
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clearcms --demo "$top_srcdir/data/demo"

# ---- browsing
mt ls --json >"$T/ls.json"; rc=$?
expect_eq "ls exits 0" 0 "$rc"
total=$(jget 'd["total"]' <"$T/ls.json")
check "demo library has a few hundred items" test "$total" -ge 200
expect_eq "ls returns the server's default page of 24" 24 "$(jget 'len(d["items"])' <"$T/ls.json")"
expect_eq "keyed items carry size and folder" True \
	"$(jget 'all("size" in i and "folder" in i for i in d["items"])' <"$T/ls.json")"

mt ls --all --json >"$T/all.json"
expect_eq "ls --all returns every item" "$total" "$(jget 'len(d["items"])' <"$T/all.json")"
expect_eq "ls --all has no duplicate ids" "$total" "$(jget 'len(set(i["id"] for i in d["items"]))' <"$T/all.json")"

mt ls --limit 100 --offset 50 --json >"$T/page.json"
expect_eq "limit and offset are honoured" "100 50" "$(jget '"%d %d" % (len(d["items"]), d["offset"])' <"$T/page.json")"

mt ls --sort size --order asc --limit 100 --json >"$T/sorted.json"
expect_eq "sort by size ascending" True \
	"$(jget '(lambda s: s==sorted(s))([i["size"] for i in d["items"]])' <"$T/sorted.json")"

mt ls --type document --all --json >"$T/docs.json"
expect_eq "type filter keeps documents only" True \
	"$(jget 'len(d["items"])>0 and all(not i["mimeType"].startswith(("image/","video/")) for i in d["items"])' <"$T/docs.json")"

mt ls --search harbour --all --json >"$T/search.json"
expect_eq "search finds by filename or alt" True \
	"$(jget 'len(d["items"])>0 and all("harbour" in (i.get("filename","")+i.get("alt","")).lower() for i in d["items"])' <"$T/search.json")"

mt ls /images --all --json >"$T/folder.json"
expect_eq "folder filter" True "$(jget 'len(d["items"])>0 and all(i["folder"]=="/images" for i in d["items"])' <"$T/folder.json")"

mt -p anon ls --json >"$T/anon.json"
expect_eq "without a key the public list has no size field" True \
	"$(jget 'len(d["items"])>0 and all("size" not in i for i in d["items"])' <"$T/anon.json")"
mt -p anon ls --search x >/dev/null 2>"$T/err"; rc=$?
expect_eq "search without a key is a usage error" 2 "$rc"

mt ls --sort name >/dev/null 2>&1; rc=$?
expect_eq "bad sort value is a usage error" 2 "$rc"

# ---- one item
id=$(jget 'd["items"][0]["id"]' <"$T/ls.json")
mt info "$id" --json >"$T/info.json"
expect_eq "info returns the item" "$id" "$(jget 'd["id"]' <"$T/info.json")"
mt info does-not-exist >/dev/null 2>"$T/err"; rc=$?
expect_eq "info of an unknown id fails with 1" 1 "$rc"
check "the 404 is explained" grep -qi "not found\|404" "$T/err"

# ---- edit
mt edit "$id" --alt "A harbour at dusk" --title "Harbour" --focal 35,65 --json >"$T/edit.json"; rc=$?
expect_eq "edit exits 0" 0 "$rc"
mt info "$id" --json >"$T/info2.json"
expect_eq "alt, title and focal point are saved on the server" "A harbour at dusk|Harbour|35|65" \
	"$(jget '"%s|%s|%g|%g" % (d["alt"], d["title"], d["focalX"], d["focalY"])' <"$T/info2.json")"
mt edit "$id" --focal 50,101 >/dev/null 2>&1; rc=$?
expect_eq "a focal point over 100 is refused before sending" 2 "$rc"
mt edit "$id" --folder "/no/such/../folder" >/dev/null 2>&1; rc=$?
expect_eq "an invalid folder path is refused" 2 "$rc"

# ---- folders
mt folders --json >"$T/folders.json"
expect_eq "folders lists the root" True "$(jget '"/" in d["folders"]' <"$T/folders.json")"
mt mkdir /tests/new >/dev/null; rc=$?
expect_eq "mkdir creates a folder" 0 "$rc"
expect_eq "the new folder is listed" True "$(mt folders --json | jget '"/tests/new" in d["folders"]')"
mt rmdir /tests/new >/dev/null; rc=$?
expect_eq "rmdir removes an empty folder" 0 "$rc"
mt rmdir / >/dev/null 2>&1; rc=$?
expect_eq "the root folder cannot be removed" 2 "$rc"
mt rmdir /images >/dev/null 2>"$T/err"; rc=$?
expect_eq "a non-empty folder is refused by the server" 1 "$rc"
check "the refusal carries the server's message" grep -qi "empty" "$T/err"

# ---- upload
mkdir -p "$T/files"
for i in 1 2 3; do make_png "$T/files/shot-$i.png" 40 30; done
mt upload --folder /tests --json "$T/files/shot-1.png" "$T/files/shot-2.png" "$T/files/shot-3.png" >"$T/up.json"; rc=$?
expect_eq "upload of three files exits 0" 0 "$rc"
expect_eq "all three uploaded with ids" "uploaded uploaded uploaded" \
	"$(jget '" ".join(r["status"] for r in d if r.get("id"))' <"$T/up.json")"
expect_eq "they are in the folder" 3 "$(mt ls /tests --all --json | jget 'len(d["items"])')"
mt upload --folder /tests --json "$T/files/shot-1.png" "$T/files/shot-2.png" "$T/files/shot-3.png" >"$T/up2.json"
expect_eq "uploading the same files again skips them" "skipped skipped skipped" \
	"$(jget '" ".join(r["status"] for r in d)' <"$T/up2.json")"
expect_eq "still three on the server" 3 "$(mt ls /tests --all --json | jget 'len(d["items"])')"

echo "plain text" >"$T/files/notes.txt"
mt upload --json "$T/files/notes.txt" >"$T/up3.json" 2>/dev/null; rc=$?
expect_eq "an unsupported type fails with 1" 1 "$rc"
check "and says why" grep -q "does not accept" "$T/up3.json"
mt upload --json "$T/files" >"$T/up4.json" 2>/dev/null; rc=$?
expect_eq "a directory is refused" "1 failed" "$rc $(jget 'd[0]["status"]' <"$T/up4.json")"

cp "$T/files/shot-1.png" "$T/files/really-a-png.jpg"
mt upload --folder /tests --json "$T/files/really-a-png.jpg" >"$T/up5.json" 2>/dev/null
expect_eq "content/extension mismatch is reported and the true type sent" "image/png|True" \
	"$(jget '"%s|%s" % (d[0]["mimeType"], "warning" in d[0])' <"$T/up5.json")"

make_png "$T/files/big.png" 1800 1800
mt upload --folder /tests --json "$T/files/big.png" >"$T/big.json"; rc=$?
expect_eq "a large file goes through presign, PUT and confirm" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/big.json")"
expect_eq "the storage host saw no key" 0 "$(violations)"

# ---- delete
del=$(jget '[r["id"] for r in d][0]' <"$T/up.json")
mt rm --dry-run --json "$del" >"$T/dry.json"
expect_eq "rm --dry-run deletes nothing" "would-delete 0" \
	"$(jget 'd[0]["status"]' <"$T/dry.json") $(mt info "$del" >/dev/null 2>&1; echo $?)"
mt rm "$del" </dev/null >/dev/null 2>&1; rc=$?
expect_eq "rm without --yes and no terminal is refused" 2 "$rc"
mt rm --yes --backup "$T/backup" --json "$del" >"$T/rm.json"; rc=$?
expect_eq "rm --yes --backup exits 0" 0 "$rc"
bk=$(jget 'd[0]["backup"]' <"$T/rm.json")
expect_eq "the backup is the original file" "$(cksum <"$T/files/shot-1.png")" "$(cksum <"$bk")"
mt info "$del" >/dev/null 2>&1; rc=$?
expect_eq "the item is gone" 1 "$rc"

# ---- rm names what goes: two copies of one name in two folders, told apart
mkdir -p "$T/twa" "$T/twb"
cp "$T/files/shot-1.png" "$T/twa/twin.png"
cp "$T/files/shot-1.png" "$T/twb/twin.png"
mt upload --folder /tests --json "$T/twa/twin.png" >"$T/twa.json" 2>/dev/null
mt upload --folder /images --json "$T/twb/twin.png" >"$T/twb.json" 2>/dev/null
ida=$(jget 'd[0]["id"]' <"$T/twa.json")
idb=$(jget 'd[0]["id"]' <"$T/twb.json")
check "two copies of twin.png are uploaded" test -n "$ida" -a -n "$idb" -a "$ida" != "$idb"
size_re='[0-9][0-9.,]* [KMG]?i?B'
mt rm --dry-run "$ida" "$idb" >"$T/dry2.out" 2>"$T/dry2.err"; rc=$?
expect_eq "rm --dry-run of two items exits 0" 0 "$rc"
check "the dry run names the first copy with its folder, size and date" \
	grep -Eq "^would delete $ida +twin\.png +/tests +$size_re +20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] " "$T/dry2.out"
check "... and the second copy in its own folder" \
	grep -Eq "^would delete $idb +twin\.png +/images +$size_re +20[0-9][0-9]-" "$T/dry2.out"
check "... and the total" grep -Eq "^would delete 2 items, $size_re in all$" "$T/dry2.out"
mt rm --dry-run --json "$ida" >"$T/dry2.json"
expect_eq "rm --dry-run --json carries name, folder, size and date" "twin.png|/tests|True|True" \
	"$(jget '"%s|%s|%s|%s" % (d[0]["filename"], d[0]["folder"], d[0]["size"] > 0, d[0]["createdAt"].startswith("20"))' <"$T/dry2.json")"
mt rm --dry-run media_nope "$ida" >"$T/dry3.out" 2>"$T/dry3.err"; rc=$?
expect_eq "a missing id in a dry run fails with 1" 1 "$rc"
check "... naming the id" grep -q "media_nope: not found on the server" "$T/dry3.err"
check "... the other still listed" grep -q "^would delete $ida " "$T/dry3.out"
mt rm --yes media_nope >/dev/null 2>"$T/rm3.err"; rc=$?
expect_eq "rm --yes of a missing id fails with 1" 1 "$rc"
check "... naming the id" grep -q "media_nope: not found on the server" "$T/rm3.err"

# rm_tty ANSWER ID...: rm on a terminal, ANSWER typed at its question
rm_tty() {
	ans=$1; shift
	"$PY" - "$ans" "$MEDIATUI" -c "$T/config" rm "$@" <<'PYEOF'
import os, pty, sys
ans = sys.argv[1]
before = os.environ.get("RM_TTY_BEFORE", "")   # run as the question stands
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out, sent = b"", False
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not sent and b"[y/N]" in out:
        if before:
            os.system(before)
        os.write(fd, (ans + "\n").encode())
        sent = True
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r", ""))
sys.exit(os.waitstatus_to_exitcode(st))
PYEOF
}
rm_tty n "$ida" "$idb" media_nope >"$T/tty1.out"; rc=$?
expect_eq "declined at the question: exit 1" 1 "$rc"
check "the question lists what goes" grep -q "About to delete 2 items:" "$T/tty1.out"
check "... each copy with its folder, size and date" \
	grep -Eq "^  $ida +twin\.png +/tests +$size_re +20[0-9][0-9]-" "$T/tty1.out"
check "... the other copy too" grep -Eq "^  $idb +twin\.png +/images +$size_re +20" "$T/tty1.out"
check "... and the total" grep -Eq "^2 items, $size_re in all" "$T/tty1.out"
check "... the missing id named" grep -q "media_nope: not found on the server" "$T/tty1.out"
check "... the question counts what is there" grep -q "Delete 2 items? \[y/N\]" "$T/tty1.out"
mt info "$ida" >/dev/null 2>&1; rc=$?
expect_eq "n deletes nothing" 0 "$rc"
rm_tty y "$ida" >"$T/tty2.out"; rc=$?
expect_eq "y at the question deletes: exit 0" 0 "$rc"
check "... saying so" grep -q "^deleted $ida" "$T/tty2.out"
mt info "$ida" >/dev/null 2>&1; rc=$?
expect_eq "... the item is gone" 1 "$rc"
mt info "$idb" >/dev/null 2>&1; rc=$?
expect_eq "... the other copy stays" 0 "$rc"

# ---- an item gone from the server: named apart from other failures
mt rm --yes --json media_nope >"$T/nope.json" 2>/dev/null; rc=$?
expect_eq "rm --json: an id the server does not have is not-found, exit 1" "1 not-found" \
	"$rc $(jget 'd[0]["status"]' <"$T/nope.json")"
expect_eq "... with the error, its status 404" 404 "$(jget 'd[0]["error"]["status"]' <"$T/nope.json")"
mt rm --dry-run --json media_nope >"$T/nope2.json" 2>/dev/null; rc=$?
expect_eq "rm --dry-run --json: the same" "1 not-found" "$rc $(jget 'd[0]["status"]' <"$T/nope2.json")"
# read at the question, deleted elsewhere before the answer: gone, exit 0
RM_TTY_BEFORE="\"$MEDIATUI\" -c \"$T/config\" rm --yes $idb >/dev/null 2>&1" \
	rm_tty y "$idb" >"$T/tty3.out"; rc=$?
expect_eq "an item read at the question and deleted elsewhere before y: exit 0" 0 "$rc"
check "... said gone, not failed" grep -q "^$idb was already gone: deleted elsewhere since it was read" "$T/tty3.out"
check "... and no error" sh -c '! grep -q "not found" "$1"' - "$T/tty3.out"
# read and backed up, deleted elsewhere before its delete: gone, its
# original whole in the backup folder, exit 0; --json says gone
gid=$(mt upload --folder /tests --json "$T/files/shot-2.png" 2>/dev/null | jget 'd[0]["id"]')
held0=$(admin GET /_admin/state | jget 'd["counts"]["held"]')
admin POST /_admin/faults '{"hold_downloads": 1}' >/dev/null
mt rm --yes --backup "$T/backup3" --json "$gid" >"$T/gone.json" 2>"$T/gone.err" &
rmpid=$!
i=0
while [ "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -le "$held0" ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
mt rm --yes "$gid" >/dev/null 2>&1
admin POST /_admin/faults '{"hold_downloads": 0}' >/dev/null
wait $rmpid; rc=$?
expect_eq "rm --backup of an item deleted elsewhere during its backup: exit 0, gone" "0 gone" \
	"$rc $(jget 'd[0]["status"]' <"$T/gone.json")"
expect_eq "... its original whole in the backup folder" "$(cksum <"$T/files/shot-2.png")" \
	"$(cksum <"$(jget 'd[0]["backup"]' <"$T/gone.json")")"
check "... nothing on stderr" test ! -s "$T/gone.err"

# ---- usage and audit
mt usage --json >"$T/usage.json"
expect_eq "usage counts every item" "$(mt ls --json | jget 'd["total"]')" "$(jget 'd["count"]' <"$T/usage.json")"
expect_eq "usage folders are sorted largest first" True \
	"$(jget '(lambda b: b==sorted(b, reverse=True))([f["bytes"] for f in d["folders"]])' <"$T/usage.json")"
mt audit --json >"$T/audit.json"
expect_eq "audit finds images without alt text" True "$(jget 'any(f["kind"]=="missing-alt" for f in d["findings"])' <"$T/audit.json")"
expect_eq "audit finds duplicates and keeps one per group" True \
	"$(jget '(lambda g: len(g)>0 and all(sum(1 for f in d["findings"] if f["kind"]=="duplicate" and f["group"]==x and f["keep"])==1 for x in g))(set(f["group"] for f in d["findings"] if f["kind"]=="duplicate"))' <"$T/audit.json")"

# ---- detect (no network)
mt detect --json "$T/files/shot-2.png" "$T/files/really-a-png.jpg" >"$T/detect.json"
expect_eq "detect reports types and mismatches" "image/png False image/png True" \
	"$(jget '" ".join("%s %s" % (r["mimeType"], r["mismatch"]) for r in d)' <"$T/detect.json")"

expect_eq "no request to storage carried the key" 0 "$(violations)"
finish
