"""The report's summary tables: the figures of a whole-database report, rebuilt once after an
ingest run (a few seconds a million quotes) so `onrecord report` and /api/report answer at
once; until then, and for date filters, the report counts from the occurrences."""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

LEVELS = ("outlet,month", "outlet", "month", "all")
TOP = 50  # most quoted women and men kept per outlet (and overall): the most a report lists
PARTY = (
    "SELECT speaker_id, value FROM (SELECT speaker_id, value, row_number() OVER ("
    " PARTITION BY speaker_id ORDER BY count DESC, last_seen DESC, value) AS r"
    " FROM descriptors WHERE kind = 'party') WHERE r = 1"
)
"""Each speaker's party: the one seen in most articles (ties: the latest seen)."""


def mark_stale(conn: sqlite3.Connection) -> None:
    """Writes happened: the summary no longer describes the database (same transaction)."""
    conn.execute("UPDATE report_state SET fresh = 0 WHERE fresh = 1")


def is_fresh(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT fresh FROM report_state WHERE id = 1").fetchone()
    return bool(row and row[0])


def person_genders(conn: sqlite3.Connection) -> dict[int, str]:
    """Registry persons -> female | male | unknown."""
    return {
        sid: gender if gender in ("female", "male") else "unknown"
        for sid, gender in conn.execute("SELECT id, gender FROM speakers WHERE type = 'person'")
    }


def refresh(conn: sqlite3.Connection) -> None:
    """Rebuild the summary from the occurrences, in one transaction of its own."""
    genders = person_genders(conn)
    party = dict(conn.execute(PARTY).fetchall())
    # One read of the covering index; C's Counter does the per-row work.
    counts = Counter(conn.execute(
        "SELECT outlet, substr(date, 1, 7), coalesce(source_type, 'none'), speaker_id"
        " FROM occurrences INDEXED BY occurrences_report"
    ))
    # Rows are distinct per (outlet, month, source type, speaker): a person counts once in an
    # (outlet, month) cell; for the coarser levels, distinct (outlet | month | -, type, person)
    # keys are counted once each.
    quotes: Counter[tuple[Any, ...]] = Counter()
    people: Counter[tuple[Any, ...]] = Counter()
    by_outlet: Counter[tuple[Any, ...]] = Counter()  # (outlet, type, person) -> quotes
    by_month: set[tuple[Any, ...]] = set()  # (month, type, person)
    for (outlet, month, st, sid), n in counts.items():
        gender = genders.get(sid)
        if gender is None:  # not a registry person: quotes only
            key = (st, None, None)
            for level in (("outlet,month", outlet, month), ("outlet", outlet, None),
                          ("month", None, month), ("all", None, None)):
                quotes[(*level, *key)] += n
            continue
        key = (st, gender, party.get(sid))
        quotes[("outlet,month", outlet, month, *key)] += n
        people[("outlet,month", outlet, month, *key)] += 1
        by_outlet[(outlet, st, sid)] += n
        by_month.add((month, st, sid))
    for (month, st, sid) in by_month:
        people[("month", None, month, st, genders[sid], party.get(sid))] += 1
    overall: Counter[tuple[Any, ...]] = Counter()
    top: Counter[tuple[str, int]] = Counter()
    for (outlet, st, sid), n in by_outlet.items():
        key = (st, genders[sid], party.get(sid))
        quotes[("outlet", outlet, None, *key)] += n
        people[("outlet", outlet, None, *key)] += 1
        overall[(st, sid)] += n
        top[(outlet or "", sid)] += n
        if outlet:
            top[("", sid)] += n
    for (st, sid), n in overall.items():
        key = ("all", None, None, st, genders[sid], party.get(sid))
        quotes[key] += n
        people[key] += 1
    for (lv, _outlet, month, *key), n in list(quotes.items()):
        if lv == "outlet,month" and key[1] is not None:
            quotes[("month", None, month, *key)] += n
    cells = [(*k, q, people.get(k, 0)) for k, q in quotes.items()]
    # the most quoted: only the first TOP of each gender per outlet and overall are ever shown
    ranked: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for (outlet, sid), n in top.items():
        if genders[sid] != "unknown":
            ranked.setdefault((outlet, genders[sid]), []).append((-n, sid))
    kept = [
        (outlet, sid, -neg)
        for (outlet, _g), found in ranked.items()
        for neg, sid in sorted(found)[:TOP]
    ]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM report_cells")
        conn.execute("DELETE FROM report_people")
        conn.executemany(
            "INSERT INTO report_cells (level, outlet, month, source_type, gender, party, quotes,"
            " people) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            cells,
        )
        conn.executemany(
            "INSERT INTO report_people (outlet, speaker_id, quotes) VALUES (?, ?, ?)",
            sorted(kept),
        )
        conn.execute("UPDATE report_state SET fresh = 1,"
                     " refreshed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
