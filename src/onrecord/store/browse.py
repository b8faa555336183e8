"""Reads the web pages need beyond search: one article's text, one speaker's quotes."""

from __future__ import annotations

import sqlite3
from typing import Any

from onrecord.store.search import _quote


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One stored article with its full text, so offsets can be shown in place."""
    row = conn.execute(
        "SELECT id, url, date, title, outlet, author, text FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    return dict(row) if row else None


def speaker_quotes(
    conn: sqlite3.Connection, speaker_id: int, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """A speaker's quotes, most recently seen first, shaped like `search` results."""
    total = conn.execute(
        "SELECT count(*) FROM quotes WHERE speaker_id = ?", (speaker_id,)
    ).fetchone()[0]
    rows = conn.execute(
        "SELECT * FROM quotes WHERE speaker_id = ? ORDER BY last_seen DESC, id DESC"
        " LIMIT ? OFFSET ?",
        (speaker_id, max(0, int(limit)), max(0, int(offset))),
    ).fetchall()
    speakers: dict[int, dict[str, Any] | None] = {}
    return {"total": total, "results": [_quote(conn, r, speakers) for r in rows]}
