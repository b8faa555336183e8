"""The article parsed sentence by sentence: the one parse the rules, the trained model, every
runner and the spaCy component read.

Sentences are cut by `segment.py`'s regexes, not by the parser, and each is parsed on its own:
rules only parse the sentences that can hold a cue (which is why extraction is faster than a
bare parse), the model reads every sentence (it was trained on this parse), and the rules then
read their frames off the same pieces. A sentence longer than MAX_SENTENCE characters (a list, a
table) is cut for the parser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from onrecord.extract.reported import frames
from onrecord.extract.segment import paragraphs, sentences
from onrecord.types import Frame, Span

if TYPE_CHECKING:  # spaCy itself is imported where a pipeline is loaded (spacy_import.py)
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_SENTENCE = 5_000  # characters
BATCH = 64  # sentences per batch through each component

Parsed = list[tuple["Doc", int]]
"""An article parsed in pieces: each piece's Doc and the offset of its first character."""

ParseFn = Callable[[str, Sequence[Span]], list[list[Frame]]]
"""What the rules call: sentence spans in, per sentence its cue frames (article offsets) out."""


def sentence_spans(text: str, start: int) -> list[Span]:
    """Every sentence of the article body (from `start`), in order."""
    return [s for p in paragraphs(text, start) for s in sentences(text, p)]


class SentenceParser:
    """Parses sentences on their own with a spaCy pipeline's components.

    `pipes`: the components to run, in order (default: the pipeline's enabled ones). The spaCy
    component passes those before it, so it parses exactly as the runners do. `standins`: run
    the attribute ruler and the lemmatizer as `standins.py` does (the same tokens, faster).
    """

    def __init__(self, nlp: Language, pipes: Sequence[str] | None = None,
                 batch_size: int = BATCH, standins: bool = True) -> None:
        self.nlp = nlp
        self.pipes = list(nlp.pipe_names if pipes is None else pipes)
        self.batch_size = batch_size
        self.standins = standins
        self._procs: list | None = None

    def procs(self) -> list:
        """The components to run (made at the first parse, when the pipeline is complete)."""
        if self._procs is None:
            from onrecord.extract.standins import standin

            procs = [self.nlp.get_pipe(name) for name in self.pipes]
            self._procs = [standin(p) for p in procs] if self.standins else procs
        return self._procs

    def parse(self, text: str, spans: Sequence[Span]) -> Parsed:
        """Each span of `text` as its own Doc, run through the components as `Language.pipe`
        runs them (a batch at a time), with the offset of its first character."""
        docs = (self.nlp.make_doc(text[s : min(e, s + MAX_SENTENCE)]) for s, e in spans)
        for proc in self.procs():
            docs = proc.pipe(docs, batch_size=self.batch_size) if hasattr(proc, "pipe") \
                else map(proc, docs)
        return list(zip(docs, (s for s, _ in spans), strict=True))

    def parse_body(self, text: str, start: int = 0) -> Parsed:
        """Every sentence of the article body (from `start`): what the model reads."""
        return self.parse(text, sentence_spans(text, start))

    def frames(self, text: str, spans: Sequence[Span]) -> list[list[Frame]]:
        """A ParseFn: parse only the sentences asked for (the rules alone)."""
        return [frames(doc[:], base, doc.text) for doc, base in self.parse(text, spans)]


def frames_of(parsed: Parsed) -> ParseFn:
    """A ParseFn that reads frames off an article already parsed in pieces (with the model)."""
    by_start = {base: doc for doc, base in parsed}

    def parse(text: str, spans: Sequence[Span]) -> list[list[Frame]]:
        out = []
        for s, _ in spans:
            doc = by_start.get(s)
            out.append(frames(doc[:], s, doc.text) if doc is not None else [])
        return out

    return parse
