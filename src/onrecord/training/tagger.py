"""Training the span tagger with PyTorch (CPU, one thread, fixed seed); the weights it returns
are what model/tagger.py's Tagger runs in NumPy."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable

import numpy as np
import torch
from torch import nn

from onrecord.model.features import CHUNK, FEATURES, TAGS, chunks, spans_from_tags
from onrecord.model.tagger import Member, Tagger, allowed_transitions
from onrecord.training.corpus import Example

EMBED = {"word": 64, "anc": 24, "hcue": 16, "rkind": 12}  # others: 12
MIN_WORD_COUNT = 2
UNK, PAD = 1, 0


def build_vocab(train: list[Example]) -> dict[str, dict[str, int]]:
    """Feature value -> id per feature (0 padding, 1 unknown); rare words are unknown."""
    vocab: dict[str, dict[str, int]] = {}
    for name in FEATURES:
        counts = Counter(v for ex in train for v in ex.tokens.feats[name])
        keep = sorted(v for v, c in counts.items() if name != "word" or c >= MIN_WORD_COUNT)
        vocab[name] = {v: i + 2 for i, v in enumerate(keep)}
    return vocab


class CRF(nn.Module):
    """Linear-chain CRF over the tag scores: learned transition and start scores; transitions
    that BIO forbids (O -> I-X, B-X -> I-Y) are fixed at a large penalty."""

    def __init__(self) -> None:
        super().__init__()
        k = len(TAGS)
        self.trans = nn.Parameter(torch.zeros(k, k))
        self.start = nn.Parameter(torch.zeros(k))
        self.register_buffer("forbidden", torch.from_numpy(~allowed_transitions()).float() * -1e4)

    def nll(self, em: torch.Tensor, gold: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood per token of the gold paths (padding is -100)."""
        steps = em.shape[1]
        mask = torch.arange(steps)[None, :] < lengths[:, None]
        trans = self.trans + self.forbidden
        g = gold[:, :steps].clamp(min=0)
        emit = em.gather(2, g[..., None]).squeeze(-1)
        gold_score = self.start[g[:, 0]] + (emit * mask).sum(1) + \
            (trans[g[:, :-1], g[:, 1:]] * mask[:, 1:]).sum(1)
        alpha = self.start[None, :] + em[:, 0]
        for t in range(1, steps):
            nxt = torch.logsumexp(alpha[:, :, None] + trans[None], dim=1) + em[:, t]
            alpha = torch.where(mask[:, t, None], nxt, alpha)
        return (torch.logsumexp(alpha, 1) - gold_score).sum() / mask.sum()


class Net(nn.Module):
    def __init__(self, vocab: dict[str, dict[str, int]], width: int, hidden: int, layers: int,
                 dropout: float, crf: bool = True) -> None:
        super().__init__()
        self.names = list(vocab)
        self.emb = nn.ModuleDict({
            n: nn.Embedding(len(vocab[n]) + 2, EMBED.get(n, 12), padding_idx=PAD)
            for n in self.names})
        size = sum(EMBED.get(n, 12) for n in self.names) + width
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(size, hidden, num_layers=layers, bidirectional=True,
                            batch_first=True, dropout=dropout)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        self.crf = CRF() if crf else None

    def forward(self, ids: dict[str, torch.Tensor], vec: torch.Tensor, lengths: torch.Tensor):
        x = torch.cat([self.emb[n](ids[n]) for n in self.names] + [vec], dim=-1)
        packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True,
                                                   enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
        return self.out(self.drop(h))


Chunk = tuple[Example, int, int]


def _batch(items: list[Chunk], vocab: dict[str, dict[str, int]], word_drop: float,
           rng: random.Random):
    n = max(hi - lo for _, lo, hi in items)
    width = items[0][0].tokens.vectors.shape[1]
    ids = {k: torch.zeros((len(items), n), dtype=torch.long) for k in vocab}
    vec = torch.zeros((len(items), n, width))
    gold = torch.full((len(items), n), -100, dtype=torch.long)
    tag_id = {t: i for i, t in enumerate(TAGS)}
    for b, (e, lo, hi) in enumerate(items):
        m = hi - lo
        for k, table in vocab.items():
            vals = [table.get(v, UNK) for v in e.tokens.feats[k][lo:hi]]
            if k == "word" and word_drop:
                vals = [UNK if rng.random() < word_drop else v for v in vals]
            ids[k][b, :m] = torch.tensor(vals)
        vec[b, :m] = torch.from_numpy(e.tokens.vectors[lo:hi])
        gold[b, :m] = torch.tensor([tag_id[t] for t in e.tags[lo:hi]])
    return ids, vec, torch.tensor([hi - lo for _, lo, hi in items]), gold


def length_batches(train: list[Example], size: int, chunk: int = CHUNK) -> list[list[Chunk]]:
    """Every example's chunks sorted by length (then article and place: the same order each
    run), cut into batches of `size`, so that a batch holds little padding."""
    order = sorted(((e, lo, hi) for e in train for lo, hi in chunks(e.tokens, chunk)),
                   key=lambda c: (c[2] - c[1], c[0].id, c[1]))
    return [order[i:i + size] for i in range(0, len(order), size)]


def span_f1(tagger: Tagger, exs: list[Example]) -> dict[str, float]:
    """Exact token-span F1 per role of the decoded tags, and their mean."""
    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter()
    for e in exs:
        g = Counter(spans_from_tags(e.tokens, e.tags))
        p = Counter(spans_from_tags(e.tokens, tagger.tags(e.tokens)))
        for (role, *_), c in g.items():
            n_gold[role] += c
        for (role, *_), c in p.items():
            n_pred[role] += c
        for (role, *_), c in (g & p).items():
            tp[role] += c
    out = {r: 2 * tp[r] / (n_pred[r] + n_gold[r]) if n_pred[r] + n_gold[r] else 0.0
           for r in ("source", "cue", "content")}
    out["mean"] = sum(out.values()) / 3
    return out


def to_tagger(net: Net, vocab: dict[str, dict[str, int]], layers: int) -> Tagger:
    w = {k: v.detach().numpy().astype(np.float32).copy() for k, v in net.state_dict().items()
         if k != "crf.forbidden"}
    return Tagger([Member(w, vocab)], layers)


def train_tagger(train: list[Example], val: list[Example], seed: int = 0, epochs: int = 20,
                 patience: int = 3, hidden: int = 128, layers: int = 2, dropout: float = 0.3,
                 batch_size: int = 32, lr: float = 2e-3, word_drop: float = 0.1, crf: bool = True,
                 average: float = 0.0, log: Callable[[str], None] = print,
                 on_best: Callable[[Tagger], None] | None = None) -> Tagger:
    """Adam on the CRF's sequence likelihood (token cross-entropy with `crf=False`); keeps the
    epoch with the best validation span F1 (`on_best` sees each new best, e.g. a checkpoint),
    or with no `val`, the last of `epochs`.
    With `average` > 0 the weights evaluated and kept are an exponential moving average of the
    trained ones (decay `average` per step)."""
    rng = random.Random(seed)
    torch.manual_seed(seed)
    vocab = build_vocab(train)
    net = Net(vocab, train[0].tokens.vectors.shape[1], hidden, layers, dropout, crf)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    best, best_state, since = -1.0, None, 0
    ema = {k: v.detach().clone() for k, v in net.state_dict().items()} if average else None
    batches = length_batches(train, batch_size)
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        net.train()
        rng.shuffle(batches)
        total = 0.0
        for exs in batches:
            ids, vec, lengths, gold = _batch(exs, vocab, word_drop, rng)
            logits = net(ids, vec, lengths)
            if net.crf is not None:
                loss = net.crf.nll(logits, gold, lengths)
            else:
                loss = loss_fn(logits.reshape(-1, len(TAGS)),
                               gold[:, :logits.shape[1]].reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
            if ema is not None:
                with torch.no_grad():
                    for k, v in net.state_dict().items():
                        ema[k].mul_(average).add_(v, alpha=1 - average)
        net.eval()
        if ema is not None:
            trained = {k: v.clone() for k, v in net.state_dict().items()}
            net.load_state_dict(ema)
        current = to_tagger(net, vocab, layers)
        f = span_f1(current, val) if val else {"mean": float(epoch)}  # no val: the last wins
        log(f"tagger epoch {epoch}: loss {total / len(batches):.4f}  " + (
            f"val span F1 source {f['source']:.3f} cue {f['cue']:.3f} content {f['content']:.3f}"
            if val else "no val") + f"  ({time.perf_counter() - start:.0f} s)")
        if f["mean"] > best:
            best, since = f["mean"], 0
            best_state = {k: v.clone() for k, v in net.state_dict().items()}
            if on_best is not None:
                on_best(current)
        else:
            since += 1
            if since >= patience:
                break
        if ema is not None:
            net.load_state_dict(trained)
    net.load_state_dict(best_state)
    return to_tagger(net, vocab, layers)
