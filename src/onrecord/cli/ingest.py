"""`onrecord ingest`: extract articles and store them in a quote database (safe to re-run)."""

from __future__ import annotations

import argparse
import json
import sys

from onrecord import errors
from onrecord.cli.options import add_db, add_processes, add_spacy_model, processes, settings
from onrecord.run.ingest import ingest_paths
from onrecord.run.progress import Progress, reporting
from onrecord.store.ingest import BATCH, Stats


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract and store quotes in a database", description=__doc__)
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt, .jsonl(.gz) files, directories, or - for standard input",
    )
    add_db(p)
    add_processes(p, "extraction worker processes")
    add_spacy_model(p)
    p.add_argument(
        "--batch-size", type=int, default=BATCH, help=f"articles per transaction (default: {BATCH})"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise errors.BadOption(errors.AT_LEAST_ONE.format(option="--batch-size", why=""))

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
            settings(args),
            processes=processes(args),
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
