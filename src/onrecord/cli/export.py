"""`onrecord export`: the database as flat files (quotes, occurrences, speakers, articles)."""

from __future__ import annotations

import argparse
import sys

from onrecord.cli.options import add_db
from onrecord.store.db import open_readonly
from onrecord.store.export import FORMATS, export


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the database as flat tables", description=__doc__)
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="file format")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help="directory to write TABLE.FORMAT files into",
    )
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    written = export(open_readonly(args.db), args.format, args.output, args.db)
    for table, path in written.items():
        print(f"{table}: {path}", file=sys.stderr)
    return 0
