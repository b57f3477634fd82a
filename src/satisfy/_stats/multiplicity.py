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
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = q.shape[0]
    if m == 0 or method == "none":
        out[ok] = q
        return out
    if method == "bonferroni":
        out[ok] = np.minimum(q * m, 1.0)
        return out
    order = np.argsort(q, kind="stable")
    ranked = q[order]
    i = np.arange(1, m + 1)
    if method == "holm":
        adj = np.maximum.accumulate((m - i + 1) * ranked)
    else:
        factor = 1.0 if method == "bh" else float(np.sum(1.0 / i))
        adj = np.minimum.accumulate((ranked * m * factor / i)[::-1])[::-1]
    adj = np.minimum(adj, 1.0)
    result = np.empty(m)
    result[order] = adj
    out[ok] = result
    return out
