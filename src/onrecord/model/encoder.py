"""A transformer member of the tagger ensemble at run time: the first layers of MiniLM
(BERT-shaped, fine-tuned) read each chunk's word pieces; each token's first piece, with the same
feature embeddings and vectors the BiLSTMs read, goes through a small head to tag scores."""

from __future__ import annotations

import math

import numpy as np

from onrecord.model.encoder_graph import encoder_graph
from onrecord.model.features import Tokens, chunks, feature_ids
from onrecord.model.graph import session
from onrecord.model.word_vectors import WordVectors

CHUNK = 128  # tokens per sequence: about 160 pieces
HEADS = 12
MAX_PIECES = 8  # a token's pieces beyond these are dropped (long URLs, numbers)
BATCH = 16
MAX_POSITIONS = 512


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (what the trained network used), computed in place of `x`'s copy."""
    z = x * x
    z *= 0.0356774081
    z += 0.7978845608
    z *= x
    np.tanh(z, out=z)
    z += 1.0
    z *= x
    z *= 0.5
    return z


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    x = x - x.mean(-1, keepdims=True)
    x /= np.sqrt((x * x).mean(-1, keepdims=True) + eps)
    x *= w
    x += b
    return x


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in place."""
    x -= x.max(-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(-1, keepdims=True)
    return x


class Encoder:
    """One fine-tuned encoder member: weights named as in training/encoder.py's Net, the feature
    vocabularies, the wordpiece vocabulary."""

    def __init__(self, w: dict[str, np.ndarray], vocab: dict[str, dict[str, int]],
                 pieces: WordVectors, runtime: str = "int8") -> None:
        self.w = w
        self.vocab = vocab
        self.pieces = pieces
        self.layers = sum(1 for k in w if k.endswith(".q.weight"))
        self.cls, self.sep = pieces.index["[CLS]"], pieces.index["[SEP]"]
        self.runtime = runtime
        self._ids: dict[str, list[int]] = {}
        self._session = None  # built at first use, in the process that uses it
        if runtime == "numpy":
            self._prepare()

    def __getstate__(self) -> dict:
        """Picklable (training's worker processes return encoders): the session is rebuilt."""
        return {**self.__dict__, "_session": None}

    def _prepare(self) -> None:
        """Each layer's weights as (in, out) matrices, queries, keys and values as one product."""
        w = self.w
        self.lin: list[dict[str, tuple[np.ndarray, np.ndarray]]] = []
        for j in range(self.layers):
            p = f"layers.{j}."
            mats = {name: (np.ascontiguousarray(w[f"{p}{name}.weight"].T), w[f"{p}{name}.bias"])
                    for name in ("o", "i", "out")}
            qkv = np.concatenate([w[f"{p}{n}.weight"] for n in "qkv"]).T
            mats["qkv"] = (np.ascontiguousarray(qkv),
                           np.concatenate([w[f"{p}{n}.bias"] for n in "qkv"]))
            self.lin.append(mats)

    def piece_ids(self, word: str) -> list[int]:
        ids = self._ids.get(word)
        if ids is None:
            ids = self.pieces.piece_ids(word) if word.strip() else [self.sep]
            ids = ids[:MAX_PIECES] or [self.pieces.unknown]
            if len(self._ids) < 200_000:
                self._ids[word] = ids
        return ids

    def _pieces(self, words: list[str]) -> tuple[list[int], list[int]]:
        """[CLS] pieces [SEP], and where each word's first piece is."""
        seq, first = [self.cls], []
        for word in words:
            first.append(len(seq))
            seq += self.piece_ids(word)
        if len(seq) >= MAX_POSITIONS:  # a chunk of very long tokens: its tail reads the last piece
            seq, first = seq[:MAX_POSITIONS - 1], [min(f, MAX_POSITIONS - 2) for f in first]
        return seq + [self.sep], first

    def encode(self, seqs: list[list[int]], keep: list[list[int]]) -> np.ndarray:
        """Last hidden states (B, K, H) at the positions `keep` of each padded piece sequence
        (the last layer runs at those positions only: its keys and values read every piece)."""
        if self.runtime == "numpy":
            return self.encode_numpy(seqs, keep)
        w = self.w
        if self._session is None:
            self._session = session(encoder_graph(w, self.layers, HEADS, self.runtime == "int8"))
        out = np.zeros((len(seqs), max(map(len, keep)), w["ln.weight"].shape[0]), np.float32)
        for b, (s, at) in enumerate(zip(seqs, keep, strict=True)):
            # one sequence per run: no padding to compute, no mask to apply
            emb = w["we.weight"][s] + w["pe.weight"][:len(s)] + w["te.weight"][0]
            out[b, : len(at)] = self._session.run(["hidden"], {
                "emb": emb, "rows": np.array(at, dtype=np.int64)})[0]
        return out

    @staticmethod
    def _padded(seqs: list[list[int]], keep: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Piece ids padded to the longest sequence, kept positions to the longest list."""
        ids = np.zeros((len(seqs), max(map(len, seqs))), dtype=np.int64)
        rows = np.zeros((len(seqs), max(map(len, keep))), dtype=np.int64)
        for b, (s, at) in enumerate(zip(seqs, keep, strict=True)):
            ids[b, : len(s)] = s
            rows[b, : len(at)] = at
        return ids, rows

    def encode_numpy(self, seqs: list[list[int]], keep: list[list[int]]) -> np.ndarray:
        """`encode` in NumPy: the reference the ONNX graph is checked against."""
        if not hasattr(self, "lin"):
            self._prepare()
        w = self.w
        ids, rows = self._padded(seqs, keep)
        n = ids.shape[1]
        mask = np.full((len(seqs), 1, 1, n), -1e4, dtype=np.float32)
        for b, s in enumerate(seqs):
            mask[b, ..., : len(s)] = 0.0
        x = w["we.weight"][ids] + w["pe.weight"][:n] + w["te.weight"][0]
        x = layer_norm(x, w["ln.weight"], w["ln.bias"])
        batch, _, hid = x.shape
        d = hid // HEADS

        def heads(t: np.ndarray) -> np.ndarray:  # contiguous: stacked products run in BLAS
            return np.ascontiguousarray(t.reshape(batch, -1, HEADS, d).transpose(0, 2, 1, 3))

        def lin(t: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
            flat = t.reshape(-1, t.shape[-1]) @ weight
            flat += bias
            return flat.reshape(*t.shape[:-1], -1)

        for j, m in enumerate(self.lin):
            p = f"layers.{j}."
            if j < self.layers - 1:
                q, k, v = np.split(lin(x, *m["qkv"]), 3, axis=-1)
            else:  # the last layer: queries and all that follows only where kept
                weight, bias = m["qkv"]
                k, v = np.split(lin(x, weight[:, hid:], bias[hid:]), 2, axis=-1)
                x = x[np.arange(batch)[:, None], rows]
                q = lin(x, weight[:, :hid], bias[:hid])
            q = heads(q)
            q *= 1.0 / math.sqrt(d)
            att = q @ np.ascontiguousarray(heads(k).transpose(0, 1, 3, 2))
            att += mask
            ctx = (softmax(att) @ heads(v)).transpose(0, 2, 1, 3).reshape(batch, -1, hid)
            x = layer_norm(x + lin(ctx, *m["o"]), w[f"{p}ln1.weight"], w[f"{p}ln1.bias"])
            x = layer_norm(x + lin(gelu(lin(x, *m["i"])), *m["out"]), w[f"{p}ln2.weight"],
                           w[f"{p}ln2.bias"])
        return x

    def scores(self, tokens: Tokens) -> np.ndarray:
        """CRF emission scores per token (tokens with word vectors, as the BiLSTMs read them)."""
        w = self.w
        feats = [w[f"emb.{name}.weight"][feature_ids(table, tokens.feats[name])]
                 for name, table in self.vocab.items()]
        side = np.concatenate([*feats, tokens.vectors], axis=1)
        spans = chunks(tokens, CHUNK)
        built = [self._pieces(tokens.words[a:b]) for a, b in spans]
        order = sorted(range(len(spans)), key=lambda k: len(built[k][0]))  # little padding
        out = np.zeros((len(tokens), w["head.2.bias"].shape[0]), dtype=np.float32)
        for i in range(0, len(order), BATCH):
            part = order[i:i + BATCH]
            h = self.encode([built[k][0] for k in part], [built[k][1] for k in part])
            for row, k in enumerate(part):
                a, b = spans[k]
                x = np.concatenate([h[row, : b - a], side[a:b]], axis=1)
                z = gelu(x @ w["head.0.weight"].T + w["head.0.bias"])
                out[a:b] = z @ w["head.2.weight"].T + w["head.2.bias"]
        return out
