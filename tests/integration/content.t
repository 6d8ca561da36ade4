#!/bin/sh
# content.t — audit --content against planted cases: the same bytes under
# two names, a picture re-encoded smaller and one converted to WebP (near
# duplicates), a look-alike that is another picture (never matched), a
# poster far wider than the site shows, an original the server refuses.
# A second run downloads nothing; --max-download is kept and reported; the
# key never reaches the storage host.
. "${top_srcdir:-.}/tests/integration/lib.sh"

start_server clearcms --content-cases "$top_srcdir/data/content"
write_config clearcms

served() { admin GET /_admin/state | jget 'd["counts"]["bytes_served"]'; }

mt audit --content --json >"$T/a.json" 2>"$T/a.err"; rc=$?
expect_eq "audit --content runs (the refused download is a finding, exit 0)" 0 "$rc"
# what each finding says, by file name
"$PY" - "$T/a.json" >"$T/summary" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["findings"]:
    print(f["kind"], f.get("filename"), f.get("group"), f.get("keep"), f.get("distance"),
          f.get("keepReason"), f.get("groupWaste"), f.get("resizeSaves"))
PYEOF
g() { grep -c "^$1 $2 " "$T/summary"; }
expect_eq "identical bytes under two names: one duplicate group" "1 1" \
	"$(g duplicate hero-final.jpg) $(g duplicate 'hero-final (1).jpg')"
check "the copy with alt text, title and focal point is kept, for its metadata" \
	grep -q "^duplicate hero-final.jpg 1 True None metadata" "$T/summary"
check "the rest of the group costs the copy's bytes" \
	grep -q "^duplicate hero-final.jpg .* $(stat -c %s "$top_srcdir/data/content/hero-final.jpg") None$" "$T/summary"
# built --without-preview there are no decoders: exact digests only
if "$MEDIATUI" --version | grep -q "previews"; then
expect_eq "the smaller re-encode and the WebP are near duplicates of it" "1 1 1" \
	"$(g near-duplicate hero-final.jpg) $(g near-duplicate hero-final-small.jpg) $(g near-duplicate hero-final.webp)"
"$PY" - "$T/a.json" >"$T/dist" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
ds = [f["distance"] for f in d["findings"] if f["kind"] == "near-duplicate" and not f["keep"]]
# 0 is a distance too: the smaller re-encode hashes the same, but its
# bytes differ, so it is a near duplicate and not a duplicate
print(len(ds), all(0 <= x <= 10 for x in ds))
PYEOF
expect_eq "each near duplicate has its distance, within the threshold" "2 True" "$(cat "$T/dist")"
else
expect_eq "without decoders: no near duplicates, exact duplicates all the same" 0 "$(grep -c '^near-duplicate' "$T/summary")"
fi
expect_eq "the look-alike is matched with nothing" "0 0" \
	"$(g duplicate harbour-evening.jpg) $(g near-duplicate harbour-evening.jpg)"
check "the 3000 px poster is oversized, with what a resize saves" \
	grep -q "^oversized poster-large.jpg None None None None None [0-9]" "$T/summary"
expect_eq "the refused original is a finding of its own" 1 "$(g download-failed private-scan.jpg)"
expect_eq "the first run downloaded every readable original" 6 "$(jget 'd["content"]["downloaded"]' <"$T/a.json")"
expect_eq "the key never reached the storage host" 0 "$(violations)"

# ---- a second run: everything from the cache
before=$(served)
mt audit --content --json >"$T/b.json" 2>/dev/null
after=$(served)
expect_eq "a second run downloads 0 bytes" 0 "$((after - before))"
expect_eq "... and takes all six from the cache" 6 "$(jget 'd["content"]["cached"]' <"$T/b.json")"
expect_eq "... and finds the same" "$(jget 'len(d["findings"])' <"$T/a.json")" "$(jget 'len(d["findings"])' <"$T/b.json")"

# ---- a damaged cache is ignored with a message, never a crash
cache=$(find "$T/cache/mediatui/fingerprints" -type f | head -n 1)
printf 'garbage\tline\n' >>"$cache"
mt audit --content >"$T/c.out" 2>"$T/c.err"; rc=$?
expect_eq "a damaged cache line: still exit 0" 0 "$rc"
check "... with a message" grep -q "damaged line" "$T/c.err"

# ---- the budget: what is not fetched is reported
rm -rf "$T/cache"
before=$(served)
mt audit --content --max-download 60K --json >"$T/d.json" 2>/dev/null
after=$(served)
got=$((after - before))
check "--max-download 60K: at most 60 KiB downloaded ($got bytes)" test "$got" -le 61440
nf=$(jget 'd["content"]["notFetched"]' <"$T/d.json")
check "what the budget left out is counted ($nf)" test "$nf" -ge 1
expect_eq "... and each is a not-fetched finding" "$nf" \
	"$(jget 'len([f for f in d["findings"] if f["kind"] == "not-fetched"])' <"$T/d.json")"
mt audit --content --fail-on not-fetched,download-failed --max-download 60K >/dev/null 2>&1; rc=$?
expect_eq "--fail-on takes the new kinds" 1 "$rc"

# ---- resume: what the budget run fetched is not fetched again
before=$(served)
mt audit --content --json >"$T/e.json" 2>/dev/null
after=$(served)
all=$(jget 'd["content"]["bytesDownloaded"]' <"$T/a.json")
check "a run after the interrupted ones fetches only the rest ($((after - before)) of $all bytes)" \
	test "$((after - before))" -lt "$all"
check "... taking what the budget runs fetched from the cache" \
	test "$(jget 'd["content"]["cached"]' <"$T/e.json")" -ge "$(jget 'd["content"]["downloaded"]' <"$T/d.json")"
expect_eq "... and every readable item is fingerprinted" 6 \
	"$(jget 'd["content"]["cached"] + d["content"]["downloaded"]' <"$T/e.json")"

# ---- progress as plain lines
rm -rf "$T/cache"
mt audit --content --progress >"$T/p.out" 2>&1
check "--progress prints plain progress lines" grep -q "^progress items=7/7 " "$T/p.out"
finish
