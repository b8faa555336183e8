"""Ingest: idempotent, replaces changed articles, survives being killed, never blocks readers."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

from store_helpers import corpus, result, snapshot

from onrecord.store import connect, ingest, open_readonly, search
from onrecord.types import Failure


def test_reingest_changes_nothing(db) -> None:
    items = corpus(30)
    first = ingest(db, items, batch_size=7)
    before = snapshot(db)
    again = ingest(db, items, batch_size=4)
    assert (first.stored, again.stored, again.unchanged) == (30, 0, 30)
    assert snapshot(db) == before
    assert before["articles"] == 30 and before["occurrences"] == 60


def test_same_article_under_its_url_is_not_stored_twice(db) -> None:
    text = 'Nora Quill opened the library. "Books are for everyone," Quill said.'
    a = result(
        "feed-1",
        "2016-02-02",
        text,
        [("Books are for everyone,", "Quill")],
        url="https://example.org/library",
    )
    b = result(
        "crawl-9",
        "2016-02-02",
        text,
        [("Books are for everyone,", "Quill")],
        url="https://example.org/library",
    )
    stats = ingest(db, [a, b])
    assert (stats.stored, stats.unchanged) == (1, 1)


def test_changed_text_replaces_the_article(db) -> None:
    old = 'Tom Akers spoke. "The plant opens in May," Akers said.'
    new = 'Tom Akers spoke. "The plant opens in June," Akers said.'
    ingest(db, [result("x", "2016-02-02", old, [("The plant opens in May,", "Akers")])])
    stats = ingest(db, [result("x", "2016-02-03", new, [("The plant opens in June,", "Akers")])])
    assert stats.replaced == 1
    assert [r["text"] for r in search(db)["results"]] == ["The plant opens in June,"]
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_failures_are_counted_not_stored(db) -> None:
    stats = ingest(db, [Failure("x.txt", "empty file"), *corpus(2)])
    assert len(stats.failures) == 1 and stats.stored == 2


WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {helpers!r})
    from store_helpers import corpus
    from onrecord.store import connect, ingest

    def slow():
        for item in corpus({n}):
            time.sleep(0.004)
            yield item

    conn = connect({db!r})
    ingest(conn, slow(), batch_size=5, progress=lambda s: print(s.stored, flush=True))
""")


def test_killed_ingest_resumes_with_nothing_lost_or_doubled(tmp_path: Path) -> None:
    n = 200
    reference = connect(tmp_path / "reference.db")
    ingest(reference, corpus(n))
    path = str(tmp_path / "killed.db")
    script = WRITER.format(helpers=str(Path(__file__).parent), n=n, db=path)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for _ in range(3):  # let some batches commit, then kill it mid-batch
        proc.stdout.readline()
    time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    reader = open_readonly(path)
    partial = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
    reader.close()
    assert 0 < partial < n
    conn = connect(path)
    stats = ingest(conn, corpus(n))
    assert stats.stored == n - partial and stats.unchanged == partial
    assert snapshot(conn) == snapshot(reference)


def test_search_answers_while_an_ingest_runs(tmp_path: Path) -> None:
    n = 400
    path = tmp_path / "live.db"
    connect(path).close()  # the file exists before the writer starts
    script = WRITER.format(helpers=str(Path(__file__).parent), n=n, db=str(path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL)
    reader = open_readonly(path)
    seen, slowest = [], 0.0
    try:
        while proc.poll() is None:
            start = time.perf_counter()
            found = search(reader, "settle", limit=5)
            stored = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
            slowest = max(slowest, time.perf_counter() - start)
            if proc.poll() is None:  # answered while the writer was still at work
                seen.append((stored, found["total"]))
            time.sleep(0.02)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == 0
    assert len({s for s, _ in seen}) >= 3  # several states, each a whole committed batch
    assert all(s % 5 == 0 and 0 <= s <= n for s, _ in seen)
    assert seen == sorted(seen) and any(0 < s < n for s, _ in seen)
    assert slowest < 1.0  # never waits on the writer's lock
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    reader.close()


def test_reader_works_while_a_write_transaction_is_open(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    writer = connect(path)
    ingest(writer, corpus(10))
    reader = open_readonly(path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM occurrences")
    start = time.perf_counter()
    found = search(reader, "settle")
    assert time.perf_counter() - start < 1.0  # no waiting on the writer's lock
    assert found["total"] == 10 and found["results"][0]["occurrences"]
    writer.execute("ROLLBACK")
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_apply_once(tmp_path: Path) -> None:
    from onrecord.store.db import migrations

    path = tmp_path / "m.db"
    first = connect(path)
    ingest(first, corpus(3))
    first.close()
    again = connect(path)  # reopening applies nothing and keeps the data
    assert again.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]
    assert again.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_the_byline_is_stored_and_shown_with_each_occurrence(db) -> None:
    from onrecord.store import get_quote

    item = corpus(1)[0]
    ingest(db, [replace(item, article=replace(item.article, author="Jo Byline"))])
    qid = search(db)["results"][0]["id"]
    assert [o["author"] for o in get_quote(db, qid)["occurrences"]] == ["Jo Byline"]
