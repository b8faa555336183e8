"""Plain-text articles, optionally headed by `date YYYY-MM-DD`."""

from __future__ import annotations

import codecs
import re

from onrecord import errors
from onrecord.read.dates import parse_date, record_date
from onrecord.types import Article, Failure

DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
MAX_CHARS = 5_000_000
# UTF-32 first: its little-endian mark starts with UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 when the bytes start with that byte-order mark (Windows tools write them)."""
    return next((name for bom, name in BOMS if head.startswith(bom)), None)


def decode(data: bytes, origin: str) -> str | Failure:
    """Decode file bytes as UTF-8, or UTF-16/32 with a byte-order mark (mark dropped), or say why not."""
    if not data.strip():
        return Failure(origin, errors.EMPTY)
    encoding = bom_encoding(data[:4]) or "utf-8-sig"
    if encoding == "utf-8-sig" and b"\x00" in data[:8192]:
        return Failure(origin, errors.BINARY)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        if encoding == "utf-8-sig":
            return Failure(origin, errors.NOT_UTF8.format(pos=e.start))
        return Failure(origin, errors.NOT_DECODABLE.format(encoding=encoding.upper(), pos=e.start))
    return text if text.strip() else Failure(origin, errors.EMPTY)


def header_date(text: str) -> str | None:
    """The date of a `date YYYY-MM-DD` header, on its own line or inline before the text."""
    m = DATE_HEADER.match(text)
    return parse_date(m.group(1)) if m else None


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
    m = DATE_HEADER.match(text)
    date = record_date(m.group(1), origin) if m else None
    return Article(id=article_id, text=text, date=date, origin=origin)
