"""Dispatch by path: files, directories and standard input to Article records, streaming."""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord import errors
from onrecord.read.html import HTML_SUFFIXES, read_html
from onrecord.read.jsonl import parse_record, read_jsonl
from onrecord.read.text import decode, read_text
from onrecord.read.warc import WARC_SUFFIXES, read_warc
from onrecord.types import Article, Failure

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


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
        head = raw.read(8192)
        if not head.strip():
            yield Failure(str(path), errors.EMPTY)
            return
        if b"\x00" in head:
            yield Failure(str(path), errors.BINARY)
            return
        raw.seek(0)
        lines = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
        number = 0
        try:
            for number, line in enumerate(lines, 1):  # noqa: B007 - read after the loop
                if line.strip():
                    yield parse_record(line, f"{path}:{number}", f"{stem_of(path)}-{number}")
        except UnicodeDecodeError as e:
            yield Failure(f"{path}:{number + 1}", errors.NOT_UTF8.format(pos=e.start))
        except (OSError, EOFError) as e:
            yield Failure(f"{path}:{number + 1}", errors.UNREADABLE.format(msg=e))


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | Failure | str]:
    """Expand directories (supported files, sorted); '-' stays as standard input."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p))
        elif path.exists():
            yield path
        else:
            yield Failure(item, errors.MISSING_PATH)


def read_stdin(data: bytes) -> Iterator[Article | Failure]:
    """Standard input: JSON lines when it starts with '{', else one text article."""
    text = decode(data, "<stdin>")
    if isinstance(text, Failure):
        yield text
    elif text.lstrip().startswith("{"):
        yield from read_jsonl(text.splitlines(), "<stdin>", "stdin")
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
