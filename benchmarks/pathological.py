"""Time and peak memory of `onrecord extract` against article length, on text meant to hurt.

Two kinds of article, each at 10k, 100k and 1M characters (`--sizes`): ordinary news text
(varied paragraphs written for this benchmark, with quotes and attributions, assembled at
random from a fixed seed) and quote-mark text (nothing but straight and curly quote marks and
newlines). Each length of each kind runs in a fresh process through `onrecord extract
--processes 1`'s own path (read the file, `run.local.extract`), with the trained model (the
default) and rules only (`--no-model`); its peak memory is measured by its own parent. The time
is the extraction's alone, taken in the process once the pipeline is loaded and warmed: on a
shared machine the seconds of loading spaCy vary too much to subtract. Articles under 100k
characters run `--repeat` times and the fastest run is kept. Prints seconds, microseconds per
character, attributions found and peak MB side by side, then whether the time per character at
the longest length is within 1.5x that at the shortest and every peak is under 1 GB.

    .venv/bin/python benchmarks/pathological.py [--sizes 10000 100000 1000000] [--kinds news quotes]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

# One article through `onrecord extract`'s own path (read_inputs, then run.local.extract with
# one process), timed inside the process after the pipeline is loaded and warmed on a sentence:
# a loaded machine makes start-up time too noisy to subtract.
CHILD = """
import sys, time
from onrecord.read import read_inputs
from onrecord.run.local import extract
from onrecord.settings import Settings
from onrecord.types import Article
settings = Settings(use_model=sys.argv[1] == "model")
list(extract([Article(id="warm", text='"We will go," Ines Marlow said.')], settings))
(article,) = list(read_inputs([sys.argv[2]]))
start = time.perf_counter()
(result,) = list(extract([article], settings))
print(time.perf_counter() - start, len(result.quotes))
"""
PEAK = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], check=True, stdout=subprocess.PIPE, text=True)
print(done.stdout.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
TARGET_RATIO = 1.5  # time per character at the longest length over that at the shortest
TARGET_MB = 1024

FIRST = ["Marta", "Tomas", "Ana", "Jonas", "Priya", "Elena", "Samuel", "Ines", "Oskar", "Leila",
         "Dmitri", "Grace", "Rafael", "Hanna", "Kwame", "Yuki", "Beatriz", "Callum", "Nadia",
         "Viktor", "Amara", "Felix", "Ingrid", "Mateo"]
LAST = ["Lindqvist", "Brandt", "Duarte", "Okafor", "Marlow", "Castellano", "Novak", "Haddad",
        "Whitcombe", "Sorensen", "Achebe", "Ferreira", "Kowalski", "Tanaka", "Moreau", "Abernathy",
        "Quispe", "Rasmussen", "Delacroix", "Nkemelu", "Varga", "Holloway", "Ishikawa", "Petrova"]
ROLES = ["the mayor of {place}", "a councillor from {place}", "who chairs the {place} water board",
         "a spokesperson for the {place} port authority", "the head of the {place} teachers' union",
         "a senior economist at the Bank of {place}", "the police chief in {place}",
         "a retired ferry captain from {place}", "the {place} health commissioner"]
PLACES = ["Saltmarsh Bay", "Eastbrook", "Port Carrow", "Millhaven", "Redfern Valley", "Ashcombe",
          "Northgate", "Kellan Falls", "Brightwater", "Osterby", "Larkfield", "Greymoor"]
TOPICS = ["the harbour dredging", "the new bus routes", "the school budget", "the flood barrier",
          "the library closure", "the hospital expansion", "the water rates", "the bridge repairs",
          "the housing plan", "the fishing quotas", "the summer festival", "the rail strike"]
SAYS = ["said", "told reporters", "said on Tuesday", "wrote in a statement", "said in an interview",
        "added", "argued", "warned"]
CLAIMS = [
    "We have waited long enough, and so have the families who depend on this",
    "Nobody in this town asked for {topic}, and nobody will pay for it twice",
    "The numbers do not add up, and I have said so from the start",
    "If we do nothing now, we will be back here in five years with a bigger bill",
    "This is the most careful plan the council has put forward in a decade",
    "I understand the anger, but the money was never there",
    "We will listen to every objection before a single contract is signed",
    "People deserve to know what {topic} will cost them each month",
    "The crews are ready; what we lack is a decision",
    "Any progress is better than another year of meetings",
]
PARAGRAPHS = [
    '"{claim}," {name}, {role}, {say}.',
    '{name}, {role}, {say} that {topic} would cost about {n} million dollars and should be '
    'finished before the autumn.',
    '"{claim}," {surname} {say}. "{claim2}."',
    'Not everyone is convinced. {name}, {role}, {say} that the council had ignored warnings '
    'about {topic} for years.',
    'According to {surname}, a separate study of {topic} will be published in the spring.',
    'The vote on {topic} was delayed twice last month after residents of {place} packed the '
    'town hall. Officials said a decision is now expected before the end of the year.',
    '{name} was more hopeful. "{claim}," {pronoun} said.',
    'In a letter to the council, {name} wrote: "{claim}. {claim2}."',
    '"{claim}"',
    'Asked about {topic}, {surname} said {pronoun} would wait for the full report.',
    'Figures released on Monday showed that {n} percent of households in {place} had written to '
    'the board about {topic}, the highest share since records began.',
    '{name}, {role}, disagreed. "{claim}," {pronoun} told the meeting, adding that {topic} '
    'had been "rushed from the first day."',
]


def news_paragraph(rng: random.Random) -> str:
    """One news-like paragraph: a quote, an attribution, a report or background."""
    first, last, place, topic = (rng.choice(FIRST), rng.choice(LAST), rng.choice(PLACES),
                                 rng.choice(TOPICS))
    fill = {
        "name": f"{first} {last}", "surname": last, "place": place, "topic": topic,
        "role": rng.choice(ROLES).format(place=place), "say": rng.choice(SAYS),
        "pronoun": rng.choice(["she", "he", "they"]), "n": rng.randint(2, 60),
    }
    fill["claim"] = rng.choice(CLAIMS).format(topic=topic)
    fill["claim2"] = rng.choice(CLAIMS).format(topic=topic)
    return rng.choice(PARAGRAPHS).format(**fill)


def news_text(length: int, seed: int = 20) -> str:
    """Ordinary news text of about `length` characters: paragraphs separated by blank lines."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < length:
        parts.append(news_paragraph(rng))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)[: length - 1].rstrip() + "\n"


def quote_mark_text(length: int, seed: int = 20) -> str:
    """Nothing but quote marks (straight, curly, single) and newlines, at random."""
    rng = random.Random(seed)
    marks = '"""“”‘’\'\n\n'
    return "".join(rng.choice(marks) for _ in range(length))


KINDS = {"news": news_text, "quotes": quote_mark_text}


def timed(path: Path, setting: str) -> tuple[float, int, float]:
    """Extraction seconds, attributions found and peak resident memory (MB, measured by the
    process's own parent) of one article in a fresh process."""
    done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-c", CHILD, setting,
                           str(path)], check=True, capture_output=True, text=True)
    secs, found, peak = done.stdout.split()[-3:]
    return float(secs), int(found), int(peak) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS))
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each article under 100k characters, the fastest kept")
    ap.add_argument("--write", type=Path, help="only write the articles into this folder")
    args = ap.parse_args()
    settings = ["model", "rules only"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.write or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in args.kinds:
            for size in args.sizes:
                (folder / f"{kind}-{size}.txt").write_text(KINDS[kind](size), encoding="utf-8")
        if args.write:
            return
        print(f"{'article':<16}" + "".join(
            f"{name + ': s':>14}{'us/char':>9}{'quotes':>8}{'peak MB':>9}" for name in settings))
        verdicts = []
        for kind in args.kinds:
            per_char: dict[str, list[float]] = {name: [] for name in settings}
            for size in args.sizes:
                row = f"{kind + ' ' + format(size, ','):<16}"
                for name in settings:
                    path = folder / f"{kind}-{size}.txt"
                    runs = [timed(path, name) for _ in range(args.repeat if size < 100_000 else 1)]
                    secs, found, mb = min(runs)
                    per_char[name].append(secs / size * 1e6)
                    row += f"{secs:14.1f}{secs / size * 1e6:9.0f}{found:8d}{mb:9.0f}"
                    if mb >= TARGET_MB:
                        verdicts.append(f"{kind} {size:,} ({name}): peak {mb:.0f} MB, OVER 1 GB")
                print(row, flush=True)
            for name, rates in per_char.items():
                ratio = rates[-1] / rates[0]
                ok = "within" if ratio <= TARGET_RATIO else "OVER"
                verdicts.append(f"{kind} ({name}): time per character at {args.sizes[-1]:,} is "
                                f"{ratio:.2f}x that at {args.sizes[0]:,}: {ok} {TARGET_RATIO}x")
        for v in verdicts:
            print(v)


if __name__ == "__main__":
    main()
