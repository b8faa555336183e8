"""The tagger in ONNX Runtime computes what its NumPy reference computes: the float graphs to
rounding, the int8 transformer to nearly every tag."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from tests.conftest import POLNEAR_DEV

from onrecord.extract.parse import SentenceParser
from onrecord.model.apply import AttributionModel, shipped_path
from onrecord.model.encoder import Encoder
from onrecord.model.features import Tokens, featurize
from onrecord.model.tagger import Tagger
from onrecord.model.word_vectors import with_word_vectors
from onrecord.pipeline import load_nlp

PARAGRAPHS = [
    "The harbour master, Ines Okafor, said on Friday that the breakwater would be rebuilt "
    "before the autumn storms, although two cranes were still waiting for parts.",
    '"Every boat in this marina will have a berth by October," Okafor told the council. '
    '"Nobody is being moved to the outer moorings."',
    "Fishermen were doubtful, according to a letter signed by thirty crews, and the mayor "
    "declined to comment.",
]
TEXT = "\n\n".join(PARAGRAPHS * 4)  # several chunks of different lengths


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    return AttributionModel.load(shipped_path())


@pytest.fixture(scope="module")
def articles() -> list[Tokens]:
    """The test text and, when ../shared is there, a few PolNeAR dev articles."""
    parser = SentenceParser(load_nlp())
    texts = [TEXT] + [p.read_text(encoding="utf-8")
                      for p in sorted((POLNEAR_DEV / "text").glob("*.txt"))[:4]]
    return [featurize(parser.parse_body(t), t)[0] for t in texts]


def _with(model: AttributionModel, lstm: str, encoder: str) -> Tagger:
    t = model.tagger
    encoders = [Encoder(e.w, e.vocab, e.pieces, encoder) for e in t.encoders]
    return Tagger(t.members, t.layers, t.word_vectors, encoders, t.encoder_weight, lstm)


def test_shipped_model_runs_in_onnx_runtime_with_an_int8_transformer(model):
    assert model.tagger.runtime == "onnx"
    assert [e.runtime for e in model.tagger.encoders] == ["int8"]


def test_float_graphs_match_numpy(model, articles):
    numpy, onnx = _with(model, "numpy", "numpy"), _with(model, "onnx", "fp32")
    for tokens in articles:
        ref = numpy.scores(tokens)
        np.testing.assert_allclose(onnx.scores(tokens), ref, atol=1e-3 * np.abs(ref).max())
        assert onnx.tags(tokens) == numpy.tags(tokens)


def test_int8_transformer_keeps_the_tags(model, articles):
    numpy, int8 = _with(model, "numpy", "numpy"), _with(model, "onnx", "int8")
    same = total = 0
    for tokens in articles:
        ref = numpy.tags(tokens)
        same += sum(a == b for a, b in zip(int8.tags(tokens), ref, strict=True))
        total += len(ref)
    assert same / total > 0.99
    assert any(t != "O" for t in int8.tags(articles[0]))


def test_transformer_member_alone_matches_numpy(model, articles):
    enc = model.tagger.encoders[0]
    numpy, fp32 = (Encoder(enc.w, enc.vocab, enc.pieces, r) for r in ("numpy", "fp32"))
    tokens = with_word_vectors(articles[0], model.tagger.word_vectors)
    np.testing.assert_allclose(fp32.scores(tokens), numpy.scores(tokens), atol=1e-3)


def test_a_used_tagger_pickles_and_scores_the_same_after(model, articles):
    """Training's worker processes send taggers back: the sessions are rebuilt, not sent."""
    tokens = articles[0]
    before = model.tagger.scores(tokens)
    again = pickle.loads(pickle.dumps(model.tagger))
    np.testing.assert_array_equal(again.scores(tokens), before)
