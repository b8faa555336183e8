"""JSON lines: one article per line with `id`, `text` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from onrecord import errors
from onrecord.read.text import MAX_CHARS, header_date
from onrecord.types import Article, Failure

META = ("date", "url", "title", "outlet", "author")


def parse_record(line: str, origin: str, fallback_id: str) -> Article | Failure:
    """One JSON object to an Article, or a Failure naming what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Failure(origin, errors.BAD_JSON.format(msg=e.msg))
    if not isinstance(obj, dict):
        return Failure(origin, errors.NOT_OBJECT.format(kind=type(obj).__name__))
    text = obj.get("text")
    if not isinstance(text, str):
        return Failure(origin, errors.NO_TEXT)
    if not text.strip():
        return Failure(origin, errors.EMPTY_TEXT)
    if len(text) > MAX_CHARS:
        return Failure(origin, errors.TOO_LARGE.format(size=len(text), limit=MAX_CHARS))
    meta = {k: str(obj[k]) for k in META if obj.get(k) not in (None, "")}
    meta.setdefault("date", header_date(text))
    return Article(id=str(obj.get("id") or fallback_id), text=text, origin=origin, **meta)


def read_jsonl(lines: Iterable[str], name: str, stem: str) -> Iterator[Article | Failure]:
    """Articles from JSON lines; a bad line is reported with its file and line number."""
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield parse_record(line, f"{name}:{number}", f"{stem}-{number}")
