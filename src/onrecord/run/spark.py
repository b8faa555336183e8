"""Run the pipeline on Spark: one task per input file, the spaCy pipeline loaded once per worker.

Works in local mode out of the box (`local[*]`) and unchanged under `spark-submit`, which sets
the master. Input paths must be readable by every executor (a shared or mounted filesystem).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord import errors
from onrecord.read.sources import iter_paths, read_file
from onrecord.settings import Settings
from onrecord.types import Failure, Result

FORMATS = ("jsonl", "parquet")
MASTER_ENV = "ONRECORD_SPARK_MASTER"  # e.g. local[2]; ignored under spark-submit
FAILURES_DIR = "_failures"  # leading underscore: Spark and Hadoop readers skip it

# The JSON lines schema, for Parquet output (types Spark can partition and query).
QUOTE_SCHEMA = (
    "kind STRING, text STRING, content ARRAY<ARRAY<INT>>, cue ARRAY<INT>, source ARRAY<INT>, "
    "speakers ARRAY<STRUCT<name: STRING, title: STRING, party: STRING, state: STRING, "
    "org: STRING>>, confidence DOUBLE"
)
SCHEMA = (
    f"id STRING, date STRING, title STRING, url STRING, outlet STRING, author STRING, "
    f"quotes ARRAY<STRUCT<{QUOTE_SCHEMA}, nested ARRAY<STRUCT<{QUOTE_SCHEMA}>>>>"
)


@dataclass
class SparkRun:
    """What a Spark run read and where it wrote; failures are also under `_failures/`."""

    output: str
    files: int = 0
    failures: list[Failure] = field(default_factory=list)


def to_line(result: Result) -> str:
    """One JSON line, exactly as the local engine writes it."""
    return json.dumps(result.to_json(), ensure_ascii=False)


def extract_file(path: str, settings: Settings, failures: Any) -> Iterator[str]:
    """The JSON lines of one file's results; runs on an executor, failures go to an accumulator."""
    from onrecord.run.local import extract  # the same code path as the local engine

    for item in extract(read_file(Path(path)), settings, processes=1):
        if isinstance(item, Failure):
            failures.add([(item.origin, item.reason)])
        else:
            yield to_line(item)


def _list_param() -> Any:
    from pyspark.accumulators import AccumulatorParam

    class ListParam(AccumulatorParam):
        """Failures gathered from every task, back on the driver."""

        def zero(self, value: list) -> list:
            return []

        def addInPlace(self, a: list, b: list) -> list:  # noqa: N802 - Spark's name
            a.extend(b)
            return a

    return ListParam()


def session(master: str | None = None, app: str = "onrecord") -> Any:
    """The active SparkSession; local mode on all cores unless spark-submit set a master."""
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise errors.MissingDependency(
            errors.NEEDS_EXTRA.format(what="--engine spark", extra="spark")) from e
    builder = SparkSession.builder.appName(app)
    # spark-submit starts the JVM first and hands this process its gateway: its --master and
    # --conf settings are in force then (SparkConf() here cannot see them) and must stay.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ or SparkConf().contains("spark.master")
    if not submitted:
        # Local mode: workers run this interpreter, so they see the same installed packages.
        builder = builder.master(master or os.environ.get(MASTER_ENV, "local[*]"))
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by SparkContext itself
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # one machine: stay on loopback
        builder = builder.config("spark.ui.showConsoleProgress", "false")
        builder = builder.config("spark.ui.enabled", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def extract_spark(
    inputs: Iterable[str],
    output: str,
    settings: Settings | None = None,
    output_format: str = "jsonl",
    spark: Any = None,
) -> SparkRun:
    """Extract every input file as its own Spark task and write part files under `output`;
    every executor extracts with `settings` (shipped with the task, not read from its
    environment)."""
    settings = settings or Settings()
    if output_format not in FORMATS:
        raise errors.BadOption(errors.OUTPUT_FORMAT.format(formats=", ".join(FORMATS)))
    if "://" not in output and Path(output).exists():  # fail before the cluster does the work
        raise errors.BadOption(errors.OUTPUT_EXISTS.format(path=output))
    run = SparkRun(output)
    paths: list[str] = []
    for item in iter_paths(inputs):
        if isinstance(item, Failure):
            run.failures.append(item)
        elif item == "-":
            run.failures.append(Failure("<stdin>", errors.SPARK_STDIN))
        else:
            paths.append(str(Path(item).resolve()))
    run.files = len(paths)
    spark = spark or session()
    sc = spark.sparkContext
    failures = sc.accumulator([], _list_param())
    # One slice per file: a task reads, parses and extracts one file, in order, in one pass.
    lines = sc.parallelize(paths, max(1, len(paths))).flatMap(
        lambda path: extract_file(path, settings, failures)
    )
    if output_format == "jsonl":
        lines.saveAsTextFile(output)
    else:
        spark.read.schema(SCHEMA).json(lines).write.partitionBy("date").parquet(output)
    # A retried task reports its failures again: keep each one once.
    run.failures += [Failure(o, r) for o, r in dict.fromkeys(map(tuple, failures.value))]
    if run.failures:  # beside the results, on whatever filesystem the output is on
        rows = [json.dumps({"origin": f.origin, "reason": f.reason}) for f in run.failures]
        sc.parallelize(rows, 1).saveAsTextFile(f"{output}/{FAILURES_DIR}")
    return run


def read_lines(output: str) -> list[str]:
    """The result lines of a JSON lines run, part files in order (input order)."""
    parts = sorted(Path(output).glob("part-*"))
    return [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]


if __name__ == "__main__":  # spark-submit .../onrecord/run/spark.py INPUT... -o OUTDIR [...]
    from onrecord.cli import main

    sys.exit(main(["extract", "--engine", "spark", *sys.argv[1:]]))
