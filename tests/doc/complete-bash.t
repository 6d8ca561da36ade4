#!/bin/sh
# complete-bash.t — the bash completion, driven the way bash drives it
# (COMP_WORDS, COMP_CWORD, then the function), against the program's own
# --help and a configuration, journal and directory made here.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "${top_srcdir:-.}/tests/integration/lib.sh"
set -u

COMPLETION=$top_srcdir/data/completions/mediatui
# shellcheck disable=SC1090
. "$COMPLETION"
if complete -p mediatui 2>/dev/null | grep -q -- '-F _mediatui mediatui'; then
	ok "complete -p mediatui names _mediatui"
else
	not_ok "complete -p mediatui names _mediatui" "$(complete -p mediatui 2>&1)"
fi

# completion must never run the program (it would reach the network)
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "$@" >>"%s/ran"\n' "$T" >"$T/bin/mediatui"
chmod +x "$T/bin/mediatui"
PATH=$T/bin:$PATH

# comp WORD...: completes the last word; prints the candidates sorted, one line
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_mediatui mediatui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
# expect NAME "EXPECTED" WORD...
expect() {
	name=$1 want=$2
	shift 2
	expect_eq "$name" "$want" "$(comp "$@")"
}
words() { printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }

# ---- commands and options, as the program lists them ----
"$MEDIATUI" --help >"$T/help" || not_ok "mediatui --help runs"
"${PYTHON:-python3}" "$top_srcdir/tests/doc/docparse.py" help <"$T/help" >"$T/help.parsed"
cmds=$(grep -v '^GLOBAL' "$T/help.parsed" | cut -d' ' -f1)
global=$(sed -n 's/^GLOBAL //p' "$T/help.parsed")
[ "$(echo "$cmds" | wc -l)" -ge 12 ] && ok "--help lists the commands" || not_ok "--help lists the commands"

expect "commands: exactly those of --help" "$(words $cmds)" mediatui ""
expect "commands after global options" "$(words $cmds)" mediatui --json -j 4 ""
expect "a command from its start" "ls" mediatui l
expect "global options: exactly those of --help" "$(words $global)" mediatui -
while read -r cmd opts; do
	[ "$cmd" = GLOBAL ] && continue
	# shellcheck disable=SC2086
	expect "$cmd: its options, the global ones and --" "$(words $global $opts --)" mediatui "$cmd" -
done <"$T/help.parsed"
expect "long options from their start" "--dry-run" mediatui rm --d
expect "option after arguments" "--alt" mediatui edit m1 --al

# ---- option values ----
expect "--type" "document image video" mediatui ls --type ""
expect "--sort" "createdAt" mediatui ls --sort c
expect "--order" "asc desc" mediatui ls --order ""
expect "--colors" "16 2 256 8" mediatui preview x.png --colors ""
expect "--type=VALUE, bash splitting at =" "document image video" mediatui ls --type = ""
expect "--type=VALUE, the cursor after =" "document image video" mediatui ls --type =
expect "--sort=VALUE with a start" "filename" mediatui ls --sort = f
expect "a free-text value gets no candidates" "" mediatui ls --search ""
expect "the word after a value is not a value" "--offset --order" mediatui ls --type image --o

# ---- profiles, from the configuration mediatui would read ----
mkdir -p "$XDG_CONFIG_HOME/mediatui" "$T/other"
cat >"$XDG_CONFIG_HOME/mediatui/config" <<'EOF'
# comments and settings are not profiles
default = alpha
[profile alpha]
api = clearcms
url = http://127.0.0.1:9
folder = /images/products   # the default folder
  [ profile beta.2 ]
[profile gamma_3]
api = flare
url = http://127.0.0.1:9
folder = /videos
EOF
printf '[profile from-env]\n' >"$T/other/env.conf"
printf '[profile from-c]\n[profile from-c2]\n' >"$T/other/c.conf"
expect "-p: the profiles of \$XDG_CONFIG_HOME/mediatui/config" "alpha gamma_3" mediatui -p ""
expect "--profile=: the same" "alpha gamma_3" mediatui --profile = ""
expect "-p with a start" "gamma_3" mediatui upload x -p g
MEDIATUI_CONFIG=$T/other/env.conf
expect "-p: \$MEDIATUI_CONFIG comes before the default file" "from-env" mediatui -p ""
expect "-p: -c FILE comes before \$MEDIATUI_CONFIG" "from-c from-c2" mediatui -c "$T/other/c.conf" -p ""
expect "-p: --config=FILE too" "from-c from-c2" mediatui --config="$T/other/c.conf" ls -p ""
unset MEDIATUI_CONFIG
HOME_SAVE=$HOME XDG_SAVE=$XDG_CONFIG_HOME
mkdir -p "$T/home/.config/mediatui"
printf '[profile at-home]\n' >"$T/home/.config/mediatui/config"
HOME=$T/home XDG_CONFIG_HOME=relative/ignored
expect "-p: ~/.config/mediatui/config when XDG_CONFIG_HOME is not absolute" "at-home" mediatui -p ""
expect "-c ~/FILE is read from the home directory" "at-home" mediatui -c "~/.config/mediatui/config" -p ""
HOME=$HOME_SAVE XDG_CONFIG_HOME=$XDG_SAVE
expect "no configuration: no profiles, no error" "" mediatui -c "$T/none" -p ""

# ---- folders, from the profile and the journal only ----
mkdir -p "$XDG_STATE_HOME/mediatui"
cat >"$XDG_STATE_HOME/mediatui/uploads-alpha.jsonl" <<'EOF'
{"key":"a","state":"done","folder":"/journal/one","path":"/tmp/a"}
{"key":"b","state":"done","folder": "/journal/two","path":"/tmp/b"}
{"key":"c","state":"done","folder":"/journal/one","path":"/tmp/c"}
EOF
printf '{"key":"d","folder":"/videos/old"}\n' >"$XDG_STATE_HOME/mediatui/uploads-gamma_3.jsonl"
expect "--folder: /, the profile's folder, the journal's folders" \
	"/ /images/products /journal/one /journal/two" mediatui upload --folder ""
expect "--folder with a start" "/journal/one /journal/two" mediatui upload x --folder /j
expect "--folder of the profile named with -p" "/ /videos /videos/old" mediatui -p gamma_3 upload --folder ""
expect "ls FOLDER" "/images/products" mediatui ls /im
expect "mkdir PATH" "/ /images/products /journal/one /journal/two" mediatui mkdir ""
expect "only one folder argument" "" mediatui rmdir /journal/one ""
expect "info takes no folder" "" mediatui info ""

# ---- files ----
mkdir -p "$T/work/photos" "$T/work/backups"
: >"$T/work/photo1.jpg"
: >"$T/work/b-file.txt"
: >"$T/work/photo2.png"
: >"$T/work/-odd.jpg"
cd "$T/work" || exit 1
expect "upload: files and directories" "photo1.jpg photo2.png photos" mediatui upload ph
expect "detect: files" "photo1.jpg photo2.png photos" mediatui detect photo
expect "preview: files" "photo1.jpg" mediatui preview photo1
expect "after --, a leading - is a file name" "-odd.jpg" mediatui upload -- -
expect "rm --backup: directories only" "backups" mediatui rm x --backup b
expect "-c: files" "photo1.jpg photo2.png photos" mediatui -c ph
cd "$T" || exit 1

if [ -e "$T/ran" ]; then
	not_ok "completion never runs mediatui" "$(cat "$T/ran")"
else
	ok "completion never runs mediatui"
fi
finish
