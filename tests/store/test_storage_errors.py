"""SQLite's and the system's errors as StorageErrors that name the file and say what to do;
other errors (bugs) pass through unchanged."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from onrecord.errors import StorageError
from onrecord.store.db import connect, open_readonly
from onrecord.store.storage import guarded, output_error, storage_error


def write_read_only(path: Path) -> None:
    """A write through a read-only connection: what read-only storage refuses."""
    open_readonly(path).execute("PRAGMA query_only = OFF").execute(
        "INSERT INTO speakers (name, type) VALUES ('Ada Pell', 'person')"
    )


def read_text_file(path: Path) -> None:
    path.write_text("These are notes, not a database. " * 200, encoding="utf-8")
    sqlite3.connect(path).execute("SELECT * FROM sqlite_schema").fetchall()


def read_damaged(path: Path) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'speakers'").fetchone()
    conn.close()
    with path.open("r+b") as f:  # the table's first page, overwritten
        f.seek((root[0] - 1) * 4096)
        f.write(b"\xa5" * 4096)
    sqlite3.connect(path).execute("SELECT * FROM speakers").fetchall()


def query_no_table(path: Path) -> None:
    open_readonly(path).execute("SELECT * FROM no_such_table")


@pytest.mark.parametrize(("act", "message"), [
    (write_read_only, "cannot write {db}: the file or its folder is read-only (attempt to write "
                      "a readonly database); ingest into a copy on writable storage"),
    (read_text_file, "{db} is not a SQLite database, or its first page is damaged (file is not "
                     "a database); check --db, or restore the file from a backup"),
    (read_damaged, "{db} is damaged (database disk image is malformed); restore it from a "
                   "backup, or save what is readable with `onrecord export --db {db} -o DIR`"),
    (query_no_table, None),
])
def test_storage_errors_name_the_file_and_what_to_do(tmp_path, act, message):
    db = tmp_path / "quotes.db"
    connect(db).close()
    with pytest.raises(sqlite3.Error) as raised:
        act(db)
    mapped = storage_error(raised.value, db)
    if message is None:
        assert mapped is None
    else:
        assert str(mapped).startswith(message.format(db=db))
        with pytest.raises(StorageError, match="^" + re.escape(message.format(db=db))), guarded(db):
            act(db)


def test_an_output_that_cannot_be_written_is_named(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    with pytest.raises(OSError) as raised:
        (blocked / "out.jsonl").open("w")
    said = str(output_error(raised.value, blocked / "out.jsonl"))
    assert said == f"cannot write {blocked}/out.jsonl (Not a directory); give an output on writable storage"
