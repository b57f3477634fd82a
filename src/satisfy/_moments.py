"""Several-question statistics from moments: Cronbach's alpha, the composite index and
key drivers, computed for a stack of groups from each group's number of complete answers
``n`` (G,), means (G, k) and covariance matrices (G, k, k).

The public functions (:func:`satisfy.cronbach_alpha`, :func:`satisfy.index`,
:func:`satisfy.drivers`) and the frame adapter (one aggregation per group in the user's
engine) share these, so a group's numbers are the same whichever way they were computed.

References
----------
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
*Psychometrika* 16(3), 297-334.
Feldt, L. S. (1965). The approximate sampling distribution of Kuder-Richardson reliability
coefficient twenty. *Psychometrika* 30(3), 357-370.
Fisher, R. A. (1921). On the "probable error" of a coefficient of correlation deduced from
a small sample. *Metron* 1, 3-32.
Johnson, J. W. (2000). A heuristic method for estimating the relative weight of predictor
variables in multiple regression. *Multivariate Behavioral Research* 35(1), 1-19.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ._lazy import stats
from ._stats._common import z_value

__all__ = ["composite_index", "cronbach_alpha", "drivers", "pomp_moments", "relative_weights"]

FloatArray = NDArray[np.float64]


def cronbach_alpha(
    n: FloatArray, cov: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Cronbach's alpha, Feldt's interval and item-rest correlations from the covariance
    matrices of complete answers, for a stack of groups: ``n`` (G,), ``cov`` (G, k, k)."""
    k = cov.shape[1]
    item_var = np.diagonal(cov, axis1=1, axis2=2)
    total_var = cov.sum(axis=(1, 2))
    # a total that does not vary (items that always sum to the same, or never vary at all)
    # leaves alpha undefined; rounding in the POMP scores must not turn 0 into a tiny
    # variance and alpha into -1e16, or into 1 when every item is constant. The scores are
    # POMP (0-100): rounding leaves about 1e-12 there, while one answer differing among
    # 10^8 still gives a variance above 1e-8.
    defined = (k >= 2) & (n >= 2) & (total_var > 1e-9) & (total_var > 1e-12 * item_var.sum(axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = np.where(
            defined, k / max(k - 1, 1) * (1 - item_var.sum(axis=1) / total_var), np.nan
        )
        df1 = np.maximum(n - 1, 1)
        df2 = df1 * max(k - 1, 1)
        tail = (1 - confidence_level) / 2
        low = np.where(defined, 1 - (1 - alpha) * stats.f.isf(tail, df1, df2), np.nan)
        high = np.where(defined, 1 - (1 - alpha) * stats.f.isf(1 - tail, df1, df2), np.nan)
        with_total = cov.sum(axis=2)  # cov(x_j, total)
        rest_var = total_var[:, None] - 2 * with_total + item_var
        item_rest = (with_total - item_var) / np.sqrt(item_var * rest_var)
    item_rest = np.where(defined[:, None] & np.isfinite(item_rest), item_rest, np.nan)
    return alpha, low, high, item_rest


def pomp_moments(
    mean: FloatArray, cov: FloatArray, worst: FloatArray, best: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The means (G, k) and covariance matrices (G, k, k) of the items' POMP scores from
    those of their answers: POMP is linear per item, ``x -> 100 (x - worst) / (best - worst)``
    (``worst`` and ``best`` (k,) are each item's scale ends)."""
    b = 100.0 / (best - worst)
    a = -100.0 * worst / (best - worst)
    return a + b * mean, cov * b[None, :, None] * b[None, None, :]


def composite_index(
    n: FloatArray,
    mean: FloatArray,
    cov: FloatArray,
    item_weights: FloatArray,
    confidence_level: float,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """The weighted index ``sum_i w_i mean_i`` of POMP items (0-100) for a stack of groups,
    from the complete answers' means (G, k) and covariance matrices (G, k, k), with the t
    interval of a mean of customers' index scores (its variance ``w' S w / n``), kept
    inside 0-100: value, low and high, each (G,)."""
    value = mean @ item_weights
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(np.einsum("gij,i,j->g", cov, item_weights, item_weights) / n)
        q = stats.t.ppf(0.5 + confidence_level / 2, n - 1)
    return value, np.clip(value - q * se, 0, 100), np.clip(value + q * se, 0, 100)


def relative_weights(rxx: FloatArray, rxy: FloatArray) -> FloatArray:
    """Johnson's (2000) raw relative weights from the predictors' correlation matrix and
    their correlations with the outcome (they sum to the regression's R^2). Accepts a
    stack of groups: ``rxx`` (..., k, k) and ``rxy`` (..., k)."""
    eigval, eigvec = np.linalg.eigh(rxx)
    root = np.sqrt(np.clip(eigval, 0.0, None))
    lam = (eigvec * root[..., None, :]) @ np.swapaxes(eigvec, -1, -2)
    beta = (np.linalg.pinv(lam) @ rxy[..., None])[..., 0]
    return np.asarray(((lam**2) @ (beta**2)[..., None])[..., 0], dtype=np.float64)


def drivers(n: FloatArray, cov: FloatArray, confidence_level: float) -> dict[str, FloatArray]:
    """Correlations, their intervals and p-values, relative weights and R^2 for a stack of
    groups, from the covariance matrices (G, k + 1, k + 1) of complete answers with the
    outcome last."""
    sd = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = cov / (sd[:, :, None] * sd[:, None, :])
    rxx, rxy = corr[:, :-1, :-1], corr[:, :-1, -1]
    ok = np.isfinite(corr).all(axis=(1, 2)) & (n > rxx.shape[1] + 1)
    weight = np.full(rxy.shape, np.nan)
    if ok.any():
        weight[ok] = relative_weights(rxx[ok], rxy[ok])
    q = z_value(confidence_level)
    # |r| = 1 (rounding may overshoot it) is the limit: a zero-width interval at r and p = 0
    r = np.clip(rxy, -1.0, 1.0)
    nn = n[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        half = q / np.sqrt(np.maximum(nn - 3, 1))
        t = r * np.sqrt((nn - 2) / (1 - r**2))
        z = np.arctanh(r)
    return {
        "correlation": r,
        "low": np.tanh(z - half),
        "high": np.tanh(z + half),
        "p_value": 2 * stats.t.sf(np.abs(t), np.maximum(nn - 2, 1)),
        "weight": weight,
        "r_squared": weight.sum(axis=1),
    }
