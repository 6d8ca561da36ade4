#!/bin/sh
# calls.t — the files of src/tui do not call each other round in a loop:
# a view reaches another only through the table of views and events
# (HACKING.md). Follows every use of a function defined in another file of
# src/tui (a call or a pointer to it), finds the loops among the files and
# names each with the functions that tie it. The second check plants a loop
# in a copy of src/tui and makes sure it is reported.
top=${top_srcdir:-.}
exec python3 - "$top" <<'PY'
import os, re, shutil, sys, tempfile

def strip(text):
    text = re.sub(r'/\*.*?\*/', lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)

# a definition in the house style: the return type on its own line, the
# name at the start of the next, a body after it
DEF = re.compile(r'^([^\s#/*{}][^\n;]*)\n(\w+)\([^;{]*\)\s*\{', re.M)
WORD = re.compile(r'\b[A-Za-z_]\w*\b')

def graph(d):
    files = sorted(f for f in os.listdir(d) if f.endswith(".c"))
    code = {f: strip(open(os.path.join(d, f), encoding="utf-8", errors="replace").read()) for f in files}
    owner = {}
    for f, t in code.items():
        for m in DEF.finditer(t):
            if "static" not in m.group(1).split():
                owner[m.group(2)] = f
    edges = {f: {} for f in files}
    for f, t in code.items():
        for w in set(WORD.findall(t)):
            g = owner.get(w)
            if g and g != f:
                edges[f].setdefault(g, []).append(w)
    return edges, owner

def loops(edges):
    """Strongly connected groups of more than one file (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1
        stack.append(v); on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out

def report(edges, comps):
    for c in comps:
        print("# a loop of %d files: %s" % (len(c), " ".join(c)))
        for a in c:
            for b in c:
                if b in edges[a]:
                    print("#   %s -> %s: %s" % (a, b, ", ".join(sorted(edges[a][b]))))

top = sys.argv[1]
tui = os.path.join(top, "src", "tui")
sys.setrecursionlimit(10000)
print("1..2")
edges, owner = graph(tui)
comps = loops(edges)
if comps:
    print("not ok 1 - no loop of calls among the files of src/tui")
    report(edges, comps)
else:
    print("ok 1 - no loop of calls among the files of src/tui (%d files, %d uses across files)"
          % (len(edges), sum(len(v) for v in edges.values())))

# plant: a file that another calls now calls one of that file's functions back
tmp = tempfile.mkdtemp()
try:
    copy = os.path.join(tmp, "tui")
    shutil.copytree(tui, copy)
    planted = None
    for a in sorted(edges):
        for b in sorted(edges[a]):
            back = sorted(n for n, f in owner.items() if f == a)
            if back:
                planted = (a, b, back[0])
                break
        if planted:
            break
    if planted is None:
        print("not ok 2 - a planted loop is reported (no call across files to plant one on)")
        sys.exit(1)
    a, b, fn = planted
    with open(os.path.join(copy, b), "a", encoding="utf-8") as fh:
        fh.write("\nvoid\nplanted_loop(void)\n{\n\t(void)%s;\n}\n" % fn)
    e2, _ = graph(copy)
    found = any(a in c and b in c for c in loops(e2))
    print("%s 2 - a planted loop (%s -> %s -> %s) is reported"
          % ("ok" if found else "not ok", a, b, a))
    ok = not comps and found
finally:
    shutil.rmtree(tmp)
sys.exit(0 if ok else 1)
PY
