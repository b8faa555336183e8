"""The gender a person's article shows (pronouns, honorifics, gendered role nouns), else the
estimate their first name gives; for named people only, precision first."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from onrecord.attribute import first_names
from onrecord.attribute.lexicon import read_lines
from onrecord.types import Attribution, Span, Speaker

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
# Evidence, most trusted first; the first three are the article's own words.
PRONOUN, HONORIFIC, ROLE, NAME = "pronoun", "honorific", "role", "name"
ARTICLE_EVIDENCE = (PRONOUN, HONORIFIC, ROLE)
# One pronoun is weaker than one honorific ("Ms. Ruiz" is bound to the name; a pronoun is
# tied to it by position only); a role noun sits between.
WEIGHT = {PRONOUN: 1.0, HONORIFIC: 2.0, ROLE: 1.5}
MIN_SHARE = 0.8  # the winning side's share of the weighted evidence; below it: unknown

PRONOUN_GENDER = {
    "he": MALE, "his": MALE, "himself": MALE,
    "she": FEMALE, "hers": FEMALE, "herself": FEMALE,
}
# "him"/"her" are left out: as objects in the mention's own clause they name someone else
# ("Ruiz thanked her"), and "her" cannot be told from the possessive without a parse.
PRONOUN_RE = re.compile(r"\b(?:he|his|himself|she|hers|herself)\b", re.IGNORECASE)
ALL_PRONOUNS = frozenset(PRONOUN_GENDER) | {"him", "her"}
SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\b[A-Z])"
    r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*"
)
QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
APPOSITIVE = re.compile(r",\s+((?:[\w’'-]+\s*){1,6})")
APPOSITIVE_STOP = frozenset(["who", "whose", "which", "that", "said", "says", "and", "or", "with",
                             "told", "added", "when", "where", "while", "but", "of", "for"])
NAME_WORD = re.compile(r"[A-Z][\w’'-]+")
# A "person" named with one of these last is an organisation or a place the attribution typed
# wrongly ("Farm Bureau", "Cabinet Room"): no gender, and not someone else named either.
NOT_SURNAMES = frozenset(
    ["room", "bureau", "securities", "equities", "inc", "corp", "co", "llc", "ltd", "plc", "group", "department", "ministry", "office", "committee", "council", "agency", "bank", "capital", "partners", "holdings", "association", "institute", "university", "college", "school", "foundation", "fund", "party", "court", "police", "news", "times", "post", "journal", "research", "sciences", "labs", "club", "league", "team", "city", "county", "state", "house", "senate", "congress", "administration", "service", "services", "board", "commission", "authority", "company", "media", "network", "center", "centre", "hospital", "clinic", "museum", "airlines", "motors", "systems", "technologies", "robotics", "depot", "government", "army", "navy", "force", "forces", "union", "alliance", "coalition", "organization", "organisation", "council", "reuters", "press", "astronomy", "psychiatry", "medicine", "leader", "checker", "performers", "east", "west", "north", "south", "kong"]
)


@dataclass(frozen=True)
class Gender:
    """A person's gender as inferred: the value, the kind of evidence, how sure (0-1)."""

    value: str  # female | male | unknown
    evidence: str | None  # pronoun | honorific | role | name; None when unknown
    confidence: float

    @property
    def from_article(self) -> bool:
        return self.evidence in ARTICLE_EVIDENCE


NO_GENDER = Gender(UNKNOWN, None, 0.0)


@cache
def gendered_words() -> dict[str, str]:
    """Honorifics and role nouns -> female | male (package data)."""
    out = {}
    for line in read_lines("gendered_words.txt"):
        word, gender = line.split("|")
        out[word] = gender
    return out


HONORIFICS = frozenset(["Ms.", "Ms", "Mrs.", "Mrs", "Miss", "Madam", "Dame", "Lady", "Mr.", "Mr",
                        "Sir", "Lord"])


def sentences(text: str) -> list[Span]:
    """Sentence spans by punctuation (no parse: this runs on every article)."""
    out, at = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((at, m.end()))
        at = m.end()
    out.append((at, len(text)))
    return out


@lru_cache(maxsize=4)
def _layout(text: str, start: int) -> tuple[list[Span], list[Span]]:
    """An article's sentences and quoted passages, found once for all its people."""
    return sentences(text), [(m.start(), m.end()) for m in QUOTED.finditer(text, start)]


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether `pos` is inside one of these spans (in order, not overlapping: quoted passages)."""
    k = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return k >= 0 and pos < spans[k][1]


def _between(spans: Sequence[Span], lo: int, hi: int) -> bool:
    return any(lo <= s < hi for s, _e in spans)


def _sentence_of(sents: Sequence[Span], pos: int) -> int:
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _word_before(text: str, pos: int) -> str:
    """The word just before `pos`, skipping a comma ("his wife, Ana Ruiz")."""
    m = re.search(r"([\w.’'-]+)[,\s]*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def descriptor_votes(text: str, mentions: Iterable[Span]) -> list[tuple[str, str]]:
    """(gender, HONORIFIC | ROLE) for each honorific or role noun written next to a mention."""
    words = gendered_words()
    votes = []
    for s, e in mentions:
        written = text[s:e]
        if written.lower() in ALL_PRONOUNS:
            continue
        first = written.split()[0] if written.split() else ""
        before = first if first in HONORIFICS else _word_before(text, s)
        if before in HONORIFICS and before in words:
            votes.append((words[before], HONORIFIC))
        elif before.lower() in words and before not in HONORIFICS and before.lower() not in (
            "man", "boy", "son"  # "Son Heung-min": a surname before a surname
        ):
            votes.append((words[before.lower()], ROLE))
        m = APPOSITIVE.match(text, e)  # "Ana Ruiz, a spokeswoman for the port"
        for word in m.group(1).split() if m else ():
            low = word.lower()
            if low in APPOSITIVE_STOP:
                break
            if low in words and word not in HONORIFICS and low != "son":
                votes.append((words[low], ROLE))
                break
    return votes


def pronoun_votes(
    text: str, mentions: Sequence[Span], others: Sequence[Span], start: int = 0,
    from_names: bool = True,
) -> list[str]:
    """Genders of the pronouns that follow a mention before anyone else is named.

    For a name mention: the first he/she/his/himself/herself after it in its sentence or the
    next, outside quotation marks, with no other person named in between (nor earlier in the
    mention's sentence: "Asked about Ruiz, Lee said she ..." is ambiguous). A pronoun mention
    (a source resolved to the person) counts when no one else is named outside quotation marks
    between it and the person's latest name mention before it.
    """
    sents, quoted = _layout(text, start)
    votes = []
    names = sorted(m for m in mentions if text[m[0] : m[1]].lower() not in ALL_PRONOUNS)
    # for the "he said" after a quote, a name inside the quote is not who "he" is
    unquoted = [o for o in others if not _inside(o[0], quoted)]
    for s, e in mentions:
        word = text[s:e].lower()
        if word in ALL_PRONOUNS:
            if word in PRONOUN_GENDER:
                prior = [n for n in names if n[1] <= s]
                if prior and not _between(unquoted, prior[-1][1], s):
                    votes.append(PRONOUN_GENDER[word])
            continue
        if not from_names or _inside(s, quoted):
            continue
        i = _sentence_of(sents, s)
        limit = sents[min(i + 1, len(sents) - 1)][1]
        for m in PRONOUN_RE.finditer(text, e, limit):
            if _inside(m.start(), quoted):
                continue
            if not _between(others, sents[i][0], m.start()):
                votes.append(PRONOUN_GENDER[m.group(0).lower()])
            break
    return votes


def decide(votes: Sequence[tuple[str, str]]) -> Gender:
    """The side with at least MIN_SHARE of the weighted votes, with its most trusted evidence."""
    score = {FEMALE: 0.0, MALE: 0.0}
    for gender, kind in votes:
        score[gender] += WEIGHT[kind]
    total = score[FEMALE] + score[MALE]
    if not total:
        return NO_GENDER
    side = FEMALE if score[FEMALE] > score[MALE] else MALE
    share = score[side] / total
    if share < MIN_SHARE:
        return NO_GENDER
    kinds = {k for g, k in votes if g == side}
    evidence = next(k for k in ARTICLE_EVIDENCE if k in kinds)
    # more agreeing evidence, surer; never certain
    confidence = min(0.99, 0.75 + 0.08 * score[side]) * share
    return Gender(side, evidence, round(confidence, 3))


def infer_gender(
    text: str,
    name: str,
    mention_spans: Sequence[Span],
    others: Sequence[Span] | None = None,
    start: int = 0,
    titled: bool = False,
) -> Gender:
    """A named person's gender from the article's words about them, else from their first name.

    `mention_spans`: where the article refers to the person (name and surname mentions, and
    pronoun sources resolved to them); `others`: where it names other people (default: every
    "Mr. X" and "First Last" with a common first name that is not this person); `titled`: the
    article gives them a title ("the president of the Farm Bureau"), so they are a person.
    """
    if others is None:
        others = other_people(text, name, mention_spans, start)
    described = descriptor_votes(text, mention_spans)
    # A pronoun after a name only counts for a name that looks like a person's: one word (a
    # surname), a known first name, a title, an honorific or role noun with it ("Inner
    # Mongolia ... he" is someone else). A pronoun source resolved to them counts in any case.
    person = titled or bool(described) or first_names.looks_personal(name)
    votes = [(g, PRONOUN)
             for g in pronoun_votes(text, mention_spans, others, start, from_names=person)]
    votes += described
    found = decide(votes)
    if found.value != UNKNOWN:
        return found
    estimate = first_names.estimate(name)
    if estimate is None:
        return NO_GENDER
    value, p = estimate
    return Gender(value, NAME, round(p, 3))


def name_spans(text: str, name: str, start: int = 0) -> list[Span]:
    """Where the article writes a person's full name or their surname alone."""
    words = name.split()
    if not words:
        return []
    surname = words[-1]
    pattern = rf"(?<![\w’'-])(?:{re.escape(name)}|{re.escape(surname)})(?![\w-])"
    return [(m.start(), m.end()) for m in re.compile(pattern).finditer(text, start)]


HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w’'-]+")


def named_people(text: str, start: int = 0) -> list[Span]:
    """Where the article names someone: "Mr. X", or "First Last" with a common first name."""
    found = [(m.start(), m.end()) for m in HONORIFIC_NAME.finditer(text, start)]
    return sorted(set(found) | set(first_names.named_people(text, start)))


def other_people(
    text: str, name: str, own: Iterable[Span], start: int = 0, named: Sequence[Span] | None = None
) -> list[Span]:
    """The named-people spans that are not this person's."""
    own = list(own)
    surname = name.split()[-1] if name.split() else name
    return [
        sp for sp in (named_people(text, start) if named is None else named)
        if not any(s <= sp[0] < e or sp[0] <= s < sp[1] for s, e in own)
        and surname not in text[sp[0] : sp[1]]
    ]


def looks_like_person(name: str) -> bool:
    """A capitalised name not ending in an organisation's word, not an acronym ("NASA")."""
    words = name.split()
    if not words or not NAME_WORD.match(words[-1]):
        return False
    last = words[-1].strip(".,’'")
    return not (last.isupper() and len(last) > 1) and last.lower() not in NOT_SURNAMES


def set_genders(text: str, start: int, attributions: Sequence[Attribution]) -> None:
    """Give every named-person speaker of the article its gender (same name, same gender)."""
    people: dict[str, list[Speaker]] = {}
    pronoun_sources: dict[str, list[Span]] = {}
    for a in _all(attributions):
        for sp in a.speakers:
            if sp.type != "person" or not looks_like_person(sp.name):
                continue
            people.setdefault(sp.name, []).append(sp)
            if a.source and text[a.source[0] : a.source[1]].strip().lower() in ALL_PRONOUNS:
                pronoun_sources.setdefault(sp.name, []).append(a.source)
    if not people:
        return
    spans = {name: name_spans(text, name, start) for name in people}
    named = named_people(text, start)
    for name, speakers in people.items():
        own = set(spans[name])
        others = sorted(
            {sp for other, found in spans.items() if other != name for sp in found} - own
            | set(other_people(text, name, own, start, named))
        )
        found = infer_gender(text, name, sorted(own | set(pronoun_sources.get(name, []))),
                             others, start, titled=any(sp.title for sp in speakers))
        for sp in speakers:
            sp.gender = found.value
            sp.gender_evidence = found.evidence


def _all(attributions: Iterable[Attribution]) -> Iterable[Attribution]:
    for a in attributions:
        yield a
        yield from _all(a.nested)
