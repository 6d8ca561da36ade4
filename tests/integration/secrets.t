#!/bin/sh
# secrets.t — the API key never shows: not in output, errors, the journal,
# the process's command line, or any request to the storage host; loose
# permissions are refused with the fix in the message.
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
finish
