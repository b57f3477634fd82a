"""Result objects: :class:`Estimate`, :class:`GroupedEstimate` and :class:`ConfidenceInterval`."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _definition as _d
from . import _results
from ._definition import Definition
from ._stats._common import as_generator, check_confidence_level, check_resamples
from ._types import IntervalMethod
from .errors import EmptyDataError
from .tally import GroupedTally, Tally

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = ["ConfidenceInterval", "Estimate", "GroupedEstimate"]

DEFAULT_RESAMPLES = 9999
DEFAULT_SEED = 20160127  # the bootstrap and Bayes draws are seeded: same call, same interval


def _rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    """A generator from ``rng`` (None: the fixed default seed; an int seed; a Generator),
    or an OptionError for anything else."""
    return as_generator(rng, default_seed=DEFAULT_SEED)


def _fmt(x: float, digits: int = 1) -> str:
    return "nan" if not np.isfinite(x) else f"{x:.{digits}f}"


def _no_answers(name: str, tally: Tally) -> str:
    """The message for a metric of a tally with no answers, saying what was left out."""
    if tally.non_answers and not tally.missing:
        codes = ", ".join(map(repr, tally.scale.non_answers[:4]))
        codes = f" ({codes}{', ...' if len(tally.scale.non_answers) > 4 else ''})"
        return (
            f"{name} of no answers is undefined: all {tally.non_answers} answers were "
            f"non-answers{codes if tally.scale.non_answers else ''}, which never enter a metric"
        )
    left = f"{tally.missing} missing"
    if tally.invalid:
        left += f", of which {tally.invalid} not on the scale"
    if tally.non_answers:
        left += f", and {tally.non_answers} non-answers"
    return f"{name} of no answers is undefined ({left})"


def _left_out(missing: int, invalid: int, non_answers: int) -> str:
    """``, missing=M (invalid=I), non_answers=A`` for a repr, each part only when nonzero."""
    out = ""
    if missing:
        out += f", missing={missing}"
        if invalid:
            out += f" (invalid={invalid})"
    if non_answers:
        out += f", non_answers={non_answers}"
    return out


@attrs.frozen(repr=False)
class ConfidenceInterval:
    """Interval ends in the metric's unit (arrays over groups for grouped estimates).

    Unpacks as ``low, high = ci``.

    Examples
    --------
    >>> import satisfy
    >>> ci = satisfy.csat([5, 4, 4, 2, 1, 5]).confidence_interval()
    >>> low, high = ci
    >>> round(low, 1), round(high, 1), ci.method
    (30.0, 90.3, 'wilson')
    """

    low: Any
    high: Any
    confidence_level: float
    method: str

    def __iter__(self) -> Iterator[Any]:
        yield self.low
        yield self.high

    @property
    def width(self) -> Any:
        """``high - low``."""
        return self.high - self.low

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data (lists over groups for a grouped interval).

        Examples
        --------
        >>> import satisfy
        >>> ci = satisfy.csat([5, 4, 4, 2, 1, 5]).confidence_interval(0.9)
        >>> sorted(ci.to_dict())
        ['confidence_level', 'high', 'low', 'method']
        """
        low, high = self.low, self.high
        if isinstance(low, np.ndarray):
            low, high = low.tolist(), np.asarray(high).tolist()
        return {
            "low": low,
            "high": high,
            "confidence_level": self.confidence_level,
            "method": self.method,
        }

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """A dataframe of ``backend`` ("pandas", "polars", "pyarrow" or the module): one
        row, or one per group for a grouped interval (needs narwhals)."""
        d = self.to_dict()
        if isinstance(d["low"], list):
            rows = [
                {**d, "low": lo, "high": hi} for lo, hi in zip(d["low"], d["high"], strict=True)
            ]
        else:
            rows = [d]
        return _results.to_frame(rows, backend)

    def __repr__(self) -> str:
        return (
            f"ConfidenceInterval(low={self.low!r}, high={self.high!r}, "
            f"confidence_level={self.confidence_level!r}, method={self.method!r})"
        )


def _interval(
    defn: Definition,
    counts: NDArray[Any],
    wsum: NDArray[np.float64],
    wsq: NDArray[np.float64],
    weighted: bool,
    confidence_level: float,
    method: IntervalMethod | None,
    n_resamples: int,
    rng: np.random.Generator | int | None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], str]:
    chosen = _d.resolve_method(defn, method, weighted=weighted)
    level = check_confidence_level(confidence_level)
    resampling = chosen in _d.RESAMPLING_METHODS
    n_resamples = check_resamples(n_resamples, level if resampling else None)
    generator = _rng(rng)
    low, high = _d.intervals(
        defn,
        counts,
        wsum,
        wsq,
        confidence_level=confidence_level,
        method=chosen,
        weighted=weighted,
        n_resamples=n_resamples,
        rng=generator,
    )
    empty = np.asarray(wsum).sum(axis=1) == 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high), chosen


@attrs.frozen(repr=False, eq=False)
class Estimate:
    """A metric computed from a tally, with its standard error and interval methods.

    Attributes
    ----------
    value : float
        The estimate in the metric's unit: NPS points (-100..100), percent (0..100) for
        shares, scale units for means, 0..100 for POMP means.
    n : int
        Answers counted.
    n_eff : float
        Kish's effective sample size (``n`` when unweighted).
    se : float
        Standard error, by linearisation from the tally's squared weight sums (for
        weighted answers the design's, with the factor ``n / (n - 1)``).
    missing : int
        Missing answers left out (and, with ``invalid_policy="omit"``, answers not on
        the scale).
    invalid : int
        How many of ``missing`` were answers not on the scale (``invalid_policy="omit"``).
    non_answers : int
        Non-answers ("N/A", "Don't know": the scale's ``non_answers``), counted apart:
        they are in neither the value, ``n`` nor ``missing``.
    counts : dict of str to int
        Answers per category (detractors, passives, promoters; satisfied and other; ...).
    shares : dict of str to float
        Weighted share of each category, in percent.
    tally : Tally
        The tally the estimate was computed from.
    definition : Definition
        The metric's coefficients, range and categories.

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.nps(satisfy.Tally.from_counts([8, 0, 0, 0, 0, 0, 0, 15, 0, 13, 0],
    ...                                           scale="NPS"))
    >>> e
    NPS 13.9 (95% CI -10.7 to 36.3, adjusted Wald, n=36)
    >>> e.counts
    {'detractors': 8, 'passives': 15, 'promoters': 13}
    """

    definition: Definition
    tally: Tally
    value: float
    se: float
    n: int
    n_eff: float
    missing: int
    counts: Mapping[str, int]
    shares: Mapping[str, float]

    @classmethod
    def from_tally(cls, definition: Definition, tally: Tally) -> Estimate:
        """The estimate of a metric's definition on a tally (calculators call this; a
        definition comes from the registry: ``satisfy.METRICS[name].definition(scale)``).

        Examples
        --------
        >>> import satisfy
        >>> defn = satisfy.METRICS["nps"].definition()
        >>> t = satisfy.Tally.from_scores([10, 9, 7, 3], scale="NPS")
        >>> satisfy.Estimate.from_tally(defn, t).value
        25.0
        """
        if tally.n == 0:
            raise EmptyDataError(_no_answers(definition.name, tally))
        if tally.total_weight == 0:
            raise EmptyDataError(f"{definition.name}: the weights of the answers sum to zero")
        counts = tally.counts[None, :]
        wsum = tally.weight_sums[None, :]
        wsq = tally.weight_sq_sums[None, :]
        names = [name for name, _ in definition.categories]
        cat_counts = _d.category_counts(definition, counts)[0].tolist()
        cat_sums = _d.category_counts(definition, wsum)[0]
        cat_w = cat_sums / cat_sums.sum() * 100  # exactly 100 when all weight is in one
        return cls(
            definition,
            tally,
            float(_d.values(definition, wsum)[0]),
            float(
                _d.standard_errors(
                    definition, counts.astype(float), wsum, wsq, weighted=tally.is_weighted
                )[0]
            ),
            tally.n,
            tally.n_eff,
            tally.missing,
            dict(zip(names, (int(c) for c in cat_counts))),
            dict(zip(names, cat_w.tolist())),
        )

    @property
    def metric(self) -> str:
        """The metric's display label (``"NPS"``, ``"top box"``). Wherever a metric is
        taken (``compare_paired(metric=)``, planning) it names the metric as the registry
        name does; that name itself is ``definition.metric`` (``"top_box"``)."""
        return self.definition.name

    @property
    def unit(self) -> str:
        """The unit of ``value`` ("points", "%" or the scale's units)."""
        return self.definition.unit

    @property
    def non_answers(self) -> int:
        """Non-answers counted apart (the tally's ``non_answers``).

        Examples
        --------
        >>> import satisfy
        >>> csat = satisfy.scales.CSAT5.with_non_answers(["N/A"])
        >>> satisfy.csat([5, 4, "N/A", None], scale=csat)
        CSAT 100.0 (95% CI 34.2 to 100.0, Wilson, n=2, missing=1, non_answers=1)
        """
        return self.tally.non_answers

    @property
    def invalid(self) -> int:
        """How many of ``missing`` were answers not on the scale, left out under
        ``invalid_policy="omit"`` (the tally's ``invalid``)."""
        return self.tally.invalid

    @property
    def is_weighted(self) -> bool:
        """True when survey weights other than 1 went into the estimate."""
        return self.tally.is_weighted

    @property
    def proportion(self) -> float:
        """The value as a fraction (``value / 100`` for shares and NPS, ``value`` for means)."""
        return self.value if self.definition.kind == "mean" else self.value / 100.0

    def confidence_interval(
        self,
        confidence_level: float = 0.95,
        method: IntervalMethod | None = None,
        *,
        n_resamples: int = DEFAULT_RESAMPLES,
        rng: np.random.Generator | int | None = None,
    ) -> ConfidenceInterval:
        """Confidence interval in the metric's unit, inside the metric's range.

        Parameters
        ----------
        confidence_level : float
            Between 0 and 1.
        method : str, optional
            NPS: ``"adjusted-wald"`` (default), ``"wald"``, ``"score"``, ``"bootstrap"``
            (BCa), ``"bootstrap-percentile"``, ``"bayes"``. Shares: ``"wilson"`` (default),
            ``"agresti-coull"``, ``"clopper-pearson"``, ``"jeffreys"``, ``"wald"``,
            ``"korn-graubard"``, ``"logit"``, ``"bootstrap"``, ``"bootstrap-percentile"``.
            Means: ``"t"`` (default),
            ``"bootstrap"``, ``"bootstrap-percentile"``.
        n_resamples : int
            Resamples (bootstrap) or posterior draws (bayes): a whole number of at least
            ``2 / (1 - confidence_level)`` (40 at 95%), so that draws fall beyond both
            ends of the interval; fewer raise an OptionError.
        rng : numpy.random.Generator or int, optional
            Seed (a non-negative whole number) or generator for the resampling methods; a
            fixed seed by default, so the same call gives the same interval.

        Raises
        ------
        OptionError
            For a method that does not exist for this metric (the message lists them), a
            confidence level outside (0, 1), too few resamples or an ``rng`` that is not
            None, a seed or a ``numpy.random.Generator``.
        MethodError
            For a resampling method asked of a weighted estimate.

        Notes
        -----
        Weighted answers are a survey design: the standard error is the design's
        linearised (Taylor) one, with the factor ``n / (n - 1)`` R's ``svymean`` applies,
        and the proportion and NPS methods use the design's effective sample size
        (per-answer variance over the design variance, Korn and Graubard 1998) with the
        weighted shares, so interval and standard error agree; the t interval and the
        ``"korn-graubard"`` and ``"logit"`` intervals of shares (R's ``svyciprop``
        ``"beta"`` and ``"logit"``) use the design's ``n - 1`` degrees of freedom.
        Kish's ``n_eff`` is reported as a diagnostic of the weights. Bootstrap methods
        resample the tally (``Multinomial(n, counts / n)``), never the raw answers.

        Examples
        --------
        >>> import satisfy
        >>> e = satisfy.nps(satisfy.Tally.from_counts({0: 8, 7: 15, 9: 13}, scale="NPS"))
        >>> ci = e.confidence_interval(0.95, method="score")
        >>> round(ci.low, 2), round(ci.high, 2)
        (-11.2, 37.13)
        """
        low, high, chosen = _interval(
            self.definition,
            self.tally.counts[None, :],
            self.tally.weight_sums[None, :],
            self.tally.weight_sq_sums[None, :],
            self.is_weighted,
            confidence_level,
            method,
            n_resamples,
            rng,
        )
        return ConfidenceInterval(float(low[0]), float(high[0]), float(confidence_level), chosen)

    def to_dict(
        self, *, confidence_level: float = 0.95, method: IntervalMethod | None = None
    ) -> dict[str, Any]:
        """Plain Python data, with the interval at ``confidence_level`` by ``method``.

        Examples
        --------
        >>> import satisfy
        >>> d = satisfy.csat([5, 4, 2]).to_dict()
        >>> d["metric"], round(d["value"], 2), d["method"]
        ('CSAT', 66.67, 'wilson')
        """
        ci = self.confidence_interval(confidence_level, method)
        return {
            "metric": self.metric,
            "detail": self.definition.detail,
            "scale": self.definition.scale.name,
            "unit": self.unit,
            "value": self.value,
            "low": ci.low,
            "high": ci.high,
            "confidence_level": ci.confidence_level,
            "method": ci.method,
            "se": self.se,
            "n": self.n,
            "n_eff": self.n_eff,
            "missing": self.missing,
            "invalid": self.invalid,
            "non_answers": self.non_answers,
            "counts": dict(self.counts),
            "shares": dict(self.shares),
        }

    def to_frame(
        self,
        *,
        backend: Any = "pandas",
        confidence_level: float = 0.95,
        method: IntervalMethod | None = None,
    ) -> IntoDataFrame:
        """:meth:`to_dict` as a one-row dataframe of ``backend``.

        ``backend`` is ``"pandas"``, ``"polars"`` or ``"pyarrow"`` (or the module); the
        frame is built through narwhals (the ``frames`` extra). Category counts and shares
        become columns ``counts_<category>`` and ``shares_<category>``.

        Raises
        ------
        OptionError
            For a backend that is not one of those.
        DependencyError
            When narwhals or the backend is not installed.

        Examples
        --------
        >>> import satisfy
        >>> df = satisfy.csat([5, 4, 2]).to_frame(backend="pandas")
        >>> df[["metric", "n", "counts_satisfied"]].to_dict("records")
        [{'metric': 'CSAT', 'n': 3, 'counts_satisfied': 2}]
        """
        return _results.to_frame(
            [self.to_dict(confidence_level=confidence_level, method=method)], backend
        )

    def _digits(self) -> int:
        return 2 if self.definition.kind == "mean" and self.unit != "POMP" else 1  # scale units

    def __repr__(self) -> str:
        ci = self.confidence_interval()
        name = _d.METHOD_NAMES.get(ci.method, ci.method)
        size = f"n={self.n}"
        if self.is_weighted:
            size += f", n_eff={self.n_eff:.1f}"
        size += _left_out(self.missing, self.invalid, self.non_answers)
        d = self._digits()
        interval = _results.format_interval(ci.low, ci.high, ci.confidence_level, name, d)
        return f"{self.metric} {_fmt(self.value, d)} ({interval}, {size})"


@attrs.frozen(repr=False, eq=False)
class GroupedEstimate:
    """One estimate per group, as arrays over the groups of a :class:`GroupedTally`.

    Groups with no answers have NaN values (their ``n`` is 0). Index with a group key to
    get that group's :class:`Estimate`.

    Examples
    --------
    >>> import satisfy
    >>> g = satisfy.nps([10, 9, 3, 8, 10, 6], by=["a", "a", "a", "b", "b", "b"])
    >>> g.groups, g.value.round(1).tolist()
    (('a', 'b'), [33.3, 0.0])
    >>> g["a"]
    NPS 33.3 (95% CI -51.3 to 84.7, adjusted Wald, n=3)
    """

    definition: Definition
    tally: GroupedTally
    value: NDArray[np.float64]
    se: NDArray[np.float64]
    n: NDArray[np.int64]
    n_eff: NDArray[np.float64]
    missing: NDArray[np.int64]
    counts: Mapping[str, NDArray[np.int64]]
    shares: Mapping[str, NDArray[np.float64]]

    @classmethod
    def from_tally(cls, definition: Definition, tally: GroupedTally) -> GroupedEstimate:
        """The estimates of a metric's definition on a grouped tally, vectorised over the
        groups (see :meth:`Estimate.from_tally`)."""
        counts = tally.counts
        wsum = tally.weight_sums
        wsq = tally.weight_sq_sums
        names = [name for name, _ in definition.categories]
        cat_counts = _d.category_counts(definition, counts)
        cat_sums = _d.category_counts(definition, wsum)
        with np.errstate(invalid="ignore", divide="ignore"):
            cat_w = cat_sums / cat_sums.sum(axis=1, keepdims=True) * 100
        return cls(
            definition,
            tally,
            _d.values(definition, wsum),
            _d.standard_errors(
                definition, counts.astype(float), wsum, wsq, weighted=tally.is_weighted
            ),
            tally.n,
            tally.n_eff,
            tally.missing,
            {name: cat_counts[:, i] for i, name in enumerate(names)},
            {name: cat_w[:, i] for i, name in enumerate(names)},
        )

    @property
    def metric(self) -> str:
        """The metric's display label (``"NPS"``, ``"top box"``). Wherever a metric is
        taken (``compare_paired(metric=)``, planning) it names the metric as the registry
        name does; that name itself is ``definition.metric`` (``"top_box"``)."""
        return self.definition.name

    @property
    def groups(self) -> tuple[Hashable, ...]:
        """The group keys."""
        return self.tally.groups

    @property
    def non_answers(self) -> NDArray[np.int64]:
        """Non-answers per group, counted apart (the tally's ``non_answers``)."""
        return self.tally.non_answers

    @property
    def invalid(self) -> NDArray[np.int64]:
        """Per group, how many of ``missing`` were answers not on the scale (the tally's
        ``invalid``)."""
        return self.tally.invalid

    def __len__(self) -> int:
        return len(self.tally)

    def __getitem__(self, key: Hashable) -> Estimate:
        return Estimate.from_tally(self.definition, self.tally[key])

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.groups)

    def items(self) -> Iterator[tuple[Hashable, Estimate]]:
        """``(key, Estimate)`` pairs (groups with no answers are skipped)."""
        for key, n in zip(self.groups, self.n.tolist()):
            if n:
                yield key, self[key]

    def confidence_interval(
        self,
        confidence_level: float = 0.95,
        method: IntervalMethod | None = None,
        *,
        n_resamples: int = DEFAULT_RESAMPLES,
        rng: np.random.Generator | int | None = None,
    ) -> ConfidenceInterval:
        """Interval ends per group (arrays), computed for all groups at once.

        Parameters are those of :meth:`Estimate.confidence_interval`.

        Examples
        --------
        >>> import satisfy
        >>> g = satisfy.csat([5, 4, 1, 2], by=["x", "x", "y", "y"])
        >>> g.confidence_interval().high.round(1).tolist()
        [100.0, 65.8]
        """
        weighted = self.tally.is_weighted
        low, high, chosen = _interval(
            self.definition,
            self.tally.counts,
            self.tally.weight_sums,
            self.tally.weight_sq_sums,
            weighted,
            confidence_level,
            method,
            n_resamples,
            rng,
        )
        empty = self.n == 0
        low = np.where(empty, np.nan, low)
        high = np.where(empty, np.nan, high)
        return ConfidenceInterval(low, high, float(confidence_level), chosen)

    def to_records(
        self, *, confidence_level: float = 0.95, method: IntervalMethod | None = None
    ) -> list[dict[str, Any]]:
        """One plain dict per group: key, value, interval, se, n, n_eff, missing, invalid,
        non_answers.

        Examples
        --------
        >>> import satisfy
        >>> rows = satisfy.csat([5, 4, 1, 2], by=["x", "x", "y", "y"]).to_records()
        >>> rows[0]["group"], rows[0]["value"]
        ('x', 100.0)
        """
        ci = self.confidence_interval(confidence_level, method)
        rows = []
        for i, key in enumerate(self.groups):
            rows.append(
                {
                    "group": key,
                    "metric": self.metric,
                    "value": float(self.value[i]),
                    "low": float(ci.low[i]),
                    "high": float(ci.high[i]),
                    "confidence_level": ci.confidence_level,
                    "method": ci.method,
                    "se": float(self.se[i]),
                    "n": int(self.n[i]),
                    "n_eff": float(self.n_eff[i]),
                    "missing": int(self.missing[i]),
                    "invalid": int(self.invalid[i]),
                    "non_answers": int(self.non_answers[i]),
                }
            )
        return rows

    def to_dict(
        self, *, confidence_level: float = 0.95, method: IntervalMethod | None = None
    ) -> dict[str, Any]:
        """Plain Python data: the metric and one record per group."""
        return {
            "metric": self.metric,
            "detail": self.definition.detail,
            "names": list(self.tally.names),
            "groups": self.to_records(confidence_level=confidence_level, method=method),
        }

    def to_frame(
        self,
        *,
        backend: Any = "pandas",
        confidence_level: float = 0.95,
        method: IntervalMethod | None = None,
    ) -> IntoDataFrame:
        """:meth:`to_records` as a dataframe of ``backend``, one row per group.

        The group key becomes one column per grouping name (``group`` when the groups have
        no names). ``backend`` is ``"pandas"``, ``"polars"`` or ``"pyarrow"`` (or the
        module); narwhals builds the frame (the ``frames`` extra).

        Examples
        --------
        >>> import satisfy
        >>> g = satisfy.csat([5, 4, 1, 2], by={"channel": ["x", "x", "y", "y"]})
        >>> g.to_frame(backend="polars")["channel"].to_list()
        ['x', 'y']
        """
        names = list(self.tally.names)
        rows = []
        for row in self.to_records(confidence_level=confidence_level, method=method):
            key = row.pop("group")
            rows.append(_results.group_columns(names, key, row) | row)
        return _results.to_frame(rows, backend)

    def __repr__(self) -> str:
        shown = len(self) if len(self) <= 6 else 4  # a repr stays about two lines long
        t = self.tally
        low, high, chosen = _interval(
            self.definition,
            t.counts[:shown],
            t.weight_sums[:shown],
            t.weight_sq_sums[:shown],
            t.is_weighted,
            0.95,
            None,
            DEFAULT_RESAMPLES,
            None,
        )
        d = 2 if self.definition.kind == "mean" and self.definition.unit != "POMP" else 1
        parts = ", ".join(
            f"{k!r}: {_fmt(v, d)} ({_fmt(lo, d)} to {_fmt(hi, d)}, n={n})"
            for k, v, lo, hi, n in zip(
                self.groups[:shown],
                self.value[:shown].tolist(),
                low.tolist(),
                high.tolist(),
                self.n[:shown].tolist(),
            )
        )
        more = f", ... ({len(self)} groups)" if len(self) > shown else ""
        for what, total in (("invalid", self.invalid), ("non_answers", self.non_answers)):
            if total.any():
                more += f", {what}={int(total.sum())}"  # over every group
        name = _d.METHOD_NAMES.get(chosen, chosen)
        return f"GroupedEstimate({self.metric}, 95% CI, {name}: {parts}{more})"
