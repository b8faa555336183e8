"""Shared fixtures: the real small English model, loaded once; paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.pipeline import Extractor, load_model
from onrecord.types import Article, Result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "000_2db5822c89d00b53"
POLNEAR_DEV = SHARED / "polnear" / "dev"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(load_model())


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    def run(text: str) -> Result:
        return extractor.extract(Article(id="t", text=text))

    return run
