"""Composite satisfaction indices over several rating items, with Cronbach's alpha.

Each item is turned into POMP (percent of maximum possible, 0-100) on its own scale, so
items on 1-5, 1-7 and 1-10 scales can be combined; the index of a customer is the weighted
mean of their items' POMP scores, and the overall index is the mean over customers. With
all items answered this equals ``sum_i w_i POMP(mean_i)``; on 1-10 items that is the
ACSI-style index ``sum_i w_i (mean_i - 1) / 9 x 100`` (Fornell et al., 1996).

Whether the items measure one thing is shown by Cronbach's (1951) alpha, with the interval
of Feldt (1965), and by each item's correlation with the sum of the other items.

References
----------
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
*Psychometrika* 16(3), 297-334.
Feldt, L. S. (1965). The approximate sampling distribution of Kuder-Richardson reliability
coefficient twenty. *Psychometrika* 30(3), 357-370.
Fornell, C., Johnson, M. D., Anderson, E. W., Cha, J. and Bryant, B. E. (1996). The American
Customer Satisfaction Index: nature, purpose, and findings. *Journal of Marketing* 60(4),
7-18.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _moments
from ._items import check_min_items, check_responses, item_names, item_scales, item_weights
from ._lazy import stats
from ._stats._common import check_confidence_level
from .errors import EmptyDataError, LengthMismatchError, SatisfyError
from .estimate import ConfidenceInterval
from .responses import Responses
from .scales import Scale

__all__ = ["CompositeIndex", "Reliability", "cronbach_alpha", "index"]

FloatArray = NDArray[np.float64]


def _pomp_matrix(
    items: Any, scale: Scale | str | Mapping[str, Scale | str] | None, function: str
) -> tuple[list[str], dict[str, Scale], FloatArray]:
    """Items as an (n, k) matrix of POMP scores, NaN where missing."""
    names = item_names(items)
    if scale is None and all(isinstance(v, Responses) for v in items.values()):
        scales = {n: v.scale for n, v in zip(names, items.values())}
    else:
        scales = item_scales(names, scale)
    columns = []
    for name, values in zip(names, items.values()):
        if isinstance(values, Responses):  # brings its own scale
            check_responses(
                f"item {name!r}", values, None if scale is None else scales[name], function
            )
            columns.append(values.scale._to_pomp(np.asarray(values.scores, dtype=np.float64)))
            continue
        if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
            raise SatisfyError(f"item {name!r}: give the answers as a sequence, one per customer")
        s = scales[name]
        codes = s.encode(values, nan_policy="omit")
        points = np.where(codes >= 0, s.low + codes * s.step, np.nan)
        columns.append(s._to_pomp(points))  # NaN stays NaN
    sizes = {c.shape[0] for c in columns}
    if len(sizes) > 1:
        lengths = ", ".join(f"{n}: {c.shape[0]}" for n, c in zip(names, columns))
        raise LengthMismatchError(f"items have different numbers of answers ({lengths})")
    return names, scales, np.column_stack(columns).astype(np.float64)


@attrs.frozen(repr=False)
class Reliability:
    """Cronbach's alpha with its Feldt interval, and item-rest correlations.

    Attributes
    ----------
    alpha : float
        NaN for a single item or when the total has no variance.
    low : float
        Lower end of Feldt's (1965) interval at ``confidence_level``.
    high : float
        Upper end of that interval.
    confidence_level : float
    n : int
        Customers with every item answered (alpha uses complete cases).
    item_rest : dict of str to float
        Correlation of each item with the sum of the others (NaN for one item).

    Examples
    --------
    >>> import satisfy
    >>> rel = satisfy.cronbach_alpha({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4]}, scale="CSAT5")
    >>> round(rel.alpha, 3), rel.n
    (0.96, 4)
    """

    alpha: float
    low: float
    high: float
    confidence_level: float
    n: int
    item_rest: dict[str, float]

    def __repr__(self) -> str:
        level = f"{self.confidence_level * 100:g}%"
        return f"alpha {self.alpha:.3f} ({level} CI {self.low:.3f} to {self.high:.3f}, n={self.n})"


def _reliability(names: list[str], x: FloatArray, confidence_level: float) -> Reliability:
    complete = x[~np.isnan(x).any(axis=1)]
    n = complete.shape[0]
    cov = (
        np.cov(complete, rowvar=False, ddof=1).reshape(1, len(names), len(names))
        if n >= 2
        else (np.zeros((1, len(names), len(names))))
    )
    alpha, low, high, rest = _moments.cronbach_alpha(np.array([float(n)]), cov, confidence_level)
    return Reliability(
        float(alpha[0]),
        float(low[0]),
        float(high[0]),
        confidence_level,
        n,
        {name: float(v) for name, v in zip(names, rest[0])},
    )


def cronbach_alpha(
    items: Mapping[str, Any],
    *,
    scale: Scale | str | Mapping[str, Scale | str] | None = None,
    confidence_level: float = 0.95,
) -> Reliability:
    """Cronbach's (1951) alpha of rating items, with Feldt's (1965) interval.

    ``alpha = k / (k - 1) * (1 - sum(var_i) / var(total))`` over the customers who answered
    every item, computed on the items' POMP scores (so items on different scales weigh
    alike; for items on one scale this is the usual alpha of the raw answers). The interval
    is ``1 - (1 - alpha) F`` with F quantiles on ``n - 1`` and ``(n - 1)(k - 1)`` degrees
    of freedom.

    Examples
    --------
    >>> import satisfy
    >>> rel = satisfy.cronbach_alpha({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5],
    ...                               "c": [1, 3, 3, 4, 4]}, scale="CSAT5")
    >>> round(rel.alpha, 3), round(rel.item_rest["a"], 3)
    (0.954, 0.97)
    >>> rel
    alpha 0.954 (95% CI 0.766 to 0.995, n=5)
    """
    check_confidence_level(confidence_level)
    names, _, x = _pomp_matrix(items, scale, "cronbach_alpha")
    return _reliability(names, x, confidence_level)


@attrs.frozen(repr=False)
class CompositeIndex:
    """A 0-100 satisfaction index over several items, per customer and overall.

    Attributes
    ----------
    value : float
        Mean of the customers' indices (0-100).
    se : float
        Its standard error (``sd / sqrt(n)``).
    n : int
        Customers with an index.
    dropped : int
        Customers left out by the missing-item rule.
    scores : numpy.ndarray
        Each customer's index, NaN for those left out (in input order).
    weights : dict of str to float
        Item weights, normalised to sum to 1.
    item_means : dict of str to float
        Each item's mean POMP score over the customers with an index.
    reliability : Reliability
        Cronbach's alpha, its interval and the item-rest correlations.

    Examples
    --------
    >>> import satisfy
    >>> idx = satisfy.index({"a": [5, 4, 3], "b": [4, 4, 2]}, scale="CSAT5")
    >>> idx.scores.round(1).tolist(), round(idx.item_means["a"], 1)
    ([87.5, 75.0, 37.5], 75.0)
    """

    value: float
    se: float
    n: int
    dropped: int
    scores: FloatArray = attrs.field(eq=False)
    weights: dict[str, float]
    item_means: dict[str, float]
    reliability: Reliability

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """t interval of the mean index (``n - 1`` degrees of freedom), inside 0-100."""
        check_confidence_level(confidence_level)
        if self.n < 2:
            return ConfidenceInterval(float("nan"), float("nan"), confidence_level, "t")
        q = float(stats.t.ppf(0.5 + confidence_level / 2, self.n - 1))
        low = max(0.0, self.value - q * self.se)
        high = min(100.0, self.value + q * self.se)
        return ConfidenceInterval(low, high, confidence_level, "t")

    def to_dict(self) -> dict[str, Any]:
        """Plain values: the index, its interval, items and reliability."""
        ci = self.confidence_interval()
        rel = self.reliability
        return {
            "value": self.value,
            "low": ci.low,
            "high": ci.high,
            "se": self.se,
            "n": self.n,
            "dropped": self.dropped,
            "weights": dict(self.weights),
            "item_means": dict(self.item_means),
            "alpha": rel.alpha,
            "alpha_low": rel.low,
            "alpha_high": rel.high,
            "item_rest": dict(rel.item_rest),
        }

    def __repr__(self) -> str:
        ci = self.confidence_interval()
        return (
            f"Index {self.value:.1f} (95% CI {ci.low:.1f} to {ci.high:.1f}, t, n={self.n}"
            f"{f', dropped={self.dropped}' if self.dropped else ''}; {len(self.weights)} items, "
            f"{self.reliability!r})"
        )


def index(
    items: Mapping[str, Any],
    weights: Mapping[str, float] | None = None,
    *,
    scale: Scale | str | Mapping[str, Scale | str] | None = None,
    min_items: int | None = None,
    confidence_level: float = 0.95,
) -> CompositeIndex:
    """Composite 0-100 index of several rating items, per customer and overall.

    Parameters
    ----------
    items : mapping of str to array-like
        Item name to answers, one per customer, in the same customer order.
    weights : mapping of str to float, optional
        Item weights, one for every item, each a positive number (from 1e-100 to 1e100);
        normalised to sum to 1. Equal by default.
    scale : Scale, str or mapping of str to Scale or str
        One scale for all items, or one per item (a mapping naming every item). Each item
        is scored in POMP on its scale. Items given as Responses bring their own scale.
    min_items : int, optional
        The missing-item rule. ``None`` (default): a customer needs every item. A whole
        number from 1 to the number of items: customers with at least this many items
        answered get the weighted mean of those items (their weights re-normalised); the
        others are left out.
    confidence_level : float
        For the reliability interval.

    Returns
    -------
    CompositeIndex

    Raises
    ------
    WeightError
        When ``weights`` leaves out an item, names one that is not an item, or gives a
        weight that is not a positive finite number.
    ScaleError
        When a ``scale`` mapping leaves out an item or names one that is not an item, or
        disagrees with the scale of an item given as Responses.
    InvalidScoreError
        For answers that are not on their item's scale (infinite values included).
    MethodError
        For items given as Responses with survey weights (the index is unweighted).

    Examples
    --------
    >>> import satisfy
    >>> items = {"quality": [10, 8, 6, 9], "value": [7, 7, 5, 10], "expectations": [9, 6, 6, 8]}
    >>> idx = satisfy.index(items, scale="ACSI10")
    >>> round(idx.value, 2), idx.n  # ((8.25-1)/9 + (7.25-1)/9 + (7.25-1)/9) / 3, x 100
    (73.15, 4)
    >>> acsi = satisfy.index(items, {"quality": 0.5, "value": 0.3, "expectations": 0.2},
    ...                      scale="ACSI10")
    >>> round(acsi.value, 2)  # 0.5 (8.25-1)/9 + 0.3 (7.25-1)/9 + 0.2 (7.25-1)/9, x 100
    75.0
    """
    check_confidence_level(confidence_level)
    names, _, x = _pomp_matrix(items, scale, "index")
    k = len(names)
    w = item_weights(names, weights)
    answered = ~np.isnan(x)
    need = check_min_items(min_items, k)
    keep = answered.sum(axis=1) >= need
    wa = np.where(answered, w, 0.0)
    wsum = wa.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(keep & (wsum > 0), (np.nan_to_num(x) * wa).sum(axis=1) / wsum, np.nan)
    scores = np.clip(scores, 0.0, 100.0)  # a weighted mean of POMP scores, up to rounding
    valid = ~np.isnan(scores)
    n = int(valid.sum())
    if n == 0:
        raise EmptyDataError(f"no customer answered at least {need} of the {k} items")
    kept = scores[valid]
    value = float(kept.mean())
    se = float(kept.std(ddof=1) / np.sqrt(n)) if n > 1 else float("nan")
    means = np.nanmean(np.where(valid[:, None], x, np.nan), axis=0)
    return CompositeIndex(
        value,
        se,
        n,
        int(x.shape[0] - n),
        scores,
        {name: float(v) for name, v in zip(names, w)},
        {name: float(v) for name, v in zip(names, means)},
        _reliability(names, x, confidence_level),
    )
