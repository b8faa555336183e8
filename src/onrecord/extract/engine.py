"""One article's attribution spans: quotes and turns from the marks, cues and sources from the parse
of only the sentences that can hold a cue."""

from __future__ import annotations

import re
from bisect import bisect_right

from onrecord.extract.lexicon import cue_lexicon
from onrecord.extract.parse import ParseFn
from onrecord.extract.quotes import Quote, double_quotes, single_quotes
from onrecord.extract.segment import after_dateline, paragraphs, sentences
from onrecord.extract.turns import Turn, turns
from onrecord.types import Found, Frame, Span

WORD = re.compile(r"[A-Za-z]+")
GAP_AFTER = re.compile(r"^[\s,”\"’']*$")  # between a quote's end and its "said X" clause
# between "X said:" and the quote; "quote," is how speech read out from notes is flagged
GAP_BEFORE = re.compile(r"^[\s,:;—–-]*(?:quote[\s,:;—–-]+)?$", re.IGNORECASE)
FIRST_PERSON = {"i", "we", "my", "our"}
PAST_SPEECH = {"said", "told", "wrote", "spoke", "rang"}


def _inside(span: Span, region: Span) -> bool:
    return region[0] <= span[0] and span[1] <= region[1]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def candidate_sentences(text: str, paras: list[Span], quotes: list[Quote]) -> list[Span]:
    """Sentences that hold a cue-word form or a quote's edge: the only ones worth parsing."""
    forms = cue_lexicon().forms
    edges = sorted({q.start for q in quotes} | {q.end - 1 for q in quotes})
    out = []
    for p in paras:
        for s in sentences(text, p):
            k = bisect_right(edges, s[0] - 1)
            at_edge = k < len(edges) and edges[k] < s[1]
            if at_edge or any(m.group(0).lower() in forms for m in WORD.finditer(text, *s)):
                out.append(s)
    return out


def find(text: str, start: int, parse: ParseFn) -> list[Found]:
    """The rules' attributions of an article whose body starts at `start`; `parse` gives the
    cue frames of the candidate sentences (extract/parse.py)."""
    paras = paragraphs(text, start)
    dq = double_quotes(text, paras)
    tn = turns(text, paras)
    regions = [q.span for q in dq] + [t.content for t in tn]
    singles = [
        q for r in regions for q in single_quotes(text, r) if not any(
            _overlaps(q.span, d.span) and not _inside(q.span, d.span) for d in dq)
    ]
    sents = candidate_sentences(text, paras, dq)
    parsed = [f for fs in parse(text, sents) for f in fs]
    # cue-verb frames first; any other verb with a subject only claims a quote no cue claimed
    frames = [f for f in parsed if f.kind != "generic"] + [f for f in parsed if f.kind == "generic"]
    found: list[Found] = []
    claimed: set[int] = set()  # ids of quotes attached to some attribution
    used: set[int] = set()  # ids of frames used by a quote

    para_starts = [p[0] for p in paras]

    def para_of(pos: int) -> int:
        return bisect_right(para_starts, pos) - 1

    def sent_start(pos: int) -> int:
        p = paras[para_of(pos)]
        best = p[0]
        for s in sentences(text, p):
            if s[0] <= pos:
                best = s[0]
        return best

    def nested_in(span: Span) -> Quote | Turn | None:
        for q in dq:
            if _inside(span, q.span):
                return q
        for t in tn:
            if _inside(span, t.content):
                return t
        return None

    all_quotes = sorted(dq + singles, key=lambda q: q.start)
    for q in all_quotes:
        container = nested_in(q.span) if q.nested else None
        best: tuple[str, Frame] | None = None
        for f in frames:
            if id(f) in used or f.negated or f.cue is None:
                continue
            if para_of(f.cue[0]) != para_of(q.start) and para_of(f.cue[0]) != para_of(q.end - 1):
                continue
            if _inside(f.cue, q.span):
                continue
            if container is not None and not _inside(f.cue, _region(container)):
                continue
            if f.kind == "generic" and best is not None:
                break
            if f.content and _overlaps(f.content, q.span) and f.kind != "according":
                if f.kind != "generic" or (
                    f.source is not None
                    and f.cue[1] <= q.start
                    and not _overlaps(f.source, q.span)
                    and not _title_case(text[q.start : q.end])
                ):
                    best = ("content", f)
                    break
            clause_start = min(f.cue[0], f.source[0]) if f.source else f.cue[0]
            if (
                clause_start >= q.end
                and GAP_AFTER.match(text[q.end : clause_start])
                and not _ends_sentence(text, q)
            ):
                if f.source is not None or f.inherited:
                    best = ("after", f)
                    break
            clause_end = max(f.cue[1], f.source[1]) if f.source else f.cue[1]
            if (
                f.source is not None
                and clause_end <= q.start
                and (f.content is None or _overlaps(f.content, q.span))
                and GAP_BEFORE.match(text[_after_cue(text, f) : q.start])
            ):
                best = ("before", f)
        if best is None:
            continue
        how, f = best
        if how == "content":
            lo, hi = min(f.content[0], q.start), max(f.content[1], q.end)
            if f.kind == "generic":
                hi = q.end
            mixed = len(WORD.findall(text[lo:q.start] + text[q.end:hi])) >= 2
            content = [(lo, hi)]
            kind = "mixed" if mixed else "direct"
        elif how == "after":
            s0 = sent_start(q.start)
            lead = text[s0:q.start]
            if len(WORD.findall(lead)) >= 2 and not any(
                _inside(o.span, (s0, q.start)) for o in dq):
                content, kind = [(s0, q.end)], "mixed"
            else:
                content, kind = [q.span], "direct"
        else:
            content, kind = [q.span], "direct"
        if f.kind == "generic" and kind == "direct" and len(WORD.findall(text, *q.span)) < 9:
            continue  # a short quote next to any verb is a title or a scare quote, not speech
        used.add(id(f))
        claimed.add(id(q))
        found.append(Found(kind, content, f.cue, f.source, f"quote-{how}", frame=f))

    # Quotes with no cue of their own continue the attribution before them: the second half of
    # an interrupted quote, or a paragraph that opens with a quote after a quoted paragraph.
    by_pos = sorted(found, key=lambda a: a.content[0][0])
    for q in dq:
        if id(q) in claimed:
            continue
        prev = [a for a in by_pos if a.content[-1][1] <= q.start and a.kind in ("direct", "mixed")]
        if not prev:
            continue
        a = prev[-1]
        same_para = para_of(a.content[-1][1] - 1) == para_of(q.start)
        next_para = para_of(q.start) == para_of(a.content[-1][1] - 1) + 1 and q.start == paras[
            para_of(q.start)][0]
        later = [o for o in dq if a.content[-1][1] <= o.start < q.start]
        if later:
            continue
        if (same_para and _words_outside_clause(text, a, q.start) <= 18) or next_para:
            a.content.append(q.span)
            claimed.add(id(q))

    for t in tn:
        found.append(Found("turn", [t.content], None, t.label, "turn", label=True))

    for f in frames:
        if id(f) in used or f.negated or f.content is None or f.cue is None:
            continue
        if f.source is None or f.kind == "generic":
            continue
        inner = nested_in(f.cue)
        if inner is not None and (f.kind != "speech" or f.inherited or f.content[0] < f.cue[0]):
            continue  # inside a quote or turn, only plain "X said that ..." counts
        via, within = "reported", None
        if any(_overlaps(f.content, a.content[0]) and a.kind != "turn" for a in found):
            within = _reported_within(f, found, text)
            if within is None:
                continue
            via = "nested"  # "He said [his deputy had told the board [that ...]]"
        kind = "indirect"
        if any(_inside(q.span, f.content) for q in dq):
            kind = "mixed"
        found.append(Found(kind, [f.content], f.cue, f.source, via, frame=f, within=within))
    for a in found:
        if a.cue is not None and a.kind != "turn":
            a.within = next((q.span for q in dq if _inside(a.cue, q.span)), a.within)
        if a.source is not None and not a.label:
            a.source = after_dateline(text, a.source)
        a.content = [after_dateline(text, c) for c in a.content]
    found.sort(key=lambda a: a.content[0][0])
    return found


def plain_report(f: Frame, text: str) -> bool:
    """A plain "X told Y that ..." frame, the kind that can report speech second-hand. The
    speaker's own "I can say that ...", "as my statement said" restates the quote around it;
    requests and appeals ("asked to", "called for") report no words."""
    if f.kind != "speech" or f.inherited or f.source is None or f.content is None or (
            f.content[0] < f.cue[1] or f.source[1] > f.cue[0]
            or text.startswith(("for ", "to "), f.content[0])):
        return False
    source = text[f.source[0] : f.source[1]].lower().split()
    cue = text[f.cue[0] : f.cue[1]].lower().split()
    return not (source[0] in FIRST_PERSON and (
        source[0] in ("my", "our") or cue[-1] not in PAST_SPEECH and not cue[-1].endswith("ed")))


def _reported_within(f: Frame, found: list[Found], text: str) -> Span | None:
    """The reported content a plain report lies wholly inside (second-hand speech), or None."""
    if not plain_report(f, text):
        return None
    lo, hi = f.source[0], f.content[1]
    for a in found:
        if a.kind != "turn" and a.cue != f.cue:
            for part in a.content:
                if part[0] <= lo and hi <= part[1]:
                    return part
    return None


def _title_case(s: str) -> bool:
    """A quoted title ("The Art of the Deal") rather than speech."""
    minor = {"a", "an", "the", "at", "of", "in", "on", "and", "for", "to", "or", "by", "with"}
    words = [w for w in WORD.findall(s) if len(w) > 1 and w.lower() not in minor or w[0].isupper()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _words_outside_clause(text: str, a: Found, stop: int) -> int:
    """Words between an attribution's last quote and `stop`, not counting its own cue clause
    (so '"A," said Jo Smith, a professor at a long-named college. "B."' reads as one quote)."""
    lo = a.content[-1][1]
    parts = [(lo, stop)]
    if a.cue is not None:
        c0 = min(a.cue[0], a.source[0]) if a.source else a.cue[0]
        c1 = max(a.cue[1], a.source[1]) if a.source else a.cue[1]
        if lo <= c0 and c1 <= stop:
            parts = [(lo, c0), (c1, stop)]
    return sum(len(WORD.findall(text[s:e])) for s, e in parts)


def _ends_sentence(text: str, q: Quote) -> bool:
    """A quote closing on a full stop ('... campaign."') ends its sentence: a clause after it
    ('Ohio Gov. Kasich said') starts the next one rather than attributing it."""
    inner = text[q.start : q.end].rstrip("\"”’' ")
    return inner.endswith(".") and not inner.endswith("..")


def _region(c: Quote | Turn) -> Span:
    return c.span if isinstance(c, Quote) else c.content


def _after_cue(text: str, f: Frame) -> int:
    """End of a 'X said' clause, skipping a short tail like 'Tuesday' or 'in a statement'."""
    end = max(f.cue[1], f.source[1]) if f.source else f.cue[1]
    m = re.match(r"[ \t]+(?:on |in |at |to |during )?(?:[\w’'.-]+[ \t]*){0,5}?(?=[,:])", text[end:end + 60])
    return end + (m.end() if m else 0)
