"""Linking tagged spans into attributions: every cue is one attribution; a small network scores
each (cue, content fragment) and (cue, source) pair from distance, sentence and paragraph
position, the dependency path between them and quote marks."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from onrecord.model.features import Tokens, spans_from_tags

DEPS = ("nsubj", "nsubjpass", "ccomp", "dobj", "xcomp", "advcl", "prep", "pobj", "parataxis",
        "conj", "agent", "advmod", "attr", "dative", "npadvmod", "acomp", "csubj", "ROOT", "relcl",
        "pcomp", "other")
KINDS = ("speech", "belief", "evidence", "according", "-")
GAPS = (0, 1, 2, 4, 8, 16, 32, 64)
LENGTHS = (1, 2, 5, 10, 20)
WINDOW = {"content": 250, "source": 100}  # tokens between a cue and a candidate span
MAX_HOPS = 25


@dataclass(frozen=True)
class TokSpan:
    role: str
    lo: int  # first token
    hi: int  # one past the last token
    p: float = 1.0  # the tagger's mean probability of the span's tags


def _one_hot(i: int, n: int) -> list[float]:
    v = [0.0] * n
    v[i] = 1.0
    return v


def _bucket(x: int, edges: tuple[int, ...]) -> int:
    return sum(x >= e for e in edges[1:])


def _dep(d: str) -> int:
    return DEPS.index(d) if d in DEPS else len(DEPS) - 1


def _root(heads: list[int], s: TokSpan) -> int:
    for i in range(s.lo, s.hi):
        if not s.lo <= heads[i] < s.hi or heads[i] == i:
            return i
    return s.lo


def _ancestor(heads: list[int], a: int, s: TokSpan) -> bool:
    """Whether token a's chain of heads enters span s."""
    for _ in range(MAX_HOPS):
        if s.lo <= a < s.hi:
            return True
        h = heads[a]
        if h == a:
            return False
        a = h
    return False


def token_spans(tokens: Tokens, tags: list[str], text: str,
                probs: np.ndarray | None = None) -> list[TokSpan]:
    """Tagged runs as token spans, trailing whitespace tokens dropped; with the tags'
    probabilities, each span's mean."""
    out = []
    for role, lo, hi in spans_from_tags(tokens, tags):
        while hi > lo + 1 and text[tokens.starts[hi - 1]:tokens.ends[hi - 1]].isspace():
            hi -= 1
        p = float(probs[lo:hi].mean()) if probs is not None else 1.0
        out.append(TokSpan(role, lo, hi, p))
    return out


class PairFeatures:
    """Feature vectors of (cue, span) pairs inside one article."""

    def __init__(self, tokens: Tokens, spans: list[TokSpan]) -> None:
        self.t = tokens
        # Python lists: the pair loops below index them one token at a time
        self.heads, self.sents, self.paras = (a.tolist() for a in (tokens.heads, tokens.sents,
                                                                    tokens.paras))
        self.cues = sorted((s for s in spans if s.role == "cue"), key=lambda s: s.lo)
        self.by_role = {r: sorted((s for s in spans if s.role == r), key=lambda s: s.lo)
                        for r in ("source", "content")}
        self.starts = {r: [x.lo for x in spans]
                       for r, spans in (("cue", self.cues), *self.by_role.items())}

    def candidates(self, cue: TokSpan, role: str) -> list[TokSpan]:
        w = WINDOW[role]
        return [s for s in self.by_role[role] if s.lo - cue.hi <= w and cue.lo - s.hi <= w]

    def vector(self, cue: TokSpan, x: TokSpan) -> np.ndarray:
        t = self.t
        before = x.hi <= cue.lo
        gap = cue.lo - x.hi if before else max(0, x.lo - cue.hi)
        near_x = x.hi - 1 if before else x.lo
        heads = self.heads
        sent_diff = min(max(self.sents[near_x] - self.sents[cue.lo], -2), 2) + 2
        para_diff = min(max(self.paras[near_x] - self.paras[cue.lo], -1), 1) + 1
        lo, hi = (x.hi, cue.lo) if before else (cue.hi, x.lo)
        cues_between, same_between = (bisect_left(a, hi) - bisect_left(a, lo)
                                      for a in (self.starts["cue"], self.starts[x.role]))
        x_dep = next((t.feats["dep"][i] for i in range(x.lo, x.hi)
                      if cue.lo <= heads[i] < cue.hi), None)
        c_dep = next((t.feats["dep"][i] for i in range(cue.lo, cue.hi)
                      if x.lo <= heads[i] < x.hi), None)
        x_root, c_root = _root(heads, x), _root(heads, cue)
        quotes = t.feats["quote"][x.lo:x.hi]
        kind = t.feats["cue"][c_root]
        v: list[float] = [float(before), float(x.role == "source")]
        v += _one_hot(_bucket(gap, GAPS) + (len(GAPS) if before else 0), 2 * len(GAPS))
        v += _one_hot(sent_diff, 5) + _one_hot(para_diff, 3)
        v += _one_hot(min(cues_between, 2), 3) + _one_hot(min(same_between, 2), 3)
        v += _one_hot(_dep(x_dep), len(DEPS)) if x_dep else [0.0] * len(DEPS)
        v += _one_hot(_dep(c_dep), len(DEPS)) if c_dep else [0.0] * len(DEPS)
        v += [float(_ancestor(heads, x_root, cue)), float(_ancestor(heads, c_root, x)),
              float(self.sents[x_root] == self.sents[c_root])]
        v += [sum(q != "out" for q in quotes) / len(quotes), float(quotes[0] == "open"),
              float(t.feats["quote"][c_root] != "out")]
        v += _one_hot(KINDS.index(kind) if kind in KINDS else 4, len(KINDS))
        v += _one_hot(_bucket(x.hi - x.lo, LENGTHS), len(LENGTHS))
        return np.asarray(v, dtype=np.float32)


class SpanLinker:
    """Two small networks (content, source), each features -> hidden (ReLU) -> probability."""

    def __init__(self, weights: dict[str, np.ndarray], thresholds: dict[str, float]) -> None:
        self.w = weights
        self.thresholds = thresholds

    def prob(self, role: str, x: np.ndarray) -> np.ndarray:
        w = self.w
        h = np.maximum(0.0, x @ w[f"{role}.0.weight"].T + w[f"{role}.0.bias"])
        z = h @ w[f"{role}.2.weight"].T + w[f"{role}.2.bias"]
        return 1.0 / (1.0 + np.exp(-z[:, 0]))

    def link(self, tokens: Tokens, spans: list[TokSpan]) -> list[tuple[TokSpan, list[TokSpan],
                                                                       TokSpan | None]]:
        """(cue, content fragments, source or None) per attribution, in cue order."""
        pf = PairFeatures(tokens, spans)
        best: dict[TokSpan, tuple[float, int]] = {}  # content -> (prob, cue index)
        for ci, cue in enumerate(pf.cues):
            cands = pf.candidates(cue, "content")
            if not cands:
                continue
            p = self.prob("content", np.stack([pf.vector(cue, x) for x in cands]))
            for x, px in zip(cands, p, strict=True):
                if px >= self.thresholds["content"] and px > best.get(x, (0.0, -1))[0]:
                    best[x] = (float(px), ci)
        contents: dict[int, list[TokSpan]] = {}
        for x, (_, ci) in best.items():
            contents.setdefault(ci, []).append(x)
        out = []
        for ci, frags in sorted(contents.items()):
            cue = pf.cues[ci]
            source = None
            cands = pf.candidates(cue, "source")
            if cands:
                p = self.prob("source", np.stack([pf.vector(cue, x) for x in cands]))
                k = int(p.argmax())
                if p[k] >= self.thresholds["source"]:
                    source = cands[k]
            out.append((cue, sorted(frags, key=lambda s: s.lo), source))
        return out
