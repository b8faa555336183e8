"""Speaker resolution inside one article: names, surnames, titles, pronouns and groups."""

from __future__ import annotations

import re

from onrecord.attribute.descriptors import after_name, split_title
from onrecord.attribute.lexicon import groups, title_words
from onrecord.attribute.mentions import Person, cap_runs, people
from onrecord.types import Span, Speaker

PRONOUNS_SINGULAR = frozenset(["he", "she", "him", "her"])
PRONOUNS_PLURAL = frozenset(["they", "them"])
FIRST_PERSON = frozenset(["i", "we"])
DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
JOINT = re.compile(r",?\s+and\s+")
CAPITALISED_PLURAL = re.compile(r"\b[A-Z][a-z]+s\b")


class Resolver:
    """Resolves speaker mentions of one article to people introduced in it."""

    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self.people = people(text, start)
        self.by_name = {p.name: p for p in self.people}
        self.group_positions = [
            (m.start(), m.group(0))
            for m in CAPITALISED_PLURAL.finditer(text, start)
            if m.group(0).lower() in groups()
        ]
        self.history: list[tuple[int, Speaker]] = []  # resolved speakers by mention offset

    def resolve(self, source: Span | None, context: Speaker | None = None) -> list[Speaker]:
        """People behind a source mention; `context` is who speaks around it (for "I")."""
        if source is None:
            return []
        s, e = source
        mention = self.text[s:e].strip()
        parts = self._split_joint(s, e)
        if len(parts) > 1:
            out = [sp for ps, pe in parts for sp in self._one(ps, pe, context)]
        else:
            out = self._one(s, e, context)
        for sp in out:
            self.history.append((s, sp))
        return out or [Speaker(name=mention, type="group")]

    def _split_joint(self, s: int, e: int) -> list[Span]:
        """'Rep. X, D-Vt., and Sen. Y, I-Vt.' -> two mentions, when both sides hold a name."""
        mention = self.text[s:e]
        m = JOINT.search(mention)
        if not m:
            return [(s, e)]
        left, right = (s, s + m.start()), (s + m.end(), e)
        if self._named(left) and self._named(right):
            return [left, right]
        return [(s, e)]

    def _named(self, span: Span) -> Person | None:
        runs = cap_runs(self.text[: span[1]], span[0])
        for rs, _re, words in runs:
            if rs >= span[1]:
                break
            _title, rest = split_title(list(words))
            name = " ".join(rest)
            if name in self.by_name:
                return self.by_name[name]
        return None

    def _speaker(self, p: Person, mention: Span) -> Speaker:
        """A Speaker for a person, with the descriptors this mention adds to the article's."""
        title = p.title
        ms, me = mention
        for _rs, _re, words in cap_runs(self.text[:me], ms):
            t, rest = split_title(list(words))
            if t and rest and rest[-1] == p.surname and title is None:
                title = " ".join(t)
                p.title = title
        party, state = p.party, p.state
        if party is None:
            desc, _ = after_name(self.text, me)
            if desc.party:
                party, state = desc.party, desc.state
        return Speaker(name=p.name, title=title, party=party, state=state, org=p.org)

    def _one(self, s: int, e: int, context: Speaker | None) -> list[Speaker]:
        mention = self.text[s:e].strip()
        low = mention.lower()
        if low in FIRST_PERSON and context is not None:
            return [context]
        if low in PRONOUNS_SINGULAR:
            return self._antecedent(s)
        if low in PRONOUNS_PLURAL:
            g = [name for pos, name in self.group_positions if pos < s]
            prior = [sp for pos, sp in self.history if pos < s and sp.group]
            if g:
                return [Speaker(name=g[-1], type="group")]
            return [prior[-1]] if prior else []
        person = self._named((s, e))
        if person is not None:
            return [self._speaker(person, (s, e))]
        surname = self._surname_match(s, e)
        if surname is not None:
            return [self._speaker(surname, (s, e))]
        by_title = self._title_match(mention, s)
        if by_title is not None:
            return [self._speaker(by_title, (s, e))]
        words = mention.split()
        name = DETERMINERS.sub("", mention)
        if mention[:1].isupper() and low.rstrip("s") + "s" in groups() and len(words) == 1:
            return [Speaker(name=mention, type="group")]
        if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            title, rest = split_title(words)
            return [Speaker(name=" ".join(rest) or mention, title=" ".join(title) or None)]
        return [Speaker(name=name, type="group")]

    def _surname_match(self, s: int, e: int) -> Person | None:
        """'Sessions', 'Sen. Leahy', 'President Trump' -> the one person with that surname."""
        words = [w.strip(",.’'") for w in self.text[s:e].split(",")[0].split()]
        words = [w for w in words if w]
        if not words or not words[-1][:1].isupper():
            return None
        title, rest = split_title(words)
        if len(rest) != 1:
            return None
        matches = [p for p in self.people if p.surname == rest[0]]
        if len(matches) == 1:
            return matches[0]
        before = [p for p in matches if p.mentions and p.mentions[0] < s]
        return before[-1] if len(before) == 1 else None

    def _title_match(self, mention: str, s: int) -> Person | None:
        """'the senator', 'the attorney general' -> the latest person with that title."""
        words = DETERMINERS.sub("", mention).lower().split()
        if not words or len(words) > 3:
            return None
        vocab, _heads = title_words()
        lowered = {w.lower().rstrip(".") for w in vocab}
        if not all(w.rstrip(".") in lowered for w in words):
            return None
        aliases = {"senator": "sen", "representative": "rep", "congressman": "rep", "governor": "gov"}
        key = aliases.get(words[-1], words[-1])
        best: tuple[int, Person] | None = None
        for p in self.people:
            if not p.title:
                continue
            t = [w.lower().rstrip(".") for w in p.title.split()]
            t = [aliases.get(w, w) for w in t]
            if key in t and p.mentions and p.mentions[0] < s and (
                best is None or p.mentions[-1] > best[0]
            ):
                best = (max(m for m in p.mentions if m < s), p)
        return best[1] if best else None

    def _antecedent(self, s: int) -> list[Speaker]:
        """'he'/'she': the latest named person before the pronoun (speakers first)."""
        prior = [(pos, sp) for pos, sp in self.history if pos < s and not sp.group]
        mentions = [
            (pos, p) for p in self.people for pos in self._all_mentions(p) if pos < s
        ]
        best_mention = max(mentions, key=lambda x: x[0]) if mentions else None
        best_prior = prior[-1] if prior else None
        if best_mention and (best_prior is None or best_mention[0] > best_prior[0]):
            p = best_mention[1]
            return [Speaker(p.name, p.title, p.party, p.state, p.org)]
        return [best_prior[1]] if best_prior else []

    def _all_mentions(self, p: Person) -> list[int]:
        if not hasattr(p, "_all"):
            found = [m.start() for m in re.finditer(rf"\b{re.escape(p.surname)}\b", self.text)]
            p._all = found  # type: ignore[attr-defined]
        return p._all  # type: ignore[attr-defined]
