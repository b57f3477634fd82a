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
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _items, _moments, _results
from ._items import check_min_items, check_responses, item_names, item_scales
from ._lazy import stats
from ._stats._common import check_confidence_level
from .errors import EmptyDataError, LengthMismatchError, SatisfyError
from .estimate import ConfidenceInterval
from .responses import Responses
from .scales import Scale

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

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
            columns.append(values.scale.pomp(np.asarray(values.scores, dtype=np.float64)))
            continue
        if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
            raise SatisfyError(f"item {name!r}: give the answers as a sequence, one per customer")
        s = scales[name]
        codes = s.encode(values, nan_policy="omit")
        points = np.where(codes >= 0, s.low + codes * s.step, np.nan)
        columns.append(s.pomp(points))  # NaN stays NaN
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
    missing : int
        Customers left out because an item was missing.

    Examples
    --------
    >>> import satisfy
    >>> rel = satisfy.cronbach_alpha({"a": [1, 2, 3, 4], "b": [1, 3, 3, None]}, scale="CSAT5")
    >>> round(rel.alpha, 3), rel.n, rel.missing
    (0.923, 3, 1)
    >>> rel.confidence_interval().method
    'feldt'
    """

    alpha: float
    low: float
    high: float
    confidence_level: float
    n: int
    item_rest: dict[str, float]
    missing: int = 0

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """Feldt's (1965) interval of alpha, at the result's level unless another is asked.

        Examples
        --------
        >>> import satisfy
        >>> rel = satisfy.cronbach_alpha({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5],
        ...                               "c": [1, 3, 3, 4, 4]}, scale="CSAT5")
        >>> ci = rel.confidence_interval(0.9)
        >>> round(ci.low, 3), round(ci.high, 3), ci.confidence_level
        (0.823, 0.992, 0.9)
        """
        if confidence_level is None or confidence_level == self.confidence_level:
            return ConfidenceInterval(self.low, self.high, self.confidence_level, "feldt")
        level = check_confidence_level(confidence_level)
        k = len(self.item_rest)
        if not np.isfinite(self.alpha):
            return ConfidenceInterval(float("nan"), float("nan"), level, "feldt")
        df1 = max(self.n - 1, 1)
        df2 = df1 * max(k - 1, 1)
        tail = (1 - level) / 2
        low = 1 - (1 - self.alpha) * float(stats.f.isf(tail, df1, df2))
        high = 1 - (1 - self.alpha) * float(stats.f.isf(1 - tail, df1, df2))
        return ConfidenceInterval(low, high, level, "feldt")

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data.

        Examples
        --------
        >>> import satisfy
        >>> d = satisfy.cronbach_alpha({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4]},
        ...                            scale="CSAT5").to_dict()
        >>> round(d["alpha"], 3), d["method"], d["n"]
        (0.96, 'feldt', 4)
        """
        return {
            "alpha": self.alpha,
            "low": self.low,
            "high": self.high,
            "confidence_level": self.confidence_level,
            "method": "feldt",
            "n": self.n,
            "missing": self.missing,
            "item_rest": dict(self.item_rest),
        }

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_dict` as a one-row dataframe of ``backend`` ("pandas", "polars",
        "pyarrow" or the module; needs narwhals); item-rest correlations become columns
        ``item_rest_<item>``.

        Examples
        --------
        >>> import satisfy
        >>> rel = satisfy.cronbach_alpha({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4]}, scale="CSAT5")
        >>> list(rel.to_frame(backend="polars").columns)[-2:]
        ['item_rest_a', 'item_rest_b']
        """
        return _results.to_frame([self.to_dict()], backend)

    def __repr__(self) -> str:
        interval = _results.format_interval(
            self.low, self.high, self.confidence_level, "Feldt", digits=3
        )
        missing = f", missing={self.missing}" if self.missing else ""
        return f"alpha {_results.format_number(self.alpha, 3)} ({interval}, n={self.n}{missing})"


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
        int(x.shape[0] - n),
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
    alpha 0.954 (95% CI 0.766 to 0.995, Feldt, n=5)
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
    missing : int
        Customers left out by the missing-item rule.
    scores : numpy.ndarray
        Each customer's index, NaN for those left out (in input order).
    item_weights : dict of str to float
        Item weights, normalised to sum to 1.
    item_means : dict of str to float
        Each item's mean POMP score over the customers with an index.
    reliability : Reliability
        Cronbach's alpha, its interval and the item-rest correlations.
    confidence_level : float
        The level asked of :func:`index`: of the reliability interval and, by default,
        of :meth:`confidence_interval` and the repr.

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
    missing: int
    scores: FloatArray = attrs.field(eq=False)
    item_weights: dict[str, float]
    item_means: dict[str, float]
    reliability: Reliability
    confidence_level: float = 0.95

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """t interval of the mean index (``n - 1`` degrees of freedom), inside 0-100, at
        the level asked of :func:`index` unless another is given.

        Examples
        --------
        >>> import satisfy
        >>> idx = satisfy.index({"a": [5, 4, 3, 2], "b": [4, 4, 2, 2]}, scale="CSAT5",
        ...                     confidence_level=0.8)
        >>> ci = idx.confidence_interval()
        >>> round(ci.low, 1), round(ci.high, 1), ci.confidence_level, ci.method
        (31.9, 80.6, 0.8, 't')
        """
        level = check_confidence_level(
            self.confidence_level if confidence_level is None else confidence_level
        )
        if self.n < 2:
            return ConfidenceInterval(float("nan"), float("nan"), level, "t")
        q = float(stats.t.ppf(0.5 + level / 2, self.n - 1))
        low = max(0.0, self.value - q * self.se)
        high = min(100.0, self.value + q * self.se)
        return ConfidenceInterval(low, high, level, "t")

    def to_dict(self) -> dict[str, Any]:
        """Plain values: the index, its interval, items and reliability.

        Examples
        --------
        >>> import satisfy
        >>> d = satisfy.index({"a": [5, 4, 3], "b": [4, 4, None]}, scale="CSAT5").to_dict()
        >>> d["value"], d["n"], d["missing"], d["item_weights"]
        (81.25, 2, 1, {'a': 0.5, 'b': 0.5})
        """
        ci = self.confidence_interval()
        rel = self.reliability
        return {
            "value": self.value,
            "low": ci.low,
            "high": ci.high,
            "confidence_level": ci.confidence_level,
            "method": ci.method,
            "se": self.se,
            "n": self.n,
            "missing": self.missing,
            "item_weights": dict(self.item_weights),
            "item_means": dict(self.item_means),
            "alpha": rel.alpha,
            "alpha_low": rel.low,
            "alpha_high": rel.high,
            "item_rest": dict(rel.item_rest),
        }

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_dict` as a one-row dataframe of ``backend`` ("pandas", "polars",
        "pyarrow" or the module; needs narwhals); the per-item entries become columns
        ``item_weights_<item>``, ``item_means_<item>`` and ``item_rest_<item>``.

        Examples
        --------
        >>> import satisfy
        >>> idx = satisfy.index({"a": [5, 4, 3], "b": [4, 4, 2]}, scale="CSAT5")
        >>> idx.to_frame(backend="pandas").loc[0, "item_means_a"]
        np.float64(75.0)
        """
        return _results.to_frame([self.to_dict()], backend)

    def __repr__(self) -> str:
        ci = self.confidence_interval()
        interval = _results.format_interval(ci.low, ci.high, ci.confidence_level, "t")
        missing = f", missing={self.missing}" if self.missing else ""
        return (
            f"Index {_results.format_number(self.value)} ({interval}, n={self.n}{missing}; "
            f"{len(self.item_weights)} items, {self.reliability!r})"
        )


def index(
    items: Mapping[str, Any],
    *,
    item_weights: Mapping[str, float] | None = None,
    scale: Scale | str | Mapping[str, Scale | str] | None = None,
    min_items: int | None = None,
    confidence_level: float = 0.95,
) -> CompositeIndex:
    """Composite 0-100 index of several rating items, per customer and overall.

    Parameters
    ----------
    items : mapping of str to array-like
        Item name to answers, one per customer, in the same customer order.
    item_weights : mapping of str to float, optional
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
        For the interval of the index (its repr and default
        :meth:`CompositeIndex.confidence_interval`) and of the reliability.

    Returns
    -------
    CompositeIndex
        Customers left out by the missing-item rule are counted in ``missing``.

    Raises
    ------
    WeightError
        When ``item_weights`` leaves out an item, names one that is not an item, or gives a
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
    >>> weights = {"quality": 0.5, "value": 0.3, "expectations": 0.2}
    >>> acsi = satisfy.index(items, item_weights=weights, scale="ACSI10")
    >>> round(acsi.value, 2)  # 0.5 (8.25-1)/9 + 0.3 (7.25-1)/9 + 0.2 (7.25-1)/9, x 100
    75.0
    """
    check_confidence_level(confidence_level)
    names, _, x = _pomp_matrix(items, scale, "index")
    k = len(names)
    w = _items.item_weights(names, item_weights)
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
    # each item's mean over the customers kept; NaN (quietly) for an item none of them answered
    kept_x = np.where(valid[:, None] & answered, x, 0.0)
    counts = (valid[:, None] & answered).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where(counts > 0, kept_x.sum(axis=0) / counts, np.nan)
    return CompositeIndex(
        value,
        se,
        n,
        int(x.shape[0] - n),
        scores,
        {name: float(v) for name, v in zip(names, w)},
        {name: float(v) for name, v in zip(names, means)},
        _reliability(names, x, confidence_level),
        float(confidence_level),
    )
