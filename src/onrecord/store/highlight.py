"""Which words of a text a search matched, decided by SQLite's own FTS5 tokenizer."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from onrecord.store.search import fts_query

# The tokenizer of quotes_fts (schema/001_initial.sql): "recuse" highlights "recusal" too.
TOKENIZE = "porter unicode61 remove_diacritics 2"
OPEN, CLOSE = "\x02", "\x03"  # markers FTS5 puts around matches; removed from input first


def matched_spans(query: str, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """For each text, the [start, end) offsets of the words `query` matches in the index.

    A private in-memory FTS5 table with the index's tokenizer does the matching, so the marks
    agree with the search exactly; the database itself is never touched.
    """
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    match = fts_query(query or "")
    if not match or not texts:
        return out
    mem = sqlite3.connect(":memory:")
    try:
        mem.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{TOKENIZE}')")
        mem.executemany(
            "INSERT INTO t(rowid, text) VALUES (?, ?)",
            [
                (i + 1, text.replace(OPEN, " ").replace(CLOSE, " "))
                for i, text in enumerate(texts)
            ],
        )
        # Each phrase or word on its own: a quote shows every query word it contains.
        rows = mem.execute(
            "SELECT rowid, highlight(t, 0, ?, ?) FROM t WHERE t MATCH ?",
            (OPEN, CLOSE, " OR ".join(_terms(match))),
        ).fetchall()
    except sqlite3.OperationalError:
        return out
    finally:
        mem.close()
    for rowid, marked in rows:
        out[rowid - 1] = _spans(marked)
    return out


def _terms(match: str) -> list[str]:
    """The space-separated terms of an `fts_query` string (phrases stay whole)."""
    terms, current, quoted = [], "", False
    for ch in match:
        if ch == '"':
            quoted = not quoted
        if ch == " " and not quoted:
            if current:
                terms.append(current)
            current = ""
        else:
            current += ch
    if current:
        terms.append(current)
    return terms


def _spans(marked: str) -> list[tuple[int, int]]:
    """Offsets in the unmarked text of each OPEN...CLOSE run in `marked`."""
    spans, pos, start = [], 0, 0
    for ch in marked:
        if ch == OPEN:
            start = pos
        elif ch == CLOSE:
            spans.append((start, pos))
        else:
            pos += 1
    return spans
