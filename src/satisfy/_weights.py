"""The range rule for survey weights, shared by the array and the dataframe code.

Every weight must be finite and non-negative, and each nonzero weight must lie in
``[MIN_WEIGHT, MAX_WEIGHT]``: then its square, and sums of up to 2^63 squares, stay normal
float64 numbers (no underflow to zero, no overflow to infinity), so multiplying every
weight by a constant changes no estimate or interval. Zero weights are allowed (an answer
that counts for nothing).

Tallies carry per-point sums instead of weights; :func:`inconsistent_sums` says which
``(count, weight sum, squared weight sum)`` triples no such weights could produce.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .errors import WeightError

__all__ = ["MAX_WEIGHT", "MIN_WEIGHT", "RTOL", "check_weights", "inconsistent_sums"]

MIN_WEIGHT = 1e-100
MAX_WEIGHT = 1e100

# Relative slack for the bounds on sums: sums of n floats carry a rounding error of up to
# about n * 2.2e-16, so 1e-6 covers billions of answers per point while still refusing any
# triple that real weights could not give.
RTOL = 1e-6

ACCEPTED = f"finite, and either 0 or between {MIN_WEIGHT:g} and {MAX_WEIGHT:g}"


def check_weights(array: NDArray[np.float64], *, what: str) -> None:
    """Raise :class:`WeightError` unless every entry obeys the weight range rule.

    The error lists the offending positions (0-based) and values, first one first.

    Parameters
    ----------
    array : numpy.ndarray of float64
        One weight per answer (1-D).
    what : str
        How the message names the input (``"weights"``, a column name, ...).
    """
    if array.shape[0] == 0:
        return
    lo = array.min()
    hi = array.max()  # NaN propagates to both and fails every test below
    if lo >= MIN_WEIGHT and hi <= MAX_WEIGHT:
        return
    if lo == 0 and hi <= MAX_WEIGHT and not np.any((array > 0) & (array < MIN_WEIGHT)):
        return
    with np.errstate(invalid="ignore"):
        ok = (array == 0) | ((array >= MIN_WEIGHT) & (array <= MAX_WEIGHT))
    bad = np.flatnonzero(~ok)
    raise WeightError(bad.tolist(), array[bad].tolist(), detail=f"{what} must be {ACCEPTED}")


def inconsistent_sums(
    counts: NDArray[np.int64], wsum: NDArray[np.float64], wsq: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """Mask of the entries whose sums no weights obeying the range rule could give.

    For ``c`` answers with weights ``w_i`` (0 or in ``[MIN_WEIGHT, MAX_WEIGHT]``),
    ``s = sum w_i`` and ``q = sum w_i^2`` satisfy: ``s = q = 0`` when ``c = 0``; ``s = 0``
    exactly when ``q = 0``; otherwise ``s^2 / c <= q <= s^2`` (Cauchy-Schwarz),
    ``MIN_WEIGHT <= s <= c * MAX_WEIGHT`` and ``MIN_WEIGHT^2 <= q <= c * MAX_WEIGHT^2``,
    each up to a relative rounding slack :data:`RTOL`. The arrays must already be finite
    and non-negative.
    """
    c = counts.astype(np.float64)
    up, down = 1.0 + RTOL, 1.0 - RTOL
    with np.errstate(over="ignore", invalid="ignore"):
        s2 = wsum * wsum
        zero = (wsum == 0) | (wsq == 0)
        bad = (wsum == 0) != (wsq == 0)
        bad |= (c == 0) & ~zero
        positive = ~zero
        bad |= positive & (
            (wsum < MIN_WEIGHT * down)
            | (wsum > c * MAX_WEIGHT * up)
            | (wsq < MIN_WEIGHT * MIN_WEIGHT * down)
            | (wsq > c * (MAX_WEIGHT * MAX_WEIGHT) * up)
            | (s2 > wsq * c * up)
            | (wsq > s2 * up)
        )
    return np.asarray(bad)
