"""Build extraction results by hand from text written for these tests."""

from __future__ import annotations

from onrecord.types import Article, Attribution, Result, Speaker


def quote(
    text: str,
    words: str,
    speaker: str | None,
    title: str | None = None,
    kind: str = "direct",
    group: bool = False,
    party: str | None = None,
    state: str | None = None,
) -> Attribution:
    """An attribution of `words` (found in `text`, '…' separating pieces) to `speaker`."""
    spans = []
    pos = 0
    for piece in words.split(" … "):
        start = text.index(piece, pos)
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    source = None
    if speaker:
        at = text.find(speaker)
        source = (at, at + len(speaker)) if at >= 0 else None
    speakers = (
        [Speaker(speaker, title=title, party=party, state=state, group=group)] if speaker else []
    )
    return Attribution(kind, spans, None, source, speakers, 0.9)


def result(
    article_id: str,
    date: str | None,
    text: str,
    quotes: list[tuple],
    url: str | None = None,
    outlet: str | None = None,
) -> Result:
    """A Result for an article whose quotes are (words, speaker[, title[, kind]]) tuples."""
    art = Article(article_id, text, date, url or f"https://example.org/{article_id}", None, outlet)
    return Result(art, [quote(text, *q) for q in quotes])
