"""The quote database: SQLite schema, ingest, speaker linking, quote merging, search, export.

Knows nothing of spaCy: it stores `Result`s, however they were made (`run/ingest.py` reads,
extracts and stores in one call).
"""

from onrecord.store.db import Readers, connect, open_readonly
from onrecord.store.ingest import ingest
from onrecord.store.search import get_quote, get_speaker, list_speakers, search

__all__ = [
    "Readers",
    "connect",
    "get_quote",
    "get_speaker",
    "ingest",
    "list_speakers",
    "open_readonly",
    "search",
]
