"""Design-based variance of a linear functional of weighted shares, from per-stratum sums.

Every metric is ``value = sum_k c_k p_k`` with ``p_k`` the weighted shares. Linearising
the ratio estimator gives each answer ``i`` the influence ``z_i = w_i u_{k(i)}`` with
``u = (c - value) / W`` (``W`` the total weight of the group, or domain). With clusters
(primary sampling units, PSUs) ``j`` in strata ``h`` the total influence of a PSU is
``Z_hj = S_hj . u``, where ``S_hj`` holds the PSU's weight sums per point, and the
stratified ultimate-cluster variance (Wolter 2007, ch. 6; R's ``survey::svyrecvar``) is::

    var = sum_h (1 - f_h) n_h / (n_h - 1) [ sum_j Z_hj^2 - (sum_j Z_hj)^2 / n_h ]

with ``n_h`` the PSUs of stratum ``h`` in the whole sample and ``f_h`` its sampling
fraction. As ``sum_j Z_hj^2 = u' M_h u`` with ``M_h = sum_j S_hj S_hj'`` and
``sum_j Z_hj = S_h . u``, the per-stratum weight sums ``S_h`` (``K``) and cross-products
``M_h`` (``K x K``) are sufficient, whatever the number of PSUs. Without clusters each
answer is its own PSU and ``M_h`` is the diagonal of the squared weight sums.

For a domain (a group of a grouped design) ``n_h`` still counts every PSU of the stratum
in the sample, and PSUs without answers in the domain have ``Z_hj = 0``; this is what
``svyby`` and a subset of a ``svydesign`` give.

Everything here is vectorised over a leading group axis ``G``, strata ``H`` and points
``K``: arrays of shape ``(G, K)``, ``(G, H, K)`` and ``(G, H, K, K)``.

References
----------
Wolter, K. M. (2007). *Introduction to Variance Estimation*, 2nd ed. Springer.
Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ..errors import DesignError, OptionError
from .two_sample import t_test

__all__ = [
    "DESIGN_METHODS",
    "LONELY_PSU",
    "LonelyPsu",
    "check_design_method",
    "combine",
    "contrast_test",
    "degrees_of_freedom",
    "design_effect",
    "simple_random_variance",
    "variance",
]

FloatArray = NDArray[np.float64]
LonelyPsu = Literal["fail", "adjust", "certainty", "remove", "average"]
#: What to do with a stratum that has a single PSU (R's ``options(survey.lonely.psu=)``).
LONELY_PSU: tuple[str, ...] = ("fail", "adjust", "certainty", "remove", "average")
#: A stratum whose ``1 - f`` is below this is a census and adds no variance (as R's).
_CENSUS = 1e-7


#: Comparison methods that take a survey design's variance (every kind of metric).
DESIGN_METHODS: tuple[str, ...] = ("wald",)


def check_design_method(
    method: str | None, what: str, accepted: tuple[str, ...] = DESIGN_METHODS
) -> str:
    """The comparison method under a survey design (the first accepted by default); any
    other is refused with a :class:`DesignError` naming those that work.

    Examples
    --------
    >>> check_design_method(None, "compare_groups")
    'wald'
    """
    if method is None:
        return accepted[0]
    if method not in accepted:
        raise DesignError(
            f"{what} with a survey design takes method {' or '.join(map(repr, accepted))} "
            "(the design variance of each difference, with a t interval on the design's "
            f"degrees of freedom), not {method!r}, which needs independent samples"
        )
    return method


def check_lonely_psu(lonely_psu: str) -> LonelyPsu:
    """``lonely_psu`` if it is one of :data:`LONELY_PSU`, else an :class:`OptionError`."""
    if lonely_psu not in LONELY_PSU:
        raise OptionError("lonely_psu", lonely_psu, LONELY_PSU)
    return lonely_psu  # type: ignore[return-value]  # checked just above


def variance(
    u: FloatArray,
    sums: FloatArray,
    cross: FloatArray,
    psus: NDArray[np.integer[Any]],
    fraction: FloatArray,
    *,
    present: NDArray[np.integer[Any]],
    lonely_psu: LonelyPsu = "fail",
    strata: Sequence[Any] | None = None,
) -> FloatArray:
    """The stratified ultimate-cluster variance of ``sum_k c_k p_k`` per group.

    Parameters
    ----------
    u : array, shape (G, K)
        ``(c - value) / W`` per group: the influence of a unit weight at each point.
    sums : array, shape (G, H, K)
        Weight sums per group, stratum and point.
    cross : array, shape (G, H, K, K)
        Per group and stratum, ``sum_j S_hj S_hj'`` over the stratum's PSUs.
    psus : array of int, shape (H,)
        PSUs per stratum in the whole sample (``n_h``).
    fraction : array, shape (H,)
        Sampling fraction ``f_h = n_h / N_h`` (0 for an infinite population).
    present : array of int, shape (G, H)
        PSUs of each stratum with answers in the group (strata with none add nothing,
        and a lonely PSU matters only where the group has answers).
    lonely_psu : {"fail", "adjust", "certainty", "remove", "average"}
        A stratum with one PSU (``n_h = 1``) has no variance estimate. As R's
        ``options(survey.lonely.psu=)``: ``"fail"`` raises; ``"certainty"`` and
        ``"remove"`` let it add nothing; ``"adjust"`` centres its total at the
        grand mean (0 for a linearised mean), adding ``(1 - f_h) Z_h^2``;
        ``"average"`` replaces it with the average of the other strata (the sum over
        the others times the number of strata with answers over the number without a
        lonely PSU).
    strata : sequence, optional
        The strata's names, for the error message.

    Returns
    -------
    array, shape (G,)
        The variance (NaN where the group has no weight or, with ``"average"``, only
        lonely strata).

    Raises
    ------
    DesignError
        With ``lonely_psu="fail"``, for a stratum of one PSU where a group has answers
        (unless the stratum is a census, ``f_h = 1``).

    Examples
    --------
    Two strata of two single-answer PSUs each, a share of the first point:

    >>> import numpy as np
    >>> sums = np.array([[[1.0, 1.0], [2.0, 0.0]]])          # G=1, H=2, K=2
    >>> cross = np.zeros((1, 2, 2, 2))
    >>> cross[0, :, 0, 0], cross[0, :, 1, 1] = [1.0, 2.0], [1.0, 0.0]
    >>> value = 3 / 4
    >>> u = (np.array([[1.0, 0.0]]) - value) / 4
    >>> v = variance(u, sums, cross, np.array([2, 2]), np.zeros(2), present=np.array([[2, 2]]))
    >>> round(float(v[0]), 6)
    0.0625
    """
    u = np.asarray(u, dtype=np.float64)
    total = np.einsum("ghk,gk->gh", sums, u)
    square = np.einsum("ghkl,gk,gl->gh", cross, u, u, optimize=True)
    return combine(
        square,
        total,
        np.asarray(present) > 0,
        psus,
        fraction,
        lonely_psu=lonely_psu,
        strata=strata,
    )


def combine(
    square: FloatArray,
    total: FloatArray,
    touched: NDArray[np.bool_],
    psus: NDArray[np.integer[Any]],
    fraction: FloatArray,
    *,
    lonely_psu: LonelyPsu = "fail",
    strata: Sequence[Any] | None = None,
) -> FloatArray:
    """The stratified ultimate-cluster variance from, per row (a group, or a contrast of
    groups) and stratum, ``square = sum_j Z_hj^2`` and ``total = sum_j Z_hj`` over the
    stratum's PSUs (shape ``(P, H)``), with ``touched`` the strata where the row has
    answers; the rules of :func:`variance` (lonely PSUs, censuses) apply.

    Examples
    --------
    Two strata of two PSUs, totals (1, -1) and (2, 0):

    >>> import numpy as np
    >>> v = combine(np.array([[2.0, 4.0]]), np.array([[0.0, 2.0]]), np.array([[True, True]]),
    ...             np.array([2, 2]), np.zeros(2))
    >>> float(v[0])
    8.0
    """
    square = np.asarray(square, dtype=np.float64)
    total = np.asarray(total, dtype=np.float64)
    n = np.asarray(psus, dtype=np.float64)
    keep = 1.0 - np.asarray(fraction, dtype=np.float64)
    touched = np.asarray(touched, dtype=bool)
    census = keep < _CENSUS
    lonely = (n == 1) & ~census
    stuck = touched & lonely[None, :]
    if lonely_psu == "fail" and stuck.any():
        h = int(np.argwhere(stuck)[0, 1])
        name = repr(strata[h]) if strata is not None else str(h)
        raise DesignError(
            f"stratum {name} has only one cluster (PSU), so its variance cannot be "
            "estimated; merge it with a similar stratum, or choose lonely_psu='adjust', "
            "'certainty', 'remove' or 'average' (as R's options(survey.lonely.psu=))"
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        centred = np.maximum(square - total * total / np.where(n > 0, n, 1.0)[None, :], 0.0)
        scale = np.where(n > 1, keep * n / np.where(n > 1, n - 1.0, 1.0), keep)
    contrib = scale[None, :] * centred
    if lonely_psu == "adjust":
        # not centred: its total's distance from the grand mean, 0 for a linearised mean
        contrib = np.where(lonely[None, :], keep[None, :] * np.maximum(square, 0.0), contrib)
    else:
        contrib = np.where(lonely[None, :], 0.0, contrib)
    contrib = np.where(census[None, :] | ~touched, 0.0, contrib)
    out = contrib.sum(axis=1)
    if lonely_psu == "average":
        with np.errstate(invalid="ignore", divide="ignore"):
            n_strata = touched.sum(axis=1)
            n_ok = n_strata - stuck.sum(axis=1)
            out = np.where(n_ok > 0, out * n_strata / np.where(n_ok > 0, n_ok, 1), np.nan)
    return np.asarray(out, dtype=np.float64)


def degrees_of_freedom(present: NDArray[np.integer[Any]]) -> NDArray[np.int64]:
    """The design's degrees of freedom per group: PSUs with answers minus strata with
    answers (R's ``degf`` of the design, or of its subset to a domain).

    Examples
    --------
    >>> import numpy as np
    >>> degrees_of_freedom(np.array([[3, 2, 0], [1, 0, 0]])).tolist()
    [3, 0]
    """
    p = np.asarray(present, dtype=np.int64)
    return np.asarray(p.sum(axis=1) - (p > 0).sum(axis=1), dtype=np.int64)


def simple_random_variance(
    u: FloatArray,
    wsum: FloatArray,
    nonzero: NDArray[np.integer[Any]],
    *,
    without_replacement: bool,
) -> FloatArray:
    """The variance of the same estimator under simple random sampling of the same size.

    ``s^2 = n / (n - 1) * sum_i w_i (y_i - value)^2 / W`` (the weighted population
    variance estimate, R's ``svyvar``), divided by ``n``, or, for sampling without
    replacement from a population of ``W`` (the weights' total), times
    ``(W - n) / (W n)`` (R's ``svymean(deff=TRUE)``: NaN when ``W < n``). ``n`` counts the
    answers with a nonzero weight.

    Examples
    --------
    >>> import numpy as np
    >>> u = (np.array([[1.0, 0.0]]) - 0.5) / 4.0
    >>> float(simple_random_variance(u, np.array([[2.0, 2.0]]), np.array([4]),
    ...                              without_replacement=False)[0])
    0.08333333333333333
    """
    w = np.asarray(wsum, dtype=np.float64)
    total = w.sum(axis=1)
    n = np.asarray(nonzero, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = np.where(n > 1, n / (n - 1.0), np.nan) * total * (w * u * u).sum(axis=1)
        if without_replacement:
            out = np.where(total >= n, s2 * (total - n) / (total * n), np.nan)
        else:
            out = s2 / n
    return np.asarray(out, dtype=np.float64)


def design_effect(design_variance: FloatArray, srs_variance: FloatArray) -> FloatArray:
    """Kish's design effect: the design variance over the simple random sample's.

    NaN where the latter is 0 or undefined (a group whose answers are all at one
    coefficient has no variance under either).

    Examples
    --------
    >>> import numpy as np
    >>> design_effect(np.array([2.0, 1.0]), np.array([1.0, 0.0])).tolist()
    [2.0, nan]
    """
    d = np.asarray(design_variance, dtype=np.float64)
    s = np.asarray(srs_variance, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(s > 0, d / np.where(s > 0, s, 1.0), np.nan))


def contrast_test(
    difference: FloatArray,
    variance: FloatArray,
    df: FloatArray,
    confidence_level: float,
    alternative: str,
    span: float,
) -> dict[str, FloatArray]:
    """The Wald test and interval of contrasts of domains under a design: Student t on the
    design's degrees of freedom ``df`` (as the design's estimates use; R's ``svycontrast``
    gives the normal), NaN where ``df`` is not positive; one-sided alternatives give an
    open end at ``+/- span``, and the interval stays within ``+/- span``.

    Returns a dict of arrays: ``difference``, ``se``, ``df``, ``low``, ``high``,
    ``statistic``, ``p_value``.

    Examples
    --------
    >>> import numpy as np
    >>> r = contrast_test(np.array([10.0]), np.array([25.0]), np.array([30.0]), 0.95,
    ...                   "two-sided", 200.0)
    >>> round(float(r["low"][0]), 3), round(float(r["p_value"][0]), 4)
    (-0.211, 0.0546)
    """
    diff = np.asarray(difference, dtype=np.float64)
    df = np.asarray(df, dtype=np.float64)
    se = np.sqrt(np.maximum(np.asarray(variance, dtype=np.float64), 0.0))
    bad = ~(df > 0)
    safe = np.where(bad, 1.0, df)
    stat, _, p = t_test(diff, se, safe, confidence_level, alternative)  # type: ignore[arg-type]
    tail = confidence_level if alternative == "two-sided" else 2 * confidence_level - 1
    _, half, _ = t_test(diff, se, safe, tail, "two-sided")
    half = np.where(bad, np.nan, half)
    low, high = diff - half, diff + half
    if alternative == "greater":
        high = np.full_like(high, span)
    elif alternative == "less":
        low = np.full_like(low, -span)
    return {
        "difference": diff,
        "se": se,
        "df": df,
        "low": np.clip(low, -span, span),
        "high": np.clip(high, -span, span),
        "statistic": stat,
        "p_value": np.where(bad, np.nan, p),
    }
