"""Plain records shared by every stage: articles in, attributions out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]
"""A [start, end) pair of Python string offsets into an article's exact text."""


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
class Speaker:
    """A resolved person (or group) with the descriptors the article gives."""

    name: str
    title: str | None = None
    party: str | None = None
    state: str | None = None
    org: str | None = None
    group: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "party": self.party,
            "state": self.state,
            "org": self.org,
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
