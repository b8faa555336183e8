"""Indirect speech, transcript turns and speaker resolution on real sentences."""

from __future__ import annotations

import pytest


def first(result):
    q = result.quotes[0]
    t = result.article.text
    return " ".join(t[s:e] for s, e in q.content), t[q.cue[0] : q.cue[1]] if q.cue else None


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        ("Governor Mia Park announced that the state will cut fuel taxes in March.",
         "that the state will cut fuel taxes in March", "announced", "Mia Park"),
        ("The bridge is unsafe for heavy trucks, engineer Tom Beck warned on Friday.",
         "The bridge is unsafe for heavy trucks", "warned", "Tom Beck"),
        ("According to the Harbor Authority, the port handled record cargo in June.",
         "the port handled record cargo in June", "According to", "Harbor Authority"),
        ("Senator Ed Moss called for the director to resign.",
         "for the director to resign", "called", "Ed Moss"),
        # naming cues take the object and its complement
        ('Mayor Ana Ruiz called the budget "a fantasy."',
         'the budget "a fantasy."', "called", "Ana Ruiz"),
        ('Senator Ed Moss described the deal as "a gift to insurers."',
         'the deal as "a gift to insurers."', "described", "Ed Moss"),
        # a promise or an appeal takes its to-clause
        ('Governor Mia Park vowed to "fix every road in the county."',
         'to "fix every road in the county."', "vowed", "Mia Park"),
        # the that-clause hangs off "statement", not off the cue
        ("Rep. Lou Hart said in a statement that the plant would stay open through winter.",
         "that the plant would stay open through winter", "said", "Lou Hart"),
    ],
)
def test_indirect(extract, text, content, cue, speaker):
    r = extract(text)
    assert first(r) == (content, cue)
    assert r.quotes[0].speakers[0].name == speaker


def test_negated_cue_is_not_an_attribution(extract):
    assert extract("The senators are not calling for a new vote this year.").quotes == []


def test_joint_speakers_with_party_and_state(extract):
    r = extract(
        "Rep. Ann Shaw, D-Pa., and Sen. Luis Ortega, R-Texas, both called for an audit of the fund."
    )
    sp = r.quotes[0].speakers
    assert [(s.name, s.title, s.party, s.state) for s in sp] == [
        ("Ann Shaw", "Rep.", "D", "Pennsylvania"),
        ("Luis Ortega", "Sen.", "R", "Texas"),
    ]


def test_surname_pronoun_and_title_resolve_to_full_name(extract):
    text = (
        "Attorney General Nora Blake opened an inquiry on Monday.\n\n"
        '"We will follow the money," Blake said.\n\n'
        "She said the inquiry would take a year.\n\n"
        "The attorney general told reporters the first subpoenas were ready.\n"
    )
    r = extract(text)
    assert [q.speakers[0].name for q in r.quotes] == ["Nora Blake"] * 3
    assert r.quotes[0].speakers[0].title == "Attorney General"


def test_group_speaker_through_they(extract):
    r = extract("Republicans were unmoved. They say the bill costs too much.")
    assert r.quotes[0].speakers[0].name == "Republicans"


def test_transcript_turns_run_until_next_label(extract):
    text = (
        "Reporter Jan Ode: What changed?\n\n"
        "Gov. Mia Park: The numbers changed.\n\n"
        "We looked again.\n\n"
        "Jan Ode: Thank you.\n"
    )
    r = extract(text)
    turns = [q for q in r.quotes if q.kind == "turn"]
    assert [t.speakers[0].name for t in turns] == ["Jan Ode", "Mia Park", "Jan Ode"]
    (s, e), = turns[1].content
    assert text[s:e] == "The numbers changed.\n\nWe looked again."
    assert turns[0].speakers[0].title == "Reporter"


def test_inverted_speaker_with_long_apposition(extract):
    text = (
        '"The levee held because we rebuilt it in time," said Dana Cole, an engineer who '
        "spent a decade on the river.\n"
    )
    r = extract(text)
    q = r.quotes[0]
    assert text[q.source[0] : q.source[1]].startswith("Dana Cole")
    assert q.speakers[0].name == "Dana Cole"


def test_transcript_labels_skip_headings_and_tallies(extract):
    text = (
        "STAT OF THE WEEK: 4,000 new riders signed up for the bus pass.\n\n"
        "Ruiz: 2,316.\n\n"
        "Moss: 1,501.\n"
    )
    assert [q for q in extract(text).quotes if q.kind == "turn"] == []


@pytest.mark.parametrize("dateline", ["PORTLAND, Ore. (AP) — ", "GENEVA - ", "SAN JOSE, Calif. -- "])
def test_a_wire_dateline_is_not_part_of_the_speaker(extract, dateline):
    text = f"{dateline}Mayor Lena Ortiz said the bridge would reopen by June.\n"
    q = extract(text).quotes[0]
    assert text[q.source[0] : q.source[1]] == "Mayor Lena Ortiz"
    assert q.speakers[0].name == "Lena Ortiz"


def test_section_labels_used_once_are_not_transcript_turns(extract):
    """A run-down of candidates, "Name: verdict." over a paragraph about each: the paragraphs
    say things about the people named, not what they said."""
    text = (
        "Here is what each mayoral hopeful needs on Sunday.\n\n"
        "Okafor: Hold the east side.\n\n"
        "The two-term councillor has led every poll since spring and expects a large turnout.\n\n"
        "Lindqvist: A strong second place.\n\n"
        "The former banker has spent heavily on television and hopes the debate changed minds.\n"
    )
    assert [q for q in extract(text).quotes if q.kind == "turn"] == []
    # a speaker who speaks again, in the first person: an exchange
    exchange = text.replace("Okafor: Hold", "Lindqvist: We hold").replace(
        "A strong second place.", "I expect a strong second place.")
    assert len([q for q in extract(exchange).quotes if q.kind == "turn"]) == 2


@pytest.mark.parametrize("cue", ["admitted", "bragged", "signalled"])
def test_cue_verbs_that_double_their_last_consonant(extract, cue):
    """The rules only parse sentences that hold a cue form: the doubled past tense must be one."""
    text = f"The harbour master {cue} that the new crane had cost twice as much."
    assert first(extract(text)) == ("that the new crane had cost twice as much", cue)
