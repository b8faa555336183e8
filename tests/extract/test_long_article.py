"""An article longer than spaCy's max_length is processed in pieces, losing no quote."""

from __future__ import annotations

import pytest

from onrecord.types import Article


@pytest.fixture
def extract(extractor):
    """Rules only: these articles are about the parse's pieces, not the tables both paths run."""
    return lambda text: extractor.extract(Article(id="t", text=text))


def test_article_over_max_length_keeps_every_quote(extract, extractor):
    quote = '"We will reopen the ferry in May," harbor master Ines Marlow said.\n\n'
    filler = "Fog lay over the harbor for most of the week and the tide ran low.\n\n" * 8_000
    text = quote + filler + quote + filler + quote
    assert len(text) > extractor.nlp.max_length
    r = extract(text)
    starts = [q.content[0][0] for q in r.quotes]
    assert starts == [0, len(quote) + len(filler), 2 * (len(quote) + len(filler))]
    assert {q.speakers[0].name for q in r.quotes} == {"Ines Marlow"}


def test_quote_after_a_run_on_sentence_longer_than_a_parse_piece(extract):
    run_on = "the tide ran low and " * 400  # one 8,400-character "sentence", no full stop
    text = f"Fog lay over the harbor while {run_on}the ferry waited.\n\n" \
           '"We will reopen the ferry in May," harbor master Ines Marlow said.\n'
    r = extract(text)
    assert [r.article.text[s:e] for s, e in r.quotes[0].content] == [
        '"We will reopen the ferry in May,"']
