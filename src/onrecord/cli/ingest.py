"""`onrecord ingest`: extract articles and store them in a quote database (safe to re-run)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from onrecord.run.progress import Progress, reporting
from onrecord.store.db import DEFAULT_DB
from onrecord.store.ingest import BATCH, Stats, ingest_paths


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract and store quotes in a database", description=__doc__)
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt, .jsonl(.gz) files, directories, or - for standard input",
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    p.add_argument(
        "--processes", type=int, default=0, help="extraction worker processes (default: all cores)"
    )
    p.add_argument("--model", help="spaCy pipeline to parse with")
    p.add_argument(
        "--batch-size", type=int, default=BATCH, help=f"articles per transaction (default: {BATCH})"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        print("onrecord: --batch-size must be at least 1", file=sys.stderr)
        return 2

    err = _Stderr()

    def progress(stats: Stats) -> None:
        if not args.quiet:
            err.progress(f"onrecord: {stats.stored + stats.replaced} articles stored, "
                         f"{stats.quotes} quotes")

    notes = Progress(err, enabled=False)  # readers' notes and failures, each a line as it happens
    with reporting(notes):  # an archive's skipped records, by reason
        stats = ingest_paths(
            args.inputs,
            args.db,
            model=args.model,
            processes=args.processes or os.cpu_count() or 1,
            batch_size=args.batch_size,
            progress=progress,
            on_failure=lambda f: notes.message(f"onrecord: {f.origin}: {f.reason}"),
        )
    err.write("")  # end the progress line
    print(json.dumps(stats.to_json()))
    return 1 if stats.failures else 0


class _Stderr:
    """Standard error on which a note never continues the unfinished progress line."""

    def __init__(self) -> None:
        self.open = False  # a progress line is shown without its newline

    def progress(self, text: str) -> None:
        sys.stderr.write("\r" + text)
        sys.stderr.flush()
        self.open = True

    def write(self, text: str) -> None:
        if self.open:
            sys.stderr.write("\n")
            self.open = False
        sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()
