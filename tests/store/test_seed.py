"""End to end with the real extractor: the seed article ingests, and search finds Sessions."""

import json
from pathlib import Path

import pytest
from polnear_linking import SHARED

from onrecord.cli import main
from onrecord.store import open_readonly, search

SEED = SHARED / "examples" / "000_2db5822c89d00b53.txt"


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not on this machine")
def test_seed_ingests_and_search_recuse_sessions(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "seed.db")
    assert main(["ingest", str(SEED), "--db", db, "--processes", "1", "-q"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["stored"] == 1 and first["occurrences"] > 5
    assert main(["ingest", str(SEED), "--db", db, "--processes", "1", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 1
    assert main(["search", "recuse", "--speaker", "Sessions", "--db", db, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and {r["speaker"]["name"] for r in found} == {"Jeff Sessions"}
    conn = open_readonly(db)
    everything = search(conn, "recuse", limit=100)
    assert everything["total"] > len(found)  # others spoke of recusal too, and are left out
    text = SEED.read_text(encoding="utf-8")
    for r in found:
        for o in r["occurrences"]:
            assert text[o["start"] : o["end"]] in r["text"] or r["text"] in text
    conn.close()
