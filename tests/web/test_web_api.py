"""The JSON API in process: the CLI's results over HTTP, bounds, read-only, no writes."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient

from onrecord.cli import main
from onrecord.store.db import Readers
from onrecord.store.highlight import matched_spans
from onrecord.web.schemas import MAX_TEXT, QuotePage

DATA = Path(__file__).parent / "data"
CHANNEL = "The channel has silted up for ten years"


def quotes(client: TestClient, **params: object) -> dict:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_quotes_are_what_the_cli_search_prints(
    client: TestClient, web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for params, argv in [
        ({"q": "recuse"}, ["recuse"]),
        ({"speaker": "Menon", "limit": 3}, ["--speaker", "Menon", "--limit", "3"]),
        ({"since": "2023-02", "until": "2023-04"}, ["--since", "2023-02", "--until", "2023-04"]),
        ({"outlet": "valley ledger", "kind": "direct"}, ["--outlet", "valley ledger", "--kind",
                                                         "direct"]),
    ]:
        assert main(["search", *argv, "--db", str(web_db), "--format", "json"]) == 0
        printed = json.loads(capsys.readouterr().out)
        found = quotes(client, **params)
        assert found["results"] == printed and printed
        assert found["total"] >= len(printed)


def with_text(found: dict, words: str) -> dict:
    """The one result whose text carries `words` (others may match the same query)."""
    (hit,) = [r for r in found["results"] if words in r["text"]]
    return hit


def test_filters_narrow_the_results(client: TestClient) -> None:
    # Which quotes hold a word depends on what the extractor finds: the expectation is every
    # stored quote whose text the index's tokenizer matches, read from the unfiltered listing.
    everything = quotes(client, limit=100)
    assert everything["total"] == len(everything["results"])
    holds = {r["id"] for r in everything["results"] if matched_spans("recuse", [r["text"]])[0]}
    found = quotes(client, q="recuse")
    assert {r["id"] for r in found["results"]} == holds and found["total"] == len(holds)
    assert with_text(found, "She should recuse herself")["speaker"]["name"] == "Ravi Menon"
    assert with_text(quotes(client, q="channel", speaker="Ortiz"), CHANNEL)["num_occurrences"] == 2
    assert all(r["speaker"]["name"] == "Lena Ortiz"
               for r in quotes(client, q="channel", speaker="Ortiz")["results"])
    assert quotes(client, q="channel", speaker="Menon")["total"] == 0
    # February only: the vote story; a year or month runs to its end, as in the CLI.
    feb = quotes(client, since="2023-02-01", until="2023-02")
    assert {o["article_id"] for r in feb["results"] for o in r["occurrences"]} >= {"harbour_vote"}
    assert all(r["last_seen"] >= "2023-02-01" for r in feb["results"])
    indirect = quotes(client, kind="indirect", speaker="Menon")
    assert indirect["total"] >= 1 and all('"' not in r["text"] for r in indirect["results"])
    ledger = quotes(client, outlet="Valley Ledger")
    assert ledger["total"] >= 3  # the vote story's three direct quotes
    assert all("Valley Ledger" in {o["outlet"] for o in r["occurrences"]} for r in ledger["results"])
    groups = quotes(client, source_type="group")
    assert with_text(groups, "the fees had never been explained to them")["speaker"] is None
    for kind in ("person", "group"):
        found = quotes(client, source_type=kind, limit=100)
        assert found["total"] >= 1
        assert all(kind in {o["source_type"] for o in r["occurrences"]} for r in found["results"])
    assert all(r["speaker"] is None for r in groups["results"])
    total = everything["total"]
    pages = [quotes(client, limit=5, offset=o)["results"] for o in range(0, total, 5)]
    ids = [r["id"] for page in pages for r in page]
    assert len(ids) == len(set(ids)) == total


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"offset": 10_001},
        {"since": "2023-13"},
        {"until": "yesterday"},
        {"kind": "rumour"},
        {"source_type": "rumour"},
        {"q": "x" * 501},
    ],
)
def test_out_of_bounds_parameters_are_refused(client: TestClient, params: dict) -> None:
    assert client.get("/api/quotes", params=params).status_code == 422


def test_hostile_input_is_only_data(client: TestClient, web_db: Path) -> None:
    for q in ["'; DROP TABLE quotes; --", '" OR 1=1 --', "NEAR(a b)", "*", "a AND OR NOT"]:
        assert quotes(client, q=q, speaker=q, outlet=q)["total"] == 0
    conn = sqlite3.connect(web_db)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] > 10
    conn.close()


def test_one_quote_with_every_occurrence(client: TestClient) -> None:
    hit = with_text(quotes(client, q="channel"), CHANNEL)
    q = client.get(f"/api/quotes/{hit['id']}").json()
    assert [o["article_id"] for o in q["occurrences"]] == ["harbour_budget", "harbour_vote"]
    budget, vote = q["occurrences"]
    text = (DATA / "store" / "harbour_budget.txt").read_text()
    (start, end), = budget["content"]
    assert CHANNEL in text[start:end] and budget["quote"] == text[start:end]
    assert text[slice(*budget["cue"])] == "said" and text[slice(*budget["source"])] == "Ortiz"
    vote_text = (DATA / "store" / "harbour_vote.txt").read_text()
    assert vote_text[slice(*vote["source"])] == "she" and vote["outlet"] == "Valley Ledger"
    assert client.get("/api/quotes/999999").status_code == 404
    assert client.get("/api/quotes/abc").status_code == 422


def test_speakers_and_one_speaker(client: TestClient) -> None:
    (menon,) = client.get("/api/speakers", params={"q": "Menon"}).json()
    assert menon["name"] == "Ravi Menon" and menon["title"] == "Councillor"
    top = client.get("/api/speakers", params={"limit": 2}).json()
    assert [s["name"] for s in top] == ["Ravi Menon", "Lena Ortiz"]
    s = client.get(f"/api/speakers/{menon['id']}").json()
    assert [m["month"] for m in s["quotes_per_month"]] == ["2023-01", "2023-02", "2023-04",
                                                            "2023-05"]
    assert "Ravi Menon" in {a["alias"] for a in s["aliases"]}
    assert ("title", "Councillor") in {(d["kind"], d["value"]) for d in s["descriptors"]}
    assert client.get("/api/speakers/424242").status_code == 404


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_ids_beyond_sqlite_are_not_found(client: TestClient, number: int) -> None:
    for path in ("/api/quotes/", "/api/speakers/", "/quotes/", "/speakers/"):
        assert client.get(f"{path}{number}").status_code == 404, path


def test_extract_pasted_text_and_store_nothing(client: TestClient, web_db: Path) -> None:
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    text = (DATA / "paste" / "ferry.txt").read_text()
    response = client.post("/api/extract", json={"text": text, "date": "2024-05-06"})
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["date"] == "2024-05-06"
    said = {(q["speakers"][0]["name"], q["kind"]) for q in found["quotes"] if q["speakers"]}
    assert {("Marta Olsen", "direct"), ("Tomas Reid", "direct")} <= {
        (name.replace("Harbourmaster ", ""), kind) for name, kind in said
    }
    for q in found["quotes"]:
        assert q["text"] == " … ".join(text[s:e] for s, e in q["content"])
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before
    assert not Path(str(web_db) + "-wal").exists() or Path(str(web_db) + "-wal").stat().st_size == 0
    assert "Marta Olsen" not in json.dumps(client.get("/api/speakers").json())


def test_extract_bounds(client: TestClient) -> None:
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"text": "x" * (MAX_TEXT + 1)}).status_code == 422
    assert client.post("/api/extract", json={"text": "Hi.", "date": "May"}).status_code == 422
    for day in ("2024-99-99", "2024-02-30"):
        assert client.post("/api/extract", json={"text": "Hi.", "date": day}).status_code == 422
    big = json.dumps({"text": "y" * 600_000})
    response = client.post("/api/extract", content=big,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413

    def chunks():  # no Content-Length: the body is counted as it streams in
        for _ in range(10):
            yield b"z" * 100_000

    assert client.post("/api/extract", content=chunks()).status_code == 413


def test_quote_pages_are_what_the_schema_says(client: TestClient) -> None:
    # /api/quotes sends the search's dicts as they are: they must be the documented shape.
    for params in [{"q": "channel"}, {"speaker": "Menon"}, {"limit": 100}, {"since": "2023-02"},
                   {"q": "zeppelin"}]:
        found = quotes(client, **params)
        assert QuotePage.model_validate(found).model_dump(mode="json") == found
    schema = client.get("/openapi.json").json()["paths"]["/api/quotes"]["get"]["responses"]
    assert schema["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/QuotePage")


def test_database_work_runs_in_a_bounded_pool(web_db: Path) -> None:
    pool = Readers(web_db, size=2)
    busy, most, used, lock = [0], [0], set(), threading.Lock()

    def work(conn: sqlite3.Connection, pause: float) -> int:
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
            used.add(id(conn))
        time.sleep(pause)
        count = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        with lock:
            busy[0] -= 1
        return count

    async def requests() -> list[int]:  # as the API runs them: a worker thread each
        results: list[int] = []

        async def one() -> None:
            results.append(await pool.run(work, 0.01))

        async with anyio.create_task_group() as tg:
            for _ in range(12):
                tg.start_soon(one)
        return results

    def page(_: int) -> int:  # as the pages do: borrow a connection in their own thread
        with pool.connection() as conn:
            return work(conn, 0.01)

    with ThreadPoolExecutor(6) as ex:
        pages = ex.map(page, range(12))
        answers = anyio.run(requests) + list(pages)
    assert len(answers) == 24 and len(set(answers)) == 1 and answers[0] > 10
    assert most[0] == 2 and len(used) == 2  # never more than two at once, opened once each
    pool.close()


def test_the_database_is_opened_read_only(client: TestClient) -> None:
    with client.app.state.readers.connection() as conn, pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM quotes")


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/static-offline-docs/{asset}" in docs.text
        assert client.get(f"/static-offline-docs/{asset}").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/quotes", "/api/quotes/{quote_id}", "/api/speakers", "/api/speakers/{speaker_id}",
            "/api/extract"} <= set(schema["paths"])
    assert not any(p.startswith(("/search", "/analyse")) for p in schema["paths"])


def test_serve_binds_to_loopback_by_default(web_db: Path) -> None:
    from onrecord.cli import build_parser
    from onrecord.web.app import LOOPBACK_NAMES, create_app

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    # On loopback, a page fetched through another name (DNS rebinding) is refused.
    app = create_app(web_db, hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/speakers").status_code == 200
    with TestClient(app, base_url="http://attacker.example") as other:
        assert other.get("/api/speakers").status_code == 400


def test_onrecord_serve_command(web_db: Path, tmp_path: Path) -> None:
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 2
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("onrecord")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(web_db), "--port", str(port)],
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/speakers") as r:
                    assert json.load(r)[0]["name"] == "Ravi Menon"
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stderr.close()


def test_a_missing_model_is_reported_not_fatal(web_db: Path) -> None:
    from onrecord.settings import Settings
    from onrecord.web.app import create_app

    with TestClient(create_app(web_db, Settings(spacy_model="no_such_pipeline"))) as c:
        response = c.post("/api/extract", json={"text": "Hello, she said."})
        assert response.status_code == 503 and "no_such_pipeline" in response.json()["detail"]
        assert c.get("/api/speakers").status_code == 200
