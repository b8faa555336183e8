"""Interview and transcript turns: `Label: text` paragraphs, running on until the next label."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from onrecord.types import Span

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
LABEL = re.compile(
    rf"(?P<label>(?:Q|A|QUESTION|ANSWER)|{_NAME_WORD}(?:[ \t]+(?:of|the|de|van|von|{_NAME_WORD})){{0,5}})"
    r"[ \t]*:[ \t]+(?=\S)"
)
MIN_TURNS = 2  # one "Label:" paragraph alone is a headline or a list item, not a transcript
MIN_WORDS = 1  # "Clinton: 2,316." is a tally, not a turn
WORD = re.compile(r"[^\W\d_]+")
ROLE_LABELS = {"Q", "A", "QUESTION", "ANSWER"}
# Paragraphs that end a turn early: section rules ("___.") and all-capital headings
BREAK = re.compile(r"^(?:[_*=~-]{2,}\.?|[^a-z]{1,60})$")
# A turn of talk addresses someone or speaks for oneself; the label lines of a list, a recipe or a
# box score ("Thunder: Host the Lakers on Friday.", "Red: lean protein") describe a third party.
SPOKEN = re.compile(r"\?|\b(?:I|I[’']\w+|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e[’']\w+|[Uu]s|[Oo]urs?|"
                    r"[Yy]ou|[Yy]ou[’']\w+|[Yy]ours?)\b")


@dataclass
class Turn:
    label: Span
    content: Span  # from after the colon to the end of the last unlabelled paragraph


def turns(text: str, paragraphs: list[Span]) -> list[Turn]:
    """Turns of an interview or transcript, when the article has at least two labelled paragraphs."""
    labelled: list[tuple[int, Span]] = []
    for k, (ps, pe) in enumerate(paragraphs):
        m = LABEL.match(text, ps, pe)
        if m and _is_speaker_label(m.group("label")) and _is_speech(text[m.end() : pe]):
            labelled.append((k, (m.start("label"), m.end("label"))))
    if len(labelled) < MIN_TURNS or not _is_exchange(text, labelled):
        return []
    out: list[Turn] = []
    for n, (k, label) in enumerate(labelled):
        last = labelled[n + 1][0] - 1 if n + 1 < len(labelled) else len(paragraphs) - 1
        for j in range(k + 1, last + 1):
            if BREAK.match(text[paragraphs[j][0] : paragraphs[j][1]].strip()):
                last = j - 1
                break
        start = LABEL.match(text, paragraphs[k][0]).end()
        out.append(Turn(label, (start, paragraphs[last][1])))
    if 2 * sum(bool(SPOKEN.search(text, *t.content)) for t in out) < len(out):
        return []  # labelled lines that do not talk: a list, not a transcript
    return out


def _is_speaker_label(label: str) -> bool:
    """A person or role ("Sen. Patrick Leahy", "Q", "TRUMP"), not a heading ("STAT OF THE WEEK",
    "Tuesday's Morning Email")."""
    if label in ROLE_LABELS:
        return True
    words = label.split()
    if len(label) > 60 or "'s" in label or "’s" in label:
        return False
    return not (len(words) > 1 and label.isupper())


def _is_exchange(text: str, labelled: list[tuple[int, Span]]) -> bool:
    """The labels take turns like speakers: one of them speaks again ("Leahy" after "Sen.
    Patrick Leahy"), labelled paragraphs mostly follow each other, or every label is a role or a
    capitalised name ("Q", "TAPPER"). Title-case labels each used once, each heading paragraphs
    of its own ("Okafor: Hold the east side.", "Budget Talks Stall:"), are a section list."""
    labels = [text[s:e] for _, (s, e) in labelled]
    last_words = [label.split()[-1].lower() for label in labels]
    if len(set(last_words)) < len(last_words):
        return True
    if all(label in ROLE_LABELS or label.isupper() for label in labels):
        return True
    pairs = list(itertools.pairwise(k for k, _ in labelled))
    return 2 * sum(b == a + 1 for a, b in pairs) >= len(pairs)


def _is_speech(first: str) -> bool:
    """The label's own paragraph reads as speech: some words, not a list of names."""
    words = WORD.findall(first)
    if len(words) < MIN_WORDS:
        return False
    return first.count(",") < 6 or sum(w[0].isupper() for w in words) < 0.6 * len(words)
