"""Web archives (.warc, .warc.gz): HTTP 200 HTML responses become articles, streamed."""

from __future__ import annotations

import gzip
import hashlib
import logging
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onrecord import errors
from onrecord.read.html import parse_html, trafilatura_module
from onrecord.types import Article, Failure

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
CUT = errors.WARC_TRUNCATED.split("{", 1)[0]
MAX_RECORD_BYTES = 20_000_000  # trafilatura's own page-size limit
log = logging.getLogger(__name__)


def _fastwarc() -> Any:
    try:
        from fastwarc import warc
    except ImportError as e:
        raise errors.MissingDependency(
            errors.NEEDS_EXTRA.format(what="reading WARC", extra="html")) from e
    return warc


def read_warc(path: Path, skipped: Counter[str] | None = None) -> Iterator[Article | Failure]:
    """Articles of one archive, in order, in constant memory; `skipped` counts records passed over.

    Only HTTP 200 HTML responses are read; a URL seen earlier in the archive is skipped. Damage
    (a cut or corrupt tail) ends the archive with one Failure after every good record before it.
    """
    try:
        warc = _fastwarc()
        trafilatura_module()
    except errors.MissingDependency as e:
        yield Failure(str(path), str(e))
        return
    skipped = Counter() if skipped is None else skipped
    seen: set[int] = set()  # 8-byte URL hashes: bounded by the distinct URLs of one archive
    articles, where, last_pos, reported_cut = 0, "from its start", 0, False
    # auto_decode="none": the raw length shows a cut record; encodings are undone below.
    records = warc.ArchiveIterator(
        str(path), parse_http=True, auto_decode="none", fsspec_args=False
    )
    try:
        for record in records:
            rid = record.record_id
            if not rid:  # every record has one: this is a header cut short or garbage
                yield Failure(str(path), errors.WARC_DAMAGED.format(where=where, msg="cut short"))
                reported_cut = True
                break
            reason, reported_cut = _skip_reason(record, warc, seen), False
            if reason == "bad-http" and (cut := _cut_short(record, rid, path)):
                yield cut  # cut inside its HTTP header: a truncated record, not a bad response
                reported_cut = True
            elif reason:
                skipped[reason] += 1
            else:
                item = _article(record, rid, path)
                articles += isinstance(item, Article)
                reported_cut = isinstance(item, Failure) and item.reason.startswith(CUT)
                yield item
            where, last_pos = f"after record {rid}", record.stream_pos
    except OSError as e:
        yield Failure(str(path), errors.WARC_DAMAGED.format(where=where, msg=e))
    else:
        # fastwarc stops quietly when the cut falls inside a record's header
        if not reported_cut and cut_after(path, last_pos):
            yield Failure(str(path), errors.WARC_DAMAGED.format(where=where, msg="cut short"))
    passed = ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())) or "none"
    log.info("%s: %d articles read; records skipped: %s", path, articles, passed)


def _skip_reason(record: Any, warc: Any, seen: set[int]) -> str | None:
    """Why a record is not an article to read, or None when it is one (and now seen)."""
    if record.record_type != warc.WarcRecordType.response:
        return str(record.record_type)
    if not record.is_http:
        return "not-http"
    status = record.http_headers.status_code
    if not isinstance(status, int) or not 100 <= status <= 599:
        # no whole status line ("HTTP/1.1 2" reads as 2): cut inside its HTTP header, or garbage
        return "bad-http"
    if status != 200:
        return "not-200"
    ctype = (record.http_content_type or "").lower()
    if ctype and not ctype.startswith(HTML_TYPES):
        return "not-html"
    if record.content_length > MAX_RECORD_BYTES:
        return "too-large"
    url = (record.headers.get("WARC-Target-URI") or "").strip("<> ").split("#", 1)[0]
    key = int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "big")
    if url and key in seen:
        return "duplicate-url"
    seen.add(key)
    return None


def _cut_short(record: Any, rid: str, path: Path) -> Failure | None:
    """A Failure when the record holds fewer bytes than its WARC header announces."""
    try:
        got = len(record.reader.read())
    except (OSError, EOFError, zlib.error):
        got = 0
    if got >= record.content_length:
        return None
    return Failure(f"{path}:{rid}", errors.WARC_TRUNCATED.format(
        got=got, expected=record.content_length))


def _article(record: Any, rid: str, path: Path) -> Article | Failure:
    """The article of one HTML response record, or a Failure naming the record."""
    origin = f"{path}:{rid}"
    try:
        raw = record.reader.read()
        if len(raw) < record.content_length:
            return Failure(origin, errors.WARC_TRUNCATED.format(
                got=len(raw), expected=record.content_length))
        body = decode_body(raw, record.http_headers)
    except (OSError, ValueError, EOFError, zlib.error) as e:
        return Failure(origin, errors.UNREADABLE.format(msg=e))
    url = (record.headers.get("WARC-Target-URI") or "").strip("<> ") or None
    return parse_html(body, rid.strip("<>"), origin, url=url)


def decode_body(raw: bytes, headers: Any) -> bytes:
    """Undo chunked transfer and gzip/deflate/br content encodings, as a browser would."""
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        raw = dechunk(raw)
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return gzip.decompress(raw)
    if encoding == "deflate":
        try:
            return zlib.decompress(raw)
        except zlib.error:  # raw deflate without the zlib header, as some servers send
            return zlib.decompress(raw, -zlib.MAX_WBITS)
    if encoding == "br":
        try:
            import brotli  # a dependency of fastwarc
        except ImportError as e:
            raise ValueError("Content-Encoding 'br' needs the brotli package") from e
        return brotli.decompress(raw)
    if encoding not in ("", "identity"):
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    return raw


def dechunk(raw: bytes) -> bytes:
    """The body of an HTTP/1.1 chunked transfer; a body that is not chunked is kept as is."""
    out, pos = bytearray(), 0
    while pos < len(raw):
        eol = raw.find(b"\r\n", pos)
        try:
            size = int(raw[pos:eol].split(b";", 1)[0], 16)
        except ValueError:
            return raw  # the crawler already de-chunked it but kept the header
        if size == 0:
            break
        out += raw[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def cut_after(path: Path, last_pos: int) -> bool:
    """Whether bytes after the last record read are an incomplete record (a cut download)."""
    with path.open("rb") as f:
        f.seek(last_pos)
        data = f.read()
    if data[:2] == b"\x1f\x8b":  # one gzip member per record: every member must be whole
        while data.strip(b"\x00\r\n"):
            member = zlib.decompressobj(31)
            try:
                member.decompress(data)
            except zlib.error:
                return True
            if not member.eof:
                return True
            data = member.unused_data
        return False
    head, sep, rest = data.partition(b"\r\n\r\n")
    length = next((int(v) for k, _, v in (line.partition(b":") for line in head.split(b"\r\n"))
                   if k.strip().lower() == b"content-length" and v.strip().isdigit()), 0)
    return bool(rest[length:].strip()) if sep else bool(data.strip())
