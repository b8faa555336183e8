"""Faster stand-ins for two of the parse's spaCy components, giving the same tokens as they do.

`attribute_ruler` runs spaCy's Matcher with all its patterns (179 in en_core_web_sm) over every
token, and `lemmatizer` lemmatizes every token: together, a third of the parse. Extraction reads
lemmas of verbs and auxiliaries only (the cue lexicon is keyed on them), and almost every ruler
pattern tests one token's own attributes, so:

- `RulerTable` looks up each token's outcome of the real ruler by those attributes, learnt from
  the real ruler's own output; a sentence with a token it has not seen, or one a pattern of two
  or more tokens matches, goes through the real ruler.
- `VerbLemmatizer` asks the real lemmatizer for the lemmas of VERB and AUX tokens only; every
  other token keeps no lemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.lookups import Table
from spacy.matcher import Matcher
from spacy.parts_of_speech import AUX, VERB
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

OUTCOME = [TAG, POS, MORPH, LEMMA, DEP]
# The token attributes a one-token pattern may test for its outcome to be looked up by them
KEYED = frozenset(["TAG", "DEP", "LOWER", "IS_SPACE"])
Key = tuple[int, int, int, bool]
"""A token's TAG, DEP, LOWER (0 when no pattern names its word) and IS_SPACE."""
Outcome = tuple[int, int, int, int, int]
"""A token's TAG, POS, MORPH, LEMMA and DEP after the ruler."""


def lower_tests(patterns: Iterable[list[dict]]) -> tuple[set[str], list[re.Pattern]] | None:
    """The words the patterns' LOWER tests name and the regexes they match it with; None when
    one tests it otherwise."""
    words: set[str] = set()
    regexes: list[re.Pattern] = []
    for pattern in patterns:
        for tok in pattern:
            test = tok.get("LOWER")
            if test is None:
                continue
            if isinstance(test, str):
                words.add(test)
            elif isinstance(test, dict) and set(test) <= {"IN", "NOT_IN"}:
                words.update(*test.values())
            elif isinstance(test, dict) and set(test) == {"REGEX"}:
                regexes.append(re.compile(test["REGEX"]))
            else:
                return None
    return words, regexes


def requirements(pattern: list[dict], strings: StringStore) -> list[tuple[int, set[int]]]:
    """What a doc must hold for a pattern to match in it: per test of a TAG, DEP or LOWER against
    a word or a list, its place in a Key and the values one of the doc's tokens must have."""
    out = []
    for tok in pattern:
        for attr, test in tok.items():
            values = [test] if isinstance(test, str) else test.get("IN") \
                if isinstance(test, dict) and set(test) == {"IN"} else None
            if attr in ("TAG", "DEP", "LOWER") and values is not None:
                out.append((("TAG", "DEP", "LOWER").index(attr), {strings.add(v) for v in values}))
    return out


class RulerTable:
    """spaCy's AttributeRuler, by table lookup where that gives its answer (see module doc)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        entries = ruler.patterns
        every = [p for entry in entries for p in entry["patterns"]]
        tests = lower_tests(every)
        ones = [{**entry, "patterns": [p for p in entry["patterns"] if len(p) == 1]}
                for entry in entries]
        ones = [entry for entry in ones if entry["patterns"]]
        self.usable = tests is not None and all(
            set(tok) <= KEYED for entry in ones for p in entry["patterns"] for tok in p)
        self.words, self.regexes = tests or (set(), [])
        self.named: dict[int, bool] = {}  # LOWER -> whether a pattern's LOWER test names it
        # The one-token patterns alone, in their order: what a token's outcome is learnt from
        self.one = AttributeRuler(ruler.vocab, validate=False)
        self.one.add_patterns(ones)
        many = [p for p in every if len(p) > 1]
        self.many = Matcher(ruler.vocab)
        if many:
            self.many.add("many", many)
        self.needs = [requirements(p, ruler.vocab.strings) for p in many]
        self.table: dict[Key, Outcome] = {}

    def key(self, tok: Token) -> Key:
        lower = tok.lower
        named = self.named.get(lower)
        if named is None:
            word = tok.lower_
            named = self.named[lower] = word in self.words or any(
                r.search(word) for r in self.regexes)
        return tok.tag, tok.dep, lower if named else 0, tok.is_space

    def longer_match(self, doc: Doc, keys: list[Key]) -> bool:
        """Whether a pattern of two or more tokens matches in the doc (the Matcher runs only
        when the doc holds every word, tag and dependency one of them asks for)."""
        present = [{k[i] for k in keys} for i in range(3)]
        if not any(all(values & present[i] for i, values in need) for need in self.needs):
            return False
        return bool(self.many(doc, allow_missing=True))

    def learn(self, tokens: dict[Key, Token]) -> None:
        """The outcome of each of these tokens' keys, from the one-token patterns applied to a
        Doc of those tokens alone."""
        toks = list(tokens.values())
        doc = Doc(self.ruler.vocab, words=[t.text for t in toks], tags=[t.tag_ for t in toks],
                  deps=[t.dep_ for t in toks], heads=list(range(len(toks))))
        self.one(doc)
        for k, t in zip(tokens, doc, strict=True):
            self.table[k] = (t.tag, t.pos, t.morph.key, t.lemma, t.dep)

    def __call__(self, doc: Doc) -> Doc:
        if not self.usable:
            return self.ruler(doc)
        table = self.table
        keys = [self.key(t) for t in doc]
        if self.longer_match(doc, keys):
            return self.ruler(doc)
        unknown = {k: t for k, t in zip(keys, doc, strict=True) if k not in table}
        if unknown:
            self.learn(unknown)
        if keys:
            doc.from_array(OUTCOME, numpy.array([table[k] for k in keys], dtype=numpy.uint64))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def with_word_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of a rule lemmatizer whose word lists are sets: the same lemmas (spaCy's code only
    asks whether a form is in a list), each form looked up at once rather than by a scan of the
    thousands of verbs the list holds."""
    fast = type(lemmatizer)(lemmatizer.vocab, lemmatizer.model, lemmatizer.name,
                            mode=lemmatizer.mode, overwrite=lemmatizer.overwrite)
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table.from_dict({k: frozenset(v) if isinstance(v, list) else v
                                     for k, v in table.items()}, name=name)
        fast.lookups.set_table(name, table)
    return fast


class VerbLemmatizer:
    """spaCy's Lemmatizer for the tokens whose lemma extraction reads: verbs and auxiliaries."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = with_word_sets(lemmatizer) if lemmatizer.mode == "rule" else lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        for t in doc:
            if (t.pos == VERB or t.pos == AUX) and (lem.overwrite or t.lemma == 0):
                t.lemma_ = lem.lemmatize(t)[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def standin(proc: object) -> object:
    """The faster stand-in for a pipeline component, or the component itself."""
    if type(proc) is AttributeRuler:
        table = RulerTable(proc)
        return table if table.usable else proc
    if isinstance(proc, Lemmatizer):
        return VerbLemmatizer(proc)
    return proc
