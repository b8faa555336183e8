"""The quote database: SQLite schema, ingest, speaker linking, quote merging, search, export."""

from onrecord.store.db import connect, open_readonly
from onrecord.store.ingest import ingest, ingest_paths
from onrecord.store.search import get_quote, get_speaker, list_speakers, search

__all__ = [
    "connect",
    "get_quote",
    "get_speaker",
    "ingest",
    "ingest_paths",
    "list_speakers",
    "open_readonly",
    "search",
]
