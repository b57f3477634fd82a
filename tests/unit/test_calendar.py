"""The one home of calendar arithmetic: period numbers and period starts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from satisfy._calendar import number_and_start, start_days, start_of
from satisfy._periods import period_starts
from satisfy._types import PERIODS

DAYS = np.arange(np.datetime64("1968-12-25"), np.datetime64("1972-01-10"))


@pytest.mark.parametrize("period", PERIODS)
def test_numbers_are_consecutive_and_starts_invert_them(period):
    number, start = number_and_start(DAYS, period)
    assert set(np.diff(number).tolist()) <= {0, 1}
    np.testing.assert_array_equal(start_days(number, period), start)
    np.testing.assert_array_equal(start_of(start, period), start)
    assert (start <= DAYS).all()


def test_starts_against_the_standard_library():
    for day in DAYS.astype(object):
        starts = {p: start_of(np.array([day], dtype="datetime64[D]"), p)[0].item() for p in PERIODS}
        assert starts["day"] == day
        assert starts["week"] == day - dt.timedelta(days=day.weekday())  # Monday
        assert starts["month"] == day.replace(day=1)
        assert starts["quarter"] == dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        assert starts["year"] == dt.date(day.year, 1, 1)


@pytest.mark.parametrize("period", PERIODS)
def test_engine_parts_give_the_same_starts(period):
    days = DAYS.astype(object)
    year = np.array([d.year for d in days])
    if period in ("month", "quarter"):
        sub = np.array([d.month for d in days])
    elif period in ("day", "week"):
        sub = np.array([d.timetuple().tm_yday for d in days])
    else:
        sub = None
    expected = start_of(DAYS, period).astype(object).tolist()
    assert period_starts(year, sub, period).tolist() == expected
