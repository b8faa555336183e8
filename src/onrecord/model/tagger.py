"""The span tagger at run time, in NumPy: feature embeddings and the parser's token vectors
through a two-layer BiLSTM to BIO tags over source, cue and content, decoded by Viterbi over
valid transitions with the CRF's learned transition scores."""

from __future__ import annotations

import numpy as np

from onrecord.model.features import TAGS, Tokens

CHUNK = 160  # tokens per LSTM sequence


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def lstm_direction(xw: np.ndarray, lengths: np.ndarray, w_hh: np.ndarray,
                   reverse: bool) -> np.ndarray:
    """One LSTM direction over a padded batch; xw is the input projection plus both biases,
    (B, T, 4H), gates i f g o. The reverse direction reads each sequence from its own end."""
    batch, steps, four_h = xw.shape
    h_dim = four_h // 4
    if reverse:
        idx = _reverse_index(lengths, steps)
        xw = xw[np.arange(batch)[:, None], idx]
    out = np.zeros((batch, steps, h_dim), dtype=np.float32)
    h = np.zeros((batch, h_dim), dtype=np.float32)
    c = np.zeros((batch, h_dim), dtype=np.float32)
    w_t = np.ascontiguousarray(w_hh.T)
    for t in range(steps):
        z = xw[:, t] + h @ w_t
        ifo = _sigmoid(z[:, np.r_[0:2 * h_dim, 3 * h_dim:4 * h_dim]])
        g = np.tanh(z[:, 2 * h_dim:3 * h_dim])
        c = ifo[:, h_dim:2 * h_dim] * c + ifo[:, :h_dim] * g
        h = ifo[:, 2 * h_dim:] * np.tanh(c)
        out[:, t] = h
    if reverse:
        out = out[np.arange(batch)[:, None], idx]
    return out


def _reverse_index(lengths: np.ndarray, steps: int) -> np.ndarray:
    """Per row, positions len-1 .. 0 then the padding in place (an involution)."""
    pos = np.arange(steps)[None, :]
    n = lengths[:, None]
    return np.where(pos < n, n - 1 - pos, pos)


def chunks(tokens: Tokens, size: int = CHUNK) -> list[tuple[int, int]]:
    """The units the LSTM reads, batched: greedy runs of whole paragraphs of at most `size`
    tokens; a longer paragraph is cut at its last sentence end that fits (or at `size`)."""
    n = len(tokens)
    para = np.flatnonzero(np.diff(tokens.paras)) + 1
    sent = np.flatnonzero(np.diff(tokens.sents)) + 1
    out = []
    lo = 0
    while n - lo > size:
        cut = 0
        for starts in (para, sent):
            k = np.searchsorted(starts, lo + size, "right") - 1
            if k >= 0 and starts[k] > lo:
                cut = int(starts[k])
                break
        cut = cut or lo + size
        out.append((lo, cut))
        lo = cut
    if n > lo:
        out.append((lo, n))
    return out


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
    start_ok = np.array([not t.startswith("I-") for t in TAGS])
    score = scores[0] + np.where(start_ok, 0.0, -1e9) + (start if start is not None else 0.0)
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + penalty
        back[t] = cand.argmax(0)
        score = cand.max(0) + scores[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


class Tagger:
    """Weights and vocabularies of a trained tagger (see train.py for the same network in torch)."""

    def __init__(self, weights: dict[str, np.ndarray], vocab: dict[str, dict[str, int]],
                 layers: int) -> None:
        self.w = weights
        self.vocab = vocab
        self.layers = layers
        self.ok = allowed_transitions()

    def inputs(self, tokens: Tokens) -> np.ndarray:
        parts = []
        for name, table in self.vocab.items():
            ids = np.fromiter((table.get(v, 1) for v in tokens.feats[name]), dtype=np.int64,
                              count=len(tokens))
            parts.append(self.w[f"emb.{name}.weight"][ids])
        parts.append(tokens.vectors)
        return np.concatenate(parts, axis=1).astype(np.float32)

    def scores(self, tokens: Tokens) -> np.ndarray:
        """Per-token tag scores: the CRF's emissions, or log-probabilities without a CRF."""
        x_all = self.inputs(tokens)
        spans = chunks(tokens)
        lengths = np.array([b - a for a, b in spans])
        x = np.zeros((len(spans), int(lengths.max()), x_all.shape[1]), dtype=np.float32)
        for k, (a, b) in enumerate(spans):
            x[k, : b - a] = x_all[a:b]
        for k in range(self.layers):
            outs = []
            for sfx, rev in (("", False), ("_reverse", True)):
                w = self.w
                xw = x @ w[f"lstm.weight_ih_l{k}{sfx}"].T + w[f"lstm.bias_ih_l{k}{sfx}"] + \
                    w[f"lstm.bias_hh_l{k}{sfx}"]
                outs.append(lstm_direction(xw.astype(np.float32), lengths,
                                           w[f"lstm.weight_hh_l{k}{sfx}"], rev))
            x = np.concatenate(outs, axis=2)
        h = np.concatenate([x[k, : b - a] for k, (a, b) in enumerate(spans)])
        logits = h @ self.w["out.weight"].T + self.w["out.bias"]
        if "crf.trans" in self.w:
            return logits
        logits -= logits.max(1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(1, keepdims=True))

    def tags(self, tokens: Tokens) -> list[str]:
        if not len(tokens):
            return []
        path = viterbi(self.scores(tokens), self.ok, self.w.get("crf.trans"),
                       self.w.get("crf.start"))
        return [TAGS[i] for i in path]
