"""The project's scorer: brat reading, matching rules, and agreement with ../shared/eval."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys

import pytest
from tests.conftest import POLNEAR_DEV, ROOT, SEED, SHARED

from onrecord.evaluate.brat import GoldArticle, GoldQuote, parse_ann, read_polnear
from onrecord.evaluate.score import Scores, score, score_article

TEXT = ('The council leader said that the library would stay open. "We will not close it," '
        "she added. Critics believe the plan is too costly.")


def spans(*words: str) -> list[tuple[int, int]]:
    out = []
    for w in words:
        s = TEXT.index(w)
        out.append((s, s + len(w)))
    return out


GOLD = [
    GoldQuote(spans("that the library would stay open"), spans("The council leader"), spans("said")),
    GoldQuote(spans('"We will not close it,"'), spans("she"), spans("added")),
    GoldQuote(spans("the plan is too costly"), spans("Critics"), spans("believe")),
]


@pytest.mark.parametrize(("pred", "content_tp", "attr_tp", "role_tp"), [
    # identical: everything counts
    (GOLD, 3, 3, {"content": 3, "source": 3, "cue": 3}),
    # one word short: still a partial content match, no longer an exact span
    ([GoldQuote(spans("the library would stay open"), spans("leader"), spans("said"))],
     1, 1, {"content": 0, "source": 0, "cue": 1}),
    # quote marks do not matter; a wrong speaker costs the attribution, not the content
    ([GoldQuote(spans("We will not close it"), spans("Critics"), spans("added"))],
     1, 0, {"content": 1, "source": 1, "cue": 1}),
    # under half the words in common: no match
    ([GoldQuote(spans("costly"), spans("Critics"), [])], 0, 0,
     {"content": 0, "source": 1, "cue": 0}),
])
def test_matching(pred, content_tp, attr_tp, role_tp):
    s = Scores()
    score_article(s, TEXT, GOLD, pred)
    assert s.content["all"].tp_gold == content_tp
    assert s.attribution["all"].tp_gold == attr_tp
    assert {r: s.roles[r].tp_gold for r in role_tp} == role_tp


def test_direct_and_indirect_kinds():
    s = Scores()
    score_article(s, TEXT, GOLD, GOLD[1:2])
    assert (s.attribution["direct"].gold, s.attribution["indirect"].gold) == (1, 2)
    assert s.attribution["direct"].f1 == 1.0 and s.attribution["indirect"].r == 0.0


def test_optional_gold_neither_required_nor_wrong():
    gold = [GOLD[0], GoldQuote(GOLD[2].content, GOLD[2].source, GOLD[2].cue, optional=True)]
    s = Scores()
    score_article(s, TEXT, gold, [GOLD[0], GOLD[2]])
    assert (s.attribution["all"].p, s.attribution["all"].r) == (1.0, 1.0)
    s = Scores()
    score_article(s, TEXT, gold, [GOLD[0]])
    assert s.attribution["all"].r == 1.0


def test_brat_events_roles_and_discards():
    ann = "\n".join([
        "T1\tSource 0 18\tThe council leader",
        "T2\tCue 19 23\tsaid",
        "T3\tContent 24 56\tthat the library would stay open",
        "T4\tAttribution 19 23\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 83 88\tadded",
        "T6\tContent 58 66;75 81\tWe will it,",
        "T7\tContent2 67 74\tnot cl",
        "E2\tAttribution-no-source:T5 Content:T6 Content2:T7 Cue:T5",
        "T8\tDiscard 90 97\tCritics",
        "E3\tAttribution:T8 Cue:T8",
        "#1\tAnnotatorNotes T1\ta note",
    ])
    quotes = parse_ann(ann)
    assert len(quotes) == 2  # the event with only a discarded span has no content
    assert quotes[0] == GoldQuote([(24, 56)], [(0, 18)], [(19, 23)])
    assert quotes[1].content == [(58, 66), (67, 74), (75, 81)] and quotes[1].source == []


def _shared_scorer():
    path = SHARED / "eval" / "attrib_score.py"
    spec = importlib.util.spec_from_file_location("attrib_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _perturbed(gold: list[GoldArticle], seed: int = 7) -> dict[str, list[GoldQuote]]:
    """Predictions made from the gold by dropping, trimming and re-sourcing some attributions."""
    rng = random.Random(seed)
    out = {}
    for a in gold:
        qs = []
        for q in a.quotes:
            r = rng.random()
            if r < 0.2:
                continue
            content = [(s + (8 if r < 0.4 and e - s > 20 else 0), e) for s, e in q.content]
            source = [] if r > 0.85 else q.source
            cue = [(s, e + 3) for s, e in q.cue] if r > 0.7 else q.cue
            qs.append(GoldQuote(content, source, cue))
        out[a.id] = qs
    return out


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="needs ../shared/polnear/dev")
def test_agrees_with_the_shared_scorer_on_dev():
    shared = _shared_scorer()
    gold = read_polnear(POLNEAR_DEV)
    pred = _perturbed(gold)
    ours = score(gold, pred)
    records, _ = shared.polnear_records(POLNEAR_DEV)
    theirs = shared.score(shared.gold_articles(records), {
        k: [{"content": q.content, "source": q.source, "cue": q.cue} for q in v]
        for k, v in pred.items()})
    for kind in ("all", "direct", "indirect"):
        assert abs(ours.attribution[kind].f1 - theirs[kind]["attribution"]["F1"]) < 1e-9
        assert abs(ours.content[kind].f1 - theirs[kind]["content_partial"]["F1"]) < 1e-9
        assert abs(ours.strict[kind].f1 - theirs[kind]["content_strict"]["F1"]) < 1e-9
    for role in ("content", "source", "cue"):
        assert abs(ours.roles[role].f1 - theirs["role_exact"][role]["F1"]) < 1e-9


@pytest.mark.skipif(not SEED.with_suffix(".gold.json").is_file(), reason="needs the seed key")
def test_eval_command_on_the_seed_answer_key():
    done = subprocess.run([sys.executable, "-m", "onrecord.cli", "eval", "--gold",
                           f"{SEED}.gold.json", "--no-model"], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    lines = done.stdout.splitlines()
    assert lines[0] == "articles: 1"
    assert any(line.startswith("role-wise exact span F1: content") for line in lines)
    assert lines[-1] == "attribution_F1_all=1.0000 direct_F1=1.0000"
