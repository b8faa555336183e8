"""Gold attributions from brat standoff in the PolNeAR layout, and from JSON answer keys.

A PolNeAR compartment holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`; when several
annotators did one article, the annotator id that sorts first is used (as the shared scorer does).
Every event (`E` line) is one attribution: content = its Content and Content2 spans, source = its
Source spans (none for `Attribution-no-source`), cue = its Cue spans. `Discard` spans are ignored
and events without content dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from onrecord import errors
from onrecord.types import Span

ROLES = ("content", "source", "cue")
_ROLE_OF = {"Content": "content", "Content2": "content", "Source": "source", "Cue": "cue"}
_TEXT_BOUND = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)")
_EVENT = re.compile(r"E\d+\t(.*)")


@dataclass
class GoldQuote:
    """One gold attribution: span lists per role; optional ones are neither required nor wrong."""

    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    optional: bool = False

    def role(self, name: str) -> list[Span]:
        return getattr(self, name)


@dataclass
class GoldArticle:
    id: str
    text: str
    quotes: list[GoldQuote]
    others: list[list[GoldQuote]] = field(default_factory=list)  # further annotators' versions


def parse_ann(ann: str) -> list[GoldQuote]:
    """Attributions of one .ann file, in event order."""
    spans: dict[str, list[Span]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        m = _TEXT_BOUND.match(line)
        if m:
            tid, label, frags = m.groups()
            if label != "Discard":
                spans[tid] = [(int(a), int(b)) for a, b in (f.split() for f in frags.split(";"))]
            continue
        m = _EVENT.match(line)
        if m:
            events.append(m.group(1))
    quotes = []
    for event in events:
        roles: dict[str, list[Span]] = {r: [] for r in ROLES}
        for arg in event.split():
            name, _, tid = arg.partition(":")
            if name in _ROLE_OF:
                roles[_ROLE_OF[name]].extend(spans.get(tid, []))
        if roles["content"]:
            quotes.append(GoldQuote(*(sorted(roles[r]) for r in ROLES)))
    return quotes


def annotation_files(directory: Path) -> dict[str, list[Path]]:
    """Article stem -> its .ann files, by annotator id."""
    found: dict[str, list[tuple[str, Path]]] = {}
    for ann in (directory / "attributions").glob("*.ann"):
        stem, _, annotator = ann.stem.rpartition("_")
        if stem:
            found.setdefault(stem, []).append((annotator, ann))
    return {stem: [path for _, path in sorted(anns)] for stem, anns in found.items()}


def read_polnear(directory: str | Path, limit: int | None = None, every_annotator: bool = False
                 ) -> list[GoldArticle]:
    """Articles of a PolNeAR-layout compartment (`text/`, `attributions/`), sorted by id, with
    the first annotator's attributions (and, with `every_annotator`, the others' in `others`)."""
    directory = Path(directory)
    if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
        raise errors.NotFound(errors.NO_BRAT.format(path=directory))
    anns = annotation_files(directory)
    out = []
    for txt in sorted((directory / "text").glob("*.txt"))[:limit]:
        versions = [parse_ann(a.read_text(encoding="utf-8")) for a in
                    anns.get(txt.stem, [])[: None if every_annotator else 1]] or [[]]
        out.append(GoldArticle(txt.stem, txt.read_text(encoding="utf-8"), versions[0],
                               versions[1:]))
    return out


def spans_of(value: object) -> list[Span]:
    """null, [], [s, e] or [[s, e], ...] as a sorted span list."""
    if not value:
        return []
    assert isinstance(value, list)
    if len(value) == 2 and all(isinstance(x, int) for x in value):
        value = [value]
    return sorted((int(s), int(e)) for s, e in value)


def quotes_of(record: dict) -> list[GoldQuote]:
    """The quotes of one JSON record (an answer key or a line of `onrecord extract`)."""
    return [
        GoldQuote(spans_of(q.get("content")), spans_of(q.get("source")), spans_of(q.get("cue")),
                  bool(q.get("optional")))
        for q in record.get("quotes") or []
    ]


def read_json_records(path: str | Path) -> list[dict]:
    """A JSON document (one object or a list) or JSON lines."""
    whole = Path(path).read_text(encoding="utf-8")
    stripped = whole.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            doc = json.loads(whole)
        except json.JSONDecodeError:
            doc = None
        if isinstance(doc, dict):
            return [doc]
        if isinstance(doc, list):
            return doc
    return [json.loads(line) for line in whole.splitlines() if line.strip()]


def read_gold_json(path: str | Path) -> list[GoldArticle]:
    """Gold articles from a JSON answer key (`id`, `text`, `quotes`) or JSON lines of them."""
    return [GoldArticle(str(r["id"]), r["text"], quotes_of(r)) for r in read_json_records(path)]


def read_gold(polnear: str | Path | None = None, gold: str | Path | None = None,
              limit: int | None = None) -> list[GoldArticle]:
    """The first `limit` gold articles of a PolNeAR-layout folder or of a JSON answer key."""
    try:
        return read_polnear(polnear, limit) if polnear else read_gold_json(gold)[:limit]
    except (OSError, ValueError, KeyError, errors.NotFound) as e:
        raise errors.NotFound(errors.BAD_GOLD.format(msg=e)) from e
