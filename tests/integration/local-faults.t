#!/bin/sh
# local-faults.t — trouble on this side: a file that changes or shrinks
# while it is sent (stopped, nothing corrupt stored), an unreadable file, a
# directory, a FIFO, a full disk under `rm --backup`, a read-only state
# directory. Tests run as root, for whom chmod means nothing: the permission
# cases run as nobody (setpriv), the full disk is a small tmpfs in a private
# mount namespace.
. "${top_srcdir:-.}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/lib-faults.sh"
MIB=1048576

# ---- a file changed or cut short while its bytes are on the way
# change_during NAME DIALECT HOW FILE [server options]: starts the upload,
# waits until the server holds its body unread (the hold_body gate), then
# changes FILE: "shrink" (truncate to half) or "write" (same size, new bytes)
change_during() {
	cname=$1; d=$2; how=$3; f=$4; shift 4
	FQ_DIALECT=$d
	[ -n "$SERVER_PID" ] && fq_stop_server
	rm -rf "$T/state" "$T/server-data"
	start_server "$d" "$@"
	fq_profile "$d"
	# the server leaves the body unread until the file is changed
	admin POST /_admin/faults '{"hold_body": 1}' >/dev/null
	"$MEDIATUI" -c "$T/config" upload --json "$f" >"$T/ch.json" 2>"$T/ch.err" &
	pid=$!
	i=0
	while [ "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -lt 1 ] && [ $i -lt 600 ]; do
		i=$((i + 1)); sleep 0.05
	done
	check "$cname: the body is held before the file changes" \
		test "$(admin GET /_admin/state | jget 'd["counts"]["held"]')" -ge 1
	if [ "$how" = shrink ]; then
		truncate -s $(( $(stat -c %s "$f") / 2 )) "$f"
	else
		printf 'CHANGED!' | dd of="$f" bs=1 seek=$((3 * MIB)) conv=notrunc 2>/dev/null
	fi
	admin POST /_admin/faults '{"hold_body": 0}' >/dev/null
	wait "$pid"; rc=$?
	admin POST /_admin/faults '{"slow": 0}' >/dev/null
	expect_eq "$cname: the upload fails (exit 1)" "1 failed" "$rc $(jget 'd[0]["status"]' <"$T/ch.json")"
	check "$cname: ... saying the file changed" grep -qi "changed\|shrank" "$T/ch.json"
	stored=$(admin GET /_admin/files | jget '[f["md5"] for f in d["files"] if f["name"] == "'"$(basename "$f")"'"]')
	expect_eq "$cname: ... no bytes of it stored" "[]" "$stored"
	mt upload --json "$f" >"$T/ch2.json" 2>&1; rc=$?
	expect_eq "$cname: ... sent again, it goes up as it is now" 0 "$rc"
	fq_verify "$cname: ... once, with the new bytes" "$(dirname "$f")" --results "$T/ch2.json"
}

mkdir -p "$T/c1" "$T/c2" "$T/c3" "$T/c4"
fq_make "$T/c1" flare 1 $((12 * MIB))
change_during "flare, written to during the PUT" flare write "$T"/c1/*.mp4
fq_make "$T/c2" clarife 1 $((12 * MIB))
change_during "clarife, cut short during the PUT" clarife shrink "$T"/c2/*.png
# under 8 MiB goes as multipart; more than the socket buffers hold (~4 MiB)
fq_make "$T/c3" clearcms 1 $((7 * MIB + MIB / 2))
change_during "clearcms multipart, written to during the POST" clearcms write "$T"/c3/*.png
fq_make "$T/c4" adclear 1 $((8 * MIB))
change_during "adclear, written to between chunks" adclear write "$T"/c4/*.png --max-chunk $MIB

# ---- a file changed after its bytes went whole, before the answer: a
# clearcms multipart POST stored it as it was read, so the upload is done
# (with a warning), not called failed: a retry would store it twice
fq_stop_server
rm -rf "$T/state" "$T/server-data"
start_server clearcms
FQ_DIALECT=clearcms
fq_profile clearcms
mkdir -p "$T/c5"
fq_make "$T/c5" clearcms 1 $((200 * 1024))
f5=$(ls "$T"/c5/*)
md5_before=$(md5sum "$f5" | cut -d' ' -f1)
admin POST /_admin/faults '{"hold_answer": 1}' >/dev/null
"$MEDIATUI" -c "$T/config" upload --json "$f5" >"$T/ch5.json" 2>"$T/ch5.err" &
pid=$!
if fq_wait_held "$pid" 30; then
	ok "changed after sent: the server has read the whole body and holds its answer"
else
	not_ok "changed after sent: the server has read the whole body and holds its answer" "held: $held"
fi
printf 'CHANGED!' | dd of="$f5" bs=1 seek=4096 conv=notrunc 2>/dev/null
admin POST /_admin/faults '{"hold_answer": 0}' >/dev/null
wait "$pid"; rc=$?
expect_eq "changed after sent: the upload is done (exit 0)" "0 uploaded" "$rc $(jget 'd[0]["status"]' <"$T/ch5.json")"
check "changed after sent: ... saying the file changed after it was sent" \
	grep -q "changed after it was sent" "$T/ch5.json"
stored=$(admin GET /_admin/files | jget '[f["md5"] for f in d["files"] if f["name"] == "'"$(basename "$f5")"'"]')
expect_eq "changed after sent: ... the server has it once, as it was read" "[\"$md5_before\"]" "$stored"

# ---- a directory and a FIFO given as files: refused at once, nothing hangs
fq_stop_server
rm -rf "$T/state" "$T/server-data"
start_server clarife
FQ_DIALECT=clarife
fq_profile clarife
mkdir -p "$T/odd/dir.png"
mkfifo "$T/odd/pipe.png"
make_png "$T/odd/fine.png" 20 20
timeout 60 "$MEDIATUI" -c "$T/config" upload --json "$T/odd/dir.png" "$T/odd/pipe.png" "$T/odd/fine.png" \
	>"$T/odd.json" 2>"$T/odd.err"; rc=$?
expect_eq "a directory and a FIFO: exit 1, the good file uploaded" "1 failed failed uploaded" \
	"$rc $(jget '" ".join(r["status"] for r in d)' <"$T/odd.json")"
check "... the directory is named as one" grep -q "is a directory" "$T/odd.json"
check "... the FIFO is not a regular file" grep -q "not a regular file" "$T/odd.json"

# ---- as an unprivileged user: an unreadable file, a read-only state directory
chmod 755 "$T"
U="$T/nobody"
mkdir -p "$U/files" "$U/state"
cp "$T/key" "$U/key"
sed "s|key_file = .*|key_file = $U/key|" "$T/config" >"$U/config"
make_png "$U/files/secret.png" 30 30
make_png "$U/files/open.png" 30 30
chmod 000 "$U/files/secret.png"
chown -R 65534:65534 "$U"
chown root:root "$U/files/secret.png"
chmod 600 "$U/key" "$U/config"
# run_nobody STATE_DIR ARGS...: mediatui as nobody, with that state directory
run_nobody() {
	st=$1; shift
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$U" XDG_STATE_HOME="$st" \
		XDG_CONFIG_HOME="$U" XDG_CACHE_HOME="$U/cache" "$MEDIATUI" -c "$U/config" "$@"
}
check "(the test really runs unprivileged: nobody cannot read the file)" \
	sh -c "! setpriv --reuid=65534 --regid=65534 --clear-groups cat '$U/files/secret.png' >/dev/null 2>&1"
run_nobody "$U/state" upload --json "$U/files/secret.png" "$U/files/open.png" >"$T/perm.json" 2>"$T/perm.err"; rc=$?
expect_eq "an unreadable file: exit 1, the readable one uploaded" "1 failed uploaded" \
	"$rc $(jget '" ".join(r["status"] for r in d)' <"$T/perm.json")"
check "... the reason is given" grep -q "Permission denied" "$T/perm.json"
expect_eq "... the server has only the readable one" "0 1" "$(count_named secret.png) $(count_named open.png)"

mkdir -p "$T/ro-state"
chmod 555 "$T/ro-state"
make_png "$U/files/later.png" 30 30
chown 65534:65534 "$U/files/later.png"
run_nobody "$T/ro-state" upload "$U/files/later.png" >"$T/ro.out" 2>"$T/ro.err"; rc=$?
check "a read-only state directory: upload refuses (exit $rc)" test "$rc" -ne 0
check "... with a message naming the journal and the reason" grep -q "journal.*Permission denied\|Permission denied.*journal" "$T/ro.err"
expect_eq "... nothing was sent, the file is untouched" "0 1" \
	"$(count_named later.png) $(test -s "$U/files/later.png" && echo 1)"
run_nobody "$U/state" upload --json "$U/files/later.png" >"$T/ro2.json" 2>&1; rc=$?
expect_eq "... with a writable state directory it uploads once" "0 1" "$rc $(count_named later.png)"

# ---- a full disk under rm --backup: nothing deleted whose backup failed
fq_stop_server
rm -rf "$T/state" "$T/server-data"
start_server clearcms
mkdir -p "$T/bk-src" "$T/backup"
make_png "$T/bk-src/small.png" 40 40
make_mp4 "$T/bk-src/large.mp4" 300000
mt upload --json "$T/bk-src/small.png" "$T/bk-src/large.mp4" >"$T/bk.json" 2>/dev/null
small=$(jget 'd[0]["id"]' <"$T/bk.json")
large=$(jget 'd[1]["id"]' <"$T/bk.json")
# a 128 KiB tmpfs: the small backup fits, the large one cannot
unshare -m sh -c 'mount -t tmpfs -o size=128k tmpfs "$1" || exit 99
	shift; "$@"; rc=$?; ls -A "$0" >"$0.list"; exit $rc' "$T/backup" "$T/backup" \
	"$MEDIATUI" -c "$T/config" rm --yes --json --backup "$T/backup" "$small" "$large" >"$T/rm.json" 2>"$T/rm.err"
rc=$?
check "(the tmpfs could be mounted)" test "$rc" -ne 99
expect_eq "full disk: exit 1, the small item deleted, the large one not" "1 deleted failed" \
	"$rc $(jget '" ".join(r["status"] for r in d)' <"$T/rm.json")"
check "... the reason is the full disk" grep -q "No space left on device" "$T/rm.json"
expect_eq "... the server still has the large item" 1 "$(count_named large.mp4)"
expect_eq "... the backup holds the small file only, no partial file" "$small-small.png" "$(cat "$T/backup.list")"
finish
