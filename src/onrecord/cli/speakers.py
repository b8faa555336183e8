"""`onrecord speakers`: list speakers, or show one with aliases, titles over time, quotes/month;
`onrecord speakers ID --set-gender female|male|unknown` corrects a person's gender."""

from __future__ import annotations

import argparse
import json
import sys

from onrecord import errors
from onrecord.cli.options import add_db, output_format
from onrecord.store.db import connect, open_readonly, transaction
from onrecord.store.gender import GENDERS, set_gender
from onrecord.store.search import get_speaker, list_speakers
from onrecord.store.summary import refresh


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
    p.add_argument(
        "--set-gender",
        choices=GENDERS,
        help="correct the gender of the person with this id (kept across re-ingest)",
    )
    add_db(p)
    p.set_defaults(func=run)


def correct(args: argparse.Namespace) -> int:
    """Store the user's gender for one person, by id."""
    if not (args.name or "").isdigit():
        raise errors.BadOption(errors.GENDER_NEEDS_ID)
    conn = connect(args.db)
    try:
        with transaction(conn):
            got = set_gender(conn, int(args.name), args.set_gender)
        refresh(conn)  # the report's summary counts people by gender
    finally:
        conn.close()
    print(json.dumps({"id": int(args.name), **got}))
    return 0


def run(args: argparse.Namespace) -> int:
    if args.set_gender:
        return correct(args)
    conn = open_readonly(args.db)
    fmt = output_format(args.format, "table", "json")
    found = list_speakers(conn, args.name, limit=max(1, args.limit))
    if args.name and args.name.isdigit() and not found:  # an id
        found = [{"id": int(args.name)}] if get_speaker(conn, int(args.name)) else []
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
            extra = ", ".join(v for v in (s["type"], s["title"], s["party"], s["state"]) if v)
            print(
                f"[{s['id']}] {s['name']}"
                + (f" ({extra})" if extra else "")
                + f": {s['num_quotes']} quotes, {s['first_seen']} to {s['last_seen']}"
            )
    return 0


def show(s: dict) -> None:
    print(
        f"[{s['id']}] {s['name']} ({s['type']}): {s['num_quotes']} quotes,"
        f" {s['first_seen']} to {s['last_seen']}"
    )
    if s.get("gender"):
        counted = ", ".join(
            f"{g['gender']} by {g['evidence']} in {g['articles']}" for g in s["gender_articles"]
        )
        print(f"gender: {s['gender']} ({s['gender_evidence'] or 'no evidence'})"
              + (f"; articles: {counted}" if counted else ""))
    print("aliases: " + "; ".join(f"{a['alias']} ({a['count']})" for a in s["aliases"]))
    for d in s["descriptors"]:
        print(f"{d['kind']}: {d['value']} ({d['first_seen']} to {d['last_seen']}, x{d['count']})")
    for m in s["quotes_per_month"]:
        print(f"{m['month']}: {m['quotes']}")
