"""A one-line progress report on a terminal (articles/s, quotes, errors); silent otherwise."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from onrecord.types import Failure, Result

CLEAR = "\r\x1b[K"  # back to the start of the line and erase it


class Progress:
    """Counts results as they pass; redraws at most every `interval` seconds on a TTY."""

    def __init__(
        self, stream: TextIO | None = None, enabled: bool | None = None, interval: float = 0.2
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_tty(self.stream) if enabled is None else enabled
        self.interval = interval
        self.articles = self.quotes = self.errors = 0
        self.start = self._drawn = time.monotonic()

    def update(self, item: Result | Failure) -> None:
        """Count one result or failure."""
        if isinstance(item, Failure):
            self.errors += 1
        else:
            self.articles += 1
            self.quotes += len(item.quotes)
        if self.enabled and time.monotonic() - self._drawn >= self.interval:
            self._draw()

    def message(self, text: str) -> None:
        """Print a line (a failure, say) above the bar, so the two never share a line."""
        if self.enabled:
            self.stream.write(CLEAR)
        self.stream.write(text + "\n")
        if self.enabled:
            self._draw()

    def close(self) -> None:
        """Leave the final counts on the terminal."""
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        return (
            f"{self.articles:,} articles  {self.articles / elapsed:,.1f}/s  "
            f"{self.quotes:,} quotes  {self.errors:,} errors  {elapsed:,.0f}s"
        )

    def _draw(self) -> None:
        self.stream.write(CLEAR + self.line())
        self.stream.flush()
        self._drawn = time.monotonic()


class ReportHandler(logging.Handler):
    """Log records (a WARC archive's skipped-record counts) as lines above the progress bar."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        self.progress.message(f"onrecord: {record.getMessage()}")


@contextmanager
def reporting(progress: Progress, logger: str = "onrecord.read") -> Iterator[None]:
    """Meanwhile, the readers' notes (an archive's skipped records by reason) print as lines."""
    log = logging.getLogger(logger)
    handler, level = ReportHandler(progress), log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def track(items: Iterable[Result | Failure], progress: Progress) -> Iterator[Result | Failure]:
    """Pass items through, counting each; the bar is closed when the items run out."""
    try:
        for item in items:
            progress.update(item)
            yield item
    finally:
        progress.close()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False
