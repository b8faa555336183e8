"""`onrecord report`: who gets heard, per outlet and/or month — quotes, people quoted, shares by
gender, source types and parties, the most quoted women and men."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from onrecord.cli.options import add_dates, add_db, output_format
from onrecord.store.db import open_readonly
from onrecord.store.report import GROUPINGS, SOURCE_TYPES, TOP, report, to_csv
from onrecord.store.summary import is_fresh


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="who gets heard: quotes by gender, source type, party",
                       description=__doc__)
    p.add_argument("--by", default="outlet", choices=GROUPINGS,
                   help="group by outlet, month, or both (default: outlet)")
    add_dates(p)
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--top", type=int, default=TOP, help=f"most quoted women and men (default: {TOP})")
    p.add_argument("--format", choices=("table", "csv", "json"), default=None,
                   help="default: table on a terminal, else json")
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    conn = open_readonly(args.db)
    if not args.since and not args.until and not is_fresh(conn):
        print("onrecord: the report's summary is out of date (an ingest is running or was cut"
              " short; `onrecord ingest` rebuilds it when a run ends): counting every quote",
              file=sys.stderr)
    try:
        result = report(conn, args.by, args.since, args.until, args.outlet, max(0, args.top))
    finally:
        conn.close()
    fmt = output_format(args.format, "table", "json")
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        sys.stdout.write(to_csv(result))
    else:
        table(result)
    return 0


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def table(result: dict[str, Any]) -> None:
    """The report for a terminal: one line per group, then the total and the most quoted."""
    by = result["by"]
    short = {"organisation": "org", "anonymous": "anon", "document": "doc"}
    head = [*by, "quotes", "people", "quotes F/M/?", "people F/M/?",
            "sources " + "/".join(short.get(t, t) for t in SOURCE_TYPES), "parties"]

    def line(g: dict[str, Any], label: list[str]) -> list[str]:
        qs, ps = g["quote_shares"], g["people_shares"]
        return [
            *label, str(g["quotes"]), str(g["people"]),
            "/".join(pct(qs[k]) for k in ("female", "male", "unknown")),
            "/".join(pct(ps[k]) for k in ("female", "male", "unknown")),
            "/".join(str(g["source_types"][t]) for t in SOURCE_TYPES),
            ", ".join(f"{k} {pct(v)}" for k, v in g["party_shares"].items()) or "-",
        ]

    rows = [line(g, [str(g.get(c) or "-") for c in by]) for g in result["groups"]]
    rows.append(line(result["total"], ["all"] * len(by)))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    # Times quoted in articles: a quote two outlets carry counts twice here, once in `speakers`
    print("\nmost quoted: times quoted in these articles (a quote carried twice counts twice)")
    for label, key in (("most quoted women", "top_women"), ("most quoted men", "top_men")):
        people = result[key]
        print(f"\n{label}: " + ("; ".join(
            f"{p['name']} [{p['id']}] {p['quotes']}" for p in people) or "none"))
