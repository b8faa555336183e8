"""Per-token features of one parsed article: the parse, the cue lexicon, quote marks and the
rules' own attributions, as strings (mapped to ids by the model's vocabularies)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np
from spacy.tokens import Doc, Token

from onrecord.extract.engine import find
from onrecord.extract.lexicon import cue_lexicon
from onrecord.extract.parse import Parsed, frames_of
from onrecord.extract.quotes import double_quotes
from onrecord.extract.segment import paragraphs
from onrecord.types import Found

ROLES = ("source", "cue", "content")
TAGS = ("O", *(f"{p}-{r}" for r in ROLES for p in "BI"))
FEATURES = ("word", "pos", "tag", "dep", "head", "cue", "hcue", "anc", "quote", "rule", "rkind",
            "edge", "shape")
MAX_HOPS = 6
WIDTH = 96  # en_core_web_sm's token vectors
CHUNK = 160  # tokens per BiLSTM sequence


@dataclass
class Tokens:
    """One article's tokens: character offsets, texts, string features and the tok2vec tensor."""

    words: list[str]
    starts: np.ndarray
    ends: np.ndarray
    feats: dict[str, list[str]]
    vectors: np.ndarray  # (n_tokens, width) float32
    heads: np.ndarray  # token index of each token's syntactic head
    sents: np.ndarray  # sentence number of each token
    paras: np.ndarray  # paragraph number of each token

    def __len__(self) -> int:
        return len(self.starts)


def chunks(tokens: Tokens, size: int = CHUNK) -> list[tuple[int, int]]:
    """The units the taggers read, batched: greedy runs of whole paragraphs of at most `size`
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


def feature_ids(table: dict[str, int], values: list[str]) -> np.ndarray:
    """A feature's ids in one model's vocabulary (1: unseen)."""
    return np.fromiter(map(table.get, values, repeat(1)), dtype=np.int64, count=len(values))


def _bucket(d: int) -> str:
    a = abs(d)
    b = str(a) if a <= 2 else "3-5" if a <= 5 else "6-10" if a <= 10 else "11+"
    return ("-" if d < 0 else "+") + b


def _kind(tok: Token) -> str:
    if tok.lower_ == "according":
        return "according"
    if tok.pos_ not in ("VERB", "AUX"):
        return "-"
    return cue_lexicon().kind(tok.lemma_) or "-"


def _ancestor(tok: Token) -> str:
    """The nearest cue-verb ancestor: its kind and the dependency by which the path leaves it."""
    node = tok
    for hops in range(MAX_HOPS):
        head = node.head
        if head is node:
            break
        k = _kind(head)
        if k != "-":
            return f"{k}|{node.dep_}|{min(hops, 2)}"
        node = head
    return "-"


def _shape(tok: Token) -> str:
    t = tok.text
    if tok.is_space:
        return "space"
    if t[0].isupper():
        return "Xx" if not t.isupper() or len(t) == 1 else "XX"
    if t[0].isdigit():
        return "d"
    if t[0].isalpha():
        return "x"
    return t[0] if t[0] in "\"“”'‘’,.:;—–-()" else "p"


def featurize(parsed: Parsed, text: str, start: int = 0, found: list[Found] | None = None
              ) -> tuple[Tokens, list[Found]]:
    """The features of an article parsed in pieces (body from `start`) and the rules' output
    on the same parse."""
    if found is None:
        found = find(text, start, frames_of(parsed))
    toks = [(t, base) for doc, base in parsed for t in doc]
    n = len(toks)
    starts = np.fromiter((base + t.idx for t, base in toks), dtype=np.int64, count=n)
    ends = np.fromiter((base + t.idx + len(t.text) for t, base in toks), dtype=np.int64, count=n)
    offsets = np.cumsum([0] + [len(doc) for doc, _ in parsed])
    heads = np.concatenate([[t.head.i + offsets[k] for t in doc] for k, (doc, _) in
                            enumerate(parsed)] or [[]]).astype(np.int64)
    paras = paragraphs(text, start)
    para_of = np.zeros(n, dtype=np.int64)
    for k, (ps, _) in enumerate(paras):
        para_of[np.searchsorted(starts, ps):] = k
    quote = ["out"] * n
    for q in double_quotes(text, paras):
        lo, hi = np.searchsorted(ends, q.start, "right"), np.searchsorted(starts, q.end)
        for i in range(lo, hi):
            quote[i] = "in"
        if lo < n and starts[lo] <= q.start:
            quote[lo] = "open"
        if hi > 0 and ends[hi - 1] >= q.end:
            quote[hi - 1] = "close"
    rule = ["O"] * n
    rkind = ["-"] * n
    for f in found:
        if f.via == "nested":
            continue  # the model was trained on the rules' one layer of reported speech
        for role, spans in (("content", f.content), ("source", [f.source] if f.source else []),
                            ("cue", [f.cue] if f.cue else [])):
            for s, e in spans:
                lo, hi = np.searchsorted(ends, s, "right"), np.searchsorted(starts, e)
                for i in range(lo, hi):
                    rule[i] = f"{'B' if i == lo else 'I'}-{role}"
                    rkind[i] = f"{f.kind}|{f.via}"
    sent_of = np.zeros(n, dtype=np.int64)
    edge = ["-"] * n
    k = 0
    for d, (doc, _) in enumerate(parsed):
        for sent in doc.sents:
            sent_of[offsets[d] + sent.start:offsets[d] + sent.end] = k
            edge[offsets[d] + sent.start] = "sent"
            k += 1
    for i in range(1, n):
        if para_of[i] != para_of[i - 1]:
            edge[i] = "para"
    feats: dict[str, list[str]] = {name: [] for name in FEATURES}
    for t, _ in toks:
        feats["word"].append("<num>" if t.like_num else t.lower_)
        feats["pos"].append(t.pos_)
        feats["tag"].append(t.tag_)
        feats["dep"].append(t.dep_)
        feats["head"].append(_bucket(t.head.i - t.i))
        feats["cue"].append(_kind(t))
        feats["hcue"].append(f"{_kind(t.head)}|{t.dep_}")
        feats["anc"].append(_ancestor(t))
        feats["shape"].append(_shape(t))
    feats["quote"], feats["rule"], feats["rkind"], feats["edge"] = quote, rule, rkind, edge
    vectors = np.concatenate([_vectors(doc) for doc, _ in parsed] or [np.zeros((0, WIDTH))])
    words = [t.text for t, _ in toks]
    return Tokens(words, starts, ends, feats, vectors.astype(np.float32), heads, sent_of,
                  para_of), found


def _vectors(doc: Doc) -> np.ndarray:
    t = doc.tensor
    return t if t is not None and t.shape == (len(doc), WIDTH) else np.zeros((len(doc), WIDTH))


def spans_from_tags(tokens: Tokens, tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(role, first token, last token + 1) runs of a BIO tag sequence; a stray I- opens a span,
    and a paragraph break closes one (PolNeAR's annotators split a quote that runs on into
    fragments: 3 of its 92,000 train spans hold a line break)."""
    out: list[tuple[str, int, int]] = []
    cur: tuple[str, int] | None = None
    paras = tokens.paras
    for i, tag in enumerate([*tags, "O"]):
        role = tag[2:] if tag != "O" else None
        if cur is not None and (role != cur[0] or tag.startswith("B-")
                                or (i < len(tags) and paras[i] != paras[i - 1])):
            out.append((cur[0], cur[1], i))
            cur = None
        if role is not None and cur is None:
            cur = (role, i)
    return out
