"""Pasted articles queue for one extraction worker: a bounded number wait, more are refused with
503 and Retry-After, and the pages and the JSON API keep answering meanwhile (real server)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import ROOT
from tests.run.test_orphans import alive, children, outliving
from tests.web.conftest import serving

from onrecord.web.app import create_app
from onrecord.web.extraction import BUSY

WAITING = 2
PARAGRAPH = ('"We will reopen the ferry in May," harbor master Ines Marlow said on Tuesday.\n\n'
             "The crossing has been closed since a storm damaged the pier in January.\n\n")


@pytest.fixture(scope="module")
def queue_server(web_db: Path) -> Iterator[int]:
    """A real uvicorn server whose extraction queue holds WAITING behind the running article."""
    with serving(create_app(web_db, extract_waiting=WAITING), stop_seconds=30) as port:
        yield port


def post(port: int, text: str) -> tuple[int, dict[str, str], dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("POST", "/api/extract", json.dumps({"text": text}),
                 {"Content-Type": "application/json"})
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    return response.status, dict(response.getheaders()), body


def get(port: int, path: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - start


def test_extractions_beyond_the_queue_get_503_with_retry_after(queue_server: int) -> None:
    answers: list[tuple[int, dict[str, str], dict]] = []
    lock = threading.Lock()

    def send(text: str) -> None:
        answer = post(queue_server, text)
        with lock:
            answers.append(answer)

    # The first starts the worker (which loads the pipeline) and runs; WAITING wait; the rest
    # arrive while it runs and are refused.
    first = threading.Thread(target=send, args=(PARAGRAPH * 40,))
    first.start()
    time.sleep(0.5)
    others = [threading.Thread(target=send, args=(PARAGRAPH,)) for _ in range(WAITING + 3)]
    for t in others:
        t.start()
        time.sleep(0.05)
    # pages and the API are answered while the extractions run and wait
    for path in ("/search?q=ferry", "/api/speakers", "/"):
        status, seconds = get(queue_server, path)
        assert status == 200 and seconds < 5, (path, status, seconds)
    for t in [first, *others]:
        t.join(300)
    refused = [a for a in answers if a[0] == 503]
    done = [a for a in answers if a[0] == 200]
    assert len(done) == WAITING + 1 and len(refused) == 3
    for _, headers, body in refused:
        assert int(headers["retry-after"]) > 0 and body["detail"] == BUSY
    for _, _, body in done:
        assert {q["speakers"][0]["name"] for q in body["quotes"]} == {"Ines Marlow"}
    # the queue is free again
    status, _, body = post(queue_server, PARAGRAPH)
    assert status == 200 and body["quotes"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_extraction_worker_ends_when_the_server_is_killed(web_db: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "serve", "--db", str(web_db),
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    spawned: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while True:  # the server is up once it answers
            try:
                if get(port, "/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "server did not start"
            time.sleep(0.2)
        status, _, body = post(port, PARAGRAPH)  # starts the extraction worker
        assert status == 200 and body["quotes"]
        spawned = children(server.pid)
        assert spawned, "no extraction worker"
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        assert not outliving(spawned), "the extraction worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
        for pid in spawned:  # never leave strays behind, even when the test fails
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
