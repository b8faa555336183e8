"""Descriptors around a name: a title before it, a party-state tag or an appositive after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.attribute.lexicon import states, title_words

PARTY = {"D": "D", "R": "R", "I": "I"}
# ", D-New York", " (R-Pa.)", ", I-Vt.": a party letter, a hyphen, a state
_STATE = r"(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)"
PARTY_STATE = re.compile(rf"\s*(?:,\s*|\(\s*)(?P<party>[DRI])\s*-\s*{_STATE}\s*\)?")
APPOSITIVE = re.compile(r",\s+(?P<desc>(?:a|an|the)\s[^,.;:\"“”]{2,80}?)(?=,|\.|$)")


@dataclass
class Descriptors:
    title: str | None = None
    party: str | None = None
    state: str | None = None
    org: str | None = None


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split capitalised words into (title words, name words): the title is the longest prefix of
    title vocabulary that ends on a head word ("Senate Minority Leader" | "Chuck Schumer")."""
    vocab, heads = title_words()
    cut = 0
    for i, w in enumerate(words):
        if w not in vocab:
            break
        if w in heads:
            cut = i + 1
    return words[:cut], words[cut:]


def state_name(raw: str) -> str | None:
    """'Pa.' / 'PA' / 'Pennsylvania' -> 'Pennsylvania'; None when not a state."""
    table = states()
    raw = raw.strip()
    if raw not in table and raw.endswith(".") and raw[:-1] in table:
        raw = raw[:-1]
    if raw in table:
        return table[raw]
    first = raw.split()[0] if raw.split() else raw
    return table.get(first) or table.get(first.rstrip(".") + ".")


def after_name(text: str, end: int) -> tuple[Descriptors, int]:
    """Party-state tag or appositive right after a name ending at `end`, and where it ends."""
    m = PARTY_STATE.match(text, end)
    if m:
        st = state_name(m.group("state"))
        if st:
            return Descriptors(party=PARTY[m.group("party")], state=st), m.end()
    m = APPOSITIVE.match(text, end)
    if m:
        desc = re.sub(r"^(?:a|an|the)\s+", "", m.group("desc").strip())
        return Descriptors(title=desc), m.end()
    return Descriptors(), end
