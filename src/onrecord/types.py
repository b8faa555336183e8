"""Plain records shared by every stage: articles in, spans found, attributions out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]
"""A [start, end) pair of Python string offsets into an article's exact text."""

KINDS = ("direct", "mixed", "indirect", "turn")
"""What an attribution is: wholly quoted, partly quoted, reported, or a transcript turn."""


@dataclass(frozen=True)
class Article:
    """One news article as read, before any NLP."""

    id: str
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    origin: str = ""  # where it was read from ("path:line"), for error reports
    author: str | None = None  # the byline, when the page or record gives one


@dataclass
class Frame:
    """A cue and what hangs on it in one parsed sentence (extract/reported.py)."""

    cue: Span
    source: Span | None
    content: Span | None
    kind: str  # speech | belief | evidence | according | generic
    negated: bool = False
    inherited: bool = False  # the source is the subject of a governing verb
    head_i: int = -1  # token index of the cue, for de-duplication


@dataclass
class Found:
    """An attribution before speaker resolution: from a rule or from the trained model."""

    kind: str
    content: list[Span]
    cue: Span | None
    source: Span | None
    via: str  # which rule found it: quote-after, quote-before, mixed, turn, reported, ...; model
    frame: Frame | None = None
    label: bool = False  # the source is a transcript label
    within: Span | None = None  # the quote whose speaker reports this one (cue inside it)
    p: float | None = None  # a trained model's estimate that it is right (model only)


SPEAKER_TYPES = ("person", "organisation", "group", "anonymous", "outlet", "document")
"""What a speaker is: a named person or organisation (the registry's kinds), an unnamed plural
("officials"), an anonymous source ("a person familiar with the talks"), a news outlet
("according to Reuters") or a document ("the statement said")."""
NAMED_TYPES = frozenset(["person", "organisation"])


@dataclass
class Speaker:
    """Who a source mention resolves to, with the descriptors the article gives."""

    name: str  # full name of a person or organisation; for other types, the mention's words
    title: str | None = None
    party: str | None = None
    state: str | None = None
    org: str | None = None
    type: str = "person"  # one of SPEAKER_TYPES
    mention: str | None = None  # the words of the source mention that resolved to this speaker
    resolved_by: str | None = None  # how: "name", "surname", "pronoun", "role", "context", ...
    confidence: float | None = None  # of the resolution, 0-1
    gender: str | None = None  # persons only: female | male | unknown (attribute/gender.py)
    gender_evidence: str | None = None  # pronoun | honorific | role | name; None: no evidence

    @property
    def group(self) -> bool:
        """Not a named person or organisation: kept on the occurrence, never in the registry."""
        return self.type not in NAMED_TYPES

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "party": self.party,
            "state": self.state,
            "org": self.org,
            "mention": self.mention,
            "resolved_by": self.resolved_by,
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "gender": self.gender,
            "gender_evidence": self.gender_evidence,
        }


@dataclass
class Attribution:
    """Who said what: content spans, cue span, speaker mention and resolved speakers."""

    kind: str  # "direct" | "mixed" | "indirect" | "turn"
    content: list[Span]
    cue: Span | None = None
    source: Span | None = None
    speakers: list[Speaker] = field(default_factory=list)
    confidence: float = 0.5
    # attributions reported inside this one's quote ("He told me, 'Run.'"): second-hand speech
    nested: list[Attribution] = field(default_factory=list)

    def to_json(self, text: str) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "text": " … ".join(text[s:e] for s, e in self.content),
            "content": [[s, e] for s, e in self.content],
            "cue": list(self.cue) if self.cue else None,
            "source": list(self.source) if self.source else None,
            "speakers": [s.to_json() for s in self.speakers],
            "confidence": round(self.confidence, 3),
        }
        if self.nested:
            out["nested"] = [n.to_json(text) for n in self.nested]
        return out


@dataclass
class Result:
    """The attributions of one article, ready to write as one JSON line."""

    article: Article
    quotes: list[Attribution]

    def to_json(self) -> dict[str, Any]:
        a = self.article
        out: dict[str, Any] = {
            "id": a.id,
            "date": a.date,
            "title": a.title,
            "url": a.url,
            "outlet": a.outlet,
        }
        if a.author:  # only when known: lines for inputs without bylines stay as they were
            out["author"] = a.author
        out["quotes"] = [q.to_json(a.text) for q in self.quotes]
        return out


@dataclass(frozen=True)
class Failure:
    """An input record that could not be processed, and why."""

    origin: str
    reason: str
