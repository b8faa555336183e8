"""The pages while pasted articles are extracted: /search latency with and without a long
extraction running and many more queued, against `onrecord serve` on loopback.

    python benchmarks/extract_load.py --db /tmp/onrecord-bench.db [--queued 40] [--chars 100000]

Starts the server in its own process on a free 127.0.0.1 port with an extraction queue that can
hold `--queued` articles (`--queue`, default the same), warms its extraction worker with one
sentence, then measures closed-loop /search page requests (`--clients` at once) for
`--seconds` with no extraction, and again while one `--chars`-character news article
(pathological.py's) is extracted and `--queued` more short ones wait behind it. Prints
latency percentiles of both phases, what the extraction requests got (200, 503), and whether
p95 under load is within the target.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from pathological import news_text
from store_generate import World
from web_load import free_port, percentile, start_server

TARGET_P95_MS = 200.0


def extract(port: int, text: str) -> tuple[int, float]:
    """Status and seconds of one POST /api/extract."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1800)
    start = time.perf_counter()
    conn.request("POST", "/api/extract", json.dumps({"text": text}),
                 {"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - start


def search_load(port: int, urls: list[str], clients: int, until: threading.Event | float
                ) -> list[float]:
    """Milliseconds of /search pages fetched by closed-loop clients until the event is set (or
    for that many seconds)."""
    stop_at = time.monotonic() + until if isinstance(until, float) else None
    times: list[float] = []
    lock = threading.Lock()

    def done() -> bool:
        return time.monotonic() >= stop_at if stop_at is not None else until.is_set()

    def client(k: int) -> None:
        rng = random.Random(k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while not done():
            start = time.perf_counter()
            conn.request("GET", rng.choice(urls))
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status == 200:
                with lock:
                    times.append(elapsed)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def summary(label: str, times: list[float]) -> str:
    return (f"{label:<34} {len(times):6d} {statistics.median(times):8.1f} "
            f"{percentile(times, 0.95):8.1f} {percentile(times, 0.99):8.1f} {max(times):8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/onrecord-bench.db")
    ap.add_argument("--chars", type=int, default=100_000, help="length of the long article")
    ap.add_argument("--queued", type=int, default=40, help="short articles sent behind it")
    ap.add_argument("--queue", type=int, help="the server's queue bound (default: --queued)")
    ap.add_argument("--clients", type=int, default=4, help="concurrent /search clients")
    ap.add_argument("--seconds", type=float, default=15.0, help="of /search with no extraction")
    ap.add_argument("--speakers", type=int, default=20_000)
    ap.add_argument("--vocabulary", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(f"no database at {args.db}; make one with "
                         f"python benchmarks/store_generate.py --quotes 200000 --db {args.db}")
    world = World(args.seed, args.speakers, args.vocabulary)
    rng = random.Random(1)
    urls = ["/search?" + urlencode({"q": world.vocab[rng.randint(50, 5000)]}) for _ in range(500)]
    port = free_port()
    queue = args.queued if args.queue is None else args.queue
    server = start_server(args.db, port, "--extract-queue", str(queue))
    try:
        status, seconds = extract(port, '"We will go," Ines Marlow said.')
        print(f"extraction worker warmed (status {status}) in {seconds:.1f} s")
        quiet = search_load(port, urls, args.clients, args.seconds)
        long_text, short = news_text(args.chars), news_text(1_500, seed=21)
        outcomes: list[tuple[str, int, float]] = []
        finished = threading.Event()

        def send(kind: str, text: str) -> None:
            status, secs = extract(port, text)
            outcomes.append((kind, status, secs))
            if kind == "long":
                finished.set()

        senders = [threading.Thread(target=send, args=("long", long_text))]
        senders += [threading.Thread(target=send, args=("short", short))
                    for _ in range(args.queued)]
        for t in senders:
            t.start()
            time.sleep(0.02)  # the long one first, then the rest behind it
        loaded = search_load(port, urls, args.clients, finished)
        for t in senders:
            t.join()
    finally:
        server.terminate()
        server.wait(30)
    if not loaded:
        raise SystemExit(f"no /search answered during the extraction: {outcomes}")
    print(f"database {args.db}; {args.clients} /search clients; queue bound {queue}")
    print(f"{'/search page':<34} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   (ms)")
    print(summary("no extraction", quiet))
    print(summary(f"{args.chars:,}-char extraction + {args.queued} queued", loaded))
    for kind in ("long", "short"):
        got = Counter(status for k, status, _ in outcomes if k == kind)
        secs = [s for k, status, s in outcomes if k == kind and status == 200]
        took = f", slowest answered in {max(secs):.1f} s" if secs else ""
        print(f"{kind} extractions: " + ", ".join(f"{n} x {s}" for s, n in sorted(got.items()))
              + took)
    p95 = percentile(loaded, 0.95)
    verdict = "under" if p95 < TARGET_P95_MS else "OVER"
    print(f"p95 under load {p95:.1f} ms: {verdict} the {TARGET_P95_MS:.0f} ms target")


if __name__ == "__main__":
    main()
