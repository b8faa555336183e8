"""Accuracy gate on ../shared/realnews/dev: who said it, by name, and their descriptors,
judged by ../shared/eval/wsw_score.py."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

REALNEWS_DEV = SHARED / "realnews" / "dev"
SCORER = SHARED / "eval" / "wsw_score.py"
# Floors a little under the figures reached (raise them as resolution improves, never lower them
# silently): attributions found, right speaker by full name, by surname, direct quotes' speaker,
# and the share of descriptors right.
FLOORS = {"quote_F1": 0.900, "who_F1": 0.855, "surname_F1": 0.850, "direct_who_F1": 0.895}
DESCRIPTOR_SHARE = 0.75  # reached: 104/136


@pytest.mark.slow
def test_realnews_dev_who_said_it(tmp_path):
    out = tmp_path / "real.jsonl"
    subprocess.run([sys.executable, "-m", "onrecord.cli", "extract", str(REALNEWS_DEV), "-o",
                    str(out), "--processes", "1"], check=True, cwd=ROOT, capture_output=True)
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(REALNEWS_DEV), "--pred",
                           str(out)], capture_output=True, text=True, check=True)
    last = done.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w+)=([\d./]+)", last))
    for name, floor in FLOORS.items():
        assert float(figures[name]) >= floor, last
    right, total = (int(x) for x in figures["descriptors"].split("/"))
    assert right / total >= DESCRIPTOR_SHARE, last
