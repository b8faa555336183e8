"""Run the pipeline over many articles in this process or a pool of worker processes."""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from onrecord import errors
from onrecord.settings import Settings
from onrecord.types import Article, Failure, Result

if TYPE_CHECKING:
    from onrecord.pipeline import Extractor

_worker: Extractor | None = None  # each worker process's Extractor, loaded once by _init
_worker_settings: Settings | None = None  # the settings _worker was loaded with
_worker_error: errors.OnrecordError | None = None  # why a pool worker could not load one
ORPHAN_CHECK_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone (killed with SIGKILL, say), never to idle on.

    The pool's own pipes cannot tell: each forked worker holds copies of their write ends.
    """
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def watch_parent() -> None:
    """Start the thread that ends this worker process once its parent is gone."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _init(settings: Settings) -> None:
    global _worker, _worker_settings
    if _worker is not None and _worker_settings == settings:
        return  # loaded already: Spark tasks and repeated calls reuse this process's pipeline
    from onrecord.extract.spacy_import import import_spacy

    import_spacy(settings.spacy_model)  # spaCy loads only where extraction runs
    from onrecord.pipeline import load_extractor

    _worker, _worker_settings = load_extractor(settings), settings


def _init_pool_worker(settings: Settings) -> None:
    """A pool worker: watch the parent first (loading the pipeline takes seconds), then load.

    The parent is the process that forked this one (under the forkserver start method, the fork
    server, which itself ends with the main process). A missing model is raised by its first
    batch, back in the parent as the OnrecordError it is, rather than breaking the pool.
    """
    global _worker_error
    watch_parent()
    try:
        _init(settings)
    except errors.OnrecordError as e:
        _worker_error = e


def _extract_batch(batch: list[Article]) -> list[Result | Failure]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker is not None, "_init first"
    out: list[Result | Failure] = []
    for article in batch:
        try:
            out.append(_worker.extract(article))
        except Exception as e:  # one bad article must not cost the others
            out.append(Failure(article.origin or article.id, errors.EXTRACT_FAILED.format(msg=e)))
    return out


def _batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    batch: list[Article | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batch(batch: list[Article | Failure]) -> list[Result | Failure]:
    articles = [a for a in batch if isinstance(a, Article)]
    results = iter(_extract_batch(articles))
    return [item if isinstance(item, Failure) else next(results) for item in batch]


def extract(
    items: Iterable[Article | Failure],
    settings: Settings | None = None,
    processes: int = 1,
    batch_size: int = 8,
) -> Iterator[Result | Failure]:
    """Results (or failures) in input order; with processes > 1, a bounded window of batches is in
    flight so memory stays flat whatever the input size. Every worker extracts with `settings`."""
    settings = settings or Settings()
    processes = processes or os.cpu_count() or 1
    if processes <= 1:
        _init(settings)
        for batch in _batches(items, batch_size):
            yield from _run_batch(batch)
        return
    with ProcessPoolExecutor(processes, initializer=_init_pool_worker, initargs=(settings,)
                             ) as pool:
        window: deque[Future[list[Result | Failure]]] = deque()
        for batch in _batches(items, batch_size):
            window.append(pool.submit(_run_batch, batch))
            if len(window) >= processes * 3:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def extract_one(article: Article, settings: Settings | None = None) -> Result:
    """Attributions of a single article (loads the pipeline once per process)."""
    _init(settings or Settings())
    assert _worker is not None
    return _worker.extract(article)
