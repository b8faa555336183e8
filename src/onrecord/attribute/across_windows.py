"""A long article's windows seen together: a bare surname in a later window takes the full
name an earlier window gave (each window is resolved on its own: extract/windows.py)."""

from __future__ import annotations

import re

from onrecord.attribute.resolve import CONFIDENCE
from onrecord.types import Attribution, Speaker

SURNAME = re.compile(r"[A-Z][\w’'-]+")
BARE = frozenset(["surname", "name", "unknown"])  # how a one-word speaker may have been resolved


def full_names(attributions: list[Attribution]) -> None:
    """A speaker a later window names by one word alone, left unresolved or resolved to that
    word, becomes the person an earlier window named in full with it as surname, when exactly
    one person of that surname was named in full."""
    by_surname: dict[str, Speaker | None] = {}
    for sp in _speakers(attributions):
        words = sp.name.split()
        if sp.type != "person" or len(words) < 2:
            continue
        known = by_surname.get(words[-1], sp)
        by_surname[words[-1]] = sp if known is not None and known.name == sp.name else None
    for sp in _speakers(attributions):
        full = by_surname.get(sp.name) if SURNAME.fullmatch(sp.name) else None
        if full is None or sp.resolved_by not in BARE:
            continue
        sp.name, sp.type, sp.resolved_by, sp.confidence = (
            full.name, full.type, "surname", CONFIDENCE["surname"])
        for field in ("title", "party", "state", "org"):
            if getattr(sp, field) is None:
                setattr(sp, field, getattr(full, field))
        if sp.gender_evidence is None:
            sp.gender, sp.gender_evidence = full.gender, full.gender_evidence


def _speakers(attributions: list[Attribution]) -> list[Speaker]:
    out: list[Speaker] = []
    for a in attributions:
        out.extend(a.speakers)
        out.extend(_speakers(a.nested))
    return out
