"""onrecord: who said what, when, from news articles.

Importing this package has no side effects; the spaCy component is registered through the
`spacy_factories` entry point and loaded on demand.
"""

from onrecord.types import Article, Attribution, Failure, Result, Speaker

__version__ = "0.1.0"

__all__ = ["Article", "Attribution", "Failure", "Result", "Speaker", "extract_text", "load_pipeline"]


def load_pipeline(model: str | None = None):  # noqa: ANN201 - avoids importing spaCy here
    """The spaCy pipeline with the onrecord component, loaded once."""
    from onrecord.pipeline import load_pipeline as _load

    return _load(model)


def extract_text(text: str, model: str | None = None, **meta: str) -> Result:
    """Attributions of one article given as a string."""
    from onrecord.run.local import extract_one

    return extract_one(Article(id=meta.pop("id", "text"), text=text, **meta), model=model)
