"""What is not a statement: refusals to comment, plans, beliefs, findings, idioms, list labels."""

from __future__ import annotations

import pytest

from onrecord.extract.statements import not_statement
from onrecord.types import Found


def contents(result) -> list[str]:
    t = result.article.text
    return [" ".join(t[s:e] for s, e in q.content) for q in result.quotes]


@pytest.mark.parametrize(
    "text",
    [
        # refusals to comment have nothing to report
        "The ferry operator declined to comment on the lawsuit.",
        "A spokeswoman for the school board refused to discuss the audit.",
        "Marta Olsen, the club's treasurer, declined to say whether dues would rise.",
        # plans and agreements are things done, not said
        "The two unions agreed to extend the contract through June.",
        # beliefs and forecasts without a speech act
        "Economists expect the central bank to raise rates in the spring.",
        "Most growers believe the frost killed half of this year's crop.",
        # what a scan, a test, a poll or a video shows
        "The scan revealed a hairline fracture in the goalkeeper's wrist.",
        "Security video shows the driver leaving the car before the crash.",
        "A new poll shows the incumbent trailing by six points.",
        # a discourse marker is no cue
        "That said, the harbor expansion still lacks two permits.",
        "It's fair to say the harbor expansion has stalled.",
    ],
)
def test_not_a_statement(extract, text):
    assert contents(extract(text)) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The ferry operator said the new boats would arrive in May.",
         "the new boats would arrive in May"),
        # a "not" in the sentence before is no refusal
        ("Tenants were not persuaded. They say the landlord ignored every complaint.",
         "the landlord ignored every complaint"),
        ("Governor Lena Frey revealed that she would not seek a third term.",
         "that she would not seek a third term"),
        ("The two unions agreed that the contract had been unfair to night workers.",
         "that the contract had been unfair to night workers"),
        ('"We will not close the clinic," the health director said.',
         '"We will not close the clinic,"'),
        ("The county's report said the levee had been neglected for years.",
         "the levee had been neglected for years"),
    ],
)
def test_statements_stay(extract, text, content):
    assert contents(extract(text)) == [content]


def _found(text: str, content: str, cue: str, source: str | None, kind: str = "indirect",
           p: float | None = None) -> Found:
    def at(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    return Found(kind, [at(content)], at(cue), at(source) if source else None, "model", p=p)


@pytest.mark.parametrize(
    ("text", "content", "cue", "source", "p", "speech", "all_scopes"),
    [
        # the speech scope drops what reports no statement; --scope all keeps PolNeAR's notion
        ("Both airlines declined to comment on the merger.", "to comment on the merger",
         "declined", "Both airlines", 0.8, "declined", None),
        ("The agency did not respond to requests for comment.", "requests for comment",
         "respond", "The agency", 0.8, "declined", None),
        # the terms a source spoke on are not what the source said
        ("A guard, who asked not to be identified, said the gate was open.",
         "not to be identified", "asked", "who", 0.8, "anonymity", None),
        ("The mill agreed to pay $2 million in back wages.", "to pay $2 million in back wages",
         "agreed", "The mill", 0.9, "plan", None),
        ("Organizers hope the fair draws ten thousand visitors.",
         "the fair draws ten thousand visitors", "hope", "Organizers", 0.9, "belief", None),
        ("The inquiry is expected to last a year.", "The inquiry is expected to last a year",
         "is expected", None, 0.9, "belief", None),
        ("The X-ray showed two broken ribs.", "two broken ribs", "showed", "The X-ray", 0.9,
         "finding", None),
        # an embedded question is asked, or else only a topic
        ("The club sent mixed signals about whether the coach would stay.",
         "whether the coach would stay", "sent mixed signals about", "The club", 0.9, "topic",
         None),
        ("The senator asked whether the coach would stay.", "whether the coach would stay",
         "asked", "The senator", 0.9, None, None),
        ("The owner said whether the coach stays depends on the playoffs.",
         "whether the coach stays depends on the playoffs", "said", "The owner", 0.9, None,
         None),
        # the "which" of a relative clause stands for words the cue does not reach
        ("It uses a new rover, which the agency announced in May.", "which", "announced",
         "the agency", 0.9, "pro-form", None),
        # no source and a doubtful model: not reported as anyone's statement
        ("Calls for a recount grew louder.", "a recount", "Calls for", None, 0.45, "doubted",
         None),
        # statements
        ("The mill said it would pay $2 million.", "it would pay $2 million", "said",
         "The mill", 0.9, None, None),
        ("Researchers found that the lake had warmed.", "that the lake had warmed", "found",
         "Researchers", 0.9, None, None),
        ("The mayor promised to fix the roads.", "to fix the roads", "promised", "The mayor",
         0.9, None, None),
        ("Calls for a recount grew louder.", "a recount", "Calls for", None, 0.8, None, None),
    ],
)
def test_not_statement_reasons(text, content, cue, source, p, speech, all_scopes):
    f = _found(text, content, cue, source, p=p)
    assert not_statement(f, text, "speech") == speech
    assert not_statement(f, text, "all") == all_scopes


def test_a_quote_with_a_belief_cue_is_still_speech():
    text = '"The dam will hold," the engineer believes.'
    f = _found(text, '"The dam will hold,"', "believes", "the engineer", kind="direct", p=0.9)
    assert not_statement(f, text) is None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # the labels of a box score's notes and of a meal plan describe; they do not talk
        ("NOTES\n\nHawks: G Tim Ellery sat out with a sore ankle.\n\n"
         "Comets: Rookie Dee Sparks scored a career-high 22 points.\n\n"
         "NEXT UP\n\nHawks: Visit the Comets on Sunday.\n\n"
         "Comets: Host the Hawks on Sunday.\n", []),
        ("Each day uses the same boxes.\n\nGreen: leafy vegetables and peppers.\n\n"
         "Purple: berries, apples or melon.\n\nRed: lean chicken, fish or tofu.\n\n"
         "Green: two servings before dinner.\n", []),
        # an interview's turns ask and answer
        ("Host Ray Dunne: Why did you leave the band?\n\n"
         "Mira Kell: I was tired of the road.\n\n"
         "Dunne: Do you miss it?\n\nKell: Every single night.\n",
         ["Host Ray Dunne", "Mira Kell", "Dunne", "Kell"]),
    ],
)
def test_list_labels_are_not_turns(extract, text, labels):
    r = extract(text)
    t = r.article.text
    assert [t[s:e] for q in r.quotes if q.kind == "turn" for s, e in [q.source]] == labels


def test_quote_read_out_after_the_word_quote(extract):
    r = extract("\u201cThen I heard the judge ask, quote, \u2018Who signed this order?\u2019\u201d "
                "the clerk testified.")
    t = r.article.text
    inner = [(t[s:e], t[n.source[0] : n.source[1]]) for q in r.quotes for n in q.nested
             for s, e in n.content]
    assert inner == [("\u2018Who signed this order?\u2019", "the judge")]


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        # a report inside reported speech is second-hand speech, nested under its reporter
        ("The inspector said the foreman had told the crew that the crane was safe.",
         [("the foreman", "that the crane was safe")]),
        # the speaker's own "I can say" restates the quote; an appeal reports no words
        ("\u201cI can say that the crane was safe,\u201d the foreman said.", []),
        ("The inspector said the families had asked to see the report.", []),
    ],
)
def test_second_hand_reported_speech(extract, text, nested):
    r = extract(text)
    t = r.article.text
    assert [(t[n.source[0] : n.source[1]], " ".join(t[s:e] for s, e in n.content))
            for q in r.quotes for n in q.nested] == nested
