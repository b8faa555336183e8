"""`onrecord search`: quotes in a database by words, speaker, dates, outlet and kind."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from typing import Any

from onrecord.store.db import DEFAULT_DB, open_readonly
from onrecord.store.search import CSV_HEADER, csv_row, search
from onrecord.types import SPEAKER_TYPES

KINDS = ("direct", "mixed", "indirect", "turn")


def iso_day(value: str) -> str:
    """A --since/--until value: an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    padded = value + "-01-01"[len(value) - 4 :] if len(value) in (4, 7) else value
    try:
        date.fromisoformat(padded)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; give YYYY-MM-DD") from e
    return value


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search stored quotes", description=__doc__)
    p.add_argument("query", nargs="?", help='words that must all occur; "a phrase" in quotes')
    p.add_argument("--speaker", help="any name or alias of the speaker (e.g. Sessions)")
    p.add_argument("--since", type=iso_day, help="quoted on or after this date")
    p.add_argument("--until", type=iso_day, help="quoted on or before this date")
    p.add_argument("--outlet", help="quoted by this outlet")
    p.add_argument("--kind", choices=KINDS, help="kind of attribution")
    p.add_argument("--source-type", choices=SPEAKER_TYPES, help="type of the speaker")
    p.add_argument("--limit", type=int, default=20, help="results to show (default: 20)")
    p.add_argument("--offset", type=int, default=0, help="results to skip")
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default=None,
        help="default: table on a terminal, else json",
    )
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit < 0 or args.offset < 0:
        print("onrecord: --limit and --offset must not be negative", file=sys.stderr)
        return 2
    try:
        conn = open_readonly(args.db)
    except FileNotFoundError as e:
        print(f"onrecord: {e}", file=sys.stderr)
        return 2
    until = args.until
    if until and len(until) < 10:  # a year or month runs to its end
        until = until + "-99"
    found = search(
        conn,
        args.query,
        speaker=args.speaker,
        since=args.since,
        until=until,
        outlet=args.outlet,
        kind=args.kind,
        limit=args.limit,
        offset=args.offset,
        source_type=args.source_type,
    )
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    write(found["results"], fmt, found["total"])
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
