"""Speaker resolution on sentences written for the project: kinds, types and descriptors."""

from __future__ import annotations

import pytest

from onrecord.attribute.resolve import Resolver


def resolve(text: str, mention: str, nth: int = 0, sources: list[str] | None = None):
    """Resolve the `nth` occurrence of `mention` in `text` (after every earlier source)."""
    def span(m: str, k: int) -> tuple[int, int]:
        pos = -1
        for _ in range(k + 1):
            pos = text.index(m, pos + 1)
        return pos, pos + len(m)

    spans = [span(m, 0) for m in sources or []]
    target = span(mention, nth)
    r = Resolver(text, 0, [*spans, target])
    for s in spans:
        r.resolve(s)
    return r.resolve(target)


# (text, mention, nth occurrence, earlier sources, name, type, resolved_by)
CASES = [
    ("Maribel Okonkwo runs the clinic. Okonkwo said the doors stay open.",
     "Okonkwo", 1, [], "Maribel Okonkwo", "person", "surname"),
    ("The lede is about Teodor Van Der Stoel. Later, Van Der Stoel said he was done.",
     "Van Der Stoel", 1, [], "Teodor Van Der Stoel", "person", "surname"),
    ("The founder, Piet van der Molen, left in May. Van der Molen said the board acted fast.",
     "Van der Molen", 0, [], "Piet van der Molen", "person", "surname"),
    ("Ferrow Labs CEO Annika Strand resigned. The company said profits fell.",
     "The company", 0, [], "Ferrow Labs", "organisation", "role"),
    ("Wen Jiaolin chairs the board. Wen said the vote would wait.",
     "Wen", 1, [], "Wen Jiaolin", "person", "first-name"),
    ("Mrs. Idris Fenwick-Hale opened the meeting, and Mr. Oskar Lund spoke next. She said it ran late.",
     "She", 0, [], "Idris Fenwick-Hale", "person", "pronoun"),
    ("Coach Harlan Bezdek met Corinne Vale on Tuesday. He said the talks went well.",
     "He", 0, [], "Harlan Bezdek", "person", "pronoun"),
    ("Shares of Brindlewood Holdings fell. The company said demand was weak.",
     "The company", 0, [], "Brindlewood Holdings", "organisation", "role"),
    ("Quarry Lane Records signed the band. Quarry Lane said the album is due in May.",
     "Quarry Lane", 1, [], "Quarry Lane Records", "organisation", "organisation"),
    ("The Federal Aviation Administration (FAA) opened an inquiry. The FAA said it would report.",
     "FAA", 1, [], "Federal Aviation Administration", "organisation", "acronym"),
    ("Ina Roe teaches at Lakeshore University. The league said the match would be replayed.",
     "The league", 0, [], "league", "anonymous", "type"),
    ("Northgate Power Co. cut service. It said crews were on the way.",
     "It", 0, [], "Northgate Power Co.", "organisation", "pronoun"),
    ("The 61-year-old actor Ruben Okafor left the set early. The actor said he was tired.",
     "The actor", 0, [], "Ruben Okafor", "person", "role"),
    ("Democrats met late. Democrats said the bill would fail.", "Democrats", 1, [], "Democrats",
     "group", "type"),
    ("Late on Friday the White House said the talks would resume.", "the White House", 0, [],
     "White House", "organisation", "unknown"),
    ("The World Health Organization (WHO) met. WHO said the risk was low.", "WHO", 1, [],
     "World Health Organization", "organisation", "acronym"),
    ("Officials said the bridge would close.", "Officials", 0, [], "Officials", "group", "type"),
    ("A person familiar with the talks said no deal was near.",
     "A person familiar with the talks", 0, [], "person familiar with the talks", "anonymous",
     "type"),
    ("The statement said the plant would reopen.", "The statement", 0, [], "statement",
     "document", "type"),
    ("A report by the Harwick Institute came out on Monday. The report said rents doubled.",
     "The report", 0, [], "Harwick Institute", "organisation", "document"),
    ("Growth slowed, according to Reuters.", "Reuters", 0, [], "Reuters", "outlet", "type"),
    ("Talks stalled. The U.S. said it would wait.", "The U.S.", 0, [], "United States",
     "organisation", "name"),
    ("Marlow police closed the road. The city's police said the driver fled.",
     "The city's police", 0, [], "Marlow police", "organisation", "role"),
    ("Members of Parents for Safer Streets marched. The parents said the crossing is unsafe.",
     "The parents", 0, [], "Parents for Safer Streets", "organisation", "role"),
    ("Reporter Dana Whitcombe spent a week in the camp. Dana Whitcombe's source said the wells "
     "were dry.", "Dana Whitcombe's source", 0, [], "Dana Whitcombe's source", "anonymous",
     "unknown"),
    ("The Harlow Union called a strike. A Harlow Union representative said talks had failed.",
     "A Harlow Union representative", 0, [], "Harlow Union representative", "anonymous", "type"),
    ("The water board said rates would rise. Farmers were furious. They said the board lied.",
     "They", 0, ["The water board"], "Farmers", "group", "pronoun"),
]


@pytest.mark.parametrize(("text", "mention", "nth", "sources", "name", "kind", "how"), CASES,
                         ids=[c[1] + "-" + c[6] for c in CASES])
def test_resolution(text, mention, nth, sources, name, kind, how):
    (sp,) = resolve(text, mention, nth, sources)
    assert (sp.name, sp.type, sp.resolved_by) == (name, kind, how)
    assert sp.mention == mention
    assert sp.confidence is not None and 0 < sp.confidence <= 1
    assert sp.group == (kind not in ("person", "organisation"))


def test_pronoun_follows_the_previous_speaker():
    text = ("Dara Pelling chairs the panel. Tomas Reyes sat beside Dara Pelling. "
            "Reyes said the plan was late. He said the money was gone.")
    r = Resolver(text, 0)
    first = text.index("Reyes said")
    r.resolve((first, first + 5))
    he = text.index("He said")
    (sp,) = r.resolve((he, he + 2))
    assert sp.name == "Tomas Reyes"


def test_joint_mention_is_two_speakers():
    text = "Rep. Alma Torvik, D-Ore., and Sen. Ned Parra, R-Idaho, said the bill would pass."
    mention = "Rep. Alma Torvik, D-Ore., and Sen. Ned Parra, R-Idaho"
    s = text.index(mention)
    names = [sp.name for sp in Resolver(text, 0).resolve((s, s + len(mention)))]
    assert names == ["Alma Torvik", "Ned Parra"]


def test_byline_and_unquoted_names_do_not_make_a_pronoun_speaker_of_a_place():
    text = ("Crowds filled Harbor Square on Friday. Nadia Prewitt led the march. "
            "She said the city had listened.")
    she = text.index("She")
    (sp,) = Resolver(text, 0).resolve((she, she + 3))
    assert sp.name == "Nadia Prewitt"


def test_no_source_mention_takes_the_name_beside_the_cue():
    text = "Orrin Baptiste, who led the count, announced that the tally was final."
    cue = text.index("announced")
    content = text.index("that the tally")
    r = Resolver(text, 0)
    (sp,) = r.near_cue((cue, cue + 9), [(content, len(text) - 1)])
    assert (sp.name, sp.resolved_by) == ("Orrin Baptiste", "context")
