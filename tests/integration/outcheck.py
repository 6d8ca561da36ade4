#!/usr/bin/env python3
"""outcheck.py RUNDIR KEY - judges the runs hostile.t recorded in RUNDIR.

Each run N left N.meta (lines: name, mode, expect, pattern), N.rc, N.out and
N.err. A run passes when mediatui ended on its own (exit 0 or 1, nothing a
signal, a timeout or valgrind would give), with the outcome the scenario
expects; when no sanitizer or valgrind report is in its stderr; when a
failure says why on stderr (or, with --json, in the document); when its
human output holds no control character (C0 but newline, DEL, C1, bytes
that are not UTF-8) and its --json output is one valid JSON document; and
when the key is nowhere in what it printed.

Prints one line per run: "PASS<TAB>name" or "FAIL<TAB>name<TAB>reason", and
for an unsafe byte "<TAB>FILE<TAB>OFFSET" so the caller can show it with od.
"""

import json
import os
import re
import sys

REPORTS = re.compile(rb"AddressSanitizer|LeakSanitizer|runtime error:|==\d+== ")


def unsafe_at(data):
    """Offset of the first byte a terminal could act on, or -1."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    for i, ch in enumerate(text):
        c = ord(ch)
        if (c < 0x20 and ch != "\n") or c == 0x7F or 0x80 <= c < 0xA0:
            return len(text[:i].encode("utf-8"))
    return -1


def has_error_object(doc):
    if isinstance(doc, dict):
        if isinstance(doc.get("error"), dict):
            return True
        return any(has_error_object(v) for v in doc.values())
    if isinstance(doc, list):
        return any(has_error_object(v) for v in doc)
    return False


def judge(d, n, key):
    lines = open(os.path.join(d, n + ".meta"), encoding="utf-8").read().split("\n")
    meta = dict(zip(("name", "mode", "expect", "pattern"), lines))
    rc = int(open(os.path.join(d, n + ".rc")).read().strip() or "-1")
    out = open(os.path.join(d, n + ".out"), "rb").read()
    err = open(os.path.join(d, n + ".err"), "rb").read()
    name = meta["name"]
    if rc not in (0, 1):
        why = {124: "timed out (a loop that never ends?)", 99: "valgrind found errors"}.get(
            rc, "exit status %d" % rc)
        return "FAIL\t%s\t%s: %s" % (name, why, err[-300:].decode("utf-8", "replace"))
    if REPORTS.search(err):
        return "FAIL\t%s\ta sanitizer report: %s" % (name, err[:400].decode("utf-8", "replace"))
    expect = meta.get("expect", "any")
    if expect == "ok" and rc != 0:
        return "FAIL\t%s\texpected success, got %d: %s" % (name, rc, err[-300:].decode("utf-8", "replace"))
    if expect == "fail" and rc != 1:
        return "FAIL\t%s\texpected a failure, got %d" % (name, rc)
    if key and (key in out or key in err):
        return "FAIL\t%s\tthe key is in the output" % name
    doc = None
    if meta["mode"] == "json":
        if out.strip() or rc == 0:
            try:
                doc = json.loads(out.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                return "FAIL\t%s\t--json printed no valid JSON (%s)\t%s.out\t%d" % (
                    name, e, n, getattr(e, "pos", getattr(e, "start", 0)) or 0)
    else:
        off = unsafe_at(out)
        if off >= 0:
            return "FAIL\t%s\ta control byte in the output\t%s.out\t%d" % (name, n, off)
    off = unsafe_at(err)
    if off >= 0:
        return "FAIL\t%s\ta control byte on stderr\t%s.err\t%d" % (name, n, off)
    if rc == 1:
        said = b"mediatui: " in err or (doc is not None and has_error_object(doc))
        if not said:
            return "FAIL\t%s\tfailed without saying why" % name
        pat = meta.get("pattern")
        if pat and not re.search(pat.encode(), err + out):
            return "FAIL\t%s\tthe error does not match /%s/: %s" % (
                name, pat, (err + out)[-300:].decode("utf-8", "replace"))
    return "PASS\t%s" % name


def main():
    d, key = sys.argv[1], sys.argv[2].encode()
    runs = sorted((f[:-5] for f in os.listdir(d) if f.endswith(".meta")), key=int)
    for n in runs:
        print(judge(d, n, key).replace("\n", " "))


if __name__ == "__main__":
    main()
