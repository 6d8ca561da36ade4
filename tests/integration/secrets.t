#!/bin/sh
# secrets.t — the API key never shows: not in output, errors, the journal,
# the process's command line, the environment of a child process (it starts
# none), or any request to a storage host, a download host or a redirect
# target, even when a lying server points there; loose permissions are
# refused with the fix in the message.
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clearcms --demo "$top_srcdir/data/demo" --slow 0.2
mkdir -p "$T/f"
for i in 1 2 3; do make_png "$T/f/s-$i.png" 50 50; done
make_png "$T/f/big.png" 1800 1800

"$MEDIATUI" -c "$T/config" upload --progress --json "$T"/f/*.png >"$T/out" 2>"$T/err" &
pid=$!
sleep 0.3
tr '\0' ' ' <"/proc/$pid/cmdline" >"$T/cmdline" 2>/dev/null
wait "$pid"
check "the key is not on the command line" sh -c "! grep -qF '$KEY' '$T/cmdline'"
{
	mt ls --all --json; mt info nope; mt edit nope --alt x; mt folders --json
	mt usage --json; mt audit --json; mt rm --dry-run nope; mt -p anon ls --search x
} >>"$T/out" 2>>"$T/err"
check "the key is in no output or error" sh -c "! grep -qF '$KEY' '$T/out' '$T/err'"
check "the key is not in the journal" sh -c "! grep -rqF '$KEY' '$T/state'"
expect_eq "no storage request carried the key or an Authorization header" 0 "$(violations)"

# a wrong key: the server's refusal, without echoing the key
printf 'wrong-key-abc123\n' >"$T/key"
mt ls >"$T/o2" 2>"$T/e2"; rc=$?
expect_eq "a rejected key fails with 1" 1 "$rc"
check "the refusal says what is wrong" grep -qi "key" "$T/e2"
check "and does not print the key" sh -c "! grep -qF 'wrong-key-abc123' '$T/e2' '$T/o2'"

# loose permissions
chmod 644 "$T/key"
mt ls >/dev/null 2>"$T/e3"; rc=$?
expect_eq "a key file others can read is refused" 2 "$rc"
check "the message says how to fix it" grep -q "chmod 600" "$T/e3"
chmod 600 "$T/key"
printf 'default = t\n[profile t]\napi = clearcms\nurl = %s\nkey = inline-secret-9\n' "$API" >"$T/loose.conf"
chmod 644 "$T/loose.conf"
"$MEDIATUI" -c "$T/loose.conf" ls >/dev/null 2>"$T/e4"; rc=$?
expect_eq "an inline key in a readable config is refused" 2 "$rc"
check "naming the line and the fix, not the key" sh -c "grep -q 'loose.conf:5:' '$T/e4' && grep -q 'chmod 600' '$T/e4' && ! grep -q inline-secret-9 '$T/e4'"

# ---- no child process: nothing can inherit the key from the environment
if command -v strace >/dev/null 2>&1; then
	printf 'default = t\n[profile t]\napi = clearcms\nurl = %s\nkey_env = MT_SECRET_TEST_KEY\n' "$API" >"$T/env.conf"
	chmod 600 "$T/env.conf"
	# strace runs mediatui itself, not valgrind (which would exec the tool)
	MT_SECRET_TEST_KEY="$KEY" strace -f -qq -e trace=execve -o "$T/strace.out" \
		"$MEDIATUI" -c "$T/env.conf" upload --json "$T/f/s-1.png" >/dev/null 2>&1
	expect_eq "mediatui starts no other program (one execve: its own)" 1 "$(grep -c 'execve(' "$T/strace.out")"
else
	not_ok "mediatui starts no other program" "strace is not installed (tools/deps.sh --test installs it)"
fi

# ---- a lying server: API redirects, storage and downloads on other hosts
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
start_hostile
for scen in redirect-301 redirect-302 redirect-307 redirect-308 redirect-same redirect-storage \
	presign-elsewhere urls-elsewhere headers-hostile; do
	for d in clearcms clarife direct flare; do
		printf 'default = t\n[profile t]\napi = %s\nurl = %s/s/%s/%s\nkey_file = %s\nvideo_id = v\ndocument_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d\n' \
			"$d" "$API" "$scen" "$d" "$T/key" >"$T/config"
		f="$T/f/s-1.png"
		[ "$d" = flare ] && { make_mp4 "$T/f/v.mp4" 2000; f="$T/f/v.mp4"; }
		XDG_STATE_HOME="$T/state/$scen-$d" mt upload "$f" >>"$T/h.out" 2>>"$T/h.err"
	done
	printf 'default = t\n[profile t]\napi = clearcms\nurl = %s/s/%s/clearcms\nkey_file = %s\n' \
		"$API" "$scen" "$T/key" >"$T/config"
	mt rm --yes --backup "$T/bk-$scen" h1 h2 h3 >>"$T/h.out" 2>>"$T/h.err"
	mt info h1 >>"$T/h.out" 2>>"$T/h.err"
done
"$PY" -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]+"/_admin/log",timeout=30).read().decode())' "$API" >"$T/hlog.json"
expect_eq "no storage, download, redirect-target or elsewhere request carried the key or an Authorization header" \
	"[]" "$(jget 'd["violations"]' <"$T/hlog.json")"
expect_eq "no request with the key followed a redirect" 0 \
	"$(jget 'sum(1 for r in d["elsewhere"] + d["trap"] if "/s/" in r["path"])' <"$T/hlog.json")"
check "the other hosts did receive uploads and downloads (the check above is not vacuous)" \
	"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); p=[r["path"] for r in d["elsewhere"]]; sys.exit(not (any(x.startswith("/upload/") for x in p) and any(x.startswith("/redirected/files") for x in p)))' "$T/hlog.json"
check "the key is in no output or error against the lying server" sh -c "! grep -qF '$KEY' '$T/h.out' '$T/h.err'"
check "the key is in no file mediatui wrote (journal, cache, data, backups)" \
	sh -c "! grep -rqF '$KEY' '$T/state' '$T/cache' '$T/data' $T/bk-* 2>/dev/null"
finish
