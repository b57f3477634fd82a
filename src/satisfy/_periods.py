"""Calendar periods of a dataframe's time column, computed inside the engine.

A period groups by the calendar parts of the time column (year, and month or day of the
year), taken as wall-clock time in the caller's zone, so that the engine's one ``group_by``
also splits the answers by period; :func:`period_starts` turns those parts of the small
aggregate into the first day of each period. The period arithmetic itself (windows,
previous periods) works on tallies, in :mod:`satisfy.trends`.

Used by :mod:`satisfy.frames`; narwhals is imported only when a frame is given (through
:mod:`satisfy._narwhals`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._calendar import start_of
from ._narwhals import from_native, import_narwhals, quoted
from ._types import PERIODS, Period
from .errors import ColumnError, OptionError, SatisfyError

__all__ = [
    "LOCAL",
    "PERIODS",
    "SUB",
    "YEAR",
    "check_period",
    "check_time_zone",
    "local_time",
    "native_time_zone",
    "period_starts",
    "time_column",
    "time_type_error",
    "with_periods",
]

#: Helper columns computed inside the engine (``__satisfy_`` names, reserved in frames).
LOCAL = "__satisfy_local_time"
YEAR = "__satisfy_year"
SUB = "__satisfy_sub"  # month or day of year, by period
_PROBE = "__satisfy_t"


def check_period(period: object, time: str | None) -> Period | None:
    """``period`` as one of :data:`PERIODS` (or None), which needs a ``time`` column."""
    if period is None:
        return None
    for choice in PERIODS:
        if period == choice:
            if time is None:
                raise SatisfyError("period= needs time=, the column of dates or timestamps")
            return choice
    raise OptionError("period", period, PERIODS)


def check_time_zone(time_zone: str) -> str:
    """``time_zone`` if it is an IANA zone name, else an OptionError."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise OptionError(
            "time_zone",
            time_zone,
            accepted="give an IANA time zone name such as 'UTC' or 'Europe/Copenhagen'",
        ) from None
    return time_zone


def time_column(native: Any, time: str, dtype: Any) -> Any:
    """The frame, its time column checked: dates or timestamps (an all-missing column of
    another type, as pandas and polars type an empty or all-None column, becomes
    timestamps, so that every row falls in no period)."""
    nw = import_narwhals()
    if dtype == nw.Date or dtype == nw.Datetime or native_time_zone(native, time, dtype):
        return native
    probe = native.select(nw.col(time).is_null().all().alias(_PROBE))
    if isinstance(probe, nw.LazyFrame):
        probe = probe.collect()
    if bool(probe.item(0, 0)):
        return native.with_columns(nw.col(time).cast(nw.Datetime()))
    raise time_type_error(time, dtype)


def native_time_zone(native: Any, time: str, dtype: Any) -> str | None:
    """The zone of a pandas-like or Dask time column that narwhals types as Unknown although
    it holds time-zone-aware timestamps (narwhals 2.x does so for zones whose name has ``_``
    or ``+``, such as America/New_York or Etc/GMT+5); None for any other column."""
    nw = import_narwhals()
    if dtype != nw.Unknown:
        return None
    impl = native.implementation
    if not (impl.is_pandas_like() or impl.is_dask()):
        return None
    native_dtype = native.to_native()[time].dtype
    zone = getattr(native_dtype, "tz", None)
    if getattr(native_dtype, "kind", None) != "M" or zone is None:
        return None
    return str(zone)


def time_type_error(time: str, dtype: Any) -> ColumnError:
    """The one error for a time column that holds neither dates nor datetimes."""
    return ColumnError(
        f"time column {time!r} holds {dtype}, not dates or datetimes: time= needs a date or "
        "datetime column; convert it first with the engine's own to-datetime (e.g. "
        "pandas.to_datetime, polars' .str.to_datetime(), CAST(... AS TIMESTAMP) in SQL)"
    )


def local_time(native: Any, time: str, time_zone: str, schema: Any) -> tuple[Any, Any]:
    """The frame (with a helper column where the engine needs one) and an expression of
    ``time`` as wall-clock time in ``time_zone``: time-zone-aware timestamps are converted,
    naive ones and dates are taken as written."""
    nw = import_narwhals()
    dtype = schema[time]
    if dtype == nw.Date:
        return native, nw.col(time)
    if dtype == nw.Datetime:
        if getattr(dtype, "time_zone", None) is None:
            return native, nw.col(time)
        impl = native.implementation
        if impl.is_duckdb():
            # DuckDB keeps the zone in the connection, so narwhals cannot convert; its
            # timezone() gives the wall-clock time in a zone whatever the session's zone.
            relation = native.to_native().project(
                f"*, timezone('{time_zone}', {quoted(time)}) AS {quoted(LOCAL)}"
            )
            return from_native(relation), nw.col(LOCAL)
        if impl.is_pyspark() or impl.is_pyspark_connect():
            from pyspark.sql import functions as F

            df = native.to_native()
            session = df.sparkSession.conf.get("spark.sql.session.timeZone")
            column = F.expr(
                f"convert_timezone('{session}', '{time_zone}', "
                f"CAST(`{time.replace('`', '``')}` AS TIMESTAMP_NTZ))"
            )
            return from_native(df.withColumn(LOCAL, column)), nw.col(LOCAL)
        return native, nw.col(time).dt.convert_time_zone(time_zone)
    if native_time_zone(native, time, dtype) is not None:
        # narwhals cannot handle the column (its dtype is Unknown there), so the engine
        # converts it: wall-clock time in ``time_zone``, as naive timestamps.
        df = native.to_native()
        local = df[time].dt.tz_convert(time_zone).dt.tz_localize(None)
        return from_native(df.assign(**{LOCAL: local})), nw.col(LOCAL)
    raise time_type_error(time, dtype)


def with_periods(
    native: Any,
    keys: list[str],
    period: Period | None,
    time: str | None,
    time_zone: str,
    schema: Any,
) -> tuple[Any, list[Any], list[str]]:
    """The frame, the expressions deriving the calendar parts of ``time`` that a period
    groups by (in ``time_zone``), and the group-by columns (``keys`` first)."""
    group = list(keys)
    if period is None:
        return native, [], group
    assert time is not None
    native, t = local_time(native, time, time_zone, schema)
    derived = [t.dt.year().alias(YEAR)]
    group.append(YEAR)
    if period in ("month", "quarter"):
        derived.append(t.dt.month().alias(SUB))
        group.append(SUB)
    elif period in ("day", "week"):
        derived.append(t.dt.ordinal_day().alias(SUB))
        group.append(SUB)
    return native, derived, group


def period_starts(year: NDArray[Any], sub: NDArray[Any] | None, period: Period) -> NDArray[Any]:
    """The first day of each aggregated cell's calendar period, from its year and month
    (or day of the year): an object array of ``datetime.date``, None where the time is
    missing. Weeks start on Monday (a week can start in the year before).

    Examples
    --------
    >>> import numpy as np
    >>> period_starts(np.array([2026, 2026]), np.array([5, 12]), "quarter").tolist()
    [datetime.date(2026, 4, 1), datetime.date(2026, 10, 1)]
    >>> period_starts(np.array([2026.0, np.nan]), np.array([3, 1]), "week").tolist()
    [datetime.date(2025, 12, 29), None]
    """
    y = np.array(year, dtype=np.float64)  # None and NaN become NaN
    s = np.ones_like(y) if sub is None else np.array(sub, dtype=np.float64)
    missing = np.isnan(y) | np.isnan(s)
    yi = np.where(missing, 1970, y).astype(np.int64) - 1970
    si = np.where(missing, 1, s).astype(np.int64) - 1
    if period in ("year", "month", "quarter"):  # sub is the month
        days = (yi * 12 + si).astype("datetime64[M]").astype("datetime64[D]")
    else:  # sub is the day of the year
        days = yi.astype("datetime64[Y]").astype("datetime64[D]") + si
    days = start_of(days, period)
    out = days.astype(object)
    out[missing] = None
    return np.asarray(out, dtype=object)
