"""Expectation gaps: what each customer perceived minus what they expected.

Satisfaction is perceived performance measured against expectations (Oliver, 1980; the
gap model of Parasuraman, Zeithaml and Berry, 1985 and 1988). Asked both on one rating
scale, each customer's gap ``perceived - expected`` is itself a point on a scale: on a 1-7
scale it runs from -6 to +6. So a gap is tallied like any answer, and its statistics come
from the same machinery:

- the **mean gap** is the mean of the per-customer differences; its t interval is the
  paired t interval (Student, 1908), because the gap of each customer is computed first;
- the **share met** is the share of customers whose gap is at least 0 (expectations met
  or exceeded), a threshold share with its Wilson interval.

References
----------
Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction
decisions. *Journal of Marketing Research* 17(4), 460-469.
Parasuraman, A., Zeithaml, V. A. and Berry, L. L. (1988). SERVQUAL: a multiple-item scale
for measuring consumer perceptions of service quality. *Journal of Retailing* 64(1), 12-40.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _coding, _results
from . import _definition as _d
from ._definition import Definition
from ._registry import gap_definitions, mean_definition
from ._registry import gap_scale as registered_gap_scale
from ._stats._common import check_confidence_level
from ._types import NanPolicy
from .errors import ColumnError, LengthMismatchError, MissingScoreError, SatisfyError, ScaleError
from .estimate import GroupedEstimate
from .metrics import calculate
from .responses import Responses
from .scales import Scale, as_scale, convert
from .tally import GroupedTally, Tally

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = ["Gap", "GapTable", "gap", "gap_scale", "gaps"]


def gap_scale(scale: Scale | str) -> Scale:
    """The scale of ``perceived - expected`` answers given on ``scale``.

    It runs from ``low - high`` to ``high - low`` by the scale's step; for a scale where
    lower is better (effort), a negative gap is the good side.

    Examples
    --------
    >>> from satisfy import expectations, scales
    >>> expectations.gap_scale(scales.LIKERT7)
    Scale(gap on LIKERT7: -6-6)
    """
    return registered_gap_scale(scale)


def _values(data: Any, scale: Scale) -> tuple[NDArray[np.float64], Any, Any]:
    """Answers as point values (NaN when missing), with the weights and segments of
    Responses (None for raw answers)."""
    if isinstance(data, Responses):
        values = np.asarray(data.scores, dtype=np.float64)
        if data.scale != scale:
            values = convert(values, data.scale, scale)
        return values.astype(np.float64), data.weights, data.segments
    codes = scale.encode(data, nan_policy="omit")
    return np.where(codes >= 0, scale.low + codes * scale.step, np.nan), None, None


def _same_points(a: Scale, b: Scale) -> bool:
    return (a.low, a.high, a.step, a.higher_is_better) == (
        b.low,
        b.high,
        b.step,
        b.higher_is_better,
    )


def _check_on_points(values: NDArray[np.float64], given: Scale, scale: Scale, what: str) -> None:
    """Answers converted from ``given`` onto ``scale`` must land on its points."""
    position = (values - scale.low) / scale.step
    off_grid = np.isfinite(position) & (np.abs(position - np.round(position)) > 1e-9)
    if off_grid.any():
        i = int(np.flatnonzero(off_grid)[0])
        raise ScaleError(
            f"{what} answers on {given} fall between the points of {scale} once converted "
            f"(first at position {i}: {values[i]:g}); ask both on one scale, or give scale= a "
            "finer scale that both land on"
        )


def _gap_weights(
    weights: ArrayLike | None, perceived: Any, expected: Any
) -> NDArray[np.float64] | None:
    """The customers' weights: given once, by weights= or by the Responses' own."""
    carried = [w for w in (perceived, expected) if w is not None]
    if weights is not None and carried:
        raise SatisfyError(
            "weights= was given and the Responses carry their own weights; give the weights "
            "once (one weight per customer)"
        )
    if len(carried) == 2 and not np.array_equal(carried[0], carried[1], equal_nan=True):
        raise SatisfyError(
            "the perceived and expected Responses carry different weights; a customer has "
            "one weight"
        )
    if weights is not None:
        return np.asarray(weights, dtype=np.float64)
    return carried[0] if carried else None


def _definitions(scale: Scale, dimension: str) -> tuple[Definition, Definition]:
    """The mean gap and the share met, as definitions over the points of the gap scale
    (built by the metric registry)."""
    return gap_definitions(scale, dimension)


@attrs.frozen(repr=False)
class Gap:
    """Perceived minus expected on one dimension: the mean gap and the share met.

    Attributes
    ----------
    dimension : str
        What was rated (``"speed"``, ``"courtesy"``...).
    mean : Estimate or GroupedEstimate
        The mean gap in scale points; its default interval is the paired t interval.
    met : Estimate or GroupedEstimate
        The percentage of customers whose expectations were met or exceeded (gap >= 0, or
        <= 0 on a scale where lower is better), with its Wilson interval.
    perceived : Estimate or GroupedEstimate
        The mean perceived rating over the customers with both answers.
    expected : Estimate or GroupedEstimate
        The mean expected rating over the same customers.
    pairs : int
        Customers who answered both questions.
    missing : int
        Customers left out because one of the two answers was missing.
    confidence_level : float
        The level of the intervals the repr, :meth:`to_dict` and :meth:`to_frame` show.

    Notes
    -----
    Each estimate gives its interval as a :class:`ConfidenceInterval`
    (``g.mean.confidence_interval(0.9)``).

    Examples
    --------
    >>> import satisfy
    >>> g = satisfy.gap([5, 6, 4, 7], [4, 6, 5, 5], scale="LIKERT7", dimension="speed")
    >>> g
    Gap(speed: mean 0.50 (95% CI -1.55 to 2.55, t, n=4), met 75.0% (95% CI 30.1 to 95.4, Wilson))
    >>> round(g.perceived.value - g.expected.value, 2)
    0.5
    """

    dimension: str
    mean: Any
    met: Any
    perceived: Any
    expected: Any
    pairs: int
    missing: int
    confidence_level: float = 0.95

    def to_dict(self, *, confidence_level: float | None = None) -> dict[str, Any]:
        """Plain values (for a grouped gap, lists over groups), with each estimate's
        interval at ``confidence_level`` (the gap's own by default) by its default method.

        Examples
        --------
        >>> import satisfy
        >>> d = satisfy.gap([5, 6, 4, 7, None], [4, 6, 5, 5, 3], scale="LIKERT7").to_dict()
        >>> d["mean"], d["mean_method"], d["met"], d["met_method"], d["missing"]
        (0.5, 't', 75.0, 'wilson', 1)
        """
        if confidence_level is None:
            confidence_level = self.confidence_level
        out: dict[str, Any] = {"dimension": self.dimension}
        for name in ("mean", "met", "perceived", "expected"):
            est = getattr(self, name)
            ci = est.confidence_interval(confidence_level)
            value, low, high = est.value, ci.low, ci.high
            if isinstance(est, GroupedEstimate):
                out["groups"] = list(est.groups)
                value, low, high = value.tolist(), low.tolist(), high.tolist()
            out[name] = value
            out[f"{name}_low"] = low
            out[f"{name}_high"] = high
            out[f"{name}_method"] = ci.method
        out["confidence_level"] = float(confidence_level)
        out["pairs"] = self.pairs
        out["missing"] = self.missing
        return out

    def _rows(self, confidence_level: float | None) -> list[dict[str, Any]]:
        """One flat dict (one per group for a grouped gap)."""
        d = self.to_dict(confidence_level=confidence_level)
        if "groups" not in d:
            return [d]
        groups = d.pop("groups")
        return [
            {k: (v[i] if isinstance(v, list) else v) for k, v in d.items()} | {"group": key}
            for i, key in enumerate(groups)
        ]

    def to_frame(
        self, *, backend: Any = "pandas", confidence_level: float | None = None
    ) -> IntoDataFrame:
        """:meth:`to_dict` as a dataframe of ``backend`` ("pandas", "polars", "pyarrow" or
        the module; needs narwhals): one row, or one per group for a grouped gap.

        Examples
        --------
        >>> import satisfy
        >>> g = satisfy.gap([5, 6, 4, 7], [4, 6, 5, 5], scale="LIKERT7", by=list("aabb"))
        >>> g.to_frame(backend="polars")["group"].to_list()
        ['a', 'b']
        """
        return _results.to_frame(self._rows(confidence_level), backend)

    def __repr__(self) -> str:
        if isinstance(self.mean, GroupedEstimate):
            parts = ", ".join(
                f"{k!r}: {m:.2f} / {s:.1f}%"
                for k, m, s in zip(self.mean.groups, self.mean.value, self.met.value)
            )
            return f"Gap({self.dimension}, mean / met: {parts})"
        m, s = self.mean, self.met
        cm = m.confidence_interval(self.confidence_level)
        cs = s.confidence_interval(self.confidence_level)
        mean_ci = _results.format_interval(
            cm.low, cm.high, cm.confidence_level, _d.METHOD_NAMES[cm.method], digits=2
        )
        met_ci = _results.format_interval(
            cs.low, cs.high, cs.confidence_level, _d.METHOD_NAMES[cs.method]
        )
        return (
            f"Gap({self.dimension}: mean {m.value:.2f} ({mean_ci}, n={m.n}), "
            f"met {s.value:.1f}% ({met_ci}))"
        )


def gap(
    perceived: Any,
    expected: Any,
    *,
    scale: Scale | str | None = None,
    expected_scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    by: Any = None,
    nan_policy: NanPolicy = "omit",
    dimension: str = "gap",
    confidence_level: float = 0.95,
) -> Gap:
    """Expectation gap on one dimension: per customer perceived minus expected.

    Parameters
    ----------
    perceived, expected : array-like or Responses
        One answer per customer, in the same order (missing answers allowed). Responses
        bring their own scale, weights and segments.
    scale : Scale or str, optional
        The scale of ``perceived`` (and of ``expected`` unless ``expected_scale`` is given).
        Required for raw answers.
    expected_scale : Scale or str, optional
        When expectations were asked on another scale: they are converted onto ``scale``
        (ends to ends, :func:`satisfy.convert`) and must land on its points.
    weights : array-like, optional
        Survey weights, one per customer; not with Responses that carry their own.
    by : array-like or segment name(s), optional
        Group keys (segment names for Responses): every estimate is then grouped.
    nan_policy : {"omit", "raise"}
        Customers missing either answer are left out and counted in ``missing``, or refused.
    dimension : str
        The name shown in reprs, tables and plots.
    confidence_level : float
        The level of the intervals the gap shows (its repr, ``to_dict`` and ``to_frame``);
        each estimate gives others too (``g.mean.confidence_interval(0.9)``).

    Returns
    -------
    Gap

    Raises
    ------
    LengthMismatchError
        When the two questions have different numbers of answers.
    ScaleError
        When converted answers fall between the points of ``scale``, or when
        ``expected_scale`` disagrees with the scale of expected Responses.
    SatisfyError
        When weights are given twice (``weights=`` and Responses' own), or the perceived
        and expected Responses carry different weights.
    MissingScoreError
        With ``nan_policy="raise"`` and a missing answer.

    Examples
    --------
    >>> import satisfy
    >>> g = satisfy.gap([5, 6, 4, 7, None], [4, 6, 5, 5, 3], scale="LIKERT7")
    >>> g.mean.value, g.met.value, g.pairs, g.missing
    (0.5, 75.0, 4, 1)
    >>> nine = satisfy.Scale(1, 9, name="nine")
    >>> satisfy.gap([9, 7], [5, 3], scale=nine, expected_scale="CSAT5").mean.value  # 5 -> 9, 3 -> 5
    1.0
    """
    policy = _coding.check_nan_policy(nan_policy)
    level = check_confidence_level(confidence_level)
    if isinstance(perceived, Responses):
        s = perceived.scale if scale is None else as_scale(scale)
    elif scale is None:
        raise SatisfyError("gap needs scale= for raw answers (the scale of both questions)")
    else:
        s = as_scale(scale)
    es = s if expected_scale is None else as_scale(expected_scale)
    if isinstance(expected, Responses):
        if expected_scale is not None and not _same_points(expected.scale, es):
            raise ScaleError(
                f"expected holds answers on {expected.scale} but expected_scale= says {es}; "
                "Responses bring their own scale (leave expected_scale= out, or make them agree)"
            )
        es = expected.scale
    p, p_weights, segments = _values(perceived, s)
    if isinstance(expected, Responses):
        e, e_weights, _ = _values(expected, s)
    else:
        raw = _values(expected, es)[0]
        e, e_weights = (raw if es == s else convert(raw, es, s)), None
    if p.shape != e.shape:
        raise LengthMismatchError(
            f"perceived has {p.shape[0]} answers and expected {e.shape[0]}: one pair per customer"
        )
    if isinstance(perceived, Responses):
        _check_on_points(p, perceived.scale, s, "perceived")
    _check_on_points(e, es, s, "expected")
    w = _gap_weights(weights, p_weights, e_weights)
    missing = np.isnan(p) | np.isnan(e)
    if policy == "raise" and missing.any():
        where = np.flatnonzero(missing)
        raise MissingScoreError(
            where.tolist(),
            [None] * where.size,
            where="(a customer without both the perceived and the expected answer)",
        )
    keys = by
    if isinstance(perceived, Responses) and by is not None:
        names = [by] if isinstance(by, str) else list(by)
        unknown = [name for name in names if name not in segments]
        if unknown:
            raise ColumnError(
                f"no segment {unknown[0]!r}; segments: {', '.join(segments) or 'none'}"
            )
        keys = {name: segments[name] for name in names} if len(names) > 1 else segments[names[0]]
    keep = ~missing
    gs = gap_scale(s)
    diff = np.where(keep, p - e, np.nan)

    def tally(values: NDArray[np.float64], scale_: Scale) -> Tally | GroupedTally:
        if keys is None:
            return Tally.from_scores(values, scale=scale_, weights=w)
        return GroupedTally.from_scores(values, by=keys, scale=scale_, weights=w)

    both = np.where(keep, p, np.nan), np.where(keep, e, np.nan)
    defn_mean, defn_met = _definitions(s, dimension)
    gap_tally = tally(diff, gs)
    return Gap(
        dimension,
        calculate(gap_tally, defn_mean),
        calculate(gap_tally, defn_met),
        calculate(tally(both[0], s), mean_definition("mean perceived", s, dimension)),
        calculate(tally(both[1], s), mean_definition("mean expected", s, dimension)),
        int(keep.sum()),
        int(missing.sum()),
        float(level),
    )


@attrs.frozen(repr=False)
class GapTable(Mapping[str, Gap]):
    """Gaps on several dimensions, by name (a read-only mapping of :class:`Gap`).

    Examples
    --------
    >>> import satisfy
    >>> t = satisfy.gaps({"speed": ([5, 6], [4, 6]), "courtesy": ([3, 4], [5, 5])},
    ...                  scale="LIKERT7")
    >>> t
    GapTable(speed: 0.50 (95% CI -5.85 to 6.00), courtesy: -1.50 (95% CI -6.00 to 4.85))
    >>> [r["dimension"] for r in t.to_records()]
    ['speed', 'courtesy']
    """

    by_dimension: dict[str, Gap]

    def __getitem__(self, key: str) -> Gap:
        return self.by_dimension[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_dimension)

    def __len__(self) -> int:
        return len(self.by_dimension)

    def to_records(self, *, confidence_level: float | None = None) -> list[dict[str, Any]]:
        """One plain dict per dimension (and group, for grouped gaps), with the intervals
        at ``confidence_level`` (each gap's own by default)."""
        return [row for g in self.by_dimension.values() for row in g._rows(confidence_level)]

    def to_frame(
        self, *, backend: Any = "pandas", confidence_level: float | None = None
    ) -> IntoDataFrame:
        """:meth:`to_records` as a dataframe of ``backend`` ("pandas", "polars", "pyarrow"
        or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> t = satisfy.gaps({"speed": ([5, 6], [4, 6]), "courtesy": ([3, 4], [5, 5])},
        ...                  scale="LIKERT7")
        >>> t.to_frame(backend="pandas")[["dimension", "mean", "missing"]].to_dict("list")
        {'dimension': ['speed', 'courtesy'], 'mean': [0.5, -1.5], 'missing': [0, 0]}
        """
        return _results.to_frame(self.to_records(confidence_level=confidence_level), backend)

    def __repr__(self) -> str:
        parts = []
        for name, g in self.by_dimension.items():
            value = g.mean.value
            if np.ndim(value) == 0:
                ci = g.mean.confidence_interval(g.confidence_level)
                interval = _results.format_interval(ci.low, ci.high, ci.confidence_level, "", 2)
                parts.append(f"{name}: {value:.2f} ({interval})")
            else:
                parts.append(f"{name}: grouped")
        return f"GapTable({', '.join(parts)})"


def gaps(
    pairs: Mapping[str, Any],
    *,
    scale: Scale | str | None = None,
    expected_scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    by: Any = None,
    nan_policy: NanPolicy = "omit",
    confidence_level: float = 0.95,
) -> GapTable:
    """Expectation gaps on several dimensions: ``{dimension: (perceived, expected)}``.

    Every dimension is computed as by :func:`gap` with the same options; the result keeps
    the order of ``pairs``.

    Examples
    --------
    >>> import satisfy
    >>> t = satisfy.gaps({"speed": ([5, 6, 2], [4, 6, 5])}, scale="LIKERT7")
    >>> round(t["speed"].met.value, 1)
    66.7
    """
    given: object = pairs  # checked at run time, whatever the annotation says
    if not isinstance(given, Mapping) or not given:
        raise SatisfyError(
            "gaps needs a mapping of dimension name to a (perceived, expected) pair, at least one"
        )
    out: dict[str, Gap] = {}
    for name, pair in pairs.items():
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise SatisfyError(f"dimension {name!r}: give a (perceived, expected) pair")
        if str(name) in out:
            raise SatisfyError(f"two dimensions are named {str(name)!r}; name each once")
        out[str(name)] = gap(
            pair[0],
            pair[1],
            scale=scale,
            expected_scale=expected_scale,
            weights=weights,
            by=by,
            nan_policy=nan_policy,
            dimension=str(name),
            confidence_level=confidence_level,
        )
    return GapTable(out)
