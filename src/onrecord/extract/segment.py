"""Paragraphs and sentences by offsets: cheap, regex-based, so only some sentences get parsed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from onrecord.types import Span

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\r\n\s*\r\n\s*")
LINE_BREAK = re.compile(r"\n")
# A sentence ends at . ! ? (optionally followed by closing marks) before whitespace and an
# upper-case letter, digit or opening mark; abbreviations below are not ends.
# A line break inside a paragraph ends a sentence too (a headline or dateline run into it).
SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)\]]*\s+|[ \t]*(?P<nl>\n)\s*)(?=[\"“‘'(\[]?[A-Z0-9])")
# A wire dateline opening a paragraph: "GENEVA (AP) — ", "SAN JOSE, Calif. - ", "ST. PAUL, Minn. -- "
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.]*)?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?"
    r"(?:—|–|--?)[ \t]+"
)
LAST_WORD = re.compile(r"([\w.]+)$")
LOOK_BACK = 64  # characters
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "col", "gen", "sgt", "jr", "sr", "st", "mt", "no", "vs", "u.s", "u.k", "a.m", "p.m", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "pres", "prof", "rev", "hon", "atty", "supt", "dept", "gop", "d", "r", "i", "calif", "fla", "pa", "ariz", "ill", "mass", "mich", "minn", "tenn", "tex", "va", "wash", "wis", "conn", "colo", "ky", "la", "md", "mo", "nev", "okla", "ore", "ga", "ala", "ark", "del", "ind", "kan", "miss", "neb", "vt", "wyo"]
)


def paragraphs(text: str, start: int = 0) -> list[Span]:
    """Non-empty paragraph spans (split on blank lines; single newlines split too when the text
    has no blank lines, as in line-per-paragraph files)."""
    splitter = PARAGRAPH_BREAK if PARAGRAPH_BREAK.search(text, start) else LINE_BREAK
    out: list[Span] = []
    pos = start
    for m in splitter.finditer(text, start):
        _add_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _add_trimmed(text, pos, len(text), out)
    return out


def _add_trimmed(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def sentences(text: str, span: Span) -> Iterator[Span]:
    """Sentence spans inside one paragraph."""
    s, end = span
    for m in SENTENCE_END.finditer(text, s, end):
        if m.group("nl"):
            if m.start() > s:
                yield (s, m.start())
            s = m.end()
            continue
        word = _last_word(text, s, m.start())
        if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial, as in "John F. Kennedy"
        cut = m.start() + len(m.group(0).rstrip())
        if cut > s:
            yield (s, cut)
        s = m.end()
    if end > s:
        yield (s, end)


def _last_word(text: str, s: int, end: int) -> re.Match[str] | None:
    """The word (letters, digits, dots) just before `end`, from a short look back: searching the
    whole sentence so far at every candidate end costs its length squared."""
    lo = max(s, end - LOOK_BACK)
    word = LAST_WORD.search(text, lo, end)
    if word and word.start() == lo and lo > s:  # the word may run on before the look back
        word = LAST_WORD.search(text, s, end)
    return word


def after_dateline(text: str, span: Span) -> Span:
    """The span without the dateline it opens with, when it starts a paragraph: a speaker is
    "Mayor Lena Ortiz", not "PORTLAND, Ore. (AP) — Mayor Lena Ortiz"."""
    start, end = span
    if start > 0 and text[start - 1] != "\n":
        return span
    m = DATELINE.match(text, start, end)
    if m is None or m.end() >= end or sum(c.isalpha() for c in m.group(0)) < 3:
        return span
    return m.end(), end
