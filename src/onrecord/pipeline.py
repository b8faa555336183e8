"""The one entry point every runner calls, and the spaCy component, which calls it too.

`Extractor.extract` is the one path from an article to its attributions: parse it sentence by
sentence (extract/parse.py), find the rules' attributions (extract/engine.py), add the trained
model's and combine the two (combine.py), resolve the speakers (attribute/). The CLI, the
process pool, Spark, the web app and the `onrecord` spaCy component all go through it, so they
give the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord import errors
from onrecord.attribute.across_windows import full_names
from onrecord.attribute.gender import set_genders
from onrecord.attribute.resolve import Resolver
from onrecord.combine import combine, confidence
from onrecord.extract.engine import find
from onrecord.extract.parse import SentenceParser, frames_of
from onrecord.extract.statements import statements
from onrecord.extract.windows import in_windows
from onrecord.model.apply import AttributionModel, load_weights
from onrecord.read.text import body_start
from onrecord.settings import DEFAULT_SPACY_MODEL, Settings
from onrecord.types import Article, Attribution, Found, Result, Span, Speaker

# Components the extraction never reads; the parse is all it needs (names come from the text).
UNUSED = ("ner",)
QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")  # words in quotation marks, paragraph by paragraph


def _spacy(name: str, exclude: Sequence[str] = ()) -> Language:
    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as e:
        raise errors.MissingDependency(errors.MODEL_MISSING.format(name=name)) from e


def load_nlp(name: str = DEFAULT_SPACY_MODEL) -> Language:
    """The spaCy pipeline to parse with (components the extraction never reads are not even
    loaded)."""
    return _spacy(name, UNUSED)


def attribution_model(settings: Settings) -> AttributionModel | None:
    """The trained model the settings ask for (loaded once per process), or None: rules only."""
    return load_weights(settings.weights) if settings.use_model else None


def load_extractor(settings: Settings | None = None) -> Extractor:
    """An Extractor for these settings: the spaCy pipeline and, when wanted, the trained model."""
    settings = settings or Settings()
    return Extractor(load_nlp(settings.spacy_model), model=attribution_model(settings),
                     settings=settings)


def load_pipeline(settings: Settings | None = None) -> Language:
    """A spaCy pipeline whose `onrecord` component puts the attributions on `doc._.quotes`.

    Its parsing components run inside the component only, on each sentence: `nlp(text)` parses
    the article once, as the runners do.
    """
    settings = settings or Settings()
    nlp = _spacy(settings.spacy_model)
    parse = [n for n in nlp.pipe_names if n not in UNUSED]
    for name in nlp.pipe_names:
        nlp.disable_pipe(name)
    config = {k: v for k, v in asdict(settings).items() if k != "spacy_model"}
    nlp.add_pipe("onrecord", config={**config, "parse_with": parse})
    return nlp


class Extractor:
    """Finds and attributes the quotes of one article at a time.

    Rules only (`model` None): parses only the sentences that can hold a cue. With the trained
    model: parses every sentence, and combines the model's attributions with the rules' on the
    same parse as `settings.policy` and `settings.scope` say.
    """

    def __init__(self, nlp: Language, batch_size: int = 64, model: AttributionModel | None = None,
                 settings: Settings | None = None, pipes: Sequence[str] | None = None) -> None:
        self.nlp = nlp
        self.parser = SentenceParser(nlp, pipes, batch_size)
        self.model = model
        self.settings = settings or Settings()

    def find(self, text: str, start: int) -> list[Found]:
        """The attributions of an article body (from `start`) before speakers are resolved."""
        if self.model is None:
            found = find(text, start, self.parser.frames)
        else:
            parsed = self.parser.parse_body(text, start)
            rules = find(text, start, frames_of(parsed))
            found = combine(rules, self.model.find(parsed, text, start, rules), text,
                            self.settings.policy, self.settings.scope)
        return statements(found, text, self.settings.scope)

    def extract(self, article: Article) -> Result:
        """The article's attributions; a body longer than a window is done window by window."""
        text = article.text
        return Result(article, in_windows(text, body_start(text), self.attributions, full_names))

    def attributions(self, text: str, start: int) -> list[Attribution]:
        """Found and resolved attributions of one window: a whole article, or part of one."""
        return attribute(text, start, self.find(text, start))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Result]:
        for article in articles:
            yield self.extract(article)


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


DEFAULTS = Settings()


@Language.factory(
    "onrecord",
    assigns=["doc._.quotes"],
    default_config={"use_model": DEFAULTS.use_model, "weights": DEFAULTS.weights,
                    "scope": DEFAULTS.scope, "policy": DEFAULTS.policy, "parse_with": None},
)
def make_onrecord(nlp: Language, name: str, use_model: bool, weights: str | None, scope: str,
                  policy: str, parse_with: list[str] | None) -> OnRecord:
    settings = Settings(use_model=use_model, weights=weights, scope=scope, policy=policy)
    return OnRecord(nlp, name, settings, parse_with)


class OnRecord:
    """spaCy component: puts the article's attributions (plain dicts, the JSON lines' `quotes`)
    on `doc._.quotes`, through the runners' own Extractor.

    It parses the text again sentence by sentence with the components before it (`parse_with`
    names them when they are disabled for the whole document, as in `load_pipeline`), ner left
    out, so its answers are the CLI's; the whole-document parse is left on the Doc.
    """

    def __init__(self, nlp: Language, name: str, settings: Settings,
                 parse_with: list[str] | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.settings = settings
        self.parse_with = parse_with
        self.model = attribution_model(settings)
        self._extractor: Extractor | None = None

    def extractor(self) -> Extractor:
        """The Extractor over this pipeline's components (made at the first call, when the
        pipeline is complete)."""
        if self._extractor is None:
            before = self.nlp.pipe_names[: self.nlp.pipe_names.index(self.name)]
            pipes = self.parse_with if self.parse_with is not None else [
                n for n in before if n not in UNUSED]
            self._extractor = Extractor(self.nlp, model=self.model, settings=self.settings,
                                        pipes=pipes)
        return self._extractor

    def __call__(self, doc: Doc) -> Doc:
        if not Doc.has_extension("quotes"):
            Doc.set_extension("quotes", default=None)
        result = self.extractor().extract(Article(id="doc", text=doc.text))
        doc._.quotes = [a.to_json(doc.text) for a in result.quotes]
        return doc
