"""Writers for extraction results: JSON lines, or a readable table for a terminal."""

from __future__ import annotations

import json
import textwrap
from typing import TextIO

from onrecord.types import Attribution, Result


def write_jsonl(result: Result, out: TextIO) -> None:
    out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")


def write_table(result: Result, out: TextIO, width: int = 100) -> None:
    """Who said what, one block per attribution."""
    a = result.article
    head = " · ".join(x for x in (a.id, a.date, a.outlet, a.title) if x)
    out.write(f"\n== {head} ({len(result.quotes)} attributions)\n")
    for q in result.quotes:
        _write_block(q, a.text, out, width, indent=2)
        for n in q.nested:
            _write_block(n, a.text, out, width, indent=6, lead="quoting ")


def _write_block(q: Attribution, text: str, out: TextIO, width: int, indent: int,
                 lead: str = "") -> None:
    who = "; ".join(
        ", ".join(x for x in (s.name, s.title, _tag(s.party, s.state)) if x) for s in q.speakers
    ) or "(unknown)"
    cue = text[q.cue[0] : q.cue[1]] if q.cue else "—"
    said = " … ".join(" ".join(text[s:e].split()) for s, e in q.content)
    if len(said) > 280:
        said = said[:277] + "..."
    pad = " " * indent
    out.write(f"\n{pad}{lead}{who}  [{q.kind}, cue: {cue}, confidence {q.confidence:.2f}]\n")
    out.write(textwrap.indent(textwrap.fill(said, width - indent - 4), pad + "    ") + "\n")


def _tag(party: str | None, state: str | None) -> str:
    if party and state:
        return f"{party}-{state}"
    return party or state or ""
