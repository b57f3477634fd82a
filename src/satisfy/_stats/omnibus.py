"""Omnibus tests of many groups at once: are the groups' distributions (or means) equal?

Pure functions on arrays, without loops over groups or categories.

References
----------
Pearson, K. (1900). On the criterion that a given system of deviations from the probable
in the case of a correlated system of variables is such that it can be reasonably supposed
to have arisen from random sampling. *Philosophical Magazine* 50(302), 157-175 (the
chi-square test; of homogeneity for a groups x categories table).
Kruskal, W. H. and Wallis, W. A. (1952). Use of ranks in one-criterion variance analysis.
*Journal of the American Statistical Association* 47(260), 583-621 (with the correction
for ties, their equation 1.2).
Cochran, W. G. (1954). The combination of estimates from different experiments.
*Biometrics* 10(1), 101-129 (the inverse-variance weighted test of equal means, Q).
"""

from __future__ import annotations

import numpy as np

from .._lazy import stats
from ._common import FloatArray

__all__ = ["chi_square", "kruskal_wallis", "wald_equal_means"]


def chi_square(table: FloatArray) -> tuple[float, float, float]:
    """Pearson's chi-square test of homogeneity of a groups x categories table.

    Categories no group uses are left out (they carry no information and would divide by
    zero). Counts may be fractional (Kish effective counts of weighted answers).

    Parameters
    ----------
    table : numpy.ndarray
        (G, C) counts, one row per group.

    Returns
    -------
    statistic, df, pvalue : float
        ``pvalue`` is 1 when there are no degrees of freedom. Without a continuity
        correction, as ``scipy.stats.chi2_contingency(table, correction=False)``.

    Examples
    --------
    >>> import numpy as np
    >>> stat, df, p = chi_square(np.array([[10.0, 20.0], [20.0, 10.0]]))
    >>> round(stat, 3), df, round(p, 4)
    (6.667, 1.0, 0.0098)
    """
    used = table[:, table.sum(axis=0) > 0]
    total = used.sum()
    expected = used.sum(axis=1, keepdims=True) * used.sum(axis=0, keepdims=True) / total
    stat = float(((used - expected) ** 2 / expected).sum())
    df = float((used.shape[0] - 1) * (used.shape[1] - 1))
    return stat, df, float(stats.chi2.sf(stat, df)) if df > 0 else 1.0


def kruskal_wallis(counts: FloatArray) -> tuple[float, float, float]:
    """The Kruskal-Wallis H test of a groups x ordered-points table of answer counts.

    Every answer at a point shares the point's mid-rank, so the test runs on the counts
    alone, in O(groups x points); H is divided by the tie correction
    ``1 - sum(t^3 - t) / (N^3 - N)``.

    Parameters
    ----------
    counts : numpy.ndarray
        (G, K) answer counts, one row per group, the points in their order.

    Returns
    -------
    statistic, df, pvalue : float
        As ``scipy.stats.kruskal`` on the answers themselves; when every answer is tied
        (no ranks to compare) the statistic is 0 and ``pvalue`` 1.

    Examples
    --------
    >>> import numpy as np
    >>> h, df, p = kruskal_wallis(np.array([[3.0, 1.0, 0.0], [0.0, 1.0, 3.0]]))
    >>> round(h, 3), df, round(p, 4)
    (5.25, 1.0, 0.0219)
    """
    pooled = counts.sum(axis=0)
    n_total = pooled.sum()
    ranks = np.cumsum(pooled) - (pooled - 1) / 2  # mid-ranks of the tied blocks
    n_g = counts.sum(axis=1)
    rank_sums = counts @ ranks
    h = 12 / (n_total * (n_total + 1)) * (rank_sums**2 / n_g).sum() - 3 * (n_total + 1)
    ties = 1 - (pooled**3 - pooled).sum() / (n_total**3 - n_total)
    df = float(counts.shape[0] - 1)
    if ties <= 0:
        return 0.0, df, 1.0
    h = float(h / ties)
    return h, df, float(stats.chi2.sf(h, df))


def wald_equal_means(value: FloatArray, se: FloatArray) -> tuple[float, float, float]:
    """The Wald (Cochran's Q) test that the groups' means are equal, from each group's
    mean and standard error, weighting each by its inverse variance.

    A group whose standard error is NaN (no estimable spread) is left out. Groups with a
    standard error of 0 have infinite weight: the test is then its limit, centred at their
    common mean (an infinite statistic and p = 0 when they disagree among themselves).

    Parameters
    ----------
    value, se : numpy.ndarray
        (G,) means and standard errors.

    Returns
    -------
    statistic, df, pvalue : float
        The statistic is chi-square with ``df`` = groups kept - 1; ``pvalue`` is 1 when
        there are no degrees of freedom.

    Examples
    --------
    >>> import numpy as np
    >>> stat, df, p = wald_equal_means(np.array([3.0, 4.0]), np.array([0.5, 0.5]))
    >>> round(stat, 3), df, round(p, 4)
    (2.0, 1.0, 0.1573)
    """
    ok = se >= 0
    df = float(ok.sum() - 1)
    flat = ok & (se == 0)
    if flat.any():
        fixed = value[flat]
        if np.any(fixed != fixed[0]):
            return np.inf, df, 0.0 if df > 0 else 1.0
        ok &= ~flat
        centre = float(fixed[0])
        w = 1 / se[ok] ** 2
    else:
        w = 1 / se[ok] ** 2
        centre = (w * value[ok]).sum() / w.sum()
    stat = float((w * (value[ok] - centre) ** 2).sum())
    return stat, df, float(stats.chi2.sf(stat, df)) if df > 0 else 1.0
