"""First names -> the gender most people bearing them have, from the nomquamgender package's
offline name data (MIT); the last resort when an article says nothing about a person's gender.

The package is optional (`pip install --no-deps 'nomquamgender>=0.1.4,<0.2'`): only its data file
is read, never its code, so its own dependencies are not needed. Without it every estimate is
None. Its 22 MB JSON is reduced once to the names used here and cached (a few hundred KB).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

PACKAGE = "nomquamgender"
MIN_COUNT = 500  # people with the name in the package's sources: rarer names say too little
MIN_SOURCES = 3
CLEAR = 0.03  # p(female) at most this: male; at least 1 - CLEAR: female
GIVEN_SOURCES = 3  # a word this many sources give as a first name looks like one ("Okonkwo")
CACHE_VERSION = 2
CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
PAIR = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+")


def fold(word: str) -> str:
    """Lower case without accents: the package's keys ("andras" for "András")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _data_file() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without importing its code
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return path if path.exists() else None


def _cache_path(source: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "onrecord"
    stamp = f"{int(source.stat().st_mtime)}-{source.stat().st_size}-v{CACHE_VERSION}"
    return base / f"first_names-{stamp}.json"


@cache
def _data() -> tuple[dict[str, float], frozenset[str]]:
    """(common first names -> p(female), every word the data has as a given name in at least
    GIVEN_SOURCES sources), from the package's data (empty without the package)."""
    source = _data_file()
    if source is None:
        return {}, frozenset()
    cached = _cache_path(source)
    try:
        saved = json.loads(cached.read_text("utf-8"))
        return dict(saved["p"]), frozenset(saved["given"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raw = json.loads(source.read_text("utf-8"))
    p = {
        name: float(v[2])
        for name, v in raw.items()
        if name.isalpha() and v[1] >= MIN_COUNT and v[0] >= MIN_SOURCES
    }
    given = sorted(name for name, v in raw.items() if name.isalpha() and v[0] >= GIVEN_SOURCES)
    try:  # a read-only home only costs the next process the same few seconds
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"p": p, "given": given}), "utf-8")
        tmp.replace(cached)
    except OSError:
        pass
    return p, frozenset(given)


def table() -> dict[str, float]:
    """Common first names -> p(female)."""
    return _data()[0]


@cache
def common() -> frozenset[str]:
    """Names common enough as first names to mark a person when followed by a surname."""
    return frozenset(n for n in table() if n not in NOT_FIRST_NAMES)


# Capitalised words that open a name-shaped pair but are no first names here.
NOT_FIRST_NAMES = frozenset(
    ["the", "a", "an", "and", "but", "he", "she", "his", "her", "it", "they", "we", "mr", "mrs", "ms", "dr", "president", "senator", "minister", "state", "house", "court", "united", "new", "north", "south", "east", "west", "white", "general", "prime", "chief", "judge", "king", "queen", "prince", "saint", "st"]
)


def estimate(name: str) -> tuple[str, float] | None:
    """(female | male, probability) from the person's first name, when the name is clear."""
    words = name.split()
    if len(words) < 2:
        return None  # a bare surname tells nothing
    names = table()
    for word in words[:-1]:
        key = fold(word.strip(".,"))
        if len(key) < 2 or key in NOT_FIRST_NAMES:
            continue
        p = names.get(key)
        if p is None:
            continue
        if p >= 1 - CLEAR:
            return "female", p
        if p <= CLEAR:
            return "male", 1 - p
        return None  # the first given name is ambiguous: no guess from a middle name
    return None


def looks_personal(name: str) -> bool:
    """A bare surname, or a name with a word the data knows as a first name, however rare
    ("Okonkwo Bellamy", not "Inner Mongolia"); True without the data."""
    words = name.split()
    given = _data()[1]
    if len(words) < 2 or not given:
        return True
    return any(fold(w.strip(".,")) in given for w in words[:-1])


def named_people(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of "First Last" pairs whose first word is a common first name: someone named."""
    names = common()
    if not names:
        return []
    out = []
    for word in CAPITALISED.finditer(text, start):  # every start: "Then Tomas Brink" holds one
        key = fold(word.group(0))
        if key in names and key not in NOT_FIRST_NAMES and (m := PAIR.match(text, word.start())):
            out.append((m.start(), m.end()))
    return out
