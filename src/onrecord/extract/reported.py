"""Reported speech from the dependency parse: cue verb, its subject (the source) and its content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.extract.lexicon import cue_lexicon
from onrecord.types import Frame, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

SUBJECTS = ("nsubj",)
INHERIT = ("xcomp", "conj", "advcl")  # "... and added that", "..., saying that"
# A participle cue inside a phrase: "continued by saying", "issued a statement saying"
INHERIT_PHRASE = ("pcomp", "acl", "prep", "dobj", "pobj")
NAMING = {"call", "describe", "dub", "label", "brand", "term", "deem", "characterize"}
INVERTED_POS = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PART")  # '"...," said the mayor'

CONTENT_DEPS = ("ccomp",)
FOR_DEPS = ("advcl", "xcomp", "prep")  # "called for Sessions to resign", "called on X to"
SOURCE_DROP = ("relcl", "punct", "cc", "preconj")  # trimmed from a source's edges / clauses
EDGE_PUNCT = ",;:-–— \n\"“”'‘’"


def _trim(doc_text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and doc_text[s] in EDGE_PUNCT:
        s += 1
    while e > s and doc_text[e - 1] in EDGE_PUNCT:
        e -= 1
    return s, e


def _span_of(tokens: list[Token], base: int, text: str) -> Span | None:
    if not tokens:
        return None
    s = min(t.idx for t in tokens)
    e = max(t.idx + len(t.text) for t in tokens)
    s, e = _trim(text, s, e)
    return (base + s, base + e) if e > s else None


def _source_tokens(subj: Token) -> list[Token]:
    """The subject's subtree without relative clauses; trailing 'both'/'all' dropped."""
    dropped: set[int] = set()
    for child in subj.children:
        if child.dep_ == "relcl":
            dropped |= {t.i for t in child.subtree}
    toks = [t for t in subj.subtree if t.i not in dropped]
    while toks and toks[-1].lower_ in {"both", "all", ",", "each"}:
        toks.pop()
    # keep the contiguous run around the head (a dropped clause leaves a gap)
    run = [t for t in toks if t.i <= subj.i]
    run = _contiguous(run, subj.i, backwards=True) + _contiguous(
        [t for t in toks if t.i > subj.i], subj.i + 1, backwards=False
    )
    return sorted(run, key=lambda t: t.i)


def _contiguous(toks: list[Token], anchor: int, backwards: bool) -> list[Token]:
    ids = {t.i: t for t in toks}
    out = []
    i = anchor
    step = -1 if backwards else 1
    while i in ids:
        out.append(ids[i])
        i += step
    return out


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject, or its governing verb's for participles and conjuncts."""
    node, inherited = verb, False
    for _ in range(4):
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child, inherited
        if node.head is node:
            break
        if node.dep_ in INHERIT or (node.dep_ in INHERIT_PHRASE and verb.tag_ == "VBG"):
            node, inherited = node.head, True
        else:
            break
    return None, inherited


def _inverted_subject(verb: Token) -> list[Token]:
    """The noun phrase right after a cue with no subject ('"...," said David Brock, ...')."""
    out: list[Token] = []
    for tok in verb.doc[verb.i + 1 :]:
        if tok.pos_ in INVERTED_POS or (out and tok.pos_ == "PROPN"):
            out.append(tok)
        else:
            break
    if not out or not any(t.pos_ in ("PROPN", "NOUN") for t in out):
        return []
    return out


def _content_tokens(verb: Token) -> list[Token] | None:
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS:
            return list(child.subtree)
    if verb.lemma_.lower() in NAMING:
        # "called the plan 'a disgrace'", "described him as 'volatile'": object and complement
        right = [c for c in verb.children if c.i > verb.i and (
            c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "acomp") or c.dep_ == "prep" and c.lower_ == "as")]
        if len(right) >= 2 or right and right[0].dep_ in ("oprd", "xcomp", "acomp"):
            return [t for c in right for t in c.subtree]
    that = next((t for t in verb.subtree if t.i > verb.i and t.lower_ == "that" and t.dep_ == "mark"
                 and t.head.i > verb.i), None)
    if that is not None and that.i - verb.i <= 8:
        # "said in a statement that ...": the clause hangs off the statement, not the verb
        return list(that.head.subtree)
    to_clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if to_clause is not None:
        # "vowed to 'bomb them'", "urged Congress to act"
        obj = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < to_clause.i]
        return [t for c in (*obj, to_clause) for t in c.subtree]
    for child in verb.children:
        if child.dep_ in FOR_DEPS and child.i > verb.i:
            first = child.left_edge
            if first.lower_ in ("for", "on") and first.i == verb.i + 1 or child.lower_ in ("for", "on"):
                return list(child.subtree)
    return None


def _according(tok: Token) -> tuple[list[Token], list[Token], list[Token]] | None:
    """'according to X': (cue tokens, source tokens, content tokens) over the sentence."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = _source_tokens(pobj)
    phrase = {tok.i, to.i} | {t.i for t in source}
    sent = tok.sent
    content = [t for t in sent if t.i not in phrase and not t.is_punct]
    return [tok, to], source, content


def _parenthetical(verb: Token) -> list[Token] | None:
    """'X, they said, is Y': the sentence around a parenthetical cue clause is its content."""
    if verb.dep_ != "parataxis":
        return None
    inside = {t.i for t in verb.subtree}
    return [t for t in verb.sent if t.i not in inside and not t.is_punct]


def _generic(tok: Token, base: int, text: str) -> Frame | None:
    """Any verb with a subject, as a cue that can only claim an adjacent or embedded quote."""
    if tok.pos_ != "VERB":
        return None
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subj is None:
        return None
    right = [t for t in tok.subtree if t.i > tok.i and not t.is_punct]
    return Frame(
        cue=_span_of([tok], base, text),
        source=_span_of(_source_tokens(subj), base, text),
        content=_span_of(right, base, text) if right else None,
        kind="generic",
        negated=any(c.dep_ == "neg" for c in tok.children),
        head_i=tok.i,
    )


def frames(doc: SpacySpan, base: int, text: str) -> list[Frame]:
    """Cue frames of one parsed sentence (doc offsets + base = article offsets)."""
    lex = cue_lexicon()
    out: list[Frame] = []
    for tok in doc:
        if tok.lower_ == "according":
            found = _according(tok)
            if found:
                cue, src, content = found
                out.append(
                    Frame(
                        _span_of(cue, base, text),
                        _span_of(src, base, text),
                        _span_of(content, base, text),
                        "according",
                        head_i=tok.i,
                    )
                )
            continue
        kind = lex.kind(tok.lemma_)
        if kind is None or tok.pos_ not in ("VERB", "AUX"):
            generic = _generic(tok, base, text)
            if generic is not None:
                out.append(generic)
            continue
        subj, inherited = _subject(tok)
        source = _source_tokens(subj) if subj is not None else None
        if subj is None and tok.tag_ == "VBD":
            source = _inverted_subject(tok) or None
        content = _content_tokens(tok) or _parenthetical(tok)
        negated = any(c.dep_ == "neg" for c in tok.children)
        prt = [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
        out.append(
            Frame(
                cue=_span_of([tok, *prt], base, text),
                source=_span_of(source, base, text) if source else None,
                content=_span_of(content, base, text) if content else None,
                kind=kind,
                negated=negated,
                inherited=inherited,
                head_i=tok.i,
            )
        )
    return out
