"""Search latency on a synthetic database made by store_generate.py (same seed and sizes).

    python benchmarks/store_search.py --db /tmp/onrecord-1m.db --queries 200

Each query kind runs `onrecord.store.search` (total + first page of 20, with occurrences) on a
read-only connection, as the CLI and the web do; prints p50/p95/max per kind and overall.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from onrecord.store import open_readonly, search
from store_generate import World


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/onrecord-bench.db")
    ap.add_argument("--queries", type=int, default=200, help="per kind")
    ap.add_argument("--speakers", type=int, default=20_000)
    ap.add_argument("--vocabulary", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    world = World(args.seed, args.speakers, args.vocabulary)
    rng = random.Random(1)
    conn = open_readonly(args.db)
    quotes = conn.execute("SELECT count(*) FROM occurrences").fetchone()[0]

    def word() -> str:  # a content word: neither the commonest nor one nobody used
        return world.vocab[rng.randint(50, 5000)]

    def speaker() -> str:  # popular people are searched more, as quotes are
        person = rng.choices(range(len(world.people)), cum_weights=world.people_cum)[0]
        return world.people[person][1]

    def month() -> tuple[str, str]:
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(5 * 365 - 30))
        return start.isoformat(), (start + timedelta(days=30)).isoformat()

    kinds = {
        "one word": lambda: {"query": word()},
        "two words": lambda: {"query": f"{word()} {world.vocab[rng.randint(10, 500)]}"},
        "speaker": lambda: {"speaker": speaker()},
        "word + speaker": lambda: {"query": word(), "speaker": speaker()},
        "date range": lambda: dict(zip(("since", "until"), month(), strict=True)),
        "word + dates": lambda: {
            "query": word(),
            **dict(zip(("since", "until"), month(), strict=True)),
        },
        "speaker + dates": lambda: {
            "speaker": speaker(),
            **dict(zip(("since", "until"), month(), strict=True)),
        },
    }
    search(conn, "warm")  # open the file and its indexes once
    everything: list[float] = []
    print(f"{quotes} quotes; {args.queries} queries per kind; milliseconds")
    print(f"{'kind':<16} {'p50':>7} {'p95':>7} {'max':>7} {'mean hits':>10}")
    for name, make in kinds.items():
        times, hits = [], []
        for _ in range(args.queries):
            params = make()
            t = time.perf_counter()
            found = search(conn, **params)
            times.append((time.perf_counter() - t) * 1000)
            hits.append(found["total"])
        everything += times
        print(
            f"{name:<16} {statistics.median(times):7.1f} {percentile(times, 0.95):7.1f} "
            f"{max(times):7.1f} {statistics.mean(hits):10.0f}"
        )
    print(
        f"{'all':<16} {statistics.median(everything):7.1f} {percentile(everything, 0.95):7.1f} "
        f"{max(everything):7.1f}"
    )
    conn.close()


if __name__ == "__main__":
    main()
