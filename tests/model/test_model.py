"""The shipped attribution model: it loads, reads reported speech in text written for the
project, and beats the rules on a few PolNeAR dev articles."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from tests.conftest import POLNEAR_DEV

from onrecord.evaluate.brat import read_polnear
from onrecord.evaluate.run import evaluate
from onrecord.extract.parse import SentenceParser
from onrecord.extract.quotes import content_kind
from onrecord.model.apply import AttributionModel, shipped_path
from onrecord.model.features import TAGS, chunks, featurize, spans_from_tags
from onrecord.model.tagger import (
    Tagger,
    allowed_transitions,
    lstm_layer,
    marginals,
    viterbi,
)
from onrecord.pipeline import Extractor, load_nlp
from onrecord.settings import Settings
from onrecord.types import Article, Result

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
    return load_nlp()


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
    def extract(scope: str = "speech") -> tuple[dict, Result]:
        ex = Extractor(nlp, model=model, settings=Settings(scope=scope))
        result = ex.extract(Article(id="harbour", text=TEXT))
        return {(TEXT[q.source[0]:q.source[1]] if q.source else None, TEXT[q.cue[0]:q.cue[1]]):
                " ".join(TEXT[s:e] for s, e in q.content) for q in result.quotes}, result

    got, result = extract()
    said = got[("The port director, Ana Ruiz", "said")]
    assert "repairs to the pier would cost less than the city had feared" in said
    assert "ahead of schedule" in got[("Ruiz", "told")]
    # a forecast is not a statement in the speech scope; PolNeAR's wider scope keeps it
    assert ("Harbour officials", "expect") not in got
    assert "the ferry terminal to reopen" in extract("all")[0][("Harbour officials", "expect")]
    speakers = {q.speakers[0].name for q in result.quotes if q.speakers}
    assert "Ana Ruiz" in speakers


def test_chunks_cover_the_article_in_order(nlp):
    tokens, _ = featurize(SentenceParser(nlp).parse_body(TEXT), TEXT)
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


def test_crf_transition_scores_can_overrule_the_token_scores():
    o, b_cue, i_cue = TAGS.index("O"), TAGS.index("B-cue"), TAGS.index("I-cue")
    scores = np.full((3, len(TAGS)), -5.0)
    scores[:, o] = 0.0
    scores[:, b_cue] = [-0.3, -5.0, -5.0]
    scores[:, i_cue] = [-5.0, -0.3, -5.0]  # alone, "O O O" wins: 0 > -0.3 - 0.3 + 0
    trans = np.zeros((len(TAGS), len(TAGS)))
    assert viterbi(scores, allowed_transitions(), trans) == [o, o, o]
    trans[b_cue, i_cue] = 1.0  # a learned preference for two-word cues ("according to")
    assert viterbi(scores, allowed_transitions(), trans) == [b_cue, i_cue, o]


def test_tag_probabilities_sum_over_every_valid_path():
    """Forward-backward against brute force: each token's tag probabilities are the summed
    weights of all valid tag paths through it, normalised."""
    rng = np.random.default_rng(2)
    n, k = 4, len(TAGS)
    scores = rng.normal(size=(n, k)) * 2
    trans = rng.normal(size=(k, k))
    start = rng.normal(size=k)
    ok = allowed_transitions()
    want = np.zeros((n, k))
    for path in itertools.product(range(k), repeat=n):
        if TAGS[path[0]].startswith("I-") or not all(ok[a, b] for a, b in itertools.pairwise(path)):
            continue
        w = np.exp(start[path[0]] + sum(scores[t, path[t]] for t in range(n))
                   + sum(trans[a, b] for a, b in itertools.pairwise(path)))
        want[np.arange(n), path] += w
    want /= want.sum(1, keepdims=True)
    np.testing.assert_allclose(marginals(scores, ok, trans, start), want, atol=1e-9)
    # chains of different lengths in one batch: each as if alone
    longer = np.concatenate([rng.normal(size=(2, k)), scores])
    batched = marginals(longer, ok, trans, start, spans=[(0, 2), (2, 6)])
    np.testing.assert_allclose(batched[2:], want, atol=1e-9)
    np.testing.assert_allclose(batched[:2], marginals(longer[:2], ok, trans, start), atol=1e-9)


def _reference_lstm(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b: np.ndarray
                    ) -> np.ndarray:
    """Textbook LSTM over one unpadded sequence, gates i f g o."""
    h_dim = w_hh.shape[1]
    h, c, out = np.zeros(h_dim), np.zeros(h_dim), []
    for xt in x:
        z = w_ih @ xt + w_hh @ h + b
        i, f, g, o = (z[k * h_dim:(k + 1) * h_dim] for k in range(4))
        sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
        c = sig(f) * c + sig(i) * np.tanh(g)
        h = sig(o) * np.tanh(c)
        out.append(h)
    return np.array(out)


def test_fused_lstm_directions_match_a_step_by_step_lstm():
    rng = np.random.default_rng(1)
    lengths = np.array([5, 2, 4])
    d_in, h_dim, dirs = 3, 4, 3
    x = rng.normal(size=(3, 5, d_in)).astype(np.float32)
    w_ih = rng.normal(size=(dirs, 4 * h_dim, d_in)).astype(np.float32)
    w_hh = rng.normal(size=(dirs, 4 * h_dim, h_dim)).astype(np.float32)
    bias = rng.normal(size=(dirs, 4 * h_dim)).astype(np.float32)
    reverse = [False, True, True]
    outs = lstm_layer([x @ w_ih[j].T + bias[j] for j in range(dirs)], list(w_hh), reverse,
                      lengths)
    for j in range(dirs):
        for row, n in enumerate(lengths):
            seq = x[row, :n][::-1] if reverse[j] else x[row, :n]
            ref = _reference_lstm(seq, w_ih[j], w_hh[j], bias[j])
            got = outs[j][row, :n]
            np.testing.assert_allclose(got, ref[::-1] if reverse[j] else ref, atol=1e-5)


def test_an_ensemble_of_one_tagger_twice_scores_as_that_tagger(nlp, model):
    tokens, _ = featurize(SentenceParser(nlp).parse_body(TEXT), TEXT)
    one = model.tagger.members[0]
    single = Tagger([one], model.tagger.layers, model.tagger.word_vectors)
    twice = Tagger([one, one], model.tagger.layers, model.tagger.word_vectors)
    np.testing.assert_allclose(twice.scores(tokens), single.scores(tokens), atol=1e-5)
    assert twice.tags(tokens) == single.tags(tokens)
    assert any(t != "O" for t in single.tags(tokens))


@pytest.mark.parametrize(("content", "kind"), [
    ('"We are ahead of schedule,"', "direct"),
    ('that repairs were "ahead of schedule"', "mixed"),
    ("that repairs were ahead of schedule", "indirect"),
])
def test_content_kind(content, kind):
    assert content_kind(content, [(0, len(content))]) == kind


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="needs ../shared/polnear/dev")
def test_model_beats_rules_on_dev_articles(nlp, model):
    gold = read_polnear(POLNEAR_DEV, limit=6)
    rules = evaluate(gold, Extractor(nlp))
    both = evaluate(gold, Extractor(nlp, model=model))
    assert both.attribution["all"].f1 > rules.attribution["all"].f1 + 0.05
    for role in ("content", "source", "cue"):
        assert both.roles[role].f1 > rules.roles[role].f1


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="needs ../shared/polnear/dev")
def test_model_confidence_is_higher_for_attributions_the_annotators_made(nlp, model):
    """The model's attributions carry its own estimate, not one figure for all: on dev
    articles, those an annotator made too (same content, same source) score higher."""
    ex = Extractor(nlp, model=model, settings=Settings(scope="all"))

    def dice(a: list, b: list) -> float:
        x = {i for s, e in a for i in range(s, e)}
        y = {i for s, e in b for i in range(s, e)}
        return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0

    right, wrong = [], []
    for g in read_polnear(POLNEAR_DEV, limit=12):
        for q in ex.extract(Article(id=g.id, text=g.text)).quotes:
            if q.kind == "turn":
                continue
            ok = any(dice(q.content, gq.content) >= 0.5
                     and (dice([q.source], gq.source) > 0 if q.source else not gq.source)
                     for gq in g.quotes)
            (right if ok else wrong).append(q.confidence)
    assert len(right) > 50 and len(wrong) > 20
    assert len(set(right + wrong)) > 20
    assert np.mean(right) > np.mean(wrong) + 0.1


def test_speech_scope_drops_negated_cues_only(nlp, model):
    text = (
        '"We dredged the channel once, and it has not helped," harbour master Ana Ruiz said.\n\n'
        "Ruiz would not say how much the second dredging cost the town.\n"
    )
    article = Article(id="t", text=text)

    def cues(scope: str) -> set[str]:
        ex = Extractor(nlp, model=model, settings=Settings(scope=scope))
        return {text[q.cue[0]:q.cue[1]] for q in ex.extract(article).quotes}

    every, speech = cues("all"), cues("speech")
    assert "said" in speech  # the quote's own "not" does not negate the cue after it
    assert not any("not say" in c for c in speech)
    assert any("not say" in c for c in every) and speech <= every


def test_a_span_ends_at_a_paragraph_break(nlp):
    """A question without its mark runs on into the quoted answer below it: the tagged run is cut
    into two fragments, so the answer can keep its own cue and speaker."""
    text = 'The mayor was asked whether she trusted the harbour board\n\n"Completely," she said.'
    tokens, _ = featurize(SentenceParser(nlp).parse_body(text), text)
    second = int(np.argmax(tokens.paras != tokens.paras[0]))
    tags = ["O"] * len(tokens)
    tags[4:second + 3] = ["B-content"] + ["I-content"] * (second + 3 - 5)
    assert spans_from_tags(tokens, tags) == [("content", 4, second), ("content", second, second + 3)]


def test_a_cueless_quote_paragraph_continues_the_quote_before_it(nlp, model):
    text = ("The mayor, Lena Ortiz, spoke at the opening of the new bridge on Friday.\n\n"
            '"This bridge took eleven years to build and it was worth every one of them," '
            "Ortiz said.\n\n"
            '"Every family in the valley will cross it, and every one of them helped to pay for '
            'it."\n\nThe bridge opens to traffic on Monday.\n')
    (quote,) = Extractor(nlp, model=model).extract(Article(id="bridge", text=text)).quotes
    assert [text[s:e] for s, e in quote.content] == [
        '"This bridge took eleven years to build and it was worth every one of them,"',
        '"Every family in the valley will cross it, and every one of them helped to pay for it."']
    assert quote.kind == "direct" and quote.speakers[0].name == "Lena Ortiz"
