"""Commands run where a folder is truly read-only, for root too (whom permissions do not stop),
and databases damaged on purpose: the storage failures users meet, made from generated input."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# In a mount namespace of its own, the folder ($0) is bound onto itself read-only, as a
# read-only mount would be; the command ("$@") then runs there.
READ_ONLY_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'


def _env() -> dict[str, str]:
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


@cache
def _mount_works() -> bool:
    """True when this root may make read-only mounts in a namespace of its own."""
    if shutil.which("unshare") is None:
        return False
    probe = Path(f"/tmp/onrecord-ro-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(
            ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, str(probe),
             "sh", "-c", 'touch "$0/x" 2>/dev/null && exit 9 || exit 0', str(probe)],
            capture_output=True,
        )
        return done.returncode == 0
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def run_read_only(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """`argv` run with `folder` and its files read-only: their write permissions taken away
    for a user, a read-only bind mount for root."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            return subprocess.run(argv, capture_output=True, text=True, env=_env(), cwd=ROOT)
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
    if not _mount_works():
        pytest.skip("root here can make no read-only mount (unshare -m and mount refused)")
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, str(folder), *argv],
        capture_output=True, text=True, env=_env(), cwd=ROOT,
    )


def onrecord(*args: str | Path) -> list[str]:
    """The `onrecord` command line of this checkout."""
    return [sys.executable, "-m", "onrecord.cli", *map(str, args)]


def page_of(path: Path, table: str) -> int:
    """The first (root) page of a table, 1-based."""
    with closing(sqlite3.connect(path)) as conn:
        (page,) = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,))
    return int(page[0])


def damage(path: Path, page: int | None = None, size: int = 8192) -> Path:
    """`size` bytes of garbage written over the file from `page` on (default: its middle)."""
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    at = (page - 1) * page_size if page else path.stat().st_size // 2
    with path.open("r+b") as f:
        f.seek(at)
        f.write(random.Random(size).randbytes(size))
    return path
