"""Extraction of pasted articles in a worker process of its own, behind a bounded queue.

A long article takes seconds of CPU and hundreds of MB; in the server's own threads it would
hold the interpreter and the thread pool the pages are answered from. Here one worker process
extracts one article at a time while at most `waiting` more wait their turn; any beyond are
refused at once with 503 and Retry-After, and the pages never wait for any of them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from fastapi import HTTPException

from onrecord.read.text import header_date
from onrecord.run.local import watch_parent
from onrecord.settings import Settings
from onrecord.types import Article, Failure

MAX_WAITING = 8  # extractions queued behind the running one; a client beyond them is refused
RETRY_AFTER = 30  # seconds a refused client is asked to wait: about one long article's turn
BUSY = "too many articles are being extracted; try again in a little while"
WORKER_LOST = "the extraction worker stopped (out of memory?); try again"


def extracted(text: str, date: str | None, settings: Settings) -> dict[str, Any] | str:
    """In the worker: the pasted text's attributions as the API's JSON, or why it could not be
    read. The CLI's own extraction (the pipeline is loaded once, at the first article)."""
    from onrecord.run.local import extract  # spaCy loads in the worker only

    article = Article(id="pasted", text=text, date=date or header_date(text))
    (item,) = list(extract([article], settings, processes=1))
    return item.reason if isinstance(item, Failure) else item.to_json()


class ExtractionQueue:
    """One worker process (started at the first article) and a bounded number waiting for it.

    `pending` is only read and written on the event loop's thread, so it needs no lock.
    """

    def __init__(self, settings: Settings, waiting: int = MAX_WAITING) -> None:
        self.settings = settings
        self.waiting = waiting
        self.pending = 0  # the running extraction and those waiting
        self._pool: ProcessPoolExecutor | None = None

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawned, not forked: the server has threads, and a fork copies their locks; the
            # worker ends with the server, however the server ends (SIGKILL included)
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=watch_parent)
        return self._pool

    async def run(self, text: str, date: str | None) -> dict[str, Any]:
        """The attributions of pasted text; 503 with Retry-After when the queue is full, 422
        when the text cannot be read as an article; a missing model raises its OnrecordError."""
        if self.pending > self.waiting:
            raise HTTPException(503, BUSY, headers={"Retry-After": str(RETRY_AFTER)})
        self.pending += 1
        try:
            outcome = await asyncio.wrap_future(
                self._worker().submit(extracted, text, date, self.settings))
        except BrokenProcessPool as e:
            self._pool = None  # the next article starts a new worker
            raise HTTPException(503, WORKER_LOST, headers={"Retry-After": "5"}) from e
        finally:
            self.pending -= 1
        if isinstance(outcome, str):
            raise HTTPException(422, outcome)
        return outcome

    def close(self) -> None:
        """Stop the worker; extractions still waiting are cancelled."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
