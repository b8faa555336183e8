"""A quoted person's gender across articles: each article's evidence counted, the user's
correction first, then the articles' own words, then the first-name estimate."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from onrecord import errors
from onrecord.store import summary
from onrecord.types import Speaker

GENDERS = ("female", "male", "unknown")
ARTICLE_KINDS = frozenset(["pronoun", "honorific", "role"])
MIN_SHARE = 0.8  # the winning side's share of the articles; below it: unknown
CHUNK = 500  # ids per `IN (...)` list


class GenderError(errors.BadOption, ValueError):
    """A correction that cannot be made; the message says what to do."""


def per_speaker(speakers: Sequence[Speaker], ids: Sequence[int | None]) -> dict[int, tuple[str, str]]:
    """One article's (gender, evidence) per linked speaker: its surest evidence; none when the
    article's own words disagree (two mentions linked to one speaker, read differently)."""
    found: dict[int, tuple[str, str] | None] = {}
    for sp, sid in zip(speakers, ids, strict=True):
        if sid is None or sp.gender not in ("female", "male") or sp.type != "person":
            continue
        new = (sp.gender, sp.gender_evidence or "name")
        if sid not in found:
            found[sid] = new
            continue
        old = found[sid]
        if old is None or old == new:
            continue
        old_own, new_own = old[1] in ARTICLE_KINDS, new[1] in ARTICLE_KINDS
        if old_own != new_own:  # the article's words beat a first name
            found[sid] = old if old_own else new
        elif old[0] != new[0]:
            found[sid] = None  # disagreement: nothing counted (stays None)
        elif (new[1], old[1]) < (old[1], new[1]):  # same gender: one evidence, whatever the order
            found[sid] = new
    return {sid: v for sid, v in found.items() if v is not None}


def add_counts(conn: sqlite3.Connection, counts: dict[tuple[int, str, str], int]) -> None:
    """Add (or with negative counts, take away) articles' evidence."""
    conn.executemany(
        "INSERT INTO speaker_gender (speaker_id, gender, evidence, articles) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (speaker_id, gender, evidence) DO UPDATE SET"
        " articles = articles + excluded.articles",
        [(*k, n) for k, n in counts.items() if n],
    )


def forget_article(conn: sqlite3.Connection, article: int) -> set[int]:
    """Take a replaced article's evidence away; the speakers whose gender may change."""
    rows = conn.execute(
        "SELECT DISTINCT q.speaker_id, o.gender, o.gender_evidence FROM occurrences o"
        " JOIN quotes q ON q.id = o.quote_id WHERE o.article = ? AND o.gender IS NOT NULL"
        " AND q.speaker_id IS NOT NULL",
        (article,),
    ).fetchall()
    add_counts(conn, {(r[0], r[1], r[2]): -1 for r in rows})
    return {r[0] for r in rows}


def decide(rows: Iterable[tuple[str, str, int]], corrected: str | None) -> tuple[str, str | None]:
    """(gender, evidence) from a speaker's counted evidence and correction."""
    if corrected:
        return corrected, "user"
    for kinds, label in ((ARTICLE_KINDS, "article"), (frozenset(["name"]), "name")):
        score = {"female": 0, "male": 0}
        for gender, evidence, n in rows:
            if evidence in kinds and gender in score:
                score[gender] += max(0, n)
        total = score["female"] + score["male"]
        if total:
            side = max(score, key=lambda g: score[g])
            return (side, label) if score[side] >= MIN_SHARE * total else ("unknown", None)
    return "unknown", None


def refresh(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Decide again the gender of these speakers (persons; organisations keep NULL); a few
    queries per CHUNK speakers, and writes only where the decision changed."""
    ordered = sorted(set(ids))
    updates = []
    for i in range(0, len(ordered), CHUNK):
        part = ordered[i : i + CHUNK]
        marks = ",".join("?" * len(part))
        evidence: dict[int, list[tuple[str, str, int]]] = {}
        for sid, g, e, n in conn.execute(
            f"SELECT speaker_id, gender, evidence, articles FROM speaker_gender"
            f" WHERE speaker_id IN ({marks})",
            part,
        ):
            evidence.setdefault(sid, []).append((g, e, n))
        for sid, kind, now, now_evidence, corrected in conn.execute(
            f"SELECT s.id, s.type, s.gender, s.gender_evidence, c.gender FROM speakers s"
            f" LEFT JOIN gender_corrections c ON c.key = s.key WHERE s.id IN ({marks})",
            part,
        ):
            if kind != "person":
                continue
            decided = decide(evidence.get(sid, []), corrected)
            if decided != (now, now_evidence):
                updates.append((*decided, sid))
    conn.executemany("UPDATE speakers SET gender = ?, gender_evidence = ? WHERE id = ?", updates)


def merge(conn: sqlite3.Connection, src: int, dst: int) -> None:
    """Fold speaker src's evidence and correction into dst (before src is deleted)."""
    conn.execute(
        "INSERT INTO speaker_gender (speaker_id, gender, evidence, articles)"
        " SELECT ?, gender, evidence, articles FROM speaker_gender WHERE speaker_id = ? AND true"
        " ON CONFLICT (speaker_id, gender, evidence) DO UPDATE SET"
        " articles = articles + excluded.articles",
        (dst, src),
    )
    conn.execute(
        "INSERT OR IGNORE INTO gender_corrections (key, gender, corrected_at)"
        " SELECT d.key, c.gender, c.corrected_at FROM gender_corrections c"
        " JOIN speakers s ON s.key = c.key JOIN speakers d ON d.id = ? WHERE s.id = ?",
        (dst, src),
    )
    refresh(conn, [dst])


def set_gender(conn: sqlite3.Connection, speaker_id: int, gender: str) -> dict[str, str | None]:
    """The user's correction of a person's gender; kept across re-ingest by the speaker's key."""
    if gender not in GENDERS:
        raise GenderError(f"unknown gender {gender!r}; use one of {', '.join(GENDERS)}")
    row = conn.execute("SELECT key, type FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        raise GenderError(f"no speaker with id {speaker_id}; `onrecord speakers NAME` shows ids")
    if row[1] != "person":
        raise GenderError(f"speaker {speaker_id} is an organisation: only people have a gender")
    summary.mark_stale(conn)
    conn.execute(
        "INSERT INTO gender_corrections (key, gender) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
        " SET gender = excluded.gender,"
        " corrected_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        (row[0], gender),
    )
    refresh(conn, [speaker_id])
    got = conn.execute(
        "SELECT gender, gender_evidence FROM speakers WHERE id = ?", (speaker_id,)
    ).fetchone()
    return {"gender": got[0], "gender_evidence": got[1]}
