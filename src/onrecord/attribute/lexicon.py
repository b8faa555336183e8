"""Title, state and group lexicons, loaded once from package data."""

from __future__ import annotations

from functools import cache
from importlib import resources


def read_lines(name: str) -> list[str]:
    text = resources.files("onrecord.attribute").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def states() -> dict[str, str]:
    """Every spelling of a US state (name, AP abbreviation, postal code) -> its name."""
    out: dict[str, str] = {}
    for line in read_lines("states.txt"):
        name, *abbrs = line.split("|")
        out[name] = name
        for a in abbrs:
            out[a] = name
    return out


@cache
def title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(all title words, head words a title ends on); multi-word entries are split."""
    words: set[str] = set()
    heads: set[str] = set()
    for line in read_lines("titles.txt"):
        head = line.startswith("+")
        parts = line.lstrip("+").split()
        words |= set(parts)
        if head:
            heads.add(parts[-1])
    return frozenset(words), frozenset(heads)


@cache
def groups() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("groups.txt"))
