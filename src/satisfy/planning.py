"""Planning: how many answers a margin or a difference needs, and the power of a design.

All formulas are the normal approximations in common use (Wald for one sample; for two
proportions the pooled-null, unpooled-alternative formula of R's ``power.prop.test``;
Fleiss, Levin and Paik 2003, ch. 4). Units follow the metrics: NPS in points, shares in
percent, means in scale units.

References
----------
Fleiss, J. L., Levin, B. and Paik, M. C. (2003). *Statistical Methods for Rates and
Proportions*, 3rd ed. Wiley.
Rocks, B. (2016). Interval estimation for the "Net Promoter Score". *The American
Statistician* 70(4), 365-372 (the trinomial variance of the NPS).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
from scipy import special

from . import _registry, _results
from ._stats._common import check_confidence_level, check_number, z_value
from ._types import ALTERNATIVES, Alternative, IntervalMethod
from .errors import OptionError, SatisfyError
from .estimate import ConfidenceInterval, Estimate
from .scales import Scale, as_scale

if TYPE_CHECKING:
    from narwhals.typing import IntoDataFrame

__all__ = ["SampleSize", "margin_of_error", "power", "sample_size", "sample_size_difference"]

#: Each metric name planning accepts (the registry's names, their hyphenated forms and
#: aliases such as "share" and "mean") and its kind, from the metric registry.
_KINDS = {name: _registry.get(name).kind for name in _registry.names()}


@attrs.frozen(repr=False)
class SampleSize:
    """A planned number of answers, with the assumption it rests on.

    Attributes
    ----------
    n : int
        Answers needed (per group for a difference).
    metric : str
    target : str
        What the plan achieves, in words.
    assumption : str
        The spread assumed, and whether it is the worst case.
    worst_case : bool
        True when nothing was expected and the largest possible spread was assumed.

    Examples
    --------
    >>> import satisfy
    >>> plan = satisfy.sample_size("csat", margin=5, expected=70)
    >>> plan.n, plan.worst_case, int(plan)
    (323, False, 323)
    """

    n: int
    metric: str
    target: str
    assumption: str
    worst_case: bool

    def __int__(self) -> int:
        return self.n

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data.

        Examples
        --------
        >>> import satisfy
        >>> satisfy.sample_size("csat", margin=5, expected=70).to_dict()["n"]
        323
        """
        return {
            "n": self.n,
            "metric": self.metric,
            "target": self.target,
            "assumption": self.assumption,
            "worst_case": self.worst_case,
        }

    def to_frame(self, *, backend: Any = "pandas") -> IntoDataFrame:
        """:meth:`to_dict` as a one-row dataframe of ``backend`` ("pandas", "polars",
        "pyarrow" or the module; needs narwhals).

        Examples
        --------
        >>> import satisfy
        >>> satisfy.sample_size("csat", margin=5, expected=70).to_frame(backend="polars")["n"][0]
        323
        """
        return _results.to_frame([self.to_dict()], backend)

    def __repr__(self) -> str:
        return f"SampleSize(n={self.n} for {self.metric} {self.target}; {self.assumption})"


def _kind(metric: str) -> str:
    """The kind of a metric named by the registry (shape of its coefficients)."""
    return _registry.get(metric).kind


def _label(metric: str) -> str:
    """How a plan names its metric: the registry's label ("NPS", "CSAT", "net
    satisfaction") for the metric however it is spelled, a generic alias ("share", "mean")
    as given."""
    entry = _registry.get(metric)
    return metric if metric.strip().lower() in _registry.ALIASES else entry.label


def _plan(metric: str, scale: Scale | str | None) -> tuple[str, Scale | None, tuple[str, str]]:
    """A plan's metric kind, its checked scale (None when not given) and, for a net score,
    its positive and negative categories from the registry ("promoters", "detractors").

    ``scale`` must be a Scale or a preset's name whatever the kind; when the metric's
    options have defaults, they must fit the scale (NPS's 0-6 and 9-10 are not on CSAT5)."""
    entry = _registry.get(metric)
    checked = None if scale is None else as_scale(scale)
    required = _registry.REQUIRED in entry.defaults.values()
    defn = None
    if not required:
        try:
            defn = entry.definition(checked)
        except SatisfyError as e:
            raise OptionError(
                "scale",
                scale,
                accepted=f"a scale on which {entry.label} is defined with its default options "
                f"({e}); {entry.label}'s default scale is {entry.default_scale}",
            ) from None
    words = ("", "")
    if entry.kind == "nps" and defn is not None:
        words = (defn.categories[-1][0], defn.categories[0][0])
    return entry.kind, checked, words


def _spread(
    kind: str,
    expected: Any,
    scale: Scale | str | None,
    words: tuple[str, str],
) -> tuple[float, str, bool]:
    """Variance of one answer (in the metric's unit squared) and its description."""
    if isinstance(expected, Estimate):
        shares = expected.shares
        if kind == "nps":  # a net score's categories: (negative, neutral, positive)
            negative, _, positive = (name for name, _ in expected.definition.categories)
            expected = (shares[positive], shares[negative])
        elif kind == "share":
            expected = expected.value
        else:
            expected = expected.se * math.sqrt(expected.n)
    if kind == "nps":
        if expected is None:
            return 1e4, f"worst case: 50% {words[0]} and 50% {words[1]}", True
        accepted = f"({words[0]} %, {words[1]} %), two percentages adding up to at most 100"
        if isinstance(expected, str | bytes) or not isinstance(expected, Sequence):
            raise OptionError("expected", expected, accepted=accepted)
        if len(expected) != 2:
            raise OptionError("expected", expected, accepted=accepted)
        try:
            pro, det = (check_number("expected", x, accepted=accepted) / 100 for x in expected)
        except OptionError:
            raise OptionError("expected", expected, accepted=accepted) from None
        if pro < 0 or det < 0 or pro + det > 1:
            raise OptionError("expected", expected, accepted=accepted)
        var = pro + det - (pro - det) ** 2
        return var * 1e4, f"expected {pro:.0%} {words[0]} and {det:.0%} {words[1]}", False
    if kind == "share":
        if expected is None:
            return 2500.0, "worst case: no share expected, so 50%", True
        accepted = "the expected share, a percentage from 0 to 100"
        p = check_number("expected", expected, accepted=accepted) / 100
        if not 0 <= p <= 1:
            raise OptionError("expected", expected, accepted=accepted)
        return p * (1 - p) * 1e4, f"expected share {p:.0%}", False
    if expected is None:
        if scale is None:
            raise SatisfyError(
                "for a mean give expected= (the standard deviation of one answer) or scale= "
                "(the worst case is then half the scale's range)"
            )
        s = as_scale(scale)
        sd = (s.high - s.low) / 2
        return sd * sd, f"worst case: standard deviation {sd:g} (half the range of {s})", True
    accepted = "the expected standard deviation of one answer, a positive number"
    sd = check_number("expected", expected, accepted=accepted)
    if sd <= 0:
        raise OptionError("expected", expected, accepted=accepted)
    return sd * sd, f"expected standard deviation {sd:g}", False


def sample_size(
    metric: str,
    *,
    margin: float,
    confidence_level: float = 0.95,
    expected: Any = None,
    scale: Scale | str | None = None,
    design_effect: float = 1.0,
) -> SampleSize:
    """Answers needed for an interval half-width of ``margin``.

    Parameters
    ----------
    metric : {"nps", "share", "csat", "top_box", "threshold_share", "mean", "ces", ...}
    margin : float
        Half-width in the metric's unit: NPS points, percentage points, scale units.
    confidence_level : float
    expected : optional
        NPS: ``(promoters %, detractors %)``; shares: the expected percentage; means: the
        expected standard deviation of one answer. An :class:`~satisfy.Estimate` from a
        pilot also works. Without it the worst case is assumed, and the result says so.
    scale : Scale or str, optional
        For means without ``expected``: the worst case is half the scale's range.
    design_effect : float
        The survey design's effect on the variance (``Estimate.design_effect`` of a
        pilot, or 1 + CV^2 of the weights for weighting alone): the answers needed are
        the simple random sample's times it (Kish 1965, section 8.2).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.sample_size("nps", margin=5)
    SampleSize(n=1537 for NPS +/-5 at 95%; worst case: 50% promoters and 50% detractors)
    >>> satisfy.sample_size("csat", margin=3, expected=80).n
    683
    >>> satisfy.sample_size("csat", margin=3, expected=80, design_effect=1.5).n
    1025
    """
    kind, scale, words = _plan(metric, scale)
    check_confidence_level(confidence_level)
    _positive("margin", margin, "a positive number in the metric's unit, such as 5")
    deff = _design_effect(design_effect)
    var, assumption, worst = _spread(kind, expected, scale, words)
    z = z_value(confidence_level)
    n = math.ceil(deff * z * z * var / (margin * margin) - 1e-9)
    if deff != 1:
        assumption += f"; design effect {deff:g}"
    target = f"+/-{margin:g} at {confidence_level * 100:g}%"
    return SampleSize(max(n, 1), _label(metric), target, assumption, worst)


def _share_terms(baseline: float, difference: float, ratio: float) -> tuple[float, float, float]:
    """(pooled sd under H0, sd under H1, signed difference p1 - p2), per sqrt(n1), fractions."""
    p2 = baseline / 100
    p1 = p2 + difference / 100
    if not (0 <= p1 <= 1 and 0 <= p2 <= 1):
        raise SatisfyError(f"baseline {baseline}% and difference {difference} leave [0, 100]%")
    pbar = (p1 + ratio * p2) / (1 + ratio)
    sd0 = math.sqrt(pbar * (1 - pbar) * (1 + 1 / ratio))
    sd1 = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio)
    return sd0, sd1, p1 - p2


def _two_group_spread(
    kind: str,
    expected: Any,
    scale: Scale | str | None,
    difference: float,
    ratio: float,
    words: tuple[str, str],
) -> tuple[float, float, float, str, bool]:
    """(sd under H0, sd under H1, signed difference) per sqrt(n1) in the metric's unit."""
    if kind == "share":
        worst = expected is None
        accepted = "the baseline share, a percentage from 0 to 100"
        baseline = (
            50 - difference / 2 if worst else check_number("expected", expected, accepted=accepted)
        )
        sd0, sd1, d = _share_terms(baseline, difference, ratio)
        text = "worst case: shares either side of 50%" if worst else f"baseline share {baseline:g}%"
        return sd0 * 100, sd1 * 100, d * 100, text, worst
    var, text, worst = _spread(kind, expected, scale, words)
    sd = math.sqrt(var * (1 + 1 / ratio))
    return sd, sd, float(difference), text, worst


def _positive(name: str, value: object, accepted: str) -> float:
    number = check_number(name, value, accepted=accepted)
    if not number > 0:
        raise OptionError(name, value, accepted=accepted)
    return number


def _probability(name: str, value: object) -> float:
    accepted = "a number strictly between 0 and 1"
    number = check_number(name, value, accepted=accepted)
    if not 0 < number < 1:
        raise OptionError(name, value, accepted=accepted)
    return number


def _check_design(difference: object, alpha: object, ratio: object) -> None:
    """The options a two-group plan shares: a nonzero difference, alpha in (0, 1) and a
    positive size ratio."""
    accepted = "a nonzero number in the metric's unit, such as 10"
    if check_number("difference", difference, accepted=accepted) == 0:
        raise OptionError("difference", difference, accepted=accepted)
    _probability("alpha", alpha)
    _positive("ratio", ratio, "a positive number (the second group's size over the first's)")


def _z_beta(alternative: str, alpha: float) -> float:
    if alternative not in ALTERNATIVES:
        raise OptionError("alternative", alternative, ALTERNATIVES)
    tail = alpha / 2 if alternative == "two-sided" else alpha
    return float(special.ndtri(1 - tail))


def _toward(alternative: str, d: float) -> float:
    """The effect measured in the direction the test looks: ``d`` for "greater" (the first
    group above the second), ``-d`` for "less", ``|d|`` for a two-sided test. Negative when a
    one-sided test looks the other way from the effect."""
    if alternative == "greater":
        return d
    if alternative == "less":
        return -d
    return abs(d)


def sample_size_difference(
    metric: str,
    *,
    difference: float,
    power: float = 0.8,
    alpha: float = 0.05,
    expected: Any = None,
    scale: Scale | str | None = None,
    ratio: float = 1.0,
    alternative: Alternative = "two-sided",
    design_effect: float = 1.0,
) -> SampleSize:
    """Answers per group to detect ``difference`` between two groups.

    Parameters
    ----------
    metric : str
        As for :func:`sample_size`.
    difference : float
        The difference to detect, in the metric's unit.
    power : float
        Probability of detecting it.
    alpha : float
        Significance level.
    expected : optional
        As for :func:`sample_size`; for shares, the baseline percentage of the second
        group (the first is ``baseline + difference``).
    scale : Scale or str, optional
        For means without ``expected``.
    ratio : float
        Size of the second group over the first; ``n`` is the first group's size.
    alternative : {"two-sided", "greater", "less"}
        The test to be run: "greater" tests that the first group is above the second,
        "less" that it is below; ``difference`` is the first group minus the second, so a
        one-sided test detects only a difference of its own sign.
    design_effect : float
        The design's effect on the variance of each group's estimate, as for
        :func:`sample_size`: the answers needed are the simple random sample's times it.

    Raises
    ------
    OptionError
        When a one-sided ``alternative`` looks the other way from ``difference`` (such a
        test rejects with probability below ``alpha`` however many answers it gets, so no
        sample size reaches the power; statsmodels' solvers give no answer there either).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.sample_size_difference("share", difference=25, expected=50).n
    58
    >>> satisfy.sample_size_difference("nps", difference=10).n
    1570
    >>> satisfy.sample_size_difference("nps", difference=-10, alternative="less").n
    1237
    """
    kind, scale, words = _plan(metric, scale)
    _probability("power", power)
    _check_design(difference, alpha, ratio)
    za = _z_beta(alternative, alpha)
    zb = float(special.ndtri(power))
    sd0, sd1, d, text, worst = _two_group_spread(kind, expected, scale, difference, ratio, words)
    toward = _toward(alternative, d)
    if toward < 0:
        side = "above" if alternative == "greater" else "below"
        raise OptionError(
            "alternative",
            alternative,
            accepted=(
                f"a one-sided test that the first group is {side} the second cannot detect "
                f"difference={difference:g} (the other way), whatever the sample size; give "
                "the difference in the direction the test looks, or use a two-sided test"
            ),
        )
    deff = _design_effect(design_effect)
    n = math.ceil(deff * ((za * sd0 + zb * sd1) / toward) ** 2 - 1e-9)
    target = f"difference {difference:g}, power {power:g}, alpha {alpha:g}, per group"
    if deff != 1:
        text += f"; design effect {deff:g}"
    return SampleSize(max(n, 2), _label(metric), target, text, worst)


def power(
    metric: str,
    *,
    n: int,
    difference: float,
    alpha: float = 0.05,
    expected: Any = None,
    scale: Scale | str | None = None,
    ratio: float = 1.0,
    alternative: Alternative = "two-sided",
    design_effect: float = 1.0,
) -> float:
    """Power to detect ``difference`` with ``n`` answers in the first group.

    Parameters are those of :func:`sample_size_difference`. A one-sided test looking the
    other way from ``difference`` has a power below ``alpha``. With a ``design_effect``
    the ``n`` answers are worth ``n / design_effect`` of a simple random sample.

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.power("share", n=50, difference=25, expected=50), 3)  # R power.prop.test
    0.74
    >>> round(satisfy.power("share", n=200, difference=10, expected=50, alternative="less"), 5)
    0.00012
    """
    kind, scale, words = _plan(metric, scale)
    accepted = "a whole number of answers, at least 1"
    if check_number("n", n, accepted=accepted, integer=True) < 1:
        raise OptionError("n", n, accepted=accepted)
    _check_design(difference, alpha, ratio)
    za = _z_beta(alternative, alpha)
    deff = _design_effect(design_effect)
    sd0, sd1, d, _, _ = _two_group_spread(kind, expected, scale, difference, ratio, words)
    # a one-sided test facing away from the effect rejects only by chance (power < alpha)
    root = math.sqrt(n / deff)
    return float(special.ndtr((root * _toward(alternative, d) - za * sd0) / sd1))


def _design_effect(value: object) -> float:
    """A design effect: a finite number > 0 (below 1 for designs better than a simple
    random sample, such as proportionate stratification)."""
    return _positive("design_effect", value, "a positive number, such as 1.5 (1: none)")


def margin_of_error(
    estimate: Estimate, *, confidence_level: float = 0.95, method: IntervalMethod | None = None
) -> float:
    """Half the width of an estimate's confidence interval, in its unit.

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.nps(satisfy.Tally.from_counts({0: 100, 7: 200, 9: 200}, scale="NPS"))
    >>> round(satisfy.margin_of_error(e, method="wald"), 1)
    6.6
    """
    ci: ConfidenceInterval = estimate.confidence_interval(confidence_level, method)
    return float((ci.high - ci.low) / 2)
