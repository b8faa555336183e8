"""Long articles in bounded windows, so cost grows linearly with length and memory stays flat.

Several steps of an article's extraction compare everything with everything (speakers with
names, quotes with quotes) or hold the whole parse at once, which is harmless for news-length
text and ruinous for a 1M-character dump. An article body longer than WINDOW characters or
WINDOW_TOKENS tokens is cut at paragraph breaks into windows within both bounds; each window is
extracted as an article of its own and its offsets are moved back to the article's. An article
within the bounds is one window and goes through exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from onrecord.extract.segment import paragraphs, sentences
from onrecord.types import Attribution, Span

WINDOW = 30_000  # characters: the longest PolNeAR dev and real-news articles are one window
WINDOW_TOKENS = 8_000  # words and marks: text dense in marks makes more tokens per character
TOKEN = re.compile(r"\w+|[^\w\s]")  # about what the tokenizer makes a token
OPENS_QUOTE = frozenset("\"“‘'")  # a paragraph opening with one may carry on the last one's quote

Extract = Callable[[str, int], list[Attribution]]
"""Attributions of a text's body from an offset, in that text's offsets."""
Join = Callable[[list[Attribution]], None]
"""Changes in place the attributions of several windows, seen together."""


def windows(text: str, start: int, chars: int = WINDOW, tokens: int = WINDOW_TOKENS) -> list[Span]:
    """Consecutive spans tiling `text[start:]`, each cut at a paragraph break and at most `chars`
    characters and `tokens` tokens long (a longer paragraph is cut at its sentences, a longer
    sentence where the token bound falls)."""
    if len(text) - start <= tokens or (
            len(text) - start <= chars and _tokens(text, start, len(text)) <= tokens):
        return [(start, len(text))]
    pieces = [sp for p in paragraphs(text, start) for sp in _fitting(text, p, chars, tokens)]
    before = [0]  # tokens before each piece
    for ps, pe in pieces:
        before.append(before[-1] + _tokens(text, ps, pe))
    cuts = [start]  # where each window begins: just past the previous window's last piece
    first = 0  # index of the current window's first piece

    def fits(lo: int, hi: int) -> bool:  # pieces lo..hi as one window
        begin = cuts[-1] if lo == first else pieces[lo - 1][1]
        return pieces[hi][1] - begin <= chars and before[hi + 1] - before[lo] <= tokens

    for k in range(len(pieces)):
        if k == first or fits(first, k):
            continue
        # pieces[first:k] fit. Start the next window at k, or at an earlier piece when k opens
        # with a quote mark (a quote running on over paragraphs stays whole), as long as the
        # window left behind keeps half the bound and the new one fits.
        cut = k
        while (cut - 2 >= first and text[pieces[cut][0]] in OPENS_QUOTE
               and (2 * (pieces[cut - 2][1] - cuts[-1]) >= chars
                    or 2 * (before[cut - 1] - before[first]) >= tokens)
               and fits(cut - 1, k)):
            cut -= 1
        cuts.append(pieces[cut - 1][1])
        first = cut
    return [(s, e) for s, e in zip(cuts, [*cuts[1:], len(text)], strict=True) if e > s]


def _tokens(text: str, start: int, end: int) -> int:
    return sum(1 for _ in TOKEN.finditer(text, start, end))


def _fitting(text: str, paragraph: Span, chars: int, tokens: int) -> list[Span]:
    """A paragraph as one piece, or cut at its sentences (and a sentence every `tokens`
    characters) when it is longer than either bound."""
    s, e = paragraph
    if e - s <= tokens or (e - s <= chars and _tokens(text, s, e) <= tokens):
        return [paragraph]
    out: list[Span] = []
    for ss, se in sentences(text, paragraph):
        out.extend((i, min(i + tokens, se)) for i in range(ss, se, tokens))
    return out


def in_windows(text: str, start: int, extract: Extract, join: Join | None = None,
               chars: int = WINDOW, tokens: int = WINDOW_TOKENS) -> list[Attribution]:
    """`extract` over the article body, window by window; the attributions in article offsets.
    `join`, given the attributions of several windows, does what needs them all (speakers)."""
    spans = windows(text, start, chars, tokens)
    if len(spans) == 1:
        return extract(text, start)
    out: list[Attribution] = []
    for ws, we in spans:
        out.extend(moved(a, ws) for a in extract(text[ws:we], 0))
    if join is not None:
        join(out)
    return out


def moved(a: Attribution, by: int) -> Attribution:
    """The attribution (and those nested in it) with every offset moved by `by`."""
    return replace(
        a,
        content=[(s + by, e + by) for s, e in a.content],
        cue=_move(a.cue, by),
        source=_move(a.source, by),
        nested=[moved(n, by) for n in a.nested],
    )


def _move(span: Span | None, by: int) -> Span | None:
    return None if span is None else (span[0] + by, span[1] + by)
