#!/bin/sh
# connections.t — an upload keeps its connections alive: 20 files at -j 4
# over HTTP/1.1 open about one connection per transfer slot on the storage
# host and one per API step in flight, not one per request. API steps in
# flight are the 2 x -j jobs begun (presigning) plus the confirms trailing
# behind the transfers, which take no room so as not to hold back the next
# presigns: usually 2 x -j connections, now and then one or two more when a
# confirm outlasts another file's transfer. The bound that holds on any
# machine is libcurl's cap per host (16, http_setup.c); one connection per
# request would open 40.
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clarife --seed 3
write_config clarife "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
mkdir -p "$T/c"
files=""
for i in $(seq 1 20); do
	make_png "$T/c/c$i.png" 20 20
	files="$files $T/c/c$i.png"
done
conns() { admin GET /_admin/state | jget 'str(d["connections"]["api"]) + " " + str(d["connections"]["storage"])'; }
set -- $(conns)
api0=$1 sto0=$2
# shellcheck disable=SC2086
mt upload -j 4 --json $files >"$T/up.json"; rc=$?
expect_eq "20 files upload" "0 20" "$rc $(jget 'sum(1 for r in d if r["status"]=="uploaded")' <"$T/up.json")"
set -- $(conns)
api=$(($1 - api0 - 1)) sto=$(($2 - sto0))
echo "# connections opened: api $api, storage $sto (60 requests)"
check "the server counted connections (api $api, storage $sto)" test "$api" -ge 1 -a "$sto" -ge 1
check "at most 16 API connections (the cap per host) for 40 API requests (saw $api)" test "$api" -le 16
check "at most -j storage connections for 20 PUTs (saw $sto)" test "$sto" -le 4
expect_eq "no key sent where it does not belong" 0 "$(violations)"
finish
