"""Speech reported inside a quote: its "I" is the reporter; it nests under the reporter."""

from __future__ import annotations

from onrecord.pipeline import attribute
from onrecord.types import Found


def span(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def test_first_person_inside_a_quote_is_the_reporter():
    text = '"Then I told the crowd, \'Go home now,\' and they left," said Marshal Dana Quill.'
    outer = Found("direct", [span(text, text[: text.index(" said")])], span(text, "said"),
                  span(text, "Marshal Dana Quill"), "quote-after")
    inner = Found("direct", [span(text, "'Go home now,'")], span(text, "told"), span(text, "I"),
                  "quote-after", within=outer.content[0])
    (top,) = attribute(text, 0, [inner, outer])
    assert [s.name for s in top.speakers] == ["Dana Quill"]
    assert top.speakers[0].title == "Marshal"
    (nested,) = top.nested
    assert [(s.name, s.mention, s.resolved_by) for s in nested.speakers] == [
        ("Dana Quill", "I", "reporter")]
