"""Multiplicity adjustment of p-values, vectorised.

References
----------
Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
Journal of Statistics* 6, 65-70.
Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a practical
and powerful approach to multiple testing. *JRSS B* 57, 289-300.
Benjamini, Y. and Yekutieli, D. (2001). The control of the false discovery rate in
multiple testing under dependency. *Annals of Statistics* 29, 1165-1188.
"""

from __future__ import annotations

import numpy as np

from ._common import FloatArray

ADJUSTMENTS = ("holm", "bonferroni", "bh", "by", "none")


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
    # ties get equal adjusted values in any order, so the (faster) unstable sort will do
    order = np.argsort(p)
    ranked = p[order]
    if method == "holm":
        ranked *= np.arange(m, 0, -1, dtype=np.float64)  # (m - i + 1) p_(i)
        adj = np.maximum.accumulate(ranked)
    else:
        factor = 1.0 if method == "bh" else float(np.sum(1.0 / np.arange(1, m + 1)))
        ranked *= m * factor / np.arange(1, m + 1, dtype=np.float64)
        adj = np.minimum.accumulate(ranked[::-1])[::-1]
    np.minimum(adj, 1.0, out=adj)
    result = np.empty(m)
    result[order] = adj
    return result
