"""Key drivers: how strongly each item relates to an outcome, and its share of what is explained.

For every item, the Pearson correlation with the outcome, with the Fisher (1921) z interval
and the t-test p-value; and Johnson's (2000) relative weights, which split the R^2 of the
regression of the outcome on all items into one non-negative part per item even when the
items are correlated with each other (where regression coefficients and squared
correlations both mislead). Relative weights closely track the general dominance weights
of Budescu (1993) at a fraction of the cost.

Relative weights: with ``R`` the items' correlation matrix, ``r`` their correlations with
the outcome and ``R = Q diag(l) Q'``, let ``L = Q diag(sqrt(l)) Q'`` (the correlations of
the items with their closest orthonormal counterparts), ``b = L^-1 r``; then the weight of
item ``j`` is ``sum_k L_jk^2 b_k^2``, and the weights add up to ``R^2``.

References
----------
Budescu, D. V. (1993). Dominance analysis: a new approach to the problem of relative
importance of predictors in multiple regression. *Psychological Bulletin* 114(3), 542-551.
Fisher, R. A. (1921). On the "probable error" of a coefficient of correlation deduced from
a small sample. *Metron* 1, 3-32.
Johnson, J. W. (2000). A heuristic method for estimating the relative weight of predictor
variables in multiple regression. *Multivariate Behavioral Research* 35(1), 1-19.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _moments, _results
from ._items import check_responses, item_names, item_scales, numeric_column
from ._stats._common import check_confidence_level, z_value
from .errors import EmptyDataError, LengthMismatchError, SatisfyError
from .estimate import ConfidenceInterval
from .responses import Responses
from .scales import Scale, as_scale

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = ["DriverTable", "drivers"]

FloatArray = NDArray[np.float64]


def _column(values: Any, scale: Scale | None, what: str) -> FloatArray:
    if isinstance(values, Responses):  # brings its own scale
        return np.asarray(values.scores, dtype=np.float64)
    if scale is not None:
        if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
            raise SatisfyError(f"{what}: give the answers as a sequence, one per customer")
        codes = scale.encode(values, nan_policy="omit")
        return np.where(codes >= 0, scale.low + codes * scale.step, np.nan)
    return numeric_column(values, what)


def _unit_columns(data: FloatArray) -> FloatArray:
    """Each column divided by the power of two at or above its largest magnitude: exact
    (correlations do not change by a bit) and keeps squares and cross-products finite for
    answers as large as 1e300 or as small as 1e-300."""
    top = np.max(np.abs(data), axis=0)
    _, exponent = np.frexp(np.where(top > 0, top, 1.0))
    return np.asarray(np.ldexp(data, -exponent[None, :]), dtype=np.float64)


@attrs.frozen(repr=False)
class DriverTable:
    """Items ranked by their relative weight in explaining an outcome.

    Attributes
    ----------
    items : tuple of str
        Item names, most important first.
    correlation : numpy.ndarray
        Pearson correlation with the outcome.
    low : numpy.ndarray
        Lower end of its Fisher z interval.
    high : numpy.ndarray
        Upper end of its Fisher z interval.
    pvalue : numpy.ndarray
        Of the t test of zero correlation.
    weight : numpy.ndarray
        Johnson's relative weight (a part of R^2).
    share : numpy.ndarray
        ``weight`` as a percentage of R^2.
    performance : numpy.ndarray
        The item's mean as POMP (0-100) when its scale is known, else NaN.
    r_squared : float
        R^2 of the regression of the outcome on all items.
    n : int
        Customers used (all answers present).
    missing : int
        Customers left out for a missing answer.
    confidence_level : float
        Of ``low`` and ``high``; :meth:`confidence_interval` gives them as a
        :class:`ConfidenceInterval` (method ``"fisher-z"``), at another level too.

    Examples
    --------
    >>> import satisfy
    >>> t = satisfy.drivers([9, 7, 10, 3, 8, 6], {"speed": [6, 5, 7, 2, 5, 4],
    ...                                           "price": [4, 5, 6, 4, 3, 5]}, scale="LIKERT7")
    >>> t.items, t.share.round(1).tolist()
    (('speed', 'price'), [95.6, 4.4])
    """

    items: tuple[str, ...]
    correlation: FloatArray = attrs.field(eq=False)
    low: FloatArray = attrs.field(eq=False)
    high: FloatArray = attrs.field(eq=False)
    pvalue: FloatArray = attrs.field(eq=False)
    weight: FloatArray = attrs.field(eq=False)
    share: FloatArray = attrs.field(eq=False)
    performance: FloatArray = attrs.field(eq=False)
    r_squared: float
    n: int
    missing: int
    confidence_level: float

    def __len__(self) -> int:
        return len(self.items)

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """Fisher's (1921) z intervals of the correlations (arrays over the items, in the
        table's order), at the table's level unless another is asked.

        Examples
        --------
        >>> import satisfy
        >>> t = satisfy.drivers([9, 7, 10, 3, 8, 6], {"speed": [6, 5, 7, 2, 5, 4],
        ...                                           "price": [4, 5, 6, 4, 3, 5]},
        ...                     scale="LIKERT7")
        >>> ci = t.confidence_interval(0.9)
        >>> ci.low.round(3).tolist(), ci.method
        ([0.933, -0.588], 'fisher-z')
        """
        if confidence_level is None or confidence_level == self.confidence_level:
            return ConfidenceInterval(self.low, self.high, self.confidence_level, "fisher-z")
        level = check_confidence_level(confidence_level)
        half = z_value(level) / np.sqrt(max(self.n - 3, 1))
        z = np.arctanh(self.correlation)
        return ConfidenceInterval(np.tanh(z - half), np.tanh(z + half), level, "fisher-z")

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per item, most important first.

        Examples
        --------
        >>> import satisfy
        >>> t = satisfy.drivers([9, 7, 10, 3, 8, 6], {"speed": [6, 5, 7, 2, 5, 4],
        ...                                           "price": [4, 5, 6, 4, 3, 5]},
        ...                     scale="LIKERT7")
        >>> row = t.to_records()[0]
        >>> row["item"], row["rank"], round(row["pvalue"], 4), row["method"]
        ('speed', 1, 0.0002, 'fisher-z')
        """
        return [
            {
                "item": name,
                "rank": i + 1,
                "correlation": float(self.correlation[i]),
                "low": float(self.low[i]),
                "high": float(self.high[i]),
                "confidence_level": self.confidence_level,
                "method": "fisher-z",
                "pvalue": float(self.pvalue[i]),
                "weight": float(self.weight[i]),
                "share": float(self.share[i]),
                "performance": float(self.performance[i]),
            }
            for i, name in enumerate(self.items)
        ]

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data: R^2, the customers used and left out, and the items' records.

        Examples
        --------
        >>> import satisfy
        >>> t = satisfy.drivers([9, 7, 10, 3, 8, None], {"speed": [6, 5, 7, 2, 5, 4],
        ...                                              "price": [4, 5, 6, 4, 3, 5]})
        >>> d = t.to_dict()
        >>> d["n"], d["missing"], [r["item"] for r in d["items"]]
        (5, 1, ['speed', 'price'])
        """
        return {
            "r_squared": self.r_squared,
            "n": self.n,
            "missing": self.missing,
            "confidence_level": self.confidence_level,
            "items": self.to_records(),
        }

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_records` as a dataframe of ``backend`` ("pandas", "polars", "pyarrow"
        or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> t = satisfy.drivers([9, 7, 10, 3, 8, 6], {"speed": [6, 5, 7, 2, 5, 4],
        ...                                           "price": [4, 5, 6, 4, 3, 5]})
        >>> t.to_frame(backend="polars")["item"].to_list()
        ['speed', 'price']
        """
        return _results.to_frame(self.to_records(), backend)

    def __repr__(self) -> str:
        level = _results.format_level(self.confidence_level)
        rows = ", ".join(
            f"{name} {share:.0f}% (r={r:.2f}, {level} CI "
            f"{_results.format_number(low, 2)} to {_results.format_number(high, 2)})"
            for name, share, r, low, high in zip(
                self.items, self.share, self.correlation, self.low, self.high
            )
        )
        missing = f", missing={self.missing}" if self.missing else ""
        return f"DriverTable(R^2={self.r_squared:.3f}, n={self.n}{missing}: {rows})"


def drivers(
    outcome: Any,
    items: Any,
    *,
    scale: Scale | str | Mapping[str, Scale | str] | None = None,
    outcome_scale: Scale | str | None = None,
    confidence_level: float = 0.95,
) -> DriverTable:
    """Rank items by how much of an outcome they explain (key driver analysis).

    Parameters
    ----------
    outcome : array-like
        One answer per customer: likelihood to recommend, overall satisfaction...
    items : mapping of str to array-like
        The items (or gaps, from :func:`satisfy.gap`'s inputs), one answer per customer,
        in the same customer order.
    scale : Scale, str or mapping of str to Scale or str, optional
        The items' scale (one for all, or one per item): answers are validated, labels are
        read, and each item's performance (POMP mean) is reported. Without it, items must
        be finite numbers (NaN or None when missing).
    outcome_scale : Scale or str, optional
        The outcome's scale, for validation and labels.
    confidence_level : float
        For the correlation intervals.

    Returns
    -------
    DriverTable
        Customers with any answer missing (None, NaN) are left out (``missing``).

    Raises
    ------
    InvalidScoreError
        For answers not on their scale or, without a scale, infinite answers (with their
        positions).
    ScaleError
        When a ``scale`` mapping leaves out an item or names one that is not an item, or
        disagrees with the scale of an item given as Responses.
    MethodError
        For an item or outcome given as Responses with survey weights (the analysis is
        unweighted).

    Examples
    --------
    >>> import satisfy
    >>> from satisfy.datasets import load_demo
    >>> demo = load_demo()
    >>> items = {d: demo[f"perceived_{d}"] for d in ("speed", "courtesy", "resolution")}
    >>> t = satisfy.drivers(demo["ltr"], items, scale="LIKERT7", outcome_scale="NPS")
    >>> t.items[0], round(t.r_squared, 2)
    ('resolution', 0.6)
    """
    check_confidence_level(confidence_level)
    names = item_names(items)
    scales: dict[str, Scale | None] = (
        dict.fromkeys(names) if scale is None else dict(item_scales(names, scale))
    )
    y_scale = None if outcome_scale is None else as_scale(outcome_scale)
    if isinstance(outcome, Responses):
        check_responses("the outcome", outcome, y_scale, "drivers")
    for name, values in zip(names, items.values()):
        if isinstance(values, Responses):
            check_responses(f"item {name!r}", values, scales[name], "drivers")
    y = _column(outcome, y_scale, "the outcome")
    cols = [_column(v, scales[n], f"item {n!r}") for n, v in zip(names, items.values())]
    for name, col in zip(names, cols):
        if col.shape != y.shape:
            raise LengthMismatchError(
                f"item {name!r} has {col.shape[0]} answers and the outcome {y.shape[0]}"
            )
    x = np.column_stack(cols)
    keep = ~(np.isnan(y) | np.isnan(x).any(axis=1))
    n = int(keep.sum())
    if n < len(names) + 2:
        raise EmptyDataError(
            f"{n} customers answered the outcome and every item; {len(names) + 2} are needed"
        )
    x, y = x[keep], y[keep]
    flat = [names[j] for j in range(len(names)) if np.ptp(x[:, j]) == 0]
    if flat or np.ptp(y) == 0:
        what = f"item {flat[0]!r}" if flat else "the outcome"
        raise SatisfyError(f"{what} has the same answer for every customer: no correlation")
    cov = np.cov(_unit_columns(np.column_stack([x, y])), rowvar=False)[None, :, :]
    out = _moments.drivers(np.array([float(n)]), cov, confidence_level)
    weight = out["weight"][0]
    r2 = float(out["r_squared"][0])
    rxy, low, high, p = (out[key][0] for key in ("correlation", "low", "high", "p_value"))
    for name, values in zip(names, items.values()):
        if isinstance(values, Responses):
            scales[name] = values.scale
    perf = np.array(
        [
            float(s.pomp(x[:, j]).mean()) if (s := scales[name]) is not None else np.nan
            for j, name in enumerate(names)
        ]
    )
    order = np.argsort(-weight, kind="stable")
    share = weight / r2 * 100 if r2 > 0 else np.full_like(weight, np.nan)
    return DriverTable(
        tuple(names[i] for i in order),
        rxy[order],
        low[order],
        high[order],
        p[order],
        weight[order],
        share[order],
        perf[order],
        r2,
        n,
        int((~keep).sum()),
        confidence_level,
    )
