"""Comparisons: two independent samples, an estimate against a target, paired answers,
and many groups with multiplicity control."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _definition as _d
from . import _results
from ._contrast import (
    Side,
    against_target,
    check_alternative,
    fisher,
    gather,
    make_side,
    one_sided,
    pair_stats,
    per_group,
    resolve_method,
    stored_or_again,
    take,
    two_sample,
)
from ._definition import TARGET_METHODS, Definition
from ._definition import TWO_SAMPLE_METHODS as TWO_SAMPLE_METHODS
from ._lazy import stats
from ._registry import get as _metric_entry
from ._stats import design as _stats_design
from ._stats import multiplicity as _mult
from ._stats import nps as _nps
from ._stats import omnibus as _omnibus_tests
from ._stats import two_sample as _two
from ._stats._common import (
    as_generator,
    check_confidence_level,
    check_flag,
    check_number,
    check_resamples,
)
from ._types import Adjustment, Alternative, PairedMethod, TargetMethod, TwoSampleMethod
from .errors import DesignError, EmptyDataError, LengthMismatchError, OptionError, SatisfyError
from .estimate import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    ConfidenceInterval,
    Estimate,
    GroupedEstimate,
)
from .scales import Scale, as_scale
from .tally import GroupedTally

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = [
    "Comparison",
    "ComparisonTable",
    "GroupComparison",
    "adjust_pvalues",
    "compare",
    "compare_groups",
    "compare_paired",
]

FloatArray = NDArray[np.float64]

_NAMES = {**_d.METHOD_NAMES, **_results.COMPARISON_METHOD_NAMES}


def _check_alpha(alpha: object) -> float:
    accepted = "a significance level greater than 0 and at most 1, such as 0.05"
    level = check_number("alpha", alpha, accepted=accepted)
    if not 0 < level <= 1:
        raise OptionError("alpha", alpha, accepted=accepted)
    return level


def _fmt(x: float) -> str:
    return f"{x:.1f}" if np.isfinite(x) else str(x)


@attrs.frozen
class _Again:
    """How to recompute a comparison at another confidence level or by another method: the
    public function and its arguments, stored as data (a closure would make the comparison
    unpicklable)."""

    function: Callable[..., Comparison]
    args: tuple[Any, ...]
    options: Mapping[str, Any]

    def __call__(self, confidence_level: float, method: str | None = None) -> Comparison:
        options = dict(self.options)
        if method is not None:
            options["method"] = method
        return self.function(*self.args, confidence_level=confidence_level, **options)


@attrs.frozen
class _TableAgain:
    """How to recompute a table of :func:`compare_groups` at another level or by another
    method: its arguments, and which table (``"pairs"`` or ``"versus_rest"``)."""

    estimates: Any
    options: Mapping[str, Any]
    table: str

    def __call__(self, confidence_level: float, method: str | None = None) -> ComparisonTable:
        options = dict(self.options)
        if method is not None:
            options["method"] = method
        if self.table == "versus_rest":  # the pairs are not needed
            options["pairwise"] = False
        result = compare_groups(self.estimates, confidence_level=confidence_level, **options)
        table: ComparisonTable = getattr(result, self.table)
        return table


@attrs.frozen(repr=False, eq=False)
class Comparison:
    """The difference between two estimates (or an estimate and a target), with its test.

    Attributes
    ----------
    metric : str
    unit : str
        The unit of the difference: ``"points"`` (net scores such as NPS, and means in
        scale units), ``"percentage points"`` (a difference of shares) or ``"POMP"``.
    difference : float
        The observed difference ``a.value - b.value`` (or ``a.value - target``; for paired
        answers ``after - before``) in the metric's unit, whatever the method: for the
        adjusted Wald method the interval is centred on the difference of the adjusted
        estimates (Rocks 2016) instead, and always holds the observed difference.
    statistic : float
        The test statistic (z, t, U, or the difference for resampling methods).
    pvalue : float
        For ``H0: a == b`` against ``alternative``.
    method, alternative : str
    confidence_level : float
        Level of ``low`` and ``high``.
    low, high : float
        Interval for the difference (one-sided alternatives give an open end at the range).
    probability : float or None
        Bayes method: posterior probability that a is greater than b.
    superiority : float or None
        Mann-Whitney: probability that an answer of a beats one of b (ties count half).

    Examples
    --------
    >>> import satisfy
    >>> a = satisfy.nps(satisfy.Tally.from_counts({0: 20, 7: 30, 9: 50}, scale="NPS"))
    >>> b = satisfy.nps(satisfy.Tally.from_counts({0: 30, 7: 30, 9: 40}, scale="NPS"))
    >>> c = satisfy.compare(a, b)
    >>> c
    NPS difference 20.0 points (95% CI -2.6 to 41.4, adjusted Wald, p=0.0832)
    >>> c.significant(0.05)
    False
    """

    metric: str
    unit: str
    difference: float
    statistic: float
    pvalue: float
    method: TwoSampleMethod | TargetMethod | PairedMethod
    alternative: Alternative
    confidence_level: float
    low: float
    high: float
    probability: float | None = None
    superiority: float | None = None
    target: float | None = None
    _again: _Again | None = attrs.field(default=None, repr=False)

    def confidence_interval(
        self,
        confidence_level: float | None = None,
        method: TwoSampleMethod | TargetMethod | PairedMethod | None = None,
    ) -> ConfidenceInterval:
        """Interval for the difference, at the comparison's level and by its method unless
        others are asked (then the comparison is computed again from its inputs).

        Parameters
        ----------
        confidence_level : float, optional
            Between 0 and 1; the comparison's own level by default.
        method : str, optional
            One of the metric's methods for this kind of comparison (two samples, against a
            target, or paired; see :func:`compare` and :func:`compare_paired`); the
            comparison's own method by default.

        Raises
        ------
        OptionError
            For a level outside (0, 1), or a method that does not exist for this metric
            and kind of comparison (the message lists those that do).
        MethodError
            For a method that cannot honour the survey weights of the estimates.

        Examples
        --------
        >>> import satisfy
        >>> c = satisfy.compare(satisfy.csat([5, 5, 4, 1]), satisfy.csat([5, 2, 2, 1]))
        >>> ci = c.confidence_interval(0.9)
        >>> round(ci.low, 1), round(ci.high, 1), ci.method
        (-5.7, 77.2, 'newcombe')
        >>> ci = c.confidence_interval(method="wald")
        >>> round(ci.low, 1), round(ci.high, 1), ci.confidence_level
        (-10.0, 100.0, 0.95)
        """
        return stored_or_again(self, self._again, confidence_level, method, "compare")

    def significant(self, alpha: float = 0.05) -> bool:
        """True when ``pvalue < alpha`` (a number in (0, 1])."""
        return bool(self.pvalue < _check_alpha(alpha))

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data.

        Examples
        --------
        >>> import satisfy
        >>> d = satisfy.compare(satisfy.csat([5, 5, 4, 1]), satisfy.csat([5, 2, 2, 1])).to_dict()
        >>> d["method"], round(d["pvalue"], 3)
        ('newcombe', 0.157)
        """
        return {
            "metric": self.metric,
            "unit": self.unit,
            "difference": self.difference,
            "low": self.low,
            "high": self.high,
            "confidence_level": self.confidence_level,
            "statistic": self.statistic,
            "pvalue": self.pvalue,
            "method": self.method,
            "alternative": self.alternative,
            "target": self.target,
            "probability": self.probability,
            "superiority": self.superiority,
        }

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_dict` as a one-row dataframe of ``backend`` ("pandas", "polars",
        "pyarrow" or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> c = satisfy.compare(satisfy.csat([5, 5, 4, 1]), satisfy.csat([5, 2, 2, 1]))
        >>> c.to_frame(backend="pyarrow").num_rows
        1
        """
        return _results.to_frame([self.to_dict()], backend)

    def __repr__(self) -> str:
        level = _results.format_level(self.confidence_level)
        against = "" if self.target is None else f" from the target {self.target:g}:"
        side = "" if self.alternative == "two-sided" else f", {self.alternative}"
        extra = ""
        if self.probability is not None:
            extra = f", P(a > b)={self.probability:.3f}"
        if self.superiority is not None:
            extra = f", P(a beats b)={self.superiority:.3f}"
        return (
            f"{self.metric} difference{against} {_fmt(self.difference)} {self.unit} ({level} CI "
            f"{_fmt(self.low)} to {_fmt(self.high)}, {_NAMES.get(self.method, self.method)}"
            f"{side}, p={self.pvalue:.3g}{extra})"
        )


def _check_pair(a: Estimate, b: Estimate) -> None:
    da, db = a.definition, b.definition
    if (da.name, da.kind, da.coef, da.detail) != (db.name, db.kind, db.coef, db.detail):
        raise SatisfyError(
            f"cannot compare {da.name} ({da.detail or da.scale}) with {db.name} "
            f"({db.detail or db.scale}): they are not the same metric"
        )


def _refuse_design(tally: Any, what: str) -> None:
    """Two estimates each with its own survey design cannot be compared as independent
    samples: they may be domains of one design whose clusters hold answers in both (the
    covariance), and a tally's design sums do not say which design they came from."""
    if getattr(tally, "design", None) is not None:
        raise DesignError(
            f"{what} cannot tell whether estimates with a survey design (clusters, strata, "
            "fpc) are domains of one design, whose clusters may hold answers in both: tally "
            "them as groups of one design and compare the groups, as "
            "satisfy.compare_groups(satisfy.nps(grouped_tally)) (method 'wald', with the "
            "covariance of domains sharing clusters, as R's svyby and svycontrast); or "
            "compare one estimate with a target value"
        )


def _design_target(
    a: Estimate,
    target: float,
    method: str | None,
    confidence_level: float,
    side: str,
    again: _Again,
) -> Comparison:
    """An estimate with a survey design against a target: its design standard error with
    a t test on the design's degrees of freedom."""
    defn = a.definition
    accepted = ("t",) if defn.kind == "mean" else ("wald",)
    chosen = _stats_design.check_design_method(method, "compare", accepted)
    res = _stats_design.contrast_test(
        np.array([a.value - target]),
        np.array([a.se**2]),
        np.array([float(a.df)]),
        confidence_level,
        side,
        defn.high - defn.low,
    )
    res["probability"] = res["superiority"] = np.array([np.nan])
    return _comparison(res, 0, defn, chosen, side, confidence_level, target, again)


def _single_side(e: Estimate) -> Side:
    t = e.tally
    _refuse_design(t, "compare")
    return make_side(
        e.definition,
        t.counts[None, :],
        t.weight_sums[None, :],
        t.weight_sq_sums[None, :],
        t.is_weighted,
    )


def compare(
    a: Estimate,
    b: Estimate | float,
    *,
    method: TwoSampleMethod | TargetMethod | None = None,
    confidence_level: float = 0.95,
    alternative: Alternative = "two-sided",
    n_resamples: int = DEFAULT_RESAMPLES,
    rng: np.random.Generator | int | None = None,
) -> Comparison:
    """Compare two independent estimates of the same metric, or one against a target.

    Parameters
    ----------
    a : Estimate
    b : Estimate or float
        Another estimate of the same metric (independent samples), or a target value in
        the metric's unit ("is our NPS above 30?": ``compare(a, 30, alternative="greater")``).
    method : str, optional
        Two samples. NPS: ``"adjusted-wald"`` (default; 3/4, 3/2, 3/4 pseudo-observations
        added to each group), ``"wald"``, ``"bootstrap"`` (from the tallies, seeded),
        ``"bayes"`` (Dirichlet posteriors, Jeffreys prior; also gives ``probability`` that
        a beats b). Shares: ``"newcombe"`` (default; Newcombe's hybrid score interval, his
        method 10), ``"agresti-caffo"``, ``"wald"``, each with the pooled score z test, and
        ``"fisher"`` for an exact p-value. Means: ``"welch"`` (default),
        ``"mann-whitney"`` (p-value and ``superiority``; the interval is Welch's),
        ``"bootstrap"``.
        Against a target. NPS: ``"adjusted-wald"`` (default), ``"wald"``, ``"score"``;
        shares: ``"wilson"`` (score test, default), ``"wald"``, ``"exact"`` (binomial);
        means: ``"t"``.
    confidence_level : float
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests ``a > b``; one-sided intervals have an open end.
    n_resamples, rng
        For the resampling methods: at least ``2 / (1 - confidence_level)`` draws (40 at
        95%; fewer cannot reach both ends of the interval), and a seed (a non-negative
        whole number), a ``numpy.random.Generator`` or None (a fixed seed).

    Returns
    -------
    Comparison

    Raises
    ------
    SatisfyError
        When the estimates are of different metrics.
    MethodError
        When a method that needs whole counts is asked of weighted estimates.
    DesignError
        For two estimates with survey designs (see Notes), or a method other than
        ``"wald"`` (``"t"``) against a target under a design.

    Notes
    -----
    Weighted estimates use their Kish effective sample sizes and linearised variances.

    An estimate with a survey design (``cluster=``, ``strata=``, ``fpc=``) is compared with
    a target by its design standard error and Student's t on the design's degrees of
    freedom (method ``"wald"``, ``"t"`` for means). Two estimates with designs are
    refused with a :class:`~satisfy.DesignError`: nothing tells whether they are domains
    of one design whose clusters answer in both; tally them as groups of one design and
    use :func:`compare_groups`, which counts that covariance.

    Examples
    --------
    >>> import satisfy
    >>> ours = satisfy.nps(satisfy.Tally.from_counts({0: 100, 7: 200, 9: 200}, scale="NPS"))
    >>> c = satisfy.compare(ours, 15, alternative="greater")
    >>> round(c.difference, 1), round(c.low, 1), c.high, round(c.pvalue, 4)
    (4.9, -0.6, 85.0, 0.0717)
    """
    side = check_alternative(alternative)
    check_confidence_level(confidence_level)
    defn = a.definition

    again = _Again(
        compare,
        (a, b),
        {"method": method, "alternative": alternative, "n_resamples": n_resamples, "rng": rng},
    )

    generator = as_generator(rng, default_seed=DEFAULT_SEED)
    if isinstance(b, Estimate):
        _check_pair(a, b)
        chosen = resolve_method(
            defn.kind, TWO_SAMPLE_METHODS, method, a.is_weighted or b.is_weighted
        )
        resampling = chosen in ("bootstrap", "bayes")
        n_resamples = check_resamples(n_resamples, confidence_level if resampling else None)
        res = two_sample(
            defn,
            _single_side(a),
            _single_side(b),
            method=chosen,
            confidence_level=confidence_level,
            alternative=side,
            n_resamples=n_resamples,
            rng=generator,
        )
        return _comparison(res, 0, defn, chosen, side, confidence_level, None, again)
    check_resamples(n_resamples)
    target = check_number("b", b, accepted=f"an Estimate of {defn.name} or a finite number")
    if not defn.low <= target <= defn.high:
        raise SatisfyError(
            f"target {target:g} is outside the range of {defn.name} ({defn.low:g} to {defn.high:g})"
        )
    if a.tally.design is not None:
        return _design_target(a, target, method, confidence_level, side, again)
    chosen = resolve_method(defn.kind, TARGET_METHODS, method, a.is_weighted)
    res = against_target(
        defn,
        _single_side(a),
        target,
        method=chosen,
        confidence_level=confidence_level,
        alternative=side,
    )
    return _comparison(res, 0, defn, chosen, side, confidence_level, target, again)


def _comparison(
    res: dict[str, FloatArray],
    i: int,
    defn: Definition,
    method: str,
    alternative: str,
    confidence_level: float,
    target: float | None,
    again: _Again | None,
) -> Comparison:
    def optional(key: str) -> float | None:
        x = float(res[key][i])
        return None if np.isnan(x) else x

    return Comparison(
        metric=defn.name,
        unit="percentage points" if defn.unit == "%" else defn.unit,
        difference=float(res["difference"][i]),
        statistic=float(res["statistic"][i]),
        pvalue=float(res["p_value"][i]),
        # both were checked against the metric's methods and ALTERNATIVES already
        method=cast("TwoSampleMethod | TargetMethod | PairedMethod", method),
        alternative=cast(Alternative, alternative),
        confidence_level=confidence_level,
        low=float(res["low"][i]),
        high=float(res["high"][i]),
        probability=optional("probability"),
        superiority=optional("superiority"),
        target=target,
        again=again,
    )


def adjust_pvalues(p: ArrayLike, *, adjust: Adjustment = "holm") -> NDArray[np.float64]:
    """Adjust p-values for multiple comparisons.

    Parameters
    ----------
    p : array-like
        Raw p-values; NaN entries are kept and not counted as tests.
    adjust : {"holm", "hochberg", "hommel", "bonferroni", "bh", "by", "none"}
        Holm (1979), Hochberg (1988), Hommel (1988) and Bonferroni control the family-wise
        error rate (Hochberg's and Hommel's under independence or positive dependence);
        Benjamini-Hochberg (1995) and Benjamini-Yekutieli (2001) the false discovery rate
        (BY under any dependence).

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input's order, never below the raw ones, at most 1.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.adjust_pvalues([0.01, 0.04, 0.03], adjust="holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> satisfy.adjust_pvalues([0.01, 0.04, 0.03], adjust="bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    if adjust not in _mult.ADJUSTMENTS:
        raise OptionError("adjust", adjust, _mult.ADJUSTMENTS)
    arr = np.asarray(p, dtype=np.float64)
    if arr.ndim != 1:
        raise LengthMismatchError(f"p must be one-dimensional, got shape {arr.shape}")
    bad = ~np.isnan(arr) & ((arr < 0) | (arr > 1))
    if bad.any():
        raise SatisfyError(f"p-values must lie in [0, 1]; got {arr[bad][:5].tolist()}")
    return _mult.adjust(arr, adjust)


def compare_paired(
    before: ArrayLike,
    after: ArrayLike,
    *,
    metric: str = "nps",
    scale: Scale | str | None = None,
    method: PairedMethod | None = None,
    confidence_level: float = 0.95,
    alternative: Alternative = "two-sided",
    **options: Any,
) -> Comparison:
    """Compare the same customers' answers before and after: ``after - before``.

    Pairs where either answer is missing are left out.

    Parameters
    ----------
    before, after : array-like
        Raw answers, one per customer, in the same order.
    metric : str
        The metric's registry name (a key of :data:`satisfy.METRICS`): ``"nps"`` (default),
        ``"csat"``, ``"threshold_share"``, ``"ces"``, ``"net_satisfaction"``...
    scale : Scale or str, optional
        The scale of the answers (the metric's default when omitted).
    method : str, optional
        The metric's paired methods (``satisfy.METRICS[metric].paired_methods``, the
        default first). Net scores such as NPS: ``"paired-wald"`` (the difference of two
        trinomials with their covariance: the mean and variance of each customer's change
        in +1/0/-1 score). Shares: ``"mcnemar"`` (McNemar's z with Tango's score interval
        for the paired difference), ``"mcnemar-exact"`` (exact binomial p-value on the
        discordant pairs) or ``"mcnemar-cc"`` (McNemar's z with Edwards' continuity
        correction, ``(|b - c| - 1)^2 / (b + c)`` as R's ``mcnemar.test``). Means:
        ``"paired-t"``.
    confidence_level : float
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests that ``after`` is higher.
    **options
        The metric's options (``boxes=``, ``threshold=``, ``detractors=``, ...).

    References
    ----------
    McNemar, Q. (1947). Note on the sampling error of the difference between correlated
    proportions or percentages. *Psychometrika* 12, 153-157.
    Tango, T. (1998). Equivalence test and confidence interval for the difference in
    proportions for the paired-sample design. *Statistics in Medicine* 17, 891-908.
    Edwards, A. L. (1948). Note on the "correction for continuity" in testing the
    significance of the difference between correlated proportions. *Psychometrika* 13,
    185-187.

    Examples
    --------
    >>> import satisfy
    >>> before = [9, 6, 7, 10, 3, 8, 9, 5]
    >>> after = [10, 8, 9, 10, 6, 9, 9, 7]
    >>> c = satisfy.compare_paired(before, after)
    >>> round(c.difference, 1), c.method
    (50.0, 'paired-wald')
    >>> satisfy.compare_paired(before, after, metric="csat", scale="NPS", boxes=2).method
    'mcnemar'
    """
    side = check_alternative(alternative)
    check_confidence_level(confidence_level)
    entry = _metric_entry(metric)
    resolved = entry.default_scale if scale is None else as_scale(scale)
    defn = entry.definition(resolved, **options)
    chosen = entry.paired_methods[0] if method is None else method
    if chosen not in entry.paired_methods:
        raise OptionError("method", chosen, entry.paired_methods)
    codes_b = resolved.encode(before)
    codes_a = resolved.encode(after)
    if codes_a.shape != codes_b.shape:
        raise LengthMismatchError(
            f"before has {codes_b.shape[0]} answers and after {codes_a.shape[0]}; pairs need both"
        )
    keep = (codes_a >= 0) & (codes_b >= 0)
    n = int(keep.sum())
    if n == 0:
        raise EmptyDataError("no complete pairs of answers")
    coef = defn.coefficients
    change = coef[codes_a[keep]] - coef[codes_b[keep]]
    level = confidence_level if side == "two-sided" else 2 * confidence_level - 1
    span = defn.high - defn.low
    diff = float(change.mean())
    if defn.kind == "share":
        gained = float((change > 0).sum())
        lost = float((change < 0).sum())
        low, high = _nps.score(
            np.array([lost]), np.array([n - gained - lost]), np.array([gained]), level
        )
        low, high = low * 100, high * 100
        discordant = gained + lost
        stat = (gained - lost) / np.sqrt(discordant) if discordant else 0.0
        if chosen == "mcnemar-exact":
            p = 1.0
            if discordant:
                exact = stats.binomtest(int(gained), int(discordant), 0.5, alternative=side)
                p = float(exact.pvalue)
        elif chosen == "mcnemar-cc" and discordant:
            # Edwards (1948): the discordant difference moved 1 towards no change; the
            # two-sided statistic is (|b - c| - 1) / sqrt(b + c), signed as b - c
            toward = {"greater": -1.0, "less": 1.0}.get(side)
            if toward is None:
                excess = abs(gained - lost) - 1.0
                stat = (excess if gained >= lost else -excess) / np.sqrt(discordant)
            else:
                stat = (gained - lost + toward) / np.sqrt(discordant)
            p = float(_two.normal_p(np.array([stat]), side)[0])
        else:
            p = float(_two.normal_p(np.array([stat]), side)[0])
    else:
        sd = float(change.std(ddof=1 if defn.kind == "mean" else 0)) if n > 1 else np.nan
        df = np.array([n - 1.0]) if defn.kind == "mean" else None
        stats_, half, p_ = _two.t_test(
            np.array([diff]), np.array([sd / np.sqrt(n)]), df, level, side
        )
        stat, p = float(stats_[0]), float(p_[0])
        low, high = diff - half, diff + half
    lo, hi = one_sided(np.asarray(low, float), np.asarray(high, float), side, span)
    res = {
        "difference": np.array([diff]),
        "statistic": np.array([stat], dtype=float),
        "p_value": np.array([p], dtype=float),
        "low": np.clip(lo, -span, span),
        "high": np.clip(hi, -span, span),
        "probability": np.array([np.nan]),
        "superiority": np.array([np.nan]),
    }

    again = _Again(
        compare_paired,
        (before, after),
        {
            "metric": entry.name,
            "scale": resolved,
            "method": chosen,
            "alternative": alternative,
            **options,
        },
    )

    return _comparison(res, 0, defn, chosen, side, confidence_level, None, again)


@attrs.frozen(repr=False, eq=False)
class ComparisonTable:
    """Many comparisons as arrays: one entry per pair (or per group against the rest).

    Attributes
    ----------
    a, b : tuple
        The keys compared (``b`` is ``"rest"`` for a group against all the others).
    difference, low, high, statistic, pvalue, pvalue_adjusted : numpy.ndarray
        ``pvalue_adjusted`` controls the family of this table by the chosen adjustment.
    method, adjust : str
    confidence_level : float
    se : numpy.ndarray or None
        Under a survey design, each difference's design standard error (None for
        independent samples).
    df : numpy.ndarray or None
        Under a survey design, the degrees of freedom of each difference's t interval and
        test (None for independent samples).

    Examples
    --------
    >>> import satisfy
    >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1, 5, 3], by=list("aabbbccc")))
    >>> res.pairs.a, res.pairs.b
    (('a', 'a', 'b'), ('b', 'c', 'c'))
    >>> res.versus_rest.pvalue_adjusted.round(3).tolist()
    [0.307, 0.93, 0.93]
    """

    a: tuple[Hashable, ...]
    b: tuple[Hashable, ...]
    difference: FloatArray
    low: FloatArray
    high: FloatArray
    statistic: FloatArray
    pvalue: FloatArray
    pvalue_adjusted: FloatArray
    method: TwoSampleMethod
    adjust: Adjustment
    confidence_level: float
    _again: _TableAgain | None = attrs.field(default=None, repr=False)
    se: FloatArray | None = attrs.field(default=None, kw_only=True)
    df: FloatArray | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def _from_engine(
        cls,
        a: tuple[Hashable, ...],
        b: tuple[Hashable, ...],
        out: Mapping[str, FloatArray],
        *,
        method: str,
        adjust: str,
        confidence_level: float,
        again: _TableAgain | None = None,
    ) -> ComparisonTable:
        """A table from the engine's arrays (keys ``p_value`` and ``p_adjusted``; ``se``
        and ``df`` under a survey design)."""
        return cls(
            a,
            b,
            out["difference"],
            out["low"],
            out["high"],
            out["statistic"],
            out["p_value"],
            out["p_adjusted"],
            cast(TwoSampleMethod, method),  # checked by compare_groups already
            cast(Adjustment, adjust),
            confidence_level,
            again,
            se=out.get("se"),
            df=out.get("df"),
        )

    def __len__(self) -> int:
        return len(self.a)

    def confidence_interval(
        self,
        confidence_level: float | None = None,
        method: TwoSampleMethod | None = None,
    ) -> ConfidenceInterval:
        """The (unadjusted) intervals of the differences, arrays over the comparisons, at
        the table's level and by its method unless others are asked (then
        :func:`compare_groups` is computed again from the same estimates and options).

        Parameters
        ----------
        confidence_level : float, optional
            Between 0 and 1; the table's own level by default.
        method : str, optional
            One of the metric's two-sample methods (see :func:`compare`); the table's own
            method by default.

        Raises
        ------
        OptionError
            For a level outside (0, 1), or a method that does not exist for this metric.
        MethodError
            For a method that cannot honour the survey weights of the estimates.

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
        >>> ci = res.pairs.confidence_interval()
        >>> ci.low.round(1).tolist(), ci.confidence_level, ci.method
        ([20.6], 0.95, 'newcombe')
        >>> ci = res.pairs.confidence_interval(0.8)
        >>> ci.low.round(1).tolist(), ci.confidence_level
        ([50.0], 0.8)
        >>> ci = res.pairs.confidence_interval(method="agresti-caffo")
        >>> ci.low.round(1).tolist(), ci.method
        ([10.4], 'agresti-caffo')
        """
        return stored_or_again(self, self._again, confidence_level, method, "compare_groups")

    def significant(self, alpha: float = 0.05) -> NDArray[np.bool_]:
        """Which comparisons have an adjusted p-value below ``alpha`` (in (0, 1])."""
        return np.asarray(self.pvalue_adjusted < _check_alpha(alpha))

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per comparison.

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
        >>> row = res.pairs.to_records()[0]
        >>> row["a"], row["b"], round(row["pvalue_adjusted"], 3), row["adjust"]
        ('a', 'b', 0.014, 'holm')
        """
        return [
            {
                "a": self.a[i],
                "b": self.b[i],
                "difference": float(self.difference[i]),
                "low": float(self.low[i]),
                "high": float(self.high[i]),
                "confidence_level": self.confidence_level,
                "method": self.method,
                "statistic": float(self.statistic[i]),
                "pvalue": float(self.pvalue[i]),
                "pvalue_adjusted": float(self.pvalue_adjusted[i]),
                "adjust": self.adjust,
            }
            | ({} if self.se is None else {"se": float(self.se[i])})
            | ({} if self.df is None else {"df": float(self.df[i])})
            for i in range(len(self))
        ]

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_records` as a dataframe of ``backend`` ("pandas", "polars", "pyarrow"
        or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
        >>> res.versus_rest.to_frame(backend="polars")["b"].to_list()
        ['rest', 'rest']
        """
        columns = "a b difference low high confidence_level method statistic pvalue"
        columns += " pvalue_adjusted adjust"
        columns += "" if self.se is None else " se df"
        return _results.to_frame(self.to_records(), backend, columns.split())

    def __repr__(self) -> str:
        n_sig = int(self.significant().sum())
        return (
            f"ComparisonTable({len(self)} comparisons, "
            f"{_results.format_level(self.confidence_level)} CI, "
            f"{_NAMES.get(self.method, self.method)}, {self.adjust}-adjusted: "
            f"{n_sig} significant at 0.05)"
        )


@attrs.frozen(repr=False, eq=False)
class GroupComparison:
    """An omnibus test across groups, every pair, and each group against the rest.

    Attributes
    ----------
    metric : str
    groups : tuple
    test : str
        The omnibus test: ``"chi-square"`` (homogeneity of the category counts),
        ``"kruskal-wallis"`` (means, unweighted), ``"wald"`` (weighted means) or
        ``"design-wald"`` (groups of a survey design: an F test, see
        :func:`compare_groups`).
    statistic : float
        The omnibus test's statistic.
    df : float
        Its degrees of freedom (the numerator's for ``"design-wald"``).
    pvalue : float
        Its p-value.
    pairs : ComparisonTable
        Every pair ``a - b`` (``a`` before ``b`` in group order), adjusted together.
    versus_rest : ComparisonTable
        Each group against all the other groups merged, adjusted together.

    Examples
    --------
    >>> import satisfy
    >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
    >>> res.test, res.df
    ('chi-square', 1.0)
    """

    metric: str
    groups: tuple[Hashable, ...]
    test: str
    statistic: float
    df: float
    pvalue: float
    pairs: ComparisonTable
    versus_rest: ComparisonTable

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data: the omnibus test and both tables' records.

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
        >>> d = res.to_dict()
        >>> d["test"], round(d["pvalue"], 3), len(d["pairs"])
        ('chi-square', 0.014, 1)
        """
        return {
            "metric": self.metric,
            "groups": list(self.groups),
            "test": self.test,
            "statistic": self.statistic,
            "df": self.df,
            "pvalue": self.pvalue,
            "pairs": self.pairs.to_records(),
            "versus_rest": self.versus_rest.to_records(),
        }

    def to_records(self) -> list[dict[str, Any]]:
        """Every comparison, pairs first and then each group against the rest, as plain
        dicts with a ``comparison`` entry (``"pair"`` or ``"versus rest"``) and the metric.

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
        >>> [(r["comparison"], r["a"], r["b"]) for r in res.to_records()]
        [('pair', 'a', 'b'), ('versus rest', 'a', 'rest'), ('versus rest', 'b', 'rest')]
        """
        return [
            {"metric": self.metric, "comparison": kind} | row
            for kind, table in (("pair", self.pairs), ("versus rest", self.versus_rest))
            for row in table.to_records()
        ]

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_records` as a dataframe of ``backend`` ("pandas", "polars", "pyarrow"
        or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
        >>> res.to_frame(backend="pandas").shape
        (3, 13)
        """
        return _results.to_frame(self.to_records(), backend)

    def __repr__(self) -> str:
        table = self.versus_rest
        return (
            f"GroupComparison({self.metric}, {len(self.groups)} groups: {self.test} "
            f"statistic {self.statistic:.3g} on {self.df:g} df, p={self.pvalue:.3g}; "
            f"{_results.format_level(table.confidence_level)} CI, "
            f"{_NAMES.get(table.method, table.method)}: "
            f"{int(self.pairs.significant().sum())} of {len(self.pairs)} pairs and "
            f"{int(self.versus_rest.significant().sum())} groups against the rest "
            f"significant after {self.pairs.adjust})"
        )


def _stack(estimates: Mapping[Hashable, Estimate] | GroupedEstimate) -> tuple[Definition, Any]:
    if isinstance(estimates, GroupedEstimate):
        g = estimates.tally
        keep = g.n > 0
        if not keep.all():
            design = g.design
            g = GroupedTally(
                g.scale,
                [k for k, u in zip(g.groups, keep.tolist()) if u],
                g.counts[keep],
                g.weight_sums[keep],
                g.weight_sq_sums[keep],
                g.missing[keep],
                g.names,
            )
            if design is not None:  # the groups with answers, domains of the same design
                object.__setattr__(g, "design", design.take(np.flatnonzero(keep)))
        return estimates.definition, g
    items = list(estimates.items())
    if not items:
        raise EmptyDataError("compare_groups needs at least two groups")
    first = items[0][1]
    for _, e in items[1:]:
        _check_pair(first, e)
    g = GroupedTally.from_tallies({k: e.tally for k, e in items})
    return first.definition, g


def _omnibus(defn: Definition, g: Any, weighted: bool) -> tuple[str, float, float, float]:
    """The omnibus test of ``compare_groups``: its name, statistic, df and p-value."""
    counts = g.counts.astype(np.float64)
    if defn.kind == "mean":
        if weighted:  # Wald test of equal means with inverse-variance weights
            side = make_side(defn, g.counts, g.weight_sums, g.weight_sq_sums, True)
            return ("wald", *_omnibus_tests.wald_equal_means(side.value, side.se))
        return ("kruskal-wallis", *_omnibus_tests.kruskal_wallis(counts))
    source = _d.category_counts(defn, g.weight_sums if weighted else counts)
    if weighted:  # effective counts: shares times Kish's n_eff
        source = source / source.sum(axis=1, keepdims=True) * g.n_eff[:, None]
    return ("chi-square", *_omnibus_tests.chi_square(source))


def _group_comparison(
    metric: str,
    groups: tuple[Hashable, ...],
    omnibus: tuple[str, float, float, float],
    positions: tuple[NDArray[np.intp], NDArray[np.intp]],
    pairs: Any,
    versus: Any,
    how: tuple[str, str, float],
    estimates: Any,
    options: Any,
) -> GroupComparison:
    """The result of :func:`compare_groups`: the omnibus test ``(test, statistic, df,
    pvalue)``, the pairs (group positions ``a``, ``b``) and each group against the rest."""
    keys = np.empty(len(groups), dtype=object)
    keys[:] = groups
    chosen, adjust, confidence_level = how
    test, stat, df, p = omnibus
    return GroupComparison(
        metric,
        groups,
        test,
        stat,
        df,
        p,
        ComparisonTable._from_engine(
            tuple(np.take(keys, positions[0]).tolist()),
            tuple(np.take(keys, positions[1]).tolist()),
            pairs,
            method=chosen,
            adjust=adjust,
            confidence_level=confidence_level,
            again=_TableAgain(estimates, options, "pairs"),
        ),
        ComparisonTable._from_engine(
            groups,
            ("rest",) * len(groups),
            versus,
            method=chosen,
            adjust=adjust,
            confidence_level=confidence_level,
            again=_TableAgain(estimates, options, "versus_rest"),
        ),
    )


def compare_groups(
    estimates: Mapping[Hashable, Estimate] | GroupedEstimate,
    *,
    adjust: Adjustment = "holm",
    method: TwoSampleMethod | None = None,
    confidence_level: float = 0.95,
    n_resamples: int = 999,
    rng: np.random.Generator | int | None = None,
    pairwise: bool = True,
) -> GroupComparison:
    """Compare many groups: an omnibus test, every pair, and each group against the rest.

    Parameters
    ----------
    estimates : mapping of key to Estimate, or GroupedEstimate
        Estimates of one metric (groups with no answers are left out).
    adjust : {"holm", "hochberg", "hommel", "bonferroni", "bh", "by", "none"}
        Multiplicity adjustment, applied to the pairs together and to the
        group-against-rest comparisons together.
    method : str, optional
        The two-sample method, as for :func:`compare`.
    confidence_level : float
        For the (unadjusted) intervals of the differences.
    n_resamples, rng
        For the resampling methods (fewer resamples by default: there are many pairs),
        as for :func:`compare`.
    pairwise : bool
        Whether to compare every pair. With False, ``pairs`` is an empty table and only
        the omnibus test and each group against the rest are computed, in time and memory
        proportional to the number of groups (every pair of 200,000 groups would be
        20 billion comparisons).

    Returns
    -------
    GroupComparison

    Notes
    -----
    The omnibus test is the chi-square test of homogeneity on the category counts for
    NPS and shares (Kish effective counts when weighted), Kruskal-Wallis (1952) with the
    tie correction for unweighted means, and a Wald test of equal means for weighted ones.

    Survey designs: when the grouped tally has a design (``cluster=``, ``strata=``,
    ``fpc=``), the groups are domains of one design (R's ``svyby``) and the only method
    is ``"wald"`` (for every kind of metric; the methods for independent samples are
    refused with a :class:`~satisfy.DesignError`). Each difference's variance is the
    design's, ``Var(a) + Var(b) - 2 Cov(a, b)``, with the covariance of groups whose
    clusters hold answers in both (R's ``svycontrast`` of ``svyby(covmat = TRUE)``); a
    group against the rest is the contrast of two domains likewise. The intervals and
    tests use Student's t on the degrees of freedom of the two domains together (their
    PSUs with answers minus their strata; every domain together against the rest), as the
    design's estimates do (R's ``svycontrast`` gives the normal: the same se, a narrower
    interval with few clusters); the tables hold each difference's ``se`` and ``df``. The
    omnibus test is then ``"design-wald"``: the Wald statistic of the contrasts of every
    group with the last, with the design's covariance, as ``F = W / r`` on ``r`` (the
    ``df`` reported) and the design's degrees of freedom (R's ``regTermTest``; NaN
    beyond 500 groups).

    Speed: what a method needs of each group (a Wilson interval, a variance, resampled
    values) is computed once per group, and the pairs are one vectorised pass over those
    (resampling methods in chunks of pairs to bound memory). For shares with the default
    method this matches statsmodels' ``test_proportions_2indep`` (pooled score test) and
    ``confint_proportions_2indep(method="newcomb")``.

    Examples
    --------
    >>> import satisfy
    >>> scores = [10, 9, 9, 10, 8, 3, 2, 6, 5, 7, 9, 10, 7, 8, 6]
    >>> channel = ["chat"] * 5 + ["phone"] * 5 + ["email"] * 5
    >>> result = satisfy.compare_groups(satisfy.nps(scores, by=channel))
    >>> result.test, round(result.pvalue, 4)
    ('chi-square', 0.0458)
    >>> [(r["a"], r["b"]) for r in result.pairs.to_records()]
    [('chat', 'email'), ('chat', 'phone'), ('email', 'phone')]
    >>> quick = satisfy.compare_groups(satisfy.nps(scores, by=channel), pairwise=False)
    >>> len(quick.pairs), len(quick.versus_rest)
    (0, 3)

    Five customers (clusters) answering in two months: the months covary, so the change's
    standard error is the design's (56.6 if the ten answers were ten customers):

    >>> monthly = satisfy.nps([10, 9, 3, 9, 7, 2, 10, 6, 9, 8], by=[1] * 5 + [2] * 5,
    ...                       cluster=[1, 2, 3, 4, 5] * 2)
    >>> months = satisfy.compare_groups(monthly)
    >>> months.test, months.pairs.method, months.pairs.se.round(1).tolist(), months.pairs.df
    ('design-wald', 'wald', [40.0], array([4.]))
    """
    if adjust not in _mult.ADJUSTMENTS:
        raise OptionError("adjust", adjust, _mult.ADJUSTMENTS)
    check_confidence_level(confidence_level)
    check_flag("pairwise", pairwise)
    defn, g = _stack(estimates)
    n_groups = len(g)
    if n_groups < 2:
        raise EmptyDataError(
            f"compare_groups needs at least two groups with answers, got {n_groups}"
        )
    if g.design is not None:
        options = {"adjust": adjust, "method": method, "n_resamples": n_resamples, "rng": rng}
        options["pairwise"] = pairwise
        return _design_groups(estimates, defn, g, method, confidence_level, adjust, options)
    weighted = bool(g.is_weighted)
    chosen = resolve_method(defn.kind, TWO_SAMPLE_METHODS, method, weighted)
    resampling = chosen in ("bootstrap", "bayes")
    n_resamples = check_resamples(n_resamples, confidence_level if resampling else None)
    generator = as_generator(rng, default_seed=DEFAULT_SEED)
    test, stat, df, p = _omnibus(defn, g, weighted)
    options = {"adjust": adjust, "method": method, "n_resamples": n_resamples, "rng": rng}
    options["pairwise"] = pairwise
    groups = tuple(g.groups)
    whole = make_side(defn, g.counts, g.weight_sums, g.weight_sq_sums, weighted)
    per = per_group(defn, whole, chosen, confidence_level, n_resamples, generator)
    ia, ib = _pair_indices(n_groups if pairwise else 0)
    runs = np.arange(n_groups - 1, -1, -1) if pairwise else np.zeros(n_groups, np.intp)
    pairs = _table(defn, per, per, (ia, ib), whole, whole, chosen, confidence_level, adjust, runs)
    rest = make_side(
        defn,
        g.counts.sum(axis=0) - g.counts,
        g.weight_sums.sum(axis=0) - g.weight_sums,
        g.weight_sq_sums.sum(axis=0) - g.weight_sq_sums,
        weighted,
    )
    per_rest = per_group(defn, rest, chosen, confidence_level, n_resamples, generator)
    versus = _table(defn, per, per_rest, None, whole, rest, chosen, confidence_level, adjust)
    return _group_comparison(
        defn.name,
        groups,
        (test, stat, df, p),
        (np.repeat(np.arange(n_groups), runs), ib),
        pairs,
        versus,
        (chosen, adjust, confidence_level),
        estimates,
        options,
    )


#: The most groups whose omnibus design Wald test is computed (it needs every pair).
_DESIGN_OMNIBUS_GROUPS = 500


def _design_groups(
    estimates: Any,
    defn: Definition,
    g: Any,
    method: str | None,
    confidence_level: float,
    adjust: str,
    options: Mapping[str, Any],
) -> GroupComparison:
    """compare_groups for the domains of one survey design: every contrast's variance is
    the design's, with the covariance of domains sharing clusters (strata)."""
    chosen = _stats_design.check_design_method(method, "compare_groups")
    design = g.design
    n_groups = len(g)
    coef = np.asarray(defn.coefficients, dtype=np.float64)
    wsum = np.asarray(g.weight_sums, dtype=np.float64)
    total = wsum.sum(axis=1)
    rest_wsum = wsum.sum(axis=0)[None, :] - wsum
    rest_total = rest_wsum.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = wsum @ coef / total
        rest_value = rest_wsum @ coef / rest_total
        u_rest = (coef[None, :] - rest_value[:, None]) / rest_total[:, None]
    u = design.influence(coef, value)
    span = defn.high - defn.low
    pairwise = bool(options["pairwise"])
    every = pairwise or n_groups <= _DESIGN_OMNIBUS_GROUPS  # the omnibus needs every pair
    ia, ib = _pair_indices(n_groups if every else 0)
    variance, pair_df = design.contrast(u, ia, ib)
    omnibus = _design_omnibus(variance, value, float(design.rest_degrees_of_freedom))
    if not pairwise:
        ia, ib, variance, pair_df = ia[:0], ib[:0], variance[:0], pair_df[:0]
    pairs = _stats_design.contrast_test(
        value[ia] - value[ib],
        variance,
        pair_df.astype(np.float64),
        confidence_level,
        "two-sided",
        span,
    )
    pairs["p_adjusted"] = _mult.adjust(pairs["p_value"], adjust)
    whole_df = float(design.rest_degrees_of_freedom)
    versus = _stats_design.contrast_test(
        value - rest_value,
        design.rest_variance(u, u_rest),
        np.full(n_groups, whole_df),
        confidence_level,
        "two-sided",
        span,
    )
    versus["p_adjusted"] = _mult.adjust(versus["p_value"], adjust)
    stat, df, p = omnibus
    return _group_comparison(
        defn.name,
        tuple(g.groups),
        ("design-wald", stat, df, p),
        (ia, ib),
        pairs,
        versus,
        (chosen, adjust, confidence_level),
        estimates,
        options,
    )


def _design_omnibus(
    pair_variance: FloatArray, value: FloatArray, df: float
) -> tuple[float, float, float]:
    """The design Wald test that every group's value is equal, from the design variances
    of every pair's difference (in :func:`_pair_indices` order; none beyond
    :data:`_DESIGN_OMNIBUS_GROUPS` groups, then NaN): the contrasts ``d_i = v_i - v_last``
    have the covariance ``(Var(d_i) + Var(d_j) - Var(v_i - v_j)) / 2``; ``W = d' V^+ d`` on
    ``r = rank(V)``, reported as ``F = W / r`` on ``(r, df)`` with ``df`` the design's
    degrees of freedom (R's ``regTermTest``, method ``"Wald"``)."""
    n = value.shape[0]
    if pair_variance.shape[0] != n * (n - 1) // 2 or not np.isfinite(value).all():
        return np.nan, np.nan, np.nan
    ia, ib = _pair_indices(n)
    var = np.zeros((n, n))
    var[ia, ib] = var[ib, ia] = pair_variance  # Var(v_i - v_j)
    last = n - 1
    to_last = var[:last, last]
    cov = (to_last[:, None] + to_last[None, :] - var[:last, :last]) / 2.0
    if not np.isfinite(cov).all():
        return np.nan, np.nan, np.nan
    d = value[:last] - value[last]
    rank = int(np.linalg.matrix_rank(cov))
    if rank == 0 or not df > 0:
        return np.nan, float(rank), np.nan
    wald = float(d @ np.linalg.pinv(cov) @ d)
    stat = wald / rank
    return stat, float(rank), float(stats.f.sf(stat, rank, df))


def _pair_indices(n: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Every pair ``i < j`` of ``n`` groups in row order (``numpy.triu_indices(n, 1)``
    without its n x n mask)."""
    if n < 2:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    per_row = np.arange(n - 1, 0, -1)
    ia = np.repeat(np.arange(n - 1), per_row)
    starts = np.cumsum(per_row) - per_row  # first pair of each row
    ib = np.arange(ia.shape[0]) - np.repeat(starts - np.arange(1, n), per_row)
    return ia, ib


def _table(
    defn: Definition,
    per_a: dict[str, FloatArray],
    per_b: dict[str, FloatArray],
    rows: tuple[NDArray[np.intp], NDArray[np.intp]] | None,
    side_a: Side,
    side_b: Side,
    method: str,
    confidence_level: float,
    adjust: str,
    runs: NDArray[np.intp] | None = None,
) -> dict[str, FloatArray]:
    """The comparisons ``a[ia] - b[ib]`` for ``rows = (ia, ib)`` (every row of both sides in
    order when None), from per-group quantities, adjusted together. ``runs`` says that
    ``ia`` is each row of ``a`` repeated ``runs`` times (every pair): a repeat is cheaper
    than a gather."""
    n = next(iter(per_a.values())).shape[0] if rows is None else rows[0].shape[0]
    every = np.arange(n)
    ia, ib = (every, every) if rows is None else rows
    # resampled differences are pairs x draws: chunks of pairs bound the memory
    draws = per_a.get("draws")
    step = max(1, (1 << 23) // max(1, draws.shape[1])) if draws is not None else max(n, 1)
    parts = []
    for start in range(0, n, step):
        ra, rb = ia[start : start + step], ib[start : start + step]
        whole = rows is None and step >= n
        if whole:
            sub_a = per_a
        elif runs is not None and step >= n:
            sub_a = {k: np.repeat(v, runs, axis=0) for k, v in per_a.items()}
        else:
            sub_a = take(per_a, ra)
        part = pair_stats(
            defn,
            sub_a,
            per_b if whole else take(per_b, rb),
            method=method,
            level=confidence_level,
            alternative="two-sided",
        )
        if method == "fisher":
            part["p_value"] = fisher(gather(side_a, ra), gather(side_b, rb), "two-sided")
        parts.append(part)
    keys = ("difference", "low", "high", "statistic", "p_value")
    if len(parts) == 1:
        out = {k: parts[0][k] for k in keys}
    else:
        out = {k: np.concatenate([np.zeros(0)] + [part[k] for part in parts]) for k in keys}
    out["p_adjusted"] = _mult.adjust(out["p_value"], adjust)
    return out
