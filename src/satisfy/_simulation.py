"""Coverage simulation of the interval methods: how often they contain the true value.

For a true distribution over a scale's points, :func:`coverage` draws ``replicates``
multinomial tallies of ``n`` answers, computes the interval of every replicate in one
vectorised call (the replicates are the groups of one :class:`~satisfy.GroupedTally`) and
reports the share of intervals that contain the true value, and their mean width.
:func:`coverage_table` runs it over :data:`GRID` (realistic true distributions per metric),
several sample sizes and methods; ``simulations/coverage.py`` prints the result.

The metrics are named as the registry names them (:data:`satisfy.METRICS`); :data:`GRID` holds
true distributions for ``"nps"`` (NPS on the 0-10 scale), ``"share"`` (an alias of
``"csat"``, the top-2 share, on CSAT5 by default) and ``"mean"`` (an alias of
``"mean_score"``, on CSAT5 by default or any scale).

Examples
--------
>>> from satisfy._simulation import GRID, coverage
>>> typical = GRID["share"][2]
>>> typical.name, typical.scale.name
('typical', 'CSAT5')
>>> r = coverage("share", "wilson", 100, typical.probabilities, replicates=500, rng=1)
>>> r.true_value, r.n, r.replicates
(78.0, 100, 500)
>>> 0.9 < r.coverage <= 1.0 and 10 < r.mean_width < 20
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import attrs
import numpy as np
from numpy.typing import NDArray

from ._registry import MetricEntry
from ._registry import get as _metric_entry
from ._types import check_interval_method
from .errors import OptionError, SatisfyError
from .estimate import DEFAULT_RESAMPLES
from .metrics import calculate
from .scales import CSAT5, NPS, Scale, as_scale
from .tally import GroupedTally

__all__ = [
    "DEFAULT_NS",
    "GRID",
    "METRICS",
    "CoverageResult",
    "RejectionResult",
    "TrueDistribution",
    "coverage",
    "coverage_table",
    "type_one_error",
]

#: The metrics of :data:`GRID` (registry names or aliases: "share" is CSAT, "mean" the mean
#: score); any registered metric can be simulated with true distributions of its own.
METRICS: tuple[str, ...] = ("nps", "share", "mean")


def _entry(metric: str) -> MetricEntry:
    """The registry's entry of a simulated metric (an OptionError for an unknown name)."""
    return _metric_entry(metric)


#: Sample sizes of :func:`coverage_table` by default.
DEFAULT_NS: tuple[int, ...] = (10, 30, 100, 300, 1000)
#: Containment is checked with this slack, in units of the metric's range, so that a true
#: value on an interval end is not lost to rounding (e.g. 0.55 * 100 - 0.25 * 100).
_TOLERANCE = 1e-9


def _probability_tuple(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


@attrs.frozen
class TrueDistribution:
    """A named true distribution of answers over a scale's points (lowest point first).

    Attributes
    ----------
    name : str
        A short name for tables ("NPS 30", "typical", ...).
    scale : Scale
        The scale whose points the probabilities are of.
    probabilities : tuple of float
        One probability per point, summing to 1.
    """

    name: str
    scale: Scale
    probabilities: tuple[float, ...] = attrs.field(converter=_probability_tuple)

    def __attrs_post_init__(self) -> None:
        _check_probabilities(self.probabilities, self.scale)


@attrs.frozen
class CoverageResult:
    """What one coverage simulation found.

    Attributes
    ----------
    metric : str
        ``"nps"``, ``"share"`` or ``"mean"``.
    method : str
        The interval method.
    n : int
        Answers per replicate.
    true_value : float
        The metric of the true distribution, in the metric's unit (NPS points, percent,
        scale units).
    coverage : float
        Share of the replicates' intervals that contain ``true_value`` (0 to 1).
    mean_width : float
        Mean interval width, in the metric's unit.
    replicates : int
        Simulated samples.
    confidence_level : float
        Nominal level of the intervals.
    undefined : int
        Replicates whose interval is undefined (NaN ends, e.g. a t interval of one
        answer); they count as not covering and are left out of ``mean_width``.
    distribution : str
        Name of the true distribution, when it came from a :class:`TrueDistribution`.
    """

    metric: str
    method: str
    n: int
    true_value: float
    coverage: float
    mean_width: float
    replicates: int
    confidence_level: float
    undefined: int = 0
    distribution: str = ""

    @property
    def mc_standard_error(self) -> float:
        """Monte Carlo standard error of ``coverage``: ``sqrt(c (1 - c) / replicates)``."""
        c = self.coverage
        return math.sqrt(c * (1 - c) / self.replicates)


def _check_probabilities(probabilities: Sequence[float], scale: Scale) -> NDArray[np.float64]:
    p = np.asarray(probabilities, dtype=np.float64)
    if p.shape != (scale.n_points,):
        raise SatisfyError(
            f"{p.shape[0] if p.ndim == 1 else p.shape} probabilities given; the scale "
            f"{scale} has {scale.n_points} points"
        )
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise SatisfyError("probabilities must be finite and non-negative")
    if abs(float(p.sum()) - 1.0) > 1e-9:
        raise SatisfyError(f"probabilities must sum to 1, they sum to {float(p.sum())!r}")
    return np.asarray(p / p.sum(), dtype=np.float64)


def coverage(
    metric: str,
    method: str,
    n: int,
    probabilities: Sequence[float],
    *,
    scale: Scale | str | None = None,
    confidence_level: float = 0.95,
    replicates: int = 2000,
    n_resamples: int = DEFAULT_RESAMPLES,
    rng: np.random.Generator | int | None = None,
) -> CoverageResult:
    """Coverage and mean width of an interval method, by simulation.

    Draws ``replicates`` tallies from ``Multinomial(n, probabilities)``, computes all their
    intervals in one vectorised grouped call and counts those that contain the metric's
    true value.

    Parameters
    ----------
    metric : str
        A registry name (:data:`satisfy.METRICS`) with its default options, or an alias:
        ``"nps"`` (detractors 0-6, promoters 9-10), ``"share"`` (the CSAT top-2 share),
        ``"mean"`` (the mean score).
    method : str
        An interval method of the metric (see :meth:`satisfy.Estimate.confidence_interval`).
    n : int
        Answers per replicate, at least 1.
    probabilities : sequence of float
        True probability of each point of the scale, lowest point first; they must sum to 1.
    scale : Scale or str, optional
        The scale of the answers (default: the metric's).
    confidence_level : float
        Nominal level of the intervals.
    replicates : int
        Simulated samples; the Monte Carlo standard error of the coverage is about
        ``sqrt(0.05 * 0.95 / replicates)`` at 95%.
    n_resamples : int
        Resamples (or posterior draws) per replicate for the resampling methods.
    rng : numpy.random.Generator or int, optional
        Generator or seed for the tallies and the resampling methods (a fresh, unseeded
        generator by default). The tallies are drawn first, so two calls with the same seed
        evaluate different methods on the same samples.

    Returns
    -------
    CoverageResult

    Raises
    ------
    OptionError
        For an unknown metric or a method the metric does not have.
    SatisfyError
        For ``n`` or ``replicates`` below 1, or probabilities that do not fit the scale.

    Examples
    --------
    >>> from satisfy._simulation import coverage
    >>> r = coverage("nps", "adjusted-wald", 50, [0.25, 0, 0, 0, 0, 0, 0, 0.35, 0, 0.4, 0],
    ...              replicates=400, rng=7)
    >>> r.metric, r.method, r.true_value
    ('nps', 'adjusted-wald', 15.0)
    >>> 0.85 < r.coverage <= 1.0
    True
    """
    entry = _entry(metric)
    if method not in entry.interval_methods:
        raise OptionError("method", method, entry.interval_methods)
    if int(n) != n or n < 1:
        raise SatisfyError(f"n must be a whole number of at least 1 answer, got {n!r}")
    if int(replicates) != replicates or replicates < 1:
        raise SatisfyError(f"replicates must be a whole number of at least 1, got {replicates!r}")
    resolved = entry.default_scale if scale is None else as_scale(scale)
    p = _check_probabilities(probabilities, resolved)
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    r = int(replicates)

    counts = generator.multinomial(int(n), p, size=r)
    as_float = counts.astype(np.float64)
    tally = GroupedTally(resolved, range(r), counts, as_float, as_float, np.zeros(r, np.int64))
    estimate = calculate(tally, entry.definition(resolved))
    ci = estimate.confidence_interval(
        confidence_level,
        check_interval_method(method),
        n_resamples=n_resamples,
        rng=generator,
    )
    low = np.asarray(ci.low, dtype=np.float64)
    high = np.asarray(ci.high, dtype=np.float64)

    definition = estimate.definition
    true_value = float(definition.coefficients @ p)
    slack = _TOLERANCE * (definition.high - definition.low)
    defined = np.isfinite(low) & np.isfinite(high)
    covered = defined & (low - slack <= true_value) & (true_value <= high + slack)
    n_defined = int(defined.sum())
    mean_width = float((high - low)[defined].mean()) if n_defined else math.nan
    return CoverageResult(
        metric=metric,
        method=method,
        n=int(n),
        true_value=true_value,
        coverage=float(covered.mean()),
        mean_width=mean_width,
        replicates=r,
        confidence_level=float(confidence_level),
        undefined=r - n_defined,
    )


def _nps(name: str, probabilities: Sequence[float]) -> TrueDistribution:
    return TrueDistribution(name, NPS, probabilities)


def _csat5(name: str, probabilities: Sequence[float]) -> TrueDistribution:
    return TrueDistribution(name, CSAT5, probabilities)


#: Points 0-10. Detractors spread over 0-6 with a bump at 0 and 5, the way real NPS
#: surveys look; the last has very few detractors (1%) and passives (5%).
_NPS_GRID = (
    _nps("NPS -40", [0.15, 0.04, 0.05, 0.06, 0.07, 0.13, 0.10, 0.10, 0.10, 0.08, 0.12]),
    _nps("NPS 0", [0.05, 0.02, 0.03, 0.04, 0.05, 0.08, 0.08, 0.13, 0.17, 0.15, 0.20]),
    _nps("NPS 30", [0.02, 0.01, 0.01, 0.02, 0.02, 0.03, 0.04, 0.15, 0.25, 0.20, 0.25]),
    _nps("NPS 70", [0.01, 0.0, 0.0, 0.005, 0.005, 0.01, 0.02, 0.07, 0.13, 0.25, 0.50]),
    _nps("NPS 93", [0.005, 0.0, 0.0, 0.0, 0.0, 0.0025, 0.0025, 0.01, 0.04, 0.14, 0.80]),
)
#: Points 1-5, from poor to near-unanimous satisfaction (top-2 share 40% to 97%); the
#: same distributions serve the share (CSAT) and the mean.
_CSAT5_GRID = (
    _csat5("poor", [0.20, 0.20, 0.20, 0.25, 0.15]),
    _csat5("mixed", [0.10, 0.12, 0.18, 0.30, 0.30]),
    _csat5("typical", [0.04, 0.06, 0.12, 0.38, 0.40]),
    _csat5("good", [0.02, 0.03, 0.07, 0.30, 0.58]),
    _csat5("extreme", [0.005, 0.01, 0.015, 0.10, 0.87]),
)
#: True distributions per metric.
GRID: Mapping[str, tuple[TrueDistribution, ...]] = {
    "nps": _NPS_GRID,
    "share": _CSAT5_GRID,
    "mean": _CSAT5_GRID,
}


def coverage_table(
    metrics: Sequence[str] = METRICS,
    methods: Mapping[str, Sequence[str]] | None = None,
    ns: Sequence[int] = DEFAULT_NS,
    *,
    replicates: int = 2000,
    seed: int = 0,
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_RESAMPLES,
    grid: Mapping[str, Sequence[TrueDistribution]] = GRID,
) -> list[CoverageResult]:
    """Coverage of methods over the grid's true distributions and sample sizes.

    Parameters
    ----------
    metrics : sequence of str
        Metrics to simulate (keys of ``grid``).
    methods : mapping of str to sequence of str, optional
        Methods per metric; every method of the metric by default (and for metrics the
        mapping leaves out).
    ns : sequence of int
        Answers per replicate.
    replicates : int
        Simulated samples per cell.
    seed : int
        Seed of the whole table. Every (metric, distribution, n) cell has its own stream
        derived from it, shared by the methods, so the methods of a cell are compared on
        the same samples (common random numbers).
    confidence_level : float
        Nominal level of the intervals.
    n_resamples : int
        Resamples (or posterior draws) per replicate for the resampling methods.
    grid : mapping of str to sequence of TrueDistribution
        True distributions per metric (default :data:`GRID`).

    Returns
    -------
    list of CoverageResult
        One per metric, distribution, n and method, in that nesting order, with
        ``distribution`` set to the distribution's name.

    Examples
    --------
    >>> from satisfy._simulation import coverage_table
    >>> rows = coverage_table(["share"], {"share": ["wilson", "wald"]}, [20], replicates=200)
    >>> len(rows), rows[0].distribution, rows[0].method, rows[1].method
    (10, 'poor', 'wilson', 'wald')
    """
    rows: list[CoverageResult] = []
    for metric in metrics:
        allowed = _entry(metric).interval_methods
        chosen = allowed if methods is None else methods.get(metric, allowed)
        for d_index, dist in enumerate(grid[metric]):
            for n in ns:
                at = (
                    METRICS.index(metric)
                    if metric in METRICS
                    else len(METRICS) + list(grid).index(metric)
                )
                cell_seed = [seed, at, d_index, int(n)]
                for method in chosen:
                    result = coverage(
                        metric,
                        method,
                        n,
                        dist.probabilities,
                        scale=dist.scale,
                        confidence_level=confidence_level,
                        replicates=replicates,
                        n_resamples=n_resamples,
                        rng=np.random.default_rng(cell_seed),
                    )
                    rows.append(attrs.evolve(result, distribution=dist.name))
    return rows


@attrs.frozen
class RejectionResult:
    """Type I error of a two-sample test: both groups drawn from one true distribution.

    Attributes
    ----------
    metric, method : str
    n : int
        Answers per group.
    rate : float
        Share of replicates whose p-value is below ``alpha`` (the nominal level).
    alpha : float
    replicates : int
    distribution : str
    """

    metric: str
    method: str
    n: int
    rate: float
    alpha: float
    replicates: int
    distribution: str = ""


def type_one_error(
    metric: str,
    method: str,
    n: int,
    probabilities: Sequence[float],
    *,
    scale: Scale | str | None = None,
    alpha: float = 0.05,
    replicates: int = 2000,
    n_resamples: int = DEFAULT_RESAMPLES,
    rng: np.random.Generator | int | None = None,
) -> RejectionResult:
    """How often the two-sample test of ``method`` rejects when there is no difference.

    Draws ``replicates`` pairs of groups of ``n`` answers from the same distribution and
    runs every comparison in one vectorised call of the library's two-sample code.

    Examples
    --------
    >>> from satisfy._simulation import GRID, type_one_error
    >>> r = type_one_error("nps", "adjusted-wald", 200, GRID["nps"][2].probabilities,
    ...                    replicates=500, rng=1)
    >>> 0.02 < r.rate < 0.08
    True
    """
    from ._contrast import make_side, two_sample

    entry = _entry(metric)
    if method not in entry.two_sample_methods:
        raise OptionError("method", method, entry.two_sample_methods)
    resolved = entry.default_scale if scale is None else as_scale(scale)
    p = _check_probabilities(probabilities, resolved)
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    defn = entry.definition(resolved)
    sides = []
    for _ in range(2):
        counts = generator.multinomial(n, p, size=replicates)
        sides.append(make_side(defn, counts, counts.astype(float), counts.astype(float), False))
    res = two_sample(
        defn,
        sides[0],
        sides[1],
        method=method,
        confidence_level=0.95,
        alternative="two-sided",
        n_resamples=n_resamples,
        rng=generator,
    )
    rate = float(np.mean(res["p_value"] < alpha))
    return RejectionResult(metric, method, int(n), rate, alpha, replicates)
