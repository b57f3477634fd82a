"""Building survey weights: raking, post-stratification, calibration, trimming, and the
adjustment for non-response, with the variance that accounts for the calibration.

A sample of answers seldom mirrors the customers it stands for: phone contacts answer
more often than email ones, one region is over-represented. Weighting the answers to
known population figures corrects that:

- :func:`rake` fits weights to the margins of several variables at once (iterative
  proportional fitting, Deming and Stephan 1940), keeping as close as raking can to the
  base weights;
- :func:`poststratify` fits them to the cells of one or more variables crossed (each
  cell's weights are scaled to its population count);
- :func:`calibrate` fits them to totals of categorical indicators and numeric variables
  (linear, that is GREG, or raking calibration: Deville and Särndal 1992);
- :func:`trim` caps extreme weights and spreads the excess over the others (the total
  stays), as ``survey::trimWeights`` does;
- :func:`response_rates` and :func:`nonresponse_adjust` measure and correct non-response
  within weighting classes (Kalton and Flores-Cervantes 2003).

Every fit returns a :class:`WeightingResult` with the weights, a convergence report, the
weighting efficiency, and :meth:`WeightingResult.estimate`, which gives a metric and its
standard error *after calibration*: the linearised variance of the calibration
residuals, as R's ``survey`` package computes it (``svyrecvar``), so that the margins the
weights were fitted to count as known rather than estimated.

Why the fitting is written here rather than taken from a library
------------------------------------------------------------------

The candidates were looked at: ``ipfn`` (last release 2021; fits N-dimensional seed
tables through pandas), ``weightipy`` (RIM weighting on a pandas frame, pandas a hard
dependency), ``samplics`` and ``balance`` (whole survey frameworks with pandas, polars,
statsmodels or scikit-learn underneath). Each would bring a dataframe library into the
runtime dependencies, which the house keeps to numpy, attrs and scipy, and none works on
the tally-based design: raking here runs on the cells of the margins' cross-classification
(the base weight per cell is the sufficient statistic, a weighted tally), so each sweep is
one ``numpy.bincount`` per margin over a few dozen cells whatever the number of answers.
That is about twenty lines of vectorised numpy, checked to 1e-9 against R's ``survey``
(``rake``, ``postStratify``, ``calibrate``, ``trimWeights``) in
``tests/reference/test_weighting_references.py``.

Non-convergence is reported the scipy way, as ``converged=False`` on the result (with the
largest margin miss in ``max_error``), and also with a :class:`RuntimeWarning`, as R's
``rake`` warns: weights that miss their margins must not pass unnoticed.

References
----------
Deming, W. E. and Stephan, F. F. (1940). On a least squares adjustment of a sampled
frequency table when the expected marginal totals are known. *Annals of Mathematical
Statistics* 11(4), 427-444.

Deville, J.-C. and Särndal, C.-E. (1992). Calibration estimators in survey sampling.
*Journal of the American Statistical Association* 87(418), 376-382.

Deville, J.-C., Särndal, C.-E. and Sautory, O. (1993). Generalized raking procedures in
survey sampling. *Journal of the American Statistical Association* 88(423), 1013-1020.

Kalton, G. and Flores-Cervantes, I. (2003). Weighting methods. *Journal of Official
Statistics* 19(2), 81-97.

Kish, L. (1965). *Survey Sampling*. Wiley (the weighting efficiency and design effect).

Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley (the variance
after calibration; R's ``survey`` package).

The American Association for Public Opinion Research (2023). *Standard Definitions: Final
Dispositions of Case Codes and Outcome Rates for Surveys*, 10th edition (response rates).
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from . import _coding, _grouping, _results
from . import _weighting as _w
from ._stats import proportion as _prop
from ._stats._common import check_confidence_level, z_value
from .errors import CalibrationError, LengthMismatchError, OptionError, SatisfyError, WeightError
from .estimate import ConfidenceInterval
from .metrics import METRICS
from .scales import Scale

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = [
    "CalibratedEstimate",
    "NonresponseAdjustment",
    "ResponseRates",
    "WeightingResult",
    "calibrate",
    "nonresponse_adjust",
    "poststratify",
    "rake",
    "response_rates",
    "trim",
]

FloatArray = NDArray[np.float64]
CalibrationMethod = Literal["linear", "raking"]

DEFAULT_MAX_ITER = 100
DEFAULT_TOL = 1e-10


def _fmt(x: float) -> str:
    return f"{x:.4g}"


@attrs.frozen(repr=False, eq=False)
class CalibratedEstimate:
    """A metric computed with calibrated weights, and its standard error after calibration.

    Attributes
    ----------
    metric : str
        The metric's display label (``"NPS"``, ``"top box"``...).
    value : float
        The estimate in the metric's unit (NPS points, percent, scale units); the same
        value as the metric's calculator gives with the same weights.
    se : float
        The linearised standard error of the calibration residuals, with the factor
        ``n / (n - 1)``, equal to R's ``svymean`` on the calibrated design.
    se_fixed_weights : float
        The standard error that takes the weights as fixed (no calibration residuals):
        the difference to ``se`` is what knowing the margins is worth.
    n : int
        Answers counted (rows whose answer is missing or a non-answer are left out of the
        value but stay in the variance, as a domain does).
    unit : str
        The unit of ``value``.
    low, high : float
        The metric's range, which interval ends respect.

    Examples
    --------
    >>> import satisfy
    >>> data = {"channel": ["phone", "phone", "email", "email", "email"]}
    >>> res = satisfy.rake(data, {"channel": {"phone": 60, "email": 40}})
    >>> e = res.estimate([10, 6, 9, 9, 3], metric="nps")
    >>> e
    CalibratedEstimate(NPS 13.3, se=53.32, n=5)
    >>> round(e.confidence_interval().low, 1)
    -91.2
    """

    metric: str
    value: float
    se: float
    se_fixed_weights: float
    n: int
    unit: str
    low: float
    high: float

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """Normal (Wald) interval ``value +- z se``, inside the metric's range, as
        ``confint`` gives it for ``svymean``.

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.rake({"g": ["a", "b", "a"]}, {"g": {"a": 1, "b": 1}})
        >>> ci = res.estimate([5, 4, 1], metric="csat").confidence_interval(0.9)
        >>> ci.method, round(ci.low, 1), round(ci.high, 1)
        ('wald', 39.4, 100.0)
        """
        level = check_confidence_level(confidence_level)
        z = float(z_value(level))
        low = min(max(self.value - z * self.se, self.low), self.value)
        high = max(min(self.value + z * self.se, self.high), self.value)
        return ConfidenceInterval(low, high, level, "wald")

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data.

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.rake({"g": ["a", "b"]}, {"g": {"a": 1, "b": 1}})
        >>> sorted(res.estimate([9, 10]).to_dict())
        ['metric', 'n', 'se', 'se_fixed_weights', 'unit', 'value']
        """
        return {
            "metric": self.metric,
            "value": self.value,
            "se": self.se,
            "se_fixed_weights": self.se_fixed_weights,
            "n": self.n,
            "unit": self.unit,
        }

    def __repr__(self) -> str:
        return f"CalibratedEstimate({self.metric} {self.value:.1f}, se={self.se:.4g}, n={self.n})"


@attrs.frozen(repr=False, eq=False)
class WeightingResult:
    """Weights built by :func:`rake`, :func:`poststratify`, :func:`calibrate` or
    :func:`trim`, with their convergence report and diagnostics.

    Attributes
    ----------
    weights : numpy.ndarray
        One weight per row, in the rows' order.
    method : str
        ``"rake"``, ``"poststratify"``, ``"calibrate-linear"``, ``"calibrate-raking"`` or
        ``"trim"``.
    converged : bool
        Whether the fit met its tolerance (for :func:`trim`: whether every weight is
        inside the bounds).
    iterations : int
        Sweeps (raking), Newton steps (raking calibration), trimming rounds, or 1.
    max_error : float
        The largest relative miss of any margin or total by the weights
        (``|achieved - target| / target``).

    Notes
    -----
    ``efficiency`` is Kish's weighting efficiency ``(sum w)^2 / (n sum w^2)``, a share
    from 0 to 1: the effective sample size over the number of rows. ``design_effect`` is
    its inverse ``1 + CV^2`` (Kish 1965), by how much the weighting alone inflates a
    variance. ``weight_ratio`` is the largest weight over the smallest nonzero one.

    Examples
    --------
    >>> import satisfy
    >>> data = {"channel": ["phone", "email", "email", "chat"],
    ...         "region": ["north", "north", "south", "south"]}
    >>> res = satisfy.rake(data, {"channel": {"phone": 50, "email": 30, "chat": 20},
    ...                           "region": {"north": 60, "south": 40}})
    >>> res  # doctest: +ELLIPSIS
    WeightingResult(rake, n=4, converged=True, ..., efficiency=0.7353, design_effect=1.36, ...)
    >>> res.weights.round(2).tolist()
    [50.0, 10.0, 20.0, 20.0]
    """

    weights: FloatArray = attrs.field(eq=False)
    method: str
    converged: bool
    iterations: int
    max_error: float
    model: _w.Model | None = attrs.field(default=None, eq=False)
    margins: tuple[_w.Margin, ...] = attrs.field(default=(), eq=False)

    @property
    def n(self) -> int:
        """Rows weighted."""
        return int(self.weights.shape[0])

    @property
    def total(self) -> float:
        """The sum of the weights."""
        return float(self.weights.sum())

    @property
    def efficiency(self) -> float:
        """Kish's weighting efficiency ``(sum w)^2 / (n sum w^2)``, from 0 to 1."""
        w = self.weights
        return float(w.sum() ** 2 / (w.shape[0] * (w * w).sum()))

    @property
    def design_effect(self) -> float:
        """The design effect due to weighting, ``1 + CV^2 = n sum w^2 / (sum w)^2``."""
        return 1.0 / self.efficiency

    @property
    def n_eff(self) -> float:
        """Kish's effective sample size ``(sum w)^2 / sum w^2``."""
        return self.n * self.efficiency

    @property
    def weight_ratio(self) -> float:
        """The largest weight over the smallest nonzero weight."""
        positive = self.weights[self.weights > 0]
        return float(positive.max() / positive.min()) if positive.size else float("nan")

    def estimate(
        self,
        scores: Any,
        metric: str = "nps",
        *,
        scale: Scale | str | None = None,
        by: Any = None,
        nan_policy: Literal["omit", "raise"] = "omit",
        **options: Any,
    ) -> Any:
        """A metric of ``scores`` with these weights, and its standard error after
        calibration.

        Parameters
        ----------
        scores : array-like
            One answer per weighted row, in the rows' order.
        metric : str
            A registry name (see :data:`satisfy.METRICS`): ``"nps"``, ``"csat"``,
            ``"top_box"``, ``"ces"``, ``"mean"``...
        scale : Scale or str, optional
            The answers' scale (default: the metric's default scale).
        by : array-like, optional
            One segment per row: then a ``dict`` of segment to :class:`CalibratedEstimate`
            (domain estimates: each segment's variance over the whole sample, as
            ``svyby`` gives it).
        nan_policy : {"omit", "raise"}
            Missing answers are left out of the value (and stay in the variance as rows
            outside the domain), or raise.
        **options
            The metric's options (``boxes=``, ``promoters=``...).

        Returns
        -------
        CalibratedEstimate or dict
            One estimate, or one per segment with ``by``.

        Notes
        -----
        The metric is the weighted mean of each answer's coefficient ``c_k`` (+100 / 0 /
        -100 for NPS, 100 / 0 for a share, the point's value for a mean). Its linearised
        values ``u_i = (c_i - value) / W`` are replaced by their residuals from the
        base-weighted regression on the calibration variables (the margins' indicators and
        the numeric totals), ``e_i = w_i (u_i - x_i' B)``, and the variance is
        ``n / (n - 1) * sum (e_i - mean e)^2`` (Deville and Särndal 1992; Lumley 2010,
        ch. 7). For post-stratification and linear calibration this is exactly what R's
        ``survey`` computes; for raking it is what ``calibrate(calfun = "raking")`` gives
        (``rake()`` itself approximates the same regression by ten backfitting sweeps).

        Examples
        --------
        >>> import satisfy
        >>> data = {"channel": ["phone"] * 3 + ["email"] * 3}
        >>> res = satisfy.poststratify(data, {"channel": {"phone": 700, "email": 300}})
        >>> res.estimate([10, 9, 3, 10, 7, 7], metric="nps")
        CalibratedEstimate(NPS 33.3, se=42.69, n=6)
        >>> by = res.estimate([10, 9, 3, 10, 7, 7], by=data["channel"])
        >>> {k: round(v.value, 1) for k, v in by.items()}
        {'email': 33.3, 'phone': 33.3}
        """
        entry = METRICS[metric]
        defn = entry.definition(scale, **options)
        policy = _coding.check_nan_policy(nan_policy)
        arr = _coding.as_array(scores, what="scores")
        if arr.shape[0] != self.n:
            raise LengthMismatchError(
                f"scores has {arr.shape[0]} entries but there are {self.n} weighted rows"
            )
        points = _coding.points_of(defn.scale)
        k = points.n_points
        codes = np.empty(self.n, dtype=np.intp)
        for start, chunk, _ in _coding.code_chunks(arr, points, policy):
            codes[start : start + chunk.shape[0]] = chunk
        answered = codes < k
        y = np.where(answered, defn.coefficients[np.minimum(codes, k - 1)], 0.0)
        if by is None:
            member = answered[:, None]
            keys: list[Hashable] = []
        else:
            group, keys, _ = _grouping.group_codes(by)
            if group.shape[0] != self.n:
                raise LengthMismatchError(
                    f"by has {group.shape[0]} entries but there are {self.n} weighted rows"
                )
            member = answered[:, None] & (group[:, None] == np.arange(len(keys))[None, :])
        counted = member.sum(axis=0)
        weight = np.where(member, self.weights[:, None], 0.0).sum(axis=0)
        if np.any(weight <= 0):
            where = "" if by is None else f" in segment {keys[int(np.argmax(weight <= 0))]!r}"
            raise SatisfyError(
                f"{defn.name}{where}: no answer with a positive weight, so no estimate"
            )
        value, se = _w.residual_se(y, member, self.weights, self.model)
        _, se_fixed = _w.residual_se(y, member, self.weights, None)
        value = np.clip(value, defn.low, defn.high)
        out = [
            CalibratedEstimate(
                defn.name,
                float(value[g]),
                float(se[g]),
                float(se_fixed[g]),
                int(counted[g]),
                defn.unit,
                float(defn.low),
                float(defn.high),
            )
            for g in range(member.shape[1])
        ]
        if by is None:
            return out[0]
        return dict(zip(keys, out))

    def to_dict(self) -> dict[str, Any]:
        """The report as plain Python data (the weights themselves are in ``weights``).

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.poststratify({"g": ["a", "b", "b"]}, {"g": {"a": 2, "b": 4}})
        >>> res.to_dict()["weight_ratio"]
        1.0
        """
        return {
            "method": self.method,
            "n": self.n,
            "converged": self.converged,
            "iterations": self.iterations,
            "max_error": self.max_error,
            "total": self.total,
            "efficiency": self.efficiency,
            "design_effect": self.design_effect,
            "n_eff": self.n_eff,
            "weight_ratio": self.weight_ratio,
            "min_weight": float(self.weights.min()) if self.n else float("nan"),
            "max_weight": float(self.weights.max()) if self.n else float("nan"),
        }

    def __repr__(self) -> str:
        return (
            f"WeightingResult({self.method}, n={self.n}, converged={self.converged}, "
            f"iterations={self.iterations}, max_error={self.max_error:.2g}, "
            f"efficiency={_fmt(self.efficiency)}, design_effect={_fmt(self.design_effect)}, "
            f"weight_ratio={_fmt(self.weight_ratio)})"
        )


def _margin_names(spec: Mapping[Any, Any]) -> list[str]:
    names: list[str] = []
    for key in spec:
        for name in _w.names_of(key):
            if name not in names:
                names.append(name)
    return names


def _check_spec(spec: Any, what: str) -> Mapping[Any, Any]:
    if not isinstance(spec, Mapping) or not spec:
        raise CalibrationError(
            f"{what} must be a mapping of column names to {{category: population total}}, "
            'e.g. {"channel": {"phone": 5000, "email": 3000}}'
        )
    return spec


def _total_arg(total: Any) -> float | None:
    if total is None:
        return None
    ok = isinstance(total, numbers.Real) and not isinstance(total, bool | np.bool_)
    if not ok or not np.isfinite(float(total)) or float(total) <= 0:
        raise CalibrationError(f"total={total!r}: give the population total, a number above 0")
    return float(total)


def _warn_unconverged(result: WeightingResult, what: str) -> None:
    if not result.converged:
        warnings.warn(
            f"{what} did not converge in {result.iterations} iterations: the weights miss "
            f"a margin by up to {result.max_error:.3g} (relative); raise max_iter, loosen "
            "bounds or merge sparse categories",
            RuntimeWarning,
            stacklevel=3,
        )


def rake(
    data: Any,
    margins: Mapping[Any, Mapping[Any, float]],
    *,
    weights: Any = None,
    total: float | None = None,
    max_iter: int = DEFAULT_MAX_ITER,
    tol: float = DEFAULT_TOL,
    bounds: tuple[float, float] | None = None,
) -> WeightingResult:
    """Rake base weights to population margins on several variables (iterative
    proportional fitting).

    Parameters
    ----------
    data : mapping or dataframe
        The sample: a mapping of column name to array-like, or any eager dataframe
        narwhals supports (pandas, polars, pyarrow...). Only the margins' columns are read.
    margins : mapping
        ``{column: {category: population total}}``, one entry per margin, e.g.
        ``{"channel": {"phone": 5000, "email": 3000}, "region": {...}}``. A margin on
        several columns crossed is keyed by a tuple of names, its categories by tuples.
        Every category in the data must be listed and every listed one must have rows;
        the margins' totals must agree within a relative 1e-6 (then they are scaled to
        the first margin's total exactly).
    weights : array-like, optional
        Base (design) weights, one per row; 1 for every row when not given.
    total : float, optional
        When given, the margins are shares (summing to 1, or to 100 as percentages) of
        this population total.
    max_iter : int
        The most sweeps over the margins.
    tol : float
        Convergence: every margin met within this relative error.
    bounds : (float, float), optional
        Limits ``(low, high)`` of the ratio new weight / base weight, applied after each
        sweep (capped raking; the margins may then not be met exactly).

    Returns
    -------
    WeightingResult

    Raises
    ------
    CalibrationError
        For a category in the data that the margins do not list (or the reverse),
        totals that are not positive, margins whose totals disagree.
    ColumnError
        For a margin's column that is not in ``data``.
    WeightError
        For base weights that are negative, NaN or infinite.

    Warns
    -----
    RuntimeWarning
        When the raking does not converge within ``max_iter`` (the result then has
        ``converged=False``).

    Notes
    -----
    Each sweep post-stratifies to one margin after the other, as ``survey::rake`` does;
    the fitting runs on the cells of the margins' cross-classification (base weight per
    cell), so a sweep costs one ``bincount`` per margin over the cells.

    Examples
    --------
    >>> import satisfy
    >>> data = {"channel": ["phone", "phone", "email", "chat", "chat"],
    ...         "region": ["north", "south", "south", "north", "north"]}
    >>> res = satisfy.rake(data, {"channel": {"phone": 0.5, "email": 0.2, "chat": 0.3},
    ...                           "region": {"north": 0.6, "south": 0.4}}, total=1000)
    >>> res.converged, round(res.total, 6)
    (True, 1000.0)
    >>> res.weights.round(1).tolist()
    [300.0, 200.0, 200.0, 150.0, 150.0]
    """
    spec = _check_spec(margins, "margins")
    max_iter = _w.check_positive_int(max_iter, "max_iter")
    tol = _w.check_tolerance(tol)
    limits = _w.check_bounds(bounds)
    scale = _total_arg(total)
    columns = _w.fetch_columns(data, _margin_names(spec))
    n = next(iter(columns.values())).shape[0]
    d = _w.base_weights(weights, n)
    built = _w.build_margins(columns, spec, d, total=scale, what="margins")
    w, converged, iterations, error = _w.rake_cells(
        built, d, max_iter=max_iter, tol=tol, bounds=limits
    )
    model = _w.Model(d, tuple((m.codes, len(m.levels)) for m in built))
    result = WeightingResult(w, "rake", converged, iterations, error, model, tuple(built))
    _warn_unconverged(result, "raking")
    return result


def poststratify(
    data: Any,
    population: Mapping[Any, Mapping[Any, float]],
    *,
    weights: Any = None,
    total: float | None = None,
) -> WeightingResult:
    """Post-stratify: scale each cell's weights to its population count.

    Parameters
    ----------
    data : mapping or dataframe
        The sample (see :func:`rake`).
    population : mapping
        One entry: ``{column: {category: count}}``, or for cells of several columns
        crossed ``{(col1, col2): {(cat1, cat2): count, ...}}``.
    weights : array-like, optional
        Base weights; 1 for every row when not given.
    total : float, optional
        When given, the counts are shares (summing to 1 or 100) of this total.

    Returns
    -------
    WeightingResult

    Raises
    ------
    CalibrationError
        For a cell in the data absent from the population, a population cell with no
        row in the sample (both named), a count that is not positive.

    Examples
    --------
    >>> import satisfy
    >>> data = {"channel": ["phone", "phone", "email"], "tier": ["gold", "basic", "gold"]}
    >>> pop = {("channel", "tier"): {("phone", "gold"): 10, ("phone", "basic"): 30,
    ...                              ("email", "gold"): 20}}
    >>> satisfy.poststratify(data, pop).weights.tolist()
    [10.0, 30.0, 20.0]
    """
    spec = _check_spec(population, "population")
    if len(spec) != 1:
        raise CalibrationError(
            "population has one entry: the cells of one column, or of several columns "
            "crossed keyed by a tuple of names; for several margins use rake()"
        )
    scale = _total_arg(total)
    columns = _w.fetch_columns(data, _margin_names(spec))
    n = next(iter(columns.values())).shape[0]
    d = _w.base_weights(weights, n)
    built = _w.build_margins(columns, spec, d, total=scale, what="population")
    w, _, _, error = _w.rake_cells(built, d, max_iter=1, tol=0.5, bounds=None)
    model = _w.Model(d, ((built[0].codes, len(built[0].levels)),))
    return WeightingResult(w, "poststratify", True, 1, error, model, tuple(built))


def calibrate(
    data: Any,
    totals: Any,
    *,
    weights: Any = None,
    method: CalibrationMethod = "linear",
    max_iter: int = DEFAULT_MAX_ITER,
    tol: float = DEFAULT_TOL,
) -> WeightingResult:
    """Calibrate base weights to population totals of categorical and numeric variables.

    Parameters
    ----------
    data : mapping or dataframe
        The sample (see :func:`rake`).
    totals : mapping
        For a categorical column ``{category: count}`` (as :func:`rake`'s margins); for a
        numeric column its population total, a number (e.g. ``{"tenure_years": 41250.0}``).
    weights : array-like, optional
        Base weights; 1 for every row when not given.
    method : {"linear", "raking"}
        ``"linear"``: the GREG weights ``w = d (1 + x' lambda)`` (chi-square distance), in
        one step; they can be negative, which raises. ``"raking"``: ``w = d exp(x'
        lambda)`` by Newton steps, always positive (Deville and Särndal 1992; R's
        ``calibrate(calfun = "linear" / "raking")``).
    max_iter, tol : int, float
        Newton steps and relative tolerance for ``"raking"``.

    Returns
    -------
    WeightingResult

    Raises
    ------
    CalibrationError
        As :func:`rake`; also when linear calibration would need negative weights, or the
        totals cannot be met (numeric totals contradicting the categorical ones).
    OptionError
        For a ``method`` other than "linear" or "raking".

    Examples
    --------
    >>> import satisfy
    >>> data = {"channel": ["phone", "phone", "email", "email"],
    ...         "tenure": [1.0, 3.0, 2.0, 6.0]}
    >>> res = satisfy.calibrate(data, {"channel": {"phone": 50, "email": 50},
    ...                                "tenure": 280.0})
    >>> res.weights.round(3).tolist()
    [27.0, 23.0, 29.0, 21.0]
    """
    if method not in ("linear", "raking"):
        raise OptionError("method", method, ("linear", "raking"))
    if not isinstance(totals, Mapping) or not totals:
        raise CalibrationError(
            "totals must be a mapping of column names to {category: total} (categorical) "
            "or a number (numeric)"
        )
    max_iter = _w.check_positive_int(max_iter, "max_iter")
    tol = _w.check_tolerance(tol)
    categorical = {k: v for k, v in totals.items() if isinstance(v, Mapping)}
    numeric = {k: v for k, v in totals.items() if not isinstance(v, Mapping)}
    for key in numeric:
        if not isinstance(key, str):
            raise CalibrationError(f"a numeric total is named by one column, got {key!r}")
    columns = _w.fetch_columns(data, _margin_names(categorical) + list(numeric))
    n = next(iter(columns.values())).shape[0]
    d = _w.base_weights(weights, n)
    built = (
        _w.build_margins(columns, categorical, d, total=None, what="totals") if categorical else []
    )
    _, num_matrix, num_targets = _w.numeric_totals(columns, numeric)
    model = _w.Model(
        d,
        tuple((m.codes, len(m.levels)) for m in built),
        num_matrix if numeric else None,
    )
    x = model.matrix()
    targets = np.concatenate([m.targets for m in built] + [num_targets])
    if method == "linear":
        w = _w.calibrate_linear(x, d, targets)
        converged, iterations = True, 1
        error = float(np.max(np.abs(x.T @ w - targets) / np.maximum(np.abs(targets), 1e-300)))
    else:
        population = float(built[0].targets.sum()) if built else None
        w, converged, iterations, error = _w.calibrate_raking(
            x, d, targets, max_iter=max_iter, tol=tol, population=population
        )
    if (method == "linear" and error > 1e-6) or not np.all(np.isfinite(w)):
        raise CalibrationError(
            f"the totals cannot be met by calibration (the best fit misses one by "
            f"{error:.3g}, relative): check that the numeric totals agree with the "
            "categorical ones and that no numeric column repeats another"
        )
    negative = np.flatnonzero(w < 0)
    if negative.size:
        raise CalibrationError(
            f"linear calibration gives {negative.size} negative weights (first at row "
            f'{int(negative[0])}); use method="raking", which keeps every weight positive, '
            "or merge sparse categories"
        )
    result = WeightingResult(
        np.asarray(w), f"calibrate-{method}", converged, iterations, error, model, tuple(built)
    )
    _warn_unconverged(result, "raking calibration")
    return result


def trim(
    weights: Any,
    *,
    lower: float | None = None,
    upper: float | None = None,
    strict: bool = False,
) -> WeightingResult:
    """Trim weights to ``[lower, upper]`` and spread the trimmed amount over the others.

    Parameters
    ----------
    weights : array-like or WeightingResult
        The weights; a :class:`WeightingResult` keeps its calibration for
        :meth:`~WeightingResult.estimate`.
    lower, upper : float, optional
        Bounds on the weights themselves (not ratios).
    strict : bool
        Trimming raises the untrimmed weights, which may push some past a bound: with
        ``strict=True`` it is repeated until no weight is outside (R's ``strict = TRUE``).

    Returns
    -------
    WeightingResult
        ``converged`` says whether every weight ends inside the bounds; ``max_error`` is
        the relative change of the total (0 up to rounding).

    Notes
    -----
    As ``survey::trimWeights``: weights outside the bounds are set to the bound, and the
    sum of what was cut off (less what was added at the lower bound) is shared *equally*
    among the weights that were inside, so the total stays.

    Examples
    --------
    >>> import satisfy
    >>> res = satisfy.trim([1.0, 1.0, 2.0, 8.0], upper=4.0)
    >>> res.weights.round(3).tolist(), res.converged, res.total
    ([2.333, 2.333, 3.333, 4.0], True, 12.0)
    """
    source: WeightingResult | None = weights if isinstance(weights, WeightingResult) else None
    w0 = (
        source.weights.copy()
        if source is not None
        else np.asarray(_coding.as_array(weights, what="weights"), dtype=np.float64)
    )
    if source is None:
        _check_any_weights(w0)
    lo = -np.inf if lower is None else float(lower)
    hi = np.inf if upper is None else float(upper)
    if not lo <= hi or np.isnan(lo) or np.isnan(hi):
        raise SatisfyError(f"trim: lower={lower!r} must not exceed upper={upper!r}")
    if not isinstance(strict, bool | np.bool_):
        raise SatisfyError(f"strict={strict!r}: give True or False")
    w = w0.copy()
    rounds = 0
    while True:
        outside = (w < lo) | (w > hi)
        if not outside.any():
            break
        rounds += 1
        clipped = np.clip(w, lo, hi)
        inside = ~outside
        if not inside.any():
            raise SatisfyError(
                f"trim: every weight is outside [{lo:g}, {hi:g}], so none can take up "
                "what is trimmed; widen the bounds"
            )
        clipped[inside] += (w - clipped).sum() / inside.sum()
        w = clipped
        if not strict or rounds >= 10_000:
            break
    inside_now = bool(np.all((w >= lo) & (w <= hi)))
    total0 = w0.sum()
    error = float(abs(w.sum() - total0) / total0) if total0 > 0 else 0.0
    model = source.model if source is not None else None
    margins = source.margins if source is not None else ()
    return WeightingResult(w, "trim", inside_now, rounds, error, model, margins)


def _check_any_weights(w: FloatArray) -> None:
    bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
    if bad.size:
        raise WeightError(
            bad.tolist(), w[bad].tolist(), detail="weights must be finite and non-negative"
        )


# --- non-response ---------------------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class ResponseRates:
    """Response rates per segment with Wilson intervals (see :func:`response_rates`).

    Attributes
    ----------
    segments : list
        The segments (``[None]`` for one overall rate).
    invited, responded : numpy.ndarray
        Counts per segment.
    rate, low, high : numpy.ndarray
        The response rate and its interval ends, in percent.
    confidence_level : float

    Examples
    --------
    >>> import satisfy
    >>> rates = satisfy.response_rates([400, 1000], [92, 121], by=["phone", "email"])
    >>> rates.low.round(1).tolist(), rates.high.round(1).tolist()
    ([19.1, 10.2], [27.4, 14.3])
    """

    segments: list[Hashable]
    invited: NDArray[np.int64] = attrs.field(eq=False)
    responded: NDArray[np.int64] = attrs.field(eq=False)
    rate: FloatArray = attrs.field(eq=False)
    low: FloatArray = attrs.field(eq=False)
    high: FloatArray = attrs.field(eq=False)
    confidence_level: float

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per segment.

        Examples
        --------
        >>> import satisfy
        >>> satisfy.response_rates(200, 50).to_records()[0]["rate"]
        25.0
        """
        return [
            {
                "segment": s,
                "invited": int(i),
                "responded": int(r),
                "rate": float(p),
                "low": float(lo),
                "high": float(hi),
                "confidence_level": self.confidence_level,
            }
            for s, i, r, p, lo, hi in zip(
                self.segments,
                self.invited.tolist(),
                self.responded.tolist(),
                self.rate.tolist(),
                self.low.tolist(),
                self.high.tolist(),
            )
        ]

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """A dataframe of ``backend``, one row per segment (needs narwhals)."""
        return _results.to_frame(self.to_records(), backend)

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{'' if s is None else f'{s}: '}{p:.1f}% ({r}/{i})"
            for s, i, r, p in zip(
                self.segments[:6], self.invited.tolist(), self.responded.tolist(), self.rate
            )
        )
        more = ", ..." if len(self.segments) > 6 else ""
        return f"ResponseRates({parts}{more})"


def _counts(value: Any, what: str) -> tuple[list[Hashable] | None, NDArray[np.int64]]:
    if isinstance(value, Mapping):
        keys: list[Hashable] | None = list(value)
        raw = list(value.values())
    else:
        keys = None
        raw = list(np.atleast_1d(np.asarray(value, dtype=object)))
    out = np.empty(len(raw), dtype=np.int64)
    for i, v in enumerate(raw):
        whole = isinstance(v, numbers.Integral) and not isinstance(v, bool | np.bool_)
        if not whole and isinstance(v, numbers.Real) and float(v).is_integer():
            whole = True
        if not whole or v < 0:
            where = f" for {keys[i]!r}" if keys is not None else f" at position {i}"
            raise SatisfyError(f"{what}{where} must be a whole number of at least 0, got {v!r}")
        out[i] = int(v)
    return keys, out


def response_rates(
    invited: Any,
    responded: Any,
    *,
    by: Any = None,
    confidence_level: float = 0.95,
) -> ResponseRates:
    """Response rates (respondents over invitations), per segment, with Wilson intervals.

    Parameters
    ----------
    invited, responded : int, array-like of int, or mapping
        Counts: one number each; arrays of counts per segment (named by ``by``); or
        mappings of segment to count with the same segments.
    by : array-like, optional
        The segments' names for array counts.
    confidence_level : float

    Returns
    -------
    ResponseRates

    Notes
    -----
    With every invited person counted in ``invited`` (all eligible, or of unknown
    eligibility) and complete answers in ``responded``, the rate is AAPOR's Response Rate
    1 (RR1): completes over all eligible and possibly eligible cases (AAPOR Standard
    Definitions). The interval is Wilson's (1927) score interval for a binomial share.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.response_rates({"phone": 400, "email": 1000}, {"phone": 92, "email": 121})
    ResponseRates(phone: 23.0% (92/400), email: 12.1% (121/1000))
    """
    level = check_confidence_level(confidence_level)
    keys_i, n_inv = _counts(invited, "invited")
    keys_r, n_resp = _counts(responded, "responded")
    if keys_i is not None or keys_r is not None:
        if keys_i is None or keys_r is None or set(keys_i) != set(keys_r):
            raise SatisfyError(
                "invited and responded must be mappings over the same segments; "
                f"invited has {keys_i!r}, responded {keys_r!r}"
            )
        order = {k: j for j, k in enumerate(keys_r)}
        n_resp = n_resp[[order[k] for k in keys_i]]
        segments: list[Hashable] = list(keys_i)
    else:
        if n_inv.shape != n_resp.shape:
            raise LengthMismatchError(
                f"invited has {n_inv.shape[0]} counts but responded has {n_resp.shape[0]}"
            )
        if by is None:
            segments = [None] if n_inv.shape[0] == 1 else list(range(n_inv.shape[0]))
        else:
            segments = list(_coding.as_array(by, what="by").tolist())
            if len(segments) != n_inv.shape[0]:
                raise LengthMismatchError(
                    f"by has {len(segments)} names but there are {n_inv.shape[0]} counts"
                )
    over = np.flatnonzero((n_resp > n_inv) | (n_inv == 0))
    if over.size:
        j = int(over[0])
        raise SatisfyError(
            f"segment {segments[j]!r}: {n_resp[j]} responded of {n_inv[j]} invited; "
            "responses must not exceed invitations, and a segment needs invitations"
        )
    p = n_resp / n_inv
    low, high = _prop.wilson(p, n_inv.astype(np.float64), level)
    return ResponseRates(
        segments,
        n_inv,
        n_resp,
        np.asarray(p * 100.0),
        np.asarray(low * 100.0),
        np.asarray(high * 100.0),
        level,
    )


@attrs.frozen(repr=False, eq=False)
class NonresponseAdjustment:
    """Weights adjusted for non-response within classes (see :func:`nonresponse_adjust`).

    Attributes
    ----------
    weights : numpy.ndarray
        One per invited row: respondents' weights times their class's factor, 0 for
        nonrespondents.
    classes : list
        The weighting classes.
    invited, responded : numpy.ndarray
        Rows per class.
    invited_weight, responded_weight : numpy.ndarray
        Base weight sums per class, of everyone invited and of the respondents.
    factor : numpy.ndarray
        ``invited_weight / responded_weight`` per class.

    Examples
    --------
    >>> import satisfy
    >>> adj = satisfy.nonresponse_adjust([2.0, 2.0, 1.0], [1, 0, 1], ["a", "a", "b"])
    >>> adj.factor.tolist(), adj.response_rate.tolist()
    ([2.0, 1.0], [50.0, 100.0])
    """

    weights: FloatArray = attrs.field(eq=False)
    classes: list[Hashable]
    invited: NDArray[np.int64] = attrs.field(eq=False)
    responded: NDArray[np.int64] = attrs.field(eq=False)
    invited_weight: NDArray[Any] = attrs.field(eq=False)
    responded_weight: NDArray[Any] = attrs.field(eq=False)
    factor: FloatArray = attrs.field(eq=False)

    @property
    def response_rate(self) -> FloatArray:
        """Weighted response rate per class, in percent (``100 / factor``)."""
        return np.asarray(100.0 * self.responded_weight / self.invited_weight)

    def to_records(self) -> list[dict[str, Any]]:
        """The report, one plain dict per class.

        Examples
        --------
        >>> import satisfy
        >>> adj = satisfy.nonresponse_adjust(None, [1, 0, 1, 1], ["a", "a", "b", "b"])
        >>> [r["factor"] for r in adj.to_records()]
        [2.0, 1.0]
        """
        return [
            {
                "class": c,
                "invited": int(i),
                "responded": int(r),
                "invited_weight": float(iw),
                "responded_weight": float(rw),
                "factor": float(f),
                "response_rate": float(rr),
            }
            for c, i, r, iw, rw, f, rr in zip(
                self.classes,
                self.invited.tolist(),
                self.responded.tolist(),
                self.invited_weight.tolist(),
                self.responded_weight.tolist(),
                self.factor.tolist(),
                self.response_rate.tolist(),
            )
        ]

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """The report as a dataframe of ``backend`` (needs narwhals)."""
        return _results.to_frame(self.to_records(), backend)

    def __repr__(self) -> str:
        return (
            f"NonresponseAdjustment({len(self.classes)} classes, "
            f"{int(self.responded.sum())} of {int(self.invited.sum())} responded, "
            f"factors {self.factor.min():.3g} to {self.factor.max():.3g})"
        )


def nonresponse_adjust(weights: Any, responded: Any, classes: Any) -> NonresponseAdjustment:
    """Weighting-class adjustment for non-response.

    Parameters
    ----------
    weights : array-like or None
        Base weights of everyone invited (None: 1 each).
    responded : array-like of bool
        Whether each invited row answered.
    classes : array-like
        Each row's weighting class (a segment known for respondents and nonrespondents
        alike: channel, tier, region...).

    Returns
    -------
    NonresponseAdjustment
        Respondents' weights times ``sum of invited weights / sum of respondent weights``
        of their class; nonrespondents get 0. So each class keeps its weight total.

    Raises
    ------
    CalibrationError
        For a class with invitations but no respondent (named): merge it with a similar
        class first (Kalton and Flores-Cervantes 2003 advise classes with enough
        respondents, and no extreme factors).

    Examples
    --------
    >>> import satisfy
    >>> adj = satisfy.nonresponse_adjust([1, 1, 1, 2, 2], [True, False, True, True, False],
    ...                                  ["phone", "phone", "phone", "email", "email"])
    >>> adj.weights.tolist()
    [1.5, 0.0, 1.5, 4.0, 0.0]
    >>> adj
    NonresponseAdjustment(2 classes, 3 of 5 responded, factors 1.5 to 2)
    """
    resp = _coding.as_array(responded, what="responded")
    n = resp.shape[0]
    if resp.dtype.kind == "b":
        flags = resp.astype(bool)
    else:
        if resp.dtype.kind in "iuf":
            ok = np.isin(resp, (0, 1))
        else:
            ok = np.array([isinstance(v, bool | np.bool_) or v in (0, 1) for v in resp.tolist()])
        if not ok.all():
            first = int(np.flatnonzero(~ok)[0])
            raise SatisfyError(
                f"responded must be True/False (or 1/0) per invited row; position {first} "
                f"holds {_coding.pyvalue(resp[first])!r}"
            )
        flags = resp.astype(np.float64) == 1
    d = _w.base_weights(weights, n)
    codes, keys, _ = _grouping.group_codes(classes)
    if codes.shape[0] != n:
        raise LengthMismatchError(f"classes has {codes.shape[0]} entries but there are {n} rows")
    k = len(keys)
    inv_w = np.bincount(codes, weights=d, minlength=k)
    resp_w = np.bincount(codes, weights=np.where(flags, d, 0.0), minlength=k)
    inv_n = np.bincount(codes, minlength=k).astype(np.int64)
    resp_n = np.bincount(codes, weights=flags.astype(np.float64), minlength=k).astype(np.int64)
    empty = np.flatnonzero((resp_w <= 0) & (inv_w > 0))
    if empty.size:
        j = int(empty[0])
        raise CalibrationError(
            f"class {keys[j]!r} has {inv_n[j]} invited but no respondent with a positive "
            "weight, so its weight cannot be carried; merge it with a similar class"
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(resp_w > 0, inv_w / resp_w, np.nan)
    adjusted = np.where(flags, d * np.nan_to_num(factor)[codes], 0.0)
    return NonresponseAdjustment(adjusted, list(keys), inv_n, resp_n, inv_w, resp_w, factor)
