"""Dates in filters: what a user may type (a day, a month or a year) and how `until` rounds."""

from __future__ import annotations

import re
from datetime import date

from onrecord import errors

_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_day(value: str | None) -> str | None:
    """A date filter: YYYY, YYYY-MM or YYYY-MM-DD that names a real day, month or year
    (None or "" for no filter); raises BadOption, a ValueError, otherwise."""
    if value is None or value == "":
        return None
    padded = value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(padded)
    except ValueError as e:
        raise errors.BadDate(errors.BAD_DATE.format(value=value)) from e
    return value


def until_bound(value: str) -> str:
    """The last stored date an `until` filter lets through: a year or a month runs to its end,
    a day to its end (stored dates may carry a time)."""
    return value if len(value) > 10 else value + "\uffff"
