"""`onrecord speakers`: list speakers, or show one with aliases, titles over time, quotes/month."""

from __future__ import annotations

import argparse
import json
import sys

from onrecord import errors
from onrecord.cli.options import add_db, output_format
from onrecord.store.db import open_readonly
from onrecord.store.search import get_speaker, list_speakers


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("speakers", help="list speakers or show one", description=__doc__)
    p.add_argument("name", nargs="?", help="a name, alias or surname; omit to list the top ones")
    p.add_argument("--limit", type=int, default=50, help="speakers to list (default: 50)")
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default=None,
        help="default: table on a terminal, else json",
    )
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = open_readonly(args.db)
    fmt = output_format(args.format, "table", "json")
    found = list_speakers(conn, args.name, limit=max(1, args.limit))
    if args.name and len(found) == 1:
        one = get_speaker(conn, found[0]["id"])
        if fmt == "json":
            print(json.dumps(one, ensure_ascii=False, indent=1))
        else:
            show(one or {})
        return 0
    if args.name and not found:
        print(f"onrecord: {errors.NO_SPEAKER.format(name=args.name)}", file=sys.stderr)
        return 1
    if fmt == "json":
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        for s in found:
            extra = ", ".join(v for v in (s["title"], s["party"], s["state"]) if v)
            print(
                f"[{s['id']}] {s['name']}"
                + (f" ({extra})" if extra else "")
                + f": {s['num_quotes']} quotes, {s['first_seen']} to {s['last_seen']}"
            )
    return 0


def show(s: dict) -> None:
    print(
        f"[{s['id']}] {s['name']}: {s['num_quotes']} quotes, {s['first_seen']} to {s['last_seen']}"
    )
    print("aliases: " + "; ".join(f"{a['alias']} ({a['count']})" for a in s["aliases"]))
    for d in s["descriptors"]:
        print(f"{d['kind']}: {d['value']} ({d['first_seen']} to {d['last_seen']}, x{d['count']})")
    for m in s["quotes_per_month"]:
        print(f"{m['month']}: {m['quotes']}")
