"""Store extraction results: idempotent (id or URL + content hash) and resumable (batch = txn)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from onrecord.store import gender, merge, summary
from onrecord.store.db import open_readonly, transaction
from onrecord.store.link import SpeakerLinker
from onrecord.types import Article, Attribution, Failure, Result

BATCH = 100  # articles per transaction: a killed run loses at most this much work


@dataclass
class Stats:
    """What one ingest run did."""

    stored: int = 0  # new articles
    replaced: int = 0  # known id or URL whose text changed
    unchanged: int = 0  # known with the same text: nothing done
    quotes: int = 0  # occurrences stored
    failures: list[Failure] = field(default_factory=list)

    def to_json(self) -> dict[str, int]:
        return {
            "stored": self.stored,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "occurrences": self.quotes,
            "failures": len(self.failures),
        }


def content_hash(article: Article) -> str:
    """The hash that says whether an article's text changed."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def find_article(conn: sqlite3.Connection, article: Article) -> tuple[int, str] | None:
    """The stored (rowid, hash) for this article's id, else its URL, or None."""
    row = conn.execute("SELECT rowid, hash FROM articles WHERE id = ?", (article.id,)).fetchone()
    if row is None and article.url:
        row = conn.execute(
            "SELECT rowid, hash FROM articles WHERE url = ? LIMIT 1", (article.url,)
        ).fetchone()
    return (row[0], row[1]) if row else None


def is_stored(conn: sqlite3.Connection, article: Article) -> bool:
    """True when this very text is already stored under the article's id or URL."""
    found = find_article(conn, article)
    return found is not None and found[1] == content_hash(article)


def quote_text(article: Article, quote: Attribution) -> str:
    """The quote's words as shown: content spans joined by an ellipsis."""
    if len(quote.content) == 1:
        start, end = quote.content[0]
        return article.text[start:end]
    return merge.ELLIPSIS.join(article.text[s:e] for s, e in quote.content)


def spans_json(spans: list[tuple[int, int]]) -> str:
    """Content spans as JSON ("[[s, e], ...]", as json.dumps writes them), without the encoder."""
    return "[" + ", ".join(f"[{int(s)}, {int(e)}]" for s, e in spans) + "]"


def remove_occurrences(conn: sqlite3.Connection, rowid: int) -> set[int]:
    """Forget what an article said (before storing its new text); the speakers it quoted."""
    rows = conn.execute(
        "SELECT o.quote_id, q.speaker_id FROM occurrences o JOIN quotes q ON q.id = o.quote_id"
        " WHERE o.article = ?",
        (rowid,),
    ).fetchall()
    conn.execute("DELETE FROM occurrences WHERE article = ?", (rowid,))
    merge.refresh(conn, [r[0] for r in rows])
    return {r[1] for r in rows if r[1] is not None}


def store_result(conn: sqlite3.Connection, linker: SpeakerLinker, result: Result) -> str:
    """Store one article and its quotes; returns 'stored', 'replaced' or 'unchanged'."""
    a = result.article
    digest = content_hash(a)
    found = find_article(conn, a)
    if found and found[1] == digest:
        return "unchanged"
    meta = (a.id, a.url, a.date, a.title, a.outlet, a.author, a.text, digest, len(result.quotes))
    if found:
        linker.regender |= gender.forget_article(conn, found[0])
        linker.orphans |= remove_occurrences(conn, found[0])
        conn.execute(
            "UPDATE articles SET id = ?, url = ?, date = ?, title = ?, outlet = ?, author = ?,"
            " text = ?, hash = ?, num_quotes = ? WHERE rowid = ?",
            (*meta, found[0]),
        )
        rowid = found[0]
    else:
        cur = conn.execute(
            "INSERT INTO articles (id, url, date, title, outlet, author, text, hash, num_quotes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            meta,
        )
        rowid = int(cur.lastrowid or 0)
    mentions = [q.speakers[0] for q in result.quotes if q.speakers and q.content]
    linked = linker.link_article(a, mentions)
    links = iter(linked)
    # one gender per speaker per article: what this article counts for across articles
    shown = gender.per_speaker(mentions, [link.speaker_id for link in linked])
    linker.count_genders(shown)
    rows = []
    for q in result.quotes:
        if not q.content:
            continue
        link = next(links) if q.speakers else None
        sid = link.speaker_id if link else None
        text = quote_text(a, q)
        qid = merge.add(conn, sid, text, a.date)
        rows.append(
            (
                qid,
                rowid,
                a.date,
                a.outlet,
                q.kind,
                q.content[0][0],
                q.content[-1][1],
                spans_json(q.content),
                *(q.cue or (None, None)),
                *(q.source or (None, None)),
                q.speakers[0].name if q.speakers else None,
                link.method if link else None,
                q.confidence,
                q.speakers[0].type if q.speakers else None,
                *shown.get(sid, (None, None)),  # type: ignore[arg-type]
                sid,
            )
        )
    conn.executemany(
        'INSERT INTO occurrences (quote_id, article, date, outlet, kind, start, "end", content,'
        " cue_start, cue_end, source_start, source_end, mention, link, confidence, source_type,"
        " gender, gender_evidence, speaker_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return "replaced" if found else "stored"


def ingest(
    conn: sqlite3.Connection,
    items: Iterable[Result | Failure],
    batch_size: int = BATCH,
    progress: Callable[[Stats], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> Stats:
    """Store results in batches, one transaction each; failures are counted, not stored.

    `on_failure` sees each failure as it arrives, before its batch is stored.
    """
    stats = Stats()
    stream = iter(items) if on_failure is None else _passing(items, on_failure)
    speaker_ids: dict[str, int] = {}  # shared by the batches' linkers: key -> speaker id
    version = None
    while batch := list(islice(stream, batch_size)):
        with transaction(conn):
            # Another writer may have merged speakers since our last batch: forget their ids.
            now = conn.execute("PRAGMA data_version").fetchone()[0]
            if now != version:
                speaker_ids.clear()
                version = now
            linker = SpeakerLinker(conn, speaker_ids)
            summary.mark_stale(conn)
            for item in batch:
                if isinstance(item, Failure):
                    stats.failures.append(item)
                    continue
                outcome = store_result(conn, linker, item)
                setattr(stats, outcome, getattr(stats, outcome) + 1)
                if outcome != "unchanged":
                    stats.quotes += sum(1 for q in item.quotes if q.content)
            linker.finish()
        if progress:
            progress(stats)
    return stats


def _passing(
    items: Iterable[Result | Failure], on_failure: Callable[[Failure], None]
) -> Iterator[Result | Failure]:
    """The items unchanged, each failure shown to `on_failure` as it goes by."""
    for item in items:
        if isinstance(item, Failure):
            on_failure(item)
        yield item


def pending(
    db: str | Path, items: Iterable[Article | Failure], skipped: list[Article]
) -> Iterator[Article | Failure]:
    """Articles not yet stored with this text: a resumed run extracts only what is missing."""
    reader = open_readonly(db)
    try:
        for item in items:
            if isinstance(item, Article) and is_stored(reader, item):
                skipped.append(item)
                continue
            yield item
    finally:
        reader.close()
