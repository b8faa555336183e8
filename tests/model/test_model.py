"""The shipped attribution model: it loads, reads reported speech in text written for the
project, and beats the rules on a few PolNeAR dev articles."""

from __future__ import annotations

import numpy as np
import pytest
from tests.conftest import POLNEAR_DEV

from onrecord.evaluate.brat import read_polnear
from onrecord.evaluate.run import evaluate
from onrecord.model.apply import AttributionModel, kind_of, shipped_path
from onrecord.model.features import TAGS, featurize, parse_pieces
from onrecord.model.tagger import allowed_transitions, chunks, viterbi
from onrecord.pipeline import Extractor, load_model
from onrecord.types import Article

PARAGRAPHS = [
    "Harbour officials expect the ferry terminal to reopen in the spring.",
    "The port director, Ana Ruiz, said on Monday that repairs to the pier would cost less than "
    "the city had feared.",
    "Residents worry that the closure has hurt shops along the waterfront, according to a survey "
    "by the chamber of commerce.",
    '"We are ahead of schedule," Ruiz told reporters.',
]
TEXT = "\n\n".join(PARAGRAPHS)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    path = shipped_path()
    assert path is not None, "the package ships model/data/attribution_model.npz"
    return AttributionModel.load(path)


def test_shipped_weights_are_small_and_say_what_they_were_trained_on(model):
    assert shipped_path().stat().st_size <= 50 * 1024 * 1024
    assert "PolNeAR" in model.meta["trained_on"]
    assert model.meta["merge"] in ("model", "turns", "quotes", "direct", "add")


def test_reported_speech_and_quotes(nlp, model):
    result = Extractor(nlp, model=model).extract(Article(id="harbour", text=TEXT))
    got = {(TEXT[q.source[0]:q.source[1]] if q.source else None, TEXT[q.cue[0]:q.cue[1]]):
           " ".join(TEXT[s:e] for s, e in q.content) for q in result.quotes}
    said = got[("The port director, Ana Ruiz", "said")]
    assert "repairs to the pier would cost less than the city had feared" in said
    assert "ahead of schedule" in got[("Ruiz", "told")]
    assert "the ferry terminal to reopen" in got[("Harbour officials", "expect")]
    speakers = {q.speakers[0].name for q in result.quotes if q.speakers}
    assert "Ana Ruiz" in speakers


def test_chunks_cover_the_article_in_order(nlp):
    tokens, _ = featurize(parse_pieces(nlp, TEXT, 0), TEXT)
    parts = chunks(tokens, size=12)
    assert parts[0][0] == 0 and parts[-1][1] == len(tokens)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert all(b - a <= 12 for a, b in parts)


def test_viterbi_never_continues_a_span_it_did_not_open():
    rng = np.random.default_rng(0)
    logp = np.log(rng.dirichlet(np.ones(len(TAGS)), size=200))
    path = [TAGS[i] for i in viterbi(logp, allowed_transitions())]
    for prev, tag in zip(["O", *path], path, strict=False):
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:]


@pytest.mark.parametrize(("content", "kind"), [
    ('"We are ahead of schedule,"', "direct"),
    ('that repairs were "ahead of schedule"', "mixed"),
    ("that repairs were ahead of schedule", "indirect"),
])
def test_kind_of_content(content, kind):
    assert kind_of(content, [(0, len(content))]) == kind


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="needs ../shared/polnear/dev")
def test_model_beats_rules_on_dev_articles(nlp, model):
    gold = read_polnear(POLNEAR_DEV, limit=6)
    rules = evaluate(gold, Extractor(nlp))
    both = evaluate(gold, Extractor(nlp, model=model))
    assert both.attribution["all"].f1 > rules.attribution["all"].f1 + 0.05
    for role in ("content", "source", "cue"):
        assert both.roles[role].f1 > rules.roles[role].f1


def test_speech_scope_drops_negated_cues_only(nlp, model, monkeypatch):
    text = (
        '"We dredged the channel once, and it has not helped," harbour master Ana Ruiz said.\n\n'
        "Ruiz did not disclose the cost of the second dredging to the council.\n"
    )
    ex = Extractor(nlp, model=model)
    monkeypatch.setenv("ONRECORD_SCOPE", "all")
    every = {text[q.cue[0]:q.cue[1]] for q in ex.extract(Article(id="t", text=text)).quotes}
    monkeypatch.setenv("ONRECORD_SCOPE", "speech")
    speech = {text[q.cue[0]:q.cue[1]] for q in ex.extract(Article(id="t", text=text)).quotes}
    assert "said" in speech  # the quote's own "not" does not negate the cue after it
    assert not any("disclose" in c for c in speech)
    assert any("disclose" in c for c in every) and speech <= every
