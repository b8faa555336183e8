"""Dates as articles, feeds and HTTP headers write them, made ISO (YYYY-MM-DD); the rest is None."""

from __future__ import annotations

import logging
import re
import reprlib
from datetime import datetime
from email.utils import parsedate_to_datetime

from onrecord import errors

# "May 1, 2024", "Jan. 5, 2024" (AP style), "1 May 2024", "Tuesday, May 1st, 2024".
WRITTEN = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y")
WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
ABBREVIATED = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", re.IGNORECASE)
MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "sept": "September", "oct": "October",
    "nov": "November", "dec": "December",
}
MAX_LENGTH = 64  # longer than any date with its time and zone: not a date
log = logging.getLogger(__name__)
_shown = reprlib.Repr()  # a bounded repr: the value may be a megabyte of anything
_shown.maxstring = _shown.maxother = 60


def parse_date(value: str) -> str | None:
    """The calendar date `value` names (the writer's own day: no time-zone shift), else None."""
    s = " ".join(value.split())
    # ASCII only: Python's parsers also take other scripts' digits, which no feed means as a date
    if not s or len(s) > MAX_LENGTH or not s.isascii():
        return None
    try:  # ISO 8601: 2024-05-01, 20240501, 2024-W18-3, 2024-05-01T09:30:00Z
        return datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        pass
    written = ABBREVIATED.sub(lambda m: MONTHS[m.group(1).lower()], ORDINAL.sub(r"\1", s))
    written = WEEKDAY.sub("", written)
    for form in WRITTEN:
        try:
            return datetime.strptime(written, form).date().isoformat()
        except ValueError:
            continue
    try:  # RFC 2822, as feeds and HTTP headers write it: "Wed, 01 May 2024 09:30:00 GMT"
        return parsedate_to_datetime(s).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def record_date(value: object, origin: str) -> str | None:
    """A record's date made ISO; one that is not a date is dropped with a warning naming the record."""
    if value is None or value == "":
        return None
    iso = parse_date(value) if isinstance(value, str) else None
    if iso is None:
        log.warning(errors.DATE_DROPPED.format(origin=origin, value=_shown.repr(value)))
    return iso
