"""`onrecord extract`: attributions of articles as JSON lines (or a table on a terminal)."""

from __future__ import annotations

import argparse
import sys

from onrecord import errors
from onrecord.cli.options import add_extraction, add_processes, processes, settings
from onrecord.cli.output import write_jsonl, write_table
from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.run.progress import Progress, reporting, track
from onrecord.store.storage import output_error
from onrecord.types import Failure


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="who said what in each article", description=__doc__)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt, .jsonl(.gz), .html, .warc(.gz) files, directories, or - for stdin")
    p.add_argument("-o", "--output", help="write JSON lines to this file (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "table"),
                   help="output format (default: table on a terminal, else jsonl)")
    add_processes(p)
    add_extraction(p)
    # Scale-out (run/spark.py): one Spark task per input file, part files under -o OUTDIR.
    p.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="local processes, or Spark (local[*] unless spark-submit sets a master)")
    p.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl",
                   help="with --engine spark: JSON lines part files, or Parquet by date")
    p.set_defaults(func=run)


def run_spark(args: argparse.Namespace) -> int:
    """`--engine spark`: write part files under the -o folder; failures go to stderr too."""
    from onrecord.run.spark import extract_spark

    if not args.output:
        raise errors.BadOption(errors.SPARK_NEEDS_OUTPUT)
    done = extract_spark(args.inputs, args.output, settings(args),
                         output_format=args.output_format)
    for f in done.failures:
        print(f"onrecord: {f.origin}: {f.reason}", file=sys.stderr)
    return 1 if done.failures else 0


def run(args: argparse.Namespace) -> int:
    if args.engine == "spark":
        return run_spark(args)
    if args.output_format != "jsonl":
        raise errors.BadOption(errors.PARQUET_NEEDS_SPARK)
    how = settings(args)
    fmt = args.format or ("table" if args.output is None and sys.stdout.isatty() else "jsonl")
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    except OSError as e:  # read-only storage, a missing folder, no permission
        raise output_error(e, args.output) from e
    write = write_table if fmt == "table" else write_jsonl
    failed = 0
    try:
        # The bar shows on a terminal only, and not while a table is printed to that terminal.
        to_terminal = out is sys.stdout and sys.stdout.isatty()
        progress = Progress(enabled=False if to_terminal else None)
        with reporting(progress):
            results = extract(read_inputs(args.inputs), how, processes(args))
            for item in track(results, progress):
                if isinstance(item, Failure):
                    failed += 1
                    progress.message(f"onrecord: {item.origin}: {item.reason}")
                else:
                    write(item, out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0
