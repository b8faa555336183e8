"""The seed article's answer key and the PolNeAR-dev accuracy gate, judged by ../shared/eval."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ONRECORD, POLNEAR_DEV, ROOT, SEED, SHARED

SCORER = SHARED / "eval" / "attrib_score.py"
SPEAKERS = SHARED / "eval" / "speaker_check.py"
# Floors: the dev figures the shipped version reached (raise them as extraction improves; a
# retrained model that trades one figure for others moves them, with the reason in its commit):
# attribution F1 over all and direct, and role-wise exact span F1 (content, source, cue).
# The speech scope (the default, and rules only) leaves out the beliefs, plans and poll findings
# PolNeAR annotates and real-news keys do not (extract/statements.py): hence its lower floors.
FLOORS = {
    "speech": (0.700, 0.876, {"content": 0.652, "source": 0.734, "cue": 0.694}),  # default pipeline
    "all": (0.759, 0.884, {"content": 0.685, "source": 0.800, "cue": 0.752}),  # --scope all
    "rules-only": (0.590, 0.80, {"content": 0.503, "source": 0.620, "cue": 0.537}),  # --no-model
}


def last_line(cmd: list[str]) -> tuple[int, str]:
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    return done.returncode, done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("rules_only", [False, True], ids=["model", "rules-only"])
def test_seed_article_all_attributions_and_speakers(tmp_path, rules_only):
    out = tmp_path / "seed.jsonl"
    flags = ["--no-model"] if rules_only else []
    subprocess.run([*ONRECORD, "extract", f"{SEED}.txt", "-o", str(out), "--processes", "1",
                    *flags], check=True, cwd=ROOT)
    _, score = last_line([sys.executable, str(SCORER), "--gold-jsonl", f"{SEED}.gold.json",
                          "--pred", str(out)])
    assert score == "attribution_F1_all=1.0000 direct_F1=1.0000"
    code, check = last_line([sys.executable, str(SPEAKERS), "-q", "--gold", f"{SEED}.gold.json",
                             "--pred", str(out)])
    assert check == "found=19/19 speakers=19/19 descriptors=10/10"
    assert code == 0


@pytest.mark.slow
@pytest.mark.parametrize("setting", list(FLOORS))
def test_polnear_dev_accuracy_gate(polnear_dev, setting):
    out = polnear_dev(setting)
    done = subprocess.run([sys.executable, str(SCORER), "--polnear", str(POLNEAR_DEV),
                           "--pred", str(out), "--json"], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    floor_all, floor_direct, floor_roles = FLOORS[setting]
    assert result["all"]["attribution"]["F1"] >= floor_all
    assert result["direct"]["attribution"]["F1"] >= floor_direct
    for role, floor in floor_roles.items():
        assert result["role_exact"][role]["F1"] >= floor, role
