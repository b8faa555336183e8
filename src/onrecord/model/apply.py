"""The trained model at run time: load the weights, tag spans, link them into attributions.

How its attributions are combined with the rules' is not decided here: see `combine.py`. The
weights file records what training recommended (`meta["merge"]`, the policy picked on held-out
data); the configuration chooses.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from onrecord.extract.parse import Parsed
from onrecord.extract.quotes import content_kind
from onrecord.model import word_vectors
from onrecord.model.encoder import Encoder
from onrecord.model.features import Tokens, featurize
from onrecord.model.link import SpanLinker, TokSpan, token_spans
from onrecord.model.tagger import Member, Tagger
from onrecord.types import Found, Span

WEIGHTS = "attribution_model.npz"
EDGE_PUNCT = ",;:—–- \n"
# How often a model attribution was right (content found, same source) against the tagger's mean
# probability of its spans, measured on the held-out part of PolNeAR train (1,759 attributions)
CALIBRATION = ((0.5, 0.3), (0.75, 0.55), (0.9, 0.7), (0.97, 0.83), (0.99, 0.92), (1.0, 0.96))


def shipped_path() -> Path | None:
    """The weights inside the installed package, if they are there."""
    p = resources.files("onrecord.model").joinpath("data", WEIGHTS)
    return Path(str(p)) if p.is_file() else None


def calibrated(p: float) -> float:
    """A model attribution's chance of being right, from its spans' mean tag probability."""
    xs, ys = zip(*CALIBRATION, strict=True)
    return float(np.interp(p, xs, ys))


class AttributionModel:
    """Tagger + span linker; `meta` says what it was trained on and what training recommended."""

    def __init__(self, tagger: Tagger, linker: SpanLinker, meta: dict | None = None) -> None:
        self.tagger = tagger
        self.linker = linker
        self.meta = meta or {}

    @classmethod
    def load(cls, path: str | Path) -> AttributionModel:
        with np.load(path) as z:
            arrays = {k: z[k].astype(np.float32) for k in z.files if k != "meta"}
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
        members = [Member({k[len(f"tagger.{j}."):]: v for k, v in arrays.items()
                           if k.startswith(f"tagger.{j}.")}, vocab)
                   for j, vocab in enumerate(meta["vocab"])]
        encoders = [Encoder({k[len(f"encoder.{j}."):]: v for k, v in arrays.items()
                             if k.startswith(f"encoder.{j}.")}, vocab, word_vectors.shipped())
                    for j, vocab in enumerate(meta.get("encoder_vocab", []))]
        tagger = Tagger(members, meta["layers"],
                        word_vectors.shipped() if meta.get("word_vectors") else None,
                        encoders, meta.get("encoder_weight", 0.0))
        linker = SpanLinker({k[7:]: v for k, v in arrays.items() if k.startswith("linker.")},
                            meta["thresholds"])
        return cls(tagger, linker, {k: v for k, v in meta.items()
                                    if k not in ("vocab", "encoder_vocab")})

    def save(self, path: str | Path) -> None:
        meta = {**self.meta, "vocab": [m.vocab for m in self.tagger.members],
                "layers": self.tagger.layers, "thresholds": self.linker.thresholds,
                "word_vectors": self.tagger.word_vectors is not None,
                "encoder_vocab": [e.vocab for e in self.tagger.encoders],
                "encoder_weight": self.tagger.encoder_weight}
        arrays = {f"{kind}.{j}.{k}": v.astype(np.float16)
                  for kind, nets in (("tagger", self.tagger.members),
                                     ("encoder", self.tagger.encoders))
                  for j, m in enumerate(nets) for k, v in m.w.items()}
        arrays |= {f"linker.{k}": v for k, v in self.linker.w.items()}
        blob = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, meta=blob, **arrays)

    def spans(self, tokens: Tokens, text: str) -> list[TokSpan]:
        """The tagger's source, cue and content spans."""
        tags, probs = self.tagger.tag(tokens)
        return token_spans(tokens, tags, text, probs)

    def predict(self, tokens: Tokens, text: str, spans: list[TokSpan] | None = None
                ) -> list[Found]:
        """The model's own attributions of one featurized article."""
        if spans is None:
            spans = self.spans(tokens, text)

        def chars(s: TokSpan) -> Span:
            start, end = int(tokens.starts[s.lo]), int(tokens.ends[s.hi - 1])
            if s.role != "content":  # "The port director, Ana Ruiz," -> without the comma
                while end > start + 1 and text[end - 1] in EDGE_PUNCT:
                    end -= 1
            return start, end

        out = []
        for cue, frags, source in self.linker.link(tokens, spans):
            content = [chars(f) for f in frags]
            parts = [cue, *frags, *([source] if source else [])]
            p = sum(s.p * (s.hi - s.lo) for s in parts) / sum(s.hi - s.lo for s in parts)
            out.append(Found(content_kind(text, content), content, chars(cue),
                             chars(source) if source else None, "model", p=calibrated(p)))
        return out

    def find(self, parsed: Parsed, text: str, start: int, rules: list[Found]) -> list[Found]:
        """The model's attributions of an article parsed in pieces (body from `start`); `rules`,
        the rules' attributions on the same parse, are among its features."""
        tokens, _ = featurize(parsed, text, start, rules)
        # The LSTM's products are small: extra BLAS threads only spin against the parse (and
        # against the other workers), which made the model path 3x slower on a busy machine.
        with threadpool_limits(1, user_api="blas"):
            return [f for f in self.predict(tokens, text) if f.content[0][0] >= start]


@cache
def _load(path: str) -> AttributionModel:
    return AttributionModel.load(path)


def load_weights(path: str | Path | None = None) -> AttributionModel | None:
    """The model at `path`, else the one shipped in the package (None when it is not there);
    each file is loaded once per process."""
    p = path or shipped_path()
    return _load(str(p)) if p else None
