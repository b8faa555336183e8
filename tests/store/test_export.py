"""Exports load in pandas and DuckDB as they are; the database opens in Datasette."""

import asyncio
import json
from pathlib import Path

import pytest
from store_helpers import corpus

from onrecord.cli import main
from onrecord.store import connect, ingest

TABLES = ("quotes", "occurrences", "speakers", "descriptors", "articles")


@pytest.fixture
def path(tmp_path: Path) -> str:
    db = tmp_path / "quotes.db"
    conn = connect(db)
    ingest(conn, corpus(12))
    conn.close()
    return str(db)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_tables_load_in_pandas(path: str, tmp_path: Path, fmt: str) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / fmt
    assert main(["export", "--format", fmt, "-o", str(out), "--db", path]) == 0
    read = {
        "jsonl": lambda p: pd.read_json(p, lines=True),
        "csv": pd.read_csv,
        "parquet": pd.read_parquet,
    }[fmt]
    frames = {t: read(out / f"{t}.{fmt}") for t in TABLES}
    assert len(frames["articles"]) == 12 and len(frames["occurrences"]) == 24
    joined = frames["occurrences"].merge(frames["quotes"], left_on="quote_id", right_on="id")
    assert joined["num_occurrences"].sum() >= 24
    assert set(frames["speakers"]["name"]) == {
        "Rosa Delgado",
        "Tom Akers",
        "Nora Quill",
        "Ada Brandt",
        "Lou Ferrante",
    }
    assert set(frames["speakers"]["type"]) == {"person"}
    assert set(frames["occurrences"]["source_type"]) == {"person"}
    content = frames["occurrences"]["content"][0]
    assert json.loads(content)[0][0] == frames["occurrences"]["start"][0]


def test_export_parquet_in_duckdb(path: str, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    assert main(["export", "--format", "parquet", "-o", str(tmp_path), "--db", path]) == 0
    con = duckdb.connect()
    q = tmp_path / "quotes.parquet"
    o = tmp_path / "occurrences.parquet"
    rows = con.execute(
        f"SELECT q.speaker, count(*) FROM '{o}' o JOIN '{q}' q ON q.id = o.quote_id"
        " GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert rows[0] == ("Ada Brandt", 4)
    con.close()


def test_database_opens_in_datasette(path: str) -> None:
    app = pytest.importorskip("datasette.app")

    async def fetch() -> tuple[int, dict]:
        ds = app.Datasette([path], immutables=[])
        r = await ds.client.get("/quotes/quotes.json?_shape=objects&_size=5")
        fts = await ds.client.get("/quotes/quotes.json?_search=settled&_shape=objects")
        return r.status_code, r.json(), fts.json()

    status, page, fts = asyncio.run(fetch())
    assert status == 200
    assert len(page["rows"]) == 5
    # Datasette finds the FTS5 table, so its search box searches (stemmed: settled ~ settle).
    assert "quotes_fts" in fts["query"]["sql"]
    assert fts["rows"] and all("settle" in r["text"] for r in fts["rows"])
    assert fts["filtered_table_rows_count"] < page["filtered_table_rows_count"]
