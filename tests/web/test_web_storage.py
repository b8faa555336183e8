"""`onrecord serve` over a copy on read-only storage (pages and API answer) and over a damaged
database (a clear 503 page or JSON, never a traceback or a bare 500)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.readonly import damage, page_of, run_read_only

from onrecord.errors import StorageError
from onrecord.web.app import create_app

# Every kind of page and API answer that reads the database.
READS = [
    "/", "/search?q=harbour", "/search.csv?q=harbour", "/speakers", "/speakers/1", "/quotes/1",
    "/report", "/api/quotes?q=harbour", "/api/quotes/1", "/api/speakers", "/api/speakers/1",
    "/api/report",
]
SERVE = """
import json, sys
from fastapi.testclient import TestClient
from onrecord.web.app import create_app
with TestClient(create_app(sys.argv[1])) as client:
    print(json.dumps({url: client.get(url).status_code for url in sys.argv[2:]}))
"""


def test_a_wal_database_on_read_only_storage_is_served(web_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = Path(shutil.copy(web_db, folder / "quotes.db"))
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    done = run_read_only(folder, [sys.executable, "-c", SERVE, str(db), *READS])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == dict.fromkeys(READS, 200)
    assert sorted(p.name for p in folder.iterdir()) == ["quotes.db"]


def damaged_app(web_db: Path, folder: Path, table: str | None) -> tuple[TestClient, Path]:
    """The app over a copy of the database with 8 KB of garbage from a table's first page (or
    from the middle of the file)."""
    db = Path(shutil.copy(web_db, folder / "damaged.db"))
    damage(db, page_of(db, table) if table else None)
    return TestClient(create_app(db), raise_server_exceptions=False), db


@pytest.mark.parametrize("table", [None, "quotes_fts_data", "occurrences", "speakers"])
def test_a_damaged_database_answers_503_with_what_to_do(web_db, tmp_path, table):
    client, db = damaged_app(web_db, tmp_path, table)
    with client:
        answers = {url: client.get(url) for url in READS}
    for url, got in answers.items():
        assert got.status_code in (200, 503), (url, got.text)
        if got.status_code == 503:
            said = got.json()["detail"] if url.startswith("/api") else got.text
            assert f"{db} is damaged (" in said and "restore it from a backup" in said, said
            assert "Traceback" not in got.text
    if table:  # the garbage is where those pages read
        assert any(got.status_code == 503 for got in answers.values())


def test_searching_a_damaged_index_answers_503_page_and_json(web_db, tmp_path):
    client, db = damaged_app(web_db, tmp_path, "quotes_fts_data")
    with client:
        page = client.get("/search?q=harbour")
        api = client.get("/api/quotes?q=harbour")
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "onrecord export --db" in page.text
    assert api.status_code == 503 and api.json()["detail"].startswith(f"{db} is damaged (")


def test_a_file_that_is_no_database_is_refused_at_start(web_db, tmp_path):
    db = Path(shutil.copy(web_db, tmp_path / "damaged.db"))
    damage(db, 1)
    with pytest.raises(StorageError, match="is not a SQLite database, or its first page"):
        create_app(db)
