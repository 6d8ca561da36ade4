#!/bin/sh
# demo.t — tools/demo.sh speaks the user's language from the build's
# catalogues, keeps everything it writes in its own temporary directory, and
# removes it all when the terminal hangs up (a dropped SSH session). Its
# local pane opens in the directory the demo was started from.
. "${top_srcdir:-.}/tests/tui/lib-tui.sh"

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	echo "1..0 # SKIP no de_DE.UTF-8 locale (tools/deps.sh --test generates it)"
	exit 0
fi
build=$(cd "$top_builddir" && pwd)
src=$(cd "$top_srcdir" && pwd)
mkdir -p "$T/home" "$T/tmp" "$T/meine-bilder"
cp "$src/data/content/hero-small.jpg" "$T/meine-bilder/strand.jpg"
cat >"$T/run-demo.sh" <<EOF2
unset LINES COLUMNS MEDIATUI_CONFIG XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME XDG_CONFIG_HOME LANGUAGE
export HOME="$T/home" TMPDIR="$T/tmp" LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 ESCDELAY=25
export MEDIATUI_DEMO_BUILD="$build"
echo \$\$ >"$T/demo.pid"
cd "$T/meine-bilder"
exec sh "$src/tools/demo.sh"
EOF2
tx -f /dev/null new-session -d -x 100 -y 30 sh "$T/run-demo.sh"

expect_screen "the demo is in German (the build's catalogues)" "? Hilfe" 60
expect_screen "the library pane is the Mediathek" "Mediathek /"
# make the demo write: back up an item before deleting it
send G
send d
if wait_for "b: " 10; then
	send b
	expect_screen "an item backed up and deleted in the demo" "Original in"
else
	not_ok "d offers a backup" "$(screen)"
fi
send Tab
expect_screen "the local pane opens where the demo was started" "strand.jpg"
demo=$(ls -d "$T"/tmp/mediatui-demo.* 2>/dev/null | head -n 1)
check "the demo keeps its files in one temporary directory" test -d "$demo"

# the terminal hangs up: the pane is killed with everything in it
tx kill-server 2>/dev/null
i=0
while [ $i -lt 200 ] && [ -n "$(ls -A "$T/tmp" 2>/dev/null)" ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "nothing of the demo is left in TMPDIR after a hang-up" "" "$(ls -A "$T/tmp")"
expect_eq "nothing was written in the home directory" "" "$(cd "$T/home" && find . -mindepth 1 | head -n 5)"
pid=$(cat "$T/demo.pid" 2>/dev/null)
i=0
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
if [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null; then
	not_ok "the demo's shell ended with the terminal" "pid $pid still runs"
else
	ok "the demo's shell ended with the terminal"
fi
finish
