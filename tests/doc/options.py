"""options.py - the command line as three documents tell it: the parser's
tables (src/core/cmdline.c), `mediatui --help`, and mediatui(1)'s SYNOPSIS,
OPTIONS and COMMANDS. They must list the same commands and, per command, the
same options; and the program must accept every option the page documents,
with an argument exactly where the page shows one. Every environment
variable the code reads is in ENVIRONMENT.
Prints TAP.  Usage: options.py TOP_SRCDIR MEDIATUI
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docparse  # noqa: E402

top, prog = sys.argv[1], sys.argv[2]
n = 0


def check(ok, name, *diag):
    global n
    n += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    for d in diag if not ok else ():
        for line in str(d).split("\n"):
            print("# " + line)


home = tempfile.mkdtemp(prefix="mt-doc.")
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LC_ALL": "C",
       "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state"}


def run(*args):
    p = subprocess.run([prog] + list(args), env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ---- the parser's tables ----
with open(os.path.join(top, "src", "core", "cmdline.c"), encoding="utf-8") as f:
    csrc = f.read()
tables = {}
for m in re.finditer(r"static const struct opt_spec (\w+)\[\] = \{(.*?)\};", csrc, re.S):
    forms = []
    for o in re.finditer(r'\{ "([a-z-]+)", (\'(.)\'|0), (true|false),', m.group(2)):
        forms.append((["--" + o.group(1)] + (["-" + o.group(3)] if o.group(3) else []),
                      o.group(4) == "true"))
    tables[m.group(1)] = forms
parser_cmds = {}
for m in re.finditer(r'\{ "([a-z]+)", MT_CMD_\w+, (\w+), ', csrc):
    parser_cmds[m.group(1)] = tables[m.group(2)]
parser_global = tables.get("global_opts", [])
check(len(parser_cmds) >= 12 and len(parser_global) >= 8,
      "the parser's tables are read (%d commands, %d global options)" %
      (len(parser_cmds), len(parser_global)))


def flat(forms):
    return {f for names, _ in forms for f in names}


# ---- --help ----
rc, out, err = run("--help")
check(rc == 0 and out.startswith("Usage:"), "--help exits 0 and prints the usage", err)
wide = [line for line in out.split("\n") if len(line) > 80]
check(not wide, "--help has no line wider than 80 columns", *wide)
help_cmds, help_opts = docparse.help_blocks(out)
help_global = {f for forms in help_opts for f in forms}

# ---- the man page ----
page = docparse.read_page(os.path.join(top, "man", "mediatui.1"))
man_cmds, man_cmd_args = {}, {}
man_global, man_global_args = set(), {}
synopsis = ""
for sec, sub, tag, body in page:
    if sec == "SYNOPSIS":
        synopsis += " " + " ".join(docparse.plain(line) for line in body)
    if tag is None:
        continue
    text = docparse.plain(tag)
    if sec == "COMMANDS":
        name = text.split()[0]
        man_cmds[name] = set(docparse.options_in(text))
        man_cmd_args[name] = docparse.option_args(text)
    elif sec == "OPTIONS":
        forms = docparse.options_in(text)
        args = docparse.option_args(text)
        arg = next((a for a in args.values() if a), None)
        man_global.update(forms)
        for f in forms:
            man_global_args[f] = arg

# ---- the same commands everywhere ----
check(set(help_cmds) == set(parser_cmds), "--help lists exactly the parser's commands",
      "missing: %s" % sorted(set(parser_cmds) - set(help_cmds)),
      "extra: %s" % sorted(set(help_cmds) - set(parser_cmds)))
check(set(man_cmds) == set(help_cmds), "COMMANDS lists exactly the commands of --help",
      "missing: %s" % sorted(set(help_cmds) - set(man_cmds)),
      "extra: %s" % sorted(set(man_cmds) - set(help_cmds)))
syn_words = set(re.split(r"[\s,.|\[\]]+", synopsis))
missing = sorted(c for c in help_cmds if c not in syn_words)
check(not missing, "SYNOPSIS names every command", "missing: %s" % missing)

# ---- the same options ----
check(help_global == flat(parser_global), "--help lists exactly the parser's global options",
      "missing: %s" % sorted(flat(parser_global) - help_global),
      "extra: %s" % sorted(help_global - flat(parser_global)))
check(man_global == help_global, "OPTIONS lists exactly the global options of --help",
      "missing: %s" % sorted(help_global - man_global),
      "extra: %s" % sorted(man_global - help_global))
for names, _ in parser_global:
    if names[0] in ("--help", "--version"):
        continue
    check(any(f in syn_words for f in names), "SYNOPSIS shows %s" % "/".join(names))
for cmd in sorted(parser_cmds):
    p = flat(parser_cmds[cmd])
    h = set(help_cmds.get(cmd, []))
    m = man_cmds.get(cmd, set())
    check(h == p, "--help shows exactly the options of '%s'" % cmd,
          "missing: %s" % sorted(p - h), "extra: %s" % sorted(h - p))
    check(m == h, "COMMANDS shows exactly the options of '%s' that --help shows" % cmd,
          "missing: %s" % sorted(h - m), "extra: %s" % sorted(m - h))

# ---- the program accepts what the page says, as the page says it ----
SAMPLES = {"n": "2", "bytes": "1M", "x,y": "50,50", "colsxrows": "40x20", "kind": "missing-alt", "bits": "8"}


def sample(arg):
    if "|" in arg:
        return arg.split("|")[0]
    return SAMPLES.get(arg, "x")


rc, out, err = run("ls", "--no-such-option", "--help")
check(rc == 2 and "no-such-option" in err, "an unknown option is refused (the probe can fail)",
      "status %d: %s" % (rc, err))


def probe(prefix, opt, arg, where):
    words = prefix + [opt] + ([sample(arg)] if arg else []) + ["--help"]
    rc, out, err = run(*words)
    check(rc == 0 and out.startswith("Usage:"), "%s: %s accepted" % (where, " ".join(words[:-1])),
          "status %d: %s" % (rc, err.strip()))
    if arg:
        rc, out, err = run(*(prefix + [opt]))
        check(rc == 2 and "requires an argument" in err,
              "%s: %s takes an argument, as the page shows" % (where, opt),
              "status %d: %s" % (rc, err.strip()))
    elif opt.startswith("--"):
        rc, out, err = run(*(prefix + [opt + "=x", "--help"]))
        check(rc == 2 and "does not take an argument" in err,
              "%s: %s takes no argument, as the page shows" % (where, opt),
              "status %d: %s" % (rc, err.strip()))


for opt in sorted(man_global):
    if opt in ("--help", "-h", "--version", "-V"):
        rc, out, err = run(opt)
        check(rc == 0 and out.strip() != "", "OPTIONS: %s prints and exits 0" % opt, err)
        continue
    probe([], opt, man_global_args.get(opt), "OPTIONS")
for cmd in sorted(man_cmds):
    for opt in sorted(man_cmds[cmd]):
        probe([cmd], opt, man_cmd_args[cmd].get(opt), "COMMANDS")

# ---- every environment variable the code reads is documented ----
import glob  # noqa: E402
read = set()
for path in glob.glob(os.path.join(top, "src", "**", "*.c"), recursive=True):
    with open(path, encoding="utf-8") as f:
        read |= set(re.findall(r'getenv\("([A-Z_]+)"\)', f.read()))
env_doc = set()
for sec, sub, tag, body in page:
    if sec == "ENVIRONMENT" and tag is not None:
        env_doc |= set(re.findall(r"[A-Z][A-Z_]+", docparse.plain(tag)))
check(len(read) >= 10, "the variables the code reads are found (%d)" % len(read))
missing = sorted(read - env_doc)
check(not missing, "ENVIRONMENT documents every variable the code reads",
      "missing: %s" % missing)

subprocess.run(["rm", "-rf", home])
print("1..%d" % n)
