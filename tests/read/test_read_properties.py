"""Property tests: whatever the bytes, the readers never raise and never lose a good record."""

from __future__ import annotations

import gzip
import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord import errors
from onrecord.read import read_inputs
from onrecord.read.html import parse_html
from onrecord.read.sources import read_stdin
from onrecord.read.text import read_text
from onrecord.types import Article, Failure

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
article_text = st.text(min_size=1, max_size=80).filter(lambda t: t.strip())
# what a good record may carry besides its id and text: dropped with a warning when not usable
metadata = st.dictionaries(
    st.sampled_from(["date", "title", "url", "outlet", "author"]),
    json_values | st.sampled_from(["2024-05-01", "May 1, 2024", "yesterday", "2024-99-99"]),
    max_size=3,
)


@st.composite
def json_lines(draw) -> tuple[bytes, dict[int, tuple[str, str]]]:
    """A JSON lines file of good records among junk; {line number: (id, text)} of the good ones."""
    lines, good = [], {}
    for number in range(1, draw(st.integers(1, 12)) + 1):
        kind = draw(st.sampled_from(["good", "good", "bytes", "json", "blank"]))
        if kind == "good":
            text = draw(article_text)
            record = {"id": f"good-{number}", "text": text, **draw(metadata)}
            if draw(st.booleans()):
                record = {"id": number, "text": text}  # integer ids are ids too
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())).encode())
            good[number] = (str(record["id"]), text)
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=60)).replace(b"\n", b""))
        elif kind == "json":
            lines.append(json.dumps(draw(json_values)).encode())
        else:
            lines.append(draw(st.sampled_from([b"", b"  ", b"\t\r"])))
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + ending.join(lines) + draw(st.sampled_from([b"", ending])), good


def starts_binary(data: bytes) -> bool:
    """The reader's rule: NUL bytes early, and a first line that is not text, make a binary file."""
    first = data.split(b"\n", 1)[0]
    try:
        first.decode("utf-8-sig")
    except UnicodeDecodeError:
        return b"\x00" in data[:8192]
    return b"\x00" in first


def check_lines(items: list, name: str, good: dict[int, tuple[str, str]], data: bytes) -> None:
    assert all(isinstance(i, (Article, Failure)) for i in items)
    if not data.decode("utf-8-sig", errors="replace").strip():  # blank lines only
        assert items == [Failure(name, errors.EMPTY)]
        return
    if starts_binary(data):
        assert items == [Failure(name, errors.BINARY)]
        return
    by_line: dict[int, Article | Failure] = {}
    for item in items:
        where, _, number = item.origin.rpartition(":")
        assert where == name and number.isdigit() and int(number) not in by_line
        by_line[int(number)] = item
    for number, (article_id, text) in good.items():  # every good record, in its place
        article = by_line[number]
        assert isinstance(article, Article), article
        assert (article.id, article.text) == (article_id, text)
        assert article.date is None or date.fromisoformat(article.date).isoformat() == article.date
    assert list(by_line) == sorted(by_line)


@SETTINGS
@given(json_lines(), st.sampled_from(["jsonl", "jsonl.gz"]))
def test_json_lines_files(case, suffix: str) -> None:
    data, good = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in.{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        check_lines(list(read_inputs([str(path)])), str(path), good, data)


@SETTINGS
@given(json_lines())
def test_json_lines_on_standard_input(case) -> None:
    data, good = case
    if 1 in good:  # JSON lines are recognised by their first line; anything else is a text
        check_lines(list(read_stdin(data)), "<stdin>", good, data)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_as_any_file(data: bytes) -> None:
    for name in ("a.txt", "a.jsonl", "a.jsonl.gz", "a.html", "a.warc", "a.warc.gz"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            for item in read_inputs([str(path)]):
                assert isinstance(item, (Article, Failure))
                assert item.origin.startswith(str(path)), item
    text = read_text(data, "x", "x.txt")
    assert isinstance(text, Failure) or text.text.strip()


elements = st.recursive(
    st.text(max_size=40).map(lambda t: t.replace("<", " ")),
    lambda inner: st.tuples(
        st.sampled_from(["div", "p", "article", "main", "span", "nav", "script", "table", "td",
                         "h1", "blockquote", "footer", "time", "section"]),
        st.lists(inner, max_size=4),
        st.booleans(),  # closed or left open, as real pages do
        st.sampled_from(["", ' class="content"', ' datetime="yesterday"', ' id="x"']),
    ).map(lambda e: f"<{e[0]}{e[3]}>{''.join(e[1])}" + (f"</{e[0]}>" if e[2] else "")),
    max_leaves=20,
)


@SETTINGS
@given(elements, st.sampled_from(["", "2024-05-01", "yesterday", "Wed, 01 May 2024 09:30:00 GMT"]),
       st.integers(0, 400), st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_any_html(body: str, published: str, depth: int, encoding: str) -> None:
    page = (f'<html><head><meta property="article:published_time" content="{published}">'
            f"<title>t</title></head><body>{'<div>' * depth}{body}</body></html>")
    result = parse_html(page.encode(encoding, errors="replace"), "x", "page")
    assert isinstance(result, (Article, Failure))
    if isinstance(result, Article):
        assert len(result.text.split()) >= 5
        assert result.date is None or date.fromisoformat(result.date).isoformat() == result.date
