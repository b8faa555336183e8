"""The shipped word vectors: BERT's wordpiece split, meaning carried over, and the table's build
from a .safetensors file."""

from __future__ import annotations

import json
import struct

import numpy as np

from onrecord.model.word_vectors import shipped
from onrecord.training.word_vectors import build


def test_words_split_into_bert_wordpieces():
    wv = shipped()
    assert [wv.pieces[i] for i in wv.piece_ids("Unhinged")] == ["un", "##hing", "##ed"]
    assert [wv.pieces[i] for i in wv.piece_ids("U.S.")] == ["u", ".", "s", "."]
    assert [wv.pieces[i] for i in wv.piece_ids("naïve")] == ["naive"]
    assert [wv.pieces[i] for i in wv.piece_ids("x" * 101)] == ["[UNK]"]


def test_a_speech_verbs_nearest_word_is_a_speech_verb():
    words = ["said", "told", "declared", "stated", "table", "banana", "yellow", "river"]
    vecs = shipped().of(words)
    unit = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    sim = unit @ unit.T - 2 * np.eye(len(words))
    assert [words[int(sim[i].argmax())] for i in range(4)] == ["stated", "said", "said", "said"]
    assert shipped().of([]).shape == (0, vecs.shape[1])


def test_build_reads_safetensors_and_whitens(tmp_path):
    rng = np.random.default_rng(0)
    emb = (rng.normal(size=(50, 8)) * np.arange(1, 9)).astype(np.float32)
    header = json.dumps({"embeddings.word_embeddings.weight": {
        "dtype": "F32", "shape": [50, 8], "data_offsets": [0, emb.nbytes]}}).encode()
    (tmp_path / "model.safetensors").write_bytes(
        struct.pack("<Q", len(header)) + header + emb.tobytes())
    (tmp_path / "vocab.txt").write_text("\n".join(f"w{i}" for i in range(50)), encoding="utf-8")
    wv = build(tmp_path, dims=3)
    assert wv.table.shape == (50, 3) and wv.pieces[7] == "w7"
    np.testing.assert_allclose(wv.table.std(0), 1.0, rtol=1e-4)
    # the first component follows the widest axis of the data (the last column here)
    assert abs(np.corrcoef(wv.table[:, 0], emb[:, 7])[0, 1]) > 0.9
