"""What a failing database or output file means to a user: SQLite's and the system's errors
turned into `StorageError`s that name the file and say what to do."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onrecord import errors

# SQLite's (extended) error names, by prefix, and the message each means for the user. The
# message text is the fallback for a build without error names; malformed pages show up as
# "vtable constructor failed" too, when they belong to the full-text index.
KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("SQLITE_READONLY", ("readonly database",), errors.DB_READ_ONLY),
    ("SQLITE_CANTOPEN", ("unable to open database",), errors.DB_CANNOT_OPEN),
    ("SQLITE_PERM", ("access permission denied",), errors.DB_CANNOT_OPEN),
    ("SQLITE_CORRUPT", ("malformed",), errors.DB_DAMAGED),
    ("SQLITE_NOTADB", ("not a database",), errors.NOT_A_DATABASE),
    ("SQLITE_IOERR", ("disk I/O error",), errors.DB_IO),
    ("SQLITE_FULL", ("database or disk is full",), errors.DB_FULL),
    ("SQLITE_BUSY", ("database is locked",), errors.DB_BUSY),
    ("SQLITE_LOCKED", ("table is locked",), errors.DB_BUSY),
)
# Where storage refuses writes, SQLite may only say it could not open a file or do I/O.
READ_ONLY_TOO = (errors.DB_CANNOT_OPEN, errors.DB_IO)


def writable(path: str | Path) -> bool:
    """False when the database, or the folder that holds its journal, cannot be written (a
    read-only mount refuses even root)."""
    p = Path(path)
    return os.access(p.parent, os.W_OK) and (not p.exists() or os.access(p, os.W_OK))


def storage_error(e: sqlite3.Error, path: str | Path) -> errors.StorageError | None:
    """The StorageError that `e` means for the database at `path`; None for other errors
    (a bug, not the file's state)."""
    name = getattr(e, "sqlite_errorname", "") or ""
    msg = str(e)
    for prefix, words, message in KINDS:
        if name.startswith(prefix) or (not name and any(w in msg for w in words)):
            if message in READ_ONLY_TOO and not writable(path):
                message = errors.DB_READ_ONLY
            return errors.StorageError(message.format(path=path, msg=msg))
    return None


@contextmanager
def guarded(path: str | Path) -> Iterator[None]:
    """Raise SQLite's errors about the database at `path` as StorageErrors."""
    try:
        yield
    except sqlite3.Error as e:
        mapped = storage_error(e, path)
        if mapped is None:
            raise
        raise mapped from e


def output_error(e: OSError, path: str | Path) -> errors.StorageError:
    """An output file or folder that cannot be written (read-only storage, no permission)."""
    return errors.StorageError(
        errors.OUTPUT_NOT_WRITABLE.format(path=path, msg=e.strerror or e)
    )
