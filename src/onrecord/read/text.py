"""Plain-text articles, optionally headed by `date YYYY-MM-DD`."""

from __future__ import annotations

import re

from onrecord import errors
from onrecord.types import Article, Failure

DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
MAX_CHARS = 5_000_000


def decode(data: bytes, origin: str) -> str | Failure:
    """Decode file bytes as UTF-8 (BOM dropped), or say why not."""
    if not data.strip():
        return Failure(origin, errors.EMPTY)
    if b"\x00" in data[:8192]:
        return Failure(origin, errors.BINARY)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return Failure(origin, errors.NOT_UTF8.format(pos=e.start))


def header_date(text: str) -> str | None:
    """The date of a `date YYYY-MM-DD` header, on its own line or inline before the text."""
    m = DATE_HEADER.match(text)
    return m.group(1) if m else None


def body_start(text: str) -> int:
    """Offset where the article body begins (after a date header, if any)."""
    m = DATE_HEADER.match(text)
    return m.end() if m else 0


def read_text(data: bytes, article_id: str, origin: str) -> Article | Failure:
    """One article from the bytes of a text file; offsets index the whole decoded file."""
    text = decode(data, origin)
    if isinstance(text, Failure):
        return text
    if len(text) > MAX_CHARS:
        return Failure(origin, errors.TOO_LARGE.format(size=len(text), limit=MAX_CHARS))
    return Article(id=article_id, text=text, date=header_date(text), origin=origin)
