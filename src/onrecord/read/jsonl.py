"""JSON lines: one article per line with `id`, `text` and optional metadata.

Each line is decoded and parsed on its own, so a bad line costs only itself and is reported with
its real line number.
"""

from __future__ import annotations

import io
import json
import logging
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

from onrecord import errors
from onrecord.read.dates import record_date
from onrecord.read.text import DATE_HEADER, MAX_CHARS, bom_encoding
from onrecord.types import Article, Failure

META = ("url", "title", "outlet", "author")
MAX_ID_CHARS = 1_000  # a long URL fits; an id is a key, not a document
MAX_META_CHARS = 10_000  # a title, URL, outlet or byline longer than this is not one
# Any article under MAX_CHARS fits, even with every character escaped as \uXXXX: a longer line is
# skipped as it is read, never held in memory.
MAX_LINE_BYTES = 6 * MAX_CHARS + 1_000_000
log = logging.getLogger(__name__)


def parse_record(line: str, origin: str, fallback_id: str) -> Article | Failure:
    """One JSON object to an Article, or a Failure naming what is wrong; never raises."""
    try:
        return _record(line, origin, fallback_id)
    except json.JSONDecodeError as e:
        return Failure(origin, errors.BAD_JSON.format(msg=e.msg))
    except RecursionError:
        return Failure(origin, errors.BAD_RECORD.format(msg="nested too deeply"))
    except Exception as e:  # e.g. a number over Python's int-string limit: this line's failure only
        return Failure(origin, errors.BAD_RECORD.format(msg=str(e).split(";")[0] or type(e).__name__))


def _record(line: str, origin: str, fallback_id: str) -> Article | Failure:
    obj = json.loads(line)
    if not isinstance(obj, dict):
        return Failure(origin, errors.NOT_OBJECT.format(kind=type(obj).__name__))
    text = obj.get("text")
    if not isinstance(text, str):
        return Failure(origin, errors.NO_TEXT)
    if not text.strip():
        return Failure(origin, errors.EMPTY_TEXT)
    if len(text) > MAX_CHARS:
        return Failure(origin, errors.TOO_LARGE.format(size=len(text), limit=MAX_CHARS))
    if (code := _lone_surrogate(text)) is not None:
        return Failure(origin, errors.NOT_TEXT.format(field="text", code=code))
    article_id = _article_id(obj.get("id"), origin, fallback_id)
    if isinstance(article_id, Failure):
        return article_id
    meta = {k: v for k in META if (v := _meta_text(obj, k, origin)) is not None}
    date = obj.get("date")
    if date is None or date == "":
        m = DATE_HEADER.match(text)
        date = m.group(1) if m else None
    return Article(
        id=article_id, text=text, origin=origin, date=record_date(date, origin), **meta
    )


def _article_id(value: object, origin: str, fallback: str) -> str | Failure:
    """The record's id as text (strings and integers only, bounded), or why it cannot be one."""
    if value is None or value == "":
        return fallback
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return Failure(origin, errors.BAD_ID.format(kind=_kind(value)))
    text = str(value)  # json.loads already refused integers over Python's int-string limit
    if len(text) > MAX_ID_CHARS:
        return Failure(origin, errors.LONG_ID.format(size=f"{len(text):,}", limit=f"{MAX_ID_CHARS:,}"))
    if (code := _lone_surrogate(text)) is not None:
        return Failure(origin, errors.NOT_TEXT.format(field="id", code=code))
    return text


def _meta_text(obj: dict[str, Any], field: str, origin: str) -> str | None:
    """A metadata field as text; one that is not text is dropped with a warning naming the record."""
    value = obj.get(field)
    if value is None or value == "":
        return None
    if field == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "; ".join(v for v in value if v.strip())  # several bylines, as for web pages
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    problem = None
    if not isinstance(value, str):
        problem = f"is a JSON {_kind(value)}, not text"
    elif len(value) > MAX_META_CHARS:
        problem = f"is {len(value):,} characters long, over the limit of {MAX_META_CHARS:,}"
    elif _lone_surrogate(value) is not None:
        problem = "holds an unpaired surrogate escape, which is not text"
    if problem:
        log.warning(errors.FIELD_DROPPED.format(origin=origin, field=field, problem=problem))
        return None
    return value or None


def _kind(value: object) -> str:
    return {dict: "object", list: "array", bool: "boolean", float: "number"}.get(
        type(value), type(value).__name__
    )


def _lone_surrogate(text: str) -> int | None:
    """The first unpaired surrogate (JSON's "\\ud800" escape decodes to one), which UTF-8 cannot hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return ord(text[e.start])
    return None


def read_jsonl_stream(raw: IO[bytes], name: str, stem: str) -> Iterator[Article | Failure]:
    """Articles from a seekable binary stream of JSON lines, each line decoded on its own.

    UTF-8 (a leading mark dropped), or UTF-16/32 with a byte-order mark. A file that starts with
    a line that is not text and has NUL bytes in its first 8 KB is binary: one failure for the
    file rather than one for every line.
    """
    try:
        head = raw.read(8192)
        raw.seek(0)
    except (OSError, EOFError, zlib.error) as e:  # not gzip at all, or cut in its first block
        yield Failure(name, errors.UNREADABLE.format(msg=e))
        return
    encoding = bom_encoding(head)
    wide = io.TextIOWrapper(raw, encoding, "surrogatepass", newline="\n") if encoding else None
    lines = _bounded_lines(wide or raw, binary_head=b"\x00" in head)
    number, empty = 0, True
    try:
        for number, (line, problem) in enumerate(lines, 1):  # noqa: B007 - read after the loop
            origin = f"{name}:{number}"
            empty = empty and not problem and not line.strip()
            if problem == errors.BINARY:
                yield Failure(name, problem)
                return
            if problem:
                yield Failure(origin, problem)
            elif line.strip():
                yield parse_record(line, origin, f"{stem}-{number}")
        if empty:
            yield Failure(name, errors.EMPTY)
    except (OSError, EOFError, zlib.error) as e:  # a cut or damaged .gz: every line before it read
        yield Failure(f"{name}:{number + 1}", errors.UNREADABLE.format(msg=e))
    except UnicodeDecodeError as e:  # UTF-16/32 cut in the middle of a character
        yield Failure(f"{name}:{number + 1}", errors.NOT_DECODABLE.format(
            encoding=(encoding or "utf-8").upper(), pos=e.start))
    finally:
        if wide is not None:
            wide.detach()  # the caller owns the file and closes it


def _bounded_lines(
    stream: IO[bytes] | IO[str], binary_head: bool = False
) -> Iterator[tuple[str, str | None]]:
    """(line, None) for each line, or ("", reason) for one that cannot be decoded or is too long.

    With `binary_head` (NUL bytes early in the file), a first line that is not text makes the
    reason errors.BINARY.
    """
    readline: Callable[[int], Any] = stream.readline
    first = True
    while chunk := readline(MAX_LINE_BYTES):
        if len(chunk) == MAX_LINE_BYTES and chunk[-1:] not in (b"\n", "\n"):
            size = len(chunk)
            while rest := readline(MAX_LINE_BYTES):  # read and let go, piece by piece
                size += len(rest)
                if rest[-1:] in (b"\n", "\n"):
                    break
            yield "", errors.LINE_TOO_LONG.format(size=f"{size:,}", limit=f"{MAX_LINE_BYTES:,}")
        elif isinstance(chunk, str):
            yield chunk.removeprefix("\ufeff") if first else chunk, None
        else:
            line, problem = _decoded(chunk, first)
            yield line, errors.BINARY if problem and first and binary_head else problem
        first = False


def _decoded(chunk: bytes, first: bool) -> tuple[str, str | None]:
    if b"\x00" in chunk:  # no JSON text holds one
        return "", errors.LINE_BINARY
    try:
        return chunk.decode("utf-8-sig" if first else "utf-8"), None
    except UnicodeDecodeError as e:
        return "", errors.LINE_NOT_UTF8.format(pos=e.start)
