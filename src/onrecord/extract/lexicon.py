"""Cue-verb lexicon, loaded once from package data: lemmas, their kinds and inflected forms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class CueLexicon:
    kinds: dict[str, str]  # lemma -> speech | belief | evidence
    forms: frozenset[str]  # every lower-cased inflected form, for cheap pre-filtering

    def kind(self, lemma: str) -> str | None:
        return self.kinds.get(lemma.lower())


def inflect(lemma: str) -> set[str]:
    """Regular English verb forms: -s, -ed, -ing (with the usual spelling changes)."""
    forms = {lemma}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def read_lines(name: str) -> list[str]:
    text = resources.files("onrecord.extract").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def cue_lexicon() -> CueLexicon:
    kinds: dict[str, str] = {}
    forms: set[str] = {"according"}
    for line in read_lines("cue_verbs.txt"):
        words, _, kind = line.partition("|")
        lemma, *irregular = words.split()
        kinds[lemma] = kind.strip() or "speech"
        forms |= inflect(lemma) | set(irregular)
    return CueLexicon(kinds, frozenset(forms))


@cache
def quote_marks() -> dict[str, str]:
    """Opening mark -> closing mark."""
    return dict(line.split() for line in read_lines("quote_marks.txt"))


@cache
def cue_nouns() -> frozenset[str]:
    """Nouns that carry speech as a cue ("in a statement", "his remarks")."""
    return frozenset(read_lines("cue_nouns.txt"))


@cache
def speech_acts() -> frozenset[str]:
    """Inflected forms of speech-act verbs outside the cue lexicon ("criticized", "declined")."""
    forms: set[str] = set()
    for line in read_lines("speech_acts.txt"):
        lemma, *irregular = line.split()
        forms |= inflect(lemma) | set(irregular)
    return frozenset(forms)


@cache
def cue_form_kinds() -> dict[str, str]:
    """Every inflected form of a cue verb -> its kind (speech | belief | evidence)."""
    out: dict[str, str] = {}
    for line in read_lines("cue_verbs.txt"):
        words, _, kind = line.partition("|")
        lemma, *irregular = words.split()
        for form in inflect(lemma) | set(irregular):
            out.setdefault(form, kind.strip() or "speech")
    return out
