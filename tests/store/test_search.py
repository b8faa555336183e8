"""Search and the read functions the CLI and the web share."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import result

from onrecord.cli import main
from onrecord.store import connect, get_quote, get_speaker, ingest, list_speakers, search
from onrecord.store.search import fts_query

ARTICLES = [
    (
        "p1",
        "2016-05-01",
        "Ledger",
        'Rep. Nora Quill said of the levy: "Recusal is not on the table for me," Quill said.',
        [("Recusal is not on the table for me,", "Quill", "Rep.")],
    ),
    (
        "p2",
        "2016-06-15",
        "Courier",
        'Tom Akers, the mayor, was blunt. "She should recuse herself from the vote," Akers said.',
        [("She should recuse herself from the vote,", "Akers")],
    ),
    (
        "p3",
        "2016-07-20",
        "Ledger",
        'Quill answered him. "I will not recuse myself," Quill said, and Akers said she was wrong.',
        [("I will not recuse myself,", "Quill"), ("she was wrong", "Akers", None, "indirect")],
    ),
]


@pytest.fixture
def filled(db):
    ingest(db, [result(a, d, t, q, outlet=o) for a, d, o, t, q in ARTICLES])
    return db


def texts(found: dict) -> list[str]:
    return [r["text"] for r in found["results"]]


def test_words_stemmed_and_speaker_by_alias(filled) -> None:
    assert texts(search(filled, "recuse", speaker="Quill")) == [
        "I will not recuse myself,",
        "Recusal is not on the table for me,",
    ]
    assert texts(search(filled, "recuse", speaker="Nora Quill"))[1].startswith("Recusal")
    assert search(filled, "recuse")["total"] == 3
    assert search(filled, "recuse", speaker="Nobody")["total"] == 0


def test_filters_dates_outlet_kind_paging(filled) -> None:
    assert texts(search(filled, since="2016-06-01", until="2016-06-30")) == [
        "She should recuse herself from the vote,"
    ]
    assert search(filled, outlet="ledger")["total"] == 3
    assert texts(search(filled, kind="indirect")) == ["she was wrong"]
    page = search(filled, limit=2, offset=2)
    assert page["total"] == 4 and len(page["results"]) == 2


def test_result_shape(filled) -> None:
    (r,) = search(filled, '"table for me"')["results"]
    assert set(r) >= {"id", "text", "speaker", "num_occurrences", "first_seen", "occurrences"}
    assert r["speaker"] == {
        "id": r["speaker"]["id"],
        "name": "Nora Quill",
        "type": "person",
        "title": "Representative",
        "party": None,
        "state": None,
    }
    (o,) = r["occurrences"]
    assert (o["mention"], o["source_type"]) == ("Quill", "person")
    text = ARTICLES[0][3]
    assert text[o["start"] : o["end"]] == r["text"]
    assert (o["article_id"], o["date"], o["outlet"]) == ("p1", "2016-05-01", "Ledger")
    full = get_quote(filled, r["id"])
    assert full["occurrences"][0]["before"].endswith('levy: "')
    assert get_quote(filled, 10_000) is None


def test_speakers(filled) -> None:
    names = [s["name"] for s in list_speakers(filled)]
    assert names == ["Nora Quill", "Tom Akers"]
    (quill,) = list_speakers(filled, "qui")
    one = get_speaker(filled, quill["id"])
    assert one["quotes_per_month"] == [
        {"month": "2016-05", "quotes": 1},
        {"month": "2016-07", "quotes": 1},
    ]
    assert get_speaker(filled, 999) is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_query_is_safe(query: str) -> None:
    conn = connect(":memory:")
    found = search(conn, query)  # never an FTS5 syntax error, whatever the user types
    assert found["total"] == 0
    assert fts_query(query).count('"') % 2 == 0


def test_cli_search_json_and_speakers(filled, tmp_path, capsys) -> None:
    path = filled.execute("PRAGMA database_list").fetchone()[2]
    assert main(["search", "recuse", "--speaker", "Quill", "--db", path, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["speaker"]["name"] for r in out] == ["Nora Quill", "Nora Quill"]
    assert main(["speakers", "Akers", "--db", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Tom Akers"
    assert main(["search", "--db", str(tmp_path / "missing.db")]) == 2
    assert main(["search", "recuse", "--source-type", "person", "--db", path,
                 "--format", "json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert people and all(r["speaker"]["type"] == "person" for r in people)
    assert main(["search", "recuse", "--source-type", "anonymous", "--db", path,
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("walk", [0, 10**9])
@pytest.mark.parametrize("probe", [0, 10**9])
def test_every_plan_gives_the_same_answer(db, monkeypatch, walk: int, probe: int) -> None:
    """The plan chosen by hit counts changes the work done, never the result."""
    import importlib

    from store_helpers import corpus

    module = importlib.import_module("onrecord.store.search")  # the package exports `search`
    ingest(db, corpus(60))
    queries = [
        {"query": "settle"},
        {"query": "settle", "since": "2016-03-01", "until": "2016-06-30"},
        {"query": "settle", "outlet": "nowhere"},
        {"query": "changes", "kind": "direct", "limit": 7, "offset": 3},
        {"speaker": "Quill", "since": "2016-02"},
        {"speaker": "Quill", "query": "budget", "until": "2016-09-30"},
        {"since": "2016-04-01", "until": "2016-04-30"},
        {},
    ]
    expected = [search(db, **q) for q in queries]
    assert [e["total"] for e in expected] == [60, 20, 0, 5, 12, 3, 10, 65]
    monkeypatch.setattr(module, "WALK_INDEX_ABOVE", walk)
    monkeypatch.setattr(module, "PROBE_UP_TO", probe)
    assert [search(db, **q) for q in queries] == expected
