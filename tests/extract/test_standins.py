"""The attribute ruler's and the lemmatizer's stand-ins give the tokens the real components give:
the same tags, parts of speech, morphology and dependencies, and the same lemmas of every verb
and auxiliary (the only lemmas extraction reads)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import AUX, VERB

from onrecord.extract.parse import SentenceParser, sentence_spans
from onrecord.extract.standins import (
    RulerTable,
    VerbLemmatizer,
    lower_tests,
    requirements,
    with_word_sets,
)
from onrecord.pipeline import load_nlp
from onrecord.read.text import body_start

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ATTRS = [TAG, POS, MORPH, DEP, HEAD, LEMMA]
# Sentences written for these tests: two-token ruler patterns ("there is", "gonna", "ain't",
# "y'all", "let's"), pronouns by case, modal verbs, a line break, "nothin'" (a regex pattern)
SENTENCES = [
    "There is no plan, the mayor said on Tuesday.",
    "“We're gonna fix the bridge,” she told reporters, “and y'all can hold me to it.”",
    "He said it ain't over, and let's be clear: nothin' has changed.",
    "I gave them the report myself, and they would have read it if they could.",
    "The board, which met twice, has declined to say whether it got the letter.",
    "Officials\n\nsaid the  vote was delayed; that was expected, according to a spokesman.",
    "Did she know? She did, and she had said so before it was announced.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def parsed(parser: SentenceParser, text: str) -> list[np.ndarray]:
    return [doc.to_array(ATTRS) for doc, _ in parser.parse_body(text)]


def assert_same_tokens(real: np.ndarray, fast: np.ndarray) -> None:
    """Equal but for the lemmas of words other than verbs and auxiliaries: those the ruler does
    not set are left out."""
    np.testing.assert_array_equal(real[:, :5], fast[:, :5])
    verbs = np.isin(real[:, 1], [VERB, AUX])
    np.testing.assert_array_equal(real[verbs, 5], fast[verbs, 5])
    others = fast[~verbs, 5]
    assert ((others == 0) | (others == real[~verbs, 5])).all()


@pytest.mark.parametrize("text", SENTENCES)
def test_same_tokens_as_the_real_components(nlp: Language, text: str) -> None:
    real, fast = SentenceParser(nlp, standins=False), SentenceParser(nlp)
    for a, b in zip(parsed(real, text), parsed(fast, text), strict=True):
        assert_same_tokens(a, b)


def test_the_real_ruler_is_kept_for_longer_patterns(nlp: Language) -> None:
    (doc, _), = SentenceParser(nlp).parse_body("They are gonna vote, he said.")
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]
    assert [t.lemma_ for t in doc if t.lower_ in ("are", "said")] == ["be", "say"]


def test_table_learns_each_key_once(nlp: Language) -> None:
    table = RulerTable(nlp.get_pipe("attribute_ruler"))
    parser = SentenceParser(nlp, ["tok2vec", "tagger", "parser"])
    (doc, _), = parser.parse_body("The council said the budget was late.")
    table(doc)
    learnt = dict(table.table)
    (again, _), = parser.parse_body("The council said the budget was late.")
    table(again)
    assert table.table == learnt and learnt
    assert np.array_equal(doc.to_array(ATTRS), again.to_array(ATTRS))


def test_verb_lemmatizer_lemmatizes_verbs_only(nlp: Language) -> None:
    parser = SentenceParser(nlp, ["tok2vec", "tagger", "parser", "attribute_ruler"])
    (doc, _), = parser.parse_body("The senators argued that the rules were unfair.")
    VerbLemmatizer(nlp.get_pipe("lemmatizer"))(doc)
    assert {t.text: t.lemma_ for t in doc if t.lemma_} == {"argued": "argue", "were": "be"}


@pytest.mark.parametrize(("patterns", "words", "regexes"), [
    ([[{"TAG": "NN"}]], set(), []),
    ([[{"LOWER": "so"}], [{"LOWER": {"IN": ["if", "as"]}, "TAG": "IN"}]], {"so", "if", "as"}, []),
    ([[{"LOWER": {"NOT_IN": ["to"]}}], [{"LOWER": {"REGEX": "^a+h$"}}]], {"to"}, ["^a+h$"]),
])
def test_lower_tests(patterns: list, words: set[str], regexes: list[str]) -> None:
    found = lower_tests(patterns)
    assert found is not None
    assert found[0] == words and [r.pattern for r in found[1]] == regexes


def test_lower_tests_refuse_what_a_table_cannot_key() -> None:
    assert lower_tests([[{"LOWER": {"FUZZY": "colour"}}]]) is None


def test_requirements(nlp: Language) -> None:
    strings = nlp.vocab.strings
    need = requirements([{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}, "IS_SPACE": False}],
                        strings)
    assert need == [(1, {strings["expl"]}), (2, {strings["is"], strings["was"]})]


@pytest.mark.skipif(not (SHARED / "polnear" / "train").is_dir(), reason="needs ../shared")
def test_polnear_sample(nlp: Language) -> None:
    real, fast = SentenceParser(nlp, standins=False), SentenceParser(nlp)
    for path in sorted((SHARED / "polnear" / "train" / "text").glob("*.txt"))[:6]:
        text = path.read_text(encoding="utf-8")
        spans = sentence_spans(text, body_start(text))
        for (a, _), (b, _) in zip(real.parse(text, spans), fast.parse(text, spans), strict=True):
            assert_same_tokens(a.to_array(ATTRS), b.to_array(ATTRS))


def test_word_sets_give_the_same_lemmas(nlp: Language) -> None:
    real = nlp.get_pipe("lemmatizer")
    fast = with_word_sets(real)
    parser = SentenceParser(nlp, ["tok2vec", "tagger", "parser", "attribute_ruler"])
    text = ("The auditors had flagged the invoices, disputed two of them and were reviewing "
            "others; officials insisted nothing was hidden and promised answers.")
    for doc, _ in parser.parse_body(text):
        verbs = [t for t in doc if t.pos in (VERB, AUX)]
        assert len(verbs) >= 6
        assert [fast.lemmatize(t) for t in verbs] == [real.lemmatize(t) for t in verbs]
    assert isinstance(next(iter(real.lookups.get_table("lemma_index").values())), list)
