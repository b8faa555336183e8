"""Web pages: trafilatura keeps the article body and metadata; the extracted text is the article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onrecord import errors
from onrecord.read.dates import record_date
from onrecord.read.flatten import flatten
from onrecord.read.text import MAX_CHARS
from onrecord.types import Article, Failure

HTML_SUFFIXES = (".html", ".htm")
MIN_WORDS = 5  # fewer is a menu or a stub (trafilatura falls back to any text it finds)

# Comments and tables are not the article's reported speech; dropping them keeps quotes clean.
OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
}


def trafilatura_module() -> Any:
    try:
        import trafilatura
    except ImportError as e:
        raise errors.MissingDependency(
            errors.NEEDS_EXTRA.format(what="reading HTML", extra="html")) from e
    return trafilatura


def load_tree(data: bytes | str) -> Any:
    """The page's lxml tree as trafilatura builds it, but without libxml2's limit of 256 levels.

    Pages that wrap the article in hundreds of nested elements would otherwise lose everything
    below that depth ("no article text found"); libxml2's hard ceiling is then about 2,000
    levels, and a page it stops in is parsed again made shallower (read/flatten.py).
    """
    from lxml.etree import LxmlError
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

    global _parser
    if _parser is None:  # trafilatura's own parser settings plus huge_tree
        _parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                             remove_comments=True, remove_pis=True, huge_tree=True)
    text = decode_file(data)
    beginning = text[:50].lower()
    try:
        tree = fromstring(repair_faulty_html(text, beginning).encode("utf-8", "surrogatepass"),
                          parser=_parser)
        if any("Excessive depth" in e.message for e in _parser.error_log):
            tree = fromstring(flatten(repair_faulty_html(text, beginning)).encode(
                "utf-8", "surrogatepass"), parser=_parser)
    except LxmlError:  # "Document is empty" and the like: no page to read
        return None
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        return None  # trafilatura's own test for "not HTML at all"
    return tree


_parser: Any = None


def parse_html(
    data: bytes | str, article_id: str, origin: str, url: str | None = None
) -> Article | Failure:
    """One Article from the bytes of a page: body text plus title, author, date, url, site name."""
    trafilatura = trafilatura_module()
    try:
        tree = load_tree(data)
        doc = None if tree is None else trafilatura.bare_extraction(tree, url=url, **OPTIONS)
    except RecursionError:
        return Failure(origin, errors.HTML_FAILED.format(msg="elements nested too deeply"))
    except (ValueError, TypeError, AttributeError, LookupError) as e:  # lxml/htmldate on odd pages
        return Failure(origin, errors.HTML_FAILED.format(msg=e))
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        return Failure(origin, errors.NO_ARTICLE_TEXT)
    if len(text) > MAX_CHARS:
        return Failure(origin, errors.TOO_LARGE.format(size=len(text), limit=MAX_CHARS))
    return Article(
        id=article_id,
        text=text,
        origin=origin,
        date=record_date(_clean(doc.date), origin),
        url=url or _clean(doc.url),
        title=_clean(doc.title),
        outlet=_clean(doc.sitename) or _clean(doc.hostname),
        author=_clean(doc.author),  # trafilatura joins several bylines with "; "
    )


def read_html(path: Path) -> Iterator[Article | Failure]:
    """The article of one .html file; its id is the file name without suffix."""
    data = path.read_bytes()
    if not data.strip():
        yield Failure(str(path), errors.EMPTY)
        return
    try:
        yield parse_html(data, path.stem, str(path))
    except errors.MissingDependency as e:
        yield Failure(str(path), str(e))


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
