"""Confidence intervals for one proportion, vectorised.

``p`` is the observed proportion and ``n`` the (effective) sample size; for weighted data
the callers pass the design's effective sample size ``p(1-p) / Var(p)``, the usual
adaptation of these methods to complex samples (Korn and Graubard 1998; Dean and Pagano
2015). Two methods also take the design's degrees of freedom: Korn and Graubard's (1998)
Clopper-Pearson interval on the df-adjusted effective size (R survey's ``svyciprop``
``method="beta"``) and the logit interval (``method="logit"``).

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. *JASA* 22, 209-212.
Agresti, A. and Coull, B. A. (1998). Approximate is better than "exact" for interval
estimation of binomial proportions. *The American Statistician* 52, 119-126.
Clopper, C. J. and Pearson, E. S. (1934). The use of confidence or fiducial limits
illustrated in the case of the binomial. *Biometrika* 26, 404-413.
Brown, L. D., Cai, T. T. and DasGupta, A. (2001). Interval estimation for a binomial
proportion. *Statistical Science* 16, 101-133 (the Jeffreys interval).
Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
comparison of seven methods. *Statistics in Medicine* 17, 857-872.
Korn, E. L. and Graubard, B. I. (1998). Confidence intervals for proportions with small
expected number of positive counts estimated from survey data. *Survey Methodology* 24,
193-201.
Dean, N. and Pagano, M. (2015). Evaluating confidence interval methods for binomial
proportions in clustered surveys. *Journal of Survey Statistics and Methodology* 3, 484-503.
Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, section 2.3.1. Wiley.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from ._common import FloatArray, z_value


def wald(p: FloatArray, n: FloatArray, confidence_level: float) -> tuple[FloatArray, FloatArray]:
    """Wald interval ``p +/- z sqrt(p(1-p)/n)``, clipped to [0, 1]."""
    z = z_value(confidence_level)
    half = z * np.sqrt(p * (1 - p) / n)
    return np.clip(p - half, 0, 1), np.clip(p + half, 0, 1)


def wilson(p: FloatArray, n: FloatArray, confidence_level: float) -> tuple[FloatArray, FloatArray]:
    """Wilson (1927) score interval."""
    z = z_value(confidence_level)
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = np.where(p == 0, 0.0, np.clip(centre - half, 0, 1))
    high = np.where(p == 1, 1.0, np.clip(centre + half, 0, 1))
    return low, high


def agresti_coull(
    p: FloatArray, n: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """Agresti-Coull (1998) interval: Wald around the Wilson centre with n + z^2."""
    z = z_value(confidence_level)
    z2 = z * z
    n_tilde = n + z2
    p_tilde = (p * n + z2 / 2) / n_tilde
    half = z * np.sqrt(p_tilde * (1 - p_tilde) / n_tilde)
    return np.clip(p_tilde - half, 0, 1), np.clip(p_tilde + half, 0, 1)


def clopper_pearson(
    p: FloatArray, n: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """Clopper-Pearson (1934) "exact" interval from beta quantiles."""
    alpha = 1 - confidence_level
    x = p * n
    with np.errstate(invalid="ignore"):
        low = np.where(x <= 0, 0.0, special.betaincinv(x, n - x + 1, alpha / 2))
        high = np.where(x >= n, 1.0, special.betaincinv(x + 1, n - x, 1 - alpha / 2))
    return low, high


def jeffreys(
    p: FloatArray, n: FloatArray, confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """Jeffreys interval: equal-tailed Beta(x + 1/2, n - x + 1/2) posterior quantiles, with
    the ends at 0 and 1 when x = 0 or x = n (Brown, Cai and DasGupta 2001)."""
    alpha = 1 - confidence_level
    x = p * n
    low = np.where(x <= 0, 0.0, special.betaincinv(x + 0.5, n - x + 0.5, alpha / 2))
    high = np.where(x >= n, 1.0, special.betaincinv(x + 0.5, n - x + 0.5, 1 - alpha / 2))
    return low, high


METHODS = {
    "wilson": wilson,
    "agresti-coull": agresti_coull,
    "clopper-pearson": clopper_pearson,
    "jeffreys": jeffreys,
    "wald": wald,
}


def korn_graubard(
    p: FloatArray, n: FloatArray, confidence_level: float, df: FloatArray, rows: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Korn and Graubard (1998): the Clopper-Pearson interval on the effective sample size
    ``n`` times ``(t_{rows - 1} / t_df)^2``, the quantiles of ``t`` at the same level with
    the degrees of freedom of a simple random sample of the ``rows`` answers and with the
    design's (R survey's ``svyciprop(method="beta")``; no change without clusters or
    strata, where ``df = rows - 1``). With no degrees of freedom (``df <= 0``) the
    interval is [0, 1]."""
    from scipy import stats

    alpha = 1 - confidence_level
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = stats.t.ppf(alpha / 2, np.where(rows > 1, rows - 1, np.nan)) / stats.t.ppf(
            alpha / 2, np.where(df > 0, df, np.nan)
        )
        adjusted = n * ratio * ratio
        low, high = clopper_pearson(p, adjusted, confidence_level)
    none = ~(df > 0)
    return np.where(none, 0.0, low), np.where(none, 1.0, high)


def logit(
    p: FloatArray, n: FloatArray, confidence_level: float, df: FloatArray, rows: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The logit interval: ``expit(logit(p) +/- t_df se / (p(1-p)))`` with ``se^2 =
    p(1-p)/n`` (R survey's ``svyciprop(method="logit")``). At ``p = 0`` or ``1`` the logit
    is infinite: the Korn-Graubard interval stands in there."""
    from scipy import stats

    alpha = 1 - confidence_level
    with np.errstate(invalid="ignore", divide="ignore"):
        q = stats.t.ppf(1 - alpha / 2, np.where(df > 0, df, np.nan))
        centre = special.logit(p)
        half = q / np.sqrt(n * p * (1 - p))
        low, high = special.expit(centre - half), special.expit(centre + half)
    edge = (p <= 0) | (p >= 1) | ~(df > 0)
    kg_low, kg_high = korn_graubard(p, n, confidence_level, df, rows)
    return np.where(edge, kg_low, low), np.where(edge, kg_high, high)


#: methods that also take the design's degrees of freedom
DESIGN_METHODS = {"korn-graubard": korn_graubard, "logit": logit}
