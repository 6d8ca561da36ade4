#!/bin/sh
# complete-zsh.t — the zsh completion: it parses, compinit picks it up for
# mediatui, and completing real command lines in an interactive zsh (on a
# pseudo-terminal, zsh's zpty) offers the expected candidates. A compadd
# wrapper writes every candidate to a file, so nothing is read off a screen.
if [ -z "${ZSH_VERSION:-}" ]; then
	# without zsh there is nothing to test: skip, saying why
	command -v zsh >/dev/null 2>&1 ||
		{ echo "1..0 # SKIP zsh is not installed (Debian package zsh)"; exit 0; }
	exec zsh -f "$0" "$@"
fi
setopt err_return 2>/dev/null; unsetopt err_return

top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
MEDIATUI=${MEDIATUI:-$top_builddir/src/mediatui}
T=$(mktemp -d "${TMPDIR:-/tmp}/mt-zsh.XXXXXX")
zmodload zsh/zpty || { echo "Bail out! zsh/zpty is missing"; exit 1; }
cleanup() { zpty -d mt 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM

n=0
ok() { n=$((n + 1)); print -r -- "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); print -r -- "not ok $n - $1"; shift
	local l; for l in "$@"; do print -r -- "# $l"; done
}
expect_eq() { if [[ $2 == $3 ]]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi; }

SCRIPT=$top_srcdir/data/completions/_mediatui
if zsh -n "$SCRIPT" 2>"$T/syntax"; then ok "zsh -n accepts _mediatui"; else not_ok "zsh -n accepts _mediatui" "$(<$T/syntax)"; fi
[[ $(head -n 1 "$SCRIPT") == '#compdef mediatui' ]] && ok "_mediatui starts with #compdef mediatui" ||
	not_ok "_mediatui starts with #compdef mediatui"

# ---- a private home with a configuration and a journal ----
mkdir -p "$T/fpath" "$T/home/.config/mediatui" "$T/home/.local/state/mediatui" "$T/work/photos" \
	"$T/work/backups" "$T/other"
cp "$SCRIPT" "$T/fpath/_mediatui"
cat >"$T/home/.config/mediatui/config" <<'EOF'
default = alpha
[profile alpha]
api = clearcms
url = http://127.0.0.1:9
folder = /images/products
[profile gamma_3]
api = flare
url = http://127.0.0.1:9
EOF
printf '[profile from-c]\n' >"$T/other/c.conf"
printf '[profile from-env]\n' >"$T/other/env.conf"
printf '{"key":"a","folder":"/journal/one"}\n{"key":"b","folder":"/journal/two"}\n' \
	>"$T/home/.local/state/mediatui/uploads-alpha.jsonl"
: >"$T/work/photo1.jpg" >"$T/work/photo2.png" >"$T/work/b-file.txt"
# completion must never run the program (it would reach the network)
mkdir -p "$T/bin"
print -r -- "#!/bin/sh
echo \"\$@\" >>'$T/ran'" >"$T/bin/mediatui"
chmod +x "$T/bin/mediatui"

# ---- an interactive zsh on a pseudo-terminal ----
OUT=$T/out
zpty mt env -i PATH="$T/bin:$PATH" HOME="$T/home" TERM=dumb LC_ALL=C.UTF-8 \
	zsh -f -i || { echo "Bail out! cannot start zsh on a pty"; exit 1; }
zpty -w mt "PS1='' RPS1='' PS2=''; unsetopt beep; cd '$T/work'; fpath=('$T/fpath' \$fpath)"
zpty -w mt "autoload -Uz compinit && compinit -u -D"
# every candidate added goes to \$OUT as well
zpty -w mt "compadd() { if (( \${@[(I)-[OAD]*]} )); then builtin compadd \"\$@\"; return; fi;
  local -a mt_m; builtin compadd -O mt_m \"\$@\"; (( \$#mt_m )) && print -rl -- \$mt_m >>| '$OUT';
  builtin compadd \"\$@\"; }"
zpty -w mt "_mt_try() { : >| '$OUT'; zle complete-word; print -r -- MT-DONE >>| '$OUT'; BUFFER=''; }"
zpty -w mt "zle -N _mt_try; bindkey '^T' _mt_try"
zpty -w mt "print -r -- \${_comps[mediatui]} >| '$T/ready'"

wait_for() {   # wait_for FILE TEXT: up to two minutes, on a busy machine
	local i=0
	while ! grep -qx -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1)); (( i > 1200 )) && return 1
		sleep 0.1
	done
}
if wait_for "$T/ready" _mediatui; then
	ok "compinit binds mediatui to _mediatui"
else
	not_ok "compinit binds mediatui to _mediatui" "$(cat "$T/ready" 2>&1)"
	print "1..$n"; exit 0
fi

# comp LINE: the sorted candidates offered at the end of LINE
comp() {
	rm -f "$OUT"
	zpty -w -n mt "$1"$'\x14'
	wait_for "$OUT" MT-DONE || { print TIMEOUT; return; }
	grep -vx MT-DONE "$OUT" | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//'
}
expect() { expect_eq "$1: '$2'" "$3" "$(comp "$2")"; }

# the commands, exactly those of the program's --help
cmds=$("$MEDIATUI" --help | "${PYTHON:-python3}" "$top_srcdir/tests/doc/docparse.py" help |
	grep -v '^GLOBAL' | cut -d' ' -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
[[ -n $cmds ]] || not_ok "the program's --help lists commands"
expect "commands" "mediatui " "$cmds"
expect "a command from its start" "mediatui up" "upload"
expect "commands after global options" "mediatui --json -j 4 " "$cmds"
expect "global long options" "mediatui --" "--config --help --jobs --json --profile --progress --quiet --version"
expect "ls options" "mediatui ls --" "--all --config --help --jobs --json --limit --offset --order --profile --progress --quiet --search --sort --type --version"
expect "rm options" "mediatui rm x --" "--backup --config --dry-run --help --jobs --json --profile --progress --quiet --version --yes"
expect "preview options" "mediatui preview --c" "--colors --config --crops"
expect "--type values" "mediatui ls --type " "document image video"
expect "--type=VALUE" "mediatui ls --type=" "document image video"
expect "--sort values" "mediatui ls --sort " "createdAt filename size"
expect "--colors values" "mediatui preview x --colors " "16 2 256 8"
expect "profiles from the default configuration" "mediatui -p " "alpha gamma_3"
expect "profiles from -c FILE" "mediatui -c $T/other/c.conf -p " "from-c"
zpty -w mt "export MEDIATUI_CONFIG='$T/other/env.conf'"
expect "profiles from \$MEDIATUI_CONFIG" "mediatui upload x -p " "from-env"
zpty -w mt "unset MEDIATUI_CONFIG"
expect "folders: /, the profile's, the journal's" "mediatui upload --folder " "/ /images/products /journal/one /journal/two"
expect "folders of the profile named with -p" "mediatui -p gamma_3 mkdir " "/"
expect "files for upload" "mediatui upload ph" "photo1.jpg photo2.png photos"
expect "files for detect" "mediatui detect photo1" "photo1.jpg"
expect "directories for --backup" "mediatui rm x --backup b" "backups"

if [[ -e $T/ran ]]; then not_ok "completion never runs mediatui" "$(<$T/ran)"; else ok "completion never runs mediatui"; fi
print "1..$n"
