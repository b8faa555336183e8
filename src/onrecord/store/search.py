"""Reading the store: quote search, one quote, speakers; plain dicts for the CLI and the web."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from onrecord.store.dates import until_bound
from onrecord.store.names import fold, org_key, parse

MAX_OCCURRENCES = 50  # per quote in a result list; get_quote gives them all
CONTEXT = 200  # characters of article text each side of a quote in get_quote


CSV_HEADER = ["id", "speaker", "text", "num_occurrences", "first_seen", "last_seen"]


def csv_row(result: dict[str, Any]) -> list[Any]:
    """One search result as a flat CSV row (the columns of CSV_HEADER)."""
    return [result["id"], (result["speaker"] or {}).get("name"), result["text"],
            result["num_occurrences"], result["first_seen"], result["last_seen"]]


def fts_query(query: str) -> str:
    """A user's words as a safe FTS5 query: every word must match, "quoted phrases" kept."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\w+\*?)', query):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word.endswith("*"):
            parts.append(f'"{word[:-1]}"*')
        else:
            parts.append(f'"{word}"')
    return " ".join(parts)


def speaker_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Speakers a name may mean: by full name, by any alias, or by surname ("Sessions")."""
    ids: set[int] = set()
    parsed = parse(name)
    if parsed and parsed.full:
        ids.update(
            r[0] for r in conn.execute("SELECT id FROM speakers WHERE key = ?", (parsed.key,))
        )
    elif parsed:
        ids.update(
            r[0]
            for r in conn.execute("SELECT id FROM speakers WHERE surname = ?", (parsed.surname,))
        )
    ids.update(
        r[0] for r in conn.execute("SELECT speaker_id FROM aliases WHERE norm = ?", (fold(name),))
    )
    ids.update(
        r[0] for r in conn.execute("SELECT id FROM speakers WHERE key = ?", (org_key(name),))
    )
    return sorted(ids)


# Above this many full-text hits, the first page comes from walking the last-seen index and
# checking each quote against the hits (a common word is met within a few hundred quotes);
# below it, reading and sorting every hit is cheaper. Measured on a million quotes.
WALK_INDEX_ABOVE = 2000
# Up to this many hits of the words (or of the speaker), a date/outlet/kind filter is a probe of
# each hit's occurrences; above it, the occurrences matching the filter are gathered once.
PROBE_UP_TO = 3000


def _occurrence_filter(
    since: str | None,
    until: str | None,
    outlet: str | None,
    kind: str | None,
    source_type: str | None = None,
) -> tuple[list[str], list[Any]]:
    """Conditions on an occurrence `o` for the date, outlet, kind and source-type filters."""
    occ: list[str] = []
    params: list[Any] = []
    if since:
        occ.append("o.date >= ?")
        params.append(since)
    if until:
        occ.append("o.date <= ?")
        params.append(until_bound(until))  # to the end of the day, month or year
    if outlet:
        occ.append("o.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if kind:
        occ.append("o.kind = ?")
        params.append(kind)
    if source_type:
        occ.append("o.source_type = ?")
        params.append(source_type)
    return occ, params


def _plan(
    conn: sqlite3.Connection,
    query: str | None,
    speaker: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    kind: str | None,
    source_type: str | None = None,
) -> tuple[str, list[Any], str, list[Any]] | None:
    """(page FROM/WHERE, its parameters, count SELECT, its parameters), or None: no match.

    The most selective filter drives: a speaker's index, else the full-text index, else the
    occurrences' dates; the others are checked against the driving rows, by probing each one
    or against a set gathered once, whichever the number of driving rows makes cheaper.
    """
    match = None
    if query:
        match = fts_query(query)
        if not match:
            return None
    ids: list[int] = []
    if speaker:
        ids = speaker_ids(conn, speaker)
        if not ids:
            return None
    occ, occ_params = _occurrence_filter(since, until, outlet, kind, source_type)
    where: list[str] = []
    params: list[Any] = []
    hits = None
    key = "q.id"  # the driving quote id the other filters are checked against
    if ids:
        source = "quotes q"
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
        if match:
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(match)
        (quotes,) = conn.execute(
            f"SELECT sum(num_quotes) FROM speakers WHERE id IN ({','.join('?' * len(ids))})", ids
        ).fetchone()
        probe = (quotes or 0) <= PROBE_UP_TO
    elif match:
        hits = conn.execute(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (match,)
        ).fetchone()[0]
        if not occ and hits > WALK_INDEX_ABOVE:
            source = "quotes q INDEXED BY quotes_last_seen"
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        else:
            # CROSS JOIN keeps the full-text index as the outer loop (never one MATCH per row);
            # filters on f.rowid are checked before the quote's row is read.
            source = "quotes_fts f CROSS JOIN quotes q ON q.id = f.rowid"
            where.append("quotes_fts MATCH ?")
            key = "f.rowid"
        params.append(match)
        probe = hits <= PROBE_UP_TO
    else:
        source, probe = "quotes q", False
    if occ and probe:
        where.append(
            f"EXISTS (SELECT 1 FROM occurrences o WHERE o.quote_id = {key} AND "
            + " AND ".join(occ)
            + ")"
        )
        params.extend(occ_params)
    elif occ:
        # With words driving, "+" keeps the set a check per hit: never a MATCH run per listed id.
        test = "+f.rowid" if key == "f.rowid" else key
        where.append(f"{test} IN (SELECT o.quote_id FROM occurrences o WHERE {' AND '.join(occ)})")
        params.extend(occ_params)
    page = f"FROM {source} WHERE {' AND '.join(where) or '1'}"
    if hits is not None and not occ:
        # Every indexed row is a quote: the index alone counts them.
        return page, params, "SELECT ?", [hits]
    if key == "f.rowid":  # counted from the index and the occurrences, no quote rows read
        return page, params, f"SELECT count(*) FROM quotes_fts f WHERE {' AND '.join(where)}", params
    if occ and not ids and not match:
        # Every occurrence's quote exists: count them from the occurrences alone.
        count = "SELECT count(DISTINCT o.quote_id) FROM occurrences o WHERE " + " AND ".join(occ)
        return page, params, count, occ_params
    return page, params, f"SELECT count(*) {page}", params


def search(
    conn: sqlite3.Connection,
    query: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    source_type: str | None = None,
) -> dict[str, Any]:
    """Quotes matching all the given filters, most recently seen first, with their total.

    `source_type` keeps quotes with an occurrence whose speaker is of that type (person,
    organisation, group, anonymous, outlet, document)."""
    plan = _plan(conn, query, speaker, since, until, outlet, kind, source_type)
    if plan is None:
        return {"total": 0, "results": []}
    sql, params, count_sql, count_params = plan
    total = conn.execute(count_sql, count_params).fetchone()[0]
    rows = conn.execute(
        f"SELECT q.* {sql} ORDER BY q.last_seen DESC, q.id DESC LIMIT ? OFFSET ?",
        (*params, max(0, int(limit)), max(0, int(offset))),
    ).fetchall()
    speakers: dict[int, dict[str, Any] | None] = {}
    return {"total": total, "results": [_quote(conn, r, speakers) for r in rows]}


def row_id(value: int | None) -> bool:
    """True when `value` can be a row id: SQLite's are 64-bit (a larger one cannot be bound)."""
    return value is not None and -(2**63) <= value < 2**63


def _speaker_brief(conn: sqlite3.Connection, sid: int | None) -> dict[str, Any] | None:
    if not row_id(sid):
        return None
    row = conn.execute("SELECT id, name, type FROM speakers WHERE id = ?", (sid,)).fetchone()
    if row is None:
        return None
    latest = {"title": None, "party": None, "state": None}
    for kind, value in conn.execute(
        "SELECT kind, value FROM descriptors WHERE speaker_id = ? AND kind != 'org'"
        " ORDER BY coalesce(last_seen, ''), count",
        (sid,),
    ):
        latest[kind] = value
    return {"id": row["id"], "name": row["name"], "type": row["type"], **latest}


def _occurrences(conn: sqlite3.Connection, qid: int, limit: int | None) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT o.*, a.id AS article_id, a.url, a.title, a.author FROM occurrences o"
        " JOIN articles a ON a.rowid = o.article WHERE o.quote_id = ?"
        " ORDER BY o.date, o.id LIMIT ?",
        (qid, -1 if limit is None else limit),
    ).fetchall()


def _quote(
    conn: sqlite3.Connection, row: sqlite3.Row, speakers: dict[int, dict[str, Any] | None]
) -> dict[str, Any]:
    sid = row["speaker_id"]
    if sid not in speakers:
        speakers[sid] = _speaker_brief(conn, sid)
    return {
        "id": row["id"],
        "text": row["text"],
        "speaker": speakers[sid],
        "num_occurrences": row["num_occurrences"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "occurrences": [
            {
                "article_id": o["article_id"],
                "date": o["date"],
                "url": o["url"],
                "outlet": o["outlet"],
                "start": o["start"],
                "end": o["end"],
                "mention": o["mention"],
                "source_type": o["source_type"],
            }
            for o in _occurrences(conn, row["id"], MAX_OCCURRENCES)
        ],
    }


def get_quote(conn: sqlite3.Connection, quote_id: int) -> dict[str, Any] | None:
    """One quote with every occurrence, its cue, source and the article text around it."""
    if not row_id(quote_id):
        return None
    row = conn.execute("SELECT * FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    if row is None:
        return None
    out = _quote(conn, row, {})
    occs = []
    for o in _occurrences(conn, quote_id, None):
        text = conn.execute(
            "SELECT text FROM articles WHERE rowid = ?", (o["article"],)
        ).fetchone()[0]
        occs.append(
            {
                "article_id": o["article_id"],
                "date": o["date"],
                "url": o["url"],
                "outlet": o["outlet"],
                "title": o["title"],
                "author": o["author"],
                "start": o["start"],
                "end": o["end"],
                "kind": o["kind"],
                "content": o["content"],
                "mention": o["mention"],
                "source_type": o["source_type"],
                "link": o["link"],
                "confidence": o["confidence"],
                "cue": [o["cue_start"], o["cue_end"]] if o["cue_start"] is not None else None,
                "source": (
                    [o["source_start"], o["source_end"]] if o["source_start"] is not None else None
                ),
                "before": text[max(0, o["start"] - CONTEXT) : o["start"]],
                "quote": text[o["start"] : o["end"]],
                "after": text[o["end"] : o["end"] + CONTEXT],
            }
        )
    out["occurrences"] = occs
    return out


def list_speakers(
    conn: sqlite3.Connection, q: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Speakers by number of quotes; with `q`, those it names (alias, surname or name prefix)."""
    if q:
        ids = set(speaker_ids(conn, q))
        words = re.findall(r"\w+", q)
        if words:
            match = " ".join(f'"{w}"*' for w in words)
            ids.update(
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH ?", (match,)
                )
            )
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT * FROM speakers WHERE id IN ({marks}) ORDER BY num_quotes DESC, id"
            " LIMIT ? OFFSET ?",
            (*sorted(ids), limit, offset),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM speakers ORDER BY num_quotes DESC, id LIMIT ? OFFSET ?", (limit, offset)
        ).fetchall()
    out = []
    for r in rows:
        brief = _speaker_brief(conn, r["id"]) or {}
        out.append(
            {
                **brief,
                "num_quotes": r["num_quotes"],
                "first_seen": r["first_seen"],
                "last_seen": r["last_seen"],
            }
        )
    return out


def get_speaker(conn: sqlite3.Connection, speaker_id: int) -> dict[str, Any] | None:
    """One speaker: aliases, descriptor history (with dates seen) and quotes per month."""
    brief = _speaker_brief(conn, speaker_id)
    if brief is None:
        return None
    row = conn.execute("SELECT * FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    aliases = [
        {"alias": a, "count": n}
        for a, n in conn.execute(
            "SELECT alias, count FROM aliases WHERE speaker_id = ? ORDER BY count DESC, alias",
            (speaker_id,),
        )
    ]
    descriptors = [
        dict(d)
        for d in conn.execute(
            "SELECT kind, value, first_seen, last_seen, count FROM descriptors"
            " WHERE speaker_id = ? ORDER BY kind, first_seen",
            (speaker_id,),
        )
    ]
    months = [
        {"month": m, "quotes": n}
        for m, n in conn.execute(
            "SELECT substr(o.date, 1, 7) AS m, count(DISTINCT o.quote_id) FROM quotes q"
            " JOIN occurrences o ON o.quote_id = q.id WHERE q.speaker_id = ? AND o.date"
            " IS NOT NULL GROUP BY m ORDER BY m",
            (speaker_id,),
        )
    ]
    gender_articles = [
        {"gender": g, "evidence": e, "articles": n}
        for g, e, n in conn.execute(
            "SELECT gender, evidence, articles FROM speaker_gender WHERE speaker_id = ?"
            " AND articles > 0 ORDER BY articles DESC, gender, evidence",
            (speaker_id,),
        )
    ]
    return {
        **brief,
        "gender": row["gender"],
        "gender_evidence": row["gender_evidence"],
        "gender_articles": gender_articles,
        "num_quotes": row["num_quotes"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "aliases": aliases,
        "descriptors": descriptors,
        "quotes_per_month": months,
    }
