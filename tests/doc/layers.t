#!/bin/sh
# layers.t — the layers of src/ as a rule: src/core includes no curses and
# no header of src/cli or src/tui; src/tui no libcurl, jansson or src/cli
# header; src/cli no curses. Includes are followed through the project's own
# headers, so a crossing hidden one header deep counts too. One check per
# layer, each failure naming the file and the chain of includes.
top=${top_srcdir:-.}
exec python3 - "$top" <<'PY'
import os, re, sys
top = sys.argv[1]
src = os.path.join(top, "src")
layers = ("core", "cli", "tui")
own = {}      # header name -> its path
for layer in layers:
    for f in sorted(os.listdir(os.path.join(src, layer))):
        if f.endswith(".h"):
            own[f] = os.path.join(src, layer, f)
layer_of = {h: os.path.basename(os.path.dirname(p)) for h, p in own.items()}
inc = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

def includes(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            m = inc.match(line)
            if m:
                yield m.group(1), m.group(2)

CURSES = re.compile(r'^(n?curses(w)?/|n?cursesw?\.h$|curses\.h$|term\.h$|panel\.h$)')
rules = {
    "core": [("curses", lambda k, n: k == "<" and CURSES.match(n)),
             ("a src/cli header", lambda k, n: k == '"' and layer_of.get(n) == "cli"),
             ("a src/tui header", lambda k, n: k == '"' and layer_of.get(n) == "tui")],
    "tui": [("libcurl", lambda k, n: k == "<" and n.startswith("curl/")),
            ("jansson", lambda k, n: k == "<" and n == "jansson.h"),
            ("a src/cli header", lambda k, n: k == '"' and layer_of.get(n) == "cli")],
    "cli": [("curses", lambda k, n: k == "<" and CURSES.match(n)),
            ("a src/tui header", lambda k, n: k == '"' and layer_of.get(n) == "tui")],
}

def crossings(path, layer):
    """(what, chain) for each forbidden include reached from path."""
    found, seen = [], set()
    stack = [(path, [os.path.relpath(path, top)])]
    while stack:
        p, chain = stack.pop()
        for kind, name in includes(p):
            for what, bad in rules[layer]:
                if bad(kind, name):
                    found.append((what, chain + [name]))
            if kind == '"' and name in own and name not in seen:
                seen.add(name)
                stack.append((own[name], chain + [name]))
    return found

n = 0
print("1..%d" % len(layers))
status = 0
for layer in layers:
    n += 1
    d = os.path.join(src, layer)
    bad = []
    for f in sorted(os.listdir(d)):
        if f.endswith((".c", ".h")):
            bad += crossings(os.path.join(d, f), layer)
    if bad:
        status = 1
        print("not ok %d - src/%s keeps to its layer" % (n, layer))
        for what, chain in bad:
            print("# %s reaches %s: %s" % (chain[0], what, " -> ".join(chain)))
    else:
        print("ok %d - src/%s keeps to its layer" % (n, layer))
sys.exit(0)
PY
