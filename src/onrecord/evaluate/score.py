"""Scores attributions against gold the way PolNeAR work measures them.

Spans become sets of word-token indices (`\\w+` matches), so punctuation and whitespace never
matter. Contents are paired one-to-one, greedily by decreasing Dice coefficient, keeping pairs of
Dice >= 0.5 (a partial match; strict when the token sets are equal). A matched pair is a correct
attribution when the sources share a token, or both have none. An attribution is direct when its
content text holds a double quote mark. Role-wise exact span F1 compares every contiguous span of
a role (each content fragment alone) as a token set, with no regard to linking.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from onrecord.evaluate.brat import ROLES, GoldArticle, GoldQuote
from onrecord.types import Span

WORD = re.compile(r"\w+")
DOUBLE_MARKS = frozenset('"\u201c\u201d')
MIN_DICE = 0.5
KINDS = ("all", "direct", "indirect")


@dataclass
class PRF:
    """Counts behind precision and recall; precision and recall may count different items."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return f"P {self.p:.3f}  R {self.r:.3f}  F1 {self.f1:.3f}"


@dataclass
class Scores:
    """Content (partial and strict) and attribution P/R/F1 per kind, role-wise exact span F1."""

    content: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    strict: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    attribution: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    articles: int = 0

    def summary(self) -> str:
        """The shared scorer's last line, for comparison."""
        return (f"attribution_F1_all={self.attribution['all'].f1:.4f} "
                f"direct_F1={self.attribution['direct'].f1:.4f}")

    def report(self) -> str:
        lines = [f"articles: {self.articles}",
                 f"{'':9}{'gold':>6}{'pred':>6}  {'content (partial)':<32}{'attribution':<32}"]
        for k in KINDS:
            c, a = self.content[k], self.attribution[k]
            lines.append(f"{k:<9}{c.gold:>6}{c.pred:>6}  {c.line():<32}{a.line():<32}")
        lines.append("content strict: " + "  ".join(
            f"{k} F1 {self.strict[k].f1:.3f}" for k in KINDS))
        lines.append("role-wise exact span F1: " + "  ".join(
            f"{r} {self.roles[r].f1:.3f} (P {self.roles[r].p:.3f} R {self.roles[r].r:.3f})"
            for r in ROLES))
        lines.append(self.summary())
        return "\n".join(lines)


class Words:
    """The word tokens of one text, to turn character spans into token-index sets."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(WORD.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def of(self, spans: Iterable[Span]) -> frozenset[int]:
        ids: set[int] = set()
        for s, e in spans:
            ids.update(range(bisect_right(self.ends, s), bisect_left(self.starts, e)))
        return frozenset(ids)

    def kind(self, spans: Iterable[Span]) -> str:
        inside = "".join(self.text[s:e] for s, e in spans)
        return "direct" if DOUBLE_MARKS.intersection(inside) else "indirect"


@dataclass
class _Item:
    content: frozenset[int]
    source: frozenset[int]
    kind: str
    optional: bool


def _items(words: Words, quotes: list[GoldQuote]) -> list[_Item]:
    return [_Item(words.of(q.content), words.of(q.source), words.kind(q.content), q.optional)
            for q in quotes]


def pair_contents(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs by decreasing Dice >= 0.5; ties in gold, then pred order."""
    scored = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            common = len(g & p)
            if common:
                d = 2 * common / (len(g) + len(p))
                if d >= MIN_DICE:
                    scored.append((-d, gi, pi))
    scored.sort()
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    pairs = []
    for _, gi, pi in scored:
        if gi not in taken_g and pi not in taken_p:
            taken_g.add(gi)
            taken_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _add(table: dict[str, PRF], kind: str, attr: str) -> None:
    for k in ("all", kind):
        setattr(table[k], attr, getattr(table[k], attr) + 1)


def score_article(scores: Scores, text: str, gold: list[GoldQuote], pred: list[GoldQuote]) -> None:
    """Add one article's counts to `scores`."""
    words = Words(text)
    g, p = _items(words, gold), _items(words, pred)
    pairs = pair_contents([x.content for x in g], [x.content for x in p])
    excused = {pi for gi, pi in pairs if g[gi].optional}
    for x in g:
        if not x.optional:
            for table in (scores.content, scores.strict, scores.attribution):
                _add(table, x.kind, "gold")
    for pi, x in enumerate(p):
        if pi not in excused:
            for table in (scores.content, scores.strict, scores.attribution):
                _add(table, x.kind, "pred")
    for gi, pi in pairs:
        gq, pq = g[gi], p[pi]
        if gq.optional:
            continue
        hits = [scores.content]
        if gq.content == pq.content:
            hits.append(scores.strict)
        if (gq.source & pq.source) if gq.source else not pq.source:
            hits.append(scores.attribution)
        for table in hits:
            _add(table, gq.kind, "tp_gold")
            _add(table, pq.kind, "tp_pred")
    for role in ROLES:
        def bag(quotes: list[GoldQuote], optional: bool, role: str = role) -> Counter:
            return Counter(t for q in quotes if q.optional == optional for s in q.role(role)
                           if (t := words.of([s])))

        want, maybe, got = bag(gold, False), bag(gold, True), bag(pred, False)
        hit = want & got
        r = scores.roles[role]
        r.gold += sum(want.values())
        r.tp_gold += sum(hit.values())
        r.tp_pred += sum(hit.values())
        r.pred += sum(got.values()) - sum(((got - hit) & maybe).values())
    scores.articles += 1


def score(gold: Iterable[GoldArticle], pred: Mapping[str, list[GoldQuote]]) -> Scores:
    """Scores of predictions (article id -> quotes) against gold articles."""
    scores = Scores()
    for article in gold:
        score_article(scores, article.text, article.quotes, pred.get(article.id, []))
    return scores
