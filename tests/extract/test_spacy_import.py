"""spaCy is imported without PyTorch for a pipeline that does not need it, and with it for one
whose config may (or cannot be read)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.extract.spacy_import import config_of, needs_torch
from onrecord.settings import DEFAULT_SPACY_MODEL

TORCH = importlib.util.find_spec("torch") is not None
CHECK = """
import sys
from onrecord.extract.spacy_import import import_spacy
import_spacy(sys.argv[1])
import thinc.compat
print(thinc.compat.has_torch, "spacy" in sys.modules)
import torch
print(torch.tensor([2.0]).item())
"""


@pytest.mark.parametrize(("config", "needs"), [
    ('[components.tok2vec.model]\n@architectures = "spacy.HashEmbedCNN.v2"\n', False),
    ('[components.transformer.model]\n@architectures = '
     '"spacy-transformers.TransformerModel.v3"\n', True),
    ('[components.tagger.model]\n@architectures = "spacy.PyTorchWrapper.v2"\n', True),
])
def test_needs_torch_reads_the_config(tmp_path: Path, config: str, needs: bool) -> None:
    (tmp_path / "config.cfg").write_text(config, encoding="utf-8")
    assert config_of(str(tmp_path)) == tmp_path / "config.cfg"
    assert needs_torch(str(tmp_path)) is needs


def test_an_unknown_pipeline_may_need_torch(tmp_path: Path) -> None:
    assert config_of("no_such_spacy_pipeline") is None
    assert needs_torch("no_such_spacy_pipeline")
    assert needs_torch(str(tmp_path))  # a folder without a config


def test_the_parsing_pipeline_needs_no_torch() -> None:
    assert config_of(DEFAULT_SPACY_MODEL) is not None
    assert not needs_torch(DEFAULT_SPACY_MODEL)


@pytest.mark.skipif(not TORCH, reason="PyTorch is not installed")
def test_spacy_without_torch_then_torch_when_asked() -> None:
    out = subprocess.run([sys.executable, "-c", CHECK, DEFAULT_SPACY_MODEL], check=True,
                         capture_output=True, text=True).stdout.split()
    assert out == ["False", "True", "2.0"]
