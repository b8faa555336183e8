"""A page and an archive record give the attributions of the article's plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.types import Article, Result


def quotes_of(items: list[Article]) -> dict[str, list[dict]]:
    """Attributions by article text, so the same article read three ways lines up."""
    results = list(extract(items))
    assert all(isinstance(r, Result) for r in results)
    return {r.article.text.strip(): [q.to_json(r.article.text) for q in r.quotes] for r in results}


@pytest.fixture(scope="module")
def plain(stories) -> dict[str, list[dict]]:
    return quotes_of([Article(id=s.name, text=s.text, origin=s.name) for s in stories])


def test_the_articles_have_attributions(plain) -> None:
    assert all(len(quotes) >= 3 for quotes in plain.values())


def test_html_pages_give_the_plain_attributions(tmp_path: Path, stories, plain) -> None:
    for s in stories:
        (tmp_path / f"{s.name}.html").write_bytes(s.page(entities=s.name == "library"))
    articles = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(a, Article) for a in articles)
    assert quotes_of(articles) == plain


def test_warc_records_give_the_plain_attributions(tmp_path: Path, archive_records, warcs, plain):
    tail = warcs.gz([warcs.record("https://news.example/next", b"<html>" + b"x" * 4000, "9")])
    records = [r for _, r in archive_records]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warcs.gz(records) + tail[: len(tail) // 2])  # cut inside one more record
    items = list(read_inputs([str(path)]))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) == 3 and len(items) == 4  # the cut record is reported, not read
    assert quotes_of(articles) == plain
