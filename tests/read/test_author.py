"""The byline: read from a page's metadata or a JSON line's `author`, written only when known."""

from __future__ import annotations

import json
from pathlib import Path

from onrecord.cli import main
from onrecord.read.html import parse_html
from onrecord.read.jsonl import parse_record
from onrecord.types import Article, Result

BODY = (
    "<p>The ferry to Gull Island will run every hour from June, the harbour board said on "
    "Monday, after a winter of cancelled crossings.</p>"
)


def page(head: str, body: str = BODY) -> bytes:
    return f"<html><head><title>Ferry</title>{head}</head><body><article>{body}</article>" \
        f"</body></html>".encode()


def test_page_author_from_metadata(stories) -> None:
    article = parse_html(stories[0].page(), "x", "page")
    assert isinstance(article, Article) and article.author == "Staff Reporter"
    two = parse_html(page('<meta name="author" content="Ana Ruiz">'
                          '<meta name="author" content="Tom Bell">'), "y", "page")
    assert isinstance(two, Article) and two.author == "Ana Ruiz; Tom Bell"
    none = parse_html(page(""), "z", "page")
    assert isinstance(none, Article) and none.author is None


def test_jsonl_author_field() -> None:
    line = json.dumps({"id": "f1", "text": "The ferry runs hourly.", "author": "Ana Ruiz"})
    article = parse_record(line, "in.jsonl:1", "in-1")
    assert isinstance(article, Article) and article.author == "Ana Ruiz"
    blank = parse_record(json.dumps({"id": "f2", "text": "Hourly.", "author": ""}), "o", "f")
    assert isinstance(blank, Article) and blank.author is None


def test_output_line_has_author_only_when_known() -> None:
    text = "The ferry runs hourly."
    with_author = Result(Article("f1", text, "2024-05-01", author="Ana Ruiz"), []).to_json()
    assert list(with_author) == ["id", "date", "title", "url", "outlet", "author", "quotes"]
    assert with_author["author"] == "Ana Ruiz"
    assert list(Result(Article("f2", text), []).to_json()) == [
        "id", "date", "title", "url", "outlet", "quotes"]


def test_extract_writes_the_byline(tmp_path: Path, stories) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "harbour.html").write_bytes(stories[0].page())
    records = [
        {"id": "ferry", "text": stories[1].text, "author": "Ana Ruiz"},
        {"id": "plain", "text": stories[2].text},
    ]
    (inputs / "feed.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(inputs), "--processes", "1", "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], d.get("author")) for d in lines] == [
        ("ferry", "Ana Ruiz"), ("plain", None), ("harbour", "Staff Reporter")]
    assert all(d["quotes"] for d in lines)
