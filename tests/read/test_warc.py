"""WARC archives: HTML responses become articles; everything else is skipped and counted."""

from __future__ import annotations

import gzip
import json
import zlib
from collections import Counter
from pathlib import Path

import pytest

from onrecord.read import read_inputs
from onrecord.read.sources import input_kind
from onrecord.read.warc import dechunk, read_warc
from onrecord.types import Article, Failure

ARTICLE_IDS = [f"urn:uuid:00000000-0000-4000-8000-{n:012d}" for n in (3, 5, 8)]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_the_plain_articles(
    tmp_path, stories, archive_records, warcs, name
):
    records = [r for _, r in archive_records]
    path = write(tmp_path, name, warcs.gz(records) if name.endswith(".gz") else b"".join(records))
    skipped: Counter[str] = Counter()
    items = list(read_warc(path, skipped))
    assert all(isinstance(a, Article) for a in items)
    assert [a.id for a in items] == ARTICLE_IDS
    assert [a.text for a in items] == [s.text.strip() for s in stories]
    assert [a.url for a in items] == [s.url for s in stories]
    assert [a.date for a in items] == [s.date for s in stories]
    assert items[0].origin == f"{path}:<{ARTICLE_IDS[0]}>"
    assert skipped == Counter(
        {"warcinfo": 1, "request": 1, "not-html": 1, "not-200": 1, "duplicate-url": 1}
    )


def test_truncated_tail_yields_every_record_before_it(tmp_path, archive_records, warcs):
    data = warcs.gz([r for _, r in archive_records])
    path = write(tmp_path, "cut.warc.gz", data[: len(data) - 300])
    items = list(read_warc(path))
    assert [a.id for a in items[:-1]] == ARTICLE_IDS[:2]
    assert isinstance(items[-1], Failure)
    assert items[-1].origin == f"{path}:<{ARTICLE_IDS[2]}>"
    assert "truncated" in items[-1].reason


@pytest.mark.parametrize("into_http", [0, 10, 40])
def test_record_cut_in_its_http_header_is_truncated_not_a_bad_status(
    tmp_path, archive_records, warcs, into_http
):
    records = [r for _, r in archive_records]
    last = records[-1]
    cut = last[: last.index(b"\r\n\r\n") + 4 + into_http]  # whole WARC header, HTTP head cut
    path = write(tmp_path, "cut.warc.gz", warcs.gz(records[:-1]) + gzip.compress(cut))
    skipped: Counter[str] = Counter()
    items = list(read_warc(path, skipped))
    assert [a.id for a in items[:-1]] == ARTICLE_IDS[:2]
    assert items[-1].origin == f"{path}:<{ARTICLE_IDS[2]}>"
    assert items[-1].reason.startswith("record truncated: 0 of ")
    assert skipped["not-200"] == 1  # the real 404 only


def test_corrupt_middle_ends_the_archive_with_one_failure(tmp_path, archive_records):
    records = [gzip.compress(r) for _, r in archive_records]
    damaged = b"".join(records[:3]) + b"\x1f\x8b\x08\x00garbage" + b"".join(records[3:])
    items = list(read_inputs([str(write(tmp_path, "bad.warc.gz", damaged))]))
    assert [a.id for a in items if isinstance(a, Article)] == ARTICLE_IDS[:1]
    assert isinstance(items[-1], Failure)
    assert "after record <urn:uuid:00000000-0000-4000-8000-000000000003>" in items[-1].reason


def test_not_an_archive(tmp_path):
    path = write(tmp_path, "notes.warc.gz", b"these are not the records you want\n" * 3)
    [failure] = list(read_inputs([str(path)]))
    assert isinstance(failure, Failure) and "from its start" in failure.reason


def test_encoded_bodies_are_decoded(tmp_path, stories, warcs):
    page = stories[0].page()
    chunks = (page[:100], page[100:])
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
    deflated = zlib.compress(page)
    record = warcs.record
    path = write(tmp_path, "enc.warc.gz", warcs.gz([
        record("https://a.example/1", gzip.compress(page), "1",
               http_headers="Content-Encoding: gzip\r\n"),
        record("https://a.example/2", chunked, "2", http_headers="Transfer-Encoding: chunked\r\n"),
        record("https://a.example/3", deflated, "3", http_headers="Content-Encoding: deflate\r\n"),
        record("https://a.example/4", page, "4", http_headers="Content-Encoding: zstd-x\r\n"),
    ]))
    items = list(read_warc(path))
    assert [a.text for a in items[:3]] == [stories[0].text.strip()] * 3
    assert isinstance(items[3], Failure) and "Content-Encoding" in items[3].reason


def test_dechunk_leaves_plain_bodies_alone():
    assert dechunk(b"<html>already plain</html>") == b"<html>already plain</html>"
    assert dechunk(b"4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n") == b"abcdef"


def test_reading_is_lazy(tmp_path, archive_records, warcs):
    path = write(tmp_path, "big.warc.gz", warcs.gz([r for _, r in archive_records]) + b"\x00" * 10)
    first = next(iter(read_warc(path)))
    assert isinstance(first, Article) and first.id == ARTICLE_IDS[0]


def test_suffixes():
    assert input_kind(Path("x.warc.gz")) == input_kind(Path("X.WARC")) == "warc"
    assert input_kind(Path("x.warc.zst")) is None


def test_cut_inside_a_record_header_is_reported(tmp_path, archive_records, warcs):
    records = [r for _, r in archive_records]
    last = warcs.gz(records[-1:])
    path = write(tmp_path, "cut.warc.gz", warcs.gz(records[:-1]) + last[:25])
    items = list(read_warc(path))
    assert [a.id for a in items[:-1]] == ARTICLE_IDS[:2]
    assert items[-1] == Failure(str(path), "archive unreadable after record "
                                "<urn:uuid:00000000-0000-4000-8000-000000000007> (cut short); "
                                "every record before it was read")


def test_plain_archive_with_a_cut_header(tmp_path, archive_records):
    records = [r for _, r in archive_records]
    path = write(tmp_path, "cut.warc", b"".join(records[:-1]) + records[-1][:40])
    items = list(read_warc(path))
    assert [a.id for a in items[:-1]] == ARTICLE_IDS[:2] and isinstance(items[-1], Failure)
    whole = write(tmp_path, "whole.warc", b"".join(records))
    assert all(isinstance(a, Article) for a in read_warc(whole))


def test_cli_reports_failed_records_by_id_and_skips_by_reason(
    tmp_path, archive_records, warcs, capsys
):
    from onrecord.cli import main

    nav = b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    extra = [
        warcs.record("https://news.example/section", nav, "00000000-0000-4000-8000-000000000009"),
        warcs.record("https://news.example/odd", b"\x00\x01", "00000000-0000-4000-8000-000000000010",
                     http_headers="Content-Encoding: zstd-x\r\n"),
    ]
    path = write(tmp_path, "crawl.warc.gz", warcs.gz([r for _, r in archive_records] + extra))
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(path), "--processes", "1", "-o", str(out)]) == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ARTICLE_IDS  # the repeat URL once
    err = capsys.readouterr().err.splitlines()
    # The summary is written when the reader finishes, which may be before the failures
    # have come back from extraction.
    assert sorted(err) == sorted([
        f"onrecord: {path}:<urn:uuid:00000000-0000-4000-8000-000000000009>: "
        "no article text found in the page (navigation, index or empty page?)",
        f"onrecord: {path}:<urn:uuid:00000000-0000-4000-8000-000000000010>: "
        "cannot read: unsupported Content-Encoding 'zstd-x'",
        f"onrecord: {path}: 3 articles read; records skipped: "
        "1 duplicate-url, 1 not-200, 1 not-html, 1 request, 1 warcinfo",
    ])


def test_ingest_reports_skipped_records_too(tmp_path, archive_records, warcs, capsys):
    from onrecord.cli import main

    path = write(tmp_path, "crawl.warc.gz", warcs.gz([r for _, r in archive_records]))
    db = tmp_path / "quotes.db"
    assert main(["ingest", str(path), "--db", str(db), "--processes", "1", "-q"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["stored"] == len(ARTICLE_IDS)
    assert f"onrecord: {path}: 3 articles read; records skipped: " in captured.err
