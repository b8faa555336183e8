"""JSON lines: a bad line costs only itself and is reported with its real line number."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from onrecord import errors
from onrecord.read import read_inputs
from onrecord.read.sources import read_stdin
from onrecord.types import Article, Failure


def good(n: int) -> bytes:
    return json.dumps({"id": f"r{n}", "text": f"Officials said pier {n} would reopen."}).encode()


def lines_with(bad: dict[int, bytes], total: int = 50) -> bytes:
    """`total` JSON lines; line n is bad[n] where given, else a good record with id r{n}."""
    return b"".join(bad.get(n, good(n)) + b"\n" for n in range(1, total + 1))


def read(data: bytes, how: str, tmp_path: Path) -> list[Article | Failure]:
    if how == "stdin":
        return list(read_stdin(data))
    path = tmp_path / f"in.{how}"
    path.write_bytes(gzip.compress(data) if how.endswith(".gz") else data)
    return list(read_inputs([str(path)]))


def origin(how: str, tmp_path: Path, line: int) -> str:
    return f"<stdin>:{line}" if how == "stdin" else f"{tmp_path / f'in.{how}'}:{line}"


@pytest.mark.parametrize("how", ["jsonl", "jsonl.gz", "stdin"])
@pytest.mark.parametrize("at", [1, 10, 45])
def test_an_invalid_byte_costs_only_its_line(tmp_path, how: str, at: int) -> None:
    bad = good(at).replace(b"Officials", b"Offic\xe9ials")
    items = read(lines_with({at: bad}), how, tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == [f"r{n}" for n in range(1, 51) if n != at]
    [failure] = [f for f in items if isinstance(f, Failure)]
    pos = bad.index(b"\xe9")
    assert failure == Failure(origin(how, tmp_path, at), errors.LINE_NOT_UTF8.format(pos=pos))
    assert items.index(failure) == at - 1  # in its place among the articles


BAD_RECORDS = [  # a line that is no article, and what the report says
    (b'{"id": "n", "text": "He said so.", "count": ' + b"7" * 5000 + b"}", "integer string conversion"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"id": "n", "text": "He said so.", "tags": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested too deeply"),
    (json.dumps({"id": {"a": 1}, "text": "He said so."}).encode(), "'id' must be a string or an integer, not object"),
    (json.dumps({"id": ["a"], "text": "He said so."}).encode(), "not array"),
    (json.dumps({"id": True, "text": "He said so."}).encode(), "not boolean"),
    (json.dumps({"id": 1.5, "text": "He said so."}).encode(), "not number"),
    (json.dumps({"id": "x" * 1_000_000, "text": "He said so."}).encode(), "'id' of 1,000,000 characters is over the limit"),
    (b'{"id": "s", "text": "He said \\ud800 so."}', "'text' holds an unpaired surrogate escape (\\ud800)"),
    (b'{"id": "\\udfff", "text": "He said so."}', "'id' holds an unpaired surrogate"),
    (b'{"id": "t", "text": 12}', errors.NO_TEXT),
    (b'{"id": "t", "text": "  "}', errors.EMPTY_TEXT),
    (b'"just a string"', "JSON line is a str"),
    (b'{"id": "t", "text": "He said so."', "malformed JSON"),
    (b'{"id": "t", \x00"text": "He said so."}', errors.LINE_BINARY),
]


@pytest.mark.parametrize("line, reason", BAD_RECORDS, ids=range(len(BAD_RECORDS)))
def test_a_line_that_is_no_article_is_that_lines_failure(tmp_path, line: bytes, reason: str) -> None:
    items = read(lines_with({3: line}, total=5), "jsonl", tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == ["r1", "r2", "r4", "r5"]
    [failure] = [f for f in items if isinstance(f, Failure)]
    assert failure.origin == origin("jsonl", tmp_path, 3) and reason in failure.reason


def test_integer_ids_are_text_and_metadata_that_is_not_text_is_dropped(tmp_path, caplog) -> None:
    record = {"id": 1234, "text": "He said so.", "title": {"x": 1}, "outlet": "Daily",
              "author": ["Ann Lee", "Bo Chan"], "url": "u" * 20_000}
    [article] = read(json.dumps(record).encode(), "jsonl", tmp_path)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.outlet, article.author, article.url) == (
        "1234", None, "Daily", "Ann Lee; Bo Chan", None)
    warned = [r.getMessage() for r in caplog.records]
    where = origin("jsonl", tmp_path, 1)
    assert f"{where}: 'title' is a JSON object, not text; dropped" in warned
    assert f"{where}: 'url' is 20,000 characters long, over the limit of 10,000; dropped" in warned


def test_an_over_long_line_is_skipped_unread(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("onrecord.read.jsonl.MAX_LINE_BYTES", 200)
    long = json.dumps({"id": "long", "text": "word " * 100}).encode()
    exact = json.dumps({"id": "edge", "text": "w" * (200 - 26)}).encode()
    assert len(exact) == 200  # the limit exactly, at the end of the file without a newline
    items = read(lines_with({2: long}, total=3) + exact, "jsonl", tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == ["r1", "r3"]
    assert [f.origin[-2:] for f in items if isinstance(f, Failure)] == [":2", ":4"]
    assert items[1].reason.startswith(f"line of {len(long) + 1} bytes is over the limit of 200")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("how", ["jsonl", "stdin"])
def test_utf16_and_utf32_with_a_byte_order_mark(tmp_path, encoding: str, how: str) -> None:
    text = "\n".join(json.dumps({"id": f"w{n}", "text": "Élise said «oui»."}, ensure_ascii=False)
                     for n in range(3))
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")  # the plain codecs write their own mark
    items = read((bom + text + "\n").encode(encoding), how, tmp_path)
    assert [(a.id, a.text) for a in items] == [(f"w{n}", "Élise said «oui».") for n in range(3)]


def test_utf16_text_file_is_read_not_called_binary(tmp_path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("date 2024-05-01\n\"We are ready,\" said Coach Ben Ruiz.\n", encoding="utf-16")
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article) and article.date == "2024-05-01"
    assert article.text.startswith("date 2024-05-01\n\"We are ready,\"")
    path.write_bytes("\ufeffok".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    [failure] = read_inputs([str(path)])
    assert failure.reason.startswith("not valid UTF-16 at byte")


def test_nul_bytes_on_the_first_line_mean_a_binary_file(tmp_path) -> None:
    items = read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n" + good(2) + b"\n", "jsonl", tmp_path)
    assert items == [Failure(str(tmp_path / "in.jsonl"), errors.BINARY)]


def test_too_large_names_no_flag_that_does_not_exist(tmp_path) -> None:
    from onrecord.read.text import MAX_CHARS

    path = tmp_path / "huge.txt"
    path.write_text("He said so. " * (MAX_CHARS // 12 + 1), encoding="utf-8")
    [failure] = read_inputs([str(path)])
    assert failure.reason.endswith("split it into smaller articles") and "--" not in failure.reason


def test_ingest_prints_each_failure_as_it_happens(tmp_path, monkeypatch, capsys) -> None:
    from onrecord.store.db import connect
    from onrecord.store.ingest import ingest
    from onrecord.types import Result

    seen: list[Failure] = []

    def results():
        yield Failure("in.jsonl:1", "malformed JSON")
        assert seen == [Failure("in.jsonl:1", "malformed JSON")]  # before its batch is stored
        yield Result(Article(id="a", text="He said so."), [])

    conn = connect(tmp_path / "q.db")
    stats = ingest(conn, results(), batch_size=100, on_failure=seen.append)
    assert stats.stored == 1 and stats.failures == seen
    conn.close()

    from onrecord.cli import main

    data = lines_with({2: b'{"id": 1, "n": ' + b"9" * 5000 + b"}", 3: b"\xff{}"}, total=4)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    db = tmp_path / "cli.db"
    assert main(["ingest", "-", "--db", str(db), "--processes", "1", "--batch-size", "2"]) == 1
    out = capsys.readouterr()
    summary = json.loads(out.out)
    assert (summary["stored"], summary["failures"]) == (2, 2)
    err = out.err.rstrip("\n").split("\n")
    # Each failure on a line of its own as its batch comes in, between the progress lines.
    assert err[0] == "onrecord: <stdin>:2: JSON line cannot be read as an article: Exceeds the " \
                     "limit (4300 digits) for integer string conversion: value has 5000 digits"
    assert err[1].startswith("\ronrecord: 1 articles stored, ")
    assert err[2] == "onrecord: <stdin>:3: " + errors.LINE_NOT_UTF8.format(pos=0)
    assert err[3].startswith("\ronrecord: 2 articles stored, ") and len(err) == 4
