"""Training examples from a brat corpus: each article parsed once, featurized, with gold tags
(and the tags of every further annotator of it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from spacy.language import Language

from onrecord.evaluate.brat import GoldArticle, GoldQuote, read_polnear
from onrecord.extract.parse import SentenceParser
from onrecord.model.features import ROLES, Tokens, featurize
from onrecord.read.text import body_start
from onrecord.types import Found, Span


@dataclass
class Example:
    id: str
    text: str
    tokens: Tokens
    tags: list[str]
    quotes: list[GoldQuote]
    rules: list[Found]  # the rules' attributions on the same parse
    other_tags: list[list[str]] = field(default_factory=list)  # from further annotators


def gold_tags(tokens: Tokens, roles: dict[str, list[Span]], text: str) -> list[str]:
    """BIO tags of the tokens from gold spans per role (whitespace tokens stay O)."""
    tags = ["O"] * len(tokens)
    for role in ROLES:
        for s, e in roles.get(role, []):
            lo = int(np.searchsorted(tokens.ends, s, "right"))
            hi = int(np.searchsorted(tokens.starts, e))
            first = True
            for i in range(lo, hi):
                if first and text[tokens.starts[i]:tokens.ends[i]].isspace():
                    continue  # a span never starts on whitespace; inside, whitespace belongs to it
                tags[i] = f"{'B' if first else 'I'}-{role}"
                first = False
    for i in range(1, len(tags)):  # a token shared by two spans ("audiences,\"Katie") opens one
        if tags[i].startswith("I-") and tags[i - 1][2:] != tags[i][2:]:
            tags[i] = "B-" + tags[i][2:]
    return tags


def _tags(tokens: Tokens, quotes: list[GoldQuote], text: str) -> list[str]:
    roles = {r: [s for q in quotes for s in q.role(r)] for r in ("source", "cue", "content")}
    return gold_tags(tokens, roles, text)


def every_version(exs: list[Example]) -> list[Example]:
    """The examples and, after each, its other annotators' versions (same parse, their tags)."""
    return [v for e in exs for v in (e, *(replace(e, tags=t, other_tags=[])
                                          for t in e.other_tags))]


def examples(gold: list[GoldArticle], nlp: Language) -> Iterator[Example]:
    """Parse, featurize and tag each gold article (the rules run on the same parse)."""
    parser = SentenceParser(nlp)
    for g in gold:
        start = body_start(g.text)
        tokens, rules = featurize(parser.parse_body(g.text, start), g.text, start)
        yield Example(g.id, g.text, tokens, _tags(tokens, g.quotes, g.text), g.quotes, rules,
                      [_tags(tokens, q, g.text) for q in g.others])


def load(directory: str | Path, nlp: Language, limit: int | None = None) -> list[Example]:
    return list(examples(read_polnear(directory, limit), nlp))
