"""Bad input gets a clear one-line report, costs nothing else, and sets the exit status."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

from tests.conftest import ROOT

ONRECORD = [sys.executable, "-m", "onrecord.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*ONRECORD, "extract", "--processes", "1", "--format", "jsonl", *args],
                          capture_output=True, input=stdin, cwd=ROOT, check=False)


def test_every_record_is_output_or_reported(tmp_path):
    (tmp_path / "good.txt").write_text('"Roads reopen Monday," said Mayor Ana Ortiz.\n')
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "latin.txt").write_bytes("caf\xe9 said".encode("latin-1"))
    lines = [json.dumps({"id": "a1", "text": "Officials said the port is open."}), "{not json",
             json.dumps(["a", "list"]), json.dumps({"id": "a4", "text": "The mayor said so."})]
    with gzip.open(tmp_path / "batch.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    done = run(str(tmp_path), str(tmp_path / "missing.txt"))
    ids = [json.loads(line)["id"] for line in done.stdout.decode().splitlines()]
    assert ids == ["a1", "a4", "good"]
    err = done.stderr.decode()
    assert "batch.jsonl.gz:2: malformed JSON" in err
    assert "batch.jsonl.gz:3: JSON line is a list" in err
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "latin.txt: not valid UTF-8 at byte 3" in err
    assert "missing.txt: no such file or directory" in err
    assert len(err.strip().splitlines()) == 6
    assert done.returncode == 1


def test_clean_run_exits_zero_and_keeps_offsets(tmp_path):
    text = "date 2026-01-05\n\n\"We are ready,\" said Coach Ben Ruiz.\n"
    path = tmp_path / "coach.txt"
    path.write_text(text, encoding="utf-8")
    done = run(str(path))
    assert done.returncode == 0
    rec = json.loads(done.stdout)
    assert rec["id"] == "coach" and rec["date"] == "2026-01-05"
    (s, e), = rec["quotes"][0]["content"]
    assert text[s:e] == '"We are ready,"'
    assert rec["quotes"][0]["speakers"][0]["name"] == "Ben Ruiz"


def test_standard_input_and_process_pool_give_the_same_lines(tmp_path):
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(f'"Item {i} is done," said Clerk Amy Lu.\n')
    one = run(str(tmp_path)).stdout
    two = subprocess.run([*ONRECORD, "extract", "--processes", "2", str(tmp_path)],
                         capture_output=True, cwd=ROOT, check=True).stdout
    assert one == two and len(one.splitlines()) == 6
    piped = run("-", stdin=b'"Stdin works," said Clerk Amy Lu.\n')
    assert json.loads(piped.stdout)["quotes"][0]["speakers"][0]["name"] == "Amy Lu"


def test_unsupported_files_in_a_folder_are_counted_once(tmp_path):
    (tmp_path / "a.txt").write_text('"Ready," said Clerk Amy Lu.\n')
    for name in ("scan.pdf", "notes.docx", "more.pdf", "README"):
        (tmp_path / name).write_bytes(b"not an article")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")  # hidden files are nobody's input
    done = run(str(tmp_path))
    assert [json.loads(line)["id"] for line in done.stdout.decode().splitlines()] == ["a"]
    assert done.stderr.decode().splitlines() == [
        f"onrecord: {tmp_path}: 4 files of unsupported type skipped (1 .docx, 2 .pdf, 1 no suffix)"]
    assert done.returncode == 0  # skipped, like an archive's records that are not articles
