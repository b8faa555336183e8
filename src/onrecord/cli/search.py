"""`onrecord search`: quotes in a database by words, speaker, dates, outlet and kind."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from onrecord import errors
from onrecord.cli.options import add_dates, add_db, add_kind, output_format
from onrecord.store.db import open_readonly
from onrecord.store.search import CSV_HEADER, csv_row, search
from onrecord.types import SPEAKER_TYPES


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search stored quotes", description=__doc__)
    p.add_argument("query", nargs="?", help='words that must all occur; "a phrase" in quotes')
    p.add_argument("--speaker", help="any name or alias of the speaker (e.g. Sessions)")
    add_dates(p)
    p.add_argument("--outlet", help="quoted by this outlet")
    add_kind(p)
    p.add_argument("--source-type", choices=SPEAKER_TYPES, help="type of the speaker")
    p.add_argument("--limit", type=int, default=20, help="results to show (default: 20)")
    p.add_argument("--offset", type=int, default=0, help="results to skip")
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default=None,
        help="default: table on a terminal, else json",
    )
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit < 0 or args.offset < 0:
        raise errors.BadOption(errors.NOT_NEGATIVE)
    found = search(
        open_readonly(args.db),
        args.query,
        speaker=args.speaker,
        since=args.since,
        until=args.until,
        outlet=args.outlet,
        kind=args.kind,
        limit=args.limit,
        offset=args.offset,
        source_type=args.source_type,
    )
    write(found["results"], output_format(args.format, "table", "json"), found["total"])
    return 0


def unregistered(result: dict[str, Any]) -> str:
    """A quote without a registry speaker: its source's words and type ("officials, group")."""
    for o in result["occurrences"]:
        if o["mention"]:
            return f"{o['mention']}, {o['source_type']}" if o["source_type"] else o["mention"]
    return "?"


def write(results: list[dict[str, Any]], fmt: str, total: int) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(results, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(CSV_HEADER)
        w.writerows(csv_row(r) for r in results)
    else:
        for r in results:
            who = (r["speaker"] or {}).get("name") or unregistered(r)
            print(
                f"[{r['id']}] {who} ({r['first_seen']}, x{r['num_occurrences']}): {r['text']}",
                file=out,
            )
        print(f"{len(results)} of {total}", file=sys.stderr)
