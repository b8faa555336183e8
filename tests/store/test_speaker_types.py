"""The registry holds named speakers with quotes: old group speakers migrate out, orphans go."""

import sqlite3
from pathlib import Path

from store_helpers import result

from onrecord.store import ingest, search
from onrecord.store.db import connect, migrations


def test_groups_leave_the_registry_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    for number, sql in migrations():
        if number < 6:
            old.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
    old.executescript(
        """
        INSERT INTO articles (rowid, id, text, hash, date) VALUES
            (1, 'a', 'Residents said the bridge was late. Ana Ortiz agreed.', 'h', '2019-04-02');
        INSERT INTO speakers (id, name, key, surname) VALUES
            (1, 'Residents', '@residents', '@residents'), (2, 'Ana Ortiz', 'ana ortiz', 'ortiz');
        INSERT INTO speakers_fts (rowid, name, aliases) VALUES
            (1, 'Residents', 'Residents'), (2, 'Ana Ortiz', 'Ana Ortiz');
        INSERT INTO aliases (speaker_id, alias, norm) VALUES
            (1, 'Residents', 'residents'), (2, 'Ana Ortiz', 'ana ortiz');
        INSERT INTO quotes (id, speaker_id, text, norm, norm_hash, words) VALUES
            (1, 1, 'the bridge was late', 'the bridge was late', 1, 1),
            (2, 2, 'agreed', 'agreed', 2, 2);
        INSERT INTO occurrences (quote_id, article, date, kind, start, "end", content, mention, link)
        VALUES (1, 1, '2019-04-02', 'indirect', 14, 33, '[[14, 33]]', 'Residents', 'group'),
               (2, 1, '2019-04-02', 'indirect', 45, 51, '[[45, 51]]', 'Ana Ortiz', 'name');
        """
    )
    old.close()
    conn = connect(path)
    assert [tuple(r) for r in conn.execute("SELECT name, type FROM speakers")] == [
        ("Ana Ortiz", "person")
    ]
    assert [r[0] for r in conn.execute("SELECT rowid FROM speakers_fts")] == [2]
    rows = conn.execute("SELECT quote_id, mention, source_type, link FROM occurrences ORDER BY id")
    assert [tuple(r) for r in rows] == [
        (1, "Residents", "group", None),
        (2, "Ana Ortiz", "person", "name"),
    ]
    assert conn.execute("SELECT speaker_id FROM quotes WHERE id = 1").fetchone()[0] is None
    (found,) = search(conn, source_type="group")["results"]
    assert found["text"] == "the bridge was late"


def test_a_speaker_left_without_quotes_by_a_new_text_leaves_the_registry(db) -> None:
    first = 'Mayor Lena Park opened the pier. "It is finally done," Park said.'
    fixed = 'Mayor Lena Marsh opened the pier. "It is finally done," Marsh said.'
    ingest(db, [result("p", "2019-03-01", first, [("It is finally done,", "Park")])])
    ingest(db, [result("p", "2019-03-01", fixed, [("It is finally done,", "Marsh")])])
    assert [r[0] for r in db.execute("SELECT name FROM speakers")] == ["Lena Marsh"]
    assert [r[0] for r in db.execute("SELECT name FROM speakers_fts")] == ["Lena Marsh"]
