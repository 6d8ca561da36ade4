#!/usr/bin/env python3
"""mediaserver.py - the strict reference server for mediatui's five dialects.

Standard library only. One process serves the API of one dialect on one port
and a storage host (what S3 or B2 is for the real services) on another, both
on 127.0.0.1. It follows the documents in the seeds, rejects what the real
services would reject, records deviations (an Authorization header or the API
key sent to the storage host), and injects faults on request: see README.md.
"""

import argparse
import base64
import hashlib
import hmac
import json
import mimetypes
import os
import random
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MIB = 1024 * 1024
CHUNK = 256 * 1024


# ---------------------------------------------------------------- helpers

def sniff(head):
    """The MIME type of content from its first bytes (what the server trusts)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if head.startswith(b"BM"):
        return "image/bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    text = head.lstrip()[:512].lower()
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        if b"<svg" in head.lower():
            return "image/svg+xml"
    return "application/octet-stream"


def image_size(path, mime):
    """(width, height) read from the header of an image file, or (None, None)."""
    try:
        with open(path, "rb") as f:
            h = f.read(64 * 1024)
    except OSError:
        return None, None
    try:
        if mime == "image/png" and len(h) >= 24:
            return int.from_bytes(h[16:20], "big"), int.from_bytes(h[20:24], "big")
        if mime == "image/gif" and len(h) >= 10:
            return int.from_bytes(h[6:8], "little"), int.from_bytes(h[8:10], "little")
        if mime == "image/webp" and len(h) >= 30:
            if h[12:16] == b"VP8 ":
                return (int.from_bytes(h[26:28], "little") & 0x3FFF,
                        int.from_bytes(h[28:30], "little") & 0x3FFF)
            if h[12:16] == b"VP8L":
                b = h[21:25]
                w = 1 + (((b[1] & 0x3F) << 8) | b[0])
                hh = 1 + (((b[3] & 0xF) << 10) | (b[2] << 2) | ((b[1] & 0xC0) >> 6))
                return w, hh
            if h[12:16] == b"VP8X":
                return 1 + int.from_bytes(h[24:27], "little"), 1 + int.from_bytes(h[27:30], "little")
        if mime == "image/jpeg":
            i = 2
            while i + 9 < len(h):
                if h[i] != 0xFF:
                    i += 1
                    continue
                marker = h[i + 1]
                seglen = int.from_bytes(h[i + 2:i + 4], "big")
                if marker in (0xC0, 0xC1, 0xC2):
                    return int.from_bytes(h[i + 7:i + 9], "big"), int.from_bytes(h[i + 5:i + 7], "big")
                i += 2 + seglen
        if mime == "image/svg+xml":
            m = re.search(rb'<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"', h)
            if m:
                return int(m.group(1)), int(m.group(2))
    except (IndexError, ValueError):
        pass
    return None, None


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def valid_folder(path):
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 1024:
        return False
    if path == "/":
        return True
    if path.endswith("/") or "\\" in path:
        return False
    for seg in path[1:].split("/"):
        if seg in ("", ".", "..") or any(ord(c) < 0x20 or ord(c) == 0x7F for c in seg):
            return False
    return True


def is_uuid(s):
    try:
        uuid.UUID(str(s))
        return isinstance(s, str) and len(s) == 36
    except ValueError:
        return False


class Reply(Exception):
    """Raised by a handler to answer at once: status, JSON body, headers."""

    def __init__(self, status, body=None, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


class Dropped(Exception):
    """The connection is to be closed without an answer (a fault)."""


# ---------------------------------------------------------------- state

class State:
    """Everything the server holds; one lock guards it."""

    def __init__(self, args, data_dir):
        self.args = args
        self.lock = threading.RLock()
        self.data_dir = data_dir
        self.obj_dir = os.path.join(data_dir, "objects")
        os.makedirs(self.obj_dir, exist_ok=True)
        self.secret = os.urandom(32)
        self.clock_offset = 0.0
        self.rng = random.Random(args.seed)
        self.keys = set(args.key or []) or {"test-key"}
        env = os.environ.get("MEDIASERVER_KEYS")
        if env:
            self.keys |= {k for k in env.split(",") if k}
        self.readonly_keys = set(args.readonly_key or [])
        self.faults = {
            "fault_5xx": args.fault_5xx, "fault_5xx_after": args.fault_5xx_after,
            "fault_429": args.fault_429, "fault_drop": args.fault_drop,
            "slow": args.slow, "stall": args.stall, "stall_put": args.stall_put,
            "slow_fraction": args.slow_fraction, "expire_first": args.expire_first,
            "fault_streak": args.fault_streak,
            "presign_expiry": args.presign_expiry, "max_chunk": args.max_chunk,
            "quota": args.quota,
            # gates a test opens and closes: once the library holds this many
            # files, or a resumable session this many bytes, every API
            # request is held unanswered (as with stall) until set back to 0
            "hold_at_files": 0, "hold_at_bytes": 0,
            # a body (storage PUT, multipart POST, chunk) is not read
            # until set back to 0
            "hold_body": 0,
            # a download (a synthetic file or a stored object) waits before
            # its first byte until set back to 0; every other request goes on
            "hold_downloads": 0,
            # a multipart upload, its body read whole, waits before it is
            # stored and answered until set back to 0
            "hold_answer": 0, "hold_api": 0,
            # while hold_api holds: lets this many held API requests go on,
            # one each, the gate staying shut for the next (a retry)
            "hold_api_pass": 0,
            # hold_api holds only the requests whose path holds this text
            # (an item's id): the others go on ("": every request)
            "hold_api_path": "",
        }
        self.violations = []
        self.counts = {"requests": 0, "storage_requests": 0, "storage_puts": 0, "faults": 0, "held": 0,
                       "bytes_served": 0, "downloads": 0}
        self.objects = {}       # storage key -> {size, type, md5, path, complete}
        self.media = {}         # id -> item (clearcms) or record (others)
        self.order = []         # ids in creation order
        self.folders = {"/"}
        self.pending = {}       # clearcms storageKey / clarife media_id -> pending upload
        self.uploads = {}       # adclear uploadId -> session
        self.next_num = 1
        self.sorted_cache = {}
        self.synth = {}         # url path -> (bytes source, size) for seeded/demo items
        self.api_url = self.storage_url = ""
        self.item_objects = {}  # clearcms media id -> storage key of its bytes
        self.expired_once = {}  # expire_first: {"ids": identities already given a dead URL}
        self.streaks = {}       # request identity -> injected faults in a row
        self.persist_path = os.path.join(data_dir, "state.json") if args.persist else None

    # -- persistence (--persist): the whole state, rewritten before each answer
    #    that changed it, so a server killed at any moment restarts where it was
    PERSISTED = ("media", "order", "folders", "pending", "uploads", "objects", "next_num",
                 "clock_offset", "counts", "violations", "synth", "item_objects", "expired_once")

    def save(self):
        if not self.persist_path:
            return
        with self.lock:
            data = {k: getattr(self, k) for k in self.PERSISTED}
            data["folders"] = sorted(self.folders)
            data["media"] = [[k, v] for k, v in self.media.items()]   # direct's ids are ints
            data["secret"] = self.secret.hex()
            tmp = self.persist_path + ".tmp"
            with open(tmp, "w") as f:
                json.dump(data, f)
            os.replace(tmp, self.persist_path)

    def load(self):
        """Takes over a saved state; returns False when there is none."""
        if not self.persist_path or not os.path.exists(self.persist_path):
            return False
        with open(self.persist_path) as f:
            data = json.load(f)
        with self.lock:
            for k in self.PERSISTED:
                if k in data:
                    setattr(self, k, data[k])
            self.media = {k: v for k, v in data["media"]}
            self.folders = set(data["folders"])
            self.synth = {k: tuple(v) for k, v in self.synth.items()}
            self.secret = bytes.fromhex(data["secret"])
            self.invalidate()
            # a chunk appended but not yet counted when the server died is not held
            for s in self.uploads.values():
                if os.path.exists(s["path"]) and os.path.getsize(s["path"]) > s["held"]:
                    os.truncate(s["path"], s["held"])
        return True

    def slowed(self):
        """Whether this request is delayed by the `slow` fault (a fraction of them)."""
        if not self.faults.get("slow"):
            return False
        frac = self.faults.get("slow_fraction")
        if frac is None or frac >= 1:
            return True
        with self.lock:
            return self.rng.random() < frac

    def now(self):
        return time.time() + self.clock_offset

    def gate_closed(self):
        """Whether hold_at_files or hold_at_bytes has been reached."""
        files = self.faults.get("hold_at_files") or 0
        nbytes = self.faults.get("hold_at_bytes") or 0
        if nbytes > 0:
            with self.lock:
                if any(s.get("held", 0) >= nbytes for s in self.uploads.values()):
                    return True
        return files > 0 and len(stored_files(self, digests=False)) >= files

    def chance(self, name, ident=None):
        """Whether to inject fault `name` now. With fault_streak N, the same
        request (ident) meets at most N injected faults in a row: faults stay
        transient, and a client that retries gets through."""
        p = self.faults.get(name) or 0
        if p <= 0:
            return False
        cap = self.faults.get("fault_streak") or 0
        with self.lock:
            if ident is not None and cap and self.streaks.get(ident, 0) >= cap:
                return False
            hit = self.rng.random() < p
            if hit and ident is not None:
                self.streaks[ident] = self.streaks.get(ident, 0) + 1
            return hit

    def went_through(self, ident):
        """The request was answered without an injected fault: a new streak."""
        with self.lock:
            self.streaks.pop(ident, None)

    def violation(self, kind, detail):
        with self.lock:
            self.violations.append({"kind": kind, "detail": detail, "at": iso(self.now())})

    def quota(self):
        q = self.faults.get("quota")
        return q if q else None

    def used_bytes(self):
        # direct's records call it byte_size
        return sum(m.get("size") or m.get("byte_size") or 0 for m in self.media.values())

    def invalidate(self):
        self.sorted_cache = {}

    def add_media(self, item):
        with self.lock:
            self.media[item["id"]] = item
            self.order.append(item["id"])
            if item.get("folder"):
                self.folders.add(item["folder"])
            self.invalidate()

    def new_id(self, prefix="media_"):
        with self.lock:
            n = self.next_num
            self.next_num += 1
        return "%s%s%06d" % (prefix, hashlib.sha1(str(n).encode()).hexdigest()[:6], n)

    # -- presigned URLs: HMAC over method, key, expiry, size, type, md5
    def sign(self, method, key, expires, size, ctype, md5=""):
        msg = "\n".join([method, key, str(int(expires)), str(size), ctype, md5]).encode()
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()

    def presign(self, key, size, ctype, md5="", method="PUT", identity=None):
        expires = int(self.now() + (self.faults.get("presign_expiry") or 900))
        if identity is not None and self.faults.get("expire_first"):
            # the first URL for each file is dead on arrival; the next one works
            with self.lock:
                seen = self.expired_once.setdefault("ids", [])
                if identity not in seen:
                    seen.append(identity)
                    expires = int(self.now()) - 1
        if self.args.external_storage:
            base = self.args.external_storage.rstrip("/")
        else:
            base = self.storage_url
        q = urllib.parse.urlencode({"X-Expires": expires, "X-Size": size, "X-Type": ctype,
                                    "X-MD5": md5, "X-Sig": self.sign(method, key, expires, size, ctype, md5)})
        return "%s/o/%s?%s" % (base, urllib.parse.quote(key), q), expires

    def object_path(self, key):
        return os.path.join(self.obj_dir, hashlib.sha256(key.encode()).hexdigest())

    def object_complete(self, key, size):
        """True when storage holds `size` bytes under key (built-in or external)."""
        o = self.objects.get(key)
        if o and o.get("complete") and o["size"] == size:
            return True
        if self.args.external_storage_dir:
            p = os.path.join(self.args.external_storage_dir, "o", key)
            return os.path.isfile(p) and os.path.getsize(p) == size
        if self.args.external_storage and not self.args.external_storage_dir:
            return True   # nothing to check against; the benchmark trusts nginx
        return False

    def cleanup(self):
        """Unconfirmed uploads older than 24 hours go away (virtual clock)."""
        limit = self.now() - 24 * 3600
        with self.lock:
            for k in [k for k, p in self.pending.items() if p["created"] < limit]:
                p = self.pending.pop(k)
                sk = p.get("storage_key")
                if sk in self.objects:
                    try:
                        os.unlink(self.objects[sk]["path"])
                    except OSError:
                        pass
                    del self.objects[sk]
                if self.args.dialect == "clarife" and k in self.media and self.media[k]["status"] == "pending":
                    del self.media[k]
                    self.order.remove(k)


# ---------------------------------------------------------------- handler base

class Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mediaserver/1"
    state = None   # set on the class

    def setup(self):
        super().setup()
        # headers and body go out in separate writes; without this, Nagle and
        # delayed ACKs add 40 ms to every keep-alive answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *a):
        if self.state.args.verbose:
            sys.stderr.write("%s %s\n" % (self.__class__.__name__, fmt % a))

    def send_json(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_bytes(self, status, data, ctype, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def length(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            raise Reply(411, {"error": "Length Required: chunked bodies are not accepted"})
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise Reply(400, {"error": "bad Content-Length"})
        if n < 0:
            self.close_connection = True
            raise Reply(400, {"error": "bad Content-Length"})
        return n

    def read_json(self, limit=1 * MIB):
        n = self.length()
        if n > limit:
            self.close_connection = True
            raise Reply(413, {"error": "request body too large"})
        raw = getattr(self, "_pre_body", None)
        if raw is None:
            raw = self.rfile.read(n) if n else b""
        self._pre_body = None
        self._body_read = True
        try:
            return json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError):
            return _BadJSON

    def hold_body_gate(self, limit=600, gate="hold_body"):
        """The hold_body gate: a body stops being read before its first byte (counted in
        counts.held) until a test sets hold_body back to 0, so that it can act
        while the bytes are on the way, however fast the machine. The
        hold_downloads gate does the same for a download's answer."""
        with self.state.lock:
            self.state.counts["held"] += 1
        deadline = time.time() + limit
        while self.state.faults.get(gate) and time.time() < deadline:
            if gate == "hold_api":
                with self.state.lock:
                    if (self.state.faults.get("hold_api_pass") or 0) > 0:
                        self.state.faults["hold_api_pass"] -= 1
                        break
            time.sleep(0.05)

    def stream_body_to(self, path, n, drop_at=None, stall_at=None):
        """Copies n body bytes to path in chunks; returns the md5. With drop_at,
        stops after that many bytes and closes the connection (a fault). With
        stall_at, stops reading there and never answers (the client's
        low-speed limit must end it)."""
        md5 = hashlib.md5()
        sha = hashlib.sha256()
        got = 0
        hold_at = 0 if n > 1 and self.state.faults.get("hold_body") else None
        with open(path, "wb") as f:
            while got < n:
                if hold_at is not None and got >= hold_at:
                    self.hold_body_gate()
                    hold_at = None
                if stall_at is not None and got >= stall_at:
                    with self.state.lock:
                        self.state.counts["faults"] += 1
                    stalled_forever(self)
                want = min(CHUNK, n - got)
                if hold_at is not None and got + want > hold_at:
                    want = max(1, hold_at - got)
                if stall_at is not None and got + want > stall_at:
                    want = max(1, stall_at - got)
                if drop_at is not None and got + want > drop_at:
                    want = max(0, drop_at - got)
                    if want:
                        buf = self.rfile.read(want)
                        f.write(buf)
                        got += len(buf)
                    self.close_connection = True
                    raise Dropped()
                buf = self.rfile.read(want)
                if not buf:
                    self.close_connection = True
                    raise Dropped()
                f.write(buf)
                md5.update(buf)
                sha.update(buf)
                got += len(buf)
        self._body_read = True
        return md5.digest(), sha.digest()

    def drain(self):
        """Reads an unread request body so keep-alive stays in step."""
        if getattr(self, "_body_read", False) or getattr(self, "_pre_body", None) is not None:
            self._pre_body = None
            return
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            n = 0
        if n > 4 * MIB:
            self.close_connection = True
            return
        while n > 0:
            buf = self.rfile.read(min(CHUNK, n))
            if not buf:
                break
            n -= len(buf)
        self._body_read = True


def stalled_forever(handler, limit=600):
    """Holds the connection without reading or answering until the client
    gives up (its end closes), for at most `limit` seconds."""
    import select
    p = select.poll()
    p.register(handler.connection, select.POLLRDHUP | select.POLLHUP | select.POLLERR)
    deadline = time.time() + limit
    while time.time() < deadline:
        # POLLRDHUP: the peer closed, even with unread request bytes pending
        if p.poll(500):
            break
    handler.close_connection = True
    raise Dropped()


class _BadJSONType:
    pass


_BadJSON = _BadJSONType()


# ---------------------------------------------------------------- storage host

class StorageHandler(Base):
    """The storage host: presigned PUTs and public GETs of stored objects."""

    def check_leaks(self):
        st = self.state
        # one handler serves a whole keep-alive connection: this request's
        # body is unread until read (else drain() would skip it)
        self._body_read = False
        with st.lock:
            st.counts["storage_requests"] += 1
        if self.headers.get("Authorization") is not None:
            st.violation("authorization-header-to-storage", "%s %s" % (self.command, self.path.split("?")[0]))
        blob = self.path + "\n" + "\n".join("%s: %s" % kv for kv in self.headers.items())
        for k in st.keys | st.readonly_keys:
            if k and k in blob:
                st.violation("api-key-to-storage", "%s %s" % (self.command, self.path.split("?")[0]))

    def s3_error(self, status, code, message):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>"
                % (code, message)).encode()
        self.drain()
        self.send_bytes(status, body, "application/xml")

    def do_PUT(self):
        self.check_leaks()
        st = self.state
        u = urllib.parse.urlsplit(self.path)
        if not u.path.startswith("/o/"):
            return self.s3_error(404, "NoSuchKey", "Not found")
        key = urllib.parse.unquote(u.path[3:])
        q = dict(urllib.parse.parse_qsl(u.query))
        try:
            expires, size = int(q["X-Expires"]), int(q["X-Size"])
            ctype, md5, sig = q["X-Type"], q.get("X-MD5", ""), q["X-Sig"]
        except (KeyError, ValueError):
            return self.s3_error(403, "AccessDenied", "Missing or malformed signature parameters")
        if not hmac.compare_digest(sig, st.sign("PUT", key, expires, size, ctype, md5)):
            return self.s3_error(403, "SignatureDoesNotMatch", "The request signature does not match")
        if st.now() > expires:
            return self.s3_error(403, "AccessDenied", "Request has expired")
        if self.headers.get("Authorization") is not None:
            return self.s3_error(400, "InvalidArgument", "Only one auth mechanism allowed")
        try:
            n = self.length()
        except Reply:
            return self.s3_error(411, "MissingContentLength", "You must provide the Content-Length HTTP header")
        if size >= 0 and n != size:
            return self.s3_error(400, "IncompleteBody", "Content-Length %d does not match the signed size %d" % (n, size))
        if (self.headers.get("Content-Type") or "") != ctype:
            return self.s3_error(403, "SignatureDoesNotMatch", "Content-Type does not match the signed type")
        sent_md5 = self.headers.get("Content-MD5")
        if md5 and sent_md5 != md5:
            return self.s3_error(400, "BadDigest", "Content-MD5 is missing or differs from the signed one")
        with st.lock:
            st.counts["storage_puts"] += 1
        q = st.quota()
        if q is not None and st.args.dialect == "flare":
            # flare's presign knows no size: the bucket's quota is the limit
            with st.lock:
                used = st.used_bytes() - (st.objects.get(key) or {}).get("size", 0)
            if used + n > q:
                return self.s3_error(403, "QuotaExceeded", "Storage quota exceeded")
        if st.slowed():
            time.sleep(st.faults["slow"])
        ident = "PUT " + self.path
        drop_at = n // 2 if n > 1 and st.chance("fault_drop", ident) else None
        stall_at = n // 2 if drop_at is None and n > 1 and st.chance("stall_put", ident) else None
        # one temporary file per request: a PUT given up on must not remove another's
        tmp = "%s.part-%s" % (st.object_path(key), uuid.uuid4().hex[:8])
        try:
            digest, sha = self.stream_body_to(tmp, n, drop_at, stall_at)
        except Dropped:
            with st.lock:
                st.counts["faults"] += 1
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return
        if sent_md5 and base64.b64encode(digest).decode() != sent_md5:
            os.unlink(tmp)
            return self.s3_error(400, "BadDigest", "The Content-MD5 you specified did not match what we received")
        os.replace(tmp, st.object_path(key))
        with st.lock:
            st.objects[key] = {"size": n, "type": ctype, "md5": base64.b64encode(digest).decode(),
                               "sha256": base64.b64encode(sha).decode(),
                               "path": st.object_path(key), "complete": True}
            hook = on_object_stored.get(st.args.dialect)
            problem = hook(st, key) if hook else None
            if problem:
                del st.objects[key]
            st.save()
        st.went_through(ident)
        if problem:
            os.unlink(st.object_path(key))
            return self.s3_error(400, "BadDigest", problem)
        self.send_bytes(200, b"", "text/plain", {"ETag": '"%s"' % digest.hex()})

    def do_GET(self):
        self.check_leaks()
        st = self.state
        u = urllib.parse.urlsplit(self.path)
        key = urllib.parse.unquote(u.path[3:]) if u.path.startswith("/o/") else urllib.parse.unquote(u.path[1:])
        with st.lock:
            o = st.objects.get(key)
        if not o or not o.get("complete"):
            return self.s3_error(404, "NoSuchKey", "The specified key does not exist.")
        if st.faults.get("hold_downloads"):
            self.hold_body_gate(gate="hold_downloads")
        with st.lock:
            st.counts["bytes_served"] += o["size"]
            st.counts["downloads"] += 1
        with open(o["path"], "rb") as f:
            self.send_response(200)
            self.send_header("Content-Type", o["type"])
            self.send_header("Content-Length", str(o["size"]))
            self.end_headers()
            shutil.copyfileobj(f, self.wfile, CHUNK)

    def do_POST(self):
        self.check_leaks()
        self.s3_error(405, "MethodNotAllowed", "The specified method is not allowed")

    do_DELETE = do_POST
    do_PATCH = do_POST


# ---------------------------------------------------------------- API base

class ApiHandler(Base):
    """Routes to the dialect's handlers, applies faults, serves /_admin/."""

    routes = []            # (method, regex, function)
    error_shape = None     # function(status, message, code) -> body

    def err(self, status, message, code=None, headers=None):
        raise Reply(status, self.error_shape(status, message, code), headers)

    def handle_any(self):
        st = self.state
        self._body_read = False
        u = urllib.parse.urlsplit(self.path)
        self.query = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
        self.query_list = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        path = u.path
        try:
            if path.startswith("/_admin/"):
                return self.admin(path)
            with st.lock:
                st.counts["requests"] += 1
            st.cleanup()
            # what makes a repeated request the same one, for fault_streak:
            # a small JSON body is read now so that its bytes count too
            self._pre_body = None
            body_hash = ""
            if st.faults.get("fault_streak") and "json" in (self.headers.get("Content-Type") or ""):
                n = self.length()
                if 0 < n <= MIB:
                    self._pre_body = self.rfile.read(n)
                    body_hash = hashlib.sha1(self._pre_body).hexdigest()
            self.fault_ident = ident = "%s %s %s %s %s" % (self.command, self.path, self.headers.get("Content-Length"),
                                                           self.headers.get("Content-Range"), body_hash)
            gated = st.gate_closed()
            if gated or (st.faults.get("stall") and st.chance("stall", ident)):
                with st.lock:
                    st.counts["faults"] += 1
                    st.counts["held"] += gated
                stalled_forever(self)   # never answers; the client's stall timeout must act
            if st.faults.get("hold_api") and (st.faults.get("hold_api_path") or "") in self.path:
                self.hold_body_gate(gate="hold_api")
            if st.slowed():
                time.sleep(st.faults["slow"])
            if st.chance("fault_429", ident):
                with st.lock:
                    st.counts["faults"] += 1
                self.err(429, "Too many requests", "RATE_LIMITED", {"Retry-After": "1"})
            if st.chance("fault_5xx", ident):
                with st.lock:
                    st.counts["faults"] += 1
                status = 503 if st.rng.random() < 0.5 else 500
                self.err(status, "Injected server error", "INTERNAL")
            for method, rx, fn in self.routes:
                m = rx.fullmatch(path)
                if m and method == self.command:
                    after = st.chance("fault_5xx_after", ident)
                    result = fn(self, *m.groups())
                    if not after:
                        st.went_through(ident)
                    if after:
                        with st.lock:
                            st.counts["faults"] += 1
                        self.err(500, "Injected server error after the work was done", "INTERNAL")
                    if result is not None:
                        status, body = result[0], result[1]
                        hdrs = result[2] if len(result) > 2 else {}
                        self.drain()
                        self.persist()
                        return self.send_json(status, body, hdrs)
                    return None
            if any(rx.fullmatch(path) for _, rx, _ in self.routes):
                self.err(405, "Method not allowed", "METHOD_NOT_ALLOWED")
            if self.command == "GET" and self.serve_file(path):
                return None
            self.err(404, "Not found", "NOT_FOUND")
        except Reply as r:
            self.drain()
            self.persist()
            self.send_json(r.status, r.body, r.headers)
        except Dropped:
            return None
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        return None

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any

    def persist(self):
        """Saves a state a request may have changed before it is answered."""
        if self.command not in ("GET", "HEAD"):
            self.state.save()

    def serve_file(self, path):
        st = self.state
        with st.lock:
            src = st.synth.get(path)
        if src is None:
            return False
        kind, value, size, ctype = src
        if st.faults.get("hold_downloads"):
            self.hold_body_gate(gate="hold_downloads")
        if kind == "refused":
            self.send_json(403, {"error": "Access denied"})
            return True
        if kind == "file":
            with open(value, "rb") as f:
                data = f.read()
        elif kind == "picture":
            # a real JPEG, made distinct by bytes after its end marker
            path, tag = value
            with open(path, "rb") as f:
                data = f.read() + tag.encode()
        elif kind == "object":
            with st.lock:
                o = st.objects.get(value)
            if not o:
                return False
            with open(o["path"], "rb") as f:
                data = f.read()
        else:
            seed = value.encode()
            block = hashlib.sha256(seed).digest() * 64
            data = (block * (size // len(block) + 1))[:size]
        with st.lock:
            st.counts["bytes_served"] += len(data)
            st.counts["downloads"] += 1
        self.send_bytes(200, data, ctype)
        return True

    # ---- authentication
    def bearer(self):
        h = self.headers.get("Authorization") or ""
        if not h.startswith("Bearer "):
            return None
        return h[7:].strip()

    def require_key(self, write=False):
        k = self.bearer()
        if k is None or (k not in self.state.keys and k not in self.state.readonly_keys):
            self.err(401, "Missing or invalid API key", "UNAUTHORIZED")
        if write and k in self.state.readonly_keys:
            self.err(403, "Insufficient permissions", "FORBIDDEN")
        return k

    def body_object(self, required=True):
        b = self.read_json()
        if b is _BadJSON:
            self.err(400, "The request body is not valid JSON", "INVALID_JSON")
        if b is None and required:
            self.err(400, "A JSON body is required", "INVALID_JSON")
        if b is not None and not isinstance(b, dict):
            self.err(400, "The request body must be a JSON object", "INVALID_JSON")
        return b or {}

    # ---- admin (loopback only, like everything here)
    def admin(self, path):
        st = self.state
        if path == "/_admin/state" and self.command == "GET":
            with st.lock:
                media = [dict(st.media[i]) for i in st.order if i in st.media]
                body = {"dialect": st.args.dialect, "media": media,
                        "pending": list(st.pending.values()),
                        "uploads": [dict(s, data=None) for s in st.uploads.values()],
                        "objects": {k: {"size": o["size"], "type": o["type"], "complete": o["complete"]}
                                    for k, o in st.objects.items()},
                        "folders": sorted(st.folders), "violations": list(st.violations),
                        "counts": dict(st.counts), "faults": dict(st.faults),
                        "connections": dict(getattr(st, "connections", {})),
                        "now": iso(st.now())}
            return self.send_json(200, body)
        if path == "/_admin/files" and self.command == "GET":
            return self.send_json(200, {"files": stored_files(st)})
        body = self.read_json()
        if body is _BadJSON or (body is not None and not isinstance(body, dict)):
            return self.send_json(400, {"error": "bad JSON"})
        body = body or {}
        if path == "/_admin/faults" and self.command == "POST":
            with st.lock:
                # every key is checked before any is set: a refused request changes nothing
                unknown = [k for k in body if k not in st.faults and k != "seed"]
                if unknown:
                    return self.send_json(400, {"error": "unknown fault %s" % unknown[0]})
                for k, v in body.items():
                    if k != "seed":
                        st.faults[k] = v
                if "seed" in body:
                    st.rng = random.Random(body["seed"])
            return self.send_json(200, {"faults": st.faults})
        if path == "/_admin/clock" and self.command == "POST":
            with st.lock:
                st.clock_offset += float(body.get("advance", 0))
            st.cleanup()
            st.save()
            return self.send_json(200, {"now": iso(st.now())})
        if path == "/_admin/delete" and self.command == "POST":
            # an item deleted behind the client's back, for the dialects
            # whose API has no delete (direct's ids are integers)
            with st.lock:
                ids = [i for i in st.media if str(i) == str(body.get("id"))]
                for i in ids:
                    st.media.pop(i)
                    st.order.remove(i)
                    if st.args.dialect == "direct":
                        st.di_high = max(getattr(st, "di_high", 0), i)
                st.invalidate()
            st.save()
            return self.send_json(200 if ids else 404, {"deleted": [str(i) for i in ids]})
        if path == "/_admin/reset" and self.command == "POST":
            with st.lock:
                st.media.clear()
                st.order.clear()
                st.pending.clear()
                st.uploads.clear()
                st.violations.clear()
                st.folders = {"/"}
                for k in st.counts:
                    st.counts[k] = 0
                st.invalidate()
            st.save()
            return self.send_json(200, {"reset": True})
        return self.send_json(404, {"error": "no such admin endpoint"})


on_object_stored = {}


def md5_file(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for buf in iter(lambda: f.read(CHUNK), b""):
            h.update(buf)
    return h.hexdigest()


def stored_files(st, digests=True):
    """What the library holds, uniformly for every dialect: one entry per
    item with its name, size and the MD5 of the bytes stored for it (None
    when it has no stored bytes, as seeded items; not computed, only the
    entries, without digests)."""
    out = []
    with st.lock:
        items = [(i, dict(st.media[i])) for i in st.order if i in st.media]
        objects = dict(st.objects)
        uploads = dict(st.uploads)
        item_objects = dict(st.item_objects)
    d = st.args.dialect
    for mid, m in items:
        path = None
        if d == "clearcms":
            name, size = m["filename"], m["size"]
            o = objects.get(item_objects.get(mid))
            path = o["path"] if o else None
        elif d == "clarife":
            if m["status"] != "active":
                continue
            name, size = m["filename"], m["file_size_bytes"]
            o = objects.get(m["b2_key"])
            path = o["path"] if o else None
        elif d == "flare":
            name, size = m["fileName"], m["size"]
            o = objects.get(mid.replace("/", "/composite/", 1))
            path = o["path"] if o else None
        elif d == "adclear":
            name, size = m["fileName"], m["size"]
            s = uploads.get(mid)
            path = s["path"] if s else None
        else:
            o = objects.get(m["key"])
            if not o or not o.get("complete"):
                continue   # a record whose bytes never arrived is no file
            name, size, path = m["filename"], m["byte_size"], o["path"]
        if not digests:
            out.append({"id": mid})
            continue
        md5 = md5_file(path) if path and os.path.exists(path) else None
        out.append({"id": mid, "name": name, "size": size, "md5": md5,
                    "stored": os.path.getsize(path) if md5 else None})
    return out


# ================================================================ clearcms (seed 001)

CLEARCMS_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml",
                  "application/pdf", "video/mp4", "video/webm"}
PUBLIC_FIELDS = ("id", "filename", "mimeType", "width", "height", "alt", "url", "focalX", "focalY")


def clearcms_error(status, message, code=None):
    body = {"error": message}
    if code and code not in ("NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN", "INTERNAL", "INVALID_JSON",
                             "METHOD_NOT_ALLOWED", "RATE_LIMITED", "VALIDATION_ERROR"):
        body["code"] = code
    return body


def kind_of(mime):
    if mime.startswith("image/"):
        return "image"
    if mime.startswith("video/"):
        return "video"
    return "document"


def cc_int(h, name, default, lo, hi):
    v = h.query.get(name)
    if v is None or v == "":
        return default
    try:
        n = int(v)
    except ValueError:
        h.err(400, "%s must be an integer" % name)
    if n < lo or (hi is not None and n > hi):
        h.err(400, "%s must be between %d and %s" % (name, lo, hi if hi is not None else "any"))
    return n


def cc_sorted(st, sort, order):
    """Ids sorted by a key, cached until the library changes (fast paging)."""
    key = (sort, order)
    with st.lock:
        ids = st.sorted_cache.get(key)
        if ids is None:
            items = [st.media[i] for i in st.order]
            if sort == "createdAt":
                items = list(enumerate(items))
                items.sort(key=lambda p: (p[1]["createdAt"], p[0]), reverse=(order == "desc"))
                ids = [m["id"] for _, m in items]
            elif sort == "filename":
                ids = [m["id"] for m in sorted(items, key=lambda m: (m["filename"].lower(), m["id"]),
                                                reverse=(order == "desc"))]
            else:
                ids = [m["id"] for m in sorted(items, key=lambda m: (m["size"], m["id"]),
                                                reverse=(order == "desc"))]
            st.sorted_cache[key] = ids
        return ids


def cc_list(h, keyed):
    st = h.state
    if keyed:
        h.require_key()
    folder = h.query.get("folder")
    if folder is not None and not valid_folder(folder):
        h.err(400, "Invalid folder path")
    typ = h.query.get("type")
    if typ is not None and typ not in ("image", "document", "video"):
        h.err(400, "type must be image, document or video")
    limit = cc_int(h, "limit", 24, 1, 100)
    offset = cc_int(h, "offset", 0, 0, None)
    search = sort = order = None
    if keyed:
        search = h.query.get("search")
        sort = h.query.get("sort", "createdAt")
        order = h.query.get("order", "desc")
        if sort not in ("createdAt", "filename", "size"):
            h.err(400, "sort must be createdAt, filename or size")
        if order not in ("asc", "desc"):
            h.err(400, "order must be asc or desc")
    ids = cc_sorted(st, sort or "createdAt", order or "desc")
    with st.lock:
        if folder is None and typ is None and not search:
            total = len(ids)
            page = [st.media[i] for i in ids[offset:offset + limit]]
        else:
            s = (search or "").lower()
            sel = []
            for i in ids:
                m = st.media[i]
                if folder is not None and m["folder"] != folder:
                    continue
                if typ is not None and kind_of(m["mimeType"]) != typ:
                    continue
                if s and s not in m["filename"].lower() and s not in (m.get("alt") or "").lower():
                    continue
                sel.append(m)
            total = len(sel)
            page = sel[offset:offset + limit]
        body = {"data": [dict(m) if keyed else {k: m.get(k) for k in PUBLIC_FIELDS} for m in page],
                "total": total, "limit": limit, "offset": offset}
        if keyed:
            body["folders"] = sorted(st.folders)
    return 200, body


def cc_get(h, mid, keyed):
    st = h.state
    if keyed:
        h.require_key()
    mid = urllib.parse.unquote(mid)
    with st.lock:
        m = st.media.get(mid)
        if m is None:
            h.err(404, "Media item not found")
        return 200, {"data": dict(m) if keyed else {k: m.get(k) for k in PUBLIC_FIELDS}}


def cc_patch(h, mid):
    st = h.state
    h.require_key(write=True)
    mid = urllib.parse.unquote(mid)
    b = h.body_object()
    with st.lock:
        m = st.media.get(mid)
        if m is None:
            h.err(404, "Media item not found")
    allowed = {"alt", "title", "description", "folder", "focalX", "focalY"}
    for k, v in b.items():
        if k not in allowed:
            h.err(400, "Unknown field %s" % k)
        if k in ("alt", "title", "description") and not (v is None or isinstance(v, str)):
            h.err(400, "%s must be a string" % k)
        if k in ("focalX", "focalY"):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
                h.err(400, "Focal point out of range: %s must be a number from 0 to 100" % k)
        if k == "folder" and not valid_folder(v):
            h.err(400, "Invalid folder path")
    with st.lock:
        m.update(b)
        if "folder" in b:
            st.folders.add(b["folder"])
        st.invalidate()
        return 200, {"data": dict(m)}


def cc_delete(h, mid):
    st = h.state
    h.require_key(write=True)
    mid = urllib.parse.unquote(mid)
    with st.lock:
        if mid not in st.media:
            h.err(404, "Media item not found")
        del st.media[mid]
        st.order.remove(mid)
        st.invalidate()
    return 200, {"success": True}


def cc_quota_check(h, size):
    st = h.state
    q = st.quota()
    if q is not None and st.used_bytes() + size > q:
        h.err(403, "Storage quota exceeded", "QUOTA_EXCEEDED")


def cc_new_item(st, filename, mime, size, folder, path, alt=None, url=None):
    w, hh = image_size(path, mime) if path else (None, None)
    mid = st.new_id()
    ext = os.path.splitext(filename)[1].lower() or ""
    if url is None:
        now = st.now()
        url = "/uploads/%s/%s%s" % (time.strftime("%Y/%m", time.gmtime(now)), mid[6:], ext)
    item = {"id": mid, "filename": filename, "mimeType": mime, "size": size, "width": w, "height": hh,
            "alt": alt or "", "title": "", "description": "", "url": url, "folder": folder,
            "focalX": 50, "focalY": 50, "createdAt": iso(st.now())}
    return item


def parse_multipart(path, boundary):
    """Parts of a multipart body stored in a file: (headers, start, end) offsets."""
    import mmap
    parts = []
    delim = b"--" + boundary
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            return parts
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            pos = mm.find(delim)
            while pos >= 0:
                pos += len(delim)
                if mm[pos:pos + 2] == b"--":
                    break
                if mm[pos:pos + 2] == b"\r\n":
                    pos += 2
                hend = mm.find(b"\r\n\r\n", pos)
                if hend < 0:
                    break
                raw = mm[pos:hend].decode("utf-8", "replace")
                hdrs = {}
                for line in raw.split("\r\n"):
                    if ":" in line:
                        k, v = line.split(":", 1)
                        hdrs[k.strip().lower()] = v.strip()
                start = hend + 4
                nxt = mm.find(b"\r\n" + delim, start)
                if nxt < 0:
                    break
                parts.append((hdrs, start, nxt))
                pos = nxt + 2
                pos = mm.find(delim, pos)
        finally:
            mm.close()
    return parts


def disposition(value):
    out = {}
    for piece in value.split(";")[1:]:
        if "=" in piece:
            k, v = piece.split("=", 1)
            v = v.strip()
            if v.startswith('"') and v.endswith('"'):
                v = v[1:-1].replace('\\"', '"')
            out[k.strip().lower()] = v
    return out


def cc_upload(h):
    st = h.state
    h.require_key(write=True)
    ctype = h.headers.get("Content-Type") or ""
    m = re.match(r'multipart/form-data;\s*boundary="?([^";]+)"?', ctype)
    if not m:
        h.err(400, "Content-Type must be multipart/form-data")
    n = h.length()
    limit_total = (500 if st.args.storage == "cloud" else 50) * MIB * 4 + MIB
    if n > limit_total:
        h.close_connection = True
        h.err(413, "Request too large")
    fd, tmp = tempfile.mkstemp(dir=st.data_dir)
    os.close(fd)
    try:
        try:
            h.stream_body_to(tmp, n)
        except Dropped:
            raise
        if st.faults.get("hold_answer"):
            h.hold_body_gate(gate="hold_answer")
        parts = parse_multipart(tmp, m.group(1).encode())
        fields, files = {}, []
        for hdrs, start, end in parts:
            d = disposition(hdrs.get("content-disposition", ""))
            name = d.get("name")
            if name == "files" and "filename" in d:
                files.append((d["filename"], hdrs.get("content-type", "application/octet-stream"), start, end))
            elif name:
                with open(tmp, "rb") as f:
                    f.seek(start)
                    fields[name] = f.read(min(end - start, 64 * 1024)).decode("utf-8", "replace")
        if not files:
            h.err(400, "No files in the request (field 'files')")
        folder = fields.get("folder", "/")
        if not valid_folder(folder):
            h.err(400, "Invalid folder path")
        alt = fields.get("alt")
        max_size = (500 if st.args.storage == "cloud" else 50) * MIB
        data, errors = [], []
        for filename, declared, start, end in files:
            size = end - start
            with open(tmp, "rb") as f:
                f.seek(start)
                head = f.read(min(size, 1024))
            real = sniff(head)
            base = os.path.basename(filename.replace("\\", "/"))
            if not base:
                errors.append({"filename": filename, "error": "Missing file name"})
            elif real not in CLEARCMS_TYPES:
                errors.append({"filename": base, "error": "Unsupported file type: %s" % real})
            elif declared.split(";")[0].strip() not in (real, "application/octet-stream"):
                errors.append({"filename": base, "error": "File content (%s) does not match its declared type %s"
                               % (real, declared)})
            elif size > max_size:
                errors.append({"filename": base, "error": "File too large: the limit is %d MB" % (max_size // MIB)})
            elif st.quota() is not None and st.used_bytes() + size > st.quota():
                errors.append({"filename": base, "error": "Storage quota exceeded", "code": "QUOTA_EXCEEDED"})
            else:
                item = cc_new_item(st, base, real, size, folder, None, alt)
                key = "uploads/" + item["id"]
                opath = st.object_path(key)
                with open(tmp, "rb") as src, open(opath, "wb") as dst:
                    src.seek(start)
                    left = size
                    while left:
                        buf = src.read(min(CHUNK, left))
                        dst.write(buf)
                        left -= len(buf)
                w, hh = image_size(opath, real)
                item["width"], item["height"] = w, hh
                with st.lock:
                    st.objects[key] = {"size": size, "type": real, "md5": "", "path": opath, "complete": True}
                    st.synth[item["url"]] = ("object", key, size, real)
                    st.item_objects[item["id"]] = key
                st.add_media(item)
                data.append(item)
        if not data:
            raise Reply(400, {"error": "No file was accepted", "errors": errors})
        return 201, {"data": data, "errors": errors}
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def cc_presign(h):
    st = h.state
    h.require_key(write=True)
    b = h.body_object()
    if st.args.storage != "cloud":
        h.err(400, "Presigned uploads require a cloud storage adapter (R2, S3); "
                   "use the regular upload endpoint", "CLOUD_STORAGE_REQUIRED")
    fn, mime, size = b.get("filename"), b.get("mimeType"), b.get("size")
    if not isinstance(fn, str) or not fn:
        h.err(400, "filename is required")
    if mime not in CLEARCMS_TYPES:
        h.err(400, "Unsupported file type: %s" % mime)
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        h.err(400, "size must be a positive integer")
    if size > 500 * MIB:
        h.err(400, "File too large: the limit is 500 MB")
    cc_quota_check(h, size)
    ext = os.path.splitext(fn)[1].lower()
    key = "site_demo/%s/%s%s" % (time.strftime("%Y/%m", time.gmtime(st.now())), uuid.uuid4().hex[:12], ext)
    url, expires = st.presign(key, size, mime, identity="%s\n%d" % (fn, size))
    with st.lock:
        st.pending[key] = {"storage_key": key, "filename": fn, "mimeType": mime, "size": size,
                           "created": st.now()}
    base = st.args.external_storage.rstrip("/") if st.args.external_storage else st.storage_url
    return 200, {"uploadUrl": url, "publicUrl": "%s/%s" % (base, key), "storageKey": key,
                 "expiresAt": iso(expires), "method": "PUT", "headers": {"Content-Type": mime}}


def cc_confirm(h):
    st = h.state
    h.require_key(write=True)
    b = h.body_object()
    key = b.get("storageKey")
    for f in ("storageKey", "filename", "mimeType"):
        if not isinstance(b.get(f), str) or not b.get(f):
            h.err(400, "%s is required" % f)
    size = b.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        h.err(400, "size must be a positive integer")
    folder = b.get("folder", "/")
    if not valid_folder(folder):
        h.err(400, "Invalid folder path")
    with st.lock:
        p = st.pending.get(key)
        if p is None:
            h.err(404, "Unknown or expired storageKey")
        if not st.object_complete(key, size) or p["size"] != size:
            h.err(400, "The file has not been uploaded to storage (or its size differs)")
        cc_quota_check(h, size)
        del st.pending[key]
        base = st.args.external_storage.rstrip("/") if st.args.external_storage else st.storage_url
        o = st.objects.get(key)
        item = cc_new_item(st, b["filename"], b["mimeType"], size, folder,
                           o["path"] if o else None, url="%s/%s" % (base, key))
        st.item_objects[item["id"]] = key
    st.add_media(item)
    return 201, {"success": True, "data": {k: item[k] for k in ("id", "filename", "url", "folder", "createdAt")}}


def cc_folders(h):
    h.require_key()
    with h.state.lock:
        return 200, {"folders": sorted(h.state.folders)}


def cc_folder_create(h):
    st = h.state
    h.require_key(write=True)
    b = h.body_object()
    path = b.get("path")
    if not valid_folder(path):
        h.err(400, "Invalid folder path")
    with st.lock:
        if path in st.folders:
            h.err(400, "Folder already exists")
        # parents come into being with their child, as paths do
        parts = path.strip("/").split("/")
        for i in range(1, len(parts) + 1):
            st.folders.add("/" + "/".join(parts[:i]))
    return 201, {"path": path}


def cc_folder_delete(h):
    st = h.state
    h.require_key(write=True)
    b = h.body_object()
    path = b.get("path")
    if not valid_folder(path):
        h.err(400, "Invalid folder path")
    if path == "/":
        h.err(400, "The root folder / cannot be deleted")
    with st.lock:
        if path not in st.folders:
            h.err(404, "Folder not found")
        busy = any(m["folder"] == path or m["folder"].startswith(path + "/") for m in st.media.values())
        sub = any(f.startswith(path + "/") for f in st.folders)
        if busy or sub:
            h.err(400, "Folder is not empty: move or delete its media and subfolders first")
        st.folders.discard(path)
    return 200, {"success": True}


def cc_routes():
    R = re.compile
    return [
        ("GET", R(r"/api/v1/public/media"), lambda h: cc_list(h, False)),
        ("GET", R(r"/api/v1/public/media/([^/]+)"), lambda h, i: cc_get(h, i, False)),
        ("GET", R(r"/api/v1/media/folders"), cc_folders),
        ("POST", R(r"/api/v1/media/folders"), cc_folder_create),
        ("DELETE", R(r"/api/v1/media/folders"), cc_folder_delete),
        ("POST", R(r"/api/v1/media/presign"), cc_presign),
        ("POST", R(r"/api/v1/media/confirm"), cc_confirm),
        ("GET", R(r"/api/v1/media"), lambda h: cc_list(h, True)),
        ("POST", R(r"/api/v1/media"), cc_upload),
        ("GET", R(r"/api/v1/media/([^/]+)"), lambda h, i: cc_get(h, i, True)),
        ("PATCH", R(r"/api/v1/media/([^/]+)"), cc_patch),
        ("DELETE", R(r"/api/v1/media/([^/]+)"), cc_delete),
    ]


def cc_object_stored(st, key):
    """A presigned object also serves at its public URL."""
    o = st.objects[key]
    st.synth["/" + key] = ("object", key, o["size"], o["type"])
    return None


# ================================================================ clarife (seed 000)

CLARIFE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
                 "image/svg+xml": ".svg", "image/bmp": ".bmp", "image/tiff": ".tiff"}
PLANS = {"free": 100 * MIB, "pro": 10 * 1024 * MIB, "business": 100 * 1024 * MIB}


def clarife_error(status, message, code=None):
    body = {"error": message}
    if code:
        body["code"] = code
    return body


def cl_auth(h):
    k = h.bearer()
    if k is None or (k not in h.state.keys and k not in h.state.readonly_keys):
        h.err(401, "Missing or invalid API key", "UNAUTHORIZED")
    if k in h.state.readonly_keys:
        h.err(403, "This API key lacks the media:write scope", "INSUFFICIENT_SCOPE")


def cl_plan(st):
    q = st.quota()
    if q is not None:
        return q
    p = st.args.plan
    return PLANS.get(p) or int(p)


def cl_presign(h):
    st = h.state
    cl_auth(h)
    b = h.body_object()
    problems = []
    for f in ("document_id", "media_id", "filename", "mime_type", "file_size_bytes"):
        if f not in b:
            problems.append("%s is required" % f)
    if problems:
        h.err(400, "; ".join(problems), "VALIDATION_ERROR")
    if not is_uuid(b["document_id"]):
        h.err(400, "document_id must be a UUID", "VALIDATION_ERROR")
    if not is_uuid(b["media_id"]):
        h.err(400, "media_id must be a UUID", "VALIDATION_ERROR")
    fn = b["filename"]
    if not isinstance(fn, str) or not fn or len(fn) > 255:
        h.err(400, "filename must be 1 to 255 characters", "VALIDATION_ERROR")
    mime = b["mime_type"]
    if mime not in CLARIFE_TYPES:
        h.err(400, "Unsupported MIME type %s: images only (png, jpeg, gif, webp, svg, bmp, tiff)" % mime,
              "UNSUPPORTED_MEDIA_TYPE")
    size = b["file_size_bytes"]
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        h.err(400, "file_size_bytes must be a positive integer", "VALIDATION_ERROR")
    if size > 30 * MIB:
        h.err(400, "File too large: the maximum is 30 MB", "FILE_TOO_LARGE")
    mid = b["media_id"].lower()
    with st.lock:
        existing = st.media.get(mid)
        if existing and existing["status"] == "active":
            h.err(409, "Media %s is already uploaded and confirmed" % mid, "ALREADY_CONFIRMED")
        if existing and (existing["document_id"] != b["document_id"] or existing["file_size_bytes"] != size
                         or existing["mime_type"] != mime):
            h.err(409, "media_id %s is already in use for another file" % mid, "MEDIA_ID_CONFLICT")
        used = sum(m["file_size_bytes"] for k, m in st.media.items() if k != mid)
        if used + size > cl_plan(st):
            h.err(403, "Plan storage limit reached", "PLAN_LIMIT_REACHED")
        key = "media/user-1/%s/%s%s" % (b["document_id"], mid, CLARIFE_TYPES[mime])
        if not existing:
            rec = {"id": mid, "media_id": mid, "document_id": b["document_id"], "filename": fn,
                   "mime_type": mime, "file_size_bytes": size, "b2_key": key, "status": "pending"}
            st.media[mid] = rec
            st.order.append(mid)
        st.pending[mid] = {"storage_key": key, "media_id": mid, "created": st.now()}
    url, _ = st.presign(key, size, mime, identity=mid)
    return 200, {"upload_url": url, "b2_key": key, "media_id": mid}


def cl_confirm(h):
    st = h.state
    cl_auth(h)
    b = h.body_object()
    mid = b.get("media_id")
    if not isinstance(mid, str) or not is_uuid(mid):
        h.err(400, "media_id must be a UUID", "VALIDATION_ERROR")
    mid = mid.lower()
    with st.lock:
        rec = st.media.get(mid)
        if rec is None:
            h.err(404, "No upload with this media_id (unknown, or not confirmed within 24 hours)", "NOT_FOUND")
        if rec["status"] != "active":
            if not st.object_complete(rec["b2_key"], rec["file_size_bytes"]):
                h.err(400, "The file has not been uploaded yet", "UPLOAD_NOT_FOUND")
            rec["status"] = "active"
            st.pending.pop(mid, None)
    return 200, {"id": mid, "status": "active"}


def cl_routes():
    R = re.compile
    return [("POST", R(r"/api/v1/media/presign"), cl_presign),
            ("POST", R(r"/api/v1/media/confirm"), cl_confirm)]


# ================================================================ flare (seed 002)

VIDEO_EXT = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime",
             ".mkv": "video/x-matroska", ".avi": "video/x-msvideo"}


def flare_error(status, message, code=None):
    return {"error": message}


def fl_presign(h):
    st = h.state
    h.require_key(write=True)
    b = h.body_object()
    vid, fn = b.get("videoId"), b.get("fileName")
    if not isinstance(vid, str) or not vid:
        h.err(400, "videoId is required")
    if not isinstance(fn, str) or not fn or "/" in fn:
        h.err(400, "fileName is required")
    ctype = VIDEO_EXT.get(os.path.splitext(fn)[1].lower())
    if ctype is None:
        h.err(400, "Unsupported file type: fileName must end in .mp4, .webm, .mov, .mkv or .avi")
    key = "%s/composite/%s" % (vid, fn)
    # the size is not declared here; the signature binds -1 = any size
    url, _ = st.presign(key, -1, ctype, identity=key)
    base = st.args.external_storage.rstrip("/") if st.args.external_storage else st.storage_url
    return 200, {"uploadUrl": url, "method": "PUT", "headers": {"Content-Type": ctype},
                 "publicUrl": "%s/%s" % (base, urllib.parse.quote(key))}


def fl_stored(st, key):
    vid, _, fn = key.partition("/composite/")
    o = st.objects[key]
    mid = "%s/%s" % (vid, fn)
    if mid not in st.media:
        st.order.append(mid)
    st.media[mid] = {"id": mid, "videoId": vid, "fileName": fn, "size": o["size"], "contentType": o["type"]}
    return None


def fl_routes():
    return [("POST", re.compile(r"/api/video/upload/presign"), fl_presign)]


# ================================================================ adclear (seed 003)

def adclear_error(status, message, code=None):
    return {"error": message, "code": code or "ERROR", "correlationId": str(uuid.uuid4())}


def ad_limit(ctype):
    if ctype.startswith("video/") or ctype.startswith("audio/"):
        return 2 * 1024 * MIB, "video/audio"
    if ctype.startswith("image/") or ctype == "application/pdf":
        return 30 * MIB, "PDF/images"
    return 10 * MIB, "documents"


def ad_auth(h):
    k = h.bearer()
    if k is None or (k not in h.state.keys and k not in h.state.readonly_keys):
        h.err(401, "Missing or invalid bearer token", "UNAUTHORIZED")
    ws = h.headers.get("x-adclear-workspace-id")
    if ws is not None and not is_uuid(ws):
        h.err(400, "x-adclear-workspace-id must be a UUID", "INVALID_WORKSPACE")
    if not h.headers.get("x-external-user-id"):
        h.err(400, "x-external-user-id is required with API key authentication", "MISSING_EXTERNAL_USER")
    email = h.headers.get("x-external-user-email")
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        h.err(400, "x-external-user-email must be an email address", "INVALID_EMAIL")
    if k in h.state.readonly_keys:
        h.err(403, "Insufficient permissions", "FORBIDDEN")


def ad_create(h):
    st = h.state
    ad_auth(h)
    b = h.body_object()
    fn, size, ctype = b.get("fileName"), b.get("fileSize"), b.get("contentType")
    if not isinstance(fn, str) or len(fn) < 1:
        h.err(400, "fileName must be a string of at least 1 character", "VALIDATION_ERROR")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        h.err(400, "fileSize must be a non-negative integer", "VALIDATION_ERROR")
    if not isinstance(ctype, str) or len(ctype) < 1:
        h.err(400, "contentType must be a string of at least 1 character", "VALIDATION_ERROR")
    limit, what = ad_limit(ctype)
    if size > limit:
        h.err(400, "fileSize exceeds the %d MB limit for %s" % (limit // MIB, what), "FILE_TOO_LARGE")
    q = st.quota()
    if q is not None and st.used_bytes() + size > q:
        h.err(403, "Storage quota exceeded", "QUOTA_EXCEEDED")
    uid = str(uuid.uuid4())
    max_chunk = st.faults.get("max_chunk") or 50 * MIB
    with st.lock:
        st.uploads[uid] = {"uploadId": uid, "fileName": fn, "fileSize": size, "contentType": ctype,
                           "held": 0, "complete": False, "maxChunkSize": max_chunk,
                           "path": os.path.join(st.obj_dir, "adclear-" + uid), "created": st.now()}
        open(st.uploads[uid]["path"], "wb").close()
    return 201, {"uploadId": uid, "uploadUrl": "/v1/uploads/%s" % uid, "maxChunkSize": max_chunk,
                 "correlationId": str(uuid.uuid4())}


def ad_complete_body(s):
    return {"uploadId": s["uploadId"], "status": "complete", "fileName": s["fileName"],
            "fileSize": s["fileSize"], "contentType": s["contentType"], "correlationId": str(uuid.uuid4())}


def ad_position(s):
    if s["held"] == 0:
        return 308, None, {}
    return 308, None, {"Range": "bytes=0-%d" % (s["held"] - 1)}


def ad_chunk(h, uid):
    st = h.state
    ad_auth(h)
    with st.lock:
        s = st.uploads.get(uid)
    if s is None:
        h.err(404, "Upload not found", "NOT_FOUND")
    cr = h.headers.get("Content-Range") or ""
    n = h.length()
    m = re.fullmatch(r"bytes \*/(\d+)", cr)
    if m:
        if n:
            h.err(400, "A status query has no body", "INVALID_RANGE")
        if int(m.group(1)) != s["fileSize"]:
            h.err(400, "The total does not match fileSize", "INVALID_RANGE")
        if s["complete"]:
            return 201, ad_complete_body(s)
        return ad_position(s)
    m = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", cr)
    if not m:
        h.err(400, "Content-Range must be 'bytes a-b/total' or 'bytes */total'", "INVALID_RANGE")
    a, b, total = (int(x) for x in m.groups())
    if total != s["fileSize"] or b < a or b >= total:
        h.err(400, "Content-Range does not fit the file", "INVALID_RANGE")
    if b - a + 1 != n:
        h.err(400, "Content-Length does not match Content-Range", "INVALID_RANGE")
    if n > s["maxChunkSize"]:
        h.close_connection = True
        h.err(413, "Chunk larger than maxChunkSize (%d)" % s["maxChunkSize"], "CHUNK_TOO_LARGE")
    if s["complete"]:
        return 201, ad_complete_body(s)
    if a != s["held"]:
        # not where the server stands: say where that is
        hdr = {"Range": "bytes=0-%d" % (s["held"] - 1)} if s["held"] else {}
        raise Reply(416, adclear_error(416, "Chunk does not start at the held offset %d" % s["held"],
                                       "RANGE_MISMATCH"), hdr)
    drop_at = n // 2 if n > 1 and st.chance("fault_drop", h.fault_ident) else None
    tmp = "%s.chunk-%s" % (s["path"], uuid.uuid4().hex[:8])
    try:
        h.stream_body_to(tmp, n, drop_at)
    except Dropped:
        with st.lock:
            st.counts["faults"] += 1
        os.unlink(tmp)
        raise
    with open(s["path"], "ab") as out, open(tmp, "rb") as src:
        shutil.copyfileobj(src, out, CHUNK)
    os.unlink(tmp)
    with st.lock:
        s["held"] = b + 1
        if s["held"] == s["fileSize"]:
            s["complete"] = True
            with open(s["path"], "rb") as f:
                head = f.read(1024)
            st.media[uid] = {"id": uid, "fileName": s["fileName"], "size": s["fileSize"],
                             "contentType": s["contentType"], "sniffed": sniff(head)}
            st.order.append(uid)
            return 201, ad_complete_body(s)
    return ad_position(s)


def ad_routes():
    R = re.compile
    return [("POST", R(r"/v1/uploads"), ad_create),
            ("PUT", R(r"/v1/uploads/([0-9a-f-]{36})"), ad_chunk)]


# ================================================================ direct (seed 004)

def direct_error(status, message, code=None):
    if status == 422:
        return {"detail": [{"loc": ["body"], "msg": message, "type": "value_error"}]}
    body = {"detail": message}
    if status >= 500:
        body["error"] = message
        body["error_code"] = code or "INTERNAL"
    return body


def di_auth(h):
    k = h.bearer()
    if k is None or (k not in h.state.keys and k not in h.state.readonly_keys):
        raise Reply(401, {"detail": "Not authenticated"}, {"WWW-Authenticate": "Bearer"})
    if k in h.state.readonly_keys:
        raise Reply(403, {"detail": "Not enough permissions"})


def di_create(h):
    st = h.state
    di_auth(h)
    b = h.read_json()
    if b is _BadJSON:
        raise Reply(422, {"detail": [{"loc": ["body"], "msg": "JSON decode error", "type": "json_invalid"}]})
    errors = []
    if not isinstance(b, dict):
        errors.append({"loc": ["body"], "msg": "Input should be a valid dictionary", "type": "dict_type"})
    else:
        blob = b.get("blob")
        if blob is None:
            errors.append({"loc": ["body", "blob"], "msg": "Field required", "type": "missing"})
        elif not isinstance(blob, dict):
            errors.append({"loc": ["body", "blob"], "msg": "Input should be a valid dictionary",
                           "type": "model_attributes_type"})
        else:
            for f, t in (("filename", str), ("content_type", str), ("byte_size", int), ("checksum", str)):
                if f not in blob:
                    errors.append({"loc": ["body", "blob", f], "msg": "Field required", "type": "missing"})
                elif not isinstance(blob[f], t) or isinstance(blob[f], bool):
                    errors.append({"loc": ["body", "blob", f],
                                   "msg": "Input should be a valid %s" % ("integer" if t is int else "string"),
                                   "type": "int_type" if t is int else "string_type"})
            if not errors:
                if blob["byte_size"] < 0:
                    errors.append({"loc": ["body", "blob", "byte_size"],
                                   "msg": "Input should be greater than or equal to 0", "type": "greater_than_equal"})
                try:
                    raw = base64.b64decode(blob["checksum"], validate=True)
                except ValueError:
                    raw = b""
                if len(raw) not in (16, 32):
                    errors.append({"loc": ["body", "blob", "checksum"],
                                   "msg": "checksum must be a base64 MD5 (16 bytes) or SHA-256 (32 bytes)",
                                   "type": "value_error"})
    if errors:
        raise Reply(422, {"detail": errors})
    q = st.quota()
    if q is not None and st.used_bytes() + blob["byte_size"] > q:
        raise Reply(403, {"detail": "Storage quota exceeded", "error_code": "QUOTA_EXCEEDED"})
    checksum = blob["checksum"]
    with st.lock:
        rec = None
        for m in st.media.values():
            if m["checksum"] == checksum and m["byte_size"] == blob["byte_size"]:
                rec = m
                break
        if rec is None:
            # an id deleted (/_admin/delete) is not given again
            n = max(max(st.media, default=0), getattr(st, "di_high", 0)) + 1
            st.di_high = n
            key = hashlib.sha1(("%s-%d" % (checksum, n)).encode()).hexdigest()[:28]
            rec = {"id": n, "key": key, "filename": blob["filename"], "content_type": blob["content_type"],
                   "metadata": {}, "service_name": "local", "byte_size": blob["byte_size"],
                   "checksum": checksum, "created_at": iso(st.now()),
                   "signed_id": base64.b64encode(("blob-%d" % n).encode()).decode() + "--" +
                   hashlib.sha1(str(n).encode()).hexdigest()[:12]}
            st.media[n] = rec
            st.order.append(n)
        out = dict(rec)
        if not st.object_complete(rec["key"], rec["byte_size"]):
            md5 = checksum if len(base64.b64decode(checksum)) == 16 else ""
            url, _ = st.presign(rec["key"], rec["byte_size"], rec["content_type"], md5, identity=rec["key"])
            fn = rec["filename"].replace('"', "%22")
            headers = {"Content-Type": rec["content_type"],
                       "Content-Disposition": "inline; filename=\"%s\"; filename*=UTF-8''%s"
                       % (fn, urllib.parse.quote(rec["filename"]))}
            if md5:
                headers["Content-MD5"] = md5
            out["direct_upload"] = {"url": url, "headers": headers}
    return 200, out


def di_routes():
    return [("POST", re.compile(r"/api/v1/upload/direct"), di_create)]


def di_stored(st, key):
    """Storage verifies a SHA-256 checksum itself (no Content-MD5 can carry it)."""
    for m in st.media.values():
        if m["key"] == key and len(base64.b64decode(m["checksum"])) == 32:
            if st.objects[key]["sha256"] != m["checksum"]:
                return "The body does not match the record's SHA-256 checksum"
    return None


on_object_stored.update({"clearcms": cc_object_stored, "flare": fl_stored, "direct": di_stored})


# ================================================================ libraries to start with

DEMO_FOLDERS = ["/", "/images", "/images/products", "/images/team", "/logos", "/documents", "/videos"]
DEMO_WORDS = ["harbour", "sunset", "texture", "badge", "landscape", "logo", "report", "product", "team",
              "banner", "hero", "icon", "brochure", "event", "office", "summer", "winter", "launch"]
DEMO_ALTS = ["A harbour at dusk", "Sunset over the hills", "Abstract texture", "Round badge",
             "Mountain landscape", "Company logo", "Quarterly report cover"]


def seed_demo(st, demo_dir):
    """A few hundred items from the sample files: folders, missing alt text,
    duplicates, and names whose extension lies about the content."""
    samples = []
    for name in sorted(os.listdir(demo_dir)):
        path = os.path.join(demo_dir, name)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            head = f.read(1024)
        mime = sniff(head)
        if mime == "application/octet-stream":
            continue
        samples.append((name, path, mime, os.path.getsize(path)))
    rng = random.Random(42)
    base = 1767225600  # 2026-01-01
    n = 0
    for i in range(300):
        name, path, mime, size = samples[i % len(samples)]
        stem, ext = os.path.splitext(name)
        folder = {"image/svg+xml": "/logos", "application/pdf": "/documents"}.get(
            mime, DEMO_FOLDERS[i % 4])
        word = DEMO_WORDS[(i * 7) % len(DEMO_WORDS)]
        filename = "%s-%s-%03d%s" % (word, stem, i, ext)
        if i % 41 == 5:
            filename = "%s-%03d%s" % (stem, i, ".jpg" if ext != ".jpg" else ".png")   # mislabelled
        alt = DEMO_ALTS[i % len(DEMO_ALTS)] if i % 5 else ""
        if mime == "application/pdf":
            alt = ""
        st.clock_offset = 0
        item = {"id": "media_%06x" % (0xabc000 + i), "filename": filename, "mimeType": mime,
                "size": size, "width": None, "height": None, "alt": alt,
                "title": word.capitalize() if i % 3 == 0 else "", "description": "",
                "url": "/uploads/2026/03/%06x%s" % (0xabc000 + i, os.path.splitext(filename)[1]),
                "folder": folder, "focalX": 50, "focalY": 50,
                "createdAt": iso(base + i * 3600 + rng.randrange(600))}
        item["width"], item["height"] = image_size(path, mime)
        st.synth[item["url"]] = ("file", path, size, mime)
        st.add_media(item)
        n += 1
        if i % 23 == 0:
            # the same file uploaded again later, in another folder
            dup = dict(item)
            dup["id"] = "media_%06x" % (0xdef000 + i)
            dup["folder"] = "/images/team" if folder != "/images/team" else "/images"
            dup["alt"] = ""
            dup["url"] = "/uploads/2026/04/%06x%s" % (0xdef000 + i, os.path.splitext(filename)[1])
            dup["createdAt"] = iso(base + 400 * 3600 + i * 60)
            st.synth[dup["url"]] = ("file", path, size, mime)
            st.add_media(dup)
    st.folders.update(DEMO_FOLDERS + ["/archive"])


# the content audit's planted cases (data/content): name, file, folder, alt,
# title, focal point, where it is served from, hours after the start
CONTENT_CASES = [
    ("hero-final.jpg", "hero-final.jpg", "/images", "Harbour at noon", "Hero", (30, 40), "storage", 0),
    ("hero-final (1).jpg", "hero-final.jpg", "/images/team", "", "", (50, 50), "api", 5),
    ("hero-final-small.jpg", "hero-small.jpg", "/images/products", "", "", (50, 50), "api", 6),
    ("hero-final.webp", "hero.webp", "/images", "Harbour", "", (50, 50), "storage", 7),
    ("harbour-evening.jpg", "harbour-lookalike.jpg", "/images", "", "", (50, 50), "api", 8),
    ("poster-large.jpg", "poster-large.jpg", "/images", "Poster", "", (50, 50), "storage", 9),
    ("private-scan.jpg", None, "/images", "", "", (50, 50), "refused", 10),
]


def seed_content(st, content_dir):
    """The same file under two names, one picture re-encoded smaller and one
    converted to WebP, a look-alike that is another picture, a poster far
    wider than the site shows, and an original the server refuses. Some are
    served from the storage host, which records any key sent to it."""
    base = 1769904000  # 2026-02-01
    for i, (name, fname, folder, alt, title, focal, where, hours) in enumerate(CONTENT_CASES):
        path = os.path.join(content_dir, fname or "hero-small.jpg")
        size = os.path.getsize(path)
        mime = "image/webp" if name.endswith(".webp") else "image/jpeg"
        mid = "media_c%05d" % i
        item = {"id": mid, "filename": name, "mimeType": mime, "size": size, "width": None,
                "height": None, "alt": alt, "title": title, "description": "", "folder": folder,
                "focalX": focal[0], "focalY": focal[1], "createdAt": iso(base + hours * 3600)}
        item["width"], item["height"] = image_size(path, mime)
        if where == "storage":
            key = "content/%s%s" % (mid, os.path.splitext(name)[1])
            st.objects[key] = {"path": path, "size": size, "type": mime, "complete": True}
            item["url"] = "%s/o/%s" % (st.storage_url, key)
        else:
            item["url"] = "/uploads/content/%s%s" % (mid, os.path.splitext(name)[1])
            st.synth[item["url"]] = ("refused" if where == "refused" else "file", path, size, mime)
        st.add_media(item)
        st.folders.add(folder)


def seed_pictures(st, n, content_dir):
    """n pictures for the content benchmark: real JPEGs from content_dir,
    each made distinct by a tag after its end marker."""
    files = [os.path.join(content_dir, f) for f in ("hero-final.jpg", "hero-small.jpg", "harbour-lookalike.jpg")]
    sizes = [os.path.getsize(f) for f in files]
    base = 1704067200
    with st.lock:
        for i in range(n):
            k = i % len(files)
            tag = "mt%014d" % i
            mid = "media_p%07d" % i
            item = {"id": mid, "filename": "picture-%06d.jpg" % i, "mimeType": "image/jpeg",
                    "size": sizes[k] + len(tag), "width": 800, "height": 600, "alt": "Picture %d" % i,
                    "title": "", "description": "", "url": "/uploads/pictures/%s.jpg" % mid,
                    "folder": "/images", "focalX": 50, "focalY": 50, "createdAt": iso(base + i * 60)}
            st.media[mid] = item
            st.order.append(mid)
            st.synth[item["url"]] = ("picture", (files[k], tag), item["size"], "image/jpeg")
        st.folders.add("/images")
        st.invalidate()


def seed_library(st, n):
    """A deterministic library of n items; bytes are synthesised on GET."""
    rng = random.Random(1234)
    kinds = [("image/jpeg", ".jpg"), ("image/png", ".png"), ("image/webp", ".webp"),
             ("application/pdf", ".pdf"), ("video/mp4", ".mp4"), ("image/gif", ".gif")]
    folders = ["/", "/images", "/images/products", "/images/team", "/documents", "/videos", "/logos",
               "/archive/2024", "/archive/2025"]
    base = 1704067200
    with st.lock:
        for i in range(n):
            mime, ext = kinds[rng.randrange(len(kinds))]
            size = rng.randrange(2000, 4 * MIB) if not mime.startswith("video/") else rng.randrange(MIB, 200 * MIB)
            mid = "media_%08d" % i
            item = {"id": mid, "filename": "%s-%06d%s" % (DEMO_WORDS[i % len(DEMO_WORDS)], i, ext),
                    "mimeType": mime, "size": size,
                    "width": 1920 if mime.startswith("image/") else None,
                    "height": 1080 if mime.startswith("image/") else None,
                    "alt": "" if i % 7 == 0 else "Item %d" % i, "title": "", "description": "",
                    "url": "/uploads/lib/%s%s" % (mid, ext), "folder": folders[i % len(folders)],
                    "focalX": 50, "focalY": 50, "createdAt": iso(base + i * 60)}
            st.media[mid] = item
            st.order.append(mid)
            st.synth[item["url"]] = ("synth", mid, size, mime)
        st.folders.update(folders)
        st.invalidate()


# ================================================================ main

DIALECTS = {
    "clearcms": (cc_routes, clearcms_error),
    "clarife": (cl_routes, clarife_error),
    "flare": (fl_routes, flare_error),
    "adclear": (ad_routes, adclear_error),
    "direct": (di_routes, direct_error),
}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    state = None
    name = None

    def verify_request(self, request, client_address):
        # one call per TCP connection accepted: /_admin/state counts them per host
        if self.state is not None and self.name:
            with self.state.lock:
                self.state.connections[self.name] += 1
        return True


def parse_args(argv):
    ap = argparse.ArgumentParser(description="Reference server for mediatui's five dialects.")
    ap.add_argument("--dialect", required=True, choices=sorted(DIALECTS))
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--storage-port", type=int, default=0)
    ap.add_argument("--key", action="append")
    ap.add_argument("--readonly-key", action="append")
    ap.add_argument("--data-dir")
    ap.add_argument("--seed-library", type=int, default=0)
    ap.add_argument("--demo")
    ap.add_argument("--content-cases", help="plant the content audit's cases from this directory (data/content)")
    ap.add_argument("--seed-pictures", type=int, default=0,
                    help="with --content-cases: N distinct JPEGs instead of the cases (the benchmark)")
    ap.add_argument("--storage", choices=("local", "cloud"), default="cloud")
    ap.add_argument("--plan", default="pro")
    ap.add_argument("--quota", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fault-5xx", type=float, default=0.0)
    ap.add_argument("--fault-5xx-after", type=float, default=0.0)
    ap.add_argument("--fault-429", type=float, default=0.0)
    ap.add_argument("--fault-drop", type=float, default=0.0)
    ap.add_argument("--slow", type=float, default=0.0)
    ap.add_argument("--stall", type=float, default=0.0)
    ap.add_argument("--stall-put", type=float, default=0.0)
    ap.add_argument("--slow-fraction", type=float, default=1.0)
    ap.add_argument("--persist", action="store_true")
    ap.add_argument("--expire-first", action="store_true")
    ap.add_argument("--fault-streak", type=int, default=0)
    ap.add_argument("--presign-expiry", type=int, default=900)
    ap.add_argument("--max-chunk", type=int, default=50 * MIB)
    ap.add_argument("--external-storage")
    ap.add_argument("--external-storage-dir")
    ap.add_argument("--ready-file")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.plan not in PLANS:
        try:
            int(args.plan)
        except ValueError:
            ap.error("--plan must be free, pro, business or a byte count")
    return args


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    own_dir = args.data_dir is None
    data_dir = tempfile.mkdtemp(prefix="mediaserver-") if own_dir else args.data_dir
    os.makedirs(data_dir, exist_ok=True)
    st = State(args, data_dir)
    routes, shape = DIALECTS[args.dialect]

    class Api(ApiHandler):
        pass

    Api.state = st
    Api.routes = routes()
    Api.error_shape = staticmethod(shape)

    class Storage(StorageHandler):
        pass

    Storage.state = st
    api = Server(("127.0.0.1", args.port), Api)
    storage = Server(("127.0.0.1", args.storage_port), Storage)
    st.connections = {"api": 0, "storage": 0}
    api.state = storage.state = st
    api.name, storage.name = "api", "storage"
    st.api_url = "http://127.0.0.1:%d" % api.server_address[1]
    st.storage_url = "http://127.0.0.1:%d" % storage.server_address[1]
    if st.load():
        pass   # a restarted server: the saved library, not a new one
    else:
        if args.demo:
            seed_demo(st, args.demo)
        if args.seed_library:
            seed_library(st, args.seed_library)
        if args.content_cases and args.seed_pictures:
            seed_pictures(st, args.seed_pictures, args.content_cases)
        elif args.content_cases:
            seed_content(st, args.content_cases)
        st.save()
    for srv in (api, storage):
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    line = "READY api=%s storage=%s" % (st.api_url, st.storage_url)
    if args.ready_file:
        tmp = args.ready_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(line + "\n")
        os.replace(tmp, args.ready_file)
    print(line, flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    api.shutdown()
    storage.shutdown()
    if own_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
