#!/usr/bin/env python3
"""hostile.py - a media server that lies, for mediatui's robustness tests.

Standard library only, loopback only. It answers the API calls of all five
dialects, but every answer is shaped by a *scenario* named in the URL:

    http://127.0.0.1:PORT/s/SCENARIO/DIALECT/   <- the profile's url

so one server serves every scenario and a test picks one per profile. A
second listener, "elsewhere", stands for a host mediatui must never send the
key to: it answers everything and records every request it receives, with
its headers. Requests that reach the main listener outside the API (storage,
downloads, /trap/) are recorded too. `GET /_admin/log` returns
{elsewhere: [...], trap: [...], violations: [...]}, where a violation is any
recorded request that carries an Authorization header or the key's bytes.

    python3 tests/server/hostile.py --key K --ready-file F
    READY api=http://127.0.0.1:PORT elsewhere=http://127.0.0.1:PORT2

`--list` prints the scenario names, one per line, with what each is about.
"""

import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MIB = 1 << 20
FILE_BYTES = b"hostile-original"          # what a download of any item returns (16 bytes)

# terminal attacks: OSC window title, CSI clear screen, 8-bit C1 CSI and OSC,
# a bidi override, and a line break that fakes an error line
ESCAPES = [
    "\x1b]0;PWNED-TITLE\x07",
    "\x1b]2;PWNED-TITLE\x1b\\",
    "\x1bkPWNED-NAME\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b[31mred\x1b[0m",
    "\u009b2J",
    "\u009d0;PWNED-C1\u009c",
    "\u202eevil\u202c",
    "ok.png\nmediatui: fake line",
    "tab\there\rcarriage",
]


class Ctx:
    """One API request as a scenario sees it."""

    def __init__(self, server, scenario, dialect, method, path, query, body, headers):
        self.server = server
        self.scenario = scenario
        self.dialect = dialect
        self.method = method
        self.path = path          # after /s/SCENARIO/DIALECT/, no leading slash
        self.query = query
        self.body = body
        self.headers = headers

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.server.api_port

    @property
    def elsewhere(self):
        return "http://127.0.0.1:%d" % self.server.elsewhere_port

    def json_body(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


class Resp:
    def __init__(self, status=200, body=b"", ctype="application/json", headers=None):
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.headers = dict(headers or {})
        if ctype:
            self.headers.setdefault("Content-Type", ctype)


# ---------------------------------------------------------------- a sane server

def plain_item(ctx, i, **over):
    item = {
        "id": "h%d" % i, "filename": "item-%d.png" % i, "mimeType": "image/png",
        "size": len(FILE_BYTES), "width": 10, "height": 10, "alt": "" if i == 1 else "alt",
        "title": "t", "description": "d", "url": "/files/%s/h%d" % (ctx.scenario, i),
        "folder": "/", "focalX": 50, "focalY": 50, "createdAt": "2026-03-26T10:30:00Z",
    }
    item.update(over)
    return item


def library(ctx):
    return [plain_item(ctx, i) for i in (1, 2, 3)]


def storage_url(ctx):
    return "%s/storage/%s/obj-%d" % (ctx.base, ctx.scenario, ctx.server.next_id())


def sane(ctx, items):
    """The answer a well-behaved server of ctx.dialect gives, as (status, obj)."""
    p, m = ctx.path, ctx.method
    if ctx.dialect == "clearcms":
        if p in ("api/v1/media", "api/v1/public/media") and m == "GET":
            q = urllib.parse.parse_qs(ctx.query)
            try:
                off = int(q.get("offset", ["0"])[0])
                lim = int(q.get("limit", ["24"])[0])
            except ValueError:
                off, lim = 0, 24
            return 200, {"data": items[off:off + lim], "total": len(items), "limit": lim,
                         "offset": off, "folders": ["/", "/a"]}
        if p == "api/v1/media" and m == "POST":
            return 201, {"data": [plain_item(ctx, 9, filename="new.png")], "errors": []}
        if p == "api/v1/media/folders":
            if m == "GET":
                return 200, {"folders": ["/", "/a"]}
            return 201, {"success": True}
        if p == "api/v1/media/presign":
            return 200, {"uploadUrl": storage_url(ctx), "publicUrl": ctx.base + "/cdn/x",
                         "storageKey": "k-1", "method": "PUT",
                         "expiresAt": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                    time.gmtime(time.time() + 900)),
                         "headers": {"Content-Type": "video/mp4"}}
        if p == "api/v1/media/confirm":
            return 201, {"success": True, "data": plain_item(ctx, 9, filename="new.mp4")}
        if p.startswith("api/v1/media/") or p.startswith("api/v1/public/media/"):
            ident = urllib.parse.unquote(p.rsplit("/", 1)[1])
            found = next((it for it in items if isinstance(it, dict) and it.get("id") == ident),
                         None)
            if found is None:   # "hN" names the N-th item, whatever its id
                n = int(ident[1:]) if ident[1:].isdigit() else 1
                found = items[n - 1] if 0 < n <= len(items) else (items[0] if items else {})
            if m == "DELETE":
                return 200, {"success": True}
            return 200, {"data": found}
    if ctx.dialect == "clarife":
        if p == "api/v1/media/presign":
            body = ctx.json_body() or {}
            return 200, {"upload_url": storage_url(ctx), "b2_key": "media/u/d/m.png",
                         "media_id": body.get("media_id", "m")}
        if p == "api/v1/media/confirm":
            body = ctx.json_body() or {}
            return 200, {"id": body.get("media_id", "m"), "status": "active"}
    if ctx.dialect == "flare" and p == "api/video/upload/presign":
        return 200, {"uploadUrl": storage_url(ctx), "method": "PUT",
                     "headers": {"Content-Type": "video/mp4"},
                     "publicUrl": ctx.base + "/cdn/demo.mp4"}
    if ctx.dialect == "adclear":
        if p == "v1/uploads" and m == "POST":
            uid = "up-%d" % ctx.server.next_id()
            ctx.server.held[uid] = 0
            return 201, {"uploadId": uid, "uploadUrl": "v1/uploads/" + uid,
                         "maxChunkSize": 64 * 1024, "correlationId": "c-1"}
        if p.startswith("v1/uploads/") and m == "PUT":
            return adclear_chunk(ctx, p.rsplit("/", 1)[1])
    if ctx.dialect == "direct" and p == "api/v1/upload/direct":
        blob = (ctx.json_body() or {}).get("blob") or {}
        return 200, {"id": ctx.server.next_id(), "key": "k-direct", "filename": blob.get("filename"),
                     "content_type": blob.get("content_type"), "metadata": {},
                     "service_name": "local", "byte_size": blob.get("byte_size"),
                     "checksum": blob.get("checksum"), "created_at": "2026-03-26T10:30:00Z",
                     "signed_id": "s", "direct_upload": {
                         "url": storage_url(ctx),
                         "headers": {"Content-Type": blob.get("content_type") or "x/y",
                                     "Content-Disposition": "inline"}}}
    return 404, {"error": "no such endpoint in the hostile server: %s %s" % (m, p)}


def adclear_chunk(ctx, uid):
    """Chunks and status queries, with the usual resumable-upload answers."""
    held = ctx.server.held.get(uid, 0)
    cr = ctx.headers.get("Content-Range", "")
    total = None
    if cr.startswith("bytes */"):
        total = int(cr[8:] or 0)
    elif cr.startswith("bytes "):
        rng, _, tot = cr[6:].partition("/")
        a, _, b = rng.partition("-")
        total = int(tot)
        if int(a) == held:
            held = int(b) + 1
            ctx.server.held[uid] = held
    if total is not None and held >= total:
        return 201, {"uploadId": uid, "status": "complete", "fileName": "f",
                     "fileSize": total, "contentType": "video/mp4", "correlationId": "c-1"}
    hdrs = {"Range": "bytes=0-%d" % (held - 1)} if held else {}
    return (308, hdrs), None


# ---------------------------------------------------------------- scenarios

SCENARIOS = {}


def scenario(name, about):
    def reg(fn):
        SCENARIOS[name] = (fn, about)
        return fn
    return reg


def deep(n):
    return b"[" * n + b"]" * n


def to_resp(status, obj):
    """A Resp from sane()'s answer: status may be (status, headers); obj None is no body."""
    headers = {}
    if isinstance(status, tuple):
        status, headers = status
    if obj is None:
        return Resp(status, b"", None, headers)
    return Resp(status, obj, headers=headers)


def raw_resp(status, raw):
    r = to_resp(status, None)
    r.body = raw
    if raw:
        r.headers.setdefault("Content-Type", "application/json")
    return r


def body_transform(fn):
    """A scenario that keeps the sane answer's status and mangles its body."""
    def run(ctx):
        st, obj = sane(ctx, library(ctx))
        r = to_resp(st, obj)
        r.body = fn(r.body)
        return r
    return run


@scenario("plain", "a well-behaved server: the baseline every other scenario bends")
def s_plain(ctx):
    return to_resp(*sane(ctx, library(ctx)))


SCENARIOS["truncated"] = (body_transform(lambda b: b[:max(1, len(b) // 2)]),
                          "JSON cut off half-way")
SCENARIOS["trailing"] = (body_transform(lambda b: b + b" }{ trailing garbage"),
                         "valid JSON followed by garbage")
SCENARIOS["notjson"] = (body_transform(
    lambda b: b"<html><body>\x1b]0;PWNED-TITLE\x07\x1b[2J Bad gateway</body></html>"),
    "an HTML page with escape sequences instead of JSON")
SCENARIOS["empty"] = (body_transform(lambda b: b""), "an empty body with a success status")
SCENARIOS["deep"] = (body_transform(lambda b: deep(100000)), "100 000 levels of nesting")
SCENARIOS["deep-object"] = (body_transform(lambda b: b'{"data":' * 100000 + b"1" + b"}" * 100000),
                            "100 000 nested objects")


@scenario("ctype", "correct JSON sent as text/html; charset=latin1")
def s_ctype(ctx):
    r = s_plain(ctx)
    r.headers["Content-Type"] = "text/html; charset=latin1"
    return r


@scenario("huge-body", "an 80 MiB answer (over what the client keeps in memory)")
def s_huge_body(ctx):
    return Resp(200, b'{"data": [], "pad": "' + b"x" * (80 * MIB) + b'"}')


@scenario("huge-string", "a 20 MiB file name and alt text, a 1 MiB folder")
def s_huge_string(ctx):
    big = "A" * (20 * MIB)
    items = [plain_item(ctx, 1, filename=big + ".png", alt=big, folder="/" + "F" * MIB)] + \
        library(ctx)[1:]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict) and ctx.dialect != "clearcms":
        obj = dict(obj, pad=big)
    return to_resp(st, obj)


def mutate_items(fn):
    """A scenario that keeps the sane shapes but changes every value fn touches."""
    def run(ctx):
        st, obj = sane(ctx, [fn(ctx, it) for it in library(ctx)])
        return to_resp(st, obj)
    return run


@scenario("types-strings", "numbers sent as strings, ids as numbers")
def s_types_strings(ctx):
    items = [plain_item(ctx, i, id=1000 + i, size=str(len(FILE_BYTES)), width="10", height="x",
                        focalX="50", focalY="nope") for i in (1, 2, 3)]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict):
        for k in ("total", "limit", "offset", "maxChunkSize", "byte_size"):
            if k in obj:
                obj[k] = str(obj[k])
        if "id" in obj and ctx.dialect == "direct":
            obj["id"] = str(obj["id"])
    return to_resp(st, obj)


@scenario("types-wrong", "objects for arrays, arrays for strings, booleans for numbers")
def s_types_wrong(ctx):
    items = [plain_item(ctx, 1, filename=["a", "b"], mimeType={"x": 1}, size=True, width=[],
                        height={}, alt=7, title=None, url={"u": 1}, folder=["/"], focalX=[50],
                        createdAt=12),
             plain_item(ctx, 2, id={"nested": "id"}), plain_item(ctx, 3, id=["h3"])]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict):
        for k in list(obj):
            v = obj[k]
            if isinstance(v, list) and k != "data":
                obj[k] = {"0": v}
            elif isinstance(v, str) and k not in ("id", "uploadId"):
                obj[k] = [v]
            elif isinstance(v, dict) and k not in ("data",):
                obj[k] = [v]
            elif isinstance(v, int) and not isinstance(v, bool):
                obj[k] = {"value": v}
        if ctx.path == "api/v1/media/folders":
            obj = {"folders": {"/": 1, "/a": 2}}
    return to_resp(st, obj)


@scenario("types-data-object", "the list's data is an object, not an array")
def s_data_object(ctx):
    st, obj = sane(ctx, library(ctx))
    if isinstance(obj, dict) and isinstance(obj.get("data"), list):
        obj["data"] = {str(i): v for i, v in enumerate(obj["data"])}
    return to_resp(st, obj)


def nullify(v):
    if isinstance(v, dict):
        return {k: None for k in v}
    if isinstance(v, list):
        return [None] + [nullify(x) for x in v]
    return None


@scenario("nulls", "null in every field, and null items in lists")
def s_nulls(ctx):
    st, obj = sane(ctx, library(ctx))
    if isinstance(obj, dict):
        obj = {k: (nullify(v) if k == "data" else None) for k, v in obj.items()}
    return to_resp(st, obj)


@scenario("null-body", "the JSON document null")
def s_null_body(ctx):
    st, obj = sane(ctx, library(ctx))
    return raw_resp(st, b"null")


@scenario("missing", "{} for everything: no data, no ids, no URLs")
def s_missing(ctx):
    st, obj = sane(ctx, library(ctx))
    return to_resp(st, obj if obj is None else {})


@scenario("missing-fields", "items with only an id, a list without total/limit/offset")
def s_missing_fields(ctx):
    st, obj = sane(ctx, [{"id": "h1"}, {"id": "h2"}, {}, {"filename": "no-id.png"}])
    if isinstance(obj, dict):
        for k in ("total", "limit", "offset", "folders", "uploadId", "maxChunkSize",
                  "storageKey", "headers", "key", "b2_key"):
            obj.pop(k, None)
    return to_resp(st, obj)


def total_scenario(value):
    def run(ctx):
        st, obj = sane(ctx, library(ctx))
        if isinstance(obj, dict) and "total" in obj:
            raw = json.dumps(obj).replace('"total": %d' % obj["total"], '"total": ' + value)
            return Resp(st, raw.encode())
        return to_resp(st, obj)
    return run


SCENARIOS["total-1e300"] = (total_scenario("1e300"), "total 1e300")
SCENARIOS["total-2p64"] = (total_scenario("18446744073709551616"), "total 2^64 (beyond int64)")
SCENARIOS["total-int64max"] = (total_scenario("9223372036854775807"), "total 2^63-1")
SCENARIOS["total-negative"] = (total_scenario("-5"), "a negative total")


@scenario("total-endless", "total 2^62, and every page is the first page (offset ignored)")
def s_total_endless(ctx):
    st, obj = sane(ctx, library(ctx))
    if isinstance(obj, dict) and "total" in obj:
        obj["total"] = 1 << 62
        obj["offset"] = 0
        obj["data"] = library(ctx)
    return to_resp(st, obj)


@scenario("offset-ignored", "every page is the first page, limit 3 of a total of 1000")
def s_offset_ignored(ctx):
    st, obj = sane(ctx, library(ctx))
    if isinstance(obj, dict) and "total" in obj:
        obj.update(total=1000, offset=0, limit=3, data=library(ctx))
    return to_resp(st, obj)


@scenario("offset-backwards", "each page claims an offset before the one asked for")
def s_offset_backwards(ctx):
    items = [plain_item(ctx, i) for i in range(1, 251)]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict) and "offset" in obj:
        obj["offset"] = max(0, obj["offset"] - 150)
    return to_resp(st, obj)


@scenario("sizes", "negative, enormous and not-a-number sizes, dimensions and focal points")
def s_sizes(ctx):
    vals = [("size", -1), ("size", 9223372036854775807), ("size", 1e300),
            ("width", -5), ("width", 2 ** 31), ("height", 2 ** 40), ("focalX", 1e308),
            ("focalY", -0.0), ("size", -9223372036854775808), ("size", 9223372036854775807)]
    items = [plain_item(ctx, i + 1, **{k: v}) for i, (k, v) in enumerate(vals)]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict):
        for k in ("maxChunkSize", "byte_size", "fileSize", "limit"):
            if k in obj:
                obj[k] = -9223372036854775808
    return to_resp(st, obj)


@scenario("urls-elsewhere", "item and upload URLs on another host (the elsewhere listener)")
def s_urls_elsewhere(ctx):
    there = ctx.elsewhere
    items = [plain_item(ctx, 1, url=there + "/steal/h1"),
             plain_item(ctx, 2, url="//127.0.0.1:%d/protocol-relative" % ctx.server.elsewhere_port),
             plain_item(ctx, 3, url="http://localhost:%d/files/%s/h3" % (ctx.server.api_port,
                                                                         ctx.scenario))]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict):
        for k in ("uploadUrl", "upload_url"):
            if k in obj:
                obj[k] = there + "/upload/" + k
        if isinstance(obj.get("direct_upload"), dict):
            obj["direct_upload"]["url"] = there + "/upload/direct"
        if ctx.dialect == "adclear" and "uploadUrl" in obj:
            obj["uploadUrl"] = there + "/v1/uploads/" + obj["uploadId"]
    return to_resp(st, obj)


@scenario("urls-odd", "file:, ftp:, javascript: and relative ../ URLs")
def s_urls_odd(ctx):
    pwned = "/tmp/mediatui-hostile-%d-pwned" % ctx.server.api_port
    items = [plain_item(ctx, 1, url="file://" + pwned),
             plain_item(ctx, 2, url="../../../../../../etc/passwd"),
             plain_item(ctx, 3, url="javascript:alert(1)")]
    st, obj = sane(ctx, items)
    if isinstance(obj, dict):
        for k in ("uploadUrl", "upload_url"):
            if k in obj:
                obj[k] = "file://" + pwned
        if isinstance(obj.get("direct_upload"), dict):
            obj["direct_upload"]["url"] = "ftp://127.0.0.1:%d/x" % ctx.server.elsewhere_port
        if ctx.dialect == "adclear" and "uploadUrl" in obj:
            obj["uploadUrl"] = "file://" + pwned
    return to_resp(st, obj)


def redirect_scenario(code, target):
    def run(ctx):
        dest = (ctx.elsewhere if target == "elsewhere" else ctx.base + "/trap") + \
            "/s/%s/%s/%s" % (ctx.scenario, ctx.dialect, ctx.path)
        if ctx.query:
            dest += "?" + ctx.query
        return Resp(code, {"moved": dest}, headers={"Location": dest})
    return run


for _code in (301, 302, 307, 308):
    SCENARIOS["redirect-%d" % _code] = (redirect_scenario(_code, "elsewhere"),
                                        "every API call answers %d to the elsewhere host" % _code)
SCENARIOS["redirect-same"] = (redirect_scenario(307, "trap"),
                              "every API call answers 307 to another path on the API host")


@scenario("redirect-storage", "storage uploads and downloads answer 307/302 to the elsewhere host")
def s_redirect_storage(ctx):
    return s_plain(ctx)    # the storage and file routes do the redirecting


def names_scenario(names, field="filename"):
    def run(ctx):
        items = [plain_item(ctx, i + 1, **{field: n}) for i, n in enumerate(names)]
        st, obj = sane(ctx, items)
        return to_resp(st, obj)
    return run


PATH_NAMES = ["../../x", "/etc/passwd", "..", ".", "a/../../b", "..\\..\\win.ini",
              "/tmp/mediatui-hostile-abs", "~/.bashrc", "../../../../../../../tmp/mediatui-up",
              "", ".hidden", "x/" * 300 + "deep.png"]
SCENARIOS["names-path"] = (names_scenario(PATH_NAMES), "file names that climb out of a folder")


@scenario("ids-path", "ids that are paths: ../, absolute, empty, long")
def s_ids_path(ctx):
    ids = ["../../x", "/etc/passwd", "..", "a/b/../../../c", "h" * 5000, " ", "\x1b[2J"]
    items = [plain_item(ctx, i + 1, id=v, filename=v + ".png") for i, v in enumerate(ids)]
    return to_resp(*sane(ctx, items))


CONTROL_NAMES = ["nul\u0000byte.png", "".join(chr(c) for c in range(1, 32)) + ".png",
                 "del\x7f.png", "bell\x07bell.png", "back\x08space.png"]
SCENARIOS["names-control"] = (names_scenario(CONTROL_NAMES), "C0 controls, DEL and NUL in names")


@scenario("names-escape", "terminal escape sequences in every text field")
def s_names_escape(ctx):
    items = []
    for i, esc in enumerate(ESCAPES):
        items.append(plain_item(ctx, i + 1, id="e%d%s" % (i, esc), filename="n" + esc + ".png",
                                mimeType="image/" + esc, alt=esc, title=esc, description=esc,
                                folder="/f" + esc, createdAt=esc,
                                url="/files/%s/%s" % (ctx.scenario, urllib.parse.quote(esc))))
    st, obj = sane(ctx, items)
    if isinstance(obj, dict):
        if "folders" in obj:
            obj["folders"] = ["/" + e for e in ESCAPES]
        for k in ("publicUrl", "correlationId", "key", "b2_key", "storageKey", "uploadId"):
            if k in obj:
                obj[k] = str(obj[k]) + ESCAPES[0] + ESCAPES[4]
        if ctx.dialect == "adclear" and "uploadId" in obj:
            ctx.server.held[obj["uploadId"]] = 0
            obj["uploadUrl"] = "v1/uploads/" + urllib.parse.quote(obj["uploadId"])
        if ctx.dialect in ("clearcms",) and isinstance(obj.get("data"), dict):
            obj["data"]["id"] = "e" + ESCAPES[2]
    r = to_resp(st, obj)
    r.headers["X-Correlation-Id"] = "cid-esc"
    return r


@scenario("invalid-utf8", "bytes that are not UTF-8 inside JSON strings")
def s_invalid_utf8(ctx):
    st, obj = sane(ctx, library(ctx))
    if obj is None:
        return to_resp(st, obj)
    raw = json.dumps(obj).encode().replace(b"item-", b"\xff\xfe\xc0\x80\x9b2J-")
    raw = raw.replace(b'"k-', b'"\xed\xa0\x80-').replace(b'"up-', b'"\xc3(-')
    return raw_resp(st, raw)


@scenario("invalid-utf8-error", "an error whose body and headers are raw bytes and escapes")
def s_invalid_utf8_error(ctx):
    return Resp(400, b"\xff\xfe\x1b]0;PWNED-TITLE\x07\x9b2J bad \xc0\x80", "text/plain",
                headers={"X-Correlation-Id": "\x1b[2J\xff"})


@scenario("error-escape", "4xx errors whose message, code and correlation id are escape sequences")
def s_error_escape(ctx):
    body = {"error": "refused " + "".join(ESCAPES), "code": "CODE" + ESCAPES[0],
            "correlationId": ESCAPES[2] + "cid", "detail": ESCAPES[5],
            "message": ESCAPES[4]}
    return Resp(403, body, headers={"X-Correlation-Id": ESCAPES[0]})


@scenario("error-shapes", "errors as nested objects, FastAPI lists with hostile locs, numbers")
def s_error_shapes(ctx):
    detail = [{"loc": ["body", ESCAPES[0], 3, None, {"x": 1}], "msg": ESCAPES[2], "type": 5}
              for _ in range(20)] + [None, 7, "x"]
    body = {"error": {"message": ESCAPES[4], "code": ["not", "a", "string"]},
            "detail": detail, "correlationId": 12345}
    return Resp(422, body)


@scenario("error-huge", "a 422 with a 10 MiB message and 100 000 validation details")
def s_error_huge(ctx):
    detail = [{"loc": ["body", "blob", "x" * 50], "msg": "m" * 50, "type": "t"}] * 100000
    return Resp(422, {"detail": detail, "error": "E" * (10 * MIB)})


@scenario("error-deep", "a 404 whose body nests 100 000 levels deep")
def s_error_deep(ctx):
    return Resp(404, b'{"error":' * 100000 + b'"x"' + b"}" * 100000)


@scenario("error-status", "odd status codes: 199, 299 with garbage, 600, 999")
def s_error_status(ctx):
    codes = {"GET": 299, "POST": 600, "PATCH": 999, "DELETE": 199, "PUT": 600}
    return Resp(codes.get(ctx.method, 600), b"\x1b[2J odd")


# ---- upload-only scenarios

@scenario("presign-elsewhere", "presigned upload URLs on another host and port")
def s_presign_elsewhere(ctx):
    return s_urls_elsewhere(ctx)


@scenario("adclear-stuck", "chunks are answered 308 without the server ever taking a byte")
def s_adclear_stuck(ctx):
    st, obj = sane(ctx, library(ctx))
    if ctx.dialect == "adclear" and ctx.method == "PUT":
        return Resp(308, b"", None, {"Range": "bytes=0-0"})
    return to_resp(st, obj)


@scenario("adclear-range-huge", "308 with Range bytes=0-9223372036854775807")
def s_adclear_range_huge(ctx):
    st, obj = sane(ctx, library(ctx))
    if ctx.dialect == "adclear" and ctx.method == "PUT":
        return Resp(308, b"", None, {"Range": "bytes=0-9223372036854775807"})
    return to_resp(st, obj)


@scenario("adclear-range-garbage", "308 with Range headers that make no sense")
def s_adclear_range_garbage(ctx):
    st, obj = sane(ctx, library(ctx))
    if ctx.dialect == "adclear" and ctx.method == "PUT":
        bad = ["bytes=5-2", "bytes=0--7", "bytes=0-99999999999999999999999", "\x1b[2J",
               "bytes=0-1e3"]
        return Resp(308, b"", None, {"Range": bad[ctx.server.next_id() % len(bad)]})
    return to_resp(st, obj)


@scenario("chunk-tiny", "adclear maxChunkSize 1: a byte per request")
def s_chunk_tiny(ctx):
    st, obj = sane(ctx, library(ctx))
    if isinstance(obj, dict) and "maxChunkSize" in obj:
        obj["maxChunkSize"] = 1
    return to_resp(st, obj)


@scenario("headers-hostile", "presigned PUT headers with CR/LF, Authorization, Host, odd names")
def s_headers_hostile(ctx):
    st, obj = sane(ctx, library(ctx))
    evil = {"Content-Type": "video/mp4\r\nX-Injected: 1", "Authorization": "Bearer stolen",
            "Host": "evil.example", "": "empty-name", "Bad Name": "v", "X-Num": 5,
            "Content-Disposition": ESCAPES[0]}
    if isinstance(obj, dict):
        if "headers" in obj:
            obj["headers"] = evil
        if isinstance(obj.get("direct_upload"), dict):
            obj["direct_upload"]["headers"] = evil
        if "method" in obj:
            obj["method"] = "DELETE\r\nX-Injected: 1"
    return to_resp(st, obj)


# ---------------------------------------------------------------- HTTP plumbing

def has_secret(server, raw_head, headers, body):
    key = server.key.encode()
    if "Authorization" in headers or "authorization" in {k.lower() for k in headers}:
        return "an Authorization header"
    if key and (key in raw_head or key in body):
        return "the key's bytes"
    return None


class Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                line = self.rfile.readline()
                n = int(line.split(b";")[0].strip() or b"0", 16)
                if n == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(n)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        out = b""
        while n > 0:
            piece = self.rfile.read(min(n, 1 << 20))
            if not piece:
                break
            out += piece if len(out) < (1 << 20) else b""
            n -= len(piece)
        return out

    def raw_head(self):
        return (self.requestline + "\r\n" + str(self.headers)).encode("latin-1", "replace")

    def record(self, where, body):
        entry = {"method": self.command, "path": self.path,
                 "headers": {k: v for k, v in self.headers.items()}}
        why = has_secret(self.server.app, self.raw_head(), self.headers, body)
        with self.server.app.lock:
            self.server.app.log[where].append(entry)
            if why:
                self.server.app.log["violations"].append(dict(entry, where=where, why=why))

    def send(self, r):
        self.send_response(r.status)
        for k, v in r.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(r.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(r.body)


class Elsewhere(Base):
    """Answers everything with success, and remembers who asked."""

    def handle_any(self):
        body = self.read_body()
        self.record("elsewhere", body)
        if self.command == "GET":
            self.send(Resp(200, FILE_BYTES, "application/octet-stream"))
        else:
            self.send(Resp(200, b"{}"))

    do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = do_HEAD = handle_any


class Api(Base):
    def handle_any(self):
        app = self.server.app
        body = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.split("/")
        if url.path == "/_admin/log":
            with app.lock:
                return self.send(Resp(200, json.dumps(app.log).encode()))
        if len(parts) > 1 and parts[1] in ("storage", "files", "trap"):
            self.record(parts[1], body)
            scen = parts[2] if len(parts) > 2 else ""
            if scen == "redirect-storage":
                code = 307 if parts[1] == "storage" else 302
                loc = "http://127.0.0.1:%d/redirected%s" % (app.elsewhere_port, url.path)
                return self.send(Resp(code, b"", None, {"Location": loc}))
            if parts[1] == "files":
                return self.send(Resp(200, FILE_BYTES, "application/octet-stream"))
            if parts[1] == "trap":
                return self.send(Resp(404, {"error": "trap"}))
            return self.send(Resp(200, b""))
        if len(parts) < 4 or parts[1] != "s" or parts[2] not in SCENARIOS:
            return self.send(Resp(404, {"error": "unknown scenario"}))
        ctx = Ctx(app, parts[2], parts[3], self.command, "/".join(parts[4:]), url.query, body,
                  self.headers)
        try:
            r = SCENARIOS[parts[2]][0](ctx)
        except Exception as e:   # a bug here must show, not hang the client
            r = Resp(599, {"error": "hostile server bug: %r" % e})
        self.send(r)

    do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = do_HEAD = handle_any


class App:
    def __init__(self, key):
        self.key = key
        self.lock = threading.Lock()
        self.log = {"elsewhere": [], "storage": [], "files": [], "trap": [], "violations": []}
        self.held = {}
        self._id = 0
        self.api_port = self.elsewhere_port = 0

    def next_id(self):
        with self.lock:
            self._id += 1
            return self._id


def serve(handler, port, app):
    srv = ThreadingHTTPServer(("127.0.0.1", port), handler)
    srv.daemon_threads = True
    srv.app = app
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--elsewhere-port", type=int, default=0)
    ap.add_argument("--key", default="")
    ap.add_argument("--ready-file")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    if a.list:
        for name, (_, about) in SCENARIOS.items():
            print("%s\t%s" % (name, about))
        return
    app = App(a.key)
    there = serve(Elsewhere, a.elsewhere_port, app)
    api = serve(Api, a.port, app)
    app.api_port = api.server_address[1]
    app.elsewhere_port = there.server_address[1]
    line = "READY api=http://127.0.0.1:%d elsewhere=http://127.0.0.1:%d" % (
        app.api_port, app.elsewhere_port)
    if a.ready_file:
        with open(a.ready_file + ".tmp", "w") as f:
            f.write(line + "\n")
        os.rename(a.ready_file + ".tmp", a.ready_file)
    print(line, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
