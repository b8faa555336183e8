"""Connections and migrations: one writer in WAL mode, any number of read-only readers, and a
bounded pool of them for a server (as datasette's Database owns its connections)."""

from __future__ import annotations

import os
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from onrecord import errors
from onrecord.store.storage import guarded

DEFAULT_DB = "onrecord.db"
_MIGRATION = re.compile(r"^(\d{3})_\w+\.sql$")
T = TypeVar("T")
# Database work running at once (one connection each). Searches run inside SQLite and under the
# GIL, so more of them than cores only share the cores, and there the longest wait longest;
# queued instead, each waits its turn and then runs at full speed. On a million quotes, 20
# clients of the web app, 2 cores and nothing else running: p95 76-91 ms with 3 at once, 97-104
# with 2, 93 with 4, and 134-141 with a thread per request (up to 40 at once).
READERS = (os.cpu_count() or 1) + 1


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
    """The writing connection: creates and migrates the file, WAL mode, explicit transactions.
    A file that cannot be written or is damaged raises a StorageError."""
    with guarded(path):
        return _connect(path)


def _connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
    try:
        _prepare(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
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


def open_readonly(path: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """A read-only connection for search and the web; it never blocks or is blocked by ingest.

    Works on read-only storage too: a WAL database there whose shared-memory file (-shm) cannot
    be made is opened immutable, as nothing can change it. A damaged or unreadable file raises
    a StorageError.
    """
    if not Path(path).exists():
        raise errors.NotFound(errors.NO_DATABASE.format(path=path))
    with guarded(path):
        conn = _reader(path, "mode=ro")
        try:
            # The first read opens the write-ahead log's -shm file, or fails where it cannot.
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlite3.Error as e:
            conn.close()
            if not getattr(e, "sqlite_errorname", "").startswith(UNSHARED):
                raise
            log = Path(f"{path}-wal")
            if log.exists() and log.stat().st_size:  # immutable would not see these changes
                raise errors.StorageError(errors.WAL_NOT_READABLE.format(path=path)) from e
            conn = _reader(path, "immutable=1")
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        conn.execute("PRAGMA query_only = ON")
    return conn


# What SQLite says when a WAL database's -shm file cannot be created or opened for a reader.
UNSHARED = ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR")


def _reader(path: str | Path, mode: str) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?" + mode
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
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


class Readers:
    """A bounded pool of read-only connections, and the worker threads' limit that matches it.

    Connections are opened once and reused; at most `size` exist, each used by one thread at a
    time. `run` does a request's database work in a worker thread, at most `size` at once.
    """

    def __init__(self, path: str | Path, size: int = READERS) -> None:
        self.path = Path(path)
        self.size = max(1, size)
        open_readonly(self.path).close()  # fail at start-up, not at the first request
        self._limiter: Any = None  # made by the first `run`, inside the caller's event loop
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _take(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.size:
                conn = open_readonly(self.path)
                # Reads map the file instead of copying pages through read(): fewer system calls.
                conn.execute("PRAGMA mmap_size = 4294967296")
                self._all.append(conn)
                return conn
        return self._idle.get()  # all in use: wait for one

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection of the pool for this thread until the block ends (waits when all are
        in use)."""
        with guarded(self.path):  # a damaged file: a StorageError (the app's 503)
            conn = self._take()
            try:
                yield conn
            finally:
                self._idle.put(conn)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(connection, *args)` in a worker thread, at most `size` at once (for async
        callers: the web app, whose extra brings anyio)."""
        import anyio

        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.size)

        def call() -> T:
            with self.connection() as conn:
                return fn(conn, *args)

        return await anyio.to_thread.run_sync(call, limiter=self._limiter)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
            self._idle = queue.LifoQueue()
