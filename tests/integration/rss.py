#!/usr/bin/env python3
"""rss.py OUT CMD...: runs CMD (stdout to /dev/null, stderr to OUT.err), then writes to OUT its
exit status, peak resident set in KiB (getrusage of the child, like GNU
time's %M) and wall seconds."""
import resource
import subprocess
import sys
import time

out, cmd = sys.argv[1], sys.argv[2:]
t = time.time()
with open(out + ".err", "w") as err:
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=err)
wall = time.time() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(out, "w") as f:
    f.write("%d %d %.1f\n" % (rc, peak, wall))
