#!/bin/sh
# private.t — a view's state is its own. A header whose first comment says
# "Private to: FILES" (and "State: a->FIELD") may be included by those files
# alone, and no other file under src/ may reach that state through
# a->FIELD. One check per such header; the last check plants a crossing of
# each kind in a copy of src/ and makes sure both are reported.
top=${top_srcdir:-.}
exec python3 - "$top" <<'PY'
import os, re, shutil, sys, tempfile

PRIVATE = re.compile(r'Private to:\s*([^\n*]+)')
STATE = re.compile(r'State:\s*((?:a->\w+[ ,]*)+)')
INC = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)

def first_comment(text):
    m = re.match(r'\s*/\*(.*?)\*/', text, re.S)
    return m.group(1) if m else ""

def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)

def sources(src):
    for d, _, files in sorted(os.walk(src)):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                yield os.path.join(d, f)

def check(src):
    """[(header, [problems])] for every private header under src."""
    texts = {p: open(p, encoding="utf-8", errors="replace").read() for p in sources(src)}
    out = []
    for h, text in texts.items():
        if not h.endswith(".h"):
            continue
        head = first_comment(text)
        m = PRIVATE.search(head)
        if not m:
            continue
        owners = set(m.group(1).split())
        fields = re.findall(r'a->(\w+)', STATE.search(head).group(1)) if STATE.search(head) else []
        name = os.path.basename(h)
        probs = []
        for p, t in texts.items():
            base = os.path.basename(p)
            if p == h or base in owners:
                continue
            rel = os.path.relpath(p, src)
            if name in INC.findall(t):
                probs.append("%s includes %s" % (rel, name))
            code = strip_comments(t)
            for f in fields:
                for ln, line in enumerate(code.split("\n"), 1):
                    if re.search(r'\ba->%s\b' % f, line):
                        probs.append("%s:%d reaches a->%s" % (rel, ln, f))
        out.append((os.path.relpath(h, src), probs))
    return out

top = sys.argv[1]
src = os.path.join(top, "src")
res = check(src)
print("1..%d" % (len(res) + 2))
n = 0
for h, probs in res:
    n += 1
    if probs:
        print("not ok %d - %s stays private" % (n, h))
        for p in probs:
            print("# %s" % p)
    else:
        print("ok %d - %s stays private" % (n, h))

n += 1
if res:
    print("ok %d - there are private headers (%d)" % (n, len(res)))
else:
    print("not ok %d - there are private headers" % n)

# the check can fail: a copy of src/ with one crossing of each kind
n += 1
tmp = tempfile.mkdtemp()
try:
    copy = os.path.join(tmp, "src")
    shutil.copytree(src, copy)
    planted = os.path.join(copy, "tui", "planted.c")
    want = []
    for h, _ in res:
        text = open(os.path.join(copy, h), encoding="utf-8").read()
        st = STATE.search(first_comment(text))
        field = re.findall(r'a->(\w+)', st.group(1))[0] if st else None
        with open(planted, "a") as fh:
            fh.write('#include "%s"\n' % os.path.basename(h))
            if field:
                fh.write("void *planted_%s(struct app *a) { return a->%s; }\n" % (field, field))
        want.append((h, "includes %s" % os.path.basename(h)))
        if field:
            want.append((h, "reaches a->%s" % field))
    got = dict(check(copy))
    missed = [w for w in want if not any(w[1] in p and "planted.c" in p for p in got.get(w[0], []))]
    if want and not missed:
        print("ok %d - a planted include and a planted a->FIELD are reported (%d)" % (n, len(want)))
    else:
        print("not ok %d - a planted crossing is reported" % n)
        for h, w in missed or [("", "nothing planted")]:
            print("# missed: %s %s" % (h, w))
finally:
    shutil.rmtree(tmp)
sys.exit(0)
PY
