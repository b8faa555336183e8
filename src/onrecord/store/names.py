"""Names: split a person's mention into title and name; fold a person's or an organisation's
name to its linking key."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss"})
PLACE_WORDS = frozenset({"of", "from", "in"})
QUOTE_MARKS = ('"', "“", "”", "''", "``")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,2}$")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "al",
        "la",
        "le",
        "du",
        "ter",
    }
)
# Words that end an organisation's name without changing who it is: "Apple Inc." is "Apple".
ORG_SUFFIXES = frozenset(
    ["inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
     "plc", "lp", "llp", "ag", "sa", "nv", "gmbh"]
)
_TOKEN = re.compile(r"[^\s,;:()\[\]]+")
_CUT = re.compile(r"[,;(\[]|\s(?:--|[-–—])\s")  # an appositive or a party tag ends the name part


@cache
def lexicon() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """Words around names that are not names, abbreviations of titles, sentence openers."""
    words: set[str] = set()
    openers: set[str] = set()
    expand: dict[str, str] = {}
    section = words
    path = resources.files("onrecord.store").joinpath("data/name_words.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line == "[openers]":
            section = openers
        elif line and not line.startswith("#"):
            word, _, full = (part.strip() for part in line.partition("="))
            section.add(word)
            if full:
                expand[word] = full
    return frozenset(words | openers), expand, frozenset(openers)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: the form names compare in."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[.']", "", text)
    return " ".join(re.sub(r"[^\w-]+", " ", text).split())


@dataclass(frozen=True)
class Name:
    """A parsed mention: the name as written, the words before it, and its linking key."""

    display: str  # "Jeff Sessions"
    title: str | None  # "Attorney General", from the words before the name
    honorific: str | None  # "mr" | "mrs" | "ms" | "miss"
    first: str | None  # folded first name, None for a bare surname
    surname: str  # folded
    key: str  # "jeff sessions"; "~sessions" for a bare surname

    @property
    def full(self) -> bool:
        return self.first is not None


def _runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Spans of capitalised tokens that can be a name: a run starts at a non-title word."""
    words, _, _ = lexicon()
    runs: list[tuple[int, int]] = []
    start = None
    for i, tok in enumerate(tokens):
        folded = fold(tok)
        capital = tok[:1].isupper() and bool(folded)
        quoted = any(mark in tok for mark in QUOTE_MARKS)
        initial = bool(_INITIAL.match(tok))
        if start is not None:
            nxt = tokens[i + 1][:1].isupper() if i + 1 < len(tokens) else False
            particle = folded in PARTICLES and nxt
            # A run ends at a lower-case word, a quote mark, an honorific, or a title word
            # with more name after it ("Massachusetts Sen. Elizabeth Warren").
            if (
                (not capital and folded not in SUFFIXES and not particle)
                or quoted
                or folded in HONORIFICS
                or (folded in words and nxt and not initial)
            ):
                runs.append((start, i))
                start = None
        if start is None and capital and not quoted and (initial or folded not in words):
            start = i
        # "NBC's Lester Holt": the owner is not part of the name; "Lanka." ends a sentence.
        owner = _POSSESSIVE.search(tok) is not None and i + 1 < len(tokens)
        stop = tok.endswith(".") and len(folded) > 1 and not initial and folded not in words
        if start is not None and (owner or stop):
            end = i if owner else i + 1
            if end > start:
                runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, len(tokens)))
    return runs


def _title(tokens: list[str]) -> tuple[str | None, str | None]:
    """The descriptor title and honorific in the words before a name."""
    words, expand, openers = lexicon()
    honorific = None
    kept = []
    for tok in tokens:
        folded = fold(tok)
        if _POSSESSIVE.search(tok):
            kept = []  # "Fox News' Megyn Kelly": the owner is not a title
        elif folded in HONORIFICS:
            honorific = folded
        elif folded in expand:
            kept.append(expand[folded])
        elif folded in openers:
            kept = []
        elif folded in words and folded not in {"u", "s", "us", "the", "former", "then"}:
            low = folded in {"of", "for", "and"}
            kept.append(folded if low else tok.strip(".")[:1].upper() + tok.strip(".")[1:])
        elif folded == "us" or not folded:
            continue
        else:
            kept = []  # a name or other word in between: the title is what follows it
    title = " ".join(kept).strip() or None
    if title and title.lower().split()[-1] in {"of", "the", "for", "and"}:
        title = None
    return title, honorific


@cache
def parse(mention: str) -> Name | None:
    """The name in a speaker mention ("Sen. Jeff Sessions, R-Ala."), or None for no name."""
    head = _CUT.split(mention.strip(), maxsplit=1)[0]
    tokens = [t for t in _TOKEN.findall(head) if fold(t)]
    runs = _runs(tokens)
    if not runs:
        return None
    start, end = runs[-1]
    if len(runs) > 1 and start > 0 and fold(tokens[start - 1]) in PLACE_WORDS:
        start, end = runs[-2]
    name_tokens = tokens[start:end]
    folded = [fold(t) for t in name_tokens]
    suffix = folded[-1] if len(folded) > 1 and folded[-1] in SUFFIXES else None
    core = [f for f in (folded[:-1] if suffix else folded) if f]
    # Middle initials do not tell people apart in news copy ("Donald J. Trump").
    core = [f for i, f in enumerate(core) if i in (0, len(core) - 1) or len(f) > 1]
    if not core:
        return None
    surname = core[-1]
    # "Bill de Blasio", "De Blasio": the particle belongs to the surname.
    while len(core) > 1 and core[-2] in PARTICLES:
        surname = f"{core.pop(-2)} {surname}"
    first = core[0] if len(core) > 1 else None
    key = f"{first} {surname}" if first else f"~{surname}"
    if suffix:
        key += f" {suffix}"
    shown = name_tokens if first else name_tokens[-len(surname.split()) - (1 if suffix else 0) :]
    display = " ".join(shown).strip(".,'’")
    display = re.sub(r"['’]s$", "", display)
    title, honorific = _title(tokens[:start])
    return Name(display, title, honorific, first, surname, key)


@lru_cache(maxsize=10_000)
def expand_title(title: str | None) -> str | None:
    """A descriptor title with abbreviations spelled out ("Sen." -> "Senator")."""
    if not title:
        return None
    _, expand, _ = lexicon()
    words = [expand.get(fold(w), w.strip(".")) for w in title.split()]
    words = [w for w in words if fold(w) not in {"us", "u s", "former", "then", "the"}]
    return " ".join(words) or None


def org_key(name: str) -> str:
    """An organisation's linking key: folded, without "the" or a corporate suffix ("#apple")."""
    words = fold(name).split()
    if words[:1] == ["the"]:
        words = words[1:]
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    return "#" + " ".join(words) if words else ""
