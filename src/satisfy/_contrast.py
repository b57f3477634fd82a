"""The two-sample and against-a-target engine: differences, intervals, tests and p-values
of a metric between two groups (or a group and a target), vectorised over pairs.

Every function works on arrays of per-group statistics (a :class:`Side`), so
:func:`satisfy.compare`, :func:`satisfy.compare_groups`, the frame adapters and the
simulations share one implementation. The statistical methods are cited where they are
implemented, in :mod:`satisfy._stats`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _definition as _d
from ._definition import Definition
from ._lazy import stats
from ._stats import nps as _nps
from ._stats import proportion as _prop
from ._stats import resampling as _resampling
from ._stats import two_sample as _two
from ._stats._common import check_confidence_level, z_value
from .errors import MethodError, OptionError, SatisfyError
from .estimate import ConfidenceInterval

__all__ = [
    "UNWEIGHTED_ONLY",
    "Side",
    "against_target",
    "check_alternative",
    "fisher",
    "gather",
    "make_side",
    "one_sided",
    "pair_stats",
    "per_group",
    "resolve_method",
    "take",
    "two_sample",
]

FloatArray = NDArray[np.float64]

UNWEIGHTED_ONLY = ("bootstrap", "fisher", "mann-whitney", "exact")


def check_alternative(alternative: str) -> _two.Alternative:
    for choice in _two.ALTERNATIVES:
        if alternative == choice:
            return choice
    raise OptionError("alternative", alternative, _two.ALTERNATIVES)


def resolve_method(
    kind: str, table: dict[str, tuple[str, ...]], method: str | None, weighted: bool
) -> str:
    choices = table[kind]
    chosen = choices[0] if method is None else method
    if chosen not in choices:
        raise OptionError("method", chosen, choices)
    if weighted and chosen in UNWEIGHTED_ONLY:
        allowed = [m for m in choices if m not in UNWEIGHTED_ONLY]
        raise MethodError(
            f"method={chosen!r} needs whole counts and cannot honour survey weights; for "
            f"weighted estimates choose one of {', '.join(map(repr, allowed))}"
        )
    return chosen


@attrs.frozen
class Side:
    """Per-group statistics of one side, arrays over pairs."""

    value: FloatArray  # metric unit
    se: FloatArray  # metric unit
    n_eff: FloatArray
    counts: NDArray[Any]  # raw counts per point (P, K)
    eff: FloatArray  # effective counts per category (P, C)
    collapsed: FloatArray  # effective counts per distinct coefficient (P, D)


def make_side(
    defn: Definition, counts: NDArray[Any], wsum: FloatArray, wsq: FloatArray, weighted: bool
) -> Side:
    counts_f = counts.astype(np.float64)
    ne = _d.effective_sizes(defn, counts_f, wsum, wsq, weighted=weighted)
    with np.errstate(invalid="ignore", divide="ignore"):
        cat = _d.category_counts(defn, wsum if weighted else counts_f)
        eff = cat / cat.sum(axis=1, keepdims=True) * ne[:, None]
        distinct, inverse = np.unique(defn.coefficients, return_inverse=True)
        source = wsum if weighted else counts_f
        collapsed = np.zeros((counts.shape[0], distinct.shape[0]))
        np.add.at(collapsed.T, inverse, source.T)
        collapsed = collapsed / collapsed.sum(axis=1, keepdims=True) * ne[:, None]
        return Side(
            _d.values(defn, wsum),
            _d.standard_errors(defn, counts_f, wsum, wsq, weighted=weighted),
            ne,
            counts,
            eff,
            collapsed,
        )


def one_sided(
    low: FloatArray, high: FloatArray, alternative: str, bound: float
) -> tuple[FloatArray, FloatArray]:
    if alternative == "greater":
        return low, np.full_like(high, bound)
    if alternative == "less":
        return np.full_like(low, -bound), high
    return low, high


def per_group(
    defn: Definition,
    s: Side,
    method: str,
    level: float,
    n_resamples: int,
    rng: np.random.Generator,
) -> dict[str, FloatArray]:
    """What ``method`` needs of each group, computed once per group (``compare_groups``
    then gathers these for its pairs instead of recomputing them for every pair). Every
    array has the groups on its first axis."""
    per: dict[str, FloatArray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        if defn.kind == "nps" and method in ("adjusted-wald", "wald"):
            d, m, p = s.eff[:, 0], s.eff[:, 1], s.eff[:, 2]
            if method == "adjusted-wald":
                d, m, p = (x + add for x, add in zip((d, m, p), _nps.ADJUSTMENT))
            n = d + m + p
            per["est"] = (p - d) / n
            per["var"] = _nps.variance_per_answer(d, m, p) / n
            per["value"] = s.value  # the observed value (the adjusted estimate moves)
        elif defn.kind == "share":
            p, n = s.value / 100, s.n_eff
            per.update(p=p, n=n, x=p * n, inv_n=1 / n)
            if method == "agresti-caffo":
                t = (p * n + 1) / (n + 2)
                per.update(t=t, t_var=t * (1 - t) / (n + 2))
            elif method == "wald":
                per["var"] = p * (1 - p) / n
            else:  # Newcombe's interval (also Fisher's), from each group's Wilson interval
                low, high = _prop.wilson(p, n, level)  # squared distances, in percent^2
                per.update(below2=((p - low) * 100) ** 2, above2=((high - p) * 100) ** 2)
        elif defn.kind == "mean" and method in ("welch", "mann-whitney"):
            # the design's degrees of freedom (n - 1), whatever the weights
            per.update(value=s.value, se=s.se, df=s.counts.sum(axis=1) - 1.0)
            if method == "mann-whitney":
                per["counts"] = s.counts.astype(np.float64)
        else:  # bootstrap and bayes: each group's draws, once (groups x draws)
            distinct = np.unique(defn.coefficients)
            draw = (
                _resampling.dirichlet_values if method == "bayes" else _resampling.bootstrap_values
            )
            per.update(value=s.value, draws=draw(s.collapsed, distinct, n_resamples, rng).T)
    return per


def take(per: dict[str, FloatArray], rows: NDArray[np.intp]) -> dict[str, FloatArray]:
    return {k: v[rows] for k, v in per.items()}


def pair_stats(
    defn: Definition,
    a: dict[str, FloatArray],
    b: dict[str, FloatArray],
    *,
    method: str,
    level: float,
    alternative: _two.Alternative,
) -> dict[str, FloatArray]:
    """Observed difference a - b, interval (in the metric's unit, inside +/- the metric's
    span and always containing the difference), statistic and p-value, from :func:`per_group`
    quantities of both sides (arrays over pairs)."""
    z = z_value(level)
    span = defn.high - defn.low
    out: dict[str, FloatArray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        if "est" in a:  # NPS, Wald on the (adjusted) trinomials
            diff = a["est"] - b["est"]
            se = np.sqrt(a["var"] + b["var"])
            stat, p = _two.z_test(diff, se, alternative)
            half = z * se
            # the difference is the observed one; the interval is centred on the method's
            # (adjusted) estimate of it, and widened below to hold the observed one
            observed = a["value"] - b["value"]
            out.update(difference=observed, low=(diff - half) * 100, high=(diff + half) * 100)
        elif defn.kind == "share":
            diff = a["p"] - b["p"]
            if method == "agresti-caffo":
                centre = a["t"] - b["t"]
                half = z * np.sqrt(a["t_var"] + b["t_var"])
                low, high = centre - half, centre + half
            elif method == "wald":
                half = z * np.sqrt(a["var"] + b["var"])
                low, high = diff - half, diff + half
            else:  # Newcombe (1998) method 10, in percent from the start
                diff100 = diff * 100
                low = np.sqrt(a["below2"] + b["above2"])
                np.subtract(diff100, low, out=low)
                high = np.sqrt(a["above2"] + b["below2"])
                high += diff100
            # the pooled score test (what every share method reports, Fisher apart)
            pooled = (a["x"] + b["x"]) / (a["n"] + b["n"])
            se = pooled * (1 - pooled)
            se *= a["inv_n"] + b["inv_n"]
            np.sqrt(se, out=se)
            stat, p = _two.z_test(diff, se, alternative)
            if method in ("newcombe", "fisher"):
                out.update(difference=diff100, low=low, high=high)
            else:
                out.update(difference=diff * 100, low=low * 100, high=high * 100)
        elif "se" in a:  # means: Welch (Mann-Whitney keeps Welch's interval)
            diff, se, df = _two.welch(a["value"], a["se"], a["df"], b["value"], b["se"], b["df"])
            stat, half, p = _two.t_test(diff, se, df, level, alternative)
            out.update(difference=diff, low=diff - half, high=diff + half)
            if method == "mann-whitney":
                stat, p, sup = _two.mann_whitney(a["counts"], b["counts"], alternative)
                out["superiority"] = sup
        else:  # bootstrap and bayes: differences of each side's draws
            draws = (a["draws"] - b["draws"]).T
            low, high = _resampling.percentile_interval(draws, level)
            diff = a["value"] - b["value"]
            stat, p = diff, _two.resampled_p(draws, alternative)
            out.update(difference=diff, low=low, high=high)
            if method == "bayes":
                out["probability"] = (draws > 0).mean(axis=0)
    out.update(statistic=np.asarray(stat, dtype=np.float64), p_value=np.asarray(p))
    low, high = one_sided(out["low"], out["high"], alternative, span)
    # an interval contains its estimate, whatever rounding or resampling did
    low = np.minimum(low, out["difference"])
    high = np.maximum(high, out["difference"])
    out["low"] = np.clip(low, -span, span, out=low)
    out["high"] = np.clip(high, -span, span, out=high)
    return out


def two_sample(
    defn: Definition,
    a: Side,
    b: Side,
    *,
    method: str,
    confidence_level: float,
    alternative: _two.Alternative,
    n_resamples: int,
    rng: np.random.Generator,
) -> dict[str, FloatArray]:
    """Difference a - b, interval, statistic and p-value for every pair (arrays)."""
    level = confidence_level if alternative == "two-sided" else 2 * confidence_level - 1
    per_a = per_group(defn, a, method, level, n_resamples, rng)
    per_b = per_group(defn, b, method, level, n_resamples, rng)
    out = pair_stats(defn, per_a, per_b, method=method, level=level, alternative=alternative)
    if method == "fisher":
        out["p_value"] = fisher(a, b, alternative)
    nan = np.full_like(a.value, np.nan)
    out.setdefault("probability", nan)
    out.setdefault("superiority", nan)
    # pair_stats's interval holds the observed difference (the adjusted Wald centre can move
    # past it at small n: a change of 200 points got the interval 20 to 180)
    return out


def fisher(a: Side, b: Side, alternative: _two.Alternative) -> FloatArray:
    xa = np.rint(a.value / 100 * a.n_eff).astype(np.int64)
    xb = np.rint(b.value / 100 * b.n_eff).astype(np.int64)
    na = np.rint(a.n_eff).astype(np.int64)
    nb = np.rint(b.n_eff).astype(np.int64)
    p = np.empty(xa.shape[0])
    for i in range(xa.shape[0]):  # scipy's exact test takes one table at a time
        table = np.array([[xa[i], na[i] - xa[i]], [xb[i], nb[i] - xb[i]]])
        p[i] = stats.fisher_exact(table, alternative=alternative).pvalue
    return p


def against_target(
    defn: Definition,
    a: Side,
    target: float,
    *,
    method: str,
    confidence_level: float,
    alternative: _two.Alternative,
) -> dict[str, FloatArray]:
    level = confidence_level if alternative == "two-sided" else 2 * confidence_level - 1
    nan = np.full_like(a.value, np.nan)
    # the difference is always the observed one; the interval is the method's
    out: dict[str, FloatArray] = {"probability": nan, "superiority": nan}
    observed = a.value - target
    if defn.kind == "nps":
        d, m, p = a.eff[:, 0], a.eff[:, 1], a.eff[:, 2]
        t = target / 100
        if method == "score":
            stat = _nps.score_statistic(d, p, d + m + p, np.full_like(d, t))
            low, high = _nps.score(d, m, p, level)
        else:
            if method == "adjusted-wald":
                d, m, p = (x + add for x, add in zip((d, m, p), _nps.ADJUSTMENT))
            n = d + m + p
            est = (p - d) / n
            se = np.sqrt(_nps.variance_per_answer(d, m, p) / n)
            stat, pv = _two.z_test(est - t, se, alternative)
            low, high = _nps.wald(d, m, p, level)
        if method == "score":
            pv = _two.normal_p(stat, alternative)
        out.update(difference=observed, low=low * 100 - target, high=high * 100 - target)
        out.update(statistic=stat, p_value=pv)
    elif defn.kind == "share":
        p0 = target / 100
        pa, n = a.value / 100, a.n_eff
        if method == "exact":
            x = np.rint(pa * n).astype(np.int64)
            nn = np.rint(n).astype(np.int64)
            pv = np.array(
                [
                    stats.binomtest(int(xi), int(ni), p0, alternative=alternative).pvalue
                    for xi, ni in zip(x, nn)
                ]
            )
            stat = pa - p0
            low, high = _prop.clopper_pearson(pa, n, level)
        else:
            spread = p0 * (1 - p0) if method == "wilson" else pa * (1 - pa)
            stat, pv = _two.z_test(pa - p0, np.sqrt(spread / n), alternative)
            interval = _prop.wilson if method == "wilson" else _prop.wald
            low, high = interval(pa, n, level)
        out.update(difference=observed, low=low * 100 - target, high=high * 100 - target)
        out.update(statistic=stat, p_value=pv)
    else:
        diff = a.value - target
        stat, half, pv = _two.t_test(diff, a.se, a.counts.sum(axis=1) - 1.0, level, alternative)
        out.update(difference=diff, low=diff - half, high=diff + half, statistic=stat, p_value=pv)
    # the difference from a target lives in [range low - target, range high - target]
    lo_end, hi_end = defn.low - target, defn.high - target
    if alternative == "greater":
        out["high"] = np.full_like(out["high"], hi_end)
    elif alternative == "less":
        out["low"] = np.full_like(out["low"], lo_end)
    # an interval contains the observed difference, whatever rounding (or the adjusted Wald
    # centre) did
    low = np.minimum(out["low"], out["difference"])
    high = np.maximum(out["high"], out["difference"])
    out["low"] = np.clip(low, lo_end, hi_end)
    out["high"] = np.clip(high, lo_end, hi_end)
    return out


def gather(side: Side, rows: NDArray[np.intp]) -> Side:
    return Side(
        side.value[rows],
        side.se[rows],
        side.n_eff[rows],
        side.counts[rows],
        side.eff[rows],
        side.collapsed[rows],
    )


def stored_or_again(
    result: Any,
    again: Callable[[float, str | None], Any] | None,
    confidence_level: float | None,
    method: str | None,
    call: str,
) -> ConfidenceInterval:
    """The interval a comparison result holds (``low``, ``high`` at its ``confidence_level``
    by its ``method``), or, for another level or method, the interval of the result that
    ``again(level, method)`` computes anew; ``call`` names the function to call again when
    the result cannot recompute itself."""
    same_method = method is None or method == result.method
    if (confidence_level is None or confidence_level == result.confidence_level) and same_method:
        return ConfidenceInterval(result.low, result.high, result.confidence_level, result.method)
    level = result.confidence_level if confidence_level is None else confidence_level
    check_confidence_level(level)
    if again is None:
        raise SatisfyError(
            "this result cannot be recomputed at another level or by another method: "
            f"call {call} again with confidence_level= and method="
        )
    interval: ConfidenceInterval = again(
        level, None if same_method else method
    ).confidence_interval()
    return interval
