"""How the rules and the model are combined (combine.py): the configured policy is the one the
shipped weights record as training's pick, each policy keeps what its docstring says, and the
rules mend the model's attributions (speech scope, joint and relative sources)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from onrecord import errors
from onrecord.combine import (
    DEFAULT_POLICY,
    POLICIES,
    combine,
    is_speech,
    model_only,
    model_then_rules,
    rules_direct,
    rules_in_turns,
    rules_quotes,
    second_hand,
)
from onrecord.model.apply import load_weights
from onrecord.pipeline import make_onrecord  # noqa: F401 - registers the component
from onrecord.settings import Settings
from onrecord.types import Found


def test_the_configured_policy_is_the_one_training_recommended():
    """Training records its pick in the weights; the settings and the component's config
    choose. When a retrained model recommends another policy, this says so."""
    model = load_weights()
    assert model is not None
    component = Language.get_factory_meta("onrecord")  # registered by importing pipeline
    assert model.meta["merge"] == DEFAULT_POLICY == Settings().policy
    assert component.default_config["policy"] == DEFAULT_POLICY


def test_policies_are_named_and_checked():
    named = {"model": model_only, "turns": rules_in_turns, "quotes": rules_quotes,
             "direct": rules_direct, "add": model_then_rules}
    assert named == POLICIES
    with pytest.raises(errors.BadOption, match="unknown combination policy"):
        Settings(policy="rules")
    with pytest.raises(errors.BadOption, match="scope must be one of"):
        Settings(scope="speeches")


def _span(text: str, part: str, after: str = "") -> tuple[int, int]:
    """Where `part` is in `text` (its first occurrence from where `after` is)."""
    start = text.index(part, text.index(after) if after else 0)
    return start, start + len(part)


TRANSCRIPT = ("Jan Ode: What changed?\n\nMia Park: The numbers changed.\n\n"
              '"We cut the budget," Park said.\n\nPark said the budget is balanced.\n')
T = TRANSCRIPT
TURN_1 = Found("turn", [_span(T, "What changed?")], None, _span(T, "Jan Ode"), "turn", label=True)
TURN_2 = Found("turn", [_span(T, "The numbers changed.")], None, _span(T, "Mia Park"), "turn",
               label=True)
QUOTE = Found("direct", [_span(T, '"We cut the budget,"')], _span(T, "said"),
              _span(T, "Park", '"We cut'), "quote-after")
REPORTED = Found("indirect", [_span(T, "the budget is balanced")],
                 _span(T, "said", "Park said the"), _span(T, "Park", "Park said the"), "reported")
IN_TURN = Found("indirect", [_span(TRANSCRIPT, "numbers changed")], None, None, "model", p=0.9)
SAME_QUOTE = Found("direct", QUOTE.content, QUOTE.cue, QUOTE.source, "model", p=0.9)
SAME_REPORT = Found("indirect", [_span(TRANSCRIPT, "budget is balanced")], REPORTED.cue,
                    REPORTED.source, "model", p=0.9)
RULES = [TURN_1, TURN_2, QUOTE, REPORTED]


@pytest.mark.parametrize(("policy", "model", "kept"), [
    # the model's attributions only, turns and all
    ("model", [IN_TURN, SAME_QUOTE, SAME_REPORT], [IN_TURN, SAME_QUOTE, SAME_REPORT]),
    # turns from the rules; the model's elsewhere; the rules' own quote is dropped
    ("turns", [IN_TURN, SAME_QUOTE, SAME_REPORT], [TURN_1, TURN_2, SAME_QUOTE, SAME_REPORT]),
    ("turns", [IN_TURN], [TURN_1, TURN_2]),
    # turns and the rules' direct quotes
    ("quotes", [IN_TURN, SAME_QUOTE, SAME_REPORT], [TURN_1, TURN_2, QUOTE, SAME_REPORT]),
    # ... and the rules' reported speech where the model has nothing
    ("direct", [IN_TURN, SAME_QUOTE], [TURN_1, TURN_2, QUOTE, REPORTED]),
    ("quotes", [IN_TURN, SAME_QUOTE], [TURN_1, TURN_2, QUOTE]),
    # every rule attribution where the model has none
    ("add", [IN_TURN, SAME_QUOTE], [TURN_1, IN_TURN, SAME_QUOTE, REPORTED]),
])
def test_what_each_policy_keeps(policy, model, kept):
    got = POLICIES[policy](RULES, model, TRANSCRIPT)
    assert [(f.via, f.content) for f in got] == [(f.via, f.content) for f in kept]


def test_the_speech_scope_keeps_the_models_speech_only():
    text = "Ruiz did not disclose the cost. Ruiz said the pier opened late."
    hidden = Found("indirect", [_span(text, "the cost")], _span(text, "did not disclose"),
                   _span(text, "Ruiz"), "model", p=0.9)
    said = Found("indirect", [_span(text, "the pier opened late")], _span(text, "said"),
                 _span(text, "Ruiz", "Ruiz said"), "model", p=0.9)
    assert combine([], [hidden, said], text, scope="all") == [hidden, said]
    assert combine([], [hidden, said], text) == [said]


@pytest.mark.parametrize(("sentence", "cue", "speech"), [
    ("Ruiz criticized the council's dredging plan.", "criticized", True),
    ("Ruiz admitted that the pier had opened late.", "admitted", True),
    ("Ruiz declined to comment on the cost.", "declined", True),
    ("Ruiz retweeted a claim that the pier had opened late.", "retweeted", True),
    ("Ruiz groused about the dredging schedule.", "groused", True),
    ("Ruiz never admitted that the pier had opened late.", "admitted", False),
    ("Ruiz did not disclose the cost of the dredging.", "did not disclose", False),
    ("The vote follows revelations that the pier opened late.", "follows", False),
])
def test_speech_scope_reads_the_cue(sentence, cue, speech):
    c = sentence.index(cue)
    found = Found("indirect", [(c + len(cue) + 1, len(sentence) - 1)], (c, c + len(cue)),
                  (0, 4), "model")
    assert is_speech(found, sentence) is speech


JOINT = "Rep. Ann Lee and Sen. Bo Park said on Monday that the budget would pass."
RELATIVE = "Ortiz, who has not endorsed anyone, said on Monday that the budget would pass."


@pytest.mark.parametrize(("text", "rule_source", "model_source", "kept"), [
    # a joint mention: every speaker, for the resolver
    (JOINT, "Rep. Ann Lee and Sen. Bo Park", "Sen. Bo Park", "Rep. Ann Lee and Sen. Bo Park"),
    # a relative pronoun and its clause: the person it stands for
    (RELATIVE, "Ortiz", "who has not endorsed anyone", "Ortiz"),
    # otherwise the model's own edges: no relative clause, dateline or time phrase added
    (RELATIVE, "Ortiz, who has not endorsed anyone", "Ortiz", "Ortiz"),
])
def test_merge_takes_the_rules_source_for_joint_mentions_and_relative_pronouns(
        text, rule_source, model_source, kept):
    cue, content = _span(text, "said"), _span(text, "that the budget would pass")
    rule = Found("indirect", [content], cue, _span(text, rule_source), "reported")
    model_found = Found("indirect", [content], cue, _span(text, model_source), "model", p=0.9)
    (out,) = rules_in_turns([rule], [model_found], text)
    assert text[out.source[0]:out.source[1]] == kept


def test_combine_keeps_the_rules_second_hand_quotes_the_model_cannot_tag():
    text = "“I told the crew, ‘Stay on the pier,’ and they did,” the captain said."
    outer = Found("direct", [_span(text, text[: text.index(" the captain")])],
                  _span(text, "said"), _span(text, "the captain"), "model", p=0.95)
    inner = Found("direct", [_span(text, "‘Stay on the pier,’")], _span(text, "told"),
                  _span(text, "I"), "quote-before", within=outer.content[0])
    assert second_hand([inner], rules_in_turns([inner], [outer], text), text) == [inner]
    assert combine([inner], [outer], text) == [outer, inner]
    assert combine([inner], [outer], text, scope="all") == [outer]  # PolNeAR annotates none
    # where the model tagged the inner quote itself, the rules' copy is not added again
    tagged = Found("direct", inner.content, inner.cue, inner.source, "model", p=0.9)
    assert second_hand([inner], rules_in_turns([inner], [outer, tagged], text), text) == []
