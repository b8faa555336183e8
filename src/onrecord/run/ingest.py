"""Read, extract and store: `onrecord ingest` as one library call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.settings import Settings
from onrecord.store import summary
from onrecord.store.db import connect
from onrecord.store.ingest import BATCH, Stats, ingest, pending
from onrecord.store.storage import guarded
from onrecord.types import Article, Failure


def ingest_paths(
    inputs: Iterable[str],
    db: str | Path,
    settings: Settings | None = None,
    processes: int = 1,
    batch_size: int = BATCH,
    progress: Callable[[Stats], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> Stats:
    """Read, extract and store every article of the inputs into the database at `db`; articles
    stored already with the same text are not extracted again. A database that cannot be
    written or is damaged raises a StorageError."""
    conn = connect(db)
    try:
        with guarded(db):
            skipped: list[Article] = []
            todo = pending(db, read_inputs(inputs), skipped)
            stats = ingest(
                conn, extract(todo, settings, processes), batch_size, progress, on_failure
            )
            stats.unchanged += len(skipped)
            if not summary.is_fresh(conn):  # the report's summary, once per run
                summary.refresh(conn)
            return stats
    finally:
        conn.close()
