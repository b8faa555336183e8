"""Training the linker's two pair networks with PyTorch on gold spans of the training part."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from onrecord.model.features import Tokens
from onrecord.model.link import PairFeatures, SpanLinker, TokSpan, token_spans
from onrecord.training.corpus import Example

HIDDEN = 64


def _covering(spans: list[TokSpan], tokens: Tokens, role: str, s: int, e: int) -> list[TokSpan]:
    return [x for x in spans if x.role == role and tokens.starts[x.lo] < e
            and s < tokens.ends[x.hi - 1]]


def pairs(ex: Example) -> dict[str, tuple[list[np.ndarray], list[float]]]:
    """Feature vectors and labels of every (cue, candidate) pair over the gold spans."""
    spans = token_spans(ex.tokens, ex.tags, ex.text)
    positive: set[tuple[TokSpan, TokSpan]] = set()
    for q in ex.quotes:
        for cs, ce in q.cue:
            for cue in _covering(spans, ex.tokens, "cue", cs, ce):
                for role, frags in (("content", q.content), ("source", q.source)):
                    for s, e in frags:
                        positive |= {(cue, x) for x in _covering(spans, ex.tokens, role, s, e)}
    pf = PairFeatures(ex.tokens, spans)
    out: dict[str, tuple[list[np.ndarray], list[float]]] = {"content": ([], []),
                                                             "source": ([], [])}
    for cue in pf.cues:
        for role in ("content", "source"):
            for x in pf.candidates(cue, role):
                out[role][0].append(pf.vector(cue, x))
                out[role][1].append(float((cue, x) in positive))
    return out


def train_linker(train: list[Example], seed: int = 0, epochs: int = 60) -> SpanLinker:
    """Full-batch Adam on binary cross-entropy, one network per role."""
    torch.manual_seed(seed)
    data: dict[str, tuple[list[np.ndarray], list[float]]] = {"content": ([], []),
                                                              "source": ([], [])}
    for ex in train:
        for role, (xs, ys) in pairs(ex).items():
            data[role][0].extend(xs)
            data[role][1].extend(ys)
    weights: dict[str, np.ndarray] = {}
    for role, (xs, ys) in data.items():
        x = torch.from_numpy(np.stack(xs))
        y = torch.tensor(ys)
        net = nn.Sequential(nn.Linear(x.shape[1], HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 1))
        opt = torch.optim.Adam(net.parameters(), lr=3e-3, weight_decay=1e-5)
        loss_fn = nn.BCEWithLogitsLoss()
        for _ in range(epochs):
            perm = torch.randperm(len(y))
            for i in range(0, len(y), 512):
                idx = perm[i:i + 512]
                loss = loss_fn(net(x[idx])[:, 0], y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
        for k, v in net.state_dict().items():
            weights[f"{role}.{k}"] = v.detach().numpy().astype(np.float32).copy()
    return SpanLinker(weights, {"content": 0.5, "source": 0.5})
