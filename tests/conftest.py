"""Shared fixtures: the real small English model, loaded once; paths to ../shared; PolNeAR dev
extracted once a session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord.pipeline import Extractor, load_nlp
from onrecord.types import Article, Result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "000_2db5822c89d00b53"
POLNEAR_DEV = SHARED / "polnear" / "dev"
ONRECORD = [sys.executable, "-m", "onrecord.cli"]
# `onrecord extract` options of each setting the accuracy gate measures
FLAGS = {"speech": [], "all": ["--scope", "all"], "rules-only": ["--no-model"]}


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(load_nlp())


@pytest.fixture(scope="session")
def polnear_dev(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`onrecord extract` over PolNeAR dev with a setting's options (all cores), run at most once
    a session: the accuracy gate scores these lines and the Spark test compares with them."""
    done: dict[str, Path] = {}

    def lines(setting: str) -> Path:
        if setting not in done:
            out = tmp_path_factory.mktemp("polnear-dev") / f"{setting}.jsonl"
            subprocess.run([*ONRECORD, "extract", str(POLNEAR_DEV / "text"), "-o", str(out),
                            *FLAGS[setting]], check=True, cwd=ROOT)
            done[setting] = out
        return done[setting]

    return lines


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    def run(text: str) -> Result:
        return extractor.extract(Article(id="t", text=text))

    return run
