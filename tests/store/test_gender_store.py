"""A person's gender in the store: every article's evidence counted, the user's correction
first and kept across re-ingest, organisations never gendered, exports carrying it all."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.store import ingest
from onrecord.store.db import connect, transaction
from onrecord.store.export import export
from onrecord.store.gender import GenderError, decide, set_gender
from onrecord.types import Article, Attribution, Result, Speaker

ROOT = Path(__file__).resolve().parents[2]


def said(aid: str, day: str, name: str, gender: str | None, evidence: str | None,
         words: str = "The pier will reopen in spring", kind: str = "person") -> Result:
    """One article in which `name` says `words`, the extractor having read this gender."""
    text = f'"{words}," {name} said on Monday.'
    start = 1
    speaker = Speaker(name, type=kind, gender=gender, gender_evidence=evidence)
    at = text.index(name)
    quote = Attribution("direct", [(start, start + len(words))], None, (at, at + len(name)),
                        [speaker], 0.9)
    return Result(Article(aid, text, day, f"https://example.org/{aid}", None, "Bay Post"), [quote])


def person(db: sqlite3.Connection, name: str) -> sqlite3.Row:
    return db.execute("SELECT * FROM speakers WHERE name = ?", (name,)).fetchone()


@pytest.mark.parametrize(
    ("rows", "corrected", "want"),
    [
        ([], None, ("unknown", None)),
        ([("female", "pronoun", 3)], None, ("female", "article")),
        ([("female", "pronoun", 1), ("male", "name", 4)], None, ("female", "article")),
        ([("male", "name", 2)], None, ("male", "name")),
        ([("female", "pronoun", 2), ("male", "honorific", 2)], None, ("unknown", None)),
        ([("female", "pronoun", 9), ("male", "pronoun", 1)], None, ("female", "article")),
        ([("female", "pronoun", 9)], "male", ("male", "user")),
        ([("female", "pronoun", 9)], "unknown", ("unknown", "user")),
    ],
)
def test_decide(rows: list, corrected: str | None, want: tuple) -> None:
    assert decide(rows, corrected) == want


def test_evidence_is_counted_per_article_and_decides(db: sqlite3.Connection) -> None:
    ingest(db, [
        said("a1", "2024-01-02", "Marit Solberg", "female", "pronoun"),
        said("a2", "2024-01-09", "Marit Solberg", "female", "honorific", "Fares stay as they are"),
        said("a3", "2024-02-01", "Marit Solberg", None, None, "Nothing changes this year"),
        said("a4", "2024-02-03", "Dunmore Harbour Trust", "female", "pronoun", "We agree",
             kind="organisation"),
    ])
    s = person(db, "Marit Solberg")
    assert (s["gender"], s["gender_evidence"]) == ("female", "article")
    counted = dict(((g, e), n) for _sid, g, e, n in db.execute(
        "SELECT * FROM speaker_gender WHERE speaker_id = ?", (s["id"],)))
    assert counted == {("female", "pronoun"): 1, ("female", "honorific"): 1}
    occ = db.execute("SELECT gender, gender_evidence FROM occurrences ORDER BY id").fetchall()
    assert [tuple(r) for r in occ] == [("female", "pronoun"), ("female", "honorific"),
                                       (None, None), (None, None)]
    org = person(db, "Dunmore Harbour Trust")
    assert org["gender"] is None  # an organisation is never gendered


def test_a_replaced_article_takes_its_evidence_away(db: sqlite3.Connection) -> None:
    ingest(db, [said("b1", "2024-01-02", "Teodor Vance", "male", "pronoun")])
    assert person(db, "Teodor Vance")["gender"] == "male"
    ingest(db, [said("b1", "2024-01-02", "Teodor Vance", None, None, "A new version")])
    s = person(db, "Teodor Vance")
    assert (s["gender"], s["gender_evidence"]) == ("unknown", None)
    assert db.execute("SELECT sum(articles) FROM speaker_gender").fetchone()[0] == 0


def test_a_correction_survives_re_ingest(db: sqlite3.Connection) -> None:
    ingest(db, [said("c1", "2024-03-01", "Alex Marlow", "male", "name")])
    sid = person(db, "Alex Marlow")["id"]
    with transaction(db):
        assert set_gender(db, sid, "female") == {"gender": "female", "gender_evidence": "user"}
    # more evidence the other way, and the article replaced: the correction stands
    ingest(db, [said("c2", "2024-03-05", "Alex Marlow", "male", "pronoun", "Another quote")])
    ingest(db, [said("c1", "2024-03-01", "Alex Marlow", "male", "pronoun", "Changed text")])
    s = person(db, "Alex Marlow")
    assert (s["gender"], s["gender_evidence"]) == ("female", "user")
    # the speaker leaves the registry (its articles replaced without it) and comes back
    ingest(db, [said("c1", "2024-03-01", "Pia Lund", None, None, "Changed text")])
    ingest(db, [said("c2", "2024-03-05", "Pia Lund", None, None, "Another quote")])
    assert person(db, "Alex Marlow") is None
    ingest(db, [said("c3", "2024-04-01", "Alex Marlow", "male", "pronoun", "I am back")])
    assert (person(db, "Alex Marlow")["gender"], person(db, "Alex Marlow")["gender_evidence"]) \
        == ("female", "user")


def test_corrections_are_checked(db: sqlite3.Connection) -> None:
    ingest(db, [said("d1", "2024-01-02", "Harbour Board", None, None, kind="organisation")])
    org = person(db, "Harbour Board")["id"]
    with pytest.raises(GenderError, match="organisation"):
        set_gender(db, org, "female")
    with pytest.raises(GenderError, match="no speaker"):
        set_gender(db, 999, "female")
    with pytest.raises(GenderError, match="unknown gender"):
        set_gender(db, org, "woman")


def test_cli_set_gender_and_show(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    conn = connect(path)
    ingest(conn, [said("e1", "2024-01-02", "Ines Varga", "female", "pronoun")])
    sid = person(conn, "Ines Varga")["id"]
    conn.close()
    cli = [sys.executable, "-m", "onrecord.cli", "speakers"]
    done = subprocess.run([*cli, str(sid), "--set-gender", "unknown", "--db", str(path)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout) == {"id": sid, "gender": "unknown", "gender_evidence": "user"}
    shown = subprocess.run([*cli, "Ines Varga", "--db", str(path), "--format", "json"],
                           capture_output=True, text=True, cwd=ROOT, check=True)
    got = json.loads(shown.stdout)
    assert (got["gender"], got["gender_evidence"]) == ("unknown", "user")
    assert got["gender_articles"] == [{"gender": "female", "evidence": "pronoun", "articles": 1}]
    bad = subprocess.run([*cli, "Ines", "--set-gender", "male", "--db", str(path)],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert bad.returncode == 2 and "speaker id" in bad.stderr


def test_exports_carry_gender_evidence_and_source_type(db: sqlite3.Connection,
                                                      tmp_path: Path) -> None:
    ingest(db, [said("f1", "2024-01-02", "Oona Reyes", "female", "role"),
                said("f2", "2024-01-03", "residents", None, None, "Too loud", kind="group")])
    export(db, "jsonl", tmp_path)
    speakers = [json.loads(x) for x in (tmp_path / "speakers.jsonl").read_text().splitlines()]
    assert [(s["name"], s["gender"], s["gender_evidence"]) for s in speakers] == [
        ("Oona Reyes", "female", "article")]
    occ = [json.loads(x) for x in (tmp_path / "occurrences.jsonl").read_text().splitlines()]
    assert [(o["source_type"], o["gender"], o["gender_evidence"]) for o in occ] == [
        ("person", "female", "role"), ("group", None, None)]


def test_real_pipeline_gender_reaches_the_store(extract, db: sqlite3.Connection) -> None:
    text = (
        "date 2025-06-10\n\n"
        "\"The ferry timetable stays,\" said Wilhelmina Strand, who runs the port authority. "
        "She said fares would rise in the autumn.\n\n"
        "\"We were not consulted,\" said Edmund Okafor. Mr. Okafor has sailed the route for "
        "twenty years."
    )
    ingest(db, [extract(text)])
    genders = {r["name"]: (r["gender"], r["gender_evidence"]) for r in db.execute(
        "SELECT name, gender, gender_evidence FROM speakers")}
    assert genders["Wilhelmina Strand"] == ("female", "article")
    assert genders["Edmund Okafor"] == ("male", "article")


def test_an_older_database_migrates(tmp_path: Path) -> None:
    """A database of migration 6 gains genders, the occurrences' speakers and the summary."""
    from onrecord.store.db import migrations

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path, isolation_level=None)
    for number, sql in migrations():
        if number <= 6:
            raw.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
    raw.execute("INSERT INTO speakers (name, key, surname, type) VALUES"
                " ('Lia Moor', 'lia moor', 'moor', 'person')")
    raw.execute("INSERT INTO articles (id, text, hash, date) VALUES ('x', 'text', 'h', '2020-01-01')")
    raw.execute("INSERT INTO quotes (speaker_id, text, norm, norm_hash, words) VALUES"
                " (1, 'Hello there', 'hello there', 1, 1)")
    raw.execute("INSERT INTO occurrences (quote_id, article, date, kind, start, \"end\","
                " content, source_type) VALUES (1, 1, '2020-01-01', 'direct', 0, 4, '[[0, 4]]',"
                " 'person')")
    raw.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 7
    assert tuple(conn.execute("SELECT gender, gender_evidence FROM speakers").fetchone()) == (
        "unknown", None)
    assert conn.execute("SELECT speaker_id FROM occurrences").fetchone()[0] == 1
    conn.close()


@pytest.mark.parametrize(
    ("read", "want"),
    [
        ([("female", "pronoun")], ("female", "pronoun")),
        ([("male", "name"), ("female", "pronoun")], ("female", "pronoun")),  # words beat names
        ([("female", "role"), ("female", "honorific")], ("female", "honorific")),
        ([("female", "pronoun"), ("male", "honorific")], None),  # the article disagrees
        ([("female", "name"), ("male", "name")], None),
        ([(None, None), ("male", "name")], ("male", "name")),
    ],
)
def test_one_gender_per_speaker_per_article(read: list, want: tuple | None) -> None:
    from onrecord.store.gender import per_speaker

    speakers = [Speaker("Jo Weir", gender=g, gender_evidence=e) for g, e in read]
    got = per_speaker(speakers, [7] * len(speakers))
    assert got.get(7) == want
    assert per_speaker(speakers, [None] * len(speakers)) == {}
