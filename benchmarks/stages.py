"""Where extraction's time goes: wall seconds per stage of `Extractor.extract`, one process.

Each stage is timed by wrapping the function that does it (no profiler: its overhead falls on
Python code and would misstate the shares). Stages nest: "model: tagger" holds "model: encoder",
"attribute" holds the resolver and gender. Loading (spaCy, the weights) is timed apart, and the
first article is a warm-up the figures leave out.

    .venv/bin/python benchmarks/stages.py [--limit 60] [--no-model]
"""

from __future__ import annotations

import argparse
import functools
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "polnear" / "train" / "text"
SPENT: Counter[str] = Counter()


def timed(owner: object, name: str, label: str) -> None:
    """Add the wall time of every call of `owner.name` to SPENT[label]."""
    f: Callable = getattr(owner, name)

    @functools.wraps(f)
    def wrapper(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return f(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def instrument() -> None:
    """Wrap the stages (imported here: the wrappers must be in place before the extractor)."""
    from onrecord import pipeline
    from onrecord.attribute import resolve
    from onrecord.extract import parse
    from onrecord.model import apply, encoder, link, tagger

    timed(parse.SentenceParser, "parse", "parse (spaCy, by sentence)")
    timed(pipeline, "find", "rules")
    timed(apply, "featurize", "model: features")
    timed(tagger.Tagger, "tag", "model: tagger (all members)")
    timed(encoder.Encoder, "scores", "model: encoder member")
    timed(link.SpanLinker, "link", "model: linker")
    timed(pipeline, "combine", "combine")
    timed(pipeline, "statements", "statements filter")
    timed(pipeline, "attribute", "attribute (resolution + gender)")
    timed(resolve.Resolver, "__init__", "attribute: entity table")
    timed(resolve.Resolver, "resolve", "attribute: resolve")
    timed(pipeline, "set_genders", "attribute: gender")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=60, help="PolNeAR train articles (default 60)")
    ap.add_argument("--no-model", action="store_true", help="rules only")
    args = ap.parse_args()
    instrument()
    from onrecord.pipeline import load_extractor
    from onrecord.settings import Settings
    from onrecord.types import Article

    files = sorted(TRAIN.glob("*.txt"))[: args.limit + 1]
    articles = [Article(id=f.stem, text=f.read_text(encoding="utf-8")) for f in files]
    start = time.perf_counter()
    extractor = load_extractor(Settings(use_model=not args.no_model))
    extractor.extract(articles[0])
    loading = time.perf_counter() - start
    SPENT.clear()
    start = time.perf_counter()
    for article in articles[1:]:
        extractor.extract(article)
    total = time.perf_counter() - start
    n = len(articles) - 1
    path = "rules only" if args.no_model else "default (rules + model)"
    print(f"{path}: {n} PolNeAR train articles, {total:.2f} s, {n / total:.1f} articles/s; "
          f"loading and the first article {loading:.2f} s")
    for label, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"  {label:<34}{seconds:7.2f} s  {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main()
