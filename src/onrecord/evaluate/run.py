"""Run the pipeline over gold articles and score it: the library side of `onrecord eval`."""

from __future__ import annotations

from collections.abc import Iterable

from onrecord.evaluate.brat import GoldArticle, GoldQuote, quotes_of
from onrecord.evaluate.score import Scores, score
from onrecord.types import Article


def predict(gold: Iterable[GoldArticle], extractor: object) -> dict[str, list[GoldQuote]]:
    """The extractor's attributions of each gold article's text, as quotes to score."""
    out = {}
    for g in gold:
        result = extractor.extract(Article(id=g.id, text=g.text))  # type: ignore[attr-defined]
        out[g.id] = quotes_of(result.to_json())
    return out


def evaluate(gold: list[GoldArticle], extractor: object) -> Scores:
    """Extract from every gold article and score against its gold attributions."""
    return score(gold, predict(gold, extractor))
