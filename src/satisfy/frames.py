"""Any dataframe, any engine: tallies built inside the engine, metrics per segment and period.

Through narwhals (the ``frames`` extra) this works on pandas, polars (eager and
lazy), pyarrow, DuckDB, Dask and PySpark. The one heavy step is a single ``group_by`` that
runs in the engine, whatever the number of metric specs: the scales' points are known in
advance, so each point of each needed column is a conditional count (and weight sum and
squared weight sum) column, with one count of missing answers per column and one of
invalid weights. Only that small table (one row per group) comes back to Python, where the
metrics are computed from tallies. Answers that are not on the scale show as rows that no
point counted; only then does a second, small query list them with their counts.

A count column (``frequencies=``) adds each row's count instead of one, in the same
aggregation. Three options cost passes of their own before it: a ``time`` column of text
is checked (one pass, after reading a sample to recognise its format) and parsed by the
engine; ``respondent=`` finds each respondent's latest time (a ``group_by`` joined back),
checks for ties and counts the answers set aside per group.

The dataframe libraries are never imported here unless the caller's frame is of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias, get_args

import numpy as np
from numpy.typing import NDArray

from . import _coding, _design, _grouping
from . import _moments as _moment_stats
from . import _periods as _p
from ._narwhals import as_text as _text
from ._narwhals import check_columns as _check_columns
from ._narwhals import collect as _collect
from ._narwhals import column_array as _array
from ._narwhals import column_name as _as_name
from ._narwhals import from_native as _from_native
from ._narwhals import import_narwhals as _nw
from ._stats import multiplicity as _mult
from ._stats._common import check_confidence_level
from ._types import PERIODS, Adjustment, IntervalMethod, InvalidPolicy, NanPolicy, Period
from ._weights import MAX_WEIGHT, MIN_WEIGHT
from .errors import (
    ColumnError,
    DesignError,
    InvalidScoreError,
    MissingScoreError,
    OptionError,
    SatisfyError,
    WeightError,
)
from .estimate import GroupedEstimate
from .scales import Scale, as_scale
from .specs import (
    Drivers,
    ExpectationGap,
    Index,
    MetricSpec,
)
from .tally import GroupedTally
from .trends import period_changes, trailing

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame, IntoFrame

__all__ = ["PERIODS", "RESERVED_COLUMNS", "summarize", "tally_frame", "trend"]

_N = "__satisfy_n"
_WBAD = "__satisfy_wbad"
_FBAD = "__satisfy_fbad"  # rows whose count (frequencies=) is not a whole number >= 0
_NF = "__satisfy_nf"  # the sum of the counts
PERIOD = "period"


INVALID_POLICIES: tuple[InvalidPolicy, ...] = get_args(InvalidPolicy)
_INVALID_NAME = "invalid_policy"


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


_SUMMARY_COLUMNS = (
    "metric",
    "value",
    "low",
    "high",
    "n",
    "n_eff",
    "missing",
    "invalid",
    "non_answers",
    "low_base",
)
#: Columns of trend's rows after the segment columns.
_TREND_COLUMNS = (
    "period",
    "metric",
    "value",
    "low",
    "high",
    "n",
    "n_eff",
    "invalid",
    "non_answers",
    "low_base",
    "change",
    "change_low",
    "change_high",
    "pvalue",
    "pvalue_adjusted",
    "significant",
)
#: The output column of respondent=: answers set aside as a respondent's earlier ones.
_SET_ASIDE = "set_aside"
#: Names a segment column cannot have: summarize and trend write these columns themselves.
RESERVED_COLUMNS = tuple(
    dict.fromkeys(("period", *_SUMMARY_COLUMNS, *_TREND_COLUMNS, _SET_ASIDE, "design_effect"))
)
_INTERNAL = "__satisfy_"  # prefix of the helper columns computed inside the engine
#: Output rows as columns: name -> list or 1-D array, every column of one length.
_Block = dict[str, Any]
#: What summarize computes per group: a metric, an index (with its alpha), or drivers.
Spec: TypeAlias = "MetricSpec | Index | Drivers"


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


def _as_specs(given: Any, *, single_only: bool = False) -> list[Any]:
    """The metric specs of summarize (one or a sequence) or trend (one MetricSpec)."""
    kinds = MetricSpec if single_only else (MetricSpec, Index, Drivers)
    if isinstance(given, kinds):
        return [given]
    accepted = (
        "a metric spec such as satisfy.NPS('ltr')"
        if single_only
        else "a metric spec such as satisfy.NPS('ltr'), or a list of them"
    )
    if single_only or isinstance(given, str | bytes | Mapping) or not isinstance(given, Iterable):
        what = "spec" if single_only else "specs"
        raise SatisfyError(f"{what} must be {accepted}, got {given!r}")
    specs = list(given)
    if not specs:
        raise SatisfyError("summarize needs at least one metric spec")
    for i, spec in enumerate(specs):
        if not isinstance(spec, kinds):
            raise SatisfyError(
                f"specs[{i}] is {spec!r}, not a metric spec; give specs such as "
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
    period: Period | None,
    confidence_level: float,
    method: IntervalMethod | None,
    min_n: Any,
    frequencies: Any = None,
    time_format: Any = None,
    respondent: Any = None,
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
    count_name = _as_name(frequencies, "frequencies")
    if count_name is not None and count_name in scored:
        raise ColumnError(
            f"frequencies column {count_name!r} is also a scored column of the metrics; "
            "frequencies= names the column of counts (how many answers each row stands for)"
        )
    respondent_name = _as_name(respondent, "respondent")
    if respondent_name is not None:
        if time_name is None:
            raise SatisfyError(
                "respondent= keeps each respondent's latest answer, which needs time=, the "
                "column of dates or timestamps of the answers"
            )
        if count_name is not None:
            raise SatisfyError(
                "respondent= and frequencies= do not go together: the rows of a count table "
                "stand for many answers, not for one respondent's"
            )
        if respondent_name in scored or respondent_name in keys or respondent_name == time_name:
            raise ColumnError(
                f"respondent column {respondent_name!r} is also a scored, by or time column; "
                "respondent= names the column of respondent ids"
            )
    if min_n is not None and not _is_count(min_n, minimum=0):
        raise SatisfyError(f"min_n must be a whole number of answers >= 0, got {min_n!r}")
    check_confidence_level(confidence_level)
    _p.check_period(period, time_name)
    for name in keys:
        if name in RESERVED_COLUMNS:
            raise ColumnError(
                f"by column {name!r} has the name of an output column; rename it "
                f"(reserved: {', '.join(RESERVED_COLUMNS)}, and names starting with {_INTERNAL!r})"
            )
    used = [*scored, *keys] + [
        c for c in (weight_name, time_name, count_name, respondent_name) if c is not None
    ]
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
    if count_name is not None:
        _check_counts_type(count_name, schema[count_name])
    parse = _p.check_time_format(time_format)
    if parse is not None and time_name is None:
        raise SatisfyError("time_format= is the format of the time= column; give time= too")
    if time_name is not None and (period is not None or respondent_name is not None):
        native = _p.time_column(native, time_name, schema[time_name], parse)
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


def _check_counts_type(name: str, dtype: Any) -> None:
    """Refuse a frequencies column that does not hold numbers."""
    if not dtype.is_numeric():
        raise WeightError(
            message=f"frequencies column {name!r} holds {dtype}, not numbers: frequencies= "
            "is a column of counts, each a whole number of answers, 0 or more"
        )


def _bad_counts(name: str, dtype: Any) -> Any:
    """The rows whose count is not a whole number from 0 to 2^53 (missing ones included)."""
    nw = _nw()
    f = nw.col(name)
    bad = f.is_null() | (f < 0)
    if dtype.is_float():
        bad = bad | f.is_nan() | (f > _EXACT_COUNT) | (f != f.round(0))
    elif not dtype.is_integer():  # decimals: compared as floats
        g = f.cast(nw.Float64())
        bad = bad | (g > _EXACT_COUNT) | (g != g.round(0))
    return bad


#: Counts beyond this are not exact as floats (nor summed exactly by every engine).
_EXACT_COUNT = 2**53


def _counts_error(native: Any, name: str, bad: Any) -> WeightError:
    """The one error for bad counts, the same on every engine: the column, how many rows,
    and the distinct bad values (a second, small query lists them)."""
    nw = _nw()
    listed = _collect(native.filter(bad).group_by(name).agg(nw.len().alias(_N)))
    merged: dict[str, int] = {}
    for value, count in zip(listed[name].tolist(), listed[_N].tolist()):
        shown = _shown_count(value)
        merged[shown] = merged.get(shown, 0) + int(count)
    ordered = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    rows = sum(merged.values())
    shown = ", ".join(f"{v} ({c} row{'s' if c != 1 else ''})" for v, c in ordered[:5])
    more = f", and {len(ordered) - 5} more distinct values" if len(ordered) > 5 else ""
    noun = "row holds" if rows == 1 else "rows hold"
    return WeightError(
        message=f"frequencies column {name!r}: {rows} {noun} a count that is not a whole "
        f"number of answers from 0 to 2^53: {shown}{more}. Each row's count says how many "
        "identical answers it stands for"
    )


def _shown_count(value: Any) -> str:
    """A bad count as the message shows it, whatever the engine's type for it."""
    if value is None or type(value).__name__ == "NAType":
        return "missing"
    if isinstance(value, float | np.floating) and np.isnan(value):
        return "missing"
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return repr(int(value))
    return repr(value.item() if isinstance(value, np.generic) else value)


def _is_count(value: Any, *, minimum: int) -> bool:
    """Whether ``value`` is a whole number (not a bool) of at least ``minimum``."""
    whole = isinstance(value, int | np.integer) and not isinstance(value, bool)
    return whole and value >= minimum


def _check_method(spec: MetricSpec, method: IntervalMethod | None) -> None:
    """Refuse an interval method the spec's metric does not have, before any work."""
    from ._definition import resolve_method

    if method is None:  # each metric's default
        return
    try:
        if _is_linear(spec):  # the methods of the spec's definition
            resolve_method(spec.definition(), method, weighted=False)
        else:  # a spec of the caller's own: ask its estimate
            spec.estimate(_empty_tally(spec.tallied_scale())).confidence_interval(0.95, method)
    except OptionError as exc:
        exc.args = (f"{spec.label}: {exc}",)
        raise


class _Need(NamedTuple):
    """One column to tally on one scale."""

    column: str  # in the frame (or derived from it, for gaps)
    scale: Scale
    check_missing: bool  # nan_policy applies (not to the inputs of a gap: only validated)
    label: str  # the column as the user knows it, for messages
    # The points counted together (each class one count column; the tally holds a class's
    # count at its first point). None: every point on its own.
    classes: tuple[tuple[int, ...], ...] | None = None

    def point_classes(self) -> tuple[tuple[int, ...], ...]:
        if self.classes is None:
            return tuple((j,) for j in range(self.scale.n_points))
        return self.classes


def _check_invalid_policy(invalid_policy: str) -> InvalidPolicy:
    if invalid_policy not in INVALID_POLICIES:
        raise OptionError("invalid_policy", invalid_policy, INVALID_POLICIES)
    return invalid_policy


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
    error = InvalidScoreError(
        [],
        [value for value, _ in ordered],
        where=str(scale),
        column=column,
        count=sum(merged.values()),
        detail=f"{shown}{more}. {scale.accepted_description()}",
    )
    error.counts = [count for _, count in ordered]  # type: ignore[attr-defined]
    return error


def _missing_error(column: str, count: int) -> MissingScoreError:
    """A MissingScoreError for ``count`` missing answers counted inside an engine."""
    return MissingScoreError(
        column=column,
        count=count,
        detail='nan_policy="raise" was asked; use nan_policy="omit" to leave them out',
    )


def _weight_error(column: str, count: int) -> WeightError:
    noun = "row has" if count == 1 else "rows have"
    return WeightError(
        message=f"column {column!r}: {count} {noun} a weight that is missing (where an answer "
        f"is present), NaN, negative, infinite, or nonzero outside [{MIN_WEIGHT:g}, "
        f"{MAX_WEIGHT:g}]; each weight must be 0 or within those bounds"
    )


def tally_frame(
    frame: Any,
    column: str,
    *,
    scale: Scale | str,
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    period: Period | None = None,
    time: str | None = None,
    nan_policy: NanPolicy = "omit",
    invalid_policy: InvalidPolicy = "raise",
    time_zone: str = "UTC",
    frequencies: str | None = None,
    time_format: str | None = None,
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
        A column of survey weights. Each must be finite and at least 0, and each nonzero
        weight must lie in [1e-100, 1e100]; a weight may be missing only where the answer
        is missing.
    period : {"day", "week", "month", "quarter", "year"}, optional
        Calendar periods of ``time``; the period's start date becomes the last key.
    time : str, optional
        A date or timestamp column (needed with ``period``).
    nan_policy : {"omit", "raise"}
    invalid_policy : {"raise", "omit"}
        ``"omit"`` leaves answers that are not on the scale out and counts them in
        ``missing`` and ``invalid``. Non-answer codes of the scale (``Scale(non_answers=
        ...)``) are never invalid: they are counted apart, in ``non_answers``.
    time_zone : str
        The zone whose calendar the periods follow (an IANA name, default ``"UTC"``).
        Time-zone-aware timestamps are converted to it before the date is taken; naive
        timestamps and dates are taken as written. The same on every engine, whatever
        the zone of a DuckDB or Spark session.
    frequencies : str, optional
        A column of counts (a count table): each row stands for that many identical
        answers, a whole number, 0 or more. The tally's counts and missing answers are
        sums of counts, and with ``weights`` the weight sums are count times weight (and
        count times squared weight): what the expanded rows would give.
    time_format : str, optional
        The strftime format of a ``time`` column of text (``%d``, ``%m``, ``%Y``, ``%H``,
        ``%M``, ``%S``, ``%z``), such as ``"%m/%d/%Y"``. Without it, ISO 8601 and
        day-month-year dates are recognised from the values, and the order of day and
        month is decided by them.

    Returns
    -------
    GroupedTally
        Groups named by ``by`` (and ``"period"``).

    Raises
    ------
    ColumnError
        For a column the frame does not have, a ``time`` column that holds neither
        dates, timestamps nor text, or text that is not a date in the column's format
        (naming the value), or dates whose day and month could be either way round.
    InvalidScoreError
        Listing each distinct invalid answer with its number of rows (its positions, for
        an in-memory frame).
    MissingScoreError
        With ``nan_policy="raise"``, when some answers are missing.
    WeightError
        When some weights are missing, negative, NaN, infinite or out of bounds, or some
        counts are not whole numbers >= 0 (naming the column and the values).

    Notes
    -----
    One aggregation over the frame: each point of the scale is a conditional count (and
    weight sum and squared weight sum) column of one ``group_by`` over the segment keys
    and calendar parts, with a count of missing answers and one of invalid weights; only
    when some answers are not on the scale does a second, small query list them. A column
    of text labels first asks the engine for its distinct values to map them to points.
    A pandas frame is grouped by pandas and tallied with numpy.

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"ltr": [9, 10, 3, None], "team": ["a", "a", "b", "b"]})
    >>> g = satisfy.tally_frame(df, "ltr", scale="NPS", by="team")
    >>> g.groups, g.n.tolist(), g.missing.tolist()
    (('a', 'b'), [2, 1], [0, 1])
    """
    resolved = as_scale(scale)
    policy, invalid = _check_options(period, time, nan_policy, invalid_policy, time_zone)
    native = _from_native(frame)
    if time_format is not None and time is None:
        raise SatisfyError("time_format= is the format of the time= column; give time= too")
    count_name = _as_name(frequencies, "frequencies")
    if count_name is not None and count_name == column:
        raise ColumnError(
            f"frequencies column {count_name!r} is the scored column; frequencies= names "
            "the column of counts (how many answers each row stands for)"
        )
    return _tallies(
        native,
        [_Need(column, resolved, True, column)],
        {},
        keys=_as_names(by, "by", period=period, scored=(column,)),
        weights=weights,
        period=period,
        time=time,
        time_zone=time_zone,
        nan_policy=policy,
        invalid_policy=invalid,
        frequencies=count_name,
        time_format=_p.check_time_format(time_format),
    )[0]


class _Columns(NamedTuple):
    """The engine expressions of one needed column."""

    present: Any  # the row has an answer (maybe invalid)
    points: list[Any]  # per class: the row's answer is in it (None: no value maps there)
    # Whole-number answers on a whole-number scale: the lowest and highest points. Answers
    # outside them are counted (the only invalid whole numbers), so one class is the rest
    # of the rows, and a class at an end of the scale is one comparison.
    bounds: tuple[int, int] | None = None
    non_answer: Any = None  # the row's answer is a non-answer code (None: none can be)


def _bounded(col: Any, values: list[int], classes: tuple[tuple[int, ...], ...]) -> list[Any]:
    """Conditions of the classes of whole-number answers, leaving one class (a middle one
    where there is one) to be counted as the rest of the answers on the scale."""
    k = len(values)
    ends = [j for j, members in enumerate(classes) if members[0] == 0 or members[-1] == k - 1]
    rest = next((j for j in range(len(classes)) if j not in ends), len(classes) - 1)
    conditions: list[Any] = []
    for j, members in enumerate(classes):
        a, b = members[0], members[-1]
        if j == rest:
            conditions.append(None)
        elif members != tuple(range(a, b + 1)):
            conditions.append(col.is_in([values[m] for m in members]))
        elif a == b:
            conditions.append(col == values[a])
        else:
            conditions.append((col >= values[a]) & (col <= values[b]))
    return conditions


def _need_columns(
    native: Any, need: _Need, dtype: Any, points: bool, bounded: bool = False
) -> _Columns:
    """Presence and per-point conditions of a column, by its dtype. Numbers compare with
    the scale's points; text asks the engine for its distinct values first and maps each
    to a point once, here; other dtypes (booleans, ...) have no valid answer."""
    nw = _nw()
    scale = need.scale
    col = nw.col(need.column)
    k = scale.n_points
    classes = need.point_classes()
    if dtype.is_numeric():
        present = ~col.is_null()
        if dtype.is_float():
            present = present & ~col.is_nan()
        numbers = _coding.split_non_answers(scale.non_answers)[1]
        non: Any = None
        if dtype.is_integer() and scale.integer_points:
            values: list[Any] = [int(scale.low) + i for i in range(k)]
            whole = sorted({int(x) for x in numbers if x == int(x)})
            non = col.is_in(whole) if whole else None
            if bounded:
                conditions = _bounded(col, values, classes)
                return _Columns(present, conditions, (values[0], values[-1]), non)
        else:
            col = col.cast(nw.Float64())
            values = scale.points.tolist()
            non = col.is_in(sorted(set(numbers))) if numbers else None
        conditions = []
        for members in classes:
            if len(members) == 1:
                conditions.append(col == values[members[0]])
            elif dtype.is_integer() and members == tuple(range(members[0], members[-1] + 1)):
                conditions.append((col >= values[members[0]]) & (col <= values[members[-1]]))
            else:
                conditions.append(col.is_in([values[j] for j in members]))
        return _Columns(present, conditions, None, non)
    text_like = dtype == nw.String or dtype == nw.Categorical or dtype == nw.Enum
    if text_like and not points:  # pandas tallies the text itself; presence is for weights
        return _Columns(
            ~col.is_null() & (_text(col, dtype).str.strip_chars() != ""), [None] * len(classes)
        )
    if text_like or dtype == nw.Object or dtype == nw.Unknown:
        # text, or Python objects (pandas): the distinct values, each coded once here
        raw = _text(col, dtype) if text_like else col
        distinct = _collect(native.select(raw.alias(need.column)).unique())[need.column]
        class_of = {j: c for c, members in enumerate(classes) for j in members}
        by_class: list[list[Any]] = [[] for _ in classes]
        blank: list[Any] = []  # values that code as missing without being null ("", "  ")
        non_answers: list[Any] = []
        for value in distinct.tolist():  # a few distinct answers
            if value is None:
                continue
            code = scale.code(value)
            if code >= 0:
                by_class[class_of[code]].append(value)
            elif code == _coding.MISSING and isinstance(value, str):
                blank.append(value)
            elif code == _coding.NON_ANSWER:
                non_answers.append(value)
        present = ~col.is_null()
        if blank:
            present = present & ~raw.is_in(blank)
        return _Columns(
            present,
            [raw.is_in(v) if v else None for v in by_class],
            None,
            raw.is_in(non_answers) if non_answers else None,
        )
    return _Columns(~col.is_null(), [None] * len(classes))


def _tallies(
    native: Any,
    needs: list[_Need],
    derived: dict[str, Any],
    *,
    keys: list[str],
    weights: str | None,
    period: Period | None,
    time: str | None,
    time_zone: str,
    nan_policy: _coding.NanPolicy,
    invalid_policy: InvalidPolicy,
    frequencies: str | None = None,
    time_format: _p.TimeFormat | None = None,
    respondent: str | None = None,
    set_aside: dict[Hashable, int] | None = None,
    design: _DesignColumns | None = None,
) -> list[GroupedTally]:
    """One grouped tally per need, from one aggregation over the frame. With a
    ``respondent`` column, only each respondent's latest answer (by ``time``) is tallied
    and ``set_aside`` is filled with the number of rows set aside per group. With a survey
    design the engine aggregates per group, stratum and cluster (the cells the design's
    variance needs); the cells are summed into the groups here, and each tally carries
    the design's sums."""
    nw = _nw()
    sources = [n.column for n in needs if n.column not in derived]
    extra = [c for c in (weights, time, frequencies, respondent) if c is not None]
    if design is not None:
        extra += design.columns()
    schema = _check_columns(native, [*sources, *keys, *extra])
    if weights is not None and not schema[weights].is_numeric():
        raise WeightError(
            message=f"column {weights!r} holds {schema[weights]}, not numbers: weights must "
            "be numbers"
        )
    bad_counts = None
    if frequencies is not None:
        _check_counts_type(frequencies, schema[frequencies])
        bad_counts = _bad_counts(frequencies, schema[frequencies])
    if derived:
        native = native.with_columns(*(expr.alias(name) for name, expr in derived.items()))
        schema = native.collect_schema()
    if respondent is not None:
        assert time is not None
        native = _latest_answers(native, respondent, time, schema)
    native, period_exprs, group = _p.with_periods(
        native, keys, period, time, time_zone, schema, time_format
    )
    if period_exprs:
        native = native.with_columns(*period_exprs)
    eager = isinstance(native, nw.DataFrame)
    if respondent is not None:
        aside = native.filter(~nw.col(_KEEP))
        listed = _collect(
            aside.group_by(*group).agg(nw.len().alias(_N))
            if group
            else aside.select(nw.len().alias(_N))
        )
        if set_aside is not None:
            set_aside.update(_group_totals(listed, keys, period))
        native = native.filter(nw.col(_KEEP))
        eager = False  # rows were set aside: positions would not be the caller's
    # pandas groups in pandas and tallies with numpy (positions for invalid answers)
    pandas = eager and native.implementation.is_pandas() and design is None
    work = native.lazy() if eager and native.implementation.is_polars() else native
    fast = weights is None and frequencies is None and not pandas
    columns = [_need_columns(work, need, schema[need.column], not pandas, fast) for need in needs]
    present_any = nw.any_horizontal(*(c.present for c in columns), ignore_nulls=False)
    bad_weights = None
    if weights is not None:
        w = nw.col(weights).cast(nw.Float64())
        absent = w.is_null() | w.is_nan()
        out_of_bounds = (w < 0) | (w > MAX_WEIGHT) | ((w > 0) & (w < MIN_WEIGHT))
        bad_weights = nw.when(absent).then(present_any).otherwise(out_of_bounds)
    counts = None if frequencies is None else _Counts(frequencies, bad_counts)
    if pandas:
        cells = _cells_pandas(
            native, needs, group, weights, bad_weights, nan_policy, invalid_policy, counts
        )
    else:
        cells_group = group if design is None else list(dict.fromkeys([*group, *design.columns()]))
        cells = _cells_engine(
            work, needs, columns, cells_group, weights, bad_weights, counts, design is not None
        )
    if counts is not None and cells.bad_counts:
        raise _counts_error(native, counts.column, counts.bad)
    return _finish(
        native,
        eager,
        cells,
        needs,
        columns,
        keys,
        period,
        weights,
        nan_policy,
        invalid_policy,
        design,
    )


_KEEP = "__satisfy_keep"  # the row is its respondent's latest answer (or has no respondent)
_LATEST = "__satisfy_latest"


def _latest_answers(native: Any, respondent: str, time: str, schema: Any) -> Any:
    """The frame with a column ``_KEEP``: whether each row is its respondent's latest answer,
    found inside the engine (the latest time per respondent, joined back). Rows without a
    respondent are kept, each as its own respondent. A respondent whose latest time is on
    two rows (or who has several rows and no time) is refused, naming the respondent:
    which of them is the answer to keep is not in the data."""
    nw = _nw()
    t = nw.col(time)
    latest = native.group_by(respondent).agg(t.max().alias(_LATEST), nw.len().alias(_N))
    latest = latest.filter(~nw.col(respondent).is_null())
    joined = native.join(latest, on=respondent, how="left")
    keep = (
        nw.col(respondent).is_null()
        | (nw.col(_N) == 1)
        | nw.col(_LATEST).is_null()  # several rows and no time: a tie, refused below
        | (~t.is_null() & (t == nw.col(_LATEST)))
    )
    joined = joined.with_columns(keep.fill_null(False).alias(_KEEP))
    # ties: a respondent keeps more than one row
    kept = joined.filter(nw.col(_KEEP) & ~nw.col(respondent).is_null())
    found = _collect(
        kept.select(
            nw.len().alias(_N), nw.col(respondent).n_unique().alias("__satisfy_respondents")
        )
    )
    if int(found[_N][0]) > int(found["__satisfy_respondents"][0]):
        twice = kept.group_by(respondent).agg(nw.len().alias(_N)).filter(nw.col(_N) > 1)
        listed = _collect(twice.select(nw.col(respondent).min(), nw.len().alias(_N)))
        who = listed[respondent][0]
        who = who.item() if isinstance(who, np.generic) else who
        raise SatisfyError(
            f"respondent {who!r} (column {respondent!r}) has two or more answers at the "
            f"latest time in {time!r}, or several and no time ({_respondents(listed[_N][0])} "
            "such ties), so which answer is the latest is not in the data; "
            "give times that tell them apart, or drop the duplicates first"
        )
    return joined.drop(_LATEST, _N)


def _respondents(count: Any) -> str:
    return "1 respondent has" if int(count) == 1 else f"{int(count)} respondents have"


def _group_totals(
    listed: dict[str, NDArray[Any]], keys: list[str], period: Period | None
) -> dict[Hashable, int]:
    """Row counts of aggregated cells (``listed``: keys, period parts, ``_N``) per group,
    keyed as a GroupedTally keys its groups."""
    rows = listed[_N].shape[0]
    key_columns: dict[str, Any] = {name: listed[name] for name in keys}
    if period is not None:
        key_columns[PERIOD] = _p.period_starts(listed[_p.YEAR], listed.get(_p.SUB), period)
    if not rows:
        return {}
    if not key_columns:
        return {(): int(listed[_N].sum())}
    codes, groups, _ = _grouping.group_codes(key_columns)
    totals = np.zeros(len(groups), np.int64)
    np.add.at(totals, codes, listed[_N].astype(np.int64))
    return {group: int(total) for group, total in zip(groups, totals.tolist())}


class _Counts(NamedTuple):
    """A count column (``frequencies=``): its name and the expression of its bad rows."""

    column: str
    bad: Any


class _Cells(NamedTuple):
    """The aggregate: one row per cell (keys and period parts), per need its counts."""

    keys: dict[str, NDArray[Any]]
    counts: list[NDArray[np.int64]]  # (C, K) per need
    wsum: list[NDArray[np.float64] | None]
    wsq: list[NDArray[np.float64] | None]
    missing: list[NDArray[np.int64]]  # (C,)
    invalid: list[NDArray[np.int64]]  # (C,)
    bad_weights: int
    non_answers: list[NDArray[np.int64]]  # (C,)
    # With frequencies=: the answers above are sums of counts; these are rows, which decide
    # the errors as the array API decides them (a row refused whatever its count).
    missing_rows: list[NDArray[np.int64]] | None = None
    invalid_rows: list[NDArray[np.int64]] | None = None
    bad_counts: int = 0
    # With a survey design: every cell's rows, and per need its answers of zero weight
    rows: NDArray[np.int64] | None = None
    zero_weight: list[NDArray[np.int64]] | None = None


class _DesignColumns(NamedTuple):
    """The columns of a survey design (``cluster=``, ``strata=``, ``fpc=``) in a frame."""

    cluster: str | None
    strata: str | None
    fpc: str | None
    lonely_psu: str

    def columns(self) -> list[str]:
        return list(dict.fromkeys(c for c in (self.strata, self.cluster, self.fpc) if c))


def _name(kind: str, i: int, j: int | None = None) -> str:
    return f"__satisfy_{kind}{i}" if j is None else f"__satisfy_{kind}{i}_{j}"


def _cells_engine(
    work: Any,
    needs: list[_Need],
    columns: list[_Columns],
    group: list[str],
    weights: str | None,
    bad_weights: Any,
    counts: _Counts | None = None,
    design: bool = False,
) -> _Cells:
    """The one in-engine aggregation: conditional counts (and weight sums) per class of
    points. With a count column, each row adds its count (and count times its weight and
    squared weight): the sums the expanded rows would give."""
    nw = _nw()
    count_terms: list[tuple[str, Any]] = []  # boolean per-row terms, counted per group
    sum_terms: list[tuple[str, Any]] = []  # float per-row terms, summed per group
    f = None
    if counts is not None:
        f = nw.col(counts.column).cast(nw.Float64())
        count_terms.append((_FBAD, counts.bad))
        sum_terms.append((_NF, nw.when(counts.bad).then(0.0).otherwise(f)))
    if weights is not None:
        w = nw.col(weights).cast(nw.Float64())
        count_terms.append((_WBAD, bad_weights))
        if f is not None:
            w = w * f  # w f and (w f) w: the weight sums of the expanded rows
    for i, (need, c) in enumerate(zip(needs, columns)):
        count_terms.append((_name("m", i), ~c.present))
        if c.non_answer is not None:
            count_terms.append((_name("a", i), c.non_answer))
        if f is not None:
            sum_terms.append((_name("mf", i), nw.when(~c.present).then(f).otherwise(0.0)))
            valid = [cond for cond in c.points if cond is not None]
            on_scale = nw.any_horizontal(*valid, ignore_nulls=True) if valid else nw.lit(False)
            if c.non_answer is not None:
                sum_terms.append((_name("af", i), nw.when(c.non_answer).then(f).otherwise(0.0)))
                on_scale = on_scale | c.non_answer  # a non-answer is not an invalid row
            count_terms.append((_name("xr", i), c.present & ~on_scale))
        if c.bounds is not None:
            answer = nw.col(need.column)
            count_terms.append((_name("x", i), (answer < c.bounds[0]) | (answer > c.bounds[1])))
        if design and weights is not None:  # answers that count for nothing (weight 0)
            zero = c.present & (nw.col(weights).cast(nw.Float64()) == 0)
            if c.non_answer is not None:
                zero = zero & ~c.non_answer
            count_terms.append((_name("z", i), zero))
        for j, cond in enumerate(c.points):
            if cond is None:
                continue
            if f is None:
                count_terms.append((_name("c", i, j), cond))
            else:
                sum_terms.append((_name("c", i, j), nw.when(cond).then(f).otherwise(0.0)))
            if weights is not None:
                sum_terms += [
                    (_name("s", i, j), nw.when(cond).then(w).otherwise(0.0)),
                    (
                        _name("q", i, j),
                        nw.when(cond).then(w * nw.col(weights).cast(nw.Float64())).otherwise(0.0),
                    ),
                ]
    impl = work.implementation
    if impl.is_polars() or impl.is_duckdb() or impl.is_pyspark() or impl.is_pyspark_connect():
        # sums of expressions inside the aggregation, fused by the engine's planner (Spark
        # does not sum booleans)
        if not (impl.is_polars() or impl.is_duckdb()):
            count_terms = [(name, e.cast(nw.Int64())) for name, e in count_terms]
        aggs = [e.sum().alias(name) for name, e in count_terms + sum_terms]
    else:  # engines whose narwhals group_by sums plain columns only: derive them first
        # A comparison with a missing answer of a nullable dtype (pandas' Int64, in Dask)
        # is missing, not False, and numpy has no integer for it: such a row is in no class.
        work = work.with_columns(
            *(e.fill_null(False).cast(nw.Int64()).alias(name) for name, e in count_terms),
            *(e.alias(name) for name, e in sum_terms),
        )
        aggs = [nw.col(name).sum().alias(name) for name, _ in count_terms + sum_terms]
    aggs.append(nw.len().alias(_N))
    agg = _collect(work.group_by(*group).agg(*aggs) if group else work.select(*aggs))
    rows = agg[_N].shape[0]

    def total(name: str) -> NDArray[np.float64]:
        if name not in agg:  # no value of the column maps to this point
            return np.zeros(rows)
        return np.nan_to_num(agg[name].astype(np.float64))  # a sum of no rows is null

    n = total(_N).astype(np.int64)
    if counts is not None:
        n = np.rint(total(_NF)).astype(np.int64)
    tallied: list[NDArray[np.int64]] = []
    missings: list[NDArray[np.int64]] = []
    invalids: list[NDArray[np.int64]] = []
    non_answers: list[NDArray[np.int64]] = []
    missing_rows: list[NDArray[np.int64]] = []
    invalid_rows: list[NDArray[np.int64]] = []
    wsums: list[NDArray[np.float64] | None] = []
    wsqs: list[NDArray[np.float64] | None] = []
    for i, (need, c) in enumerate(zip(needs, columns)):
        first = [members[0] for members in need.point_classes()]  # where a class's count goes
        per_point = {
            kind: np.zeros((rows, need.scale.n_points))
            for kind in ("c", "s", "q")
            if kind == "c" or weights is not None
        }
        for kind, out in per_point.items():
            for j, point in enumerate(first):
                out[:, point] = total(_name(kind, i, j))
        missing = total(_name("m", i)).astype(np.int64)
        non = total(_name("a", i)).astype(np.int64)  # zeros when no row can be one
        missing_rows.append(missing)
        if counts is not None:
            missing = np.rint(total(_name("mf", i))).astype(np.int64)
            non = np.rint(total(_name("af", i))).astype(np.int64)
        if c.bounds is None:
            count = np.rint(per_point["c"]).astype(np.int64)
            invalid = n - missing - non - count.sum(axis=1)
        else:  # whole numbers: those off the scale are counted; the rest is one class
            invalid = total(_name("x", i)).astype(np.int64) - non  # non-answers are off it
            rest = next(j for j, cond in enumerate(c.points) if cond is None)
            per_point["c"][:, first[rest]] = (
                n - missing - non - invalid - per_point["c"].sum(axis=1)
            )
            count = per_point["c"].astype(np.int64)
        invalid_rows.append(invalid if counts is None else total(_name("xr", i)).astype(np.int64))
        tallied.append(count)
        missings.append(missing)
        invalids.append(invalid)
        non_answers.append(non)
        wsums.append(per_point.get("s"))
        wsqs.append(per_point.get("q"))
    bad = int(total(_WBAD).sum()) if weights is not None else 0
    zero_weight = None
    if design:
        zero_weight = [
            total(_name("z", i)).astype(np.int64)
            if weights is not None
            else np.zeros(rows, np.int64)
            for i in range(len(needs))
        ]
    return _Cells(
        {name: agg[name] for name in group},
        tallied,
        wsums,
        wsqs,
        missings,
        invalids,
        bad,
        non_answers,
        missing_rows,
        invalid_rows,
        int(total(_FBAD).sum()) if counts is not None else 0,
        total(_N).astype(np.int64) if design else None,
        zero_weight,
    )


def _cells_pandas(
    native: Any,
    needs: list[_Need],
    group: list[str],
    weights: str | None,
    bad_weights: Any,
    nan_policy: _coding.NanPolicy,
    invalid_policy: InvalidPolicy,
    freq: _Counts | None = None,
) -> _Cells:
    """A pandas frame: pandas groups it once (hashing, in C), numpy tallies each column
    on the group codes in one pass (invalid answers are reported with their positions)."""
    nw = _nw()
    pdf = native.to_native()
    rows = len(pdf)
    bad = 0
    w = None
    f = None
    if freq is not None:
        flagged = native.select(freq.bad.fill_null(True).cast(nw.Int64()).alias(_FBAD))
        if int(np.nansum(_array(flagged, _FBAD))):
            raise _counts_error(native, freq.column, freq.bad)
        f = _array(native.select(nw.col(freq.column).cast(nw.Float64())), freq.column)
    if weights is not None:
        bad = int(
            np.nansum(_array(native.select(bad_weights.cast(nw.Int64()).alias(_WBAD)), _WBAD))
        )
        if bad:
            raise _weight_error(weights, bad)
        w = np.nan_to_num(_array(native.select(nw.col(weights).cast(nw.Float64())), weights))
    if group:
        grouped = pdf.groupby(group, sort=True, dropna=False, observed=True)
        codes = np.asarray(grouped.ngroup().to_numpy(), dtype=np.intp)
        index = grouped.size().index
        if len(group) == 1:
            keys = {group[0]: np.asarray(index.to_numpy())}
        else:
            keys = {
                name: np.asarray(index.get_level_values(i).to_numpy())
                for i, name in enumerate(group)
            }
        n_cells = len(index)
    else:
        codes = np.zeros(rows, np.intp)
        keys, n_cells = {}, 1
    counts: list[NDArray[np.int64]] = []
    missings: list[NDArray[np.int64]] = []
    invalids: list[NDArray[np.int64]] = []
    non_answers: list[NDArray[np.int64]] = []
    wsums: list[NDArray[np.float64] | None] = []
    wsqs: list[NDArray[np.float64] | None] = []
    for need in needs:
        k = need.scale.n_points
        try:
            t = GroupedTally.from_scores(
                pdf[need.column],
                by=codes,
                scale=need.scale,
                weights=w,
                frequencies=f,
                nan_policy=nan_policy if need.check_missing else "omit",
                invalid_policy=invalid_policy,
            )
        except (InvalidScoreError, MissingScoreError) as exc:
            exc.column = need.label
            exc.args = (f"column {need.label!r}: {exc}",)
            raise
        at = np.asarray(t.groups, dtype=np.intp)
        count = np.zeros((n_cells, k), np.int64)
        count[at] = t.counts
        missing = np.zeros(n_cells, np.int64)
        missing[at] = t.missing - t.invalid  # invalid answers are added back by _finish
        invalid = np.zeros(n_cells, np.int64)
        invalid[at] = t.invalid
        non = np.zeros(n_cells, np.int64)
        non[at] = t.non_answers
        counts.append(count)
        missings.append(missing)
        invalids.append(invalid)
        non_answers.append(non)
        if w is None:
            wsums.append(None)
            wsqs.append(None)
        else:
            wsum = np.zeros((n_cells, k))
            wsq = np.zeros((n_cells, k))
            wsum[at] = t.weight_sums
            wsq[at] = t.weight_sq_sums
            wsums.append(wsum)
            wsqs.append(wsq)
    return _Cells(keys, counts, wsums, wsqs, missings, invalids, bad, non_answers)


def _finish(
    native: Any,
    eager: bool,
    cells: _Cells,
    needs: list[_Need],
    columns: list[_Columns],
    keys: list[str],
    period: Period | None,
    weights: str | None,
    nan_policy: _coding.NanPolicy,
    invalid_policy: InvalidPolicy,
    design: _DesignColumns | None = None,
) -> list[GroupedTally]:
    """Check the counts (invalid answers, missing ones, weights), then sum the cells
    into groups: several cells make one group when a week spans days of two years (and,
    with a design, one per stratum and cluster)."""
    invalid_rows = cells.invalid if cells.invalid_rows is None else cells.invalid_rows
    missing_rows = cells.missing if cells.missing_rows is None else cells.missing_rows
    for i, need in enumerate(needs):
        if invalid_policy == "raise" and invalid_rows[i].any():
            raise _invalid_error(native, eager, need, columns[i])
    for i, need in enumerate(needs):
        if nan_policy == "raise" and need.check_missing and missing_rows[i].any():
            if eager and not invalid_rows[i].any():
                _positioned(native, need, "raise")
            raise _missing_error(need.label, int(missing_rows[i].sum()))
    if weights is not None and cells.bad_weights:
        raise _weight_error(weights, cells.bad_weights)
    n_cells = cells.counts[0].shape[0]
    key_columns: dict[str, Any] = {name: cells.keys[name] for name in keys}
    if period is not None:
        key_columns[PERIOD] = _p.period_starts(cells.keys[_p.YEAR], cells.keys.get(_p.SUB), period)
    if key_columns:
        codes, groups, names = _grouping.group_codes(key_columns)
        names = names or tuple(key_columns)
    else:
        codes, groups, names = np.zeros(n_cells, np.intp), [()], ()
    g = len(groups)
    out = []
    for i, need in enumerate(needs):
        k = need.scale.n_points
        counts = np.zeros((g, k), np.int64)
        missing = np.zeros(g, np.int64)
        invalid = np.zeros(g, np.int64)
        non_answers = np.zeros(g, np.int64)
        np.add.at(counts, codes, cells.counts[i])
        if invalid_policy == "omit":  # else there are none (they raised above)
            np.add.at(invalid, codes, cells.invalid[i])
        np.add.at(missing, codes, cells.missing[i])
        missing += invalid
        np.add.at(non_answers, codes, cells.non_answers[i])
        wsum_cells, wsq_cells = cells.wsum[i], cells.wsq[i]
        if wsum_cells is None or wsq_cells is None:
            wsum = counts.astype(np.float64)
            wsq = wsum.copy()
        else:
            wsum = np.zeros((g, k))
            wsq = np.zeros((g, k))
            np.add.at(wsum, codes, wsum_cells)
            np.add.at(wsq, codes, wsq_cells)
        tally = GroupedTally(
            need.scale,
            groups,
            counts,
            wsum,
            wsq,
            missing,
            names,
            non_answers=non_answers,
            invalid=invalid,
        )
        if design is not None:
            object.__setattr__(tally, "design", _cell_design(cells, i, codes, g, design))
        out.append(tally)
    return out


def _cell_design(
    cells: _Cells, i: int, codes: NDArray[np.intp], g: int, design: _DesignColumns
) -> _design.DesignSums:
    """The design sums of need ``i`` from the engine's cells (group, stratum, cluster)."""
    assert cells.rows is not None
    assert cells.zero_weight is not None
    counts = cells.counts[i].astype(np.float64)
    wsum, wsq = cells.wsum[i], cells.wsq[i]
    sums = counts if wsum is None else wsum
    squares = counts if wsq is None else wsq
    positive = cells.counts[i].sum(axis=1) - cells.zero_weight[i]
    return _design.from_cells(
        sums,
        squares,
        np.maximum(positive, 0),
        cells.rows,
        codes,
        g,
        cluster=None if design.cluster is None else cells.keys[design.cluster],
        strata=None if design.strata is None else cells.keys[design.strata],
        fpc=None if design.fpc is None else cells.keys[design.fpc],
        lonely_psu=design.lonely_psu,
    )


def _positioned(native: Any, need: _Need, nan_policy: _coding.NanPolicy) -> None:
    """Raise the array API's error, with row positions, for a column of an in-memory
    frame (only called once the engine's counts found a problem)."""
    scores = _array(native, need.column)
    try:
        GroupedTally.from_scores(
            scores, by=np.zeros(scores.shape[0], np.intp), scale=need.scale, nan_policy=nan_policy
        )
    except (InvalidScoreError, MissingScoreError) as exc:
        exc.column = need.label
        exc.args = (f"column {need.label!r}: {exc}",)
        raise


def _invalid_error(native: Any, eager: bool, need: _Need, columns: _Columns) -> InvalidScoreError:
    """The error for answers not on the scale: with their positions for an in-memory
    frame, else each distinct invalid answer with its rows, from a second, small query."""
    if eager:
        _positioned(native, need, "omit")
    nw = _nw()
    if columns.bounds is not None:
        answer = nw.col(need.column)
        off = (answer < columns.bounds[0]) | (answer > columns.bounds[1])
        if columns.non_answer is not None:
            off = off & ~columns.non_answer
    else:
        conditions = [c for c in columns.points if c is not None]
        if columns.non_answer is not None:
            conditions.append(columns.non_answer)
        valid = nw.any_horizontal(*conditions, ignore_nulls=False) if conditions else nw.lit(False)
        off = columns.present & ~valid
    listed = native.filter(off).group_by(need.column).agg(nw.len().alias(_N))
    agg = _collect(listed)
    values = agg[need.column].tolist()
    return _invalid_from_counts(need.label, values, agg[_N].astype(np.int64).tolist(), need.scale)


def _output(
    frame: Any, blocks: list[_Block], keys: Sequence[str], names: Sequence[str]
) -> IntoDataFrame:
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
    data, rows = _columns(blocks, [*keys, *names])
    if rows:
        out: IntoDataFrame = nw.from_dict(data, backend=backend).to_native()
        return out
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
    named.update(dict.fromkeys(("n", "missing", "invalid", "non_answers", _SET_ASIDE), nw.Int64()))
    named.update(dict.fromkeys(("low_base", "significant"), nw.Boolean()))
    for name in names:
        types[name] = named.get(name, nw.Float64())
    empty = nw.from_dict(data, schema=types, backend="pyarrow")
    if backend == "pandas":
        out = empty.to_pandas()
    else:
        out = empty.to_polars() if backend == "polars" else empty.to_native()
    return out


def _check_options(
    period: str | None, time: str | None, nan_policy: str, invalid_policy: str, time_zone: str
) -> tuple[_coding.NanPolicy, InvalidPolicy]:
    policy = _coding.check_nan_policy(nan_policy)
    invalid = _check_invalid_policy(invalid_policy)
    _p.check_time_zone(time_zone)
    _p.check_period(period, time)
    return policy, invalid


# The specs whose estimate is a linear functional of the shares, with intervals that read
# the tally through the classes of equal coefficients: the library's own specs, whose
# estimate is their registry definition's. A spec of the caller's own (a subclass) may
# read every point.


def _is_linear(spec: MetricSpec) -> bool:
    return type(spec).__module__ == MetricSpec.__module__


def _coefficients(spec: MetricSpec) -> NDArray[np.float64]:
    """A spec's coefficient of each point, from its definition (the metric registry)."""
    return spec.definition().coefficients


def _classes(scale: Scale, specs: list[MetricSpec]) -> tuple[tuple[int, ...], ...] | None:
    """The classes of points that no spec reading the column tells apart (a column only
    validated is one class: its valid points); None when a spec's coefficients are not
    all finite (then every point is counted on its own)."""
    k = scale.n_points
    if not specs:
        return (tuple(range(k)),)
    if not all(_is_linear(spec) for spec in specs):
        return None  # a spec of the caller's own: its estimate may read every point
    table = np.stack([_coefficients(spec) for spec in specs], axis=1)  # (K, specs)
    if not np.isfinite(table).all():
        return None
    classes: dict[tuple[float, ...], list[int]] = {}
    for j, row in enumerate(table.tolist()):  # K points, not rows
        classes.setdefault(tuple(row), []).append(j)
    return tuple(tuple(members) for members in classes.values())


def _spec_tallies(
    frame: Any,
    specs: Sequence[MetricSpec],
    *,
    by: str | Sequence[str] | None,
    weights: str | None,
    period: Period | None,
    time: str | None,
    time_zone: str = "UTC",
    nan_policy: str = "omit",
    invalid_policy: str = "raise",
    by_class: bool = False,
    frequencies: str | None = None,
    time_format: str | None = None,
    respondent: str | None = None,
    set_aside: dict[Hashable, int] | None = None,
    design: _DesignColumns | None = None,
) -> list[GroupedTally]:
    """The grouped tally each spec needs, all from one aggregation: specs sharing a
    column (on one scale) share its counts; a gap spec tallies the per-row gap computed
    inside the engine, and validates both of its columns on the spec's scale.

    With ``by_class``, the engine counts classes of points instead of points: the
    points on which every spec reading the column has the same coefficient (NPS: its
    detractors, passives and promoters). Each class's count is held at its first point,
    which changes no value, interval or test of those specs: every metric is a linear
    functional ``sum_k c_k p_k`` and every interval method works on the tally through
    the classes of equal ``c_k`` (see ``_definition``); n, n_eff and missing are totals.
    The tallies are then for those specs only, not for anyone to read per point."""
    nw = _nw()
    policy, invalid = _check_options(period, time, nan_policy, invalid_policy, time_zone)
    if not specs:
        return []
    native = _from_native(frame)
    needs: list[_Need] = []
    derived: dict[str, Any] = {}
    # keyed by the non-answers too: they take no part in a scale's equality
    where: dict[tuple[str, Scale, tuple[str | float, ...]], int] = {}

    def add(need: _Need) -> int:
        key = (need.column, need.scale, need.scale.non_answers)
        if key not in where:
            where[key] = len(needs)
            needs.append(need)
        elif need.check_missing:
            needs[where[key]] = needs[where[key]]._replace(check_missing=True)
        return where[key]

    index = []
    users: dict[int, list[MetricSpec]] = {}  # the specs reading each need's tally
    for spec in specs:
        if not isinstance(spec, ExpectationGap):
            index.append(add(_Need(spec.column, spec.scale, True, spec.column)))
            users.setdefault(index[-1], []).append(spec)
            continue
        schema = _check_columns(native, [spec.column, spec.expected])
        for name in (spec.column, spec.expected):
            if not schema[name].is_numeric():
                raise SatisfyError(
                    f"column {name!r} holds {schema[name]}, not numbers: {spec.label} subtracts "
                    "the columns inside the engine; map labels to points first"
                )
            add(_Need(name, spec.scale, False, name))
        gap = f"__satisfy_gap_{spec.column}_{spec.expected}"
        derived[gap] = nw.col(spec.column) - nw.col(spec.expected)
        label = f"{spec.column} - {spec.expected}"
        index.append(add(_Need(gap, spec.tallied_scale(), True, label)))
        users.setdefault(index[-1], []).append(spec)
    if by_class:
        needs = [
            need._replace(classes=_classes(need.scale, users.get(i, [])))
            for i, need in enumerate(needs)
        ]
    tallies = _tallies(
        native,
        needs,
        derived,
        keys=_as_names(by),
        weights=weights,
        period=period,
        time=time,
        time_zone=time_zone,
        nan_policy=policy,
        invalid_policy=invalid,
        frequencies=frequencies,
        time_format=_p.check_time_format(time_format),
        respondent=respondent,
        set_aside=set_aside,
        design=design,
    )
    return [tallies[i] for i in index]


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
    period: Period | None,
    time: str | None,
    time_zone: str = "UTC",
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
    native, period_derived, group = _p.with_periods(native, keys, period, time, time_zone, schema)
    derived += period_derived
    sums = [_N] + [f"__satisfy_s{i}" for i in range(k)] + [f"__satisfy_p{i}_{j}" for i, j in pairs]
    aggs = [nw.len().alias("__satisfy_rows")] + [nw.col(c).sum().alias(c) for c in sums]
    work = native.with_columns(*derived)
    agg = _collect(work.group_by(*group).agg(*aggs) if group else work.select(*aggs))
    rows_n = len(agg[_N])
    key_columns: dict[str, Any] = {name: agg[name] for name in keys}
    if period is not None:
        key_columns[PERIOD] = _p.period_starts(agg[_p.YEAR], agg.get(_p.SUB), period)
    if key_columns:
        codes, group_keys, names = _grouping.group_codes(key_columns)
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


def _moment_block(
    key_names: tuple[str, ...],
    groups: Sequence[Any],
    label: str,
    values: tuple[Any, ...],
    n: NDArray[np.float64],
    rows: NDArray[np.float64],
    min_n: int | None,
) -> _Block:
    """The output rows of a moment-based spec, one per group, as columns."""
    counts = np.asarray(n).astype(np.int64)
    block = _key_block(key_names, groups)
    block.update(
        metric=[label] * len(groups),
        value=np.asarray(values[0], dtype=np.float64),
        low=np.asarray(values[1], dtype=np.float64),
        high=np.asarray(values[2], dtype=np.float64),
        n=counts,
        n_eff=np.asarray(n, dtype=np.float64),
        missing=np.asarray(rows).astype(np.int64) - counts,
        invalid=np.zeros(len(groups), np.int64),  # numbers: any off a scale raised
        non_answers=np.zeros(len(groups), np.int64),
        low_base=_low_base(counts, min_n),
    )
    return block


def _index_rows(
    frame: Any, spec: Index, keys: list[str], period: Period | None, time: str | None,
    confidence_level: float, min_n: int | None, time_zone: str = "UTC",
) -> list[_Block]:  # fmt: skip
    from ._items import item_scales, item_weights

    names = list(spec.items)
    scales = list(item_scales(names, spec.scale).values())
    _require_numbers(_from_native(frame), [spec.items[i] for i in names], [])
    for item, scale in zip(names, scales):
        tally_frame(frame, spec.items[item], scale=scale)  # validates every answer in the engine
    w = item_weights(names, spec.item_weights)
    groups, key_names, rows, n, (mean, cov) = _moments(
        frame, [spec.items[i] for i in names], keys, period, time, time_zone
    )
    worst = np.array([s.worst for s in scales], dtype=np.float64)
    best = np.array([s.best for s in scales], dtype=np.float64)
    pomp_mean, pomp_cov = _moment_stats.pomp_moments(mean, cov, worst, best)
    value, low, high = _moment_stats.composite_index(n, pomp_mean, pomp_cov, w, confidence_level)
    alpha, a_low, a_high, _ = _moment_stats.cronbach_alpha(n, pomp_cov, confidence_level)
    return [
        _moment_block(key_names, groups, label, values, n, rows, min_n)
        for label, values in (
            (spec.label, (value, low, high)),
            (f"alpha({spec.label})", (alpha, a_low, a_high)),
        )
    ]


def _driver_rows(
    frame: Any, spec: Drivers, keys: list[str], period: Period | None, time: str | None,
    confidence_level: float, min_n: int | None, time_zone: str = "UTC",
) -> list[_Block]:  # fmt: skip
    from ._items import item_scales

    names = list(spec.items)
    _require_numbers(_from_native(frame), [*spec.items.values(), spec.outcome], [])
    if spec.scale is not None:
        for item, scale in item_scales(names, spec.scale).items():
            tally_frame(frame, spec.items[item], scale=scale)
    if spec.outcome_scale is not None:
        tally_frame(frame, spec.outcome, scale=spec.outcome_scale)
    columns = [spec.items[i] for i in names] + [spec.outcome]
    groups, key_names, rows, n, (_, cov) = _moments(frame, columns, keys, period, time, time_zone)
    res = _moment_stats.drivers(n, cov, confidence_level)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = res["weight"] / res["r_squared"][:, None] * 100
    out: list[_Block] = []
    for j, item in enumerate(names):
        for label, values in (
            (f"r({item}, {spec.label})", (res["correlation"], res["low"], res["high"])),
            (f"weight({item}, {spec.label})", (share, None, None)),
        ):
            per_item = tuple(np.full(len(groups), np.nan) if v is None else v[:, j] for v in values)
            out.append(_moment_block(key_names, groups, label, per_item, n, rows, min_n))
    return out


def _spec_block(
    spec: MetricSpec,
    tally: GroupedTally,
    *,
    confidence_level: float,
    method: IntervalMethod | None,
    min_n: int | None,
) -> _Block:
    """summarize's rows of one spec, one per group of its tally, as columns."""
    if not tally.names and len(tally.groups) == 0:  # no rows at all: one row with n = 0
        tally = _empty_tally(tally.scale)
    estimate = spec.estimate(tally)
    ci = estimate.confidence_interval(confidence_level, method)
    n = np.asarray(tally.n, dtype=np.int64)
    block = _key_block(tally.names, tally.groups)
    block.update(
        metric=[spec.label] * len(tally.groups),
        value=np.asarray(estimate.value, dtype=np.float64),
        low=np.asarray(ci.low, dtype=np.float64),
        high=np.asarray(ci.high, dtype=np.float64),
        n=n,
        n_eff=np.asarray(tally.n_eff, dtype=np.float64),
        missing=np.asarray(tally.missing, dtype=np.int64),
        invalid=np.asarray(tally.invalid, dtype=np.int64),
        non_answers=np.asarray(tally.non_answers, dtype=np.int64),
        low_base=_low_base(n, min_n),
    )
    return block


_DEFF = "design_effect"


def _design_columns(
    cluster: str | None,
    strata: str | None,
    fpc: str | None,
    lonely_psu: str,
    frequencies: str | None,
) -> _DesignColumns | None:
    """The design's columns, or None without a design (refusing options that need one)."""
    for name, value in (("cluster", cluster), ("strata", strata), ("fpc", fpc)):
        if value is not None and not isinstance(value, str):
            raise OptionError(name, value, accepted="a column name")
    given = cluster is not None or strata is not None or fpc is not None
    lonely = _design.check_options(given, lonely_psu, frequencies is not None)
    if lonely is None:
        return None
    return _DesignColumns(cluster, strata, fpc, lonely)


def _design_effects(spec: MetricSpec, tally: GroupedTally) -> NDArray[np.float64]:
    """Each group's design effect (NaN where there is none to give)."""
    if len(tally.groups) == 0:
        return np.zeros(0)
    estimate = spec.estimate(tally)
    deff = getattr(estimate, "design_effect", None)
    if deff is None:
        return np.full(len(tally.groups), np.nan)
    return np.asarray(deff, dtype=np.float64)


def _aside_column(aside: dict[Hashable, int], groups: Sequence[Any]) -> NDArray[np.int64]:
    """The answers set aside in each group (0 where none were)."""
    return np.array([aside.get(group, 0) for group in groups], dtype=np.int64)


def _low_base(n: NDArray[np.int64], min_n: int | None) -> NDArray[np.bool_]:
    if min_n is None:
        return np.zeros(n.shape[0], dtype=bool)
    return np.asarray(n < min_n)


def _key_block(names: Sequence[str], groups: Sequence[Any]) -> _Block:
    """The segment columns of rows keyed by ``groups`` (tuples when several ``names``)."""
    if not names:
        return {}
    if len(names) == 1:
        return {names[0]: list(groups)}
    if not groups:
        return {name: [] for name in names}
    return {name: list(column) for name, column in zip(names, zip(*groups))}


def _empty_tally(scale: Scale) -> GroupedTally:
    """One group, ``()``, with no answers."""
    k = scale.n_points
    zeros = np.zeros((1, k))
    return GroupedTally(scale, [()], np.zeros((1, k), np.int64), zeros, zeros, [0])


def _columns(blocks: list[_Block], names: Sequence[str]) -> tuple[dict[str, Any], int]:
    """The blocks of rows stacked, as columns: ``names`` in that order, then any other
    column a block has (so that a column added to the rows is never dropped here); a
    column a block lacks is None in its rows. Returns the columns and the number of rows."""
    order = list(names)
    for block in blocks:
        order.extend(k for k in block if k not in order)
    lengths = [len(next(iter(block.values()), ())) for block in blocks]
    rows = sum(lengths)
    data: dict[str, Any] = {}
    for name in order:
        pieces = [block.get(name, [None] * length) for block, length in zip(blocks, lengths)]
        if rows and all(isinstance(piece, np.ndarray) for piece in pieces):
            data[name] = np.concatenate(pieces)
        else:
            data[name] = [v for piece in pieces for v in _as_list(piece)]
    return data, rows


def _as_list(piece: Any) -> list[Any]:
    return piece.tolist() if isinstance(piece, np.ndarray) else list(piece)


def summarize(
    frame: IntoFrame,
    specs: Spec | Sequence[Spec],
    *,
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    period: Period | None = None,
    time: str | None = None,
    confidence_level: float = 0.95,
    method: IntervalMethod | None = None,
    min_n: int | None = None,
    nan_policy: NanPolicy = "omit",
    invalid_policy: InvalidPolicy = "raise",
    time_zone: str = "UTC",
    frequencies: str | None = None,
    time_format: str | None = None,
    respondent: str | None = None,
    cluster: str | None = None,
    strata: str | None = None,
    fpc: str | None = None,
    lonely_psu: str = "fail",
) -> IntoDataFrame:
    """Every metric per group (and period) of any dataframe, with intervals.

    Parameters
    ----------
    frame : dataframe
        Any frame narwhals supports, eager or lazy.
    specs : MetricSpec, Index, Drivers, or a sequence of them
        For example ``[satisfy.NPS("ltr"), satisfy.CSAT("sat")]``.
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
    invalid_policy : {"raise", "omit"}
        ``"omit"`` leaves answers that are not on the scale out and counts them in
        ``missing`` and ``invalid``. Non-answer codes of the scale (``Scale(non_answers=
        ...)``) are never invalid: they are counted apart, in ``non_answers``.
    time_zone : str
        The zone whose calendar the periods follow (an IANA name, default ``"UTC"``):
        time-zone-aware timestamps are converted to it before the date is taken; naive
        timestamps and dates are taken as written. The same on every engine.
    frequencies : str, optional
        A column of counts (a count table): ``n`` is the sum of the counts and every
        value and interval is what the expanded rows give (with ``weights``, each row
        adds count times weight). Not for :class:`Index` or :class:`Drivers` yet.
    time_format : str, optional
        The strftime format of a ``time`` column of text; without it ISO 8601 and
        day-month-year dates are recognised from the values (see :func:`tally_frame`).
    respondent : str, optional
        A column of respondent ids: with ``time``, only each respondent's latest answer
        counts (rows without an id are kept); a respondent with two answers at the latest
        time is refused, naming the respondent. The output gains ``set_aside``, the
        answers of each group set aside as a respondent's earlier ones.
    cluster, strata, fpc : str, optional
        A survey design's columns: cluster (primary sampling unit) ids, such as a
        customer or account answering several times; stratum ids; each stratum's
        population count of clusters (or its sampling fraction). Every estimate's
        standard error and interval are then the design's (the ultimate-cluster
        linearised variance, with the design's degrees of freedom: R's ``svydesign``
        and ``svyby``, the groups being domains of one sample), from per-cluster sums the
        engine aggregates; the output gains ``design_effect``. See
        :meth:`satisfy.Tally.from_scores` for the conventions.
    lonely_psu : {"fail", "adjust", "certainty", "remove", "average"}
        What a stratum with a single cluster does to the variance (R's
        ``survey.lonely.psu``).

    Returns
    -------
    dataframe
        One row per group and metric: the ``by`` columns (and ``period``), ``metric``,
        ``value``, ``low``, ``high``, ``n``, ``n_eff``, ``missing``, ``invalid`` (how many
        of ``missing`` were answers not on the scale, left out), ``non_answers`` (answers
        that were a non-answer code of the scale) and ``low_base`` (and ``set_aside`` with
        ``respondent``). Eager
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
        For a weights column that is not numeric, or weights that are missing or negative;
        for counts (``frequencies``) that are not whole numbers >= 0.
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
    specs = _as_specs(specs)
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
        frequencies=frequencies,
        time_format=time_format,
        respondent=respondent,
    )
    design = _design_columns(cluster, strata, fpc, lonely_psu, frequencies)
    blocks: list[_Block] = []
    plain = [spec for spec in specs if not isinstance(spec, Index | Drivers)]
    aside: dict[Hashable, int] | None = {} if respondent is not None else None
    tallies = _spec_tallies(
        frame,
        plain,
        by=by,
        weights=weights,
        period=period,
        time=time,
        time_zone=time_zone,
        nan_policy=nan_policy,
        invalid_policy=invalid_policy,
        by_class=True,
        frequencies=frequencies,
        time_format=time_format,
        respondent=respondent,
        set_aside=aside,
        design=design,
    )  # one aggregation for every metric spec
    for spec in specs:
        if isinstance(spec, Index | Drivers):
            given = [
                name
                for name, value in (
                    ("weights", weights),
                    ("frequencies", frequencies),
                    ("respondent", respondent),
                    ("cluster", cluster),
                    ("strata", strata),
                    ("fpc", fpc),
                )
                if value is not None
            ]
            if given:
                raise SatisfyError(
                    f"{spec!r} does not take {given[0]}= in summarize yet; leave it out for it"
                )
            _p.check_period(period, time)
            keys = _as_names(by)
            if isinstance(spec, Index):
                blocks += _index_rows(
                    frame, spec, keys, period, time, confidence_level, min_n, time_zone
                )
            else:
                blocks += _driver_rows(
                    frame, spec, keys, period, time, confidence_level, min_n, time_zone
                )
            continue
        tally = tallies[plain.index(spec)]
        block = _spec_block(
            spec, tally, confidence_level=confidence_level, method=method, min_n=min_n
        )
        if aside is not None:
            block[_SET_ASIDE] = _aside_column(aside, tally.groups)
        if design is not None:
            block[_DEFF] = _design_effects(spec, tally)
        blocks.append(block)
    names = ([PERIOD] if period is not None else []) + list(_SUMMARY_COLUMNS)
    if design is not None:
        names.insert(names.index("n_eff") + 1, _DEFF)
    if aside is not None:
        names.append(_SET_ASIDE)
    return _output(frame, blocks, keys, names)


def trend(
    frame: IntoFrame,
    spec: MetricSpec,
    *,
    time: str,
    period: Period = "month",
    by: str | Sequence[str] | None = None,
    weights: str | None = None,
    window: int = 1,
    confidence_level: float = 0.95,
    method: IntervalMethod | None = None,
    adjust: Adjustment = "holm",
    min_n: int | None = None,
    nan_policy: NanPolicy = "omit",
    invalid_policy: InvalidPolicy = "raise",
    time_zone: str = "UTC",
    frequencies: str | None = None,
    time_format: str | None = None,
    respondent: str | None = None,
    cluster: str | None = None,
    strata: str | None = None,
    fpc: str | None = None,
    lonely_psu: str = "fail",
) -> IntoDataFrame:
    """A metric per calendar period (optionally per segment), with the change from the
    previous period, its test, and multiplicity-adjusted p-values.

    Parameters
    ----------
    frame : dataframe
    spec : MetricSpec
        The metric, such as ``satisfy.NPS("ltr")``.
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
    nan_policy : {"omit", "raise"}
        As for :func:`summarize`: ``"omit"`` leaves missing answers out (counted in
        ``missing`` of the tallies), ``"raise"`` refuses them.
    invalid_policy : {"raise", "omit"}
        ``"omit"`` leaves answers that are not on the scale out (counted in ``invalid``).
    time_zone : str
        The zone whose calendar the periods follow (an IANA name, default ``"UTC"``):
        time-zone-aware timestamps are converted to it before the date is taken (an
        answer at 23:30 UTC on 31 March belongs to April in ``"Europe/Copenhagen"``);
        naive timestamps and dates are taken as written. The same on every engine.
    frequencies, time_format, respondent : optional
        As for :func:`summarize`; with ``respondent`` the rows gain ``set_aside``, the
        answers of the row's own period set aside as a respondent's earlier ones.
    cluster, strata, fpc, lonely_psu : optional
        A survey design, as for :func:`summarize`: the periods (and segments) are domains
        of one design (R's ``svyby``), each value's se and interval are the design's, and
        each change's variance counts the covariance of consecutive periods whose
        clusters (customers) answer in both (R's ``svycontrast`` of ``svyby(covmat =
        TRUE)``), with a t interval and test on the degrees of freedom of the two periods
        together (method ``"wald"``); the rows gain ``design_effect``. Needs
        ``window=1``: trailing windows would count a cluster's answers in several windows.

    Returns
    -------
    dataframe
        One row per segment and period, from each segment's first period to its last
        (empty periods inside the range are included), segments in the sorted order of
        their keys as in :func:`summarize`:
        the ``by`` columns, ``period``, ``metric``, ``value``, ``low``, ``high``, ``n``,
        ``n_eff``, ``invalid``, ``non_answers`` (in the window, as for :func:`summarize`),
        ``low_base``, ``change`` (from the previous period), ``change_low``,
        ``change_high``, ``pvalue``, ``pvalue_adjusted`` and ``significant`` (adjusted p
        below ``1 - confidence_level``): the columns of :func:`satisfy.trailing` and
        :func:`satisfy.period_changes`, which compute them from the per-period tallies.
        Same output libraries as :func:`summarize`. A frame
        without rows, or without a single timestamp, gives no rows but every column.

    Raises
    ------
    ColumnError
        As :func:`summarize`; also for a ``time`` column that holds neither dates,
        timestamps nor text in a date format (see :func:`tally_frame`).

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
    specs = _as_specs(spec, single_only=True)
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
        frequencies=frequencies,
        time_format=time_format,
        respondent=respondent,
    )
    if not _is_count(window, minimum=1):
        raise SatisfyError(f"window must be a whole number of periods >= 1, got {window!r}")
    if adjust not in _mult.ADJUSTMENTS:
        raise OptionError("adjust", adjust, _mult.ADJUSTMENTS)
    design = _design_columns(cluster, strata, fpc, lonely_psu, frequencies)
    if design is not None and window != 1:
        raise DesignError(
            f"trend with a survey design (cluster=, strata=, fpc=) takes window=1, not "
            f"{window!r}: a trailing window counts a cluster's answers in several windows, "
            "whose design sums do not add; give window=1, or summarize each window's "
            "answers with the design"
        )
    aside: dict[Hashable, int] | None = {} if respondent is not None else None
    tally = _spec_tallies(
        frame,
        [spec],
        by=by,
        weights=weights,
        period=period,
        time=time,
        time_zone=time_zone,
        nan_policy=nan_policy,
        invalid_policy=invalid_policy,
        frequencies=frequencies,
        time_format=time_format,
        respondent=respondent,
        set_aside=aside,
        design=design,
    )[0]
    whole_key = len(tally.names) == 1  # no segments: the key is the period itself
    keyed: Sequence[Any] = tally.groups
    timed = np.array([(key if whole_key else key[-1]) is not None for key in keyed], dtype=bool)
    names = list(_TREND_COLUMNS)
    if design is not None:
        names.insert(names.index("n_eff") + 1, _DEFF)
    if aside is not None:
        names.append(_SET_ASIDE)
    blocks: list[dict[str, Any]] = []
    if timed.any():
        dated = tally if timed.all() else _tally_rows(tally, np.flatnonzero(timed))
        windows = _trailing(dated, window, period)
        estimate = spec.estimate(windows)
        assert isinstance(estimate, GroupedEstimate)  # a grouped tally gives grouped estimates
        changes = period_changes(
            estimate, period=period, confidence_level=confidence_level, adjust=adjust
        )
        block = _trend_block(windows, estimate, spec.label, confidence_level, method, min_n)
        block.update(
            change=changes.difference,
            change_low=changes.low,
            change_high=changes.high,
            pvalue=changes.pvalue,
            pvalue_adjusted=changes.pvalue_adjusted,
            significant=changes.significant(),
        )
        if aside is not None:  # per period: the answers of that period set aside
            block[_SET_ASIDE] = _aside_column(aside, windows.groups)
        if design is not None:
            block[_DEFF] = _design_effects(spec, windows)
        blocks.append(block)
    if not timed.all():
        # Answers without a time belong to no period: they are not dropped silently but
        # shown as the period None (as summarize shows them), with no window or change.
        undated = _tally_rows(tally, np.flatnonzero(~timed))
        estimate = spec.estimate(undated)
        assert isinstance(estimate, GroupedEstimate)
        block = _trend_block(undated, estimate, spec.label, confidence_level, method, min_n)
        empty = np.full(len(undated.groups), np.nan)
        block.update(
            change=empty,
            change_low=empty,
            change_high=empty,
            pvalue=empty,
            pvalue_adjusted=empty,
            significant=np.zeros(len(undated.groups), dtype=bool),
        )
        if aside is not None:
            block[_SET_ASIDE] = _aside_column(aside, undated.groups)
        if design is not None:
            block[_DEFF] = _design_effects(spec, undated)
        blocks.append(block)
    return _output(frame, blocks, keys, names)


def _trailing(tally: GroupedTally, window: int, period: Period) -> GroupedTally:
    """:func:`satisfy.trailing` of the per-period tally; with a design (window 1), the
    periods' design sums placed at their rows, the empty periods inside the range with
    none."""
    design = tally.design
    if design is None:
        return trailing(tally, window=window, period=period)
    plain = _tally_rows(tally, np.arange(len(tally.groups)), design=False)
    windows = trailing(plain, window=1, period=period)
    where = {key: i for i, key in enumerate(windows.groups)}  # once per group, not per row
    positions = np.array([where[key] for key in tally.groups], dtype=np.intp)
    object.__setattr__(windows, "design", design.place(positions, len(windows.groups)))
    return windows


def _tally_rows(
    tally: GroupedTally, rows: NDArray[np.intp], *, design: bool = True
) -> GroupedTally:
    """The groups ``rows`` of a grouped tally, with its design's sums for them (unless
    ``design`` is False)."""
    out = GroupedTally(
        tally.scale,
        [tally.groups[i] for i in rows.tolist()],
        tally.counts[rows],
        tally.weight_sums[rows],
        tally.weight_sq_sums[rows],
        tally.missing[rows],
        tally.names,
        non_answers=tally.non_answers[rows],
        invalid=tally.invalid[rows],
    )
    if design and tally.design is not None:  # the groups as domains of the same design
        object.__setattr__(out, "design", tally.design.take(rows))
    return out


def _trend_block(
    tally: GroupedTally,
    estimate: GroupedEstimate,
    label: str,
    confidence_level: float,
    method: IntervalMethod | None,
    min_n: int | None,
) -> dict[str, Any]:
    """The columns of trend's output up to ``low_base``, for the groups of ``tally``."""
    ci = estimate.confidence_interval(confidence_level, method)
    total = len(tally.groups)
    n = np.asarray(tally.n, dtype=np.int64)
    block = _key_block(tally.names, tally.groups)
    block.update(
        metric=[label] * total,
        value=np.asarray(estimate.value, dtype=np.float64),
        low=np.asarray(ci.low, dtype=np.float64),
        high=np.asarray(ci.high, dtype=np.float64),
        n=n,
        n_eff=np.asarray(tally.n_eff, dtype=np.float64),
        invalid=np.asarray(tally.invalid, dtype=np.int64),
        non_answers=np.asarray(tally.non_answers, dtype=np.int64),
        low_base=_low_base(n, min_n),
    )
    return block
