"""The span tagger at run time: feature embeddings, the parser's token vectors and
pretrained word vectors through a two-layer BiLSTM to BIO tags over source, cue and content,
decoded by Viterbi over valid transitions with the CRF's learned transition scores."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from onrecord.model.encoder import Encoder
from onrecord.model.features import TAGS, Tokens, chunks, feature_ids
from onrecord.model.graph import session
from onrecord.model.lstm_graph import TAGS_OUT, lstm_graph
from onrecord.model.word_vectors import WordVectors, with_word_vectors

OPENING = np.array([not t.startswith("I-") for t in TAGS])  # tags a path may start with


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def lstm_layer(xws: list[np.ndarray], w_hhs: list[np.ndarray], reverse: list[bool],
               lengths: np.ndarray) -> list[np.ndarray]:
    """Several LSTM directions over the same padded batch in one time loop (both directions of
    every ensemble member at once). Each xw is the input projection plus both biases, (B, T, 4H),
    gates i f g o; a reverse direction reads each sequence from its own end."""
    batch, steps, four_h = xws[0].shape
    h_dim = four_h // 4
    idx = _reverse_index(lengths, steps)
    rows = np.arange(batch)[:, None]
    xw = np.stack([x[rows, idx] if r else x for x, r in zip(xws, reverse, strict=True)])
    w = np.stack([np.ascontiguousarray(m.T) for m in w_hhs])  # (D, H, 4H)
    out = np.zeros((len(xws), batch, steps, h_dim), dtype=np.float32)
    h = np.zeros((len(xws), batch, h_dim), dtype=np.float32)
    c = np.zeros_like(h)
    for t in range(steps):
        z = xw[:, :, t] + h @ w
        i, f, o = (_sigmoid(z[..., k * h_dim:(k + 1) * h_dim]) for k in (0, 1, 3))
        c = f * c + i * np.tanh(z[..., 2 * h_dim:3 * h_dim])
        h = o * np.tanh(c)
        out[:, :, t] = h
    return [out[j][rows, idx] if r else out[j] for j, r in enumerate(reverse)]


def _reverse_index(lengths: np.ndarray, steps: int) -> np.ndarray:
    """Per row, positions len-1 .. 0 then the padding in place (an involution)."""
    pos = np.arange(steps)[None, :]
    n = lengths[:, None]
    return np.where(pos < n, n - 1 - pos, pos)


def allowed_transitions(tags: tuple[str, ...] = TAGS) -> np.ndarray:
    """(from, to) mask: I-X only after B-X or I-X."""
    ok = np.ones((len(tags), len(tags)), dtype=bool)
    for j, to in enumerate(tags):
        if to.startswith("I-"):
            for i, frm in enumerate(tags):
                ok[i, j] = frm[2:] == to[2:]
    return ok


def viterbi(scores: np.ndarray, ok: np.ndarray, trans: np.ndarray | None = None,
            start: np.ndarray | None = None) -> list[int]:
    """Best tag path under the transition mask: per-token scores plus, for a CRF, the learned
    (from, to) transition and start scores."""
    n, k = scores.shape
    if n == 0:
        return []
    penalty = np.where(ok, 0.0, -1e9) + (trans if trans is not None else 0.0)
    score = scores[0] + np.where(OPENING, 0.0, -1e9) + (start if start is not None else 0.0)
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + penalty
        back[t] = cand.argmax(0)
        score = cand.max(0) + scores[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def marginals(scores: np.ndarray, ok: np.ndarray, trans: np.ndarray | None = None,
              start: np.ndarray | None = None, spans: list[tuple[int, int]] | None = None
              ) -> np.ndarray:
    """Each token's tag probabilities under the same model Viterbi decodes (forward-backward,
    rescaled at every token), (n, tags). With `spans`, each span is a chain of its own and all of
    them run in one batch: as fast as the longest span, not the article."""
    n, k = scores.shape
    spans = spans or [(0, n)]
    lengths = np.array([b - a for a, b in spans])
    steps = int(lengths.max())
    step = np.exp(np.where(ok, trans if trans is not None else 0.0, -np.inf))
    first = np.where(OPENING, start if start is not None else 0.0, -np.inf)
    emit = np.ones((len(spans), steps, k))
    for j, (a, b) in enumerate(spans):
        emit[j, : b - a] = np.exp(scores[a:b] - scores[a:b].max(1, keepdims=True))
    fwd = np.empty_like(emit)
    f = np.exp(first - first[OPENING].max()) * emit[:, 0]
    fwd[:, 0] = f / f.sum(1, keepdims=True)
    for t in range(1, steps):
        f = (fwd[:, t - 1] @ step) * emit[:, t]
        fwd[:, t] = f / f.sum(1, keepdims=True)
    back = np.ones_like(emit)
    for t in range(steps - 2, -1, -1):
        b = (emit[:, t + 1] * back[:, t + 1]) @ step.T
        inside = (t + 1 < lengths)[:, None]
        back[:, t] = np.where(inside, b / b.sum(1, keepdims=True), 1.0)
    both = fwd * back
    both /= both.sum(2, keepdims=True)
    return np.concatenate([both[j, : b - a] for j, (a, b) in enumerate(spans)])


@dataclass
class Member:
    """One trained BiLSTM tagger: weights named as in training/tagger.py's Net, feature
    vocabularies."""

    w: dict[str, np.ndarray]
    vocab: dict[str, dict[str, int]]

    def inputs(self, tokens: Tokens) -> np.ndarray:
        parts = []
        for name, table in self.vocab.items():
            parts.append(self.w[f"emb.{name}.weight"][feature_ids(table, tokens.feats[name])])
        parts.append(tokens.vectors)
        return np.concatenate(parts, axis=1).astype(np.float32)


class Tagger:
    """One tagger or an ensemble of them (same depth, e.g. trained with different seeds): their
    LSTMs run in one loop, their tag scores and CRF transitions are averaged before decoding.
    With `word_vectors`, each token's pretrained vector follows the parser's. Transformer
    members (`encoders`) add their scores and transitions with the weight `encoder_weight`.
    `runtime` "onnx" runs the LSTMs in ONNX Runtime, "numpy" in the reference NumPy loop."""

    def __init__(self, members: list[Member], layers: int,
                 word_vectors: WordVectors | None = None, encoders: list[Encoder] | None = None,
                 encoder_weight: float = 0.0, runtime: str = "onnx") -> None:
        self.members = members
        self.layers = layers
        self.runtime = runtime
        self._sessions: list | None = None  # built at first use, in the process that uses them
        self.word_vectors = word_vectors
        self.encoders = encoders or []
        self.encoder_weight = encoder_weight if self.encoders else 0.0
        self.ok = allowed_transitions()
        self.trans, self.start = (self._mean(name) for name in ("crf.trans", "crf.start"))

    def __getstate__(self) -> dict:
        """Picklable (training's worker processes return taggers): sessions are rebuilt."""
        return {**self.__dict__, "_sessions": None}

    def _mean(self, name: str) -> np.ndarray | None:
        if any(name not in m.w for m in [*self.members, *self.encoders]):
            return None
        return self._mix([m.w[name] for m in self.members], [e.w[name] for e in self.encoders])

    def _mix(self, lstm: list[np.ndarray], enc: list[np.ndarray]) -> np.ndarray:
        mean = np.mean(lstm, axis=0)
        if not enc:
            return mean
        return (1 - self.encoder_weight) * mean + self.encoder_weight * np.mean(enc, axis=0)

    def scores(self, tokens: Tokens) -> np.ndarray:
        """Per-token tag scores: CRF emissions, or log-probabilities for taggers without a CRF."""
        if self.word_vectors is not None:
            tokens = with_word_vectors(tokens, self.word_vectors)
        spans = chunks(tokens)
        lengths = np.array([b - a for a, b in spans])
        xs = []
        for m in self.members:
            x_all = m.inputs(tokens)
            x = np.zeros((len(spans), int(lengths.max()), x_all.shape[1]), dtype=np.float32)
            for k, (a, b) in enumerate(spans):
                x[k, : b - a] = x_all[a:b]
            xs.append(x)
        if self.runtime == "onnx":
            if self._sessions is None:
                self._sessions = [session(lstm_graph(m.w, self.layers)) for m in self.members]
            logits = [s.run([TAGS_OUT], {"x": x, "lengths": lengths.astype(np.int32)})[0]
                      for s, x in zip(self._sessions, xs, strict=True)]
        else:
            logits = self._lstm_numpy(xs, lengths)
        out = []
        for m, x in zip(self.members, logits, strict=True):
            z = np.concatenate([x[k, : b - a] for k, (a, b) in enumerate(spans)])
            if "crf.trans" not in m.w:
                z -= z.max(1, keepdims=True)
                z -= np.log(np.exp(z).sum(1, keepdims=True))
            out.append(z)
        return self._mix(out, [e.scores(tokens) for e in self.encoders])

    def _lstm_numpy(self, xs: list[np.ndarray], lengths: np.ndarray) -> list[np.ndarray]:
        """Each member's padded tag logits (B, T, tags) through its LSTMs in NumPy: the
        reference the ONNX graph is checked against."""
        for k in range(self.layers):
            keys = [(m, f"l{k}{sfx}") for m in self.members for sfx in ("", "_reverse")]
            inputs = [x for x in xs for _ in ("", "_reverse")]
            xws = [(x.reshape(-1, x.shape[2]) @ m.w[f"lstm.weight_ih_{n}"].T
                    + (m.w[f"lstm.bias_ih_{n}"] + m.w[f"lstm.bias_hh_{n}"])
                    ).reshape(*x.shape[:2], -1).astype(np.float32)
                   for x, (m, n) in zip(inputs, keys, strict=True)]
            outs = lstm_layer(xws, [m.w[f"lstm.weight_hh_{n}"] for m, n in keys],
                              [n.endswith("reverse") for _, n in keys], lengths)
            xs = [np.concatenate(outs[2 * j:2 * j + 2], axis=2) for j in range(len(self.members))]
        return [x @ m.w["out.weight"].T + m.w["out.bias"] for m, x in zip(self.members, xs,
                                                                           strict=True)]

    def tags(self, tokens: Tokens) -> list[str]:
        """The best tag path (what training's span F1 reads: no probabilities)."""
        if not len(tokens):
            return []
        return [TAGS[i] for i in viterbi(self.scores(tokens), self.ok, self.trans, self.start)]

    def tag(self, tokens: Tokens) -> tuple[list[str], np.ndarray]:
        """The best tag path, and each token's probability of its tag on it."""
        if not len(tokens):
            return [], np.zeros(0)
        scores = self.scores(tokens)
        path = viterbi(scores, self.ok, self.trans, self.start)
        probs = marginals(scores, self.ok, self.trans, self.start, chunks(tokens))
        return [TAGS[i] for i in path], probs[np.arange(len(path)), path]
