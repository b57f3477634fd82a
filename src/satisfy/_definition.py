"""A metric as a linear functional of a tally's weighted shares, and its intervals.

Every metric in scope is ``value = sum_k c_k p_k`` over the scale's points, with ``p_k``
the weighted shares and ``c`` the metric's coefficients in the reported unit:

- NPS: +100 for promoters, -100 for detractors, 0 for passives (points);
- shares (CSAT, top/bottom box, threshold): 100 for counted points, else 0 (percent);
- means: the point's value (scale units), or its POMP score (0-100).

So one variance formula serves all of them, by linearisation from the tally's squared
weight sums: ``V = sum_k wsq_k (c_k - value)^2 / W^2`` (``W`` the total weight), which is
``p(1-p)/n`` for a share and ``(pP + pD - nps^2)/n`` for NPS when unweighted. For means the
factor ``n / (n - 1)`` makes it the usual ``s^2 / n``.

Weighted answers are a survey design (each answer its own primary sampling unit, one
stratum): the variance is the design's linearised (Taylor) variance, ``n / (n - 1) V`` for
every metric, as R's ``svymean`` gives it (Lumley 2010, ch. 2; Wolter 2007, ch. 6). The
interval methods of shares and NPS then use the design's effective sample size, the
per-answer variance ``sum_k p_k (c_k - value)^2`` over the design variance (Korn and
Graubard 1998), so the standard error and the interval agree; the degrees of freedom are
the design's (``n - 1``). Kish's ``n_eff`` stays a reported diagnostic of the weights.
All functions here work on ``G x K`` arrays, one row per group.

References
----------
Korn, E. L. and Graubard, B. I. (1998). Confidence intervals for proportions with small
expected number of positive counts estimated from survey data. *Survey Methodology* 24,
193-201.
Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley.
Wolter, K. M. (2007). *Introduction to Variance Estimation*, 2nd ed. Springer.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from ._stats import nps as _nps
from ._stats import proportion as _prop
from ._stats import resampling as _resampling
from ._stats._common import check_confidence_level
from .errors import MethodError, OptionError
from .scales import Scale

Kind = Literal["nps", "share", "mean"]
FloatArray = NDArray[np.float64]

METHODS: dict[str, tuple[str, ...]] = {
    "nps": ("adjusted-wald", "wald", "score", "bootstrap", "bootstrap-percentile", "bayes"),
    "share": (
        "wilson",
        "agresti-coull",
        "clopper-pearson",
        "jeffreys",
        "wald",
        "korn-graubard",
        "logit",
        "bootstrap",
        "bootstrap-percentile",
    ),
    "mean": ("t", "bootstrap", "bootstrap-percentile"),
}
DEFAULT_METHOD: dict[str, str] = {"nps": "adjusted-wald", "share": "wilson", "mean": "t"}
#: Methods comparing two independent estimates, by kind, the default first.
TWO_SAMPLE_METHODS: dict[str, tuple[str, ...]] = {
    "nps": ("adjusted-wald", "wald", "bootstrap", "bayes"),
    "share": ("newcombe", "agresti-caffo", "wald", "fisher"),
    "mean": ("welch", "mann-whitney", "bootstrap"),
}
#: Methods comparing an estimate with a target value, by kind, the default first.
TARGET_METHODS: dict[str, tuple[str, ...]] = {
    "nps": ("adjusted-wald", "wald", "score"),
    "share": ("wilson", "wald", "exact"),
    "mean": ("t",),
}
#: Methods comparing the same customers' answers twice, by kind, the default first.
PAIRED_METHODS: dict[str, tuple[str, ...]] = {
    "nps": ("paired-wald",),
    "share": ("mcnemar", "mcnemar-exact", "mcnemar-cc"),
    "mean": ("paired-t",),
}
METHOD_NAMES = {
    "adjusted-wald": "adjusted Wald",
    "wald": "Wald",
    "score": "score",
    "bootstrap": "bootstrap BCa",
    "bootstrap-percentile": "bootstrap percentile",
    "bayes": "Bayes, Jeffreys prior",
    "wilson": "Wilson",
    "agresti-coull": "Agresti-Coull",
    "clopper-pearson": "Clopper-Pearson",
    "jeffreys": "Jeffreys",
    "korn-graubard": "Korn-Graubard",
    "logit": "logit",
    "t": "t",
}
_UNWEIGHTED_ONLY = ("bootstrap", "bootstrap-percentile")
#: the methods that draw (``n_resamples`` and ``rng`` matter only to these)
RESAMPLING_METHODS = ("bootstrap", "bootstrap-percentile", "bayes")


def _to_tuple(values: Any) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen
class Definition:
    """What a metric is: its coefficients over the scale's points, range and categories.

    ``name`` is the display label (``"NPS"``, ``"top box"``); ``metric`` the registry name
    (see :data:`satisfy.METRICS`, whose entries build definitions)."""

    name: str
    kind: Kind
    scale: Scale
    coef: tuple[float, ...] = attrs.field(converter=_to_tuple)
    low: float
    high: float
    unit: str
    #: (category name, point indices) pairs, in display order
    categories: tuple[tuple[str, tuple[int, ...]], ...] = attrs.field(converter=_to_tuple)
    #: a short description of the options, for reprs and to_dict (e.g. "top 2 boxes")
    detail: str = ""
    #: the metric's registry name (``"nps"``, ``"csat"``...; empty for an unregistered one)
    metric: str = attrs.field(default="", kw_only=True)

    @property
    def coefficients(self) -> FloatArray:
        return np.asarray(self.coef, dtype=np.float64)


def weight_by_coefficient(defn: Definition, wsum: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The distinct coefficients and each group's weight on each of them (G x D)."""
    distinct, inverse = np.unique(defn.coefficients, return_inverse=True)
    if distinct.shape[0] == defn.coefficients.shape[0]:
        return defn.coefficients, np.asarray(wsum, dtype=np.float64)
    indicator = np.zeros((inverse.shape[0], distinct.shape[0]))
    indicator[np.arange(inverse.shape[0]), inverse] = 1.0
    return distinct, np.asarray(wsum @ indicator)


def values(defn: Definition, wsum: FloatArray) -> FloatArray:
    """The metric per group (NaN for a group with no weight).

    Computed as ``sum_j c_j (W_j / W)`` over the distinct coefficients, with ``W`` the sum
    of the ``W_j``: when all the weight is on one coefficient its share is exactly 1, so a
    share is exactly 0 or 100 and an NPS exactly -100, 0 or 100, whatever the weights
    (dividing the weighted sum by the total weight would give 99.99999999999999).
    """
    coef, by_coef = weight_by_coefficient(defn, wsum)
    total = by_coef.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = (by_coef / total[:, None]) @ coef
    # a weighted mean of the coefficients lies between them; rounding may step out by 1 ulp
    return np.asarray(np.clip(value, coef.min(), coef.max()))


def standard_errors(
    defn: Definition,
    counts: FloatArray,
    wsum: FloatArray,
    wsq: FloatArray,
    *,
    weighted: bool = False,
) -> FloatArray:
    """Linearised standard error per group (see the module notes): the design's, with the
    factor ``n / (n - 1)``, for weighted answers and for means."""
    return np.asarray(np.sqrt(variances(defn, counts, wsum, wsq, weighted=weighted)))


def variances(
    defn: Definition,
    counts: FloatArray,
    wsum: FloatArray,
    wsq: FloatArray,
    *,
    weighted: bool = False,
) -> FloatArray:
    """Variance of the estimate per group, in the metric's unit squared (NaN where the
    design variance needs two answers and there is one)."""
    c = defn.coefficients
    v = values(defn, wsum)
    total = wsum.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (wsq * (c[None, :] - v[:, None]) ** 2).sum(axis=1) / total**2
        design = weighted_rows(counts, wsum, wsq) if weighted else np.zeros(var.shape, bool)
        if defn.kind == "mean":
            design[:] = True
        n = counts.sum(axis=1)
        factor = np.where(n > 1, n / np.where(n > 1, n - 1, 1), np.nan)
        var = np.where(design, var * factor, var)
    return np.asarray(var)


def weighted_rows(counts: FloatArray, wsum: FloatArray, wsq: FloatArray) -> NDArray[np.bool_]:
    """Per group, whether some weight differs from 1 (a tally's ``is_weighted``): a group
    whose weights are all 1 is a simple random sample, whatever the other groups' are."""
    return np.asarray(~(np.all(wsum == counts, axis=1) & np.all(wsq == counts, axis=1)))


def per_answer_variances(defn: Definition, wsum: FloatArray) -> FloatArray:
    """``sum_k p_k (c_k - value)^2`` per group: the variance of one answer's coefficient
    under the weighted shares (``p(1-p)`` in percent^2 for a share)."""
    c = defn.coefficients
    v = values(defn, wsum)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = wsum / wsum.sum(axis=1, keepdims=True)
        return np.asarray((shares * (c[None, :] - v[:, None]) ** 2).sum(axis=1))


def effective_sizes(
    defn: Definition,
    counts: FloatArray,
    wsum: FloatArray,
    wsq: FloatArray,
    *,
    weighted: bool,
    variance: FloatArray | None = None,
) -> FloatArray:
    """The sample size the interval methods of shares and NPS take per group: ``n``
    unweighted; weighted, the design's effective sample size, per-answer variance over the
    estimate's design variance (``variance``, or the weights-only design's), so that the
    interval agrees with the standard error (Korn and Graubard 1998). Where that ratio is
    0/0 (every answer on one coefficient) Kish's ``n_eff`` stands in."""
    n = np.asarray(counts.sum(axis=1), dtype=np.float64)
    if not weighted and variance is None:
        return n
    var = variances(defn, counts, wsum, wsq, weighted=True) if variance is None else variance
    unit = per_answer_variances(defn, wsum)
    kish = n_eff(wsum, wsq)
    with np.errstate(invalid="ignore", divide="ignore"):
        design = np.where((unit > 0) & (var > 0), unit / var, kish)
    if variance is None:  # groups whose weights are all 1 are simple random samples
        design = np.where(weighted_rows(counts, wsum, wsq), design, n)
    return np.asarray(design)


def degrees_of_freedom(counts: FloatArray) -> FloatArray:
    """The weights-only design's degrees of freedom per group: answers minus one."""
    return np.asarray(counts.sum(axis=1) - 1.0, dtype=np.float64)


def category_counts(defn: Definition, counts: NDArray[Any]) -> NDArray[Any]:
    """Counts (or weight sums) per category, G x C."""
    return np.stack([counts[:, list(idx)].sum(axis=1) for _, idx in defn.categories], axis=1)


def n_eff(wsum: FloatArray, wsq: FloatArray) -> FloatArray:
    tw = wsum.sum(axis=1)
    sq = wsq.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(sq > 0, tw * tw / np.where(sq > 0, sq, 1), 0.0))


def resolve_method(defn: Definition, method: str | None, *, weighted: bool) -> str:
    chosen = DEFAULT_METHOD[defn.kind] if method is None else method
    if chosen not in METHODS[defn.kind]:
        raise OptionError("method", chosen, METHODS[defn.kind])
    if weighted and chosen in _UNWEIGHTED_ONLY:
        allowed = [m for m in METHODS[defn.kind] if m not in _UNWEIGHTED_ONLY]
        raise MethodError(
            f"method={chosen!r} resamples answers from the tally and cannot honour survey "
            f"weights; for weighted estimates choose one of {', '.join(map(repr, allowed))}"
        )
    return chosen


@np.errstate(divide="ignore", invalid="ignore")
def intervals(
    defn: Definition,
    counts: NDArray[Any],
    wsum: FloatArray,
    wsq: FloatArray,
    *,
    confidence_level: float,
    method: str,
    weighted: bool,
    n_resamples: int,
    rng: np.random.Generator,
    variance: FloatArray | None = None,
    df: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Interval ends per group, in the metric's unit and inside its range.

    ``variance`` and ``df`` are a survey design's variance of each group's estimate and
    its degrees of freedom (clusters, strata); without them weighted answers are the
    weights-only design (see the module notes).

    Groups with no answers (or no weight) come out as NaN or meaningless numbers, with the
    arithmetic warnings silenced here once; callers mask them by ``n``.
    """
    level = check_confidence_level(confidence_level)
    counts_f = np.asarray(counts, dtype=np.float64)
    v = values(defn, wsum)
    design = weighted or variance is not None
    ne = effective_sizes(defn, counts_f, wsum, wsq, weighted=design, variance=variance)
    dof = degrees_of_freedom(counts_f) if df is None else df
    scale_to_unit = 100.0
    if defn.kind == "nps":
        # effective category counts: weighted shares times the effective sample size
        cat = category_counts(defn, wsum)
        with np.errstate(invalid="ignore", divide="ignore"):
            eff = cat / cat.sum(axis=1, keepdims=True) * ne[:, None]
        d, m, p = eff[:, 0], eff[:, 1], eff[:, 2]
        if method in _nps.METHODS:
            low, high = _nps.METHODS[method](d, m, p, level)
            return contain(low * scale_to_unit, high * scale_to_unit, v)
    elif defn.kind == "share":
        if method in _prop.METHODS:
            low, high = _prop.METHODS[method](v / 100.0, ne, level)
            return contain(low * scale_to_unit, high * scale_to_unit, v)
        if method in _prop.DESIGN_METHODS:
            rows = counts_f.sum(axis=1)
            low, high = _prop.DESIGN_METHODS[method](v / 100.0, ne, level, dof, rows)
            return contain(low * scale_to_unit, high * scale_to_unit, v)
    elif method == "t":
        from scipy import stats

        if variance is None:
            se = standard_errors(defn, counts_f, wsum, wsq, weighted=weighted)
        else:
            se = np.sqrt(variance)
        with np.errstate(invalid="ignore"):
            q = stats.t.ppf(0.5 + level / 2, np.where(dof > 0, dof, np.nan))
        low, high = v - q * se, v + q * se
        return contain(np.clip(low, defn.low, defn.high), np.clip(high, defn.low, defn.high), v)
    # resampling methods work on the distinct coefficient values (categories)
    low, high = _resampled(defn, counts_f, wsum, ne, level, method, weighted, n_resamples, rng)
    return contain(low, high, v)


def contain(low: FloatArray, high: FloatArray, value: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Widen an interval to its estimate where rounding (or an interval method that may
    exclude it: Jeffreys at very few effective successes, BCa, percentile) left it out; an
    interval always contains its estimate. NaN ends stay NaN."""
    return np.asarray(np.minimum(low, value)), np.asarray(np.maximum(high, value))


def _resampled(
    defn: Definition,
    counts_f: FloatArray,
    wsum: FloatArray,
    ne: FloatArray,
    level: float,
    method: str,
    weighted: bool,
    n_resamples: int,
    rng: np.random.Generator,
) -> tuple[FloatArray, FloatArray]:
    coef = defn.coefficients
    distinct, inverse = np.unique(coef, return_inverse=True)
    source = wsum if weighted else counts_f
    collapsed = np.zeros((counts_f.shape[0], distinct.shape[0]))
    np.add.at(collapsed.T, inverse, source.T)
    if weighted:  # effective counts: weighted shares times Kish's n_eff
        with np.errstate(invalid="ignore", divide="ignore"):
            collapsed = collapsed / collapsed.sum(axis=1, keepdims=True) * ne[:, None]
    if method == "bayes":
        draws = _resampling.dirichlet_values(collapsed, distinct, n_resamples, rng)
        low, high = _resampling.percentile_interval(draws, level)
    else:
        boot = _resampling.bootstrap_values(collapsed, distinct, n_resamples, rng)
        if method == "bootstrap":
            low, high = _resampling.bca_interval(boot, collapsed, distinct, level)
        else:
            low, high = _resampling.percentile_interval(boot, level)
    return np.clip(low, defn.low, defn.high), np.clip(high, defn.low, defn.high)
