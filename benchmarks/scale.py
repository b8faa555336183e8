"""Scale-out figures: articles/s with 1 and 2 processes, HTML share, memory, Spark overhead.

    .venv/bin/python benchmarks/scale.py [--pages 480] [--archive-gb 1.0] [--skip-spark]

Builds WARC archives of news pages made from PolNeAR dev texts (read from shared/ at run time,
never written into the repository) under a temporary folder, and prints one figure a line.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "polnear" / "dev" / "text"
WARM_UP = 24  # results before the steady-state clock starts (3 batches of 8)
BINARY_RECORD = 1 << 20  # filler records (images), as a news crawl holds beside the pages


def page(text: str, n: int) -> bytes:
    """A news page around one article: navigation, related links and footer boilerplate."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Story {n} | Bench Gazette</title><meta property="og:site_name" content="Bench Gazette">
<meta property="article:published_time" content="2016-10-{1 + n % 28:02d}"></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article>{body}</article><aside><h3>Most read</h3><a href="/x">Ten things</a></aside>
<footer>Copyright Bench Gazette. <a href="/privacy">Privacy</a></footer></body></html>""".encode()


def record(uri: str, body: bytes, n: int, content_type: str = "text/html") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
        content_type.encode(), len(body))
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bench-{n:012d}>\r\n"
        f"WARC-Date: 2016-10-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + len(body)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + body + b"\r\n\r\n", compresslevel=1)


def pages(count: int, start: int = 0) -> Iterator[bytes]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    for n in range(start, start + count):
        yield record(f"https://bench.example/{n}", page(texts[n % len(texts)], n), n)


def write_archives(folder: Path, files: int, pages_each: int) -> list[Path]:
    paths = []
    for f in range(files):
        path = folder / f"bench-{f:02d}.warc.gz"
        path.write_bytes(b"".join(pages(pages_each, f * pages_each)))
        paths.append(path)
    return paths


def write_big(path: Path, size: int, html_pages: int) -> int:
    """An archive of `size` bytes: `html_pages` pages spread among 1 MB binary records."""
    fillers = max(0, (size - html_pages * 4000) // BINARY_RECORD)
    every = max(1, html_pages // max(1, fillers))
    noise = os.urandom(BINARY_RECORD)
    written, n = 0, 0
    with path.open("wb") as out:
        for i, rec in enumerate(pages(html_pages, 10_000_000)):
            written += out.write(rec)
            if i % every == 0 and fillers:
                n, fillers = n + 1, fillers - 1
                # A fresh prefix per record defeats gzip without generating 1 GB of randomness.
                blob = os.urandom(64) + noise[64:]
                written += out.write(record(f"https://bench.example/img{n}.jpg", blob, 90_000_000 + n,
                                            "image/jpeg"))
        while fillers:
            n, fillers = n + 1, fillers - 1
            blob = os.urandom(64) + noise[64:]
            written += out.write(record(f"https://bench.example/img{n}.jpg", blob, 90_000_000 + n,
                                        "image/jpeg"))
    return written


def child_memory(paths: list[str], processes: int) -> None:
    """Run in a fresh process: extract everything, print peak RSS of this process and workers."""
    from onrecord.read import read_inputs
    from onrecord.run.local import extract

    start, n, first = time.perf_counter(), 0, 0.0
    for _ in extract(read_inputs(paths), processes=processes):
        n += 1
        if n == WARM_UP:  # the pipelines are loaded and every worker is busy by now
            first = time.perf_counter()
    end = time.perf_counter()
    print(json.dumps({
        "items": n, "seconds": end - start,
        "steady_rate": (n - WARM_UP) / (end - first) if n > WARM_UP else 0.0,
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def in_child(paths: list[Path], processes: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(processes), *map(str, paths)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=480, help="pages for the speed runs")
    ap.add_argument("--archive-gb", type=float, default=1.0)
    ap.add_argument("--archive-pages", type=int, default=1200, help="HTML pages in the big one")
    ap.add_argument("--skip-spark", action="store_true")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child_memory(args.paths, args.child)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-") as tmp:
        folder = Path(tmp)
        files = write_archives(folder, 8, args.pages // 8)
        speed(files)
        html_share(files)
        memory(folder, args)
        if not args.skip_spark:
            spark_overhead(folder, files)


def speed(files: list[Path]) -> None:
    one, two = in_child(files, 1), in_child(files, 2)
    for name, m in (("1 process", one), ("2 processes", two)):
        print(f"articles/s, {name}: {m['steady_rate']:.1f} steady, "
              f"{m['items'] / m['seconds']:.1f} with start-up ({m['items']} in {m['seconds']:.1f}s)")
    print(f"scaling ratio 2 vs 1 processes: {two['steady_rate'] / one['steady_rate']:.2f} steady, "
          f"{one['seconds'] / two['seconds']:.2f} wall (target >= 1.7)")


def html_share(files: list[Path]) -> None:
    from onrecord.read import read_inputs
    from onrecord.run.local import extract

    start = time.perf_counter()
    articles = list(read_inputs(map(str, files)))
    reading = time.perf_counter() - start
    list(extract(articles[:8]))  # the model is loaded before the clock starts
    start = time.perf_counter()
    list(extract(articles))
    nlp = time.perf_counter() - start
    print(f"reading (fastwarc + trafilatura): {1000 * reading / len(articles):.1f} ms/article; "
          f"NLP: {1000 * nlp / len(articles):.1f} ms/article")
    print(f"HTML extraction share of time: {reading / (reading + nlp):.1%}")


def memory(folder: Path, args: argparse.Namespace) -> None:
    big = folder / "big.warc.gz"
    size = write_big(big, int(args.archive_gb * (1 << 30)), args.archive_pages)
    small = folder / "small.warc.gz"
    write_big(small, size // 10, args.archive_pages // 10)
    for name, path, n in (("1/10 size", small, size // 10), ("full size", big, size)):
        m = in_child([path], 2)
        print(f"peak memory, {name} archive ({n / (1 << 30):.2f} GB, {m['items']} articles, "
              f"{m['seconds']:.0f}s, 2 processes): main/reader {m['main_mb']:.0f} MB, "
              f"per worker {m['worker_mb']:.0f} MB")


def spark_overhead(folder: Path, files: list[Path]) -> None:
    from onrecord.run.spark import extract_spark, read_lines, session

    local = in_child(files, 2)
    start = time.perf_counter()
    spark = session("local[2]")
    started = time.perf_counter() - start
    run = extract_spark(list(map(str, files)), str(folder / "spark"), spark=spark)
    total = time.perf_counter() - start
    spark.stop()
    lines = len(read_lines(str(folder / "spark")))
    print(f"Spark local[2]: {total:.1f}s for {lines} articles from {run.files} files "
          f"(session start {started:.1f}s); local engine, 2 processes: {local['seconds']:.1f}s; "
          f"overhead x{total / local['seconds']:.2f}")


if __name__ == "__main__":
    main()
