"""Quoted spans found from the marks alone: straight or curly, multi-paragraph, nested singles."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.extract.lexicon import quote_marks
from onrecord.types import Span

OPENERS_BEFORE = frozenset(" \t\n([{—–-/:;,")
DOUBLE = "\"“”"
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"


@dataclass
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph end when unclosed)
    closed: bool = True
    nested: bool = False  # single marks inside a quote or a transcript turn

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def _opens(text: str, i: int) -> bool:
    """Whether a straight double mark at i opens a quote (by what precedes it)."""
    return i == 0 or text[i - 1] in OPENERS_BEFORE or text[i - 1] in "“‘'"


def double_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Double-mark quotes, paragraph by paragraph. A quote left open at a paragraph's end runs on
    when the next paragraph opens with a mark (the news convention for multi-paragraph quotes);
    otherwise it ends with its paragraph, so an unbalanced mark never costs later text."""
    closing = quote_marks()
    # Two apostrophes stand for a double mark in some wire copy (''like this''); same length.
    text = text.replace("\'\'", '"\x00')
    quotes: list[Quote] = []
    carry: int | None = None  # start of a quote running on from the previous paragraph
    for k, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        expected = ""
        i = ps
        if carry is not None:
            if text[ps] in closing:  # the running quote's new paragraph starts with its mark
                open_at, expected, i = carry, closing[text[ps]], ps + 1
            carry = None
        while i < pe:
            ch = text[i]
            if open_at is None:
                if ch in closing and (ch != '"' or _opens(text, i)):
                    open_at, expected = i, closing[ch]
            elif ch == expected or (ch == '"' and text[i - 1] not in " \t\n([{") or ch == "”":
                quotes.append(Quote(open_at, i + 1))
                open_at = None
            elif ch in "“" and expected != "“":  # a new opener while open: the old one was stray
                open_at, expected = i, closing[ch]
            i += 1
        if open_at is not None:
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            opens_block = open_at == ps or text[ps:open_at].rstrip().endswith(":")
            if opens_block and nxt and text[nxt[0]] in closing and text[nxt[0]] not in "”":
                carry = open_at
            elif pe - open_at > 1:
                quotes.append(Quote(open_at, pe, closed=False))
    return [q for q in quotes if q.end - q.start > 2]


def single_quotes(text: str, region: Span) -> list[Quote]:
    """Quotes in single marks inside a region; apostrophes (don't, Sessions') are not marks."""
    s, e = region
    out: list[Quote] = []
    open_at: int | None = None
    for i in range(s, e):
        ch = text[i]
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if open_at is None:
            if ch in SINGLE_OPEN and (prev.isspace() or prev in "(“\"—,:") and nxt.isalnum():
                open_at = i
        elif ch in SINGLE_CLOSE and not prev.isspace() and not nxt.isalnum():
            if len(text[open_at:i].split()) >= 2:
                out.append(Quote(open_at, i + 1, nested=True))
            open_at = None
    return out


def content_kind(text: str, content: list[Span]) -> str:
    """direct: wholly inside quote marks; mixed: some quoted words; indirect: none."""
    inside = " ".join(text[s:e] for s, e in content).strip(" ,.;:—–-")
    if not any(c in DOUBLE for c in inside):
        return "indirect"
    return "direct" if inside[:1] in DOUBLE and inside[-1:] in DOUBLE else "mixed"
