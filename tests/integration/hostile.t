#!/bin/sh
# hostile.t — mediatui against a server that lies (tests/server/hostile.py).
#
# For every scenario, the batch commands that reach it run in human and
# --json form, for every dialect whose calls it bends. Each run must end on
# its own with 0 or 1 (no crash, hang or sanitizer report), say why when it
# fails, print no byte a terminal would act on, print valid JSON with --json,
# and never print the key. After each scenario: no file was written outside
# the backup folder, and neither the "elsewhere" host nor any storage or
# redirect target saw the key or an Authorization header.
. "${top_srcdir:-.}/tests/integration/lib.sh"

HOSTILE="$top_srcdir/tests/server/hostile.py"
# the runs start in a folder of their own
case $MEDIATUI in /*) ;; *) MEDIATUI="$(pwd)/$MEDIATUI" ;; esac
start_hostile
PORT=${API##*:}
log() { "$PY" -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]+"/_admin/log",timeout=30).read().decode())' "$API"; }

# a generous limit: it only catches a loop that never ends (valgrind is slow)
TMO=120
[ -n "$MT_VG" ] && TMO=900

mkdir -p "$T/files" "$T/sb/w1/w2" "$T/runs"
make_png "$T/files/a.png" 4 4
make_mp4 "$T/files/v.mp4" 3000
WORK="$T/sb/w1/w2"       # the working directory: ../../x from here stays in $T/sb
BK=bk                    # the backup folder, relative to it
find "$T/sb" | sort >"$T/sb.before"

# per scenario: commands that must succeed, commands that must fail, and a
# pattern every failure's message must match (empty: any clear message)
LIB="ls ls-all info folders usage audit edit rm"
UP="up-clearcms up-clarife up-direct up-flare up-adclear"
expect_table() {
	case $1 in
		plain|ctype|types-strings) echo "$LIB $UP||" ;;
		names-path|names-control|names-escape) echo "$LIB $UP||" ;;
		sizes) echo "ls ls-all info usage audit edit $UP||" ;;
		missing-fields) echo "ls ls-all usage||" ;;
		total-endless|offset-backwards) echo "ls ls-all usage audit||" ;;
		offset-ignored) echo "ls|ls-all usage audit|same page twice" ;;
		total-1e300|total-int64max|total-negative) echo "ls info||" ;;
		huge-body) echo "|ls ls-all info folders usage audit edit $UP|larger than 64 MiB" ;;
		huge-string) echo "ls info folders edit||" ;;
		deep|deep-object|truncated|notjson|empty|null-body) echo "|ls ls-all info folders usage audit|" ;;
		redirect-301) echo "|$LIB $UP|answer 301" ;;
		redirect-302) echo "|$LIB $UP|answer 302" ;;
		redirect-307|redirect-same) echo "|$LIB $UP|answer 307" ;;
		redirect-308) echo "|$LIB $UP|answer 308" ;;
		redirect-storage) echo "$LIB up-clearcms up-adclear|up-clarife up-direct up-flare|answer 307" ;;
		urls-elsewhere|presign-elsewhere) echo "ls info rm up-clearcms up-clarife up-direct up-flare|up-adclear|API key to http://127.0.0.1" ;;
		urls-odd) echo "ls info|rm up-clarife up-direct up-flare up-adclear|" ;;
		error-escape) echo "|$LIB $UP|refused" ;;
		error-shapes|error-huge|error-deep|invalid-utf8-error) echo "|$LIB $UP|" ;;
		adclear-stuck|adclear-range-huge|adclear-range-garbage) echo "|up-adclear|" ;;
		chunk-tiny) echo "up-adclear||" ;;
		*) echo "||" ;;
	esac
}
# which commands a scenario is about (all by default)
commands_for() {
	case $1 in
		adclear-*|chunk-tiny) echo "up-adclear" ;;
		presign-elsewhere|headers-hostile) echo "$UP" ;;
		*) echo "$LIB $UP" ;;
	esac
}
ids_for() {
	case $1 in
		names-path) echo "h1 h2 h3 h4 h5 h6 h7 h8 h9 h10 h11 h12" ;;
		ids-path) printf '%s\n' "../../x" "/etc/passwd" ".." "a/b/../../../c" " " ;;
		*) echo "h1 h2 h3" ;;
	esac
}

# profile SCENARIO DIALECT: a config in $T/cfg pointing at that scenario
profile() {
	{
		echo "default = t"
		echo "[profile t]"
		echo "api = $2"
		echo "url = $API/s/$1/$2"
		echo "key_file = $T/key"
		echo "document_id = 0b6f1c2e-1f7a-4a2b-9a51-3f1d2c3b4a5d"
		echo "video_id = vid-1"
		echo "external_user_id = user_1"
	} >"$T/cfg"
	chmod 600 "$T/cfg"
}

run_no=0
# run SCENARIO CMDNAME MODE EXPECT PATTERN ARGS...: one recorded run
run() {
	scen=$1 cname=$2 mode=$3 exp=$4 pat=$5
	shift 5
	run_no=$((run_no + 1))
	r="$T/runs/$run_no"
	jflag=""
	[ "$mode" = json ] && jflag=--json
	# each run its own journal: an upload is never skipped as done before
	(cd "$WORK" && XDG_STATE_HOME="$T/state/$run_no" timeout -k 10 "$TMO" \
		$MT_VG "$MEDIATUI" -c "$T/cfg" $jflag "$@" </dev/null >"$r.out" 2>"$r.err")
	echo $? >"$r.rc"
	printf '%s\n' "$scen: $cname ($mode)" "$mode" "$exp" "$pat" >"$r.meta"
}

# judge: turns outcheck.py's verdicts into TAP lines, with od of a bad byte
judge() {
	"$PY" "$top_srcdir/tests/integration/outcheck.py" "$T/runs" "$KEY" >"$T/verdicts"
	while IFS="	" read -r verdict name why file off; do
		if [ "$verdict" = PASS ]; then
			ok "$name"
		elif [ -n "$file" ]; then
			not_ok "$name" "$why" "$(od -A d -c -j "$off" -N 48 "$T/runs/$file")"
		else
			not_ok "$name" "$why"
		fi
	done <"$T/verdicts"
	rm -f "$T/runs"/*
}

VG_EVERY=9
scen_no=0
for scen in $("$PY" "$HOSTILE" --list | cut -f1); do
	scen_no=$((scen_no + 1))
	cand=-1
	ncand=$(($(echo $(commands_for "$scen") | wc -w) * 2))
	spec=$(expect_table "$scen")
	must_ok=${spec%%|*}; rest=${spec#*|}; must_fail=${rest%%|*}; pat=${rest#*|}
	for cname in $(commands_for "$scen"); do
		exp=any
		case " $must_ok " in *" $cname "*) exp=ok ;; esac
		case " $must_fail " in *" $cname "*) exp=fail ;; esac
		for mode in human json; do
			if [ -n "$MT_VG" ]; then
				# valgrind costs a second a run: each scenario runs every
				# VG_EVERY-th of its command forms, shifted from one scenario
				# to the next so that all forms get their turn (at least one
				# per scenario). The sanitizer build runs them all.
				# The forms the closing checks count on always run.
				cand=$((cand + 1))
				case "$scen:$cname:$mode" in
					redirect-storage:rm:json | presign-elsewhere:up-*:json) ;;
					*)
						[ $(((cand + scen_no) % VG_EVERY)) = 0 ] ||
							[ $((scen_no % ncand)) = "$cand" ] || continue ;;
				esac
			fi
			case $cname in
				up-*)
					d=${cname#up-}
					profile "$scen" "$d"
					f="$T/files/a.png"
					case $d in flare|adclear) f="$T/files/v.mp4" ;; esac
					run "$scen" "$cname" $mode $exp "$pat" upload "$f" ;;
				*)
					profile "$scen" clearcms
					case $cname in
						ls) run "$scen" ls $mode $exp "$pat" ls ;;
						ls-all) run "$scen" ls-all $mode $exp "$pat" ls --all ;;
						info) run "$scen" info $mode $exp "$pat" info h1 ;;
						folders) run "$scen" folders $mode $exp "$pat" folders ;;
						usage) run "$scen" usage $mode $exp "$pat" usage ;;
						audit) run "$scen" audit $mode $exp "$pat" audit ;;
						edit) run "$scen" edit $mode $exp "$pat" edit h1 --alt "new alt" --focal 10,20 ;;
						rm)
							# the ids as separate arguments, whatever they hold
							ids_for "$scen" | tr ' ' '\n' | grep -v '^$' >"$T/ids"
							[ "$scen" = ids-path ] && ids_for "$scen" >"$T/ids"
							set --
							while IFS= read -r id; do set -- "$@" "$id"; done <"$T/ids"
							rm -rf "${WORK:?}/$BK"   # backups never replace a file
							run "$scen" rm $mode $exp "$pat" rm --yes --backup "$BK" "$@" ;;
					esac ;;
			esac
		done
	done
	judge
	# nothing written outside the backup folder
	find "$T/sb" | sort >"$T/sb.after"
	outside=$(comm -13 "$T/sb.before" "$T/sb.after" | grep -v "^$WORK/$BK\$" | grep -v "^$WORK/$BK/" | head -n 5)
	expect_eq "$scen: no file written outside the backup folder" "" "$outside"
	rm -rf "${WORK:?}/$BK"
done

# the key stayed home: no violation on any listener, no absolute-path escapes
log >"$T/log.json"
expect_eq "no request to storage, downloads, redirect targets or the elsewhere host carried the key or an Authorization header" \
	"[]" "$(jget 'd["violations"]' <"$T/log.json")"
expect_eq "no API call followed a redirect (the elsewhere host and the trap saw no API path)" "0" \
	"$(jget 'sum(1 for r in d["elsewhere"] + d["trap"] if "/s/" in r["path"] and not r["path"].startswith("/redirected/"))' <"$T/log.json")"
expect_eq "no storage upload followed a redirect" "0" \
	"$(jget 'sum(1 for r in d["elsewhere"] if r["path"].startswith("/redirected/storage"))' <"$T/log.json")"
check "downloads did follow a redirect, without credentials (the check above is not vacuous)" \
	"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not any(r["path"].startswith("/redirected/files") for r in d["elsewhere"]))' "$T/log.json"
check "presigned uploads on another host reached it (and carried no key)" \
	"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not any(r["method"]=="PUT" and r["path"].startswith("/upload/") for r in d["elsewhere"]))' "$T/log.json"
for p in "/tmp/mediatui-hostile-$PORT-pwned" /tmp/mediatui-hostile-abs /tmp/mediatui-up /x; do
	check "no file at $p" test ! -e "$p"
done
check "/etc/passwd untouched" test ! /etc/passwd -nt "$T/sb.before"
finish
