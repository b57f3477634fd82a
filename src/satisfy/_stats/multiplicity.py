"""Multiplicity adjustment of p-values, vectorised.

References
----------
Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
Journal of Statistics* 6, 65-70.
Hochberg, Y. (1988). A sharper Bonferroni procedure for multiple tests of significance.
*Biometrika* 75, 800-802.
Hommel, G. (1988). A stagewise rejective multiple test procedure based on a modified
Bonferroni test. *Biometrika* 75, 383-386 (adjusted p-values as Wright 1992 and R's
``p.adjust`` compute them).
Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a practical
and powerful approach to multiple testing. *JRSS B* 57, 289-300.
Benjamini, Y. and Yekutieli, D. (2001). The control of the false discovery rate in
multiple testing under dependency. *Annals of Statistics* 29, 1165-1188.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._types import ADJUSTMENTS
from ._common import FloatArray

__all__ = ["ADJUSTMENTS", "adjust"]

_CELLS_PER_CHUNK = 1 << 22  # entries of an (m x m) block held at once by Hommel's method


def _ascending(p: FloatArray) -> NDArray[np.intp]:
    """An order that sorts the p-values (in [0, 1], no NaN) ascending; ties in any order,
    since tied p-values get equal adjusted values.

    ``numpy.argsort`` of floats is a plain introsort, several times slower than numpy's
    vectorised ``sort``. So each p-value's low bits are replaced by its position, the
    packed values sorted with ``sort`` (for non-negative floats the order of the bits is
    the order of the numbers), and the positions read back. Values that agree in their
    high bits can come out of order; those runs are then sorted by their p-values, so the
    result is an exact sort.
    """
    m = p.shape[0]
    bits = max(1, (m - 1).bit_length())
    if m < 1024 or bits > 40:
        return np.argsort(p)
    mask = np.uint64((1 << bits) - 1)
    packed = (p + 0.0).view(np.uint64) & ~mask  # + 0.0 turns -0.0 into 0.0
    packed |= np.arange(m, dtype=np.uint64)
    keys = np.sort(packed.view(np.float64)).view(np.uint64)
    order: NDArray[np.intp] = (keys & mask).astype(np.intp)
    ranked = p[order]
    if np.any(ranked[1:] < ranked[:-1]):
        high = keys >> np.uint64(bits)
        same = high[1:] == high[:-1]
        run = np.zeros(m, dtype=bool)
        run[1:] |= same
        run[:-1] |= same
        at = np.flatnonzero(run)
        order[at] = order[at][np.lexsort((ranked[at], high[at]))]
    return order


def adjust(p: FloatArray, method: str) -> FloatArray:
    """Adjusted p-values (same order as ``p``), capped at 1. NaN stays NaN and is not
    counted among the tests."""
    p = np.asarray(p, dtype=np.float64)
    nan = np.isnan(p)
    if nan.any():
        out = np.full_like(p, np.nan)
        out[~nan] = adjust(p[~nan], method)
        return out
    m = p.shape[0]
    if m == 0 or method == "none":
        return np.array(p, dtype=np.float64)
    if method == "bonferroni":
        return np.asarray(np.minimum(p * m, 1.0))
    if method == "holm":
        # Holm's running maximum reaches 1 at the first p_(k+1) >= c once (m - k) c >= 1
        # (k the number of p-values below c), and stays there: only the k small p-values,
        # the first k of the order, need sorting, and the rest adjust to 1 exactly
        cut = 2.0 / m
        small = p < cut
        k = int(small.sum())
        if (m - k) * cut >= 1:
            out = np.ones(m)
            out[small] = _holm(p[small], m)
            return out
        return _holm(p, m)
    order = _ascending(p)
    ranked = p[order]
    if method == "hommel":
        adj = _hommel(ranked)
    else:
        if method == "hochberg":  # step-up with Holm's factors (m - i + 1)
            ranked *= np.arange(m, 0, -1, dtype=np.float64)
        else:
            factor = 1.0 if method == "bh" else float(np.sum(1.0 / np.arange(1, m + 1)))
            ranked *= m * factor / np.arange(1, m + 1, dtype=np.float64)
        adj = np.minimum.accumulate(ranked[::-1])[::-1]
    np.minimum(adj, 1.0, out=adj)
    result = np.empty(m)
    result[order] = adj
    return result


def _holm(p: FloatArray, m: int) -> FloatArray:
    """Holm's adjusted p-values of the ``p.shape[0]`` smallest of ``m`` p-values."""
    order = _ascending(p)
    ranked = p[order]
    ranked *= np.arange(m, m - p.shape[0], -1, dtype=np.float64)  # (m - i + 1) p_(i)
    adj = np.maximum.accumulate(ranked)
    np.minimum(adj, 1.0, out=adj)
    result = np.empty(p.shape[0])
    result[order] = adj
    return result


def _hommel(ranked: FloatArray) -> FloatArray:
    """Hommel's adjusted p-values of p-values sorted ascending (not capped).

    With ``c_k = min_j k p_(m-k+j) / j`` (j = 1..k) the Simes test of the k largest, the
    adjusted ``p_(i)`` is the largest of ``p_(i)``, ``c_k`` for every k whose k largest
    include ``p_(i)`` (k >= m - i + 1), and ``min(k p_(i), c_k)`` for every other k >= 2:
    the closed-testing form that R's ``p.adjust`` computes with a loop over k. Here the
    (k, j) and (i, k) grids are evaluated in blocks of rows: O(m^2) arithmetic, O(m) Python
    steps only for more than a few thousand p-values.
    """
    m = ranked.shape[0]
    if m == 1:
        return np.array(ranked, dtype=np.float64)
    ks = np.arange(1, m + 1, dtype=np.float64)
    step = max(1, _CELLS_PER_CHUNK // m)
    # c_k for k = 1..m: the k largest p-values are ranked[m - k:], divided by j = 1..k
    simes = np.empty(m)
    js = np.arange(m)
    for start in range(0, m, step):
        k = np.arange(start + 1, min(start + step, m) + 1)
        at = (m - k)[:, None] + js[None, :]  # index of p_(m-k+j), j = 1..k, beyond k masked
        vals = np.where(at < m, ranked[np.minimum(at, m - 1)] / (js + 1.0), np.inf)
        simes[k - 1] = k * vals.min(axis=1)
    # for p_(i) (i = 1..m): the k largest include it once k >= m - i + 1
    tail = np.maximum.accumulate(simes[::-1])[::-1]  # tail[k - 1] = max(c_k .. c_m)
    out = np.maximum(ranked, tail[m - np.arange(1, m + 1)])
    for start in range(0, m, step):
        i = np.arange(start + 1, min(start + step, m) + 1)
        # k from 2 to m - i: min(k p_(i), c_k)
        grid = np.minimum(ks[None, 1:] * ranked[i - 1, None], simes[None, 1:])
        grid = np.where(ks[None, 1:] <= (m - i)[:, None], grid, -np.inf)
        out[i - 1] = np.maximum(out[i - 1], grid.max(axis=1))
    return np.asarray(out, dtype=np.float64)
