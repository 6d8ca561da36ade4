#!/bin/sh
# upload-there.t — files the server had already send nothing, and the byte
# counts say so: the panel's total line counts only the bytes sent, and
# names the bytes already there apart (upload's live line says it in the
# same words, from core: tests/unit/test_upload_tally).
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

start_server clearcms --demo "$top_srcdir/data/demo"
mkdir -p "$T/work/shots"
for i in 1 2 3; do make_png "$T/work/shots/there-$i.png" 40 30; done
make_png "$T/work/shots/fresh.png" 50 40
# size NAME...: the files' bytes as the program writes them ("12.3 KiB")
size() {
	"$PY" - "$@" <<'PYEOF'
import os, sys
n = sum(os.path.getsize(p) for p in sys.argv[1:])
print("%d B" % n if n < 1024 else "%.1f KiB" % (n / 1024))
PYEOF
}
three=$(size "$T"/work/shots/there-?.png)
one=$(size "$T/work/shots/fresh.png")

# sent before from the command line, to the folder the pane is in
mt upload --folder / "$T"/work/shots/there-?.png >/dev/null 2>&1
expect_eq "the three files go up once" 3 "$(mt_json ls --all --search there- | jget 'len(d["items"])')"

tui_start 80 24
wait_for " of " || true
send Tab
wait_for "shots/" || true
send j
send Enter
wait_for "there-1.png" || true
send '*'
wait_for "Mark files matching" || true
send C-u
type_text "there-*"
send Enter
wait_for "3 marked" || true
send u
expect_screen "the three are skipped as already there" "0/3 done, 3 already there" 30
expect_screen "the total line says nothing was sent, and what was there" "0 B sent, $three already there"
refute_screen "the total line does not count them as sent" "$three / $three"
send R
expect_screen "R with nothing failed says there is nothing to retry" \
	"nothing to retry: no upload failed or was cancelled"
refute_screen "... not that it retries none" "retrying 0"
settle
screen >"$T/s80.txt"
# the header's share counts no bytes of them either: nothing runs, so it is gone
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"

# at 120 columns, one new file with the three: the total is the new one's
tui_start 120 30
wait_for " of " || true
# the local pane opens where it was: in shots/
send Tab
wait_for "there-1.png" || true
send a
wait_for "4 marked" || true
send u
expect_screen "the new file is sent, the three skipped" "1/4 done, 3 already there" 30
expect_screen "the total line counts the new file's bytes alone, the rest apart" "$one / $one sent, $three already there"
rc=$(tui_quit)
expect_eq "q quits with status 0" 0 "$rc"
finish
