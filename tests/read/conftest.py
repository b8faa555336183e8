"""Web pages and WARC archives built from the project's own articles (tests/data/news)."""

from __future__ import annotations

import gzip
import html
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

NEWS = Path(__file__).parent.parent / "data" / "news"

META = {
    "harbour": ("Harbour dredging to start after delays", "2024-04-18", "Saltmarsh Courier"),
    "library": ("Library to open on Sundays", "2023-08-02", "Eastfield Evening Post"),
    "flood": ("Millbrook told to prepare for floods", "2022-11-25", "Valley Herald"),
}

BOILERPLATE_TOP = """<header><div class="logo">{outlet}</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/subscribe">Subscribe for just 1 dollar a week</a></li></ul></nav>
<div class="breaking">Breaking: traffic delays on the ring road</div></header>"""

BOILERPLATE_BOTTOM = """<aside class="related"><h3>Most read</h3><ul>
<li><a href="/a">Ten things to do this weekend</a></li>
<li><a href="/b">Readers' letters: the parking question</a></li></ul></aside>
<footer><p>Copyright 2024 {outlet}. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> |
<a href="/contact">Contact us</a></p>
<p>Sign up for our newsletter to get the day's headlines in your inbox.</p></footer>"""


@dataclass(frozen=True)
class Story:
    """One project article: its plain text, metadata and web page."""

    name: str
    text: str
    title: str
    date: str
    outlet: str

    @property
    def url(self) -> str:
        return f"https://news.example/{self.date[:4]}/{self.name}"

    def page(self, entities: bool = False) -> bytes:
        """The article as a news page with navigation, related links and a footer."""
        paragraphs = "\n".join(
            f"<p>{_escape(p, entities)}</p>" for p in self.text.strip().split("\n")
        )
        outlet = html.escape(self.outlet)
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(self.title)} | {outlet}</title>
<meta property="og:title" content="{html.escape(self.title)}">
<meta property="og:site_name" content="{outlet}">
<meta name="author" content="Staff Reporter">
<meta property="article:published_time" content="{self.date}T09:30:00Z">
<link rel="canonical" href="{self.url}">
</head><body>
{BOILERPLATE_TOP.format(outlet=outlet)}
<main><article><div class="article-body">
{paragraphs}
</div></article></main>
{BOILERPLATE_BOTTOM.format(outlet=outlet)}
</body></html>""".encode()


def _escape(paragraph: str, entities: bool) -> str:
    text = html.escape(paragraph, quote=False)
    if entities:  # curly quotes as named entities, as many CMSs write them
        text = text.replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;")
        text = text.replace("'", "&#39;")
    return text


@pytest.fixture(scope="session")
def stories() -> list[Story]:
    """The project's articles, each with the metadata its page carries."""
    return [
        Story(name, (NEWS / f"{name}.txt").read_text(encoding="utf-8"), *META[name])
        for name in sorted(META)
    ]


def warc_record(
    uri: str,
    body: bytes,
    record_id: str,
    *,
    warc_type: str = "response",
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    http_headers: str = "",
) -> bytes:
    """One uncompressed WARC/1.0 record; response records wrap `body` in an HTTP message."""
    if warc_type == "response":
        head = (
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{http_headers}"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        block, block_type = head.encode() + body, "application/http; msgtype=response"
    else:
        block, block_type = body, content_type
    header = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {block_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def gz(records: list[bytes]) -> bytes:
    """A .warc.gz: one gzip member per record, as crawlers write them."""
    return b"".join(gzip.compress(r) for r in records)


@pytest.fixture(scope="session")
def warcs() -> SimpleNamespace:
    """The record and archive builders, for tests that make their own archives."""
    return SimpleNamespace(record=warc_record, gz=gz)


@pytest.fixture
def archive_records(stories: list[Story]) -> list[tuple[str, bytes]]:
    """(kind, record) pairs: metadata, requests, three articles, a PDF, a 404, a repeat URL."""
    s = stories
    uuid = "00000000-0000-4000-8000-{:012d}".format
    return [
        ("warcinfo", warc_record("", b"software: onrecord-tests\r\n", uuid(1),
                                 warc_type="warcinfo", content_type="application/warc-fields")),
        ("request", warc_record(s[0].url, b"GET / HTTP/1.1\r\n\r\n", uuid(2),
                                warc_type="request", content_type="application/http")),
        ("article", warc_record(s[0].url, s[0].page(), uuid(3))),
        ("not-html", warc_record("https://news.example/report.pdf", b"%PDF-1.7 binary", uuid(4),
                                 content_type="application/pdf")),
        ("article", warc_record(s[1].url, s[1].page(entities=True), uuid(5))),
        ("not-200", warc_record("https://news.example/gone", b"<html>gone</html>", uuid(6),
                                status="404 Not Found")),
        ("duplicate", warc_record(s[0].url, s[0].page(), uuid(7))),
        ("article", warc_record(s[2].url, s[2].page(), uuid(8))),
    ]
