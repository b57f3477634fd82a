"""Confidence intervals for a net score ``pP - pD`` on a trinomial, vectorised.

Arguments are (effective) category counts ``d`` (detractors), ``m`` (passives) and ``p``
(promoters) as float arrays; results are fractions in [-1, 1].

References
----------
Rocks, B. (2016). Interval estimation for the "Net Promoter Score". *The American
Statistician* 70(4), 365-372. arXiv:1601.07235.
Tango, T. (1998). Equivalence test and confidence interval for the difference in
proportions for the paired-sample design. *Statistics in Medicine* 17, 891-908.
"""

from __future__ import annotations

import numpy as np

from ._common import FloatArray, z_value

#: Pseudo-observations of the adjusted Wald interval: 3/4 detractor, 3/2 passive and
#: 3/4 promoter (Rocks 2016).
ADJUSTMENT = (0.75, 1.5, 0.75)


def variance_per_answer(d: FloatArray, m: FloatArray, p: FloatArray) -> FloatArray:
    """Variance of one answer's score (+1, 0, -1): ``pP + pD - (pP - pD)^2``."""
    n = d + m + p
    pd, pp = d / n, p / n
    return pp + pd - (pp - pd) ** 2


def wald(
    d: FloatArray, m: FloatArray, p: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """Wald interval on the trinomial: ``nps +/- z sqrt((pP + pD - nps^2) / n)``."""
    z = z_value(confidence_level)
    n = d + m + p
    nps = (p - d) / n
    half = z * np.sqrt(variance_per_answer(d, m, p) / n)
    return np.clip(nps - half, -1, 1), np.clip(nps + half, -1, 1)


def adjusted_wald(
    d: FloatArray, m: FloatArray, p: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """Adjusted Wald (Rocks 2016): the Wald interval after adding 3/4 detractor,
    3/2 passive and 3/4 promoter pseudo-observations."""
    a_d, a_m, a_p = ADJUSTMENT
    return wald(d + a_d, m + a_m, p + a_p, confidence_level)


def _constrained_detractor_share(
    d: FloatArray, p: FloatArray, n: FloatArray, delta: FloatArray
) -> FloatArray:
    """Maximum-likelihood detractor share under ``pP - pD = delta`` (closed form, the
    quadratic of Tango 1998 with promoters and detractors as the discordant cells)."""
    a = 2 * n
    b = -(d + p) + delta * (2 * n - p + d)
    c = -d * delta * (1 - delta)
    disc = np.maximum(b * b - 4 * a * c, 0.0)
    return np.clip((-b + np.sqrt(disc)) / (2 * a), 0.0, 1.0)


def score_statistic(d: FloatArray, p: FloatArray, n: FloatArray, delta: FloatArray) -> FloatArray:
    """Score statistic for ``H0: pP - pD = delta``: ``(nps - delta) / sqrt(V(delta) / n)``
    with ``V(delta) = 2 q + delta (1 - delta)``, ``q`` the constrained detractor share."""
    q = _constrained_detractor_share(d, p, n, delta)
    var = np.maximum(2 * q + delta * (1 - delta), 0.0) / n
    diff = (p - d) / n - delta
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(var > 0, diff / np.sqrt(np.where(var > 0, var, 1.0)), 0.0)
    infinite = np.where(diff > 0, np.inf, -np.inf)
    return np.where((var == 0) & (diff != 0), infinite, stat)


def score(
    d: FloatArray, m: FloatArray, p: FloatArray, confidence_level: float, *, tol: float = 1e-12
) -> tuple[FloatArray, FloatArray]:
    """Score interval (Rocks 2016, after Tango 1998): every ``delta`` whose score
    statistic lies within +/- z, found by bisection on each side of the estimate
    (vectorised over groups; 60 halvings of [-1, 1] reach 1e-12)."""
    z = z_value(confidence_level)
    n = d + m + p
    nps = (p - d) / n

    def solve(lo: FloatArray, hi: FloatArray, target: float) -> FloatArray:
        # score_statistic decreases in delta; find delta with statistic == target
        lo, hi = lo.copy(), hi.copy()
        for _ in range(64):
            mid = (lo + hi) / 2
            above = score_statistic(d, p, n, mid) > target
            lo = np.where(above, mid, lo)
            hi = np.where(above, hi, mid)
            if np.all(hi - lo < tol):
                break
        return (lo + hi) / 2

    minus_one = np.full_like(nps, -1.0)
    plus_one = np.full_like(nps, 1.0)
    low = solve(minus_one, nps, z)
    high = solve(nps, plus_one, -z)
    return np.clip(low, -1, 1), np.clip(high, -1, 1)


METHODS = {"adjusted-wald": adjusted_wald, "wald": wald, "score": score}
