"""Lexicons for speaker resolution (titles, states, organisation and role words), loaded once."""

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


@cache
def words_of(name: str) -> frozenset[str]:
    """A one-word-a-line lexicon as a set (case kept)."""
    return frozenset(read_lines(name))


@cache
def lower_words_of(name: str) -> frozenset[str]:
    """A one-entry-a-line lexicon as a lower-cased set."""
    return frozenset(w.lower() for w in read_lines(name))


def org_words() -> frozenset[str]:
    return words_of("org_words.txt")


def place_words() -> frozenset[str]:
    return words_of("place_words.txt")


def org_nouns() -> frozenset[str]:
    return lower_words_of("org_nouns.txt")


def role_nouns() -> frozenset[str]:
    return lower_words_of("role_nouns.txt")


def document_nouns() -> frozenset[str]:
    return lower_words_of("document_nouns.txt")


def outlets() -> frozenset[str]:
    return lower_words_of("outlets.txt")


def positions() -> frozenset[str]:
    return words_of("sports_positions.txt")


def particles() -> frozenset[str]:
    return lower_words_of("name_particles.txt")


@cache
def countries() -> dict[str, str]:
    """A country's every short form (and its name) -> its name."""
    out: dict[str, str] = {}
    for line in read_lines("countries.txt"):
        name, *abbrs = line.split("|")
        out[name] = name
        for a in abbrs:
            out[a] = name
    return out


@cache
def honorifics() -> dict[str, str | None]:
    """Honorific -> the gender it tells ("m", "f") or None."""
    out: dict[str, str | None] = {}
    for line in read_lines("honorifics.txt"):
        word, gender = line.split("|")
        out[word] = None if gender == "-" else gender
    return out
