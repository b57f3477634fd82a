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

import re
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._calendar import start_of
from ._narwhals import collect, from_native, import_narwhals, quoted
from ._types import PERIODS, Period
from .errors import ColumnError, OptionError, SatisfyError

__all__ = [
    "LOCAL",
    "PERIODS",
    "SUB",
    "YEAR",
    "TimeFormat",
    "check_period",
    "check_time_format",
    "check_time_zone",
    "local_time",
    "native_time_zone",
    "parse_time_text",
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


def time_column(native: Any, time: str, dtype: Any, time_format: TimeFormat | None = None) -> Any:
    """The frame, its time column checked: dates or timestamps, or text parsed into
    timestamps (see :func:`parse_time_text`); an all-missing column of another type, as
    pandas and polars type an empty or all-None column, becomes timestamps, so that every
    row falls in no period."""
    nw = import_narwhals()
    if dtype == nw.Date or dtype == nw.Datetime or native_time_zone(native, time, dtype):
        return native
    if dtype == nw.String:
        return parse_time_text(native, time, time_format)
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
        f"time column {time!r} holds {dtype}, not dates, datetimes or text: time= needs a "
        "date or datetime column, or dates written as text; convert it first with the "
        "engine's own to-datetime (e.g. pandas.to_datetime, polars' .str.to_datetime(), "
        "CAST(... AS TIMESTAMP) in SQL)"
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
    time_format: TimeFormat | None = None,
) -> tuple[Any, list[Any], list[str]]:
    """The frame, the expressions deriving the calendar parts of ``time`` that a period
    groups by (in ``time_zone``), and the group-by columns (``keys`` first). A time column
    of text is parsed first (:func:`parse_time_text`)."""
    group = list(keys)
    if period is None:
        return native, [], group
    assert time is not None
    if schema[time] == import_narwhals().String:
        native = parse_time_text(native, time, time_format)
        schema = native.collect_schema()
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


# --- time columns of text ----------------------------------------------------------------

#: The strftime directives a time format may use, and the text each stands for.
_DIRECTIVES = {
    "Y": "[0-9]{4}",
    "m": "[0-9]{1,2}",
    "d": "[0-9]{1,2}",
    "H": "[0-9]{1,2}",
    "M": "[0-9]{2}",
    "S": "[0-9]{2}",
    "z": "(?:Z|[+-][0-9]{2}:?[0-9]{2})",
}
_META = set(".+*?()[]{}^$|\\")
_SAMPLE = 50  # values read to recognise a column's format
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:(?P<sep>[T ])\d{2}:\d{2}(?P<sec>:\d{2}(?:\.\d+)?)?)?(?P<zone>Z|[+-]\d{2}:?\d{2})?$"
)
_DAY_FIRST = re.compile(
    r"^\d{1,2}(?P<sep>[./-])\d{1,2}(?P=sep)\d{4}(?: \d{1,2}:\d{2}(?P<sec>:\d{2})?)?$"
)


class TimeFormat(NamedTuple):
    """How a column of date strings is read: the strftime format the engine parses with
    (after the normalisation below), the pattern every value must match, and the place of
    the year, month and day among the value's runs of digits."""

    format: str
    pattern: str
    year: int
    month: int
    day: int
    iso: bool = False  # ISO 8601: fractions of a second dropped, "Z" read as +00:00


def check_time_format(time_format: object, *, fraction: bool = False) -> TimeFormat | None:
    """``time_format`` (a strftime format of %Y, %m, %d, %H, %M, %S, %z and other
    characters) as a :class:`TimeFormat`, or None; anything else is an OptionError."""
    if time_format is None:
        return None
    accepted = (
        "a strftime format made of %Y, %m, %d (each once), %H, %M, %S, %z and separators, "
        "such as '%d/%m/%Y' or '%m/%d/%Y %H:%M'"
    )
    if not isinstance(time_format, str):
        raise OptionError("time_format", time_format, accepted=accepted)
    pattern, order, i = "^", [], 0
    while i < len(time_format):
        c = time_format[i]
        if c == "%":
            code = time_format[i + 1 : i + 2]
            if code not in _DIRECTIVES:
                raise OptionError("time_format", time_format, accepted=accepted)
            pattern += _DIRECTIVES[code]
            if code == "S" and fraction:  # fractions of a second (dropped before parsing)
                pattern += "(?:[.][0-9]+)?"
            if code != "z":
                order.append(code)
            i += 2
            continue
        pattern += "\\" + c if c in _META else c
        i += 1
    if sorted(o for o in order if o in "Ymd") != ["Y", "d", "m"]:
        raise OptionError("time_format", time_format, accepted=accepted)
    return TimeFormat(
        time_format, pattern + "$", order.index("Y"), order.index("m"), order.index("d")
    )


def _recognise(values: list[str], time: str) -> tuple[TimeFormat, bool]:
    """The format of a sample of a column's values, and whether its day and month could be
    either way round (dd/mm or mm/dd: decided by the whole column's values)."""
    first = values[0]
    iso = _ISO.match(first)
    if iso:
        fmt = "%Y-%m-%d"
        if iso.group("sep"):
            fmt += iso.group("sep") + "%H:%M" + (":%S" if iso.group("sec") else "")
        zone = iso.group("zone")
        fmt += "%z" if zone else ""
        # fractions of a second, which engines parse differently, are dropped
        spec = check_time_format(fmt, fraction=True)
        assert spec is not None
        return spec._replace(iso=True), False
    day_first = _DAY_FIRST.match(first)
    if day_first:
        sep = day_first.group("sep")
        fmt = f"%d{sep}%m{sep}%Y"
        if " " in first:
            fmt += " %H:%M" + (":%S" if day_first.group("sec") else "")
        spec = check_time_format(fmt)
        assert spec is not None
        return spec, True
    raise ColumnError(
        f"time column {time!r} holds text that is not a date satisfy can read: {first!r}; "
        "it reads ISO 8601 dates and times ('2026-03-01', '2026-03-01T10:00:00', with "
        "'Z' or '+01:00' offsets) and day-month-year dates ('01.03.2026', '01/03/2026', "
        "'01-03-2026', with a time such as ' 10:00'); give time_format= for others"
    )


def _run(text: Any, k: int) -> Any:
    """The ``k``-th run of digits of a text expression (deleting, never capturing: the
    engines' regex dialects share no replacement syntax)."""
    runs = "^[^0-9]*(?:[0-9]+[^0-9]+){" + str(k) + "}"
    rest = text.str.replace_all(runs, "", literal=False)
    return rest.str.replace_all("[^0-9].*$", "", literal=False)


def _number(text: Any, ok: Any) -> Any:
    """A run of digits as an integer, where ``ok`` (else 1: casts never see other text)."""
    nw = import_narwhals()
    return nw.when(ok).then(text).otherwise(nw.lit("1")).cast(nw.Int64())


def parse_time_text(native: Any, time: str, time_format: TimeFormat | None) -> Any:
    """The frame with its text ``time`` column parsed into timestamps inside the engine.

    The format is ``time_format`` or recognised from a sample of the values (ISO 8601, or
    day-month-year with ``.``, ``/`` or ``-``); whether ``01/03`` is the 1st of March or
    the 3rd of January is decided by the column's values (a first part above 12 is a day,
    a second part above 12 is a day), and a column where both could be days is refused
    unless ``time_format`` says (dotted dates are day first, as everywhere they are
    written). One pass checks every value against the format (and the calendar: no 30
    February) before the engine parses: a value that does not fit is a ColumnError naming
    the column and the value, the same on every engine.
    """
    nw = import_narwhals()
    raw = nw.col(time).str.strip_chars()
    present = ~nw.col(time).is_null() & (raw != "")
    spec, either_way = time_format, False
    if spec is None:
        sample = collect(native.filter(present).select(raw.alias(time)).head(_SAMPLE))[time]
        if not sample.shape[0]:  # no time at all: every row is in no period
            if native.implementation.is_dask():  # Dask's metadata refuses a null literal
                import dask.dataframe as dd

                df = native.to_native()
                empty = dd.to_datetime(df[time], errors="coerce")  # only blanks: all NaT
                return from_native(df.assign(**{time: empty}))
            return native.with_columns(nw.lit(None).cast(nw.Datetime()).alias(time))
        spec, either_way = _recognise([str(v) for v in sample.tolist()], time)
    matches = raw.str.contains(spec.pattern, literal=False)
    ok = present & matches
    year = _number(_run(raw, spec.year), ok)
    month = _number(_run(raw, spec.month), ok)
    day = _number(_run(raw, spec.day), ok)
    leap = ((year % 4) == 0) & (((year % 100) != 0) | ((year % 400) == 0))
    days = (
        nw.when(month == 2)
        .then(leap.cast(nw.Int64()) + 28)
        .otherwise(nw.when(month.is_in([4, 6, 9, 11])).then(30).otherwise(31))
    )
    first, second = sorted((spec.month, spec.day))
    checks = [
        (present & ~(matches & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)))
        .cast(nw.Int64())
        .sum()
        .alias("__satisfy_bad"),
    ]
    if either_way:
        checks += [
            nw.when(ok).then(_number(_run(raw, k), ok)).otherwise(0).max().alias(name)
            for k, name in ((first, "__satisfy_a"), (second, "__satisfy_b"))
        ]
    found = collect(native.select(*checks))
    if either_way:
        a, b = (int(np.nan_to_num(found[c][0])) for c in ("__satisfy_a", "__satisfy_b"))
        if a <= 12 and b <= 12 and spec.format[2] != ".":
            example = str(collect(native.filter(ok).select(raw.min().alias(time)))[time][0])
            swapped = spec.format.replace("%d", "%_").replace("%m", "%d").replace("%_", "%m")
            raise ColumnError(
                f"time column {time!r} holds dates such as {example!r} whose day and month "
                "cannot be told apart (no part above 12): give time_format="
                f"{spec.format!r} (day first) or time_format={swapped!r} (month first)"
            )
        if b > 12 >= a:  # the second part is the day: month first
            swapped = spec.format.replace("%d", "%_").replace("%m", "%d").replace("%_", "%m")
            spec = spec._replace(format=swapped, month=spec.day, day=spec.month)
            return parse_time_text(native, time, spec)
    bad = int(np.nan_to_num(found["__satisfy_bad"][0]))
    if bad:
        month_ok = (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)
        wrong = present & ~(matches & month_ok)
        value = str(collect(native.filter(wrong).select(raw.min().alias(time)))[time][0])
        noun = "value is" if bad == 1 else "values are"
        raise ColumnError(
            f"time column {time!r}: {bad} {noun} not a date in the format {spec.format!r} "
            f"(or not a day of the calendar), such as {value!r}; give time_format= if the "
            "column uses another format, or clean those values"
        )
    text = nw.when(present).then(raw)
    if spec.iso:
        text = text.str.replace_all("[.][0-9]+", "", literal=False)
        text = text.str.replace_all("Z$", "+00:00", literal=False)
    impl = native.implementation
    if "%z" in spec.format and impl.is_dask():
        # Dask keeps each offset as its own zone (an object column); pandas' to_datetime
        # with utc=True gives UTC timestamps, as every other engine does.
        import dask.dataframe as dd

        df = native.with_columns(text.alias(time)).to_native()
        parsed = dd.to_datetime(df[time], format=spec.format, utc=True)
        return from_native(df.assign(**{time: parsed}))
    if impl.is_pyspark() or impl.is_pyspark_connect():
        # Spark's patterns: one letter reads one or two digits, as %d and %m do elsewhere
        # (narwhals writes "dd"), and a naive format gives timestamps without a zone.
        from pyspark.sql import functions as F

        df = native.with_columns(text.alias(time)).to_native()
        pattern = _spark_pattern(spec.format)
        column = F.col(f"`{time.replace('`', '``')}`")
        if "%z" in spec.format:
            parsed = F.to_timestamp(column, pattern)
        else:
            parsed = F.to_timestamp_ntz(column, F.lit(pattern))
        return from_native(df.withColumn(time, parsed))
    return native.with_columns(text.str.to_datetime(format=spec.format).alias(time))


_SPARK = {"Y": "yyyy", "m": "M", "d": "d", "H": "H", "M": "mm", "S": "ss", "z": "[XXX][XX]"}


def _spark_pattern(time_format: str) -> str:
    """A strftime format of :data:`_DIRECTIVES` as a Spark datetime pattern.

    >>> _spark_pattern("%Y-%m-%dT%H:%M:%S%z")
    "yyyy-M-d'T'H:mm:ss[XXX][XX]"
    """
    out, i = "", 0
    while i < len(time_format):
        if time_format[i] == "%":
            out += _SPARK[time_format[i + 1]]
            i += 2
            continue
        c = time_format[i]
        out += f"'{c}'" if c.isalpha() else c
        i += 1
    return out
