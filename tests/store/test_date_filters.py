"""Date filters, checked and rounded in one place (store/dates.py) for the CLI and the web."""

from __future__ import annotations

import pytest
from store_helpers import corpus

from onrecord.errors import BadDate
from onrecord.store import ingest, search
from onrecord.store.dates import check_day, until_bound


@pytest.mark.parametrize("value", ["2016", "2016-02", "2016-02-29", None, ""])
def test_a_day_month_or_year_is_a_date(value):
    assert check_day(value) == (value or None)


@pytest.mark.parametrize("value", ["2016-13", "2015-02-29", "16", "20160229", "May", "2016-2"])
def test_anything_else_is_not(value):
    with pytest.raises(BadDate, match="is not a date; give YYYY-MM-DD, YYYY-MM or YYYY"):
        check_day(value)
    with pytest.raises(ValueError):  # as the web's validators expect
        check_day(value)


def test_until_runs_to_the_end_of_its_day_month_or_year(db):
    ingest(db, corpus(60))
    assert "2016-04-30T23:59" <= until_bound("2016-04-30") <= until_bound("2016-04") < "2016-05"
    month = search(db, until="2016-04", limit=100)
    assert month == search(db, until="2016-04-30", limit=100) and month["total"] > 0
    assert search(db, until="2016", limit=100)["total"] == search(db, limit=100)["total"]
