"""The Spark engine in local[2] writes exactly the local engine's lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import OnrecordError
from onrecord.run.spark import FAILURES_DIR, extract_spark, read_lines, session

DEV = Path(__file__).parents[3] / "shared" / "polnear" / "dev" / "text"
NEWS = Path(__file__).parents[1] / "data" / "news"


@pytest.fixture(scope="module")
def spark():
    spark = session("local[2]")
    yield spark
    spark.stop()


@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev is read from shared/ at run time")
def test_polnear_dev_lines_equal_the_local_engine(tmp_path: Path, spark, polnear_dev) -> None:
    local = polnear_dev("speech")  # `onrecord extract` with the default settings
    run = extract_spark([str(DEV)], str(tmp_path / "spark"), spark=spark)
    assert run.files == 84 and not run.failures
    lines = read_lines(str(tmp_path / "spark"))
    assert lines == local.read_text(encoding="utf-8").splitlines()
    assert sum(len(json.loads(line)["quotes"]) for line in lines) > 500


def test_parquet_by_date_and_failures(tmp_path: Path, spark) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, date in (("harbour", "2024-04-18"), ("flood", "2022-11-25")):
        text = (NEWS / f"{name}.txt").read_text(encoding="utf-8")
        (inputs / f"{name}.txt").write_text(f"date {date}\n{text}", encoding="utf-8")
    (inputs / "blank.txt").write_text("  \n", encoding="utf-8")
    library = {"id": "library", "date": "2023-08-02", "author": "Staff Reporter",
               "text": (NEWS / "library.txt").read_text(encoding="utf-8")}
    (inputs / "library.jsonl").write_text(json.dumps(library) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = extract_spark([str(inputs), str(tmp_path / "missing.txt")], str(out),
                        output_format="parquet", spark=spark)
    assert sorted(p.name for p in out.glob("date=*")) == [
        "date=2022-11-25", "date=2023-08-02", "date=2024-04-18"]
    rows = spark.read.parquet(str(out)).orderBy("id").collect()
    assert [r.id for r in rows] == ["flood", "harbour", "library"]
    assert [r.author for r in rows] == [None, None, "Staff Reporter"]
    assert all(q.speakers for r in rows for q in r.quotes if q.kind == "direct")
    assert {Path(f.origin).name for f in run.failures} == {"missing.txt", "blank.txt"}
    assert len(read_lines(str(out / FAILURES_DIR))) == 2


def test_existing_output_is_refused(tmp_path: Path, spark) -> None:
    with pytest.raises(OnrecordError, match="already exists"):
        extract_spark([str(NEWS)], str(tmp_path), spark=spark)
