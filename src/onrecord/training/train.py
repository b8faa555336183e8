"""`onrecord train`: parse a brat corpus, train the taggers (an ensemble, one seed each, on every
annotator's version of an article, with the shipped word vectors) and the linker on most of it,
tune the linker's thresholds on the held-out part and find there which policy of combine.py
suits the model best (recorded in the weights as a recommendation), save the weights.

Needs PyTorch (`pip install torch==2.13.0`, the CPU build); each tagger trains in its own process
on one thread with its own fixed seed.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from onrecord.combine import DEFAULT_SCOPE, combine
from onrecord.evaluate.brat import GoldQuote, read_polnear
from onrecord.evaluate.score import Scores, score_article
from onrecord.model import word_vectors
from onrecord.model.apply import AttributionModel
from onrecord.model.encoder import Encoder
from onrecord.model.tagger import Tagger
from onrecord.model.word_vectors import with_word_vectors
from onrecord.settings import DEFAULT_SPACY_MODEL
from onrecord.training.corpus import Example, every_version, examples

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
# The policies tried (combine.POLICIES): those that keep the rules' transcript turns and direct
# quotes, which the rules find with near-perfect precision (the seed article's answer key holds
# 19 of 19 that way).
MERGES = ("turns", "quotes", "direct")
AVERAGE = 0.995  # the taggers keep a moving average of their weights (decay per step)
ENCODER_WEIGHTS = (0.25, 0.33, 0.5, 0.67, 0.75)  # the transformer member's share of the scores
# What a run with a held-out part picked on PolNeAR train (share, policy, linker thresholds, the
# BiLSTM's best epoch): a run on every article (`val_share=0`) takes these instead.
PICKED = {"encoder_weight": 0.5, "merge": "turns", "content": 0.3, "source": 0.3, "epochs": 13}


def split(exs: list[Example], share: float, seed: int) -> tuple[list[Example], list[Example]]:
    """A seeded random part of the articles for early stopping and tuning; the rest to train
    (all of them with `share` 0)."""
    if share <= 0:
        return exs, []
    ids = sorted(e.id for e in exs)
    random.Random(seed).shuffle(ids)
    held = set(ids[: max(1, int(len(ids) * share))])
    return [e for e in exs if e.id not in held], [e for e in exs if e.id in held]


def _quotes(found: list) -> list[GoldQuote]:
    return [GoldQuote(list(f.content), [f.source] if f.source else [], [f.cue] if f.cue else [])
            for f in found]


def val_scores(model: AttributionModel, val: list[Example], spans: dict[str, list],
               policy: str, scope: str = "all") -> Scores:
    """End-to-end scores on held-out examples, combined with the rules by `policy` in `scope`."""
    s = Scores()
    for e in val:
        found = combine(e.rules, model.predict(e.tokens, e.text, spans[e.id]), e.text, policy,
                        scope)
        score_article(s, e.text, e.quotes, _quotes(found))
    return s


def tune(model: AttributionModel, val: list[Example], log: Callable[[str], None]) -> None:
    """Pick linker thresholds and the policy to recommend by attribution F1 (all and direct
    quotes) on the held-out part, summed over both scopes: the default (speech) and every
    attribution. With nothing held out, take PICKED's. The policy is only recorded
    (`meta["merge"]`): the settings choose the one in use, and a test checks they agree."""
    if not val:
        model.linker.thresholds = {"content": PICKED["content"], "source": PICKED["source"]}
        model.meta["merge"] = PICKED["merge"]
        return
    best = (-1.0, "")
    spans = {e.id: model.spans(e.tokens, e.text) for e in val}
    for mode in MERGES:
        for tc in THRESHOLDS:
            for ts in THRESHOLDS:
                model.linker.thresholds = {"content": tc, "source": ts}
                both = [val_scores(model, val, spans, mode, scope)
                        for scope in (DEFAULT_SCOPE, "all")]
                f = sum(s.attribution["all"].f1 + s.attribution["direct"].f1 for s in both)
                if f > best[0]:
                    best = (f, f"{mode} {tc} {ts}")
                    log(f"tune {mode} content>={tc} source>={ts}: speech {both[0].summary()}, "
                        f"all {both[1].summary()}")
    mode, tc, ts = best[1].split()
    model.linker.thresholds = {"content": float(tc), "source": float(ts)}
    model.meta["merge"] = mode


_JOB: dict = {}  # what forked member processes read: the examples and the options


def _train_member(job: tuple[str, int]) -> Tagger | Encoder:
    import torch

    from onrecord.training.encoder import train_encoder
    from onrecord.training.tagger import train_tagger

    torch.set_num_threads(1)
    kind, seed = job
    log = _JOB["log"]
    if kind == "encoder":
        return train_encoder(_JOB["first"], word_vectors.shipped(), seed=seed,
                             epochs=_JOB["encoder_epochs"],
                             log=lambda m: log(f"[encoder {seed}] {m}"))
    return train_tagger(_JOB["train"], _JOB["val"], seed=seed, epochs=_JOB["epochs"],
                        average=AVERAGE, log=lambda m: log(f"[seed {seed}] {m}"))


def train_ensemble(train_part: list[Example], val: list[Example], seeds: list[int], epochs: int,
                   log: Callable[[str], None],
                   vectors: word_vectors.WordVectors | None = None,
                   encoder_seeds: list[int] | None = None, encoder_epochs: int = 4) -> Tagger:
    """One BiLSTM tagger per seed and one transformer member per encoder seed, each in its own
    process on one thread, then merged into an ensemble (the transformer's share tuned on `val`).
    Members read the parsed examples from the parent's memory (fork). The examples hold the word
    vectors already; the ensemble gets `vectors` to add them at run time. The transformer members
    read each article's first annotation only (their epochs cost several of the BiLSTMs')."""
    jobs = [("lstm", s) for s in seeds] + [("encoder", s) for s in encoder_seeds or []]
    seen: set[str] = set()
    first = [e for e in train_part if e.id not in seen and not seen.add(e.id)]
    _JOB.update(train=train_part, val=val, epochs=epochs, log=log, first=first,
                encoder_epochs=encoder_epochs)
    try:
        if len(jobs) == 1:
            done = [_train_member(jobs[0])]
        else:
            with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
                done = pool.map(_train_member, jobs)
    finally:
        _JOB.clear()
    taggers = [t for t in done if isinstance(t, Tagger)]
    encoders = [e for e in done if isinstance(e, Encoder)]
    members, layers = [m for t in taggers for m in t.members], taggers[0].layers
    share = PICKED["encoder_weight"] if encoders else 0.0
    if encoders and val:
        from onrecord.training.tagger import span_f1

        share = max(ENCODER_WEIGHTS, key=lambda w: span_f1(
            Tagger(members, layers, None, encoders, w), val)["mean"])
        log(f"transformer share {share}")
    return Tagger(members, layers, vectors, encoders, share)


def _with_vectors(exs: list[Example], wv: word_vectors.WordVectors) -> list[Example]:
    """The examples with word vectors in their tokens (versions of an article share them)."""
    done: dict[int, object] = {}
    for e in exs:
        if id(e.tokens) not in done:
            done[id(e.tokens)] = with_word_vectors(e.tokens, wv)
    return [replace(e, tokens=done[id(e.tokens)]) for e in exs]


def train(corpus: str | Path, out: str | Path, seed: int = 0, val_share: float = 0.1,
          epochs: int | None = None, members: int = 1, encoders: int = 1, encoder_epochs: int = 4,
          limit: int | None = None, model: str | None = None, about: str | None = None,
          log: Callable[[str], None] = print) -> AttributionModel:
    """Train on a PolNeAR-layout brat corpus and save the weights to `out`: an ensemble of
    `members` BiLSTM taggers and `encoders` transformer members (seeds seed, seed+1, ...) and the
    linker. `epochs`: the BiLSTMs' most (default 20, early stopping on the held-out part). With
    `val_share` 0 it trains on every article: `epochs` BiLSTM epochs (default PICKED's), and
    PICKED's share and linker settings. `about` says what the corpus is (kept in
    the weights' metadata; default: its path)."""
    import torch

    from onrecord.pipeline import load_nlp
    from onrecord.training.linker import train_linker
    from onrecord.training.tagger import span_f1

    torch.set_num_threads(1)
    started = time.perf_counter()
    nlp = load_nlp(model or DEFAULT_SPACY_MODEL)
    gold = read_polnear(corpus, limit, every_annotator=True)
    exs = list(examples(gold, nlp))
    log(f"parsed {len(exs)} articles in {time.perf_counter() - started:.0f} s")
    train_part, val = split(exs, val_share, seed)
    epochs = epochs or (20 if val else PICKED["epochs"])
    versions = every_version(train_part)
    log(f"training on {len(train_part)} articles ({len(versions)} annotations), "
        f"{len(val)} held out")
    wv = word_vectors.shipped()
    tagger = train_ensemble(_with_vectors(versions, wv), _with_vectors(val, wv),
                            [seed + k for k in range(members)], epochs, log, wv,
                            [seed + k for k in range(encoders)], encoder_epochs)
    if val:
        log(f"ensemble of {members} + {encoders}: val span F1 {span_f1(tagger, val)}")
    linker = train_linker(train_part, seed=seed)
    result = AttributionModel(tagger, linker, {
        "trained_on": about or str(corpus), "articles": len(train_part), "held_out": len(val),
        "seed": seed, "members": members, "encoders": encoders,
        "spacy_model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}"})
    tune(result, val, log)
    result.meta["train_seconds"] = round(time.perf_counter() - started)
    result.save(out)
    log(f"saved {out} after {result.meta['train_seconds']} s")
    return result
