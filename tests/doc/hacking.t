#!/bin/sh
# hacking.t — HACKING.md is the map of the tree: every file under src/ has
# its line there (as src/DIR/NAME, src/DIR/BASE.[ch], a pattern such as
# src/cli/cmd_*.c, or by name on the line of its family), and no line names
# a file that is gone.
top=${top_srcdir:-.}
exec python3 - "$top" <<'PY'
import fnmatch, os, re, sys
top = sys.argv[1]
text = open(os.path.join(top, "HACKING.md"), encoding="utf-8").read()
files = []
for d, _, fs in os.walk(os.path.join(top, "src")):
    for f in fs:
        if f.endswith((".c", ".h")):
            files.append(os.path.relpath(os.path.join(d, f), top))
files.sort()
tokens = set(re.findall(r"src/[A-Za-z0-9_./*\[\]-]+", text))
words = set(re.findall(r"[A-Za-z0-9_]+\.[ch]\b", text))

def named(path):
    d, f = os.path.split(path)
    base, ext = os.path.splitext(f)
    if path in tokens or "%s/%s.[ch]" % (d, base) in tokens:
        return True
    for t in tokens:
        if "*" in t and fnmatch.fnmatchcase(path, t.replace("[ch]", "[ch]")):
            return True
    # a family line: "src/core/image_jpeg.c ..., image_png.c PNG"
    return f in words and any(t.startswith(d + "/") for t in tokens)

missing = [f for f in files if not named(f)]
gone = []
for t in sorted(tokens):
    if "*" in t or t.endswith("/"):
        continue
    t = t.rstrip(".,;:")
    if t.endswith(".[ch]"):
        cands = [t[:-5] + ".c", t[:-5] + ".h"]
    elif t.endswith((".c", ".h")):
        cands = [t]
    else:
        continue
    if not any(os.path.exists(os.path.join(top, c)) for c in cands):
        gone.append(t)
print("1..2")
if missing:
    print("not ok 1 - every file under src/ has its line in HACKING.md")
    for f in missing:
        print("# no line for %s" % f)
else:
    print("ok 1 - every file under src/ has its line in HACKING.md")
if gone:
    print("not ok 2 - HACKING.md names no file that is gone")
    for f in gone:
        print("# %s is not in the tree" % f)
else:
    print("ok 2 - HACKING.md names no file that is gone")
PY
