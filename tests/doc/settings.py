"""settings.py - mediatui.conf(5) against the program: the page documents
exactly the settings src/core/conf.c accepts, and every example profile in
the page and in data/config.sample is accepted by mediatui itself.
Prints TAP.  Usage: settings.py TOP_SRCDIR MEDIATUI
"""
import os
import re
import shutil
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


with open(os.path.join(top, "src", "core", "conf.c"), encoding="utf-8") as f:
    csrc = f.read()
body = re.search(r"^profile_set\(.*?^\}$", csrc, re.S | re.M).group(0)
code = set(re.findall(r'strcmp\(k, "([a-z_]+)"\) == 0', body))
check(len(code) >= 15, "conf.c's settings are read (%d)" % len(code))

page = docparse.read_page(os.path.join(top, "man", "mediatui.conf.5"))
documented = {}
for sec, sub, tag, _ in page:
    if sec == "SETTINGS" and tag is not None:
        documented[docparse.plain(tag).split()[0]] = sub
check(set(documented) == code, "SETTINGS documents exactly the settings conf.c accepts",
      "missing: %s" % sorted(code - set(documented)),
      "extra: %s" % sorted(set(documented) - code))
dialects = {"clearcms", "clarife", "flare", "adclear", "direct"}
check(dialects <= {sub for sub in documented.values()},
      "SETTINGS has a subsection for every dialect",
      "subsections: %s" % sorted(set(documented.values())))

# ---- the examples: each one a file mediatui reads without complaint ----
tmp = tempfile.mkdtemp(prefix="mt-doc.")
keyfile = os.path.join(tmp, "key")
with open(keyfile, "w") as f:
    f.write("k-0123\n")
os.chmod(keyfile, 0o600)
missing = os.path.join(tmp, "no-such-file.jpg")
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "LC_ALL": "C",
       "XDG_STATE_HOME": tmp + "/state", "XDG_CACHE_HOME": tmp + "/cache"}


def examples_of_page():
    blocks, cur, in_ex = [], None, False
    with open(os.path.join(top, "man", "mediatui.conf.5"), encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith(".SH"):
                in_ex = "EXAMPLES" in line
            elif in_ex and line == ".nf":
                cur = []
            elif in_ex and line == ".fi" and cur is not None:
                if any(x.startswith("[profile") for x in cur):
                    blocks.append("\n".join(cur) + "\n")
                cur = None
            elif cur is not None:
                cur.append(docparse.plain(line))
    return blocks


def localise(text):
    """The example made runnable here: a closed local port instead of the
    site, a real key file, the key variables set."""
    text = re.sub(r"^url = .*$", "url = http://127.0.0.1:9", text, flags=re.M)
    text = re.sub(r"^key_file = \S+", "key_file = " + keyfile, text, flags=re.M)
    for var in re.findall(r"^key_env = (\w+)", text, re.M):
        env[var] = "k-0123"
    return text


def accepts(name, text):
    path = os.path.join(tmp, "config")
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)
    profiles = re.findall(r"^\[profile ([^\]]+)\]", text, re.M)
    for p in profiles:
        # upload loads the profile and its key before it looks at the file:
        # anything but status 2 means the configuration was accepted
        r = subprocess.run([prog, "-c", path, "-p", p, "upload", missing], env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        err = r.stderr.decode("utf-8", "replace")
        check(r.returncode != 2 and path not in err,
              "%s: profile %s is accepted" % (name, p), "status %d: %s" % (r.returncode, err))
    return profiles


blocks = examples_of_page()
check(len(blocks) >= 5, "the page has an example per dialect (%d)" % len(blocks))
seen = set()
for i, b in enumerate(blocks, 1):
    seen |= set(re.findall(r"^api = (\w+)", b, re.M))
    if b.lstrip().startswith("default") or "default =" not in b:
        accepts("mediatui.conf(5) example %d" % i, localise(b))
check(seen == dialects, "the examples cover every dialect", "covered: %s" % sorted(seen))

with open(os.path.join(top, "data", "config.sample"), encoding="utf-8") as f:
    sample = f.read()
profiles = accepts("config.sample", localise(sample))
check(len(profiles) >= 5, "config.sample has a profile per dialect (%d)" % len(profiles))

# the check above can fail: a mistake is reported with FILE:LINE and status 2
path = os.path.join(tmp, "config")
with open(path, "w") as f:
    f.write(localise(sample) + "colour = blue\n")
r = subprocess.run([prog, "-c", path, "-p", "site", "upload", missing], env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
err = r.stderr.decode("utf-8", "replace")
lines = len(localise(sample).split("\n"))
check(r.returncode == 2 and ("%s:%d:" % (path, lines)) in err,
      "an unknown setting is refused with FILE:LINE and status 2",
      "status %d: %s" % (r.returncode, err))

shutil.rmtree(tmp)
print("1..%d" % n)
