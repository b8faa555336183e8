"""Long articles in bounded windows: where the cuts fall, and the same attributions as each
window gives on its own, at the article's offsets."""

from __future__ import annotations

import pytest

from onrecord.attribute.across_windows import full_names
from onrecord.extract.windows import _tokens, in_windows, windows
from onrecord.pipeline import Extractor
from onrecord.types import Attribution

# Three short stories written for these tests; each is one window when the bound is small.
STORIES = [
    '"We will reopen the ferry in May," harbor master Ines Marlow said.\n\n'
    "The crossing has been closed since a storm damaged the pier in January.\n\n"
    "Marlow said repairs would cost about 2 million dollars.\n\n",
    "Councillor Tomas Brandt was less hopeful about the timetable.\n\n"
    '"Nobody has shown me a contract, and I will not vote for a promise," Brandt told the '
    "meeting.\n\n"
    "The vote was delayed until next month.\n\n",
    "Principal Amara Nkemelu spoke to parents on Tuesday.\n\n"
    '"The school will stay open through the summer," Nkemelu said.\n',
]
SMALL = 270  # characters: each story above is a window of its own


def flat(attributions: list[Attribution], text: str) -> list[tuple]:
    """What an attribution says, by its words and its speakers' names and descriptors."""
    return [(a.kind, [text[s:e] for s, e in a.content],
             a.cue and text[a.cue[0]:a.cue[1]], a.source and text[a.source[0]:a.source[1]],
             [(sp.name, sp.title, sp.resolved_by) for sp in a.speakers], flat(a.nested, text))
            for a in attributions]


@pytest.mark.parametrize("bound", [200, 400, 1_000, 5_000])
def test_windows_tile_the_body_and_end_at_paragraph_breaks(bound):
    text = "date 2024-03-01\n" + "\n\n".join(s.strip() for s in STORIES * 8)
    start = len("date 2024-03-01\n")
    spans = windows(text, start, chars=bound, tokens=bound)
    assert spans[0][0] == start and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    for s, e in spans:
        assert e - s <= bound or "\n\n" not in text[s:e].strip()
    for _, e in spans[:-1]:
        assert text[e:e + 2] == "\n\n"  # a window ends where a paragraph does


def test_article_within_the_bounds_is_one_window():
    text = "".join(STORIES)
    assert windows(text, 0) == [(0, len(text))]


def test_dense_marks_are_bounded_by_tokens():
    text = '"“”’\n\n' * 3_000  # 18,000 characters of quote marks, four tokens a paragraph
    spans = windows(text, 0, chars=30_000, tokens=2_000)
    assert len(spans) > 1
    assert all(_tokens(text, s, e) <= 2_000 for s, e in spans)


def test_a_paragraph_longer_than_the_bound_is_cut_at_its_sentences():
    paragraph = " ".join(f"The pier was closed on day {i} of the repairs." for i in range(200))
    spans = windows(paragraph, 0, chars=1_000, tokens=1_000)
    assert len(spans) > 1
    for s, _ in spans[1:]:
        assert paragraph[s - 1] == "." and paragraph[s] == " "


def test_a_sentence_longer_than_the_bound_is_cut_where_the_bound_falls():
    text = "“" * 5_000
    spans = windows(text, 0, chars=1_000, tokens=1_000)
    assert [e - s for s, e in spans] == [1_000] * 5


def test_a_quote_running_over_paragraphs_starts_no_window():
    running = ('"The pier will be rebuilt in stone this time.\n\n'
               '"It will outlast every one of us," Marlow said.\n\n')
    text = "Filler about the harbor and its long history.\n\n" * 6 + running + "The end.\n"
    second = text.index('"It will')
    spans = windows(text, 0, chars=second + 20, tokens=second + 20)
    assert len(spans) == 2
    assert spans[1][0] < text.index('"The pier')  # both paragraphs of the quote together


@pytest.mark.parametrize("path", ["rules-only", "default"])
def test_windows_give_each_windows_own_attributions_at_article_offsets(
        path, extractor: Extractor, default_extractor: Extractor):
    ex = extractor if path == "rules-only" else default_extractor
    text = "".join(STORIES)
    spans = windows(text, 0, chars=SMALL, tokens=SMALL)
    assert [text[s:e].strip() for s, e in spans] == [s.strip() for s in STORIES]
    alone = [flat(ex.attributions(story, 0), story) for story in STORIES]
    assert all(alone), "each story has attributions of its own"
    together = in_windows(text, 0, ex.attributions, chars=SMALL, tokens=SMALL)
    assert flat(together, text) == [a for story in alone for a in story]
    for a in together:  # offsets index the whole article
        for s, e in a.content:
            assert text[s:e] in "".join(STORIES) and any(ws <= s < e <= we for ws, we in spans)


def test_short_article_is_extracted_exactly_as_before(extractor: Extractor):
    text = "".join(STORIES)
    direct = extractor.attributions(text, 0)
    assert flat(in_windows(text, 0, extractor.attributions), text) == flat(direct, text)


def test_a_later_window_names_a_person_by_surname_with_the_full_name(extractor: Extractor):
    later = ("The crossing has been closed since a storm damaged the pier in January.\n\n"
             '"The new pier will take a year," Marlow said.\n')
    text = STORIES[0] + later
    alone = extractor.attributions(later, 0)
    assert [sp.name for a in alone for sp in a.speakers] == ["Marlow"]
    together = in_windows(text, 0, extractor.attributions, full_names, chars=SMALL, tokens=SMALL)
    last = together[-1]
    assert text[last.content[0][0]:last.content[0][1]].startswith('"The new pier')
    assert [sp.name for sp in last.speakers] == ["Ines Marlow"]
    assert last.speakers[0].title == together[0].speakers[0].title
