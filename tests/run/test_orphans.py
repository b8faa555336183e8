"""Worker processes end with their parent: `kill -9` of a run leaves nothing running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import ROOT


def children(pid: int) -> list[int]:
    """The live (not zombie) processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]  # the name may hold spaces
            if int(ppid) == pid and state != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def outliving(pids: list[int], seconds: float = 10) -> list[int]:
    """Those of `pids` still alive after waiting up to `seconds` for them all to end."""
    deadline = time.monotonic() + seconds
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_workers_end_when_the_run_is_killed(tmp_path: Path, command: str) -> None:
    articles = tmp_path / "many.jsonl"
    with articles.open("w", encoding="utf-8") as f:
        for n in range(3000):
            f.write(json.dumps({"id": f"a{n}", "text": f'"Lane {n} is shut," said Officer Dee Park.'})
                    + "\n")
    out = ["-o", str(tmp_path / "out.jsonl")] if command == "extract" else [
        "--db", str(tmp_path / "q.db"), "-q"]
    run = subprocess.Popen([sys.executable, "-m", "onrecord.cli", command, str(articles),
                            "--processes", "2", *out], cwd=ROOT, stderr=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers := children(run.pid)) < 2 and run.poll() is None:
            assert time.monotonic() < deadline, "the pool never started"
            time.sleep(0.2)
        time.sleep(1.0)  # into the run: workers loading the pipeline or extracting
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        assert not outliving(workers), "workers outlived their parent"
    finally:
        if run.poll() is None:
            run.kill()
        for pid in workers:  # never leave strays behind, even when the test fails
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
