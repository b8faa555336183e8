"""Speaker resolution (attribute/resolve.py), table-driven: an article, its source mentions in
text order, and who the last one resolves to. No parse needed: the resolver reads the text."""

from __future__ import annotations

import pytest

from onrecord.attribute.resolve import Resolver
from onrecord.types import Speaker

BLAKE = (
    "Attorney General Nora Blake opened an inquiry on Monday.\n\n"
    '"We will follow the money," Blake said.\n\n'
    "She said the inquiry would take a year.\n\n"
    "The attorney general told reporters the first subpoenas were ready.\n"
)
JOINT = "Rep. Ann Shaw, D-Pa., and Sen. Luis Ortega, R-Texas, both called for an audit of the fund."
CLINTONS = ("Hillary Clinton spoke first. Bill Clinton spoke later.\n\n"
            '"It was a long night," Clinton said.\n')


def spans(text: str, mentions: list[str | tuple[str, str]]) -> list[tuple[int, int]]:
    """Each mention's span, found after the one before (and after the words given with it)."""
    out, pos = [], 0
    for m in mentions:
        m, after = m if isinstance(m, tuple) else (m, "")
        start = text.index(m, text.index(after, pos) if after else pos)
        out.append((start, start + len(m)))
        pos = start + len(m)
    return out


def who(speakers: list[Speaker]) -> list[tuple]:
    return [(s.name, s.type, s.title, s.party, s.state) for s in speakers]


@pytest.mark.parametrize(("text", "mentions", "expected"), [
    # a full name, with the title before it
    (BLAKE, ["Attorney General Nora Blake"],
     [("Nora Blake", "person", "Attorney General", None, None)]),
    # a surname: the one person of the article with it
    (BLAKE, ["Blake"], [("Nora Blake", "person", "Attorney General", None, None)]),
    # a pronoun: the latest named person before it
    (BLAKE, ["Blake", "She"], [("Nora Blake", "person", "Attorney General", None, None)]),
    # a title as a noun: the latest person who holds it
    (BLAKE, ["Blake", "She", "The attorney general"],
     [("Nora Blake", "person", "Attorney General", None, None)]),
    # a joint mention: each speaker, party-state tags expanded
    (JOINT, ["Rep. Ann Shaw, D-Pa., and Sen. Luis Ortega, R-Texas"],
     [("Ann Shaw", "person", "Rep.", "D", "Pennsylvania"),
      ("Luis Ortega", "person", "Sen.", "R", "Texas")]),
    # "they": the latest group named before it
    ("Republicans were unmoved. They say the bill costs too much.", ["They"],
     [("Republicans", "group", None, None, None)]),
    # an unnamed plural stays the words it was written in
    ("Officials said the port would reopen.", ["Officials"],
     [("Officials", "group", None, None, None)]),
    # a surname two people share: left as written, not guessed
    pytest.param(CLINTONS, [("Clinton", "night,")], [("Clinton", "person", None, None, None)],
                 marks=pytest.mark.xfail(strict=True, reason="the resolver types a surname two "
                                         "people share as an organisation")),
    # a name the article never introduced in full is kept as written, its descriptor a title
    ("The bridge is unsafe, engineer Tom Beck warned.", ["engineer Tom Beck"],
     [("Tom Beck", "person", "engineer", None, None)]),
])
def test_resolve(text, mentions, expected):
    resolver = Resolver(text, 0, spans(text, mentions))
    for span in spans(text, mentions)[:-1]:
        resolver.resolve(span)
    assert who(resolver.resolve(spans(text, mentions)[-1])) == expected


def test_first_person_inside_a_transcript_turn_is_its_speaker():
    text = "Gov. Mia Park: I think the numbers changed.\n"
    turn = Speaker("Mia Park", title="Gov.")
    (span,) = spans(text, ["I"])
    (got,) = Resolver(text, 0, [span]).resolve(span, context=turn)
    assert (got.name, got.title, got.resolved_by) == ("Mia Park", "Gov.", "turn")


def test_no_mention_no_speaker():
    assert Resolver("Nothing said.").resolve(None) == []
