#!/usr/bin/env python3
"""fake_term.py - a terminal that speaks a pixel protocol, for tests.

tmux passes neither sixel nor kitty graphics through, so the pixel side of
the interface is driven here: the program runs on a pseudo-terminal of a
given size (in cells and pixels), its output is recorded byte for byte,
the terminal's answer is sent when the program asks (CSI c, the end of
mediatui's query), and keys are sent step by step:

  fake_term.py --out FILE [--answer TEXT] [--size COLSxROWS] [--cell WxH]
               STEP... -- PROGRAM ARGS...

  send:TEXT     write TEXT to the program (backslash escapes: \\033, \\r)
  wait:TEXT     until TEXT appears in the output written since the last send
  sleep:SECS
  note:LABEL    record the output's length under LABEL

FILE gets the output; FILE.notes gets "LABEL OFFSET" lines, "queries N"
and "status N" (the exit status, or "timeout STEP" when a wait failed).
"""
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time


def unescape(s):
    return s.encode("latin-1").decode("unicode_escape").encode("latin-1")


def main(argv):
    out_path, answer, size, cell = None, None, (80, 24), (10, 20)
    i = 0
    while i < len(argv) and argv[i].startswith("--") and argv[i] != "--":
        opt, val = argv[i], argv[i + 1]
        if opt == "--out":
            out_path = val
        elif opt == "--answer":
            answer = unescape(val)
        elif opt == "--size":
            size = tuple(int(v) for v in val.split("x"))
        elif opt == "--cell":
            cell = tuple(int(v) for v in val.split("x"))
        i += 2
    sep = argv.index("--")
    steps, cmd = argv[i:sep], argv[sep + 1:]

    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack("HHHH", rows, cols, cols * cell[0], rows * cell[1]))
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL,
                            start_new_session=True,
                            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    buf = bytearray()
    notes = []
    queries = 0

    def pump(timeout):
        nonlocal queries
        r, _, _ = select.select([master], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(master, 65536)
        except OSError:
            return False
        if not data:
            return False
        start = max(0, len(buf) - 2)
        buf.extend(data)
        while True:
            k = buf.find(b"\033[c", start)
            if k < 0:
                break
            queries += 1
            if answer is not None:
                os.write(master, answer)
            start = k + 3
        return True

    failed = None
    mark = 0
    for step in steps:
        kind, _, arg = step.partition(":")
        if kind == "send":
            mark = len(buf)
            os.write(master, unescape(arg))
        elif kind == "wait":
            want = unescape(arg)
            deadline = time.monotonic() + 15
            while buf.find(want, mark) < 0 and time.monotonic() < deadline:
                if not pump(0.05):
                    break
            if buf.find(want, mark) < 0:
                failed = step
                break
            # let the rest of this frame arrive
            end = time.monotonic() + 0.15
            while time.monotonic() < end:
                pump(0.05)
        elif kind == "sleep":
            end = time.monotonic() + float(arg)
            while time.monotonic() < end:
                pump(0.05)
        elif kind == "note":
            notes.append("%s %d" % (arg, len(buf)))
    if failed:
        proc.terminate()
    deadline = time.monotonic() + 10
    while proc.poll() is None and time.monotonic() < deadline:
        pump(0.05)
    while pump(0.05) and proc.poll() is None:
        pass
    if proc.poll() is None:
        proc.kill()
    status = proc.wait()
    # what is left in the pipe
    try:
        while pump(0):
            r, _, _ = select.select([master], [], [], 0)
            if not r:
                break
    except OSError:
        pass
    with open(out_path, "wb") as f:
        f.write(buf)
    with open(out_path + ".notes", "w") as f:
        for n in notes:
            f.write(n + "\n")
        f.write("queries %d\n" % queries)
        f.write(("timeout %s\n" % failed) if failed else "status %d\n" % status)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
