"""HTML pages: the article body without boilerplate, with the page's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import errors
from onrecord.read import read_inputs
from onrecord.read.flatten import MAX_DEPTH, flatten
from onrecord.read.html import parse_html
from onrecord.read.sources import input_kind
from onrecord.types import Article, Failure


@pytest.mark.parametrize("entities", [False, True])
def test_page_text_is_the_plain_text(stories, entities: bool) -> None:
    for story in stories:
        article = parse_html(story.page(entities), story.name, "page")
        assert isinstance(article, Article)
        assert article.text == story.text.strip()
        assert "Privacy policy" not in article.text and "Subscribe" not in article.text


def test_page_metadata(stories) -> None:
    story = stories[0]
    article = parse_html(story.page(), story.name, "page")
    assert isinstance(article, Article)
    assert (article.title, article.date, article.outlet, article.url) == (
        story.title, story.date, story.outlet, story.url
    )


def test_fetched_url_wins_over_canonical(stories) -> None:
    article = parse_html(stories[0].page(), "x", "page", url="https://mirror.example/x")
    assert isinstance(article, Article) and article.url == "https://mirror.example/x"


@pytest.mark.parametrize(
    "page",
    [b"<html><body><nav><a href='/'>Home</a></nav></body></html>", b"<html></html>", b"\xff\xfe"],
)
def test_page_without_article_is_a_failure(page: bytes) -> None:
    assert parse_html(page, "x", "page") == Failure("page", errors.NO_ARTICLE_TEXT)


def test_html_files_are_read_by_suffix(tmp_path: Path, stories) -> None:
    for story in stories:
        (tmp_path / f"{story.name}.html").write_bytes(story.page())
    (tmp_path / "empty.htm").write_bytes(b"  \n")
    assert input_kind(tmp_path / "a.HTML") == "html" and input_kind(tmp_path / "a.htm") == "html"
    items = list(read_inputs([str(tmp_path)]))
    assert items[0] == Failure(str(tmp_path / "empty.htm"), errors.EMPTY)
    read = {a.id: a.text for a in items[1:] if isinstance(a, Article)}
    assert read == {s.name: s.text.strip() for s in stories}


def test_missing_extra_is_a_failure_per_file(tmp_path: Path, stories, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    (tmp_path / "a.html").write_bytes(stories[0].page())
    [failure] = list(read_inputs([str(tmp_path / "a.html")]))
    assert isinstance(failure, Failure) and "pip install 'onrecord[html]'" in failure.reason


@pytest.mark.parametrize("depth", [300, 1500, 2500, 20_000])
def test_article_under_deep_nesting_is_read(stories, depth: int) -> None:
    # libxml2 stops at 256 levels unless told otherwise, and at about 2,000 whatever it is told:
    # page builders (and hostile pages) can nest far deeper
    story = stories[0]
    page = story.page().decode()
    head, body = page.split("<main>", 1)
    deep = head + "<div>" * depth + "<main>" + body.replace("</main>", "</main>" + "</div>" * depth)
    article = parse_html(deep.encode(), story.name, "page")
    assert isinstance(article, Article) and article.text == story.text.strip()


def test_flattening_keeps_a_page_as_it_reads(stories) -> None:
    # the deep-page fallback must not change what an ordinary page says
    for story in stories:
        page = story.page().decode()
        flat = parse_html(flatten(page), story.name, "page")
        assert isinstance(flat, Article) and flat.text == story.text.strip()


@pytest.mark.parametrize("depth", [5_000, 50_000])
def test_flattened_page_is_shallow(depth: int) -> None:
    page = "<div class='x'>" * depth + "<p>Words &amp; more</p><br/>" + "</div>" * depth + "</b>"
    flat = flatten(page)
    assert flat.count("<div") == MAX_DEPTH and flat.count("</div>") == MAX_DEPTH
    assert "<p>Words &amp; more</p><br/>" in flat


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_page_with_a_byte_order_mark(tmp_path: Path, stories, encoding: str) -> None:
    story = stories[1]
    mark = "\ufeff" if encoding == "utf-16-le" else ""  # the plain codecs write their own
    html = (mark + story.page().decode()).replace('charset="utf-8"', "")
    (tmp_path / "page.html").write_bytes(html.encode(encoding))
    [article] = list(read_inputs([str(tmp_path / "page.html")]))
    assert isinstance(article, Article) and article.text == story.text.strip()
    assert article.date == story.date
