"""Quote merging: the same words from the same speaker, in several outlets, are one quote."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_helpers import result

from onrecord.store import get_quote, ingest, search
from onrecord.store.merge import normalize, within

LONG = (
    "We are going to build roads and bridges in every county of this state, and we will pay "
    "for them without raising a single tax on working families."
)


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("“We’re READY,” she said!", "we re ready she said"),
        ("Ça va… très bien", "ca va … tres bien"),
        ("one... two [...] three", "one … two … three"),
        ('"Total,"', "total"),
    ],
)
def test_normalize(text: str, norm: str) -> None:
    assert normalize(text) == norm


def test_within_needs_order_word_boundaries_and_length() -> None:
    long = normalize(LONG)
    assert within(normalize("build roads and bridges in every county of this state"), long)
    assert within(normalize("We are going to build roads … without raising a single tax"), long)
    assert not within(normalize("without raising a single tax … We are going to build roads"), long)
    assert not within(normalize("uild roads and bridges in every county of this stat"), long)
    assert not within(normalize("in every county"), long)  # too short to prove anything


@given(st.text(max_size=200))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def _article(aid: str, date: str, words: str, speaker: str, outlet: str) -> object:
    text = f'Gov. Rosa Delgado spoke at a rally. "{words}" {speaker} said on Friday.'
    return result(aid, date, text, [(words, speaker)], outlet=outlet)


def test_same_quote_across_outlets_is_one_quote(db) -> None:
    short = "build roads and bridges in every county of this state"
    ellipsed = "We are going to build roads … without raising a single tax on working families."
    ingest(
        db,
        [
            _article("o1", "2016-03-02", short, "Delgado", "Ledger"),
            _article("o2", "2016-03-01", LONG, "Gov. Rosa Delgado", "Courier"),
            _article("o3", "2016-03-04", LONG.upper(), "Rosa Delgado", "Wire"),
            _article("o4", "2016-03-05", ellipsed, "Delgado", "Herald"),
            _article(
                "o5", "2016-03-05", "Thank you all for coming out tonight.", "Delgado", "Ledger"
            ),
        ],
    )
    found = search(db, "bridges")
    assert found["total"] == 1
    (quote,) = found["results"]
    assert quote["text"] == LONG  # the fullest form is the one shown (first of equal length)
    assert quote["num_occurrences"] == 4
    assert (quote["first_seen"], quote["last_seen"]) == ("2016-03-01", "2016-03-05")
    assert sorted(o["outlet"] for o in quote["occurrences"]) == [
        "Courier",
        "Herald",
        "Ledger",
        "Wire",
    ]
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2
    full = get_quote(db, quote["id"])
    assert {o["quote"] for o in full["occurrences"]} >= {LONG, short}


def test_same_words_from_different_speakers_stay_apart(db) -> None:
    ingest(
        db,
        [
            _article("d1", "2016-03-02", LONG, "Rosa Delgado", "Ledger"),
            _article("d2", "2016-03-02", LONG, "Tom Akers", "Ledger"),
            _article("d3", "2016-03-02", LONG, "", "Ledger"),  # no speaker: never merged
            _article("d4", "2016-03-02", LONG, "", "Courier"),
        ],
    )
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 4


def test_cut_form_far_apart_in_time_is_not_merged(db) -> None:
    short = "build roads and bridges in every county of this state"
    ingest(
        db,
        [
            _article("t1", "2016-03-02", LONG, "Rosa Delgado", "Ledger"),
            _article("t2", "2019-11-20", short, "Rosa Delgado", "Ledger"),
        ],
    )
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2


def test_short_quote_arriving_first_is_absorbed_by_longer(db) -> None:
    first = "build roads and bridges in every county of this state"
    second = "without raising a single tax on working families"
    ingest(
        db,
        [
            _article("a1", "2016-03-02", first, "Rosa Delgado", "Ledger"),
            _article("a2", "2016-03-03", second, "Rosa Delgado", "Courier"),
            _article("a3", "2016-03-04", LONG, "Rosa Delgado", "Wire"),
        ],
    )
    rows = db.execute("SELECT text, num_occurrences FROM quotes").fetchall()
    assert [tuple(r) for r in rows] == [(LONG, 3)]
