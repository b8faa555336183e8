"""`onrecord eval`: score the pipeline (or a file of its output) against gold attributions."""

from __future__ import annotations

import argparse
import os
import sys

from onrecord.evaluate.brat import quotes_of, read_gold_json, read_json_records, read_polnear
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
    p.add_argument("--no-model", action="store_true", help="rules only, without the trained model")
    p.add_argument("--scope", choices=("speech", "all"), default=None,
                   help="with the model: speech (default) or all of PolNeAR's attributions, "
                   "stances and beliefs included (also $ONRECORD_SCOPE)")
    p.add_argument("--weights", metavar="NPZ",
                   help="a retrained model (`onrecord train --out`) instead of the shipped one")
    p.add_argument("--model", help="spaCy pipeline to parse with")
    p.add_argument("--limit", type=int, help="only the first N articles (sorted by name)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.scope:  # read by the model in every worker process, which inherits the environment
        os.environ["ONRECORD_SCOPE"] = args.scope
    try:
        gold = read_polnear(args.polnear, args.limit) if args.polnear else \
            read_gold_json(args.gold)[: args.limit]
    except (OSError, ValueError, KeyError) as e:
        print(f"onrecord: cannot read gold: {e}", file=sys.stderr)
        return 2
    if args.pred:
        preds = {str(r["id"]): quotes_of(r) for r in read_json_records(args.pred)}
        scores = score(gold, preds)
    else:
        from onrecord.model.apply import WEIGHTS_ENV
        from onrecord.pipeline import load_extractor

        if args.weights:
            os.environ[WEIGHTS_ENV] = args.weights
        scores = evaluate(gold, load_extractor(args.model, use_model=not args.no_model))
    print(scores.report())
    return 0
