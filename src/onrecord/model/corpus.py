"""Training examples from a brat corpus: each article parsed once, featurized, with gold tags
(and the tags of every further annotator of it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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
    other_tags: list[list[str]] = field(default_factory=list)  # from further annotators


def _tags(tokens: Tokens, quotes: list[GoldQuote], text: str) -> list[str]:
    roles = {r: [s for q in quotes for s in q.role(r)] for r in ("source", "cue", "content")}
    return gold_tags(tokens, roles, text)


def every_version(exs: list[Example]) -> list[Example]:
    """The examples and, after each, its other annotators' versions (same parse, their tags)."""
    return [v for e in exs for v in (e, *(replace(e, tags=t, other_tags=[])
                                          for t in e.other_tags))]


def examples(gold: list[GoldArticle], nlp: Language, batch_size: int = 64) -> Iterator[Example]:
    """Parse, featurize and tag each gold article (the rules run on the same parse)."""
    for g in gold:
        start = body_start(g.text)
        tokens, rules = featurize(parse_pieces(nlp, g.text, start, batch_size), g.text, start)
        yield Example(g.id, g.text, tokens, _tags(tokens, g.quotes, g.text), g.quotes, rules,
                      [_tags(tokens, q, g.text) for q in g.others])


def load(directory: str | Path, nlp: Language, limit: int | None = None) -> list[Example]:
    return list(examples(read_polnear(directory, limit), nlp))
