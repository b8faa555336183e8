"""Load on /api/quotes: concurrent clients against `onrecord serve` on loopback.

    python benchmarks/web_load.py --db /tmp/onrecord-1m.db --clients 20 --requests 4000

Starts the server in its own process on a free 127.0.0.1 port, then runs `--clients` closed-loop
clients (each sends its next request when the last is answered) until `--requests` are done or
`--seconds` have passed, whichever is first. The queries are store_search.py's mix, made from
the same synthetic world as the database (store_generate.py, same seed and sizes). Prints
latency percentiles overall and per kind, throughput, and whether p95 is under the target.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from store_generate import World

TARGET_P95_MS = 100.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def query_kinds(world: World, rng: random.Random) -> dict[str, object]:
    """store_search.py's query kinds, as /api/quotes parameters."""

    def word() -> str:  # a content word: neither the commonest nor one nobody used
        return world.vocab[rng.randint(50, 5000)]

    def speaker() -> str:  # popular people are searched more, as quotes are
        person = rng.choices(range(len(world.people)), cum_weights=world.people_cum)[0]
        return world.people[person][1]

    def month() -> dict[str, str]:
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(5 * 365 - 30))
        return {"since": start.isoformat(), "until": (start + timedelta(days=30)).isoformat()}

    return {
        "one word": lambda: {"q": word()},
        "two words": lambda: {"q": f"{word()} {world.vocab[rng.randint(10, 500)]}"},
        "speaker": lambda: {"speaker": speaker()},
        "word + speaker": lambda: {"q": word(), "speaker": speaker()},
        "date range": month,
        "word + dates": lambda: {"q": word(), **month()},
        "speaker + dates": lambda: {"speaker": speaker(), **month()},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, *options: str) -> subprocess.Popen[bytes]:
    """`onrecord serve` on loopback (with more `options`); returns once it answers."""
    exe = Path(sys.executable).with_name("onrecord")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/speakers?limit=1")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start in 60 s")


def run(args: argparse.Namespace, port: int) -> None:
    world = World(args.seed, args.speakers, args.vocabulary)
    rng = random.Random(1)
    kinds = query_kinds(world, rng)
    names = list(kinds)
    # The whole request list is made up front: clients only send and time.
    plan = []
    for i in range(args.requests + args.warmup):
        kind = names[i % len(names)]
        plan.append((kind, "/api/quotes?" + urlencode(kinds[kind]())))
    warm, plan = plan[: args.warmup], plan[args.warmup :]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _, url in warm:  # the first queries map the file and fill the page cache
        conn.request("GET", url)
        conn.getresponse().read()
    conn.close()

    lock = threading.Lock()
    cursor = iter(plan)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    stop_at = time.monotonic() + args.seconds

    def client() -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                item = next(cursor, None)
            if item is None:
                break
            kind, url = item
            t = time.perf_counter()
            try:
                c.request("GET", url)
                response = c.getresponse()
                body = response.read()
                ok = response.status == 200 and b'"total"' in body[:20]
            except OSError as e:
                ok, body = False, str(e).encode()
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - t) * 1000
            with lock:
                if ok:
                    times[kind].append(elapsed)
                else:
                    errors.append(f"{url}: {body[:200]!r}")
        c.close()

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    everything = [x for v in times.values() for x in v]
    if not everything:
        raise SystemExit(f"no request succeeded: {errors[:3]}")
    size = os.path.getsize(args.db)
    print(f"database {args.db}: {size / 1e6:.0f} MB, {args.quotes_label}")
    print(
        f"{len(everything)} requests ({len(errors)} errors) from {args.clients} concurrent clients"
        f" in {wall:.1f} s: {len(everything) / wall:.0f} requests/s"
    )
    print(f"{'kind':<16} {'n':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}   (ms)")
    for kind in names:
        v = times[kind]
        if v:
            print(
                f"{kind:<16} {len(v):5d} {statistics.median(v):7.1f} {percentile(v, 0.95):7.1f}"
                f" {percentile(v, 0.99):7.1f} {max(v):7.1f}"
            )
    p95 = percentile(everything, 0.95)
    print(
        f"{'all':<16} {len(everything):5d} {statistics.median(everything):7.1f} {p95:7.1f}"
        f" {percentile(everything, 0.99):7.1f} {max(everything):7.1f}"
    )
    verdict = "under" if p95 < TARGET_P95_MS else "OVER"
    print(f"p95 {p95:.1f} ms: {verdict} the {TARGET_P95_MS:.0f} ms target")
    for e in errors[:5]:
        print("error:", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/onrecord-1m.db")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=4000, help="measured requests, at most")
    ap.add_argument("--seconds", type=float, default=60.0, help="stop sending after this long")
    ap.add_argument("--warmup", type=int, default=100, help="unmeasured requests first")
    ap.add_argument("--port", type=int, default=0, help="0: any free loopback port")
    ap.add_argument("--speakers", type=int, default=20_000)
    ap.add_argument("--vocabulary", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(
            f"no database at {args.db}; make one with "
            f"python benchmarks/store_generate.py --quotes 1000000 --db {args.db}"
        )
    db = sqlite3.connect(Path(args.db).resolve().as_uri() + "?mode=ro", uri=True)
    counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("occurrences", "quotes", "speakers")]
    db.close()
    args.quotes_label = (
        f"{counts[0]:,} quote occurrences, {counts[1]:,} distinct quotes, {counts[2]:,} speakers"
    )
    port = args.port or free_port()
    server = start_server(args.db, port)
    try:
        run(args, port)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
