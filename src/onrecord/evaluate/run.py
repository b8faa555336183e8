"""Run the pipeline over gold articles and score it: the library side of `onrecord eval`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onrecord.evaluate.brat import GoldArticle, GoldQuote, quotes_of
from onrecord.evaluate.score import Scores, score
from onrecord.types import Article

if TYPE_CHECKING:
    from onrecord.pipeline import Extractor


def predict(gold: Iterable[GoldArticle], extractor: Extractor) -> dict[str, list[GoldQuote]]:
    """The extractor's attributions of each gold article's text, as quotes to score."""
    out = {}
    for g in gold:
        result = extractor.extract(Article(id=g.id, text=g.text))
        out[g.id] = quotes_of(result.to_json())
    return out


def evaluate(gold: list[GoldArticle], extractor: Extractor) -> Scores:
    """Extract from every gold article and score against its gold attributions."""
    return score(gold, predict(gold, extractor))
