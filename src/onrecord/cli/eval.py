"""`onrecord eval`: score the pipeline (or a file of its output) against gold attributions."""

from __future__ import annotations

import argparse

from onrecord.cli.options import add_extraction, settings
from onrecord.evaluate.brat import quotes_of, read_gold, read_json_records
from onrecord.evaluate.run import evaluate
from onrecord.evaluate.score import score


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="content, attribution and role-wise span scores against gold",
                       description=__doc__)
    gold = p.add_mutually_exclusive_group(required=True)
    gold.add_argument("--polnear", metavar="DIR",
                      help="brat standoff in the PolNeAR layout (text/, attributions/)")
    gold.add_argument("--gold", metavar="FILE",
                      help="JSON answer key(s) with id, text and quotes (an object, a list or lines)")
    p.add_argument("--pred", metavar="FILE",
                   help="score this `onrecord extract` output instead of running the pipeline")
    add_extraction(p, weights=True)
    p.add_argument("--limit", type=int, help="only the first N articles (sorted by name)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    how = settings(args)
    gold = read_gold(polnear=args.polnear, gold=args.gold, limit=args.limit)
    if args.pred:
        preds = {str(r["id"]): quotes_of(r) for r in read_json_records(args.pred)}
        scores = score(gold, preds)
    else:
        from onrecord.extract.spacy_import import import_spacy

        import_spacy(how.spacy_model)
        from onrecord.pipeline import load_extractor

        scores = evaluate(gold, load_extractor(how))
    print(scores.report())
    return 0
