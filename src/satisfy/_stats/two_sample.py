"""Two-sample differences, vectorised over a leading axis of pairs.

Proportions are fractions and NPS a difference of fractions at this level.

References
----------
Newcombe, R. G. (1998). Interval estimation for the difference between independent
proportions: comparison of eleven methods. *Statistics in Medicine* 17, 873-890 (method
10, the hybrid score interval from two Wilson intervals).
Agresti, A. and Caffo, B. (2000). Simple and effective confidence intervals for
proportions and differences of proportions result from adding two successes and two
failures. *The American Statistician* 54, 280-288.
Welch, B. L. (1947). The generalization of "Student's" problem when several different
population variances are involved. *Biometrika* 34, 28-35.
Mann, H. B. and Whitney, D. R. (1947). On a test of whether one of two random variables
is stochastically larger than the other. *Annals of Mathematical Statistics* 18, 50-60.
Rocks, B. (2016). Interval estimation for the "Net Promoter Score". *The American
Statistician* 70(4), 365-372 (NPS differences with pseudo-observations per group).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from scipy import special

from .._lazy import stats
from . import nps as _nps
from . import proportion as _prop
from ._common import FloatArray, z_value

_SQRT_HALF = float(np.sqrt(0.5))

Alternative = Literal["two-sided", "greater", "less"]
ALTERNATIVES: tuple[Alternative, ...] = ("two-sided", "greater", "less")


def normal_p(z: FloatArray, alternative: Alternative) -> FloatArray:
    """p-value of a standard normal statistic (``greater`` means a - b > 0)."""
    if alternative == "greater":
        return np.asarray(special.ndtr(-z))
    if alternative == "less":
        return np.asarray(special.ndtr(z))
    # 2 ndtr(-|z|) = erfc(|z| / sqrt 2), at most 1, and erfc is the faster of the two
    return np.asarray(special.erfc(np.abs(z) * _SQRT_HALF))


def t_p(t: FloatArray, df: FloatArray, alternative: Alternative) -> FloatArray:
    if alternative == "greater":
        return np.asarray(stats.t.sf(t, df))
    if alternative == "less":
        return np.asarray(stats.t.cdf(t, df))
    return np.asarray(np.minimum(1.0, 2 * stats.t.sf(np.abs(t), df)))


def limit_statistic(diff: FloatArray, se: FloatArray) -> FloatArray:
    """``diff / se``, with its limit where ``se`` is 0: +/-inf for a nonzero difference
    (a difference measured without error), 0 for none. 0 where ``se`` is NaN."""
    diff, se = np.asarray(diff, dtype=np.float64), np.asarray(se, dtype=np.float64)
    spread = se > 0
    if spread.all():  # the usual case, without the masks
        return np.asarray(diff / se)
    with np.errstate(divide="ignore", invalid="ignore"):
        limit = np.where((se == 0) & (diff != 0), np.sign(diff) * np.inf, 0.0)
        return np.asarray(np.where(spread, diff / np.where(spread, se, 1.0), limit))


def z_test(
    diff: FloatArray, se: FloatArray, alternative: Alternative
) -> tuple[FloatArray, FloatArray]:
    """Statistic and p-value of a z (Wald or score) test of ``diff`` with standard error
    ``se``, every z test's one door.

    Where ``se`` is 0 the test takes its limit, as :func:`t_test` does: a nonzero difference
    gives a statistic of +/-inf and p = 0 on its side (as ``scipy.stats.binomtest`` and
    statsmodels' ``test_proportions_2indep`` give), no difference gives p = 1. Where ``se``
    is NaN (no spread can be estimated) p is 1.
    """
    if np.all(se > 0):  # the usual case, without the masks
        stat = np.asarray(diff / se)
        return stat, normal_p(stat, alternative)
    stat = limit_statistic(diff, se)
    p = normal_p(stat, alternative)
    unknown = np.isnan(se)
    return stat, np.asarray(np.where(unknown, 1.0, p)) if unknown.any() else p


def t_test(
    diff: FloatArray,
    se: FloatArray,
    df: FloatArray | None,
    confidence_level: float,
    alternative: Alternative,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Statistic, interval half-width and p-value of ``diff`` with standard error ``se``:
    Student t on ``df`` degrees of freedom, or the normal when ``df`` is None.

    Where ``se`` is 0 (every answer alike: no spread observed) the interval shrinks to the
    difference, as the one-sample t interval does, and the test takes its limit (statistic
    0 or +/-inf), as scipy's ``ttest_ind`` does for a nonzero difference. Where ``se`` is NaN
    (a single answer: no spread can be estimated) the half-width is NaN and p is 1.
    """
    diff, se = np.asarray(diff, dtype=np.float64), np.asarray(se, dtype=np.float64)
    spread, flat = se > 0, se == 0
    stat = limit_statistic(diff, se)
    with np.errstate(divide="ignore", invalid="ignore"):
        q: FloatArray
        if df is None:
            q = np.full(np.shape(se), z_value(confidence_level))
            p_spread = normal_p(stat, alternative)
        else:
            safe_df = np.where(spread, df, 1.0)
            q = np.asarray(stats.t.ppf(0.5 + confidence_level / 2, safe_df), dtype=np.float64)
            p_spread = t_p(stat, safe_df, alternative)
        half = np.where(spread, q * se, np.where(flat, 0.0, np.nan))
    p = np.where(spread, p_spread, np.where(flat, normal_p(stat, alternative), 1.0))
    return stat, half, p


def nps_diff(
    a: tuple[FloatArray, FloatArray, FloatArray],
    b: tuple[FloatArray, FloatArray, FloatArray],
    *,
    adjusted: bool,
) -> tuple[FloatArray, FloatArray]:
    """Difference of two net scores and its standard error (Wald), after adding the
    pseudo-observations of Rocks (2016) to each group when ``adjusted``."""
    if adjusted:
        a = tuple(x + add for x, add in zip(a, _nps.ADJUSTMENT))  # type: ignore[assignment]
        b = tuple(x + add for x, add in zip(b, _nps.ADJUSTMENT))  # type: ignore[assignment]
    na = a[0] + a[1] + a[2]
    nb = b[0] + b[1] + b[2]
    diff = (a[2] - a[0]) / na - (b[2] - b[0]) / nb
    var = _nps.variance_per_answer(*a) / na + _nps.variance_per_answer(*b) / nb
    return diff, np.sqrt(var)


def newcombe(
    pa: FloatArray, na: FloatArray, pb: FloatArray, nb: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """Newcombe's (1998) method 10: the hybrid score interval from two Wilson intervals."""
    la, ua = _prop.wilson(pa, na, confidence_level)
    lb, ub = _prop.wilson(pb, nb, confidence_level)
    d = pa - pb
    low = d - np.sqrt((pa - la) ** 2 + (ub - pb) ** 2)
    high = d + np.sqrt((ua - pa) ** 2 + (pb - lb) ** 2)
    return np.clip(low, -1, 1), np.clip(high, -1, 1)


def agresti_caffo(
    pa: FloatArray, na: FloatArray, pb: FloatArray, nb: FloatArray, z: float
) -> tuple[FloatArray, FloatArray]:
    """Agresti-Caffo (2000): Wald after adding one success and one failure to each group."""
    ta = (pa * na + 1) / (na + 2)
    tb = (pb * nb + 1) / (nb + 2)
    half = z * np.sqrt(ta * (1 - ta) / (na + 2) + tb * (1 - tb) / (nb + 2))
    d = ta - tb
    return np.clip(d - half, -1, 1), np.clip(d + half, -1, 1)


def wald_share(
    pa: FloatArray, na: FloatArray, pb: FloatArray, nb: FloatArray, z: float
) -> tuple[FloatArray, FloatArray]:
    half = z * np.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    d = pa - pb
    return np.clip(d - half, -1, 1), np.clip(d + half, -1, 1)


def pooled_se(pa: FloatArray, na: FloatArray, pb: FloatArray, nb: FloatArray) -> FloatArray:
    """Standard error of ``pa - pb`` under ``pa == pb`` (the pooled share): the score test's
    denominator, 0 when both shares are 0 or both 1."""
    pooled = (pa * na + pb * nb) / (na + nb)
    return np.asarray(np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)))


def welch(
    ma: FloatArray,
    sa: FloatArray,
    dfa: FloatArray,
    mb: FloatArray,
    sb: FloatArray,
    dfb: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Welch's difference, its standard error and Welch-Satterthwaite degrees of freedom,
    from each group's mean, standard error and degrees of freedom."""
    va, vb = sa * sa, sb * sb
    se = np.sqrt(va + vb)
    with np.errstate(divide="ignore", invalid="ignore"):
        # a group without spread adds nothing to the denominator, whatever its df (a
        # weighted group of n_eff = 1 has df 0)
        part_a = np.where(va > 0, va * va / dfa, 0.0)
        part_b = np.where(vb > 0, vb * vb / dfb, 0.0)
        df = (va + vb) ** 2 / (part_a + part_b)
    return ma - mb, se, df


#: scipy's ``method="auto"``: the exact distribution when one sample has at most this many
#: answers and no two answers tie
EXACT_MANN_WHITNEY = 8


def _u_counts(small: int, large: int) -> FloatArray:
    """Number of orderings of ``small`` and ``large`` distinct answers giving each U, for
    every pair of sizes up to those: shape (small + 1, large + 1, small * large + 1).

    The counting recursion of Mann and Whitney (1947): the largest answer belongs to the
    first sample (which adds ``n`` to U) or to the second,
    ``f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u)``. The loop runs over the sizes (at
    most 8 times the number of points), never over groups or pairs."""
    f = np.zeros((small + 1, large + 1, small * large + 1))
    f[0, :, 0] = 1.0
    f[:, 0, 0] = 1.0
    for m in range(1, small + 1):
        for n in range(1, large + 1):
            f[m, n, n:] = f[m - 1, n, :-n]
            f[m, n] += f[m, n - 1]
    return f


def _exact_sf(u: FloatArray, m: FloatArray, n: FloatArray) -> FloatArray:
    """``P(U >= u)`` under the null for samples of ``m`` and ``n`` distinct answers."""
    small = np.minimum(m, n).astype(np.intp)
    large = np.maximum(m, n).astype(np.intp)
    f = _u_counts(int(small.max(initial=0)), int(large.max(initial=0)))
    tail = np.cumsum(f[..., ::-1], axis=-1)[..., ::-1]  # counts of U >= u
    total = f.sum(axis=-1)
    k = np.clip(np.ceil(u - 1e-9).astype(np.intp), 0, f.shape[-1] - 1)
    return np.asarray(np.where(u > small * large, 0.0, tail[small, large, k] / total[small, large]))


def mann_whitney(
    ca: FloatArray, cb: FloatArray, alternative: Alternative
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Mann-Whitney U of group a, its p-value, and the probability of superiority
    ``P(A > B) + P(A = B) / 2``, from counts per point.

    The p-value is chosen as ``scipy.stats.mannwhitneyu(method="auto")`` chooses it: exact
    (the null distribution of U by the counting recursion of Mann and Whitney 1947) when
    one group has at most 8 answers and no two answers tie; otherwise the normal
    approximation with tie correction and continuity correction."""
    na = ca.sum(axis=-1)
    nb = cb.sum(axis=-1)
    below_b = np.cumsum(cb, axis=-1) - cb
    u = (ca * (below_b + 0.5 * cb)).sum(axis=-1)
    mu = na * nb / 2
    n = na + nb
    t = ca + cb
    with np.errstate(divide="ignore", invalid="ignore"):
        ties = (t**3 - t).sum(axis=-1) / (n * (n - 1))
        sd = np.sqrt(na * nb / 12 * ((n + 1) - ties))
        if alternative == "two-sided":
            z = (np.abs(u - mu) - 0.5) / sd
            p = np.minimum(1.0, 2 * special.ndtr(-z))
        elif alternative == "greater":
            p = special.ndtr(-(u - mu - 0.5) / sd)
        else:
            p = special.ndtr(-((na * nb - u) - mu - 0.5) / sd)
        p = np.where(sd > 0, p, 1.0)
        superiority = u / (na * nb)
    exact = (np.minimum(na, nb) <= EXACT_MANN_WHITNEY) & np.all(t <= 1, axis=-1) & (sd > 0)
    if np.any(exact):
        ue, ae, be = u[exact], na[exact], nb[exact]
        if alternative == "two-sided":
            pe = np.minimum(1.0, 2 * _exact_sf(np.maximum(ue, ae * be - ue), ae, be))
        elif alternative == "greater":
            pe = _exact_sf(ue, ae, be)
        else:
            pe = _exact_sf(ae * be - ue, ae, be)
        p = np.array(p, dtype=np.float64, copy=True)
        p[exact] = pe
    return u, np.asarray(p), superiority


def resampled_p(draws: FloatArray, alternative: Alternative) -> FloatArray:
    """p-value of ``H0: difference = 0`` from resampled differences (shape B x P): the
    share of draws on the far side of 0, with the usual +1 smoothing."""
    b = draws.shape[0]
    below = ((draws <= 0).sum(axis=0) + 1) / (b + 1)
    above = ((draws >= 0).sum(axis=0) + 1) / (b + 1)
    if alternative == "greater":
        return np.asarray(below)
    if alternative == "less":
        return np.asarray(above)
    return np.asarray(np.minimum(1.0, 2 * np.minimum(below, above)))
