"""Descriptors in the forms news pages write them, on sentences written for the project."""

from __future__ import annotations

import pytest

from onrecord.attribute.resolve import Resolver


def speaker(text: str, mention: str):
    s = text.rindex(mention)
    (sp,) = Resolver(text, 0).resolve((s, s + len(mention)))
    return sp


# (text, mention, expected fields)
CASES = [
    ("Quillfeather CEO Dana Morrow said sales rose.", "Dana Morrow",
     {"name": "Dana Morrow", "title": "CEO", "org": "Quillfeather"}),
    ("Larkspur founder and co-CEO Ivo Brandt said the deal was done.", "Ivo Brandt",
     {"name": "Ivo Brandt", "title": "founder and co-CEO", "org": "Larkspur"}),
    ("Falcons DL Marcus Tebbe said the defense was ready.", "Marcus Tebbe",
     {"title": "DL", "org": "Falcons"}),
    ("Renata Sole, president of the Ohio Nurses Guild Association, said talks failed.",
     "Renata Sole", {"title": "president of the Ohio Nurses Guild Association",
                     "org": "Ohio Nurses Guild Association"}),
    ("Pavel Ostrow, a marine biologist at the Keller Ocean Institute, said the reef recovered.",
     "Pavel Ostrow", {"title": "marine biologist at the Keller Ocean Institute",
                      "org": "Keller Ocean Institute"}),
    ("Rep. Lena Dahl (D-Minn.) said the vote was close.", "Lena Dahl",
     {"title": "Rep.", "party": "D", "state": "Minnesota"}),
    ("Sen. Hal Greer, R-Texas, said the bill was dead.", "Hal Greer",
     {"title": "Sen.", "party": "R", "state": "Texas"}),
    ("Cora Wendt, a Republican from Wyoming, said she would run.", "Cora Wendt",
     {"party": "R", "state": "Wyoming"}),
    ("Sen. Abel Fry of Montana said he disagreed.", "Abel Fry",
     {"title": "Sen.", "state": "Montana"}),
    ("Jonas Reyes, 56, said the store would close.", "Jonas Reyes", {"title": None}),
    ("Mayor Dora Hall said the park would stay open.", "Dora Hall",
     {"name": "Dora Hall", "title": "Mayor"}),
    ("Dr. Ivan Sokol, a cardiologist at Marlow General Hospital, said the risk was small.",
     "Ivan Sokol", {"title": "Dr., cardiologist at Marlow General Hospital",
                    "org": "Marlow General Hospital"}),
    ("the Democratic nominee, Rosa Irwin, said the race was close.", "Rosa Irwin",
     {"title": "Democratic nominee", "party": "D"}),
    ("Tollbridge analyst Mira Castell said the stock was cheap.", "Mira Castell",
     {"title": "analyst", "org": "Tollbridge"}),
    ("said planetary geologist Ines Varga of the Northfield Space Laboratory.", "Ines Varga",
     {"title": "planetary geologist", "org": "Northfield Space Laboratory"}),
]


@pytest.mark.parametrize(("text", "mention", "want"), CASES, ids=[c[1] for c in CASES])
def test_descriptors(text, mention, want):
    sp = speaker(text, mention)
    for field, value in want.items():
        assert getattr(sp, field) == value, field
    assert sp.type == "person"
