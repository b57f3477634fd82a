"""Any dataframe, any engine: tallies built inside the engine, metrics per segment and period.

Through narwhals (``pip install "satisfy[frames]"``) this works on pandas, polars (eager and
lazy), pyarrow, DuckDB, Dask and PySpark. The one heavy step, counting answers per group
and distinct answer and summing weights, is a single ``group_by`` that runs in the engine;
only that small table (groups x distinct answers) comes back to Python, where the
distinct answers are validated against the scale (so invalid answers are reported with
their counts, never pulled out row by row) and the metrics are computed from tallies.

The dataframe libraries are never imported here unless the caller's frame is of them.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import _coding
from ._lazy import stats
from ._stats import multiplicity as _mult
from ._stats._common import check_confidence_level
from .comparisons import _side, _two_sample
from .errors import (
    ColumnError,
    InvalidScoreError,
    MissingScoreError,
    OptionError,
    SatisfyError,
    WeightError,
)
from .estimate import DEFAULT_SEED
from .scales import Scale, _as_scale
from .specs import Drivers, ExpectationGap, Index, MetricSpec
from .tally import GroupedTally, _group_codes

__all__ = ["PERIODS", "RESERVED_COLUMNS", "summarize", "tally_frame", "trend"]

PERIODS = ("day", "week", "month", "quarter", "year")

_N = "__satisfy_n"
_WSUM = "__satisfy_wsum"
_WSQ = "__satisfy_wsq"
_WBAD = "__satisfy_wbad"
_W2 = "__satisfy_w2"
_Y = "__satisfy_year"
_SUB = "__satisfy_sub"  # month or day of year, by period
PERIOD = "period"


def _nw() -> Any:
    try:
        return importlib.import_module("narwhals")
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError('dataframes need narwhals: pip install "satisfy[frames]"') from None


def _from_native(frame: Any) -> Any:
    nw = _nw()
    exceptions = importlib.import_module("narwhals.exceptions")
    with warnings.catch_warnings():
        # narwhals announces that Dask support moves to a plugin; not the user's concern
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        try:
            native = nw.from_native(frame)
        except TypeError:
            raise SatisfyError(
                f"{type(frame).__module__}.{type(frame).__name__} is not a dataframe that "
                "narwhals supports (pandas, polars, pyarrow, DuckDB, Dask, PySpark, ...)"
            ) from None
        except exceptions.DuplicateError:
            raise ColumnError(_duplicates_message(list(_native_columns(frame)))) from None
    if not isinstance(native, nw.DataFrame | nw.LazyFrame):
        raise SatisfyError(
            f"{type(frame).__module__}.{type(frame).__name__} is a series, not a dataframe; "
            "give the frame that holds the columns"
        )
    names = list(native.columns)
    if len(set(names)) != len(names):  # DuckDB and PySpark allow them; narwhals takes one
        raise ColumnError(_duplicates_message(names))
    odd = [name for name in names if not isinstance(name, str)]
    if odd:
        raise ColumnError(
            f"column names must be strings; the frame has {len(odd)} that are not: "
            f"{', '.join(f'{name!r} ({type(name).__name__})' for name in odd[:5])}. "
            "Rename them first, e.g. df.columns = df.columns.astype(str) in pandas"
        )
    return native


def _native_columns(frame: Any) -> list[Any]:
    """The column labels of a native frame narwhals refused (pandas and pyarrow duplicates)."""
    for attribute in ("column_names", "columns"):  # pyarrow's .columns are the arrays
        labels = getattr(frame, attribute, None)
        if labels is not None:
            return list(labels)
    return []  # pragma: no cover - narwhals names duplicates only for those two


def _duplicates_message(names: list[Any]) -> str:
    seen: dict[Any, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    twice = [f"{name!r} ({count} times)" for name, count in seen.items() if count > 1]
    return (
        f"the frame has duplicate column names: {', '.join(twice)}; every column needs its "
        "own name (engines would silently pick one of them)"
    )


def _as_names(
    by: str | Sequence[str] | None,
    what: str = "by",
    *,
    period: str | None = None,
    scored: Sequence[str] = (),
) -> list[str]:
    """Column names from one name or a sequence of them, each once, none of them a
    ``scored`` column (nor ``"period"`` when periods are asked: that key is the periods')."""
    if by is None:
        return []
    if isinstance(by, str):
        by = [by]
    if isinstance(by, bytes | Mapping) or not isinstance(by, Iterable):
        raise ColumnError(
            f"{what} must be a column name (str) or a sequence of them, "
            f"got {by!r} ({type(by).__name__})"
        )
    names = list(by)
    for name in names:
        if not isinstance(name, str):
            raise ColumnError(
                f"{what} must be a column name (str) or a sequence of them; it holds "
                f"{name!r} ({type(name).__name__})"
            )
    twice = [name for i, name in enumerate(names) if name in names[:i]]
    if twice:
        raise ColumnError(f"{what} names the column {twice[0]!r} twice; give each column once")
    for name in names:
        if name in scored:
            raise ColumnError(
                f"{what} column {name!r} is also a scored column of the metrics; segment by "
                "another column"
            )
    if period is not None and PERIOD in names:
        raise ColumnError(f"{what} column {PERIOD!r} has the name of the periods' key; rename it")
    return names


def _as_name(value: str | None, what: str) -> str | None:
    """One optional column name (``weights``, ``time``)."""
    if value is None or isinstance(value, str):
        return value
    raise ColumnError(
        f"{what} must be one column name (str), got {value!r} ({type(value).__name__})"
    )


def _check_columns(frame: Any, names: Iterable[str]) -> Any:
    schema = frame.collect_schema()
    missing = [n for n in names if n not in schema]
    if missing:
        raise ColumnError(
            f"no column {missing[0]!r}; the frame has {', '.join(map(repr, schema.names()))}"
        )
    return schema


#: Columns of summarize's rows after the segment columns (and ``period``).
_SUMMARY_COLUMNS = ("metric", "value", "low", "high", "n", "n_eff", "missing", "low_base")
#: Columns of trend's rows after the segment columns.
_TREND_COLUMNS = (
    "period",
    "metric",
    "value",
    "low",
    "high",
    "n",
    "n_eff",
    "low_base",
    "change",
    "change_low",
    "change_high",
    "p_value",
    "p_adjusted",
    "significant",
)
#: Names a segment column cannot have: summarize and trend write these columns themselves.
RESERVED_COLUMNS = tuple(dict.fromkeys(("period", *_SUMMARY_COLUMNS, *_TREND_COLUMNS)))
_INTERNAL = "__satisfy_"  # prefix of the helper columns computed inside the engine


def _spec_columns(spec: Any) -> list[str]:
    """The columns a spec reads."""
    if isinstance(spec, Index):
        return list(spec.items.values())
    if isinstance(spec, Drivers):
        return [*spec.items.values(), spec.outcome]
    if isinstance(spec, ExpectationGap):
        return [spec.column, spec.expected]
    return [spec.column]


def _labels(spec: Any) -> list[str]:
    """The ``metric`` labels of a spec's rows."""
    if isinstance(spec, Index):
        return [spec.label, f"alpha({spec.label})"]
    if isinstance(spec, Drivers):
        return [f"{kind}({item}, {spec.label})" for item in spec.items for kind in ("r", "weight")]
    return [spec.label]


def _as_specs(metrics: Any, *, single_only: bool = False) -> list[Any]:
    """The metric specs of summarize (one or a sequence) or trend (one MetricSpec)."""
    kinds = MetricSpec if single_only else (MetricSpec, Index, Drivers)
    if isinstance(metrics, kinds):
        return [metrics]
    accepted = (
        "a metric spec such as satisfy.NPS('ltr')"
        if single_only
        else "a metric spec such as satisfy.NPS('ltr'), or a list of them"
    )
    if (
        single_only
        or isinstance(metrics, str | bytes | Mapping)
        or not isinstance(metrics, Iterable)
    ):
        raise SatisfyError(f"metric must be {accepted}, got {metrics!r}")
    specs = list(metrics)
    if not specs:
        raise SatisfyError("summarize needs at least one metric spec")
    for i, spec in enumerate(specs):
        if not isinstance(spec, kinds):
            raise SatisfyError(
                f"metrics[{i}] is {spec!r}, not a metric spec; give specs such as "
                "satisfy.NPS('ltr'), satisfy.CSAT('sat'), satisfy.Index([...])"
            )
    return specs


def _check_call(
    frame: Any,
    specs: list[Any],
    *,
    by: Any,
    weights: Any,
    time: Any,
    period: str | None,
    confidence_level: float,
    method: str | None,
    min_n: Any,
) -> tuple[Any, list[str]]:
    """Everything summarize and trend can check before the engine runs: the frame, the
    column arguments (types, existence, clashes with the output's own columns), the weights'
    type, the time column, and the options. Returns the narwhals frame (an all-missing time
    column cast to timestamps) and the segment columns."""
    native = _from_native(frame)
    scored = list(dict.fromkeys(c for spec in specs for c in _spec_columns(spec)))
    for name in scored:
        if not isinstance(name, str):
            raise ColumnError(f"column names must be strings, got {name!r} in a metric spec")
    keys = _as_names(by, "by", scored=scored)
    weight_name = _as_name(weights, "weights")
    time_name = _as_name(time, "time")
    if min_n is not None and not _is_count(min_n, minimum=0):
        raise SatisfyError(f"min_n must be a whole number of answers >= 0, got {min_n!r}")
    check_confidence_level(confidence_level)
    if period is not None and period not in PERIODS:
        raise OptionError("period", period, PERIODS)
    if period is not None and time_name is None:
        raise SatisfyError("period= needs time=, the column of dates or timestamps")
    for name in keys:
        if name in RESERVED_COLUMNS:
            raise ColumnError(
                f"by column {name!r} has the name of an output column; rename it "
                f"(reserved: {', '.join(RESERVED_COLUMNS)}, and names starting with {_INTERNAL!r})"
            )
    used = [*scored, *keys] + [c for c in (weight_name, time_name) if c is not None]
    for name in used:
        if name.startswith(_INTERNAL):
            raise ColumnError(
                f"column {name!r}: names starting with {_INTERNAL!r} are reserved for the "
                "columns satisfy computes inside the engine; rename it"
            )
    schema = _check_columns(native, used)
    if weight_name is not None and not schema[weight_name].is_numeric():
        raise WeightError(
            message=f"column {weight_name!r} holds {schema[weight_name]}, not numbers: "
            "weights must be numeric"
        )
    if time_name is not None and period is not None:
        native = _time_column(native, time_name, schema[time_name])
    labels = [label for spec in specs for label in _labels(spec)]
    twice = [label for i, label in enumerate(labels) if label in labels[:i]]
    if twice:
        raise SatisfyError(
            f"two specs give rows labelled {twice[0]!r}, which could not be told apart; "
            "give one of them another name="
        )
    for spec in specs:
        if isinstance(spec, MetricSpec):
            _check_method(spec, method)
    return native, keys


def _is_count(value: Any, *, minimum: int) -> bool:
    """Whether ``value`` is a whole number (not a bool) of at least ``minimum``."""
    whole = isinstance(value, int | np.integer) and not isinstance(value, bool)
    return whole and value >= minimum


def _time_column(native: Any, time: str, dtype: Any) -> Any:
    """The frame, its time column checked: dates or timestamps (an all-missing column of
    another type, as pandas and polars type an empty or all-None column, becomes
    timestamps, so that every row falls in no period)."""
    nw = _nw()
    if dtype == nw.Date or dtype == nw.Datetime:
        return native
    probe = native.select(nw.col(time).is_null().all().alias(_INTERNAL + "t"))
    if isinstance(probe, nw.LazyFrame):
        probe = probe.collect()
    if bool(probe.item(0, 0)):
        return native.with_columns(nw.col(time).cast(nw.Datetime()))
    raise ColumnError(
        f"time column {time!r} holds {dtype}, not dates or timestamps; convert it first "
        "(e.g. pandas.to_datetime)"
    )


def _check_method(spec: MetricSpec, method: str | None) -> None:
    """Refuse an interval method the spec's metric does not have, before any work."""
    scale = spec._tallied_scale()
    try:
        spec.estimate(_empty_tally(scale)).confidence_interval(0.95, method)
    except OptionError as exc:
        exc.args = (f"{spec.label}: {exc}",)
        raise


def _aggregate(
    frame: Any,
    column: str,
    keys: list[str],
    weights: str | None,
    period: str | None,
    time: str | None,
) -> dict[str, NDArray[Any]]:
    """The in-engine group-by: one row per (keys, period parts, distinct answer)."""
    nw = _nw()
    needed = [column, *keys] + ([weights] if weights else []) + ([time] if time else [])
    schema = _check_columns(frame, needed)
    derived, group = _period_columns(keys, period, time)
    aggs = [nw.len().alias(_N)]
    if weights is not None:
        w = nw.col(weights)
        bad = w.is_null() | (w < 0)
        if schema[weights].is_float():
            bad = bad | w.is_nan()
        derived += [(w * w).alias(_W2), bad.cast(nw.Int64()).alias(_WBAD)]
        aggs += [
            w.sum().alias(_WSUM),
            nw.col(_W2).sum().alias(_WSQ),
            nw.col(_WBAD).sum().alias(_WBAD),
        ]
    work = frame.with_columns(*derived) if derived else frame
    return _collect(work.group_by(*group, column).agg(*aggs))


def _period_columns(
    keys: list[str], period: str | None, time: str | None
) -> tuple[list[Any], list[str]]:
    """Expressions deriving the calendar parts of ``time`` that a period groups by, and the
    group-by columns (``keys`` first)."""
    nw = _nw()
    derived: list[Any] = []
    group = list(keys)
    if period is not None:
        assert time is not None
        t = nw.col(time)
        derived.append(t.dt.year().alias(_Y))
        group.append(_Y)
        if period in ("month", "quarter"):
            derived.append(t.dt.month().alias(_SUB))
            group.append(_SUB)
        elif period in ("day", "week"):
            derived.append(t.dt.ordinal_day().alias(_SUB))
            group.append(_SUB)
    return derived, group


def _collect(result: Any) -> dict[str, NDArray[Any]]:
    """A (lazy) aggregate as numpy columns."""
    if isinstance(result, _nw().LazyFrame):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
            result = result.collect()
    return {name: _array(result, name) for name in result.columns}


def _period_keys(year: NDArray[Any], sub: NDArray[Any] | None, period: str) -> list[Any]:
    """Start date of each row's calendar period (None where the timestamp is missing)."""
    keys: list[Any] = []
    subs = sub.tolist() if sub is not None else [1] * len(year)
    for y, s in zip(year.tolist(), subs):
        if y is None or s is None or (isinstance(y, float) and np.isnan(y)):
            keys.append(None)
            continue
        y, s = int(y), int(s)
        if period == "year":
            keys.append(_dt.date(y, 1, 1))
        elif period == "month":
            keys.append(_dt.date(y, s, 1))
        elif period == "quarter":
            keys.append(_dt.date(y, 3 * ((s - 1) // 3) + 1, 1))
        else:
            day = _dt.date(y, 1, 1) + _dt.timedelta(days=s - 1)
            keys.append(day if period == "day" else day - _dt.timedelta(days=day.weekday()))
    return keys


def _invalid_from_counts(
    column: str, values: Sequence[Any], counts: Sequence[int], scale: Scale
) -> InvalidScoreError:
    """An InvalidScoreError listing each distinct invalid answer with its number of rows."""
    merged: dict[Any, int] = {}
    for value, count in zip(values, counts):
        merged[value] = merged.get(value, 0) + int(count)
    ordered = sorted(merged.items(), key=lambda item: -item[1])
    shown = ", ".join(
        f"{value!r} ({count} row{'s' if count != 1 else ''})" for value, count in ordered[:5]
    )
    more = f", and {len(ordered) - 5} more distinct values" if len(ordered) > 5 else ""
    total = sum(merged.values())
    error = InvalidScoreError([], [], where=str(scale))
    error.values = [value for value, _ in ordered]
    error.counts = [count for _, count in ordered]  # type: ignore[attr-defined]
    error.args = (
        f"column {column!r}: {total} answers not on the scale {scale}: {shown}{more}. "
        f"{scale.accepted_description()}",
    )
    return error


def tally_frame(
    frame: Any,
    column: str,
    *,
    scale: Scale | str,
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    period: str | None = None,
    time: str | None = None,
    nan_policy: str = "omit",
) -> GroupedTally:
    """Grouped tallies of one column of any dataframe, counted inside its engine.

    Parameters
    ----------
    frame : dataframe
        pandas, polars (DataFrame or LazyFrame), pyarrow Table, DuckDB relation, Dask or
        PySpark DataFrame, or anything else narwhals supports.
    column : str
        The answers.
    scale : Scale or str
    by : str or sequence of str, optional
        Segment columns. Without them there is one group, keyed ``()``.
    weights : str, optional
        A column of survey weights.
    period : {"day", "week", "month", "quarter", "year"}, optional
        Calendar periods of ``time``; the period's start date becomes the last key.
    time : str, optional
        A date or timestamp column (needed with ``period``).
    nan_policy : {"omit", "raise"}

    Returns
    -------
    GroupedTally
        Groups named by ``by`` (and ``"period"``).

    Raises
    ------
    ColumnError
        For a column the frame does not have.
    InvalidScoreError
        Listing each distinct invalid answer with its number of rows.
    WeightError
        When some weights are missing, negative, NaN or infinite.

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"ltr": [9, 10, 3, None], "team": ["a", "a", "b", "b"]})
    >>> g = satisfy.tally_frame(df, "ltr", scale="NPS", by="team")
    >>> g.groups, g.n.tolist(), g.missing.tolist()
    (('a', 'b'), [2, 1], [0, 1])
    """
    resolved = _as_scale(scale)
    policy = _coding.check_nan_policy(nan_policy)
    if period is not None and period not in PERIODS:
        raise OptionError("period", period, PERIODS)
    if period is not None and time is None:
        raise SatisfyError("period= needs time=, the column of dates or timestamps")
    keys = _as_names(by, "by", period=period, scored=(column,))
    native = _from_native(frame)
    if isinstance(native, _nw().DataFrame):
        return _tally_eager(native, column, resolved, keys, weights, period, time, policy)
    agg = _aggregate(native, column, keys, weights, period, time)
    rows = agg[_N].shape[0]
    n = agg[_N].astype(np.int64)
    # validate the distinct answers, once each
    values = agg[column]
    codes = np.empty(rows, dtype=np.intp)
    cache: dict[tuple[type, Any], int] = {}
    for i, value in enumerate(values.tolist()):  # a few distinct answers, many groups
        key = (type(value), value)
        code = cache.get(key)
        if code is None:
            code = resolved._code_one(value)
            if value == value:  # NaN is not a reliable dict key
                cache[key] = code
        codes[i] = code
    invalid = codes == _coding._INVALID
    if invalid.any():
        raise _invalid_from_counts(column, values[invalid].tolist(), n[invalid].tolist(), resolved)
    missing_rows = codes == _coding._MISSING
    if policy == "raise" and missing_rows.any():
        raise MissingScoreError(
            [],
            [],
            detail=f"column {column!r} has {int(n[missing_rows].sum())} missing answers and "
            'nan_policy="raise" was asked',
        )
    if weights is not None:
        bad = int(np.nansum(agg[_WBAD].astype(np.float64)))
        if bad:
            raise WeightError(
                message=f"column {weights!r}: {bad} rows have a missing, negative or NaN weight"
            )
    key_columns: dict[str, Any] = {name: agg[name] for name in keys}
    if period is not None:
        key_columns[PERIOD] = np.array(_period_keys(agg[_Y], agg.get(_SUB), period), dtype=object)
    if key_columns:
        group_codes, group_keys, names = _group_codes(key_columns)
    else:
        group_codes, group_keys, names = np.zeros(rows, np.intp), [()], ()
    g = len(group_keys)
    k = resolved.n_points
    counts = np.zeros((g, k), np.int64)
    missing = np.zeros(g, np.int64)
    valid = ~missing_rows
    np.add.at(counts, (group_codes[valid], codes[valid]), n[valid])
    np.add.at(missing, group_codes[missing_rows], n[missing_rows])
    if weights is None:
        wsum = counts.astype(np.float64)
        wsq = wsum.copy()
    else:
        wsum = np.zeros((g, k))
        wsq = np.zeros((g, k))
        ws = np.nan_to_num(agg[_WSUM].astype(np.float64))
        wq = np.nan_to_num(agg[_WSQ].astype(np.float64))
        if not (np.isfinite(ws).all() and np.isfinite(wq).all()):
            raise WeightError(message=f"column {weights!r} has infinite weights")
        np.add.at(wsum, (group_codes[valid], codes[valid]), ws[valid])
        np.add.at(wsq, (group_codes[valid], codes[valid]), wq[valid])
    if not names and key_columns:
        names = tuple(key_columns)
    return GroupedTally(resolved, group_keys, counts, wsum, wsq, missing, names)


def _array(frame: Any, name: str) -> NDArray[Any]:
    series = frame.get_column(name)
    try:
        return np.asarray(series.to_numpy())
    except Exception:  # pragma: no cover - exotic dtypes
        return np.asarray(series.to_list(), dtype=object)


def _tally_eager(
    frame: Any,
    column: str,
    scale: Scale,
    keys: list[str],
    weights: str | None,
    period: str | None,
    time: str | None,
    nan_policy: _coding.NanPolicy,
) -> GroupedTally:
    """An in-memory frame: its columns are already here, so the array API tallies them in
    one pass (and invalid answers are reported with their row positions)."""
    nw = _nw()
    needed = [column, *keys] + ([weights] if weights else []) + ([time] if time else [])
    _check_columns(frame, needed)
    by: dict[str, Any] = {name: _array(frame, name) for name in keys}
    if period is not None:
        assert time is not None
        t = nw.col(time)
        parts = frame.select(
            t.dt.year().alias(_Y), t.dt.month().alias("m"), t.dt.ordinal_day().alias("d")
        )
        sub = _array(parts, "m" if period in ("month", "quarter") else "d")
        by[PERIOD] = np.array(_period_keys(_array(parts, _Y), sub, period), dtype=object)
    scores = _array(frame, column)
    w = None if weights is None else _array(frame, weights)
    try:
        return _tally_columns(scores, by, scale, w, nan_policy)
    except (InvalidScoreError, MissingScoreError, WeightError) as exc:
        what = weights if isinstance(exc, WeightError) else column
        exc.args = (f"column {what!r}: {exc}",)
        raise


def _tally_columns(
    scores: NDArray[Any],
    by: dict[str, Any],
    scale: Scale,
    w: NDArray[Any] | None,
    nan_policy: _coding.NanPolicy,
) -> GroupedTally:
    if not by:
        if scores.shape[0] == 0:  # an empty frame: one group with no answers, as lazy engines
            return _empty_tally(scale)
        t1 = GroupedTally.from_scores(
            scores,
            by=np.zeros(scores.shape[0], np.intp),
            scale=scale,
            weights=w,
            nan_policy=nan_policy,
        )
        return GroupedTally(scale, [()], t1.counts, t1.weight_sums, t1.weight_sq_sums, t1.missing)
    return GroupedTally.from_scores(scores, by=by, scale=scale, weights=w, nan_policy=nan_policy)


def _output(
    frame: Any, rows: list[dict[str, Any]], keys: Sequence[str], names: Sequence[str]
) -> Any:
    """A native frame of the caller's library (eager), or the documented eager one: the
    segment columns ``keys``, then ``names`` (typed even when there are no rows: segment
    columns as in the frame, plain types for the others)."""
    nw = _nw()
    native = _from_native(frame)
    impl = native.implementation
    if impl.is_pandas() or impl.is_modin() or impl.is_cudf() or impl.is_dask() or impl.is_pyspark():
        backend = "pandas"
    elif impl.is_polars():
        backend = "polars"
    else:
        backend = "pyarrow"
    data = _columns(rows, [*keys, *names])
    if rows:
        return nw.from_dict(data, backend=backend).to_native()
    # no rows: typed columns, built in pyarrow (whose dates pandas keeps as date objects,
    # as it does for the periods of a frame with rows)
    schema = native.collect_schema()
    plain = (nw.String, nw.Boolean, nw.Date, nw.Datetime)
    types: dict[str, Any] = {}
    for name in keys:
        given = schema[name]
        numeric_or_plain = given.is_numeric() or any(given == t for t in plain)
        types[name] = given if numeric_or_plain else nw.String()
    named = {"metric": nw.String(), PERIOD: nw.Date()}
    named.update(dict.fromkeys(("n", "missing"), nw.Int64()))
    named.update(dict.fromkeys(("low_base", "significant"), nw.Boolean()))
    for name in names:
        types[name] = named.get(name, nw.Float64())
    empty = nw.from_dict(data, schema=types, backend="pyarrow")
    if backend == "pandas":
        return empty.to_pandas()
    return empty.to_polars() if backend == "polars" else empty.to_native()


_GAP = "__satisfy_gap__"


def _spec_tally(frame: Any, spec: MetricSpec, **options: Any) -> GroupedTally:
    """The grouped tally a spec needs: its column, or for gap specs the per-row gap
    computed inside the engine (after both columns were validated on the spec's scale)."""
    if not isinstance(spec, ExpectationGap):
        return tally_frame(frame, spec.column, scale=spec.scale, **options)
    nw = _nw()
    native = _from_native(frame)
    schema = _check_columns(native, [spec.column, spec.expected])
    for name in (spec.column, spec.expected):
        if not schema[name].is_numeric():
            raise SatisfyError(
                f"column {name!r} holds {schema[name]}, not numbers: {spec.label} subtracts "
                "the columns inside the engine; map labels to points first"
            )
        tally_frame(native, name, scale=spec.scale)  # validates every answer, in the engine
    derived = native.with_columns((nw.col(spec.column) - nw.col(spec.expected)).alias(_GAP))
    return tally_frame(derived, _GAP, scale=spec._tallied_scale(), **options)


def _require_numbers(native: Any, columns: list[str], others: list[str]) -> Any:
    schema = _check_columns(native, [*columns, *others])
    for name in columns:
        if not schema[name].is_numeric():
            raise SatisfyError(
                f"column {name!r} holds {schema[name]}, not numbers: its sums are computed "
                "inside the engine; map labels to points first"
            )
    return schema


def _moments(
    frame: Any,
    columns: list[str],
    keys: list[str],
    period: str | None,
    time: str | None,
) -> tuple[list[Hashable], tuple[str, ...], NDArray[np.float64], NDArray[np.float64], Any]:
    """Per group, inside the engine: rows, complete rows, and the sums and cross-product
    sums of ``columns`` over the rows where all of them are present. Returns the group
    keys, their names, the row counts (G,), complete counts (G,) and the covariance
    matrices (G, k, k) of the complete rows (NaN where fewer than two)."""
    nw = _nw()
    native = _from_native(frame)
    schema = _require_numbers(native, columns, [*keys] + ([time] if time else []))
    present = [~nw.col(c).is_null() for c in columns]
    present += [~nw.col(c).is_nan() for c in columns if schema[c].is_float()]
    ok = nw.all_horizontal(*present, ignore_nulls=False)
    value = [nw.when(ok).then(nw.col(c).cast(nw.Float64())).otherwise(0.0) for c in columns]
    k = len(columns)
    derived = [ok.cast(nw.Float64()).alias(_N)]
    derived += [v.alias(f"__satisfy_s{i}") for i, v in enumerate(value)]
    pairs = [(i, j) for i in range(k) for j in range(i, k)]
    derived += [(value[i] * value[j]).alias(f"__satisfy_p{i}_{j}") for i, j in pairs]
    period_derived, group = _period_columns(keys, period, time)
    derived += period_derived
    sums = [_N] + [f"__satisfy_s{i}" for i in range(k)] + [f"__satisfy_p{i}_{j}" for i, j in pairs]
    aggs = [nw.len().alias("__satisfy_rows")] + [nw.col(c).sum().alias(c) for c in sums]
    work = native.with_columns(*derived)
    agg = _collect(work.group_by(*group).agg(*aggs) if group else work.select(*aggs))
    rows_n = len(agg[_N])
    key_columns: dict[str, Any] = {name: agg[name] for name in keys}
    if period is not None:
        key_columns[PERIOD] = np.array(_period_keys(agg[_Y], agg.get(_SUB), period), dtype=object)
    if key_columns:
        codes, group_keys, names = _group_codes(key_columns)
        if not names:
            names = tuple(key_columns)
    else:
        codes, group_keys, names = np.zeros(rows_n, np.intp), [()], ()
    g = len(group_keys)

    def total(name: str) -> NDArray[np.float64]:
        out = np.zeros(g)
        np.add.at(out, codes, np.nan_to_num(agg[name].astype(np.float64)))
        return out

    rows = total("__satisfy_rows")
    n = total(_N)
    s = np.stack([total(f"__satisfy_s{i}") for i in range(k)], axis=1)
    cross = np.zeros((g, k, k))
    for i, j in pairs:
        cross[:, i, j] = cross[:, j, i] = total(f"__satisfy_p{i}_{j}")
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = s / n[:, None]
        cov = (cross - n[:, None, None] * mean[:, :, None] * mean[:, None, :]) / (
            n[:, None, None] - 1
        )
    cov[n < 2] = np.nan
    return group_keys, tuple(names), rows, n, (mean, cov)


def _moment_row(
    key_names: tuple[str, ...],
    key: Any,
    label: str,
    values: tuple[Any, ...],
    gi: int,
    n: float,
    rows: float,
    min_n: int | None,
) -> dict[str, Any]:
    """One output row of a moment-based spec: group keys, then the usual columns."""
    row: dict[str, Any] = {}
    if key_names:
        row.update(zip(key_names, key if isinstance(key, tuple) else (key,)))
    row.update(
        metric=label,
        value=float(values[0][gi]),
        low=float(values[1][gi]),
        high=float(values[2][gi]),
        n=int(n),
        n_eff=float(n),
        missing=int(rows - n),
        low_base=min_n is not None and n < min_n,
    )
    return row


def _index_rows(
    frame: Any, spec: Index, keys: list[str], period: str | None, time: str | None,
    confidence_level: float, min_n: int | None,
) -> list[dict[str, Any]]:  # fmt: skip
    from .composite import _alpha_from_moments, _item_scales, _item_weights

    names = list(spec.items)
    scales = list(_item_scales(names, spec.scale).values())
    _require_numbers(_from_native(frame), [spec.items[i] for i in names], [])
    for item, scale in zip(names, scales):
        tally_frame(frame, spec.items[item], scale=scale)  # validates every answer in the engine
    w = _item_weights(names, spec.weights)
    groups, key_names, rows, n, (mean, cov) = _moments(
        frame, [spec.items[i] for i in names], keys, period, time
    )
    # POMP is linear per item: x -> a + b x
    b = np.array([100.0 / (s.best - s.worst) for s in scales])
    a = np.array([-100.0 * s.worst / (s.best - s.worst) for s in scales])
    pomp_mean = a + b * mean
    pomp_cov = cov * b[None, :, None] * b[None, None, :]
    value = pomp_mean @ w
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(np.einsum("gij,i,j->g", pomp_cov, w, w) / n)
        q = stats.t.ppf(0.5 + confidence_level / 2, n - 1)
    low, high = np.clip(value - q * se, 0, 100), np.clip(value + q * se, 0, 100)
    alpha, a_low, a_high, _ = _alpha_from_moments(n, pomp_cov, confidence_level)
    out = []
    for label, values in (
        (spec.label, (value, low, high)),
        (f"alpha({spec.label})", (alpha, a_low, a_high)),
    ):
        out += [
            _moment_row(key_names, key, label, values, gi, n[gi], rows[gi], min_n)
            for gi, key in enumerate(groups)
        ]
    return out


def _driver_rows(
    frame: Any, spec: Drivers, keys: list[str], period: str | None, time: str | None,
    confidence_level: float, min_n: int | None,
) -> list[dict[str, Any]]:  # fmt: skip
    from .composite import _item_scales
    from .importance import _drivers_from_moments

    names = list(spec.items)
    _require_numbers(_from_native(frame), [*spec.items.values(), spec.outcome], [])
    if spec.scale is not None:
        for item, scale in _item_scales(names, spec.scale).items():
            tally_frame(frame, spec.items[item], scale=scale)
    if spec.outcome_scale is not None:
        tally_frame(frame, spec.outcome, scale=spec.outcome_scale)
    columns = [spec.items[i] for i in names] + [spec.outcome]
    groups, key_names, rows, n, (_, cov) = _moments(frame, columns, keys, period, time)
    res = _drivers_from_moments(n, cov, confidence_level)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = res["weight"] / res["r_squared"][:, None] * 100
    out = []
    for j, item in enumerate(names):
        for label, values in (
            (f"r({item}, {spec.label})", (res["correlation"], res["low"], res["high"])),
            (f"weight({item}, {spec.label})", (share, None, None)),
        ):
            per_item = tuple(np.full(len(groups), np.nan) if v is None else v[:, j] for v in values)
            out += [
                _moment_row(key_names, key, label, per_item, gi, n[gi], rows[gi], min_n)
                for gi, key in enumerate(groups)
            ]
    return out


def _records(
    spec: MetricSpec,
    tally: GroupedTally,
    *,
    confidence_level: float,
    method: str | None,
    min_n: int | None,
) -> list[dict[str, Any]]:
    """summarize's rows of one spec: one per group of its tally."""
    if not tally.names and len(tally.groups) == 0:  # no rows at all: one row with n = 0
        tally = _empty_tally(tally.scale)
    estimate = spec.estimate(tally)
    ci = estimate.confidence_interval(confidence_level, method)
    columns = zip(
        estimate.value.tolist(),
        ci.low.tolist(),
        ci.high.tolist(),
        tally.n.tolist(),
        tally.n_eff.tolist(),
        tally.missing.tolist(),
    )
    rows = []
    for key, (value, low, high, n, n_eff, missing) in zip(tally.groups, columns):
        row: dict[str, Any] = {}
        if tally.names:
            parts: tuple[Any, ...] = key if isinstance(key, tuple) else (key,)
            row.update(zip(tally.names, parts))
        row.update(
            metric=spec.label,
            value=value,
            low=low,
            high=high,
            n=n,
            n_eff=n_eff,
            missing=missing,
            low_base=min_n is not None and n < min_n,
        )
        rows.append(row)
    return rows


def _empty_tally(scale: Scale) -> GroupedTally:
    """One group, ``()``, with no answers."""
    k = scale.n_points
    zeros = np.zeros((1, k))
    return GroupedTally(scale, [()], np.zeros((1, k), np.int64), zeros, zeros, [0])


def _columns(rows: list[dict[str, Any]], names: Sequence[str]) -> dict[str, list[Any]]:
    """The rows as columns: ``names`` in that order, then any other column the rows have
    (so that a column added to the rows is never dropped here)."""
    order = list(names)
    for row in rows:
        order.extend(k for k in row if k not in order)
    return {name: [row.get(name) for row in rows] for name in order}


def summarize(
    frame: Any,
    metrics: Any,
    *,
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    period: str | None = None,
    time: str | None = None,
    confidence_level: float = 0.95,
    method: str | None = None,
    min_n: int | None = None,
    nan_policy: str = "omit",
) -> Any:
    """Every metric per group (and period) of any dataframe, with intervals.

    Parameters
    ----------
    frame : dataframe
        Any frame narwhals supports, eager or lazy.
    metrics : MetricSpec or sequence of MetricSpec
        For example ``[satisfy.NPS("ltr"), satisfy.CSAT("sat", top=2)]``.
    by : str or sequence of str, optional
        Segment columns.
    weights : str, optional
        A column of survey weights.
    period, time : optional
        Calendar periods (``"day"``, ``"week"``, ``"month"``, ``"quarter"``, ``"year"``)
        of the ``time`` column; the period's start date is the ``period`` column.
    confidence_level : float
    method : str, optional
        Interval method (each metric's default when omitted).
    min_n : int, optional
        Groups with fewer answers get ``low_base = True``.
    nan_policy : {"omit", "raise"}

    Returns
    -------
    dataframe
        One row per group and metric: the ``by`` columns (and ``period``), ``metric``,
        ``value``, ``low``, ``high``, ``n``, ``n_eff``, ``missing`` and ``low_base``. Eager
        input gives a frame of the same library (pandas, polars, pyarrow); a polars
        LazyFrame gives a polars DataFrame, DuckDB a pyarrow Table, and Dask and PySpark
        a pandas DataFrame. A frame without rows gives one row per metric with ``n = 0``
        and NaN ``value``, ``low`` and ``high``; with ``by``, no rows but every column. A
        segment whose answers are all missing keeps its row, with ``n = 0``.

    Raises
    ------
    ColumnError
        For a column the frame does not have; a ``by`` column named like an output column
        (see ``satisfy.frames.RESERVED_COLUMNS``) or starting with ``__satisfy_``, repeated, or also
        scored by a spec; column names that are not strings or appear twice in the frame.
    WeightError
        For a weights column that is not numeric, or weights that are missing or negative.
    OptionError
        For a ``method`` the metric does not have (listing those it has), or a ``period``.
    SatisfyError
        For a frame that is not a dataframe, ``min_n`` that is not a whole number >= 0, or a
        ``confidence_level`` outside (0, 1); all of these before the engine runs.

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"ltr": [10, 9, 6, 8, 10, 3], "sat": [5, 4, 2, 4, 5, 1],
    ...                    "channel": ["chat", "chat", "chat", "phone", "phone", "phone"]})
    >>> out = satisfy.summarize(df, [satisfy.NPS("ltr"), satisfy.CSAT("sat")], by="channel")
    >>> out[["channel", "metric", "value", "n"]].round(1)
      channel     metric  value  n
    0    chat   NPS(ltr)   33.3  3
    1   phone   NPS(ltr)    0.0  3
    2    chat  CSAT(sat)   66.7  3
    3   phone  CSAT(sat)   66.7  3
    """
    specs = _as_specs(metrics)
    frame, keys = _check_call(
        frame,
        specs,
        by=by,
        weights=weights,
        time=time,
        period=period,
        confidence_level=confidence_level,
        method=method,
        min_n=min_n,
    )
    rows: list[dict[str, Any]] = []
    for spec in specs:
        if isinstance(spec, Index | Drivers):
            if weights is not None:
                raise SatisfyError(
                    f"{spec!r} does not take survey weights in summarize yet; "
                    "leave weights= out for it"
                )
            if period is not None and time is None:
                raise SatisfyError("period= needs time=, the column of dates or timestamps")
            if period is not None and period not in PERIODS:
                raise OptionError("period", period, PERIODS)
            keys = _as_names(by)
            if isinstance(spec, Index):
                rows += _index_rows(frame, spec, keys, period, time, confidence_level, min_n)
            else:
                rows += _driver_rows(frame, spec, keys, period, time, confidence_level, min_n)
            continue
        tally = _spec_tally(
            frame,
            spec,
            by=by,
            weights=weights,
            period=period,
            time=time,
            nan_policy=nan_policy,
        )
        rows += _records(spec, tally, confidence_level=confidence_level, method=method, min_n=min_n)
    names = ([PERIOD] if period is not None else []) + list(_SUMMARY_COLUMNS)
    return _output(frame, rows, keys, names)


def _shift(period: str, start: _dt.date, steps: int) -> _dt.date:
    if period == "day":
        return start + _dt.timedelta(days=steps)
    if period == "week":
        return start + _dt.timedelta(weeks=steps)
    months = {"month": 1, "quarter": 3, "year": 12}[period] * steps
    index = start.year * 12 + start.month - 1 + months
    return _dt.date(index // 12, index % 12 + 1, 1)


def trend(
    frame: Any,
    metric: MetricSpec,
    *,
    time: str,
    period: str = "month",
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    window: int = 1,
    confidence_level: float = 0.95,
    method: str | None = None,
    adjust: str = "holm",
    min_n: int | None = None,
) -> Any:
    """A metric per calendar period (optionally per segment), with the change from the
    previous period, its test, and multiplicity-adjusted p-values.

    Parameters
    ----------
    frame : dataframe
    metric : MetricSpec
    time : str
        The date or timestamp column.
    period : {"day", "week", "month", "quarter", "year"}
    by : str or sequence of str, optional
        Segment columns: one trend per segment.
    weights : str, optional
    window : int
        Trailing window in periods: 3 with months gives a trailing 3-month metric. The
        windows are merged from the per-period tallies, so they cost no second pass.
    confidence_level : float
    method : str, optional
        The interval method of the metric (its default when omitted); the changes use the
        metric's default two-sample test (adjusted Wald, Newcombe, Welch).
    adjust : {"holm", "bonferroni", "bh", "by", "none"}
        Adjustment of the change p-values across every period and segment.
    min_n : int, optional
        Minimum base: rows with fewer answers in the window get ``low_base = True``.

    Returns
    -------
    dataframe
        One row per segment and period (empty periods inside the range are included):
        the ``by`` columns, ``period``, ``metric``, ``value``, ``low``, ``high``, ``n``,
        ``n_eff``, ``low_base``, ``change`` (from the previous period), ``change_low``,
        ``change_high``, ``p_value``, ``p_adjusted`` and ``significant`` (adjusted p below
        ``1 - confidence_level``). Same output libraries as :func:`summarize`. A frame
        without rows, or without a single timestamp, gives no rows but every column.

    Raises
    ------
    ColumnError
        As :func:`summarize`; also for a ``time`` column that holds neither dates nor
        timestamps.

    Examples
    --------
    >>> import datetime as dt
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({
    ...     "ltr": [9, 10, 6, 9, 3, 4, 2, 10],
    ...     "when": pd.to_datetime(["2026-01-05", "2026-01-20", "2026-01-25", "2026-02-02",
    ...                             "2026-02-10", "2026-02-11", "2026-02-27", "2026-03-03"])})
    >>> out = satisfy.trend(df, satisfy.NPS("ltr"), time="when", period="month")
    >>> out[["period", "value", "n", "change"]].round(1)
           period  value  n  change
    0  2026-01-01   33.3  3     NaN
    1  2026-02-01  -50.0  4   -83.3
    2  2026-03-01  100.0  1   150.0
    """
    specs = _as_specs(metric, single_only=True)
    frame, keys = _check_call(
        frame,
        specs,
        by=by,
        weights=weights,
        time=time,
        period=period,
        confidence_level=confidence_level,
        method=method,
        min_n=min_n,
    )
    if not _is_count(window, minimum=1):
        raise SatisfyError(f"window must be a whole number of periods >= 1, got {window!r}")
    if adjust not in _mult.ADJUSTMENTS:
        raise OptionError("adjust", adjust, _mult.ADJUSTMENTS)
    tally = _spec_tally(frame, metric, by=by, weights=weights, period=period, time=time)
    seg_names = list(tally.names[:-1])
    # index the tallies by (segment, period start)
    cells: dict[tuple[Hashable, ...], dict[_dt.date, int]] = {}
    for i, key in enumerate(tally.groups):
        parts = key if isinstance(key, tuple) else (key,)
        segment, start = tuple(parts[:-1]), parts[-1]
        if start is None:
            continue
        cells.setdefault(segment, {})[start] = i
    k = tally.scale.n_points
    seg_keys: list[tuple[Hashable, ...]] = []
    starts: list[_dt.date] = []
    rows_counts, rows_wsum, rows_wsq = [], [], []
    zero = np.zeros(k)
    for segment in sorted(cells, key=lambda s: tuple((x is None, str(x)) for x in s)):
        periods = cells[segment]
        first, last = min(periods), max(periods)
        current = first
        while current <= last:
            members = [
                periods[p]
                for p in (_shift(period, current, -j) for j in range(window))
                if p in periods
            ]
            rows_counts.append(sum((tally.counts[m] for m in members), zero.astype(np.int64)))
            rows_wsum.append(sum((tally.weight_sums[m] for m in members), zero))
            rows_wsq.append(sum((tally.weight_sq_sums[m] for m in members), zero))
            seg_keys.append(segment)
            starts.append(current)
            current = _shift(period, current, 1)
    total = len(starts)
    if total == 0:  # no answer has a time: no periods
        return _output(frame, [], keys, _TREND_COLUMNS)
    windows = GroupedTally(
        tally.scale,
        list(range(total)),
        np.array(rows_counts, dtype=np.int64).reshape(total, k),
        np.array(rows_wsum, dtype=np.float64).reshape(total, k),
        np.array(rows_wsq, dtype=np.float64).reshape(total, k),
        np.zeros(total, np.int64),
    )
    estimate = metric.estimate(windows)
    ci = estimate.confidence_interval(confidence_level, method)
    # changes: each row against the previous period of the same segment
    prev = np.array(
        [i - 1 if i > 0 and seg_keys[i - 1] == seg_keys[i] else -1 for i in range(total)]
    )
    has_prev = (prev >= 0) & (windows.n > 0)
    has_prev[has_prev] &= windows.n[prev[has_prev]] > 0
    change = np.full(total, np.nan)
    change_low = np.full(total, np.nan)
    change_high = np.full(total, np.nan)
    p_value = np.full(total, np.nan)
    if has_prev.any():
        cur_rows = np.flatnonzero(has_prev)
        prev_rows = prev[has_prev]
        weighted = windows.is_weighted
        defn = estimate.definition

        def side(rows: NDArray[np.intp]) -> Any:
            return _side(
                defn,
                windows.counts[rows],
                windows.weight_sums[rows],
                windows.weight_sq_sums[rows],
                weighted,
            )

        from .comparisons import TWO_SAMPLE_METHODS

        res = _two_sample(
            defn,
            side(cur_rows),
            side(prev_rows),
            method=TWO_SAMPLE_METHODS[defn.kind][0],
            confidence_level=confidence_level,
            alternative="two-sided",
            n_resamples=1,
            rng=np.random.default_rng(DEFAULT_SEED),
        )
        change[cur_rows] = res["observed"]  # the change in value; the test is the method's
        change_low[cur_rows] = res["low"]
        change_high[cur_rows] = res["high"]
        p_value[cur_rows] = res["p_value"]
    p_adjusted = _mult.adjust(p_value, adjust)
    alpha = 1 - confidence_level
    rows = []
    window_n = windows.n.tolist()
    window_n_eff = windows.n_eff.tolist()
    for i in range(total):
        row: dict[str, Any] = dict(zip(seg_names, seg_keys[i]))
        n = window_n[i]
        row.update(
            period=starts[i],
            metric=metric.label,
            value=float(estimate.value[i]),
            low=float(ci.low[i]),
            high=float(ci.high[i]),
            n=n,
            n_eff=window_n_eff[i],
            low_base=bool(min_n is not None and n < min_n),
            change=float(change[i]),
            change_low=float(change_low[i]),
            change_high=float(change_high[i]),
            p_value=float(p_value[i]),
            p_adjusted=float(p_adjusted[i]),
            significant=bool(p_adjusted[i] < alpha),
        )
        rows.append(row)
    return _output(frame, rows, keys, _TREND_COLUMNS)
