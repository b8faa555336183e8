"""The `onrecord` command: one module per subcommand, each a thin layer over a library call."""

from __future__ import annotations

import argparse
import importlib
import sys
from contextlib import nullcontext

from onrecord.errors import OnrecordError
from onrecord.store.storage import guarded

# Each module defines `add_parser(subparsers)`, which sets `func` on its parser.
COMMANDS = (
    "extract", "ingest", "search", "speakers", "report", "export", "serve", "eval", "train"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onrecord", description="Who said what, when: attributions from news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"onrecord.cli.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = getattr(args, "db", None)
    try:
        with guarded(db) if db else nullcontext():  # a read-only or damaged database: one line
            return int(args.func(args) or 0)
    except OnrecordError as e:  # the library's problems a user can act on: one line each
        print(f"onrecord: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
