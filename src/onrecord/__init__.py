"""onrecord: who said what, when, from news articles.

Importing this package has no side effects; the spaCy component is registered through the
`spacy_factories` entry point and loaded on demand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.types import Article, Attribution, Failure, Result, Speaker

if TYPE_CHECKING:
    from spacy.language import Language

    from onrecord.settings import Settings

__version__ = "0.1.0"

__all__ = ["Article", "Attribution", "Failure", "Result", "Settings", "Speaker", "extract_text",
           "load_pipeline"]


def __getattr__(name: str) -> object:
    """`onrecord.Settings`, imported when first asked for: `import onrecord` stays light."""
    if name == "Settings":
        from onrecord.settings import Settings

        return Settings
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")


def load_pipeline(settings: Settings | None = None) -> Language:
    """The spaCy pipeline with the onrecord component (Doc._.quotes), parsing as the CLI does."""
    from onrecord.pipeline import load_pipeline as _load

    return _load(settings)


def extract_text(text: str, settings: Settings | None = None, **meta: str) -> Result:
    """Attributions of one article given as a string (the pipeline is loaded once a process)."""
    from onrecord.run.local import extract_one

    return extract_one(Article(id=meta.pop("id", "text"), text=text, **meta), settings)
