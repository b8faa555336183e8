"""`onrecord serve`: the search web app and JSON API over a quote database, read-only."""

from __future__ import annotations

import argparse
import sys

from onrecord import errors
from onrecord.cli.options import add_db, add_spacy_model, settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="search web app and JSON API", description=__doc__)
    add_db(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    add_spacy_model(p, "spaCy pipeline for pasted articles")
    p.add_argument("--extract-queue", type=int, default=None, metavar="N",
                   help="pasted articles that may wait for the one being extracted; more are "
                        "refused with 503 and Retry-After (default: 8)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from onrecord.web.app import LOOPBACK_NAMES, create_app
        from onrecord.web.extraction import MAX_WAITING
    except ImportError as e:
        raise errors.MissingDependency(
            errors.NEEDS_EXTRA.format(what="onrecord serve", extra="web") + f" ({e})") from e
    hosts = LOOPBACK_NAMES if args.host in LOOPBACK_NAMES else None
    waiting = MAX_WAITING if args.extract_queue is None else max(args.extract_queue, 0)
    app = create_app(args.db, settings(args), hosts=hosts, extract_waiting=waiting)
    print(f"onrecord: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", ws="none")
    return 0
