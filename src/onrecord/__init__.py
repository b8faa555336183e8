"""onrecord: who said what, when, from news articles.

Importing this package has no side effects; the spaCy component is registered through the
`spacy_factories` entry point and loaded on demand.
"""

from onrecord.settings import Settings
from onrecord.types import Article, Attribution, Failure, Result, Speaker

__version__ = "0.1.0"

__all__ = ["Article", "Attribution", "Failure", "Result", "Settings", "Speaker", "extract_text",
           "load_pipeline"]


def load_pipeline(settings: Settings | None = None):  # noqa: ANN201 - avoids importing spaCy here
    """The spaCy pipeline with the onrecord component (Doc._.quotes), parsing as the CLI does."""
    from onrecord.pipeline import load_pipeline as _load

    return _load(settings)


def extract_text(text: str, settings: Settings | None = None, **meta: str) -> Result:
    """Attributions of one article given as a string (the pipeline is loaded once a process)."""
    from onrecord.run.local import extract_one

    return extract_one(Article(id=meta.pop("id", "text"), text=text, **meta), settings)
