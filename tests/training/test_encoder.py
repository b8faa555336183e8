"""The transformer member: its NumPy forward pass is the PyTorch network it was trained as."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from onrecord.extract.parse import SentenceParser
from onrecord.model import word_vectors
from onrecord.model.encoder import CHUNK
from onrecord.model.features import chunks, featurize
from onrecord.pipeline import load_nlp
from onrecord.training.corpus import Example
from onrecord.training.encoder import Net, _batch, pretrained_dir, to_encoder
from onrecord.training.tagger import build_vocab
from onrecord.training.word_vectors import read_safetensor

PARAGRAPHS = [
    "The county engineer, Dana Whitfield, said on Tuesday that the levee would hold through "
    "the spring floods, though crews were still patching two breaches near the mill.",
    '"We have sandbags on every street that flooded last year," Whitfield told the council. '
    '"Nobody should have to wade to the pharmacy again."',
    "Residents were unconvinced, according to a petition signed by 400 households.",
]
TEXT = "\n\n".join(PARAGRAPHS * 3)  # several chunks of different lengths: padding, batching


@pytest.fixture(scope="module")
def example() -> Example:
    tokens, rules = featurize(SentenceParser(load_nlp()).parse_body(TEXT), TEXT)
    tokens = word_vectors.with_word_vectors(tokens, word_vectors.shipped())
    return Example("t", TEXT, tokens, ["O"] * len(tokens), [], rules)


def test_numpy_forward_matches_the_trained_network(example):
    torch.manual_seed(0)
    vocab = build_vocab([example])
    net = Net(vocab, example.tokens.vectors.shape[1], layers=2)
    net.load_pretrained(pretrained_dir())
    net.eval()
    enc = to_encoder(net, vocab, word_vectors.shipped())
    items = [(example, lo, hi) for lo, hi in chunks(example.tokens, CHUNK)]
    assert len({hi - lo for _, lo, hi in items}) > 1
    pieces, first, ids, vec, lengths, _ = _batch(items, enc, vocab)
    with torch.inference_mode():
        ref = net(pieces, first, ids, vec).numpy()
    expected = np.concatenate([ref[b, :n] for b, n in enumerate(lengths.tolist())])
    got = enc.scores(example.tokens)
    assert got.shape == (len(example.tokens), 7)
    np.testing.assert_allclose(got, expected, atol=2e-4)
    # the layers are MiniLM's own, not a fresh initialisation
    st = pretrained_dir() / "model.safetensors"
    for ours, theirs in (("layers.1.i.weight", "encoder.layer.1.intermediate.dense.weight"),
                         ("we.weight", "embeddings.word_embeddings.weight")):
        np.testing.assert_array_equal(enc.w[ours], read_safetensor(st, theirs))
