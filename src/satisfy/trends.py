"""Trends on tallies: trailing windows and period-over-period changes, without a dataframe.

A trend starts from a :class:`~satisfy.GroupedTally` whose groups are ``(segment..., period)``
keys (or plain period keys, for one series): one tally per segment and period, as
``GroupedTally.from_scores(scores, by={"store": ..., "month": ...})``, a stream or an engine
builds them. Two functions work on it, vectorised over every segment and period at once:

- :func:`trailing` merges each period's tally with those of the periods before it (a
  trailing window) and fills the periods inside each segment's range that have no answers;
- :func:`period_changes` compares each period's estimate with the previous period's, with
  the metric's default two-sample test and interval, and adjusts the p-values for
  multiplicity across the whole family.

Periods are whole numbers (consecutive periods differ by one) or, with ``period=``, the
first day of calendar periods (``datetime.date``; weeks start on Monday), as
:func:`satisfy.trend` and :func:`satisfy.summarize` write them.
"""

from __future__ import annotations

import datetime as _dt
import operator
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _results
from ._calendar import number_and_start, start_days
from ._contrast import make_side, resolve_method, stored_or_again, two_sample
from ._definition import METHOD_NAMES, TWO_SAMPLE_METHODS
from ._stats import design as _stats_design
from ._stats import multiplicity as _mult
from ._stats._common import check_confidence_level
from ._types import PERIODS, Adjustment, Period, TwoSampleMethod
from .errors import DesignError, OptionError, SatisfyError
from .estimate import DEFAULT_SEED, ConfidenceInterval, GroupedEstimate
from .tally import GroupedTally

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = ["PeriodChanges", "period_changes", "trailing"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

_EPOCH = _dt.date(1970, 1, 1).toordinal()
#: Two-sample methods that resample: not offered here (they would draw for every period).
_RESAMPLING = ("bootstrap", "bayes")


# -- the period axis -----------------------------------------------------------------------


def _check_period(period: object) -> Period | None:
    if period is None:
        return None
    for choice in PERIODS:
        if period == choice:
            return choice
    raise OptionError("period", period, PERIODS)


def _object_array(values: Sequence[Any]) -> NDArray[Any]:
    """A 1-D object array holding the values as they are (tuples stay whole)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _period_numbers(
    periods: Sequence[Any], period: Period | None, groups: Sequence[Any]
) -> IntArray:
    """Each period key as a whole number on one axis, consecutive periods one apart.

    Whole numbers are taken as they are; dates (``period`` given) must be the first day
    of their period: day numbers since 1970-01-01, weeks (Monday to Sunday), months,
    quarters or years since 1970.
    """
    kinds = set(map(type, periods))
    if period is None:
        arr = np.asarray(periods) if periods else np.zeros(0, np.int64)
        if arr.ndim != 1 or arr.dtype.kind not in "iu":
            bad = next(
                (i for i, p in enumerate(periods) if not _is_whole(p)), 0
            )  # one pass over the keys, only to name the first bad one
            raise SatisfyError(
                f"{_where(groups, periods, bad)}the period {periods[bad]!r} is not a whole number; "
                "without period= the periods are numbered (consecutive periods one apart); "
                "for dates give period='day', 'week', 'month', 'quarter' or 'year'"
            )
        return arr.astype(np.int64)
    if not all(issubclass(kind, _dt.date) and not issubclass(kind, _dt.datetime) for kind in kinds):
        bad = next(
            i
            for i, p in enumerate(periods)
            if not isinstance(p, _dt.date) or isinstance(p, _dt.datetime)
        )
        raise SatisfyError(
            f"{_where(groups, periods, bad)}the period {periods[bad]!r} is not a date; with "
            f"period={period!r} each period is the datetime.date of its first day "
            "(give numbered periods with period=None)"
        )
    # days since 1970-01-01 (day 719163 of the proleptic Gregorian calendar)
    ordinals = np.fromiter(map(_dt.date.toordinal, periods), dtype=np.int64, count=len(periods))
    days = (ordinals - _EPOCH).astype("datetime64[D]")
    number, start = number_and_start(days, period)
    wrong = np.flatnonzero(start != days)
    if wrong.shape[0]:
        i = int(wrong[0])
        first = "a Monday" if period == "week" else f"the first day of its {period}"
        raise SatisfyError(
            f"{_where(groups, periods, i)}the period {periods[i]} is not {first}; each period "
            f"is the date its {period} starts on ({start[i].item()} here)"
        )
    return number


def _where(groups: Sequence[Any], periods: Sequence[Any], i: int) -> str:
    """Which group a message is about, when the key is more than its period."""
    return "" if groups[i] is periods[i] else f"group {groups[i]!r}: "


def _is_whole(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


@attrs.frozen
class _Axis:
    """A grouped tally's groups read as segments and numbered periods."""

    segments: list[Hashable]  # distinct segment keys (tuples), in order of first appearance
    codes: NDArray[np.intp]  # each group's segment
    numbers: IntArray  # each group's period number
    tupled: bool  # whether the keys are tuples (segment..., period)
    single: bool  # whether they are (segment, period) pairs: segments are not tuples


def _axis(groups: Sequence[Hashable], period: Period | None) -> _Axis:
    """Split the group keys into segments and numbered periods (the period is the last
    part of a tuple key; a key that is not a tuple is a period of the one series)."""
    kinds = set(map(type, groups))
    tupled = bool(groups) and all(issubclass(kind, tuple) for kind in kinds)
    keyed: Sequence[Any] = groups
    single = False
    segs: list[Any]
    if tupled:
        widths = set(map(len, keyed))
        if 0 in widths:
            raise SatisfyError(
                "a group key () has no period; the keys must be (segment..., period) tuples"
            )
        single = widths == {2}  # one segment column: its values are the segments
        part = operator.itemgetter(0) if single else operator.itemgetter(slice(0, -1))
        segs = list(map(part, keyed))
        periods = list(map(operator.itemgetter(-1), keyed))
    elif any(issubclass(kind, tuple) for kind in kinds):
        raise SatisfyError(
            "the group keys mix tuples and single values; give (segment..., period) tuples "
            "throughout, or periods alone for one series"
        )
    else:
        segs = [()] * len(groups)
        periods = list(groups)
    if None in periods:
        i = periods.index(None)
        raise SatisfyError(
            f"group {groups[i]!r} has no period (None); leave out the answers without a "
            "time, or give them a period"
        )
    numbers = _period_numbers(periods, period, groups)
    index = dict(zip(dict.fromkeys(segs), range(len(groups))))
    codes = np.fromiter(map(index.__getitem__, segs), dtype=np.intp, count=len(segs))
    return _Axis(list(index), codes, numbers, tupled, single)


@attrs.frozen
class _Layout:
    """Every segment's periods from its first to its last, as rows: segment after segment."""

    first: IntArray  # each segment's first period number
    length: IntArray  # each segment's number of periods
    start: IntArray  # each segment's first row
    rows: NDArray[np.intp]  # each group's row

    @property
    def total(self) -> int:
        return int(self.length.sum())


def _layout(axis: _Axis) -> _Layout:
    s = len(axis.segments)
    first = np.full(s, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(s, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(first, axis.codes, axis.numbers)
    np.maximum.at(last, axis.codes, axis.numbers)
    length = last - first + 1
    start = np.cumsum(length) - length
    rows = (start[axis.codes] + axis.numbers - first[axis.codes]).astype(np.intp)
    return _Layout(first, length, start, rows)


def _row_keys(
    axis: _Axis, layout: _Layout, numbers: IntArray, period: Period | None
) -> list[Hashable]:
    """The key of every row: the segment's parts, then the period (a date or a number)."""
    if period is None:
        shown: list[Any] = numbers.tolist()
    else:
        shown = start_days(numbers, period).astype(object).tolist()  # datetime.date
    if not axis.tupled:
        return shown
    segments = np.repeat(_object_array(axis.segments), layout.length).tolist()
    if axis.single:
        return list(zip(segments, shown))
    return list(map(operator.add, segments, zip(shown)))


def _windowed_ints(dense: IntArray, window: int, lo: NDArray[np.intp]) -> IntArray:
    """Sums of the rows ``lo[r]..r`` of whole numbers, from one cumulative sum (exact: int64
    wraps around and the differences come back right whenever the sum itself fits)."""
    cum = np.zeros((dense.shape[0] + 1, *dense.shape[1:]), dtype=np.int64)
    np.cumsum(dense, axis=0, out=cum[1:])
    return np.asarray(cum[1:] - cum[lo], dtype=np.int64)


def _windowed_floats(dense: FloatArray, span: int, position: IntArray) -> FloatArray:
    """Sums of each row and the ``span - 1`` rows before it in its segment, added in that
    order (the current period first). Float sums are not taken from a cumulative sum: its
    differences cancel, and a window of small weights after large ones would lose digits."""
    out = dense.copy()
    for j in range(1, span):  # the window's length, not the periods
        inside = (position[j:] >= j)[:, None]
        out[j:] += np.where(inside, dense[:-j], 0.0)
    return np.asarray(out, dtype=np.float64)


def trailing(tally: GroupedTally, *, window: int, period: Period | None = None) -> GroupedTally:
    """Merge each period's tally with those of the periods before it: trailing windows.

    Parameters
    ----------
    tally : GroupedTally
        One tally per segment and period: keys ``(segment..., period)`` (or the periods
        alone, for one series), the period last.
    window : int
        Periods per window (at least 1): 3 with months gives each month the answers of
        that month and the two before it. 1 only fills the empty periods.
    period : {"day", "week", "month", "quarter", "year"}, optional
        The calendar of date periods: each key's period is then the ``datetime.date`` of
        the period's first day (weeks start on Monday). None (default): periods are whole
        numbers, consecutive periods one apart (a month index, a wave number).

    Returns
    -------
    GroupedTally
        One group per segment and period from the segment's first period to its last,
        periods without answers included (with the earlier periods of their window, or
        empty): segments in the order they first appear, periods ascending. The keys and
        ``names`` are the input's; ``missing`` is summed over the window too.

    Raises
    ------
    SatisfyError
        For a ``window`` that is not a whole number >= 1, a period that is not a whole
        number (``period=None``) or not the first day of its period (naming the group),
        or a group whose period is None.
    OptionError
        For a ``period`` not in the list.

    Notes
    -----
    One pass over the ``R x K`` rows (R segments times periods, K points), for all
    segments at once: counts (and unweighted sums) are differences of cumulative sums;
    weighted sums are added over the window's length in the order of the periods (no
    differences of large sums, so small windows after large ones keep every digit).
    Output and memory are ``O(R K)``.

    Examples
    --------
    >>> import datetime as dt
    >>> import satisfy
    >>> jan, feb, apr = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 4, 1)
    >>> monthly = satisfy.GroupedTally.from_scores(
    ...     [10, 9, 3, 8, 10, 6, 9],
    ...     by={"store": ["a", "a", "a", "a", "b", "b", "b"],
    ...         "month": [jan, jan, feb, apr, jan, feb, feb]},
    ...     scale="NPS")
    >>> windows = satisfy.trailing(monthly, window=2, period="month")
    >>> [(store, month.isoformat()) for store, month in windows.groups][:4]
    [('a', '2026-01-01'), ('a', '2026-02-01'), ('a', '2026-03-01'), ('a', '2026-04-01')]
    >>> windows.n.tolist()
    [2, 3, 1, 1, 1, 3]
    >>> satisfy.nps(windows).value.round(1).tolist()
    [100.0, 33.3, -100.0, 0.0, 100.0, 33.3]
    """
    if not isinstance(tally, GroupedTally):
        raise SatisfyError(f"trailing needs a GroupedTally, got {type(tally).__name__}")
    if tally.design is not None:
        raise DesignError(
            "trailing windows of tallies with a survey design would drop the design (its "
            "per-cluster sums do not add over periods); tally each window's answers instead"
        )
    if not _is_whole(window) or window < 1:
        raise SatisfyError(f"window must be a whole number of periods >= 1, got {window!r}")
    period = _check_period(period)
    axis = _axis(tally.groups, period)
    layout = _layout(axis)
    r, k = layout.total, tally.scale.n_points
    segment_start = np.repeat(layout.start, layout.length)
    position = np.arange(r, dtype=np.int64) - segment_start
    lo = np.maximum(np.arange(r, dtype=np.intp) + 1 - int(window), segment_start).astype(np.intp)
    counts = np.zeros((r, k), dtype=np.int64)
    counts[layout.rows] = tally.counts
    missing = np.zeros(r, dtype=np.int64)
    missing[layout.rows] = tally.missing
    counts_w = _windowed_ints(counts, window, lo)
    missing_w = _windowed_ints(missing, window, lo)
    left_out = {}  # non-answers and invalid answers left out, windowed as missing is
    for name in ("non_answers", "invalid"):
        per_row = np.zeros(r, dtype=np.int64)
        per_row[layout.rows] = getattr(tally, name)
        left_out[name] = _windowed_ints(per_row, window, lo)
    if tally.is_weighted:
        span = int(min(window, int(layout.length.max()) if r else 1))
        wsum = np.zeros((r, k))
        wsq = np.zeros((r, k))
        wsum[layout.rows] = tally.weight_sums
        wsq[layout.rows] = tally.weight_sq_sums
        wsum_w = _windowed_floats(wsum, span, position)
        wsq_w = _windowed_floats(wsq, span, position)
    else:  # weights of 1: the sums are the counts
        wsum_w = counts_w.astype(np.float64)
        wsq_w = wsum_w
    numbers = np.repeat(layout.first, layout.length) + position
    keys = _row_keys(axis, layout, numbers, period)
    return GroupedTally(
        tally.scale, keys, counts_w, wsum_w, wsq_w, missing_w, tally.names, **left_out
    )


# -- period over period --------------------------------------------------------------------


def _fmt(x: float) -> str:
    return "nan" if not np.isfinite(x) else f"{x:.3g}"


@attrs.frozen(repr=False, eq=False)
class PeriodChanges:
    """Each period's change from the previous period of its segment, with its test.

    Arrays run over the groups of the estimate compared (same order); a group without a
    previous period with answers (the first period, or one after an empty period), or
    itself without answers, has NaN throughout and ``previous`` None (answers whose
    weights sum to zero count as none: their metric is undefined).

    Attributes
    ----------
    metric : str
    groups : tuple
        The estimate's group keys.
    previous : tuple
        The key each group is compared with (None where there is none).
    difference, low, high : numpy.ndarray
        The change (this period minus the previous one, in the metric's unit: NPS points,
        percentage points, scale units) and its interval (not adjusted).
    statistic, pvalue, pvalue_adjusted : numpy.ndarray
        The test of no change; ``pvalue_adjusted`` controls the whole family (every
        segment and period) by ``adjust``.
    method, adjust : str
    confidence_level : float
    se : numpy.ndarray or None
        Under a survey design (periods as domains of one design), each change's design
        standard error, with the covariance of periods whose clusters answer in both
        (None without a design).
    df : numpy.ndarray or None
        Under a survey design, the degrees of freedom of each change's t interval and test
        (None without a design).

    Examples
    --------
    >>> import satisfy
    >>> g = satisfy.GroupedTally.from_scores([5, 5, 4, 1, 2, 1, 5, 2], by=[1, 1, 1, 1, 2, 2, 2, 2],
    ...                                      scale="CSAT5")
    >>> changes = satisfy.period_changes(satisfy.csat(g))
    >>> changes.difference.tolist(), changes.previous
    ([nan, -50.0], (None, 1))
    >>> changes
    PeriodChanges(CSAT: 1 changes, 95% CI, Newcombe hybrid score, holm-adjusted: 0 significant)
    """

    metric: str
    groups: tuple[Hashable, ...]
    previous: tuple[Hashable, ...]
    difference: FloatArray
    low: FloatArray
    high: FloatArray
    statistic: FloatArray
    pvalue: FloatArray
    pvalue_adjusted: FloatArray
    method: str
    adjust: str
    confidence_level: float
    _again: _ChangesAgain | None = attrs.field(default=None, repr=False)
    se: FloatArray | None = attrs.field(default=None, kw_only=True)
    df: FloatArray | None = attrs.field(default=None, kw_only=True)

    def __len__(self) -> int:
        return len(self.groups)

    def confidence_interval(
        self,
        confidence_level: float | None = None,
        method: TwoSampleMethod | None = None,
    ) -> ConfidenceInterval:
        """The (unadjusted) intervals of the changes, arrays over the groups (NaN where
        there is no change), at the level and by the method of these changes unless others
        are asked (then :func:`period_changes` is computed again from the same estimates).

        Parameters
        ----------
        confidence_level : float, optional
            Between 0 and 1; the changes' own level by default.
        method : str, optional
            One of the metric's two-sample methods that :func:`period_changes` offers.

        Raises
        ------
        OptionError
            For a level outside (0, 1), or a method that is not offered for this metric.
        MethodError
            For a method that cannot honour the survey weights of the estimates.

        Examples
        --------
        >>> import satisfy
        >>> g = satisfy.GroupedTally.from_scores([5, 5, 4, 1, 2, 1, 5, 2],
        ...                                      by=[1, 1, 1, 1, 2, 2, 2, 2], scale="CSAT5")
        >>> changes = satisfy.period_changes(satisfy.csat(g))
        >>> ci = changes.confidence_interval()
        >>> ci.low.round(1).tolist(), ci.confidence_level, ci.method
        ([nan, -78.9], 0.95, 'newcombe')
        >>> ci = changes.confidence_interval(0.8, method="wald")
        >>> ci.low.round(1).tolist(), ci.confidence_level, ci.method
        ([nan, -89.2], 0.8, 'wald')
        """
        return stored_or_again(self, self._again, confidence_level, method, "period_changes")

    def significant(self, alpha: float | None = None) -> NDArray[np.bool_]:
        """Which changes have an adjusted p-value below ``alpha`` (default ``1 -
        confidence_level``); False where there is no change."""
        level: object = 1 - self.confidence_level if alpha is None else alpha
        if not (isinstance(level, float | int) and 0 < level <= 1):
            raise OptionError("alpha", alpha, accepted="a significance level in (0, 1]")
        with np.errstate(invalid="ignore"):
            return np.asarray(self.pvalue_adjusted < level)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per group.

        Examples
        --------
        >>> import satisfy
        >>> g = satisfy.GroupedTally.from_scores([5, 5, 4, 1, 2, 1, 5, 2],
        ...                                      by=[1, 1, 1, 1, 2, 2, 2, 2], scale="CSAT5")
        >>> row = satisfy.period_changes(satisfy.csat(g)).to_records()[1]
        >>> row["group"], row["previous"], row["difference"], row["method"], row["adjust"]
        (2, 1, -50.0, 'newcombe', 'holm')
        """
        columns = {name: getattr(self, name).tolist() for name in ("difference", "low", "high")}
        tests = {
            name: getattr(self, name).tolist()
            for name in ("statistic", "pvalue", "pvalue_adjusted")
        }
        return [
            {
                "group": key,
                "previous": before,
                **{k: v[i] for k, v in columns.items()},
                "confidence_level": self.confidence_level,
                "method": self.method,
                **{k: v[i] for k, v in tests.items()},
                "adjust": self.adjust,
            }
            for i, (key, before) in enumerate(zip(self.groups, self.previous))
        ]

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_records` as a dataframe of ``backend`` ("pandas", "polars", "pyarrow"
        or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> g = satisfy.GroupedTally.from_scores([5, 5, 4, 1, 2, 1, 5, 2],
        ...                                      by=[1, 1, 1, 1, 2, 2, 2, 2], scale="CSAT5")
        >>> satisfy.period_changes(satisfy.csat(g)).to_frame(backend="polars")["group"].to_list()
        [1, 2]
        """
        columns = "group previous difference low high confidence_level method statistic"
        columns += " pvalue pvalue_adjusted adjust"
        return _results.to_frame(self.to_records(), backend, columns.split())

    def __repr__(self) -> str:
        tested = int(np.count_nonzero(~np.isnan(self.pvalue)))
        name = {**METHOD_NAMES, **_results.COMPARISON_METHOD_NAMES}.get(self.method, self.method)
        return (
            f"PeriodChanges({self.metric}: {tested} changes, "
            f"{_results.format_level(self.confidence_level)} CI, {name}, "
            f"{self.adjust}-adjusted: {int(self.significant().sum())} significant)"
        )


@attrs.frozen
class _ChangesAgain:
    """How to recompute :func:`period_changes` at another level or by another method: its
    arguments, stored as data (a closure would make the result unpicklable)."""

    estimates: GroupedEstimate
    period: Any
    adjust: Any
    method: Any

    def __call__(self, confidence_level: float, method: Any = None) -> PeriodChanges:
        return period_changes(
            self.estimates,
            period=self.period,
            confidence_level=confidence_level,
            method=self.method if method is None else method,
            adjust=self.adjust,
        )


def _previous(axis: _Axis, weight: FloatArray) -> NDArray[np.intp]:
    """For each group, the group of the same segment and the period before it when both
    have answers (of some weight); -1 otherwise."""
    g = axis.codes.shape[0]
    order = np.lexsort((axis.numbers, axis.codes))
    before = np.full(g, -1, dtype=np.intp)
    if g < 2:
        return before
    cur, prev = order[1:], order[:-1]
    follows = (axis.codes[cur] == axis.codes[prev]) & (axis.numbers[cur] - axis.numbers[prev] == 1)
    follows &= (weight[cur] > 0) & (weight[prev] > 0)
    before[cur[follows]] = prev[follows]
    return before


def period_changes(
    estimates: GroupedEstimate,
    *,
    period: Period | None = None,
    confidence_level: float = 0.95,
    method: TwoSampleMethod | None = None,
    adjust: Adjustment = "holm",
) -> PeriodChanges:
    """Each period's change from the previous period of its segment, tested, with the
    p-values adjusted across every segment and period.

    Parameters
    ----------
    estimates : GroupedEstimate
        A metric per segment and period, as a calculator gives it for a grouped tally
        such as :func:`trailing` returns (keys ``(segment..., period)``, or periods alone).
    period : {"day", "week", "month", "quarter", "year"}, optional
        As for :func:`trailing`: the calendar of date periods, or None for numbered ones.
    confidence_level : float
        For the intervals of the changes; ``significant()`` uses ``1 - confidence_level``.
    method : str, optional
        The two-sample method, as for :func:`satisfy.compare` (its default when omitted:
        adjusted Wald for NPS, Newcombe's interval with the pooled score test for shares,
        Welch for means). The resampling methods are not offered here.
    adjust : {"holm", "bonferroni", "bh", "by", "none"}
        Multiplicity adjustment across all the changes together.

    Returns
    -------
    PeriodChanges
        Aligned with ``estimates.groups``. The previous period is the one just before on
        the calendar (or the number before): when it is not among the groups, or it or
        the period itself has no answers, there is no change (NaN). Windows from
        :func:`trailing` overlap, so consecutive changes of trailing windows are not
        independent tests.

    Raises
    ------
    SatisfyError
        As :func:`trailing`, for periods that are not numbers or first days.
    OptionError, MethodError
        For a ``method`` or ``adjust`` not in the lists, or a method that cannot take
        weights.

    Notes
    -----
    Every change is computed in one vectorised pass of the two-sample engine over all the
    pairs (this period, previous period), as :func:`satisfy.compare` computes one pair.

    With a survey design (a tally with ``cluster=``, ``strata=``, ``fpc=``) the periods are
    domains of one design: each change's variance is ``Var(now) + Var(before) - 2 Cov``,
    the covariance from the clusters (customers) answering in both periods (R's
    ``svycontrast`` of ``svyby(covmat = TRUE)``), with Student's t on the degrees of
    freedom of the two periods together; the only method is ``"wald"``, and ``se`` and
    ``df`` hold each change's.

    Examples
    --------
    >>> import satisfy
    >>> monthly = satisfy.GroupedTally.from_scores(
    ...     [10, 9, 9, 3, 10, 2, 3, 1, 7],
    ...     by={"store": ["a"] * 6 + ["b"] * 3, "month": [0, 0, 0, 0, 1, 1, 0, 1, 1]},
    ...     scale="NPS")
    >>> changes = satisfy.period_changes(satisfy.nps(monthly))
    >>> changes.previous
    (None, ('a', 0), None, ('b', 0))
    >>> changes.difference.round(1).tolist(), changes.pvalue_adjusted.round(3).tolist()
    ([nan, -50.0, nan, 50.0], [nan, 1.0, nan, 1.0])
    """
    if not isinstance(estimates, GroupedEstimate):
        raise SatisfyError(
            "period_changes needs a GroupedEstimate (a metric of a grouped tally, such as "
            f"satisfy.nps(satisfy.trailing(tally, window=3))), got {type(estimates).__name__}"
        )
    check_confidence_level(confidence_level)
    if adjust not in _mult.ADJUSTMENTS:
        raise OptionError("adjust", adjust, _mult.ADJUSTMENTS)
    again = _ChangesAgain(estimates, period, adjust, method)
    period = _check_period(period)
    defn = estimates.definition
    tally = estimates.tally
    weighted = bool(tally.is_weighted)
    design = tally.design
    analytic = tuple(m for m in TWO_SAMPLE_METHODS[defn.kind] if m not in _RESAMPLING)
    if design is not None:
        chosen = _stats_design.check_design_method(method, "period_changes")
    elif method in _RESAMPLING:
        raise OptionError("method", method, analytic)
    else:
        chosen = resolve_method(defn.kind, TWO_SAMPLE_METHODS, method, weighted)
    axis = _axis(tally.groups, period)
    before = _previous(axis, tally.total_weight)
    g = len(tally.groups)
    out = {
        name: np.full(g, np.nan) for name in ("difference", "low", "high", "statistic", "se", "df")
    }
    pvalue = np.full(g, np.nan)
    cur = np.flatnonzero(before >= 0)
    if cur.shape[0] and design is not None:
        # periods are domains of one design: a cluster answering in both periods makes
        # them covary (R's svyby(covmat = TRUE) and svycontrast)
        coef = np.asarray(defn.coefficients, dtype=np.float64)
        wsum = np.asarray(tally.weight_sums, dtype=np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = wsum @ coef / wsum.sum(axis=1)
        u = design.influence(coef, value)
        prev = before[cur]
        variance, df = design.contrast(u, cur, prev)
        res = _stats_design.contrast_test(
            value[cur] - value[prev],
            variance,
            df.astype(np.float64),
            confidence_level,
            "two-sided",
            defn.high - defn.low,
        )
        for name in ("difference", "low", "high", "statistic", "se", "df"):
            out[name][cur] = res[name]
        pvalue[cur] = res["p_value"]
    elif cur.shape[0]:

        def side(rows: NDArray[np.intp]) -> Any:
            return make_side(
                defn,
                tally.counts[rows],
                tally.weight_sums[rows],
                tally.weight_sq_sums[rows],
                weighted,
            )

        res = two_sample(
            defn,
            side(cur),
            side(before[cur]),
            method=chosen,
            confidence_level=confidence_level,
            alternative="two-sided",
            n_resamples=1,
            rng=np.random.default_rng(DEFAULT_SEED),
        )
        out["difference"][cur] = res["difference"]  # the observed change in value
        out["low"][cur] = res["low"]
        out["high"][cur] = res["high"]
        out["statistic"][cur] = res["statistic"]
        pvalue[cur] = res["p_value"]
    groups = tuple(tally.groups)
    previous = _object_array([None] * g)
    previous[cur] = _object_array(groups)[before[cur]]
    return PeriodChanges(
        defn.name,
        groups,
        tuple(previous.tolist()),
        out["difference"],
        out["low"],
        out["high"],
        out["statistic"],
        pvalue,
        np.asarray(_mult.adjust(pvalue, adjust), dtype=np.float64),
        chosen,
        adjust,
        float(confidence_level),
        again,
        se=None if design is None else out["se"],
        df=None if design is None else out["df"],
    )
