"""The extraction tables run over both paths: rules only, and the default (rules + model, speech
scope). Where the default path answers otherwise, KNOWN says so and the case is expected to fail
(strictly: when the model starts getting it right, the mark must go)."""

from __future__ import annotations

import pytest

from onrecord.model.apply import load_weights
from onrecord.pipeline import Extractor
from onrecord.types import Article, Result

PATHS = ("rules-only", "default")
# (test, words of its case id) -> why the default path answers otherwise
KNOWN = {
    ("test_multi_paragraph_quote_is_one_attribution", ""):
        "the model reads no further than a paragraph: the quote's second paragraph, with a cue "
        "of its own ('he added'), is a second attribution",
    ("test_indirect", "called for the director"):
        "PolNeAR's cues hold the preposition: the model's cue is 'called for', its content "
        "'the director to resign'",
    ("test_indirect", "said in a statement"):
        "PolNeAR's cues hold the manner: the model's cue is 'said in a statement'",
}


@pytest.fixture(scope="session")
def default_extractor(extractor: Extractor) -> Extractor:
    return Extractor(extractor.nlp, model=load_weights())


@pytest.fixture(params=PATHS)
def extract(request, extractor: Extractor, default_extractor: Extractor):
    ex = extractor if request.param == "rules-only" else default_extractor

    def run(text: str) -> Result:
        return ex.extract(Article(id="t", text=text))

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or callspec.params.get("extract") != "default":
            continue
        for (test, case), why in KNOWN.items():
            if item.originalname == test and case in item.name:
                item.add_marker(pytest.mark.xfail(strict=True, reason=why))
