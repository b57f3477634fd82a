"""Calendar periods as whole numbers: the one home of the calendar arithmetic.

A period (day, Monday week, month, quarter, year) is numbered from 1970-01-01 so that
consecutive periods are one apart; :func:`number_and_start` numbers days and
:func:`start_days` gives the first day of a numbered period back. Pure numpy on
``datetime64[D]`` arrays, no dataframe: :mod:`satisfy.trends` numbers the periods of a
tally's keys with it, and :mod:`satisfy._periods` turns an engine's calendar parts into the
first day of each period.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._types import Period

__all__ = ["number_and_start", "start_days", "start_of"]

IntArray = NDArray[np.int64]
Days = NDArray[np.datetime64]


def number_and_start(days: Days, period: Period) -> tuple[IntArray, Days]:
    """The period number of each day (``datetime64[D]``) and the first day of its period.

    Weeks start on Monday (1970-01-01 was a Thursday: day -3 is a Monday).

    Examples
    --------
    >>> import numpy as np
    >>> days = np.array(["2026-05-14", "2026-01-01"], dtype="datetime64[D]")
    >>> number, start = number_and_start(days, "quarter")
    >>> number.tolist(), start.astype(str).tolist()
    ([225, 224], ['2026-04-01', '2026-01-01'])
    >>> number_and_start(days, "week")[1].astype(str).tolist()
    ['2026-05-11', '2025-12-29']
    """
    d = days.astype("datetime64[D]").astype(np.int64)
    if period == "day":
        return d, days.astype("datetime64[D]")
    if period == "week":
        number = (d + 3) // 7
    elif period == "year":
        number = days.astype("datetime64[Y]").astype(np.int64)
    else:
        months = days.astype("datetime64[M]").astype(np.int64)
        number = months if period == "month" else months // 3
    return number, start_days(number, period)


def start_days(number: NDArray[Any], period: Period) -> Days:
    """The first day of each numbered period (the inverse of :func:`number_and_start`).

    Examples
    --------
    >>> import numpy as np
    >>> start_days(np.array([225, 0]), "quarter").astype(str).tolist()
    ['2026-04-01', '1970-01-01']
    >>> start_days(np.array([0]), "week").astype(str).tolist()
    ['1969-12-29']
    """
    n = np.asarray(number, dtype=np.int64)
    if period == "day":
        return n.astype("datetime64[D]")
    if period == "week":
        return (n * 7 - 3).astype("datetime64[D]")
    if period == "year":
        return n.astype("datetime64[Y]").astype("datetime64[D]")
    months = n if period == "month" else n * 3
    return months.astype("datetime64[M]").astype("datetime64[D]")


def start_of(days: Days, period: Period) -> Days:
    """The first day of each day's period.

    Examples
    --------
    >>> import numpy as np
    >>> start_of(np.array(["2026-11-28"], dtype="datetime64[D]"), "month").astype(str).tolist()
    ['2026-11-01']
    """
    return number_and_start(days, period)[1]
