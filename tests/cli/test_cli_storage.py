"""Read-only storage and damaged databases: every command answers one `onrecord:` line naming
the file and what to do (exit status 2), and what only reads works on read-only storage."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from tests.readonly import damage, onrecord, page_of, run_read_only

from onrecord.cli import main
from onrecord.run.ingest import ingest_paths
from onrecord.settings import Settings

ARTICLES = Path(__file__).parents[1] / "web" / "data" / "store"
NEW_ARTICLE = (
    "Councillor Mara Quill said on Tuesday that the ferry timetable would change in spring.\n\n"
    '"We will add an early crossing for the market traders," Quill said.\n'
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web tests' articles ingested into a database (WAL mode, closed cleanly)."""
    path = tmp_path_factory.mktemp("stored") / "quotes.db"
    stats = ingest_paths([str(ARTICLES)], path, Settings(), processes=1)
    assert stats.stored == len(list(ARTICLES.glob("*.txt")))
    return path


@pytest.fixture
def new_article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(NEW_ARTICLE, encoding="utf-8")
    return path


def one_line(err: str) -> str:
    """The only line on standard error, which must be the `onrecord:` kind."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("onrecord: "), err
    return lines[0]


@pytest.fixture
def read_only(stored: Path, tmp_path: Path) -> Path:
    """A copy of the database alone in a folder the tests make read-only."""
    folder = tmp_path / "ro"
    folder.mkdir()
    return Path(shutil.copy(stored, folder / "quotes.db"))


@pytest.mark.parametrize(("argv", "message"), [
    (["ingest", "{article}", "--processes", "1", "-q", "--db", "{db}"],
     "cannot write {db}: the file or its folder is read-only"),
    (["ingest", "{article}", "--processes", "1", "-q", "--db", "{ro}/new.db"],
     "cannot write {ro}/new.db: the file or its folder is read-only"),
    (["export", "-o", "{ro}/out", "--db", "{db}"],
     "cannot write {ro}/out ("),
    (["extract", "{article}", "-o", "{ro}/out.jsonl", "--processes", "1"],
     "cannot write {ro}/out.jsonl ("),
])
def test_writing_to_read_only_storage_is_one_line(read_only, new_article, argv, message):
    names = {"db": read_only, "ro": read_only.parent, "article": new_article}
    done = run_read_only(read_only.parent, onrecord(*(a.format(**names) for a in argv)))
    assert done.returncode == 2, done.stderr
    line = one_line(done.stderr)
    assert message.format(**names) in line
    assert not list(read_only.parent.glob("out*")) and not (read_only.parent / "new.db").exists()


@pytest.mark.parametrize("argv", [
    ["search", "harbour", "--format", "json"],
    ["speakers", "--format", "json"],
    ["report", "--format", "json"],
])
def test_reading_a_wal_database_on_read_only_storage_works(read_only, argv):
    with closing(sqlite3.connect(read_only)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    done = run_read_only(read_only.parent, onrecord(*argv, "--db", read_only))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    assert not list(read_only.parent.glob("*-shm")) and not list(read_only.parent.glob("*-wal"))


def test_exporting_from_read_only_storage_to_writable_works(read_only, tmp_path):
    done = run_read_only(
        read_only.parent, onrecord("export", "-o", tmp_path / "out", "--db", read_only)
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "quotes.jsonl").read_text(encoding="utf-8").count("\n") > 5


def test_changes_left_in_the_log_on_read_only_storage_are_one_line(stored, tmp_path):
    """Copied while a writer held it open: the -wal file holds changes not yet in the database
    file, which no reader can replay where no -shm file can be made beside it (an immutable
    read would silently miss them)."""
    writer = tmp_path / "w" / "quotes.db"
    writer.parent.mkdir()
    shutil.copy(stored, writer)
    folder = tmp_path / "ro"
    folder.mkdir()
    with closing(sqlite3.connect(writer, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE speakers SET name = 'Renamed ' || name")
        shutil.copy(writer, folder / "quotes.db")
        shutil.copy(f"{writer}-wal", folder / "quotes.db-wal")
    done = run_read_only(folder, onrecord("speakers", "--db", folder / "quotes.db"))
    assert done.returncode == 2, done.stderr
    line = one_line(done.stderr)
    assert f"changes still in its write-ahead log {folder}/quotes.db-wal" in line
    assert "copy both files to writable storage" in line


@pytest.fixture
def damaged(stored: Path, tmp_path: Path):
    """A copy of the database with 8 KB of garbage from a table's first page (or the middle)."""

    def copy(table: str | None) -> Path:
        path = Path(shutil.copy(stored, tmp_path / "damaged.db"))
        return damage(path, page_of(path, table) if table else None)

    return copy


@pytest.mark.parametrize(("table", "argv", "message"), [
    ("quotes_fts_data", ["search", "harbour"], "{db} is damaged ("),
    ("articles", ["ingest", "{article}", "--processes", "1", "-q"], "{db} is damaged ("),
    ("quotes_fts_data", ["ingest", "{article}", "--processes", "1", "-q"], "{db} is damaged ("),
    ("speakers", ["speakers"], "{db} is damaged ("),
    ("sqlite_schema", ["search", "harbour"], "{db} is not a SQLite database, or its first page"),
    ("sqlite_schema", ["ingest", "{article}", "--processes", "1", "-q"], "not a SQLite database"),
])
def test_a_damaged_database_is_one_line(damaged, new_article, capsys, table, argv, message):
    db = damaged(None if table == "sqlite_schema" else table)
    if table == "sqlite_schema":  # the file's first page: its header and the schema
        damage(db, 1)
    names = {"db": db, "article": new_article}
    assert main([*(a.format(**names) for a in argv), "--db", str(db)]) == 2
    line = one_line(capsys.readouterr().err)
    assert message.format(**names) in line
    assert "restore" in line


def test_damage_in_the_middle_of_the_file_is_one_line(damaged, capsys):
    db = damaged(None)
    for argv in (["search", "harbour"], ["speakers"], ["report"], ["search", "--speaker", "Quill"]):
        status = main([*argv, "--db", str(db)])
        err = capsys.readouterr().err
        assert status == 0 or (status == 2 and "is damaged" in one_line(err)), err


def test_export_saves_what_is_readable_of_a_damaged_database(damaged, tmp_path, capsys):
    db = damaged("articles")
    out = tmp_path / "saved"
    assert main(["export", "-o", str(out), "--db", str(db)]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"onrecord: {db} is damaged (") and f"what is readable is in {out}" in line
    assert "articles only up to the damage" in line
    assert (out / "quotes.jsonl").read_text(encoding="utf-8").count("\n") > 5
    assert (out / "speakers.jsonl").stat().st_size > 0
