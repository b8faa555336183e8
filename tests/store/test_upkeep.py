"""Derived data stays exact through merges, cut forms, replaced articles and folded speakers:
the full-text index matches the quotes, and every count and date matches the occurrences."""

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import result

from onrecord.store import connect, ingest, search

# Written for these tests; the second line of each pair is cut from the first.
SAID = [
    "The ferry will run every hour from the north pier once the new dock is finished",
    "The ferry will run every hour from the north pier",
    "Our clinic stays open on weekends because families cannot wait until a Monday",
    "Our clinic stays open on weekends … families cannot wait",
    "Nobody on this council voted to close the library and nobody ever will",
    "Nobody on this council voted to close the library",
]
SPEAKERS = ["Rosa Delgado", "Delgado", "Mayor Tom Akers", "Akers", "Nora Quill"]


def check_derived(conn: sqlite3.Connection) -> None:
    """Every derived value equals what the base rows say."""
    # rank 1: also compare the index with the quotes table it indexes.
    conn.execute("INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT count(*) FROM quotes_fts_pending").fetchone()[0] == 0
    assert (
        conn.execute(
            "SELECT count(*) FROM speakers s WHERE num_quotes !="
            " (SELECT count(*) FROM quotes WHERE speaker_id = s.id)"
        ).fetchone()[0]
        == 0
    )
    bad = conn.execute(
        "SELECT q.id FROM quotes q JOIN (SELECT quote_id, count(*) n, min(date) f, max(date) l"
        " FROM occurrences GROUP BY quote_id) o ON o.quote_id = q.id"
        " WHERE q.num_occurrences != o.n OR q.first_seen IS NOT o.f OR q.last_seen IS NOT o.l"
    ).fetchall()
    assert not bad
    orphans = conn.execute(
        "SELECT count(*) FROM quotes WHERE id NOT IN (SELECT quote_id FROM occurrences)"
    ).fetchone()[0]
    assert orphans == 0
    names = conn.execute(
        "SELECT count(*) FROM speakers s LEFT JOIN speakers_fts f ON f.rowid = s.id"
        " WHERE f.name IS NOT s.name AND s.id IN (SELECT speaker_id FROM aliases)"
    ).fetchone()[0]
    assert names == 0


def article(aid: str, day: int, quotes: list[tuple[int, int]]):
    parts, pairs = [f"Council notes for day {day}."], []
    for said, who in quotes:
        words, speaker = SAID[said], SPEAKERS[who]
        parts.append(f'{speaker} said: "{words}."')
        pairs.append((words, speaker))
    text = " ".join(parts)
    return result(aid, f"2019-03-{1 + day:02d}", text, pairs)


articles = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e", "f"]),  # ids repeat: replaced or unchanged
        st.integers(0, 27),
        st.lists(st.tuples(st.integers(0, len(SAID) - 1), st.integers(0, 4)), max_size=3),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(articles, st.integers(1, 4))
def test_derived_data_is_exact_after_any_ingest(items, batch_size: int) -> None:
    conn = connect(":memory:")
    ingest(conn, [article(*item) for item in items], batch_size=batch_size)
    check_derived(conn)
    for row in conn.execute("SELECT id, text FROM quotes"):
        first_word = row["text"].split()[0]
        ids = {r["id"] for r in search(conn, first_word, limit=1000)["results"]}
        assert row["id"] in ids
    conn.close()


def test_grown_quote_is_found_by_its_new_words(db) -> None:
    short, long = SAID[1], SAID[0]
    ingest(db, [article("x", 1, [(1, 0)])])
    assert search(db, "dock")["total"] == 0
    ingest(db, [article("y", 2, [(0, 0)])])  # the full form arrives and replaces the shown text
    found = search(db, "dock")["results"]
    assert [r["text"] for r in found] == [long] and found[0]["num_occurrences"] == 2
    assert short in long
    check_derived(db)
