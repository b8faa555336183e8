"""Training examples from a brat corpus: each article parsed once, featurized, with gold tags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from onrecord.evaluate.brat import GoldArticle, GoldQuote, read_polnear
from onrecord.extract.engine import Found
from onrecord.model.features import Tokens, featurize, gold_tags, parse_pieces
from onrecord.read.text import body_start


@dataclass
class Example:
    id: str
    text: str
    tokens: Tokens
    tags: list[str]
    quotes: list[GoldQuote]
    rules: list[Found]  # the rules' attributions on the same parse


def examples(gold: list[GoldArticle], nlp: Language, batch_size: int = 64) -> Iterator[Example]:
    """Parse, featurize and tag each gold article (the rules run on the same parse)."""
    for g in gold:
        start = body_start(g.text)
        tokens, rules = featurize(parse_pieces(nlp, g.text, start, batch_size), g.text, start)
        roles = {r: [s for q in g.quotes for s in q.role(r)] for r in ("source", "cue", "content")}
        yield Example(g.id, g.text, tokens, gold_tags(tokens, roles, g.text), g.quotes,
                      rules)


def load(directory: str | Path, nlp: Language, limit: int | None = None) -> list[Example]:
    return list(examples(read_polnear(directory, limit), nlp))
