"""Dispatch by path: files, directories and standard input to Article records, streaming."""

from __future__ import annotations

import gzip
import io
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord import errors
from onrecord.read.html import HTML_SUFFIXES, read_html
from onrecord.read.jsonl import read_jsonl_stream
from onrecord.read.text import bom_encoding, read_text
from onrecord.read.warc import WARC_SUFFIXES, read_warc
from onrecord.types import Article, Failure

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
log = logging.getLogger(__name__)


def input_kind(path: Path) -> str | None:
    """The reader for a path by its suffix, or None when unsupported."""
    name = path.name.lower()
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def stem_of(path: Path) -> str:
    name = path.name
    for suffix in (".jsonl.gz", ".jsonl", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def read_file(path: Path) -> Iterator[Article | Failure]:
    """All records of one file."""
    origin = str(path)
    kind = input_kind(path)
    try:
        if kind == "text":
            yield read_text(path.read_bytes(), stem_of(path), origin)
        elif kind == "jsonl":
            yield from _read_jsonl_file(path)
        elif kind == "html":
            yield from read_html(path)
        elif kind == "warc":
            yield from read_warc(path)
        else:
            yield Failure(origin, errors.UNSUPPORTED.format(suffix="".join(path.suffixes)))
    except OSError as e:
        yield Failure(origin, errors.UNREADABLE.format(msg=e.strerror or e))


def _read_jsonl_file(path: Path) -> Iterator[Article | Failure]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as raw:
        yield from read_jsonl_stream(raw, str(path), stem_of(path))


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | Failure | str]:
    """Expand directories (supported files, sorted); '-' stays as standard input."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            yield from _files_in(path)
        elif path.exists():
            yield path
        else:
            yield Failure(item, errors.MISSING_PATH)


def _files_in(folder: Path) -> list[Path]:
    """The supported files under a folder, sorted; the others are counted in one note."""
    files, unsupported = [], Counter[str]()
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        if input_kind(p):
            files.append(p)
        elif not any(part.startswith(".") for part in p.relative_to(folder).parts):
            unsupported[p.suffix.lower() or "no suffix"] += 1  # hidden files are nobody's input
    if unsupported:
        count = sum(unsupported.values())
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(unsupported.items()))
        log.warning(errors.UNSUPPORTED_SKIPPED.format(
            path=folder, count=count, files="file" if count == 1 else "files", kinds=kinds))
    return sorted(files)


def read_stdin(data: bytes) -> Iterator[Article | Failure]:
    """Standard input: JSON lines when it starts with '{', else one text article."""
    encoding = bom_encoding(data[:4]) or "utf-8"
    start = data[:400].decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if start.startswith("{"):
        yield from read_jsonl_stream(io.BytesIO(data), "<stdin>", "stdin")
    else:
        yield read_text(data, "stdin", "<stdin>")


def read_inputs(inputs: Iterable[str]) -> Iterator[Article | Failure]:
    """Every article (or failure) of the given paths, in order, one at a time."""
    for item in iter_paths(inputs):
        if isinstance(item, Failure):
            yield item
        elif item == "-":
            yield from read_stdin(sys.stdin.buffer.read())
        else:
            yield from read_file(item)
