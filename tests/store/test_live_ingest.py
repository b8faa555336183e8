"""`onrecord ingest` with real extraction on PolNeAR dev: it stores cleanly, search answers while
it runs, and a run killed with SIGKILL resumes to exactly what an uninterrupted run stores."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from polnear_linking import POLNEAR
from store_helpers import snapshot

from onrecord.cli import main
from onrecord.run.ingest import ingest_paths
from onrecord.store import connect, open_readonly, search

DEV = POLNEAR / "dev" / "text"
BATCH = 4  # the killed and the reference run commit the same batches


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev is read from shared/ at run time")
def test_polnear_dev_ingest_killed_mid_run_resumes_exactly(tmp_path: Path, capsys) -> None:
    articles = len(list(DEV.glob("*.txt")))
    reference = tmp_path / "reference.db"
    stats = ingest_paths([str(DEV)], reference, processes=1, batch_size=BATCH)
    assert (stats.stored, stats.failures) == (articles, [])  # ingests cleanly
    assert stats.quotes > 500

    killed = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "onrecord.cli", "ingest", str(DEV), "--db", str(killed),
           "--processes", "1", "--batch-size", str(BATCH), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored, answers = 0, []
    try:
        deadline = time.monotonic() + 300
        while stored < 3 * BATCH and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            if not killed.exists():
                continue
            reader = open_readonly(killed)
            try:  # a reader while the ingest runs: never locked out, sees whole batches
                reader.execute("BEGIN")  # one snapshot for the three reads
                if reader.execute("PRAGMA user_version").fetchone()[0] == 0:
                    reader.execute("COMMIT")
                    continue  # the schema is not committed yet
                start = time.perf_counter()
                total = search(reader, "president")["total"]
                answers.append(time.perf_counter() - start)
                stored = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
                fts = reader.execute(
                    "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'president'"
                ).fetchone()[0]
                reader.execute("COMMIT")
                assert stored % BATCH == 0 and total == fts
            finally:
                reader.close()
        os.kill(proc.pid, signal.SIGKILL)  # mid-run: extraction of the next batch is under way
    finally:
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert answers and max(answers) < 1.0
    reader = open_readonly(killed)
    partial = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
    reader.close()
    assert 0 < partial < articles

    db = str(killed)
    assert main(["ingest", str(DEV), "--db", db, "--processes", "1",
                 "--batch-size", str(BATCH), "-q"]) == 0
    resumed = json.loads(capsys.readouterr().out)
    assert (resumed["stored"], resumed["unchanged"]) == (articles - partial, partial)
    a, b = connect(reference), connect(killed)
    assert snapshot(b) == snapshot(a)  # nothing lost, nothing doubled
    a.close()
    b.close()
