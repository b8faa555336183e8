"""Time `onrecord report` and /api/report on a big database (a benchmark, not a test).

    python benchmarks/report_speed.py --db /tmp/onrecord-1m.db [--runs 5]

The database comes from `benchmarks/store_generate.py --quotes 1000000`, which rebuilds the
report's summary at the end as `onrecord ingest` does. For each grouping
(outlet, month, outlet and month) and a month's and an outlet's filter, prints the best and
median of --runs library calls, then the same report through the CLI (a fresh process: Python
start, imports, the query, JSON out) and through /api/report on an in-process app.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from onrecord.store.db import connect, open_readonly
from onrecord.store.report import report

CASES = [
    {"by": "outlet"},
    {"by": "month"},
    {"by": "outlet,month"},
    {"by": "outlet", "since": "2017-03", "until": "2017-03"},
    {"by": "month", "outlet": "Outlet 3"},
]


def timed(fn, runs: int) -> tuple[float, float]:
    took = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        took.append(time.perf_counter() - t)
    return min(took), statistics.median(took)


def label(case: dict) -> str:
    return " ".join(f"--{k}" if v is True else f"--{k} {v}" for k, v in case.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    connect(args.db).close()  # migrate once, so no timed call pays for it
    conn = open_readonly(args.db)
    n = conn.execute("SELECT count(*) FROM occurrences").fetchone()[0]
    print(f"{n:,} occurrences in {args.db}")
    print("library (store.report.report): best / median of", args.runs)
    for case in CASES:
        best, median = timed(lambda c=case: report(conn, **c), args.runs)
        groups = len(report(conn, **case)["groups"])
        print(f"  {label(case):45} {best:6.2f} s / {median:6.2f} s  ({groups} groups)")
    for case in ({"by": "outlet,month", "live": True}, {"by": "month", "since": "2017",
                                                       "until": "2017"}):
        t = time.perf_counter()
        report(conn, **case)
        print(f"  {label(case):45} {time.perf_counter() - t:6.2f} s  (once; counted from the"
              " occurrences)")
    print("CLI (onrecord report --format json, a new process each time):")
    for case in CASES[:3]:
        cmd = [sys.executable, "-m", "onrecord.cli", "report", "--db", args.db,
               "--format", "json", *label(case).split()]
        best, median = timed(
            lambda c=cmd: subprocess.run(c, check=True, stdout=subprocess.DEVNULL), args.runs)
        print(f"  {label(case):45} {best:6.2f} s / {median:6.2f} s")
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    print("/api/report (in-process app, HTTP through the test client):")
    with TestClient(create_app(Path(args.db))) as client:
        for case in CASES:
            def get(c=case) -> None:
                assert client.get("/api/report", params=c).status_code == 200
            best, median = timed(get, args.runs)
            print(f"  {label(case):45} {best:6.2f} s / {median:6.2f} s")


if __name__ == "__main__":
    main()
