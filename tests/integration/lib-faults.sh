# lib-faults.sh — queues of test files and an exactly-once check against the
# reference server, for the fault, restart, signal and load tests (sourced
# after lib.sh, POSIX sh).
#
#   fq_profile DIALECT [LINES...]   the profile for DIALECT's upload settings
#   fq_make DIR DIALECT N [BIG...]  N files: mostly small, then one per BIG size
#   fq_verify NAME DIR [OPTIONS]    TAP check: files, server, journal agree
#   fq_restart_server [OPTIONS]     kill -9 the server, start it on the same ports

VERIFY="$top_srcdir/tests/integration/verify-uploads.py"

# the profile lines each dialect needs to upload
fq_profile() {
	d=$1; shift
	case $d in
		clarife) set -- "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d" "$@" ;;
		flare) set -- "video_id = vid-faults" "$@" ;;
		adclear) set -- "external_user_id = user_faults" "$@" ;;
	esac
	write_config "$d" "$@"
}

# fq_make DIR DIALECT N [BIG...]: N files whose type the dialect takes (videos
# for flare, PNG images elsewhere, MP4 for the big clearcms ones so that the
# presign path runs); small ones 1-60 KB, then one file per BIG byte count.
fq_make() {
	mkdir -p "$1"
	"$PY" - "$@" <<'PYEOF'
import os, random, struct, sys, zlib
out, dialect, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
bigs = [int(x) for x in sys.argv[4:]]
rnd = random.Random("%s-%s-%d" % (out, dialect, n))
# filler of random letters: random binary bytes now and then spell another
# format's signature (a DOS boot sector's 55 AA at 510) and libmagic says so
LETTERS = bytes.maketrans(bytes(range(256)), bytes(97 + b % 26 for b in range(256)))
def filler(n): return os.urandom(n).translate(LETTERS)
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
def png(size):
    head = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 2, 0, 0, 0))
    head += chunk(b'IDAT', zlib.compress(bytes(8 * 25))) + chunk(b'IEND', b'')
    return head + filler(max(0, size - len(head)))
def mp4(size):
    ftyp = b'ftyp' + b'isom' + struct.pack('>I', 512) + b'isomiso2avc1mp41'
    head = struct.pack('>I', len(ftyp) + 4) + ftyp
    body = max(0, size - len(head) - 8)
    return head + struct.pack('>I', 8 + body) + b'mdat' + filler(body)
sizes = [rnd.randrange(1000, 60000) for _ in range(n - len(bigs))] + bigs
for i, size in enumerate(sizes):
    video = dialect == "flare" or (dialect == "clearcms" and size > 8 << 20)
    name = "%s-f%03d-%d.%s" % (os.path.basename(out), i, size, "mp4" if video else "png")
    with open(os.path.join(out, name), "wb") as f:
        f.write(mp4(size) if video else png(size))
PYEOF
}

# fq_verify NAME DIR [--quota CODE] [--results FILE] [--rc N --expect-rc M]:
# every file in DIR is on the server exactly once with the same bytes, or
# (with --quota) failed with that server code; nothing else is on the server;
# the journal's last record for each file agrees.
fq_verify() {
	name=$1; dir=$2; shift 2
	if admin GET /_admin/files >"$T/files.json" &&
		"$PY" "$VERIFY" --dir "$dir" --server "$T/files.json" \
			--journal "$XDG_STATE_HOME/mediatui/uploads-t.jsonl" "$@" >"$T/verify.out" 2>&1; then
		ok "$name"
		sed 's/^/# /' "$T/verify.out"
	else
		not_ok "$name" "$(tail -n 25 "$T/verify.out")"
	fi
}

# fq_restart_server [OPTIONS]: SIGKILL, then the same ports and data directory
fq_restart_server() {
	kill -9 "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	port=${API##*:}
	sport=${STORAGE##*:}
	rm -f "$T/ready"
	"$PY" "$SERVER" --dialect "$FQ_DIALECT" --port "$port" --storage-port "$sport" --key "$KEY" \
		--data-dir "$T/server-data" --persist --ready-file "$T/ready" "$@" \
		>>"$T/server.out" 2>>"$T/server.err" &
	SERVER_PID=$!
	wait_ready "the reference server did not restart" 400
}

# fq_wait_files N [SECONDS]: until the server holds at least N files
fq_wait_files() {
	i=0
	while [ $i -lt $(( ${2:-60} * 10 )) ]; do
		have=$(admin GET /_admin/files 2>/dev/null | jget 'len(d["files"])' 2>/dev/null)
		[ "${have:-0}" -ge "$1" ] && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

# fq_wait_held PID [SECONDS]: until the server holds a request of the queue
# behind a gate (hold_at_files, hold_at_bytes: counts.held), or PID has
# exited; leaves the count in $held. True when the queue is held mid-flight.
fq_wait_held() {
	i=0
	held=0
	while [ $i -lt $(( ${2:-120} * 10 )) ]; do
		held=$(admin GET /_admin/state 2>/dev/null | jget 'd["counts"]["held"]' 2>/dev/null)
		[ "${held:-0}" -ge 1 ] && break
		kill -0 "$1" 2>/dev/null || break
		i=$((i + 1))
		sleep 0.1
	done
	held=${held:-0}
	[ "$held" -ge 1 ] && kill -0 "$1" 2>/dev/null
}

# fq_stop_server: ends the server (between scenarios)
fq_stop_server() {
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=""
}
