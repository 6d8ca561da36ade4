#!/usr/bin/env python3
"""verify-uploads.py - do the local files, the server and the journal agree?

Every file in --dir must be on the server exactly once with the same name,
size and MD5 (from /_admin/files), or, where allowed (--quota CODE), be
reported failed with that server code and be absent. No other file named
like them may be on the server (a duplicate or a partial upload). The
journal's latest record for each file must say the same: done or skipped
with the server's id, or failed. With --results (upload --json), each
file's status must match too. Prints a summary; exits 1 on any mismatch."""

import argparse
import collections
import hashlib
import json
import os
import sys


def md5(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for buf in iter(lambda: f.read(1 << 20), b""):
            h.update(buf)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--server", required=True, help="the JSON of GET /_admin/files")
    ap.add_argument("--journal", required=True)
    ap.add_argument("--results", help="upload --json output")
    ap.add_argument("--quota", help="server code with which files may fail (quota)")
    ap.add_argument("--need-failed", action="store_true", help="at least one file must have failed")
    a = ap.parse_args()

    problems = []
    local = {}
    for name in sorted(os.listdir(a.dir)):
        p = os.path.join(a.dir, name)
        if os.path.isfile(p):
            local[name] = (os.path.realpath(p), os.path.getsize(p), md5(p))
    prefixes = {n.split("-f", 1)[0] for n in local}

    with open(a.server) as f:
        server = json.load(f)["files"]
    by_name = collections.defaultdict(list)
    for s in server:
        by_name[s["name"]].append(s)
    for name in by_name:
        if name not in local and any(name.startswith(p + "-f") for p in prefixes):
            problems.append("on the server but not local: %s" % name)

    records = {}
    try:
        with open(a.journal) as f:
            for line in f:
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                if isinstance(r, dict) and "path" in r:
                    records[r["path"]] = r   # the last line for a file wins
    except FileNotFoundError:
        problems.append("no journal at %s" % a.journal)

    results = {}
    if a.results:
        with open(a.results) as f:
            for r in json.load(f):
                results[os.path.basename(r["file"])] = r

    uploaded = failed = 0
    for name, (real, size, digest) in local.items():
        on = by_name.get(name, [])
        rec = records.get(real)
        res = results.get(name)
        if res is None and a.results:
            problems.append("%s: not in the command's results" % name)
        quota_failed = False
        if res is not None and res["status"] == "failed":
            code = ((res.get("error") or {}).get("code") or "")
            if a.quota and a.quota in code:
                quota_failed = True
            else:
                problems.append("%s: failed: %s" % (name, json.dumps(res.get("error"))))
        if rec is not None and rec.get("state") == "failed" and not a.results:
            quota_failed = bool(a.quota)
            if not a.quota:
                problems.append("%s: the journal says failed: %s" % (name, rec.get("error")))
        if quota_failed:
            failed += 1
            if on:
                problems.append("%s: failed, yet on the server %d time(s)" % (name, len(on)))
            # a file the quota stopped before it began has no record: nothing to resume
            if rec is not None and rec.get("state") != "failed":
                problems.append("%s: failed, but the journal says %s" % (name, rec.get("state")))
            continue
        if len(on) != 1:
            problems.append("%s: on the server %d times" % (name, len(on)))
            continue
        uploaded += 1
        s = on[0]
        if (s["size"], s["md5"], s["stored"]) != (size, digest, size):
            problems.append("%s: the server holds size %s, %s stored bytes, md5 %s; local %d, %s"
                            % (name, s["size"], s["stored"], s["md5"], size, digest))
        if rec is None:
            problems.append("%s: not in the journal" % name)
        elif rec.get("state") not in ("done", "skipped"):
            problems.append("%s: uploaded, but the journal says %s" % (name, rec.get("state")))
        if res is not None and res["status"] not in ("uploaded", "skipped"):
            problems.append("%s: on the server, but reported %s" % (name, res["status"]))
        if res is not None and rec is not None and res.get("id") != rec.get("id"):
            problems.append("%s: reported id %s, journal id %s" % (name, res.get("id"), rec.get("id")))
    if a.need_failed and failed == 0:
        problems.append("no file failed, but the quota should have stopped some")
    print("%d files: %d on the server exactly once, %d failed with %s"
          % (len(local), uploaded, failed, a.quota or "-"))
    for p in problems[:30]:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
