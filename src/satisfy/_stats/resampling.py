"""Bootstrap and Bayesian intervals computed from category counts, never from raw rows.

A tally is a multinomial sample, so resampling the answers with replacement is the same
as drawing new category counts from ``Multinomial(n, counts / n)``: the cost is
O(resamples x categories), whatever the number of answers.

References
----------
Efron, B. (1987). Better bootstrap confidence intervals. *JASA* 82, 171-185 (BCa).
Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 14
(the jackknife estimate of the acceleration).
Rocks, B. (2016). Interval estimation for the "Net Promoter Score". *The American
Statistician* 70(4), 365-372 (bootstrap and Bayesian NPS intervals).
"""

from __future__ import annotations

import numpy as np
from scipy import special

from ._common import FloatArray

_CELLS_PER_CHUNK = 1 << 22  # resampled counts held at once (32 MiB of int64)


def bootstrap_values(
    counts: FloatArray, coef: FloatArray, n_resamples: int, rng: np.random.Generator
) -> FloatArray:
    """Values ``counts* @ coef / n`` of multinomial resamples: shape (n_resamples, G)."""
    g, c = counts.shape
    n = counts.sum(axis=1)
    safe_n = np.where(n > 0, n, 1)
    pvals = np.where(n[:, None] > 0, counts / safe_n[:, None], 1.0 / c)
    out = np.empty((n_resamples, g))
    step = max(1, _CELLS_PER_CHUNK // max(1, g * c))
    ni = n.astype(np.int64)
    for start in range(0, n_resamples, step):
        b = min(step, n_resamples - start)
        draws = rng.multinomial(ni, pvals, size=(b, g))
        out[start : start + b] = (draws @ coef) / safe_n
    out[:, n == 0] = np.nan
    return out


def percentile_interval(boot: FloatArray, confidence_level: float) -> tuple[FloatArray, FloatArray]:
    alpha = 1 - confidence_level
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2], axis=0)
    return np.asarray(low), np.asarray(high)


def bca_interval(
    boot: FloatArray, counts: FloatArray, coef: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """BCa interval: bias correction from the share of resamples below the estimate,
    acceleration from the exact jackknife of the tally (one leave-one-out value per
    category, weighted by its count).

    The bias correction is Efron and Tibshirani's (1993, eq. 14.14) and R's ``boot``:
    ``z0 = Phi^-1(#{theta* < theta_hat} / B)``, counting only the resamples strictly below
    the estimate (resamples equal to it, frequent on a discrete scale, count as not below).
    The share is kept within ``[1/(2B), 1 - 1/(2B)]`` so that ``z0`` stays finite.
    """
    n = counts.sum(axis=1)
    theta = (counts @ coef) / n
    b = boot.shape[0]
    below = (boot < theta).sum(axis=0)
    z0 = special.ndtri(np.clip(below / b, 1 / (2 * b), 1 - 1 / (2 * b)))
    # jackknife: leaving out one answer of category k gives (S - c_k) / (n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = counts @ coef
        loo = (total[:, None] - coef[None, :]) / (n[:, None] - 1)
        mean_loo = (counts * loo).sum(axis=1) / n
        dev = mean_loo[:, None] - loo
        num = (counts * dev**3).sum(axis=1)
        den = 6 * ((counts * dev**2).sum(axis=1)) ** 1.5
        a = np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)
    alpha = 1 - confidence_level
    sorted_boot = np.sort(boot, axis=0)
    cols = np.arange(boot.shape[1])
    out = []
    for q in (alpha / 2, 1 - alpha / 2):
        zq = special.ndtri(q)
        adj = special.ndtr(z0 + (z0 + zq) / (1 - a * (z0 + zq)))
        adj = np.where(np.isfinite(adj), adj, q)
        idx = np.clip(adj * (b - 1), 0, b - 1)
        lo_i = np.floor(idx).astype(np.intp)
        hi_i = np.minimum(lo_i + 1, b - 1)
        frac = idx - lo_i
        out.append(sorted_boot[lo_i, cols] * (1 - frac) + sorted_boot[hi_i, cols] * frac)
    # a degenerate sample (every resample equal) has the estimate as its interval
    flat = np.all(boot == boot[:1], axis=0)
    return np.where(flat, theta, out[0]), np.where(flat, theta, out[1])


def dirichlet_values(
    counts: FloatArray,
    coef: FloatArray,
    n_draws: int,
    rng: np.random.Generator,
    prior: float = 0.5,
) -> FloatArray:
    """Posterior draws of ``shares @ coef`` under a Dirichlet(counts + prior) posterior
    (prior 1/2 per category: the Jeffreys-type prior of Rocks 2016). Shape (n_draws, G)."""
    g, c = counts.shape
    out = np.empty((n_draws, g))
    step = max(1, _CELLS_PER_CHUNK // max(1, g * c))
    alpha = counts + prior
    for start in range(0, n_draws, step):
        b = min(step, n_draws - start)
        x = rng.standard_gamma(np.broadcast_to(alpha, (b, g, c)))
        out[start : start + b] = (x @ coef) / x.sum(axis=2)
    return out
