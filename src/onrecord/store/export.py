"""Flat tables for analysts: quotes, occurrences, speakers, descriptors, articles as files."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from onrecord import errors
from onrecord.store.storage import output_error, storage_error

FORMATS = ("jsonl", "csv", "parquet")
CHUNK = 50_000  # rows held in memory at once

TABLES: dict[str, str] = {
    "quotes": (
        "SELECT q.id, q.speaker_id, s.name AS speaker, q.text, q.num_occurrences,"
        " q.first_seen, q.last_seen FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
        " ORDER BY q.id"
    ),
    "occurrences": (
        "SELECT o.id, o.quote_id, a.id AS article_id, o.date, o.outlet, a.url, o.kind,"
        ' o.start, o."end", o.content, o.cue_start, o.cue_end, o.source_start, o.source_end,'
        " o.mention, o.source_type, o.speaker_id, o.gender, o.gender_evidence, o.link,"
        " o.confidence FROM occurrences o"
        " JOIN articles a ON a.rowid = o.article ORDER BY o.id"
    ),
    "speakers": (
        "SELECT s.id, s.name, s.type, s.gender, s.gender_evidence,"
        " (SELECT group_concat(alias, '; ') FROM aliases"
        " WHERE speaker_id = s.id) AS aliases, s.num_quotes, s.first_seen, s.last_seen"
        " FROM speakers s ORDER BY s.id"
    ),
    "descriptors": (
        "SELECT speaker_id, kind, value, first_seen, last_seen, count FROM descriptors"
        " ORDER BY speaker_id, kind, first_seen"
    ),
    "articles": (
        "SELECT id AS article_id, url, date, title, outlet, author, num_quotes, hash, text"
        " FROM articles ORDER BY rowid"
    ),
}


def _chunks(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[list[str], list[tuple]]]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(CHUNK):
        yield names, [tuple(r) for r in rows]


def _columns(conn: sqlite3.Connection, sql: str) -> list[str]:
    return [d[0] for d in conn.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]


def export(
    conn: sqlite3.Connection, fmt: str, out_dir: str | Path, db: str | Path | None = None
) -> dict[str, Path]:
    """Write every table as OUT_DIR/TABLE.FORMAT; returns the paths written.

    From a damaged database every table is still written, each up to the damage it meets (what
    is readable); then a StorageError names the tables cut short and the file (`db`, as the
    user named it; else the connection's file).
    """
    db = db or _database(conn)
    if fmt not in FORMATS:
        raise errors.BadOption(errors.EXPORT_FORMAT.format(fmt=fmt, formats=", ".join(FORMATS)))
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise output_error(e, out) from e
    written = {}
    damaged: dict[str, sqlite3.DatabaseError] = {}
    for table, sql in TABLES.items():
        path = out / f"{table}.{fmt}"
        try:
            {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt](conn, sql, path)
        except OSError as e:
            raise output_error(e, path) from e
        except sqlite3.DatabaseError as e:
            if not getattr(e, "sqlite_errorname", "").startswith("SQLITE_CORRUPT"):
                mapped = storage_error(e, db)
                raise mapped or e from e
            damaged[table] = e
        written[table] = path
    if damaged:
        first = next(iter(damaged.values()))
        raise errors.StorageError(
            errors.EXPORT_DAMAGED.format(
                path=db, msg=first, tables=", ".join(damaged), out=out
            )
        ) from first
    return written


def _database(conn: sqlite3.Connection) -> str:
    """The file behind a connection, as the user named it in messages."""
    return conn.execute("PRAGMA database_list").fetchone()[2] or "the database"


def _jsonl(conn: sqlite3.Connection, sql: str, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for names, rows in _chunks(conn, sql):
            for row in rows:
                f.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False))
                f.write("\n")


def _csv(conn: sqlite3.Connection, sql: str, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(_columns(conn, sql))
        for _, rows in _chunks(conn, sql):
            writer.writerows(rows)


def _parquet(conn: sqlite3.Connection, sql: str, path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # an optional extra
        raise errors.MissingDependency(
            errors.NEEDS_EXTRA.format(what="Parquet export", extra="store")) from e
    names = _columns(conn, sql)
    types = {
        n: pa.int64() if n in _INTS else pa.float64() if n == "confidence" else pa.string()
        for n in names
    }
    schema = pa.schema([(n, types[n]) for n in names])
    with pq.ParquetWriter(path, schema) as writer:
        for _, rows in _chunks(conn, sql):
            cols = list(zip(*rows, strict=True))
            writer.write_table(
                pa.table(
                    [pa.array(c, types[n]) for n, c in zip(names, cols, strict=True)], schema=schema
                )
            )


_INTS = frozenset(
    {
        "id",
        "speaker_id",
        "quote_id",
        "num_occurrences",
        "num_quotes",
        "start",
        "end",
        "cue_start",
        "cue_end",
        "source_start",
        "source_end",
        "count",
    }
)
