"""The trained model at run time: tag spans, link them into attributions and merge them with the
rules' attributions. Weights load once from the package's `model/data/`."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from onrecord.extract.engine import Found, plain_report
from onrecord.extract.lexicon import cue_lexicon, cue_nouns, speech_acts
from onrecord.model import word_vectors
from onrecord.model.encoder import Encoder
from onrecord.model.features import Parsed, Tokens, featurize
from onrecord.model.link import Linker, TokSpan, token_spans
from onrecord.model.tagger import Member, Tagger
from onrecord.types import Span

WEIGHTS = "attribution_model.npz"
WEIGHTS_ENV = "ONRECORD_WEIGHTS"  # a retrained model's .npz, used instead of the shipped one
# speech (default): what people said; all: also PolNeAR's wider attributions (stances, beliefs,
# negated and non-verbal cues: "did not disclose", "seemed", "follows revelations that")
SCOPE_ENV = "ONRECORD_SCOPE"
SCOPES = ("speech", "all")
DOUBLE = "\"“”"
EDGE_PUNCT = ",;:—–- \n"
NEGATION = {"not", "never", "no", "nor", "neither"}
JOINT = re.compile(r"\s(?:and|&)\s")  # "Rep. Ann Lee and Sen. Bo Park"
RELATIVE = re.compile(r"(?:who|whom|whose|which|that)\b", re.IGNORECASE)
# How often a model attribution was right (content found, same source) against the tagger's mean
# probability of its spans, measured on the held-out part of PolNeAR train (1,759 attributions)
CALIBRATION = ((0.5, 0.3), (0.75, 0.55), (0.9, 0.7), (0.97, 0.83), (0.99, 0.92), (1.0, 0.96))
AGREED = 0.85  # the least often one was right when a rule found it too (same cue and source): 0.84


def shipped_path() -> Path | None:
    """The weights inside the installed package, if they are there."""
    p = resources.files("onrecord.model").joinpath("data", WEIGHTS)
    return Path(str(p)) if p.is_file() else None


def kind_of(text: str, content: list[Span]) -> str:
    """direct: wholly inside quote marks; mixed: some quoted words; indirect: none."""
    inside = " ".join(text[s:e] for s, e in content).strip(" ,.;:—–-")
    if not any(c in DOUBLE for c in inside):
        return "indirect"
    return "direct" if inside[:1] in DOUBLE and inside[-1:] in DOUBLE else "mixed"


def calibrated(p: float) -> float:
    """A model attribution's chance of being right, from its spans' mean tag probability."""
    xs, ys = zip(*CALIBRATION, strict=True)
    return float(np.interp(p, xs, ys))


def _overlaps(a: list[Span], b: list[Span]) -> bool:
    return any(s < f and e > t for s, e in a for t, f in b)


class AttributionModel:
    """Tagger + linker, and how their attributions are merged with the rules'."""

    def __init__(self, tagger: Tagger, linker: Linker, meta: dict | None = None) -> None:
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
        linker = Linker({k[7:]: v for k, v in arrays.items() if k.startswith("linker.")},
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
            out.append(Found(kind_of(text, content), content, chars(cue),
                             chars(source) if source else None, "model", p=calibrated(p)))
        return out

    def find(self, parsed: Parsed, text: str, start: int, rules: list[Found] | None = None
             ) -> list[Found]:
        """Attributions of an article parsed in pieces: the model's, merged with the rules'."""
        tokens, rules = featurize(parsed, text, start, rules)
        # The LSTM's products are small: extra BLAS threads only spin against the parse (and
        # against the other workers), which made the model path 3x slower on a busy machine.
        with threadpool_limits(1, user_api="blas"):
            found = [f for f in self.predict(tokens, text) if f.content[0][0] >= start]
        speech = os.environ.get(SCOPE_ENV, "speech") != "all"
        if speech:
            found = [f for f in found if is_speech(f, text)]
        out = merge(rules, found, self.meta.get("merge", "model"), text)
        if speech:  # PolNeAR, which --scope all follows, annotates no second-hand speech
            out = sorted(out + second_hand(rules, out, text), key=lambda f: f.content[0][0])
        return out


def merge(rules: list[Found], model: list[Found], mode: str, text: str) -> list[Found]:
    """How the model's attributions and the rules' combine (chosen on held-out data):
    model: the model alone; turns: transcript turns from the rules, and what the rules find inside
    them, win where they overlap;
    quotes: so do the rules' direct quotes (wholly quoted, with a cue next to them); direct: so do all
    the rules' quotes, and the other rules fill gaps; add: every rule attribution fills gaps."""
    if mode == "add":
        out = model + [r for r in rules if not any(_overlaps(r.content, m.content) for m in model)]
        return sorted(out, key=lambda f: f.content[0][0])
    turns = [r.content[0] for r in rules if r.kind == "turn"]

    def in_turn(r: Found) -> bool:
        return any(t[0] <= r.content[0][0] and r.content[-1][1] <= t[1] for t in turns)

    wins = {
        "model": lambda r: False,
        "turns": lambda r: r.kind == "turn" or in_turn(r),
        "quotes": lambda r: r.kind == "turn" or (r.kind == "direct" and r.via.startswith("quote-")),
        "direct": lambda r: r.kind == "turn" or r.via.startswith("quote-"),
    }[mode]
    strong = [r for r in rules if wins(r)]
    out = strong + [_widen_source(m, rules, text) for m in model
                    if not any(_overlaps(m.content, r.content) for r in strong)]
    out = [_continue_quote(_agreed(o, rules), rules, out, text) if o not in strong else o
           for o in out]
    if mode == "direct":
        out += [r for r in rules if r not in strong
                and not any(_overlaps(r.content, o.content) for o in out)]
    return sorted(out, key=lambda f: f.content[0][0])


def second_hand(rules: list[Found], out: list[Found], text: str) -> list[Found]:
    """The rules' attributions reported inside a quote or inside reported content ("I told
    them, 'Wait.'", "She said he had told the board that ..."), which the model, tagging one
    layer, cannot find: kept unless an attribution already holds their cue."""
    kept = []
    for r in rules:
        if r in out or r.cue is None or any(
                o.cue is not None and _overlaps([o.cue], [r.cue]) for o in out):
            continue
        lo = min(r.cue[0], r.source[0]) if r.source else r.cue[0]
        hi = max(r.content[-1][1], r.cue[1])
        part = next((p for o in out if o.kind != "turn" for p in o.content
                     if p[0] <= lo and hi <= p[1]), None)
        if r.within is not None or part is not None and r.frame and plain_report(r.frame, text):
            kept.append(replace(r, within=r.within or part))
    return kept


def is_speech(m: Found, text: str) -> bool:
    """Whether a model attribution reports speech: its cue is not negated ("did not disclose",
    "are not calling for") and holds a cue verb or noun, a speech act ("criticized"), a colon or
    a quote mark ("follows revelations", "is consulting with" are not)."""
    if m.cue is None:
        return True
    cue = text[m.cue[0] : m.cue[1]].lower()
    words = re.findall(r"[a-z’']+", cue)
    lead = re.split(r"[\"“”,.;:!?]", text[max(0, m.cue[0] - 12) : m.cue[0]])[-1]  # same clause
    before = re.findall(r"[a-z’']+", lead.lower())[-2:]
    if any(w in NEGATION or w.endswith(("n't", "n’t")) for w in words + before):
        return False
    lexicons = (cue_lexicon().forms, speech_acts(), cue_nouns())
    return (any(w in lex for w in words for lex in lexicons) or any(c in cue for c in ":\"“”")
            or kind_of(text, m.content) == "direct")


def _agreed(m: Found, rules: list[Found]) -> Found:
    """A model attribution a rule also found (overlapping content, cue and source) is more
    often right than the tagger's probabilities alone say."""
    if m.p is None or m.cue is None or m.p >= AGREED:
        return m
    for r in rules:
        if r.cue is None or not (_overlaps(r.content, m.content) and _overlaps([r.cue], [m.cue])):
            continue
        if (r.source is None) == (m.source is None) and (
                r.source is None or _overlaps([r.source], [m.source])):
            return replace(m, p=AGREED)
    return m


def _continue_quote(m: Found, rules: list[Found], out: list[Found], text: str) -> Found:
    """Add the quotes the rules found continuing the same quote with no cue of their own (the
    next paragraph's quote, the second half of an interrupted one): the model reads no further
    than a paragraph and links only what a cue reaches. Quotes another attribution holds stay."""
    for r in rules:
        if len(r.content) < 2 or not _overlaps(r.content[:1], m.content):
            continue
        more = [f for f in r.content[1:] if not any(_overlaps([f], o.content) for o in out)]
        if more:
            content = sorted(m.content + more)
            return replace(m, content=content, kind=kind_of(text, content))
    return m


def _widen_source(m: Found, rules: list[Found], text: str) -> Found:
    """Take the rules' source for the same cue when it is a joint mention ("X and Y") that holds
    the model's or runs into it (a trailing "both"): the resolver needs every speaker; or when
    the model's is a relative pronoun's clause ("who has ...") and the rules' the name before it.
    Other mentions stay as the model drew them: where the two differ, the model's edges matched
    the annotators' more often (without a relative clause, a dateline, "on Tuesday")."""
    if m.source is None or m.cue is None:
        return m
    for r in rules:
        if r.cue is None or r.source is None or not _overlaps([r.cue], [m.cue]):
            continue
        if not (JOINT.search(text, *r.source) or RELATIVE.match(text, *m.source)):
            continue
        (a, b), (c, d) = sorted([r.source, m.source])
        if r.source[0] <= m.source[0] and m.source[1] <= r.source[1] or (
                c >= b and not text[b:c].strip(" ,\n")):
            return replace(m, source=r.source)
    return m


@cache
def _load(path: str) -> AttributionModel:
    return AttributionModel.load(path)


def shipped_model() -> AttributionModel | None:
    """The model named by $ONRECORD_WEIGHTS, else the one shipped in the package (loaded once)."""
    p = os.environ.get(WEIGHTS_ENV) or shipped_path()
    return _load(str(p)) if p else None
