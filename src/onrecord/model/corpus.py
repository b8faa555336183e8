"""Training examples from a brat corpus: each article parsed once, featurized, with gold tags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from onrecord.evaluate.brat import GoldArticle, GoldQuote, read_polnear
from onrecord.extract.engine import Found
from onrecord.model.features import Tokens, featurize, gold_tags
from onrecord.read.text import body_start


@dataclass
class Example:
    id: str
    text: str
    tokens: Tokens
    tags: list[str]
    quotes: list[GoldQuote]
    rules: list[Found]  # the rules' attributions on the same parse


def examples(gold: list[GoldArticle], nlp: Language, batch_size: int = 16) -> Iterator[Example]:
    """Parse, featurize and tag each gold article (the rules run on the same parse)."""
    texts = ((g.text, g) for g in gold)
    for doc, g in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        tokens, rules = featurize(doc, body_start(g.text))
        roles = {r: [s for q in g.quotes for s in q.role(r)] for r in ("source", "cue", "content")}
        yield Example(g.id, g.text, tokens, gold_tags(tokens, roles, g.text), g.quotes,
                      rules)


def load(directory: str | Path, nlp: Language, limit: int | None = None) -> list[Example]:
    return list(examples(read_polnear(directory, limit), nlp))
