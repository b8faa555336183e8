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


@pytest.fixture
def damaged_client(web_db, tmp_path):
    """The app over a copy of the database with 8 KB of garbage over its full-text index."""
    db = Path(shutil.copy(web_db, tmp_path / "damaged.db"))
    damage(db, page_of(db, "quotes_fts_data"))
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        yield client, db


@pytest.mark.parametrize("url", READS)
def test_a_damaged_database_answers_503_with_what_to_do(damaged_client, url):
    client, db = damaged_client
    got = client.get(url)
    assert got.status_code in (200, 503), got.text
    if got.status_code == 503:
        said = got.json()["detail"] if url.startswith("/api") else got.text
        assert f"{db} is damaged (" in said and "restore it from a backup" in said
        assert "Traceback" not in got.text


def test_searching_a_damaged_index_answers_503_page_and_json(damaged_client):
    client, db = damaged_client
    page = client.get("/search?q=harbour")
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "onrecord export --db" in page.text
    api = client.get("/api/quotes?q=harbour")
    assert api.status_code == 503 and api.json()["detail"].startswith(f"{db} is damaged (")


def test_a_file_that_is_no_database_is_refused_at_start(web_db, tmp_path):
    db = Path(shutil.copy(web_db, tmp_path / "damaged.db"))
    damage(db, 1)
    with pytest.raises(StorageError, match="is not a SQLite database, or its first page"):
        create_app(db)
