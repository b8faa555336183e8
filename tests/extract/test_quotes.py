"""Direct quotes from the marks: table-driven, real sentences, the real model."""

from __future__ import annotations

import pytest

from onrecord.extract.quotes import double_quotes, single_quotes
from onrecord.extract.segment import after_dateline, paragraphs


def said(result, i=0):
    q = result.quotes[i]
    text = result.article.text
    return (
        [text[s:e] for s, e in q.content],
        text[q.cue[0] : q.cue[1]] if q.cue else None,
        text[q.source[0] : q.source[1]] if q.source else None,
        [s.name for s in q.speakers],
    )


@pytest.mark.parametrize(
    ("text", "content", "cue", "source"),
    [
        ('"The budget is balanced," said Governor Mia Park.',
         ['"The budget is balanced,"'], "said", "Governor Mia Park"),
        ("“The budget is balanced,” Governor Mia Park said.",
         ["“The budget is balanced,”"], "said", "Governor Mia Park"),
        ('Governor Mia Park said: "The budget is balanced."',
         ['"The budget is balanced."'], "said", "Governor Mia Park"),
        ('"We start Monday," Park said. "The crews are ready."',
         ['"We start Monday,"', '"The crews are ready."'], "said", "Park"),
    ],
)
def test_direct_quote(extract, text, content, cue, source):
    got = said(extract(text))
    assert got[:3] == (content, cue, source)


def test_multi_paragraph_quote_is_one_attribution(extract):
    text = (
        'Dr. Hugh Hill, a surgeon, said: "The ward is full. We are turning people away.\n\n'
        '"We need another forty beds before winter," he added.\n'
    )
    r = extract(text)
    quotes = [q for q in r.quotes if q.kind == "direct"]
    assert len(quotes) == 1
    (s, e), = quotes[0].content
    assert text[s:e].startswith('"The ward is full') and text[s:e].endswith('winter,"')
    assert quotes[0].speakers[0].name == "Hugh Hill"


def test_continuation_paragraph_joins_previous_quote(extract):
    text = (
        '"The bridge will close in May," said engineer Tom Beck.\n\n'
        '"Detours will be posted a week ahead."\n'
    )
    r = extract(text)
    assert len(r.quotes) == 1
    assert [text[s:e] for s, e in r.quotes[0].content][-1] == '"Detours will be posted a week ahead."'


def test_nested_single_quote_gets_its_own_speaker(extract):
    text = (
        '"Then the chief told me, \'We have no more trucks,\' and hung up," '
        "said Fire Marshal Rosa Diaz.\n"
    )
    r = extract(text)
    [outer] = r.quotes  # the inner quote is second-hand: reported by the outer speaker
    assert text[outer.content[0][0]] == '"' and outer.speakers[0].name == "Rosa Diaz"
    [inner] = outer.nested
    assert text[inner.content[0][0]] == "'"
    assert text[inner.source[0] : inner.source[1]] == "the chief"
    assert r.to_json()["quotes"][0]["nested"][0]["text"].startswith("'We have no more trucks,'")


def test_apostrophes_are_not_quote_marks():
    text = "Sessions' staff didn't say it's the team's call, 'til later."
    assert single_quotes(text, (0, len(text))) == []


def test_unbalanced_mark_costs_only_its_paragraph(extract):
    text = (
        'He said "the vote is off and then left.\n\n'
        '"We will try again in June," said Senator Ed Moss.\n'
    )
    paras = paragraphs(text)
    quotes = double_quotes(text, paras)
    assert any(text[q.start : q.end] == '"We will try again in June,"' for q in quotes)
    r = extract(text)
    assert any(q.speakers and q.speakers[0].name == "Ed Moss" for q in r.quotes)


def test_mixed_quote_inside_reported_speech(extract):
    r = extract('Senator Ed Moss said the plan was "dead on arrival" in the House.')
    q = r.quotes[0]
    assert q.kind == "mixed"
    assert q.speakers[0].name == "Ed Moss"


def test_interrupted_quote_joins_across_a_long_speaker_clause(extract):
    text = (
        '"We ran out of beds by noon," said Dr. Ines Marlow, who directs the shelter on Fifth '
        'Street for the county health department. "Next winter we need twice as many."\n'
    )
    r = extract(text)
    assert len(r.quotes) == 1
    assert [text[s:e] for s, e in r.quotes[0].content] == [
        '"We ran out of beds by noon,"', '"Next winter we need twice as many."']


def test_quote_closing_on_a_full_stop_is_not_claimed_by_the_next_sentence(extract):
    text = (
        '"The vote is set for Tuesday," Mayor Ana Ruiz said. "Nobody will delay it again." '
        "Councilman Ed Moss said he would vote no.\n"
    )
    r = extract(text)
    said_by = {r.quotes[0].speakers[0].name}
    assert said_by == {"Ana Ruiz"}
    assert len(r.quotes[0].content) == 2  # the second quote continues the mayor's


def test_curly_opening_closed_by_a_straight_mark(extract):
    text = "“We are not done yet,\" Senator Ed Moss said on Friday.\n"
    r = extract(text)
    assert [text[s:e] for s, e in r.quotes[0].content] == ["“We are not done yet,\""]
    assert r.quotes[0].speakers[0].name == "Ed Moss"


@pytest.mark.parametrize(("text", "kept"), [
    ("ST. PAUL, Minn. -- Gov. Ann Lee", "Gov. Ann Lee"),
    ("GENEVA (AP) — The agency", "The agency"),
    ("U.S. - Mexico talks", "U.S. - Mexico talks"),  # two letters: an abbreviation, not a place
    ("The mayor - who else", "The mayor - who else"),  # not capitals
    ("GENEVA (AP) — ", "GENEVA (AP) — "),  # nothing after it
])
def test_a_dateline_is_cut_only_from_the_start_of_a_paragraph(text, kept):
    s, e = after_dateline(text, (0, len(text)))
    assert text[s:e] == kept
    inside = "Talks went on.\n\n" + text
    assert after_dateline(inside, (16, len(inside)))[0] == 16 + len(text) - len(kept)
    mid = "Talks went on. " + text
    assert after_dateline(mid, (15, len(mid))) == (15, len(mid))
