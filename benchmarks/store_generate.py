"""Build a synthetic quote database through the real ingest path and report storage throughput.

    python benchmarks/store_generate.py --quotes 1000000 --db /tmp/onrecord-1m.db

Articles are made up (pseudo-words, invented names) with the shapes news has: a few speakers
with Zipf-like popularity, a full name then a bare surname, titles that change over time, and
one quote in ten repeated by another outlet, sometimes cut. Extraction is not run: results are
built with exact offsets, so the figure is the store's alone (linking, merging, FTS, indexes).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
from collections import deque
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from onrecord.store import summary
from onrecord.store.db import connect
from onrecord.store.ingest import ingest
from onrecord.types import Article, Attribution, Result, Speaker

SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "su",
    "vo",
    "ne",
    "di",
    "pa",
    "ro",
    "li",
    "ba",
    "ze",
    "to",
    "ma",
    "ni",
    "ve",
    "sa",
    "ko",
    "fu",
    "re",
    "lu",
    "ga",
    "ho",
    "ti",
    "de",
    "no",
)
TITLES = ("Senator", "Governor", "Representative", "Mayor", "Secretary", "Attorney General")
OUTLETS = tuple(f"Outlet {i}" for i in range(50))
CHUNK = 5_000  # articles generated, then stored, at a time: generation is not timed


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


class World:
    """Vocabulary and people, fixed by the seed."""

    def __init__(self, seed: int, speakers: int, vocabulary: int) -> None:
        rng = random.Random(seed)
        self.rng = rng
        self.vocab = list(dict.fromkeys(word(rng, rng.randint(1, 4)) for _ in range(vocabulary)))
        self.word_cum = list(accumulate(1 / (i + 1) for i in range(len(self.vocab))))
        names = set()
        while len(names) < speakers:
            names.add((word(rng, 2).capitalize(), word(rng, 3).capitalize()))
        self.people = sorted(names)
        rng.shuffle(self.people)
        self.people_cum = list(accumulate(1 / (i + 1) ** 0.8 for i in range(len(self.people))))
        self.said: deque[tuple[int, str]] = deque(maxlen=20_000)  # recent quotes, to repeat

    def gender(self, person: int) -> dict[str, str | None]:
        """Fixed per person: about a third women, half men, the rest unknown; pronoun evidence
        mostly, a first-name estimate sometimes (as extraction gives them)."""
        h = (person * 2654435761) % 100
        value = "female" if h < 33 else "male" if h < 83 else "unknown"
        evidence = None if value == "unknown" else "name" if h % 4 == 0 else "pronoun"
        return {"gender": value, "gender_evidence": evidence}

    def sentence(self, lo: int = 8, hi: int = 30) -> str:
        words = self.rng.choices(self.vocab, cum_weights=self.word_cum, k=self.rng.randint(lo, hi))
        return " ".join(words).capitalize()

    def article(self, n: int, quotes: int, day: str) -> Result:
        rng = self.rng
        parts: list[str] = [f"{self.sentence(6, 12)}. "]
        attributions = []
        pos = len(parts[0])
        for _ in range(quotes):
            if self.said and rng.random() < 0.1:  # another outlet repeats a quote
                person, said = rng.choice(self.said)
                if rng.random() < 0.5:
                    words = said.split()
                    said = " ".join(words[: max(8, len(words) * 2 // 3)])
            else:
                person = rng.choices(range(len(self.people)), cum_weights=self.people_cum)[0]
                said = self.sentence()
                self.said.append((person, said))
            first, last = self.people[person]
            title = TITLES[(person + int(day[:4])) % len(TITLES)]
            bare = rng.random() < 0.5 and any(
                a.speakers[0].name.endswith(last) for a in attributions
            )
            mention = last if bare else f"{title} {first} {last}"
            lead = f'{mention} said on {day}: "'
            start_q = pos + len(lead)
            text = f'{lead}{said}," {self.sentence(4, 10)}. '
            attributions.append(
                Attribution(
                    "direct",
                    [(start_q, start_q + len(said))],
                    (pos + len(mention) + 1, pos + len(mention) + 5),
                    (pos, pos + len(mention)),
                    [Speaker(mention, title=None if bare else title, **self.gender(person))],
                    0.9,
                )
            )
            parts.append(text)
            pos += len(text)
        art = Article(
            f"synthetic-{n}",
            "".join(parts),
            day,
            f"https://example.org/a/{n}",
            None,
            rng.choice(OUTLETS),
        )
        return Result(art, attributions)


def day_of(n: int, total: int, rng: random.Random, years: int = 5) -> str:
    offset = n * years * 365 // max(total, 1) + rng.randint(-3, 3)
    return (date(2015, 1, 1) + timedelta(days=max(0, offset))).isoformat()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/onrecord-bench.db")
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--speakers", type=int, default=20_000)
    ap.add_argument("--vocabulary", type=int, default=50_000)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    world = World(args.seed, args.speakers, args.vocabulary)
    conn = connect(args.db)
    articles = args.quotes // args.per_article
    stored = spent = cpu = 0.0  # wall-clock and this process's CPU seconds in ingest
    n = 0
    while n < articles:
        # News arrives roughly in date order: five years, a few days of jitter.
        chunk = [
            world.article(n + i, args.per_article, day_of(n + i, articles, world.rng))
            for i in range(min(CHUNK, articles - n))
        ]
        n += len(chunk)
        t, cpu_t = time.perf_counter(), time.process_time()
        stats = ingest(conn, chunk, batch_size=args.batch_size)
        spent += time.perf_counter() - t
        cpu += time.process_time() - cpu_t
        stored += stats.quotes
        print(
            f"{n:>8} articles  {stored:>9.0f} quotes  {stored / spent:>7.0f} quotes/s", flush=True
        )
    # the report's summary, rebuilt once at the end of a run as `onrecord ingest` does
    t, cpu_t = time.perf_counter(), time.process_time()
    summary.refresh(conn)
    summed, summed_cpu = time.perf_counter() - t, time.process_time() - cpu_t
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "occurrences", "quotes", "speakers")
    }
    conn.close()
    size = os.path.getsize(args.db)
    raw = sqlite3.connect(args.db)
    text = sum(len(r[0].encode()) for r in raw.execute("SELECT text FROM articles"))
    raw.close()
    print(
        f"stored {counts['occurrences']} occurrences as {counts['quotes']} quotes "
        f"({counts['speakers']} speakers, {counts['articles']} articles)"
    )
    print(
        f"storage throughput: {stored / spent:.0f} quotes/s wall-clock (ingest only, {spent:.1f} s);"
        f" {stored / cpu:.0f} quotes per CPU second (the figure on a machine not shared)"
    )
    print(
        f"report summary rebuilt in {summed:.1f} s ({summed_cpu:.1f} CPU s); with it, "
        f"{stored / (cpu + summed_cpu):.0f} quotes per CPU second"
    )
    print(
        f"database size: {size / 1e6:.0f} MB, {size / 1e6 / (counts['occurrences'] / 1e6):.0f} "
        f"MB per million quotes, {text / 1e6:.0f} MB of it article text"
    )


if __name__ == "__main__":
    main()
