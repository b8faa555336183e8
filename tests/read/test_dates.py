"""Dates are made ISO when read; anything else is dropped with a warning and the record kept."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.read import read_inputs
from onrecord.read.dates import parse_date
from onrecord.types import Article

DATES = [  # as written -> the day it names
    ("2024-05-01", "2024-05-01"),
    ("2024-05-01T23:30:00-05:00", "2024-05-01"),  # the writer's own day, not shifted to UTC
    ("2024-05-01T09:30:00Z", "2024-05-01"),
    ("2024-05-01 09:30:00.250+02:00", "2024-05-01"),
    ("20240501", "2024-05-01"),
    ("2024-W18-3", "2024-05-01"),
    ("  2024-05-01\n", "2024-05-01"),
    ("May 1, 2024", "2024-05-01"),
    ("may 1 2024", "2024-05-01"),
    ("1 May 2024", "2024-05-01"),
    ("1 May, 2024", "2024-05-01"),
    ("Jan. 5, 2024", "2024-01-05"),  # AP style
    ("Sept. 30, 2023", "2023-09-30"),
    ("Tuesday, May 1st, 2024", "2024-05-01"),
    ("29 February 2024", "2024-02-29"),
    ("Wed, 01 May 2024 09:30:00 GMT", "2024-05-01"),  # RFC 2822: feeds and HTTP headers
    ("01 May 2024 23:59:59 -0700", "2024-05-01"),
]

NOT_DATES = [
    "yesterday", "2024-99-99", "2024-02-30", "29 February 2023", "2024", "2024-05", "May 2024",
    "", "   ", "next Tuesday", "1/5/2024",  # day or month first? guessing would be wrong half the time
    "２０２４-05-01", "2024-05-01" + " " * 100 + "x", "Wed, 32 May 2024 09:30:00 GMT",
]


@pytest.mark.parametrize("written, iso", DATES)
def test_dates_as_written_become_iso(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize("written", NOT_DATES)
def test_what_is_not_a_date_is_none(written: str) -> None:
    assert parse_date(written) is None


@given(st.text(max_size=80))
def test_any_text_is_a_real_iso_date_or_none(text: str) -> None:
    iso = parse_date(text)
    assert iso is None or date.fromisoformat(iso).isoformat() == iso


def test_a_bad_date_is_dropped_with_a_warning_and_the_record_kept(tmp_path, caplog) -> None:
    records = [{"id": "a", "text": "The mayor said yes.", "date": "yesterday"},
               {"id": "b", "text": "The mayor said no.", "date": "May 1, 2024"},
               {"id": "c", "text": "The mayor said maybe.", "date": {"day": 1}},
               {"id": "d", "text": "date 2024-13-01\nThe mayor said so."}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("date 2024-02-30\n\"Fine,\" she said.\n", encoding="utf-8")
    items = list(read_inputs([str(path), str(tmp_path / "note.txt")]))
    assert all(isinstance(a, Article) for a in items)
    assert [(a.id, a.date) for a in items] == [
        ("a", None), ("b", "2024-05-01"), ("c", None), ("d", None), ("note", None)]
    hint = "; dropped (give ISO 8601 such as 2024-05-01, 'May 1, 2024', '1 May 2024' or an RFC " \
           "2822 date)"
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:1: date 'yesterday' is not a date{hint}",
        f"{path}:3: date {{'day': 1}} is not a date{hint}",
        f"{path}:4: date '2024-13-01' is not a date{hint}",
        f"{tmp_path / 'note.txt'}: date '2024-02-30' is not a date{hint}",
    ]


def test_the_cli_names_the_record_and_still_extracts_it(tmp_path, capsys) -> None:
    from onrecord.cli import main

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": '"Roads reopen Monday," said Mayor Ana Ortiz.',
                                "date": "2030-99-01"}) + "\n", encoding="utf-8")
    assert main(["extract", str(path), "--processes", "1", "--no-model", "-o",
                 str(tmp_path / "out.jsonl")]) == 0
    out = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert out["id"] == "a" and out["date"] is None
    assert capsys.readouterr().err.startswith(f"onrecord: {path}:1: date '2030-99-01' is not a date")
