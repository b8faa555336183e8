"""A small quote database from articles written for these tests, the app over it, a live server."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.store import connect, ingest
from onrecord.types import Result, Speaker
from onrecord.web.app import create_app

DATA = Path(__file__).parent / "data"
SCREENSHOTS = Path(__file__).parent / "screenshots"  # ignored by git; look at them after a run

# Hostile values a crawled page could carry, put where the extractor would not invent them.
HOSTILE_OUTLET = '<b onmouseover="alert(4)">Gazette</b>'
HOSTILE_TITLE = "</title><script>alert(5)</script>"
HOSTILE_URL = "javascript:alert(6)"
HOSTILE_NAME = 'Kai "Brandt"><img src=x onerror=alert(7)>'
HOSTILE_DESCRIPTOR = "<script>alert(8)</script>"
HOSTILE_STATE = "x' onmouseover='alert(9)"


def hostile(result: Result) -> Result:
    """The hostile article with markup in its outlet, title, URL and first speaker's names."""
    article = dataclasses.replace(
        result.article, outlet=HOSTILE_OUTLET, title=HOSTILE_TITLE, url=HOSTILE_URL
    )
    result.quotes[0].speakers = [
        Speaker(HOSTILE_NAME, title=HOSTILE_DESCRIPTOR, party='"><b>', state=HOSTILE_STATE,
                gender="female", gender_evidence="pronoun")  # shown in /report's top women
    ]
    return Result(article, result.quotes)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test articles extracted by the real pipeline (loaded once) and ingested."""
    paths = [str(p) for p in sorted((DATA / "store").glob("*.txt"))]
    results = []
    for r in extract(read_inputs(paths), processes=1):
        assert isinstance(r, Result), r
        outlet = "Valley Ledger" if r.article.id == "harbour_vote" else "Harbour Gazette"
        r = Result(
            dataclasses.replace(
                r.article, outlet=outlet, url=f"https://news.example.org/{r.article.id}",
                title=f"Story {r.article.id}",
            ),
            r.quotes,
        )
        results.append(hostile(r) if r.article.id == "hostile" else r)
    path = tmp_path_factory.mktemp("web") / "quotes.db"
    conn = connect(path)
    ingest(conn, results)
    conn.close()
    return path


@pytest.fixture(scope="session")
def app(web_db: Path) -> FastAPI:
    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@contextmanager
def serving(app: FastAPI, stop_seconds: float = 10) -> Iterator[int]:
    """`app` on a real uvicorn server on a free loopback port, in a thread of this process;
    yields the port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", ws="none"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(stop_seconds)
        sock.close()


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[str]:
    """A real uvicorn server over the test database."""
    with serving(create_app(web_db)) as port:
        yield f"http://127.0.0.1:{port}"
