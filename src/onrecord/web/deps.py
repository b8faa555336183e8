"""What the API and the pages both call: the app's read pool, search with the web's bounds
checked, and the queue that extracts pasted text. Nothing here writes."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from fastapi import Request

from onrecord.settings import Settings
from onrecord.store.db import Readers
from onrecord.store.search import search
from onrecord.web.extraction import ExtractionQueue


def readers(request: Request) -> Readers:
    """The app's pool of read-only connections to its database."""
    return request.app.state.readers


def settings(request: Request) -> Settings:
    """How the app extracts pasted articles."""
    return request.app.state.settings


def extractions(request: Request) -> ExtractionQueue:
    """The app's worker for pasted articles and the queue in front of it."""
    return request.app.state.extractions


def find_quotes(
    conn: sqlite3.Connection,
    q: str | None,
    speaker: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    kind: str | None,
    limit: int,
    offset: int,
    source_type: str | None = None,
) -> dict[str, Any]:
    """`onrecord search` with the web's bounds already checked."""
    return search(
        conn,
        q or None,
        speaker=speaker or None,
        since=since,
        until=until,
        outlet=outlet or None,
        kind=kind or None,
        limit=limit,
        offset=offset,
        source_type=source_type or None,
    )


def found_json(conn: sqlite3.Connection, *args: Any) -> bytes:
    """`find_quotes` as the JSON body of the answer, encoded in the worker thread.

    The search's dicts are the QuotePage schema already (a test checks every answer against
    it), so the hottest path skips validating them again and a second trip to a thread.
    """
    return json.dumps(
        find_quotes(conn, *args), ensure_ascii=False, allow_nan=False, separators=(",", ":")
    ).encode()
