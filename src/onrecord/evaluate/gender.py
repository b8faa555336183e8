"""Score the gender given to quoted people against answer keys whose `speakers` carry `gender`
and `gender_evidence` (../shared/realnews/dev).

    python -m onrecord.evaluate.gender --gold DIR --pred OUT.jsonl [-v]

A key's named person is matched to the predicted speakers of the same article whose name holds
the key name's first and last name words (as wsw_score.py matches speakers; "Trump" matches
"Donald Trump" and "Mr. Trump"). Then
- precision: over matched people the key gives as female or male and the prediction gives a
  gender, the share given the key's gender;
- coverage: of the people whose key says the article shows their gender (`article`), the share
  given a gender (right or wrong) — `found` counts only those the attributions named at all.
Organisations are never to be gendered: any gender predicted for one is counted as a mistake.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

WORD = re.compile(r"\w+")
NAME_NOISE = {"jr", "sr", "ii", "iii", "iv", "the", "of", "s", "and", "for", "dr", "mr", "mrs",
              "ms"}


def name_words(name: str) -> list[str]:
    words = [w.lower() for w in WORD.findall(name.replace("\u2019", "'"))]
    return [w for w in words if w not in NAME_NOISE and len(w) > 1]


def same_person(gold: str, predicted: str) -> bool:
    """The predicted name holds the gold name's first and last words."""
    g = name_words(gold)
    return bool(g) and {g[0], g[-1]} <= set(name_words(predicted))


def same_organisation(gold: str, predicted: str) -> bool:
    """Every word of the predicted name is in the organisation's name ("NASA" for "NASA")."""
    p = set(name_words(predicted))
    return bool(p) and p <= set(name_words(gold))


@dataclass
class GenderScore:
    right: int = 0  # given the key's female/male
    wrong: int = 0  # given the other one, or any gender for an organisation
    unverifiable: int = 0  # given a gender the key does not know
    article_people: int = 0  # key: the article shows the gender
    article_found: int = 0  # ... named by some attribution
    article_given: int = 0  # ... and given a gender
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        judged = self.right + self.wrong
        return self.right / judged if judged else 1.0

    @property
    def coverage(self) -> float:
        return self.article_given / self.article_people if self.article_people else 1.0

    @property
    def coverage_found(self) -> float:
        return self.article_given / self.article_found if self.article_found else 1.0

    def summary(self) -> str:
        return (
            f"gender_precision={self.precision:.4f} ({self.right}/{self.right + self.wrong})"
            f" coverage_article={self.coverage:.4f} ({self.article_given}/{self.article_people})"
            f" coverage_found={self.coverage_found:.4f} ({self.article_given}/"
            f"{self.article_found}) unverifiable={self.unverifiable}"
        )


def _speakers(quotes: list[dict]) -> list[dict]:
    out = []
    for q in quotes:
        out.extend(q.get("speakers") or [])
        out.extend(_speakers(q.get("nested") or []))
    return out


def score(gold_dir: Path, pred_path: Path) -> GenderScore:
    """Compare predicted speakers' genders with every key in the folder."""
    preds: dict[str, list[dict]] = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                preds[str(d["id"])] = _speakers(d.get("quotes") or [])
    out = GenderScore()
    for path in sorted(gold_dir.glob("*.gold.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        aid = str(key.get("id") or path.name[: -len(".gold.json")])
        speakers = preds.get(aid, [])
        for name, want in (key.get("speakers") or {}).items():
            kind = want.get("type", "person")
            same = same_person if kind == "person" else same_organisation
            matched = [s for s in speakers if same(name, s.get("name") or "")]
            given = Counter(s.get("gender") for s in matched
                            if s.get("gender") in ("female", "male"))
            if kind != "person":
                if given:
                    out.wrong += 1
                    out.errors.append(f"{aid} ORGANISATION {name!r} given {dict(given)}")
                continue
            gold = want.get("gender")
            if want.get("gender_evidence") == "article":
                out.article_people += 1
                out.article_found += bool(matched)
                out.article_given += bool(given)
                if not given:
                    why = "not found" if not matched else "no gender"
                    out.errors.append(f"{aid} UNCOVERED {name!r} ({why})")
            if not given:
                continue
            got = given.most_common(1)[0][0]
            if gold not in ("female", "male"):
                out.unverifiable += 1
                continue
            if got == gold:
                out.right += 1
            else:
                out.wrong += 1
                evidence = {s.get("gender_evidence") for s in matched}
                out.errors.append(f"{aid} WRONG {name!r} want {gold} got {got} {evidence}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="folder of <ID>.gold.json keys")
    ap.add_argument("--pred", type=Path, required=True, help="onrecord extract JSON lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    result = score(args.gold, args.pred)
    if args.verbose:
        for line in result.errors:
            print(" ", line)
    print(result.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
