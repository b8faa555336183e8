"""Connections and migrations: one writer in WAL mode, any number of read-only readers."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

DEFAULT_DB = "onrecord.db"
_MIGRATION = re.compile(r"^(\d{3})_\w+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """The numbered schema files shipped with the package, in order."""
    found = []
    for entry in resources.files("onrecord.store.schema").iterdir():
        match = _MIGRATION.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations newer than the database's user_version; return the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, sql in migrations():
        if number > version:
            # executescript commits first; the version bump rides in the same script.
            conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number:d};\nCOMMIT;")
            version = number
    return version


def connect(path: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """The writing connection: creates and migrates the file, WAL mode, explicit transactions."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable at each checkpoint and never corrupts in WAL mode; a crash loses at
    # most the last committed batches, which resumable ingest stores again.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")
    # Checkpoint every ~40 MB of WAL rather than 4 MB: fewer, larger syncs during ingest.
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    migrate(conn)
    if conn.execute("SELECT 1 FROM quotes_fts_pending LIMIT 1").fetchone():
        with transaction(conn):  # index what a write outside `transaction` left pending
            pass
    return conn


def open_readonly(path: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """A read-only connection for search and the web; it never blocks or is blocked by ingest."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no database at {path}; create one with `onrecord ingest`")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    return conn


def sync_fts(conn: sqlite3.Connection) -> None:
    """Bring quotes_fts up to date with the quotes changed in this transaction, in rowid order.

    The triggers of migration 2 note changes in quotes_fts_pending; doing the index work here,
    once, keeps FTS5 from writing a segment per out-of-order row.
    """
    stale = conn.execute(
        "SELECT id, indexed FROM quotes_fts_pending WHERE indexed IS NOT NULL ORDER BY id"
    ).fetchall()
    conn.executemany(
        "INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', ?, ?)", stale
    )
    conn.execute(
        "INSERT INTO quotes_fts (rowid, text) SELECT q.id, q.text FROM quotes_fts_pending p"
        " JOIN quotes q ON q.id = p.id ORDER BY p.id"
    )
    conn.execute("DELETE FROM quotes_fts_pending")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is stored (full-text index included), or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        sync_fts(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
