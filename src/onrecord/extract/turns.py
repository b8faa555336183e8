"""Interview and transcript turns: `Label: text` paragraphs, running on until the next label."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.types import Span

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
LABEL = re.compile(
    rf"(?P<label>(?:Q|A|QUESTION|ANSWER)|{_NAME_WORD}(?:[ \t]+(?:of|the|de|van|von|{_NAME_WORD})){{0,5}})"
    r"[ \t]*:[ \t]+(?=\S)"
)
MIN_TURNS = 2  # one "Label:" paragraph alone is a headline or a list item, not a transcript


@dataclass
class Turn:
    label: Span
    content: Span  # from after the colon to the end of the last unlabelled paragraph


def turns(text: str, paragraphs: list[Span]) -> list[Turn]:
    """Turns of an interview or transcript, when the article has at least two labelled paragraphs."""
    labelled: list[tuple[int, Span]] = []
    for k, (ps, pe) in enumerate(paragraphs):
        m = LABEL.match(text, ps, pe)
        if m and len(m.group("label")) <= 60:
            labelled.append((k, (m.start("label"), m.end("label"))))
    if len(labelled) < MIN_TURNS:
        return []
    out: list[Turn] = []
    for n, (k, label) in enumerate(labelled):
        last = labelled[n + 1][0] - 1 if n + 1 < len(labelled) else len(paragraphs) - 1
        start = LABEL.match(text, paragraphs[k][0]).end()
        out.append(Turn(label, (start, paragraphs[last][1])))
    return out
