"""Speaker-linking precision and recall on hand-labelled PolNeAR dev mentions.

Builds extraction results from the gold attributions (source span = speaker mention), stores
all dev articles in date order, then checks each labelled mention's linked speaker.
Run `python tests/store/polnear_linking.py` to print the figures and every error.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from onrecord.store import connect, ingest
from onrecord.store.names import parse
from onrecord.types import Article, Attribution, Result, Speaker

# shared/ sits beside the repository (as in CI); /work/shared on a developer's machine.
_BESIDE = Path(__file__).resolve().parents[3] / "shared"
SHARED = _BESIDE if _BESIDE.is_dir() else Path("/work/shared")
POLNEAR = SHARED / "polnear"
LABELS = Path(__file__).parent / "data" / "polnear_dev_mentions.tsv"


def spans(field: str) -> list[tuple[int, int]]:
    """Brat offsets "s e;s e" as span pairs."""
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def gold_results(split: str = "dev") -> list[Result]:
    """One Result per article, an attribution for every annotated source + content."""
    meta = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    results = []
    for path in sorted((POLNEAR / split / "text").glob("*.txt")):
        name = path.stem
        text = path.read_text(encoding="utf-8")
        quotes: dict[tuple, Attribution] = {}
        for ann in sorted((POLNEAR / split / "attributions").glob(f"{name}_*.ann")):
            spans_by_id: dict[str, tuple[str, list[tuple[int, int]]]] = {}
            events = []
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if parts[0].startswith("T"):
                    kind, _, offsets = parts[1].partition(" ")
                    spans_by_id[parts[0]] = (kind, spans(offsets))
                elif parts[0].startswith("E"):
                    events.append(dict(arg.split(":") for arg in parts[1].split()[1:]))
            for event in events:
                if "Source" not in event or "Content" not in event:
                    continue
                source = spans_by_id[event["Source"]][1]
                content = spans_by_id[event["Content"]][1]
                s, e = source[0][0], source[-1][1]
                key = (s, e, content[0][0])
                if key not in quotes:
                    quotes[key] = Attribution(
                        "indirect", content, None, (s, e), [Speaker(text[s:e])], 1.0
                    )
        m = meta.get(name, {})
        article = Article(
            name,
            text,
            m.get("publication_date"),
            None,
            m.get("title"),
            m.get("publisher"),
            str(path),
        )
        results.append(Result(article, [quotes[k] for k in sorted(quotes)]))
    return sorted(results, key=lambda r: (r.article.date or "", r.article.id))


def evaluate(db_path: str | Path) -> dict:
    """Precision, recall and the errors of speaker linking on the labelled mentions."""
    conn = connect(db_path)
    ingest(conn, gold_results(), batch_size=10)
    linked: dict[tuple[str, int, int], tuple[str, str, int]] = {}
    for art, s, e, key, name, partial in conn.execute(
        "SELECT a.id, o.source_start, o.source_end, sp.key, sp.name, sp.partial"
        " FROM occurrences o JOIN articles a ON a.rowid = o.article"
        " JOIN quotes q ON q.id = o.quote_id JOIN speakers sp ON sp.id = q.speaker_id"
    ):
        linked[(art, s, e)] = (key, name, partial)
    conn.close()
    counts: dict[str, int] = defaultdict(int)
    errors = []
    with LABELS.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            art, s, e, person = line.rstrip("\n").split("\t")
            expected = parse(person)
            assert expected is not None, person
            got = linked.get((art, int(s), int(e)))
            counts["total"] += 1
            if got is None or got[2] or got[0].startswith("@"):
                counts["unresolved"] += 1
                errors.append(("unresolved", art, s, e, person, got[1] if got else None))
            elif got[0] == expected.key:
                counts["correct"] += 1
            else:
                counts["wrong"] += 1
                errors.append(("wrong", art, s, e, person, got[1]))
    resolved = counts["correct"] + counts["wrong"]
    return {
        "mentions": counts["total"],
        "correct": counts["correct"],
        "wrong": counts["wrong"],
        "unresolved": counts["unresolved"],
        "precision": counts["correct"] / resolved if resolved else 0.0,
        "recall": counts["correct"] / counts["total"] if counts["total"] else 0.0,
        "errors": errors,
    }


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        report = evaluate(Path(tmp) / "polnear.db")
    for error in report.pop("errors"):
        print("\t".join(str(x) for x in error))
    print(report, file=sys.stderr)
