"""Import spaCy for a pipeline that needs no PyTorch without importing PyTorch.

thinc, under spaCy, imports PyTorch whenever it is installed (`onrecord train` installs it), for
the pipelines whose layers are PyTorch's: two of the three seconds `import spacy` takes, and
over 100 MB. The CNN pipelines extraction parses with (en_core_web_sm) do not use it, so for
them thinc is told PyTorch is not there while spaCy is imported; a later `import torch` works.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# Words in a pipeline's config.cfg that say some layer may run on PyTorch
TORCH_WORDS = ("torch", "transformer")


def config_of(model: str) -> Path | None:
    """The config.cfg of a spaCy pipeline, a package name or a folder, found without spaCy."""
    folder = Path(model)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    found = [folder / "config.cfg", *sorted(folder.glob("*/config.cfg"))]
    return next((p for p in found if p.is_file()), None)


def needs_torch(model: str) -> bool:
    """Whether the pipeline's layers may need PyTorch (yes when its config cannot be read)."""
    config = config_of(model)
    if config is None:
        return True
    text = config.read_text(encoding="utf-8").lower()
    return any(w in text for w in TORCH_WORDS)


def import_spacy(model: str) -> None:
    """Import spaCy, without PyTorch when `model` does not need it (a no-op once imported)."""
    if "spacy" in sys.modules or "thinc" in sys.modules or "torch" in sys.modules \
            or needs_torch(model):
        import spacy  # noqa: F401
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
