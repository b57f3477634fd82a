"""The calculators: NPS, CSAT, CES, threshold share, top and bottom box, means.

Each takes raw answers (array-like, labels allowed, with ``scale=``, ``weights=``,
``frequencies=``, ``nan_policy=`` and optionally ``by=`` for groups), a :class:`~satisfy.Tally`,
a :class:`~satisfy.GroupedTally` or :class:`~satisfy.Responses`, and returns an
:class:`~satisfy.Estimate` (or a :class:`~satisfy.GroupedEstimate` for grouped input).
Every calculator is one call of :func:`calculate` with its registry name: the metric itself
(its coefficients over the points, categories, options and methods) is defined once, in
:data:`METRICS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias, overload

from numpy.typing import ArrayLike

from ._definition import Definition
from ._registry import METRICS, MetricEntry, MetricOption, get
from ._types import NanPolicy
from .errors import DesignError, SatisfyError, ScaleError
from .estimate import Estimate, GroupedEstimate
from .responses import Responses
from .scales import Scale, as_scale
from .tally import GroupedTally, Tally

__all__ = [
    "METRICS",
    "MetricEntry",
    "MetricOption",
    "bottom_box",
    "calculate",
    "ces",
    "csat",
    "mean_score",
    "nps",
    "pomp_mean",
    "threshold_share",
    "top_box",
]

#: Answers a calculator takes.
Data: TypeAlias = "ArrayLike | Tally | GroupedTally | Responses"
#: Answers that give one estimate (not grouped).
Single: TypeAlias = "ArrayLike | Tally | Responses"
#: Group keys of raw answers, or segment names of Responses.
Keys: TypeAlias = "ArrayLike | Mapping[str, ArrayLike] | str | Sequence[str]"


def _tally_of(
    data: Any,
    scale: object,
    default: Scale,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    nan_policy: NanPolicy,
    by: Any,
    design: tuple[ArrayLike | None, ArrayLike | None, ArrayLike | None] = (None, None, None),
) -> Tally | GroupedTally:
    cluster, strata, fpc = design
    has_design = any(part is not None for part in design)
    if isinstance(data, Tally | GroupedTally):
        if weights is not None or frequencies is not None or by is not None or has_design:
            raise SatisfyError(
                "weights, frequencies, by, cluster, strata and fpc apply to raw answers; a "
                "tally already holds them"
            )
        if scale is not None and as_scale(scale) != data.scale:  # type: ignore[arg-type]
            raise ScaleError(f"scale={scale!s} was asked but the tally is of {data.scale}")
        return data
    if isinstance(data, Responses):
        if weights is not None or frequencies is not None:
            raise SatisfyError("weights and frequencies of Responses are their own")
        names = {"cluster": cluster, "strata": strata, "fpc": fpc}
        for what, name in names.items():
            if name is not None and not isinstance(name, str):
                raise DesignError(
                    f"{what}= of Responses names one of their columns (a segment, or "
                    f"'respondents'), not {type(name).__name__}"
                )
        if scale is not None and as_scale(scale) != data.scale:  # type: ignore[arg-type]
            raise ScaleError(f"scale={scale!s} was asked but the responses are on {data.scale}")
        c = cluster if isinstance(cluster, str) else None
        s = strata if isinstance(strata, str) else None
        f = fpc if isinstance(fpc, str) else None
        if by is None:
            return data.tally(cluster=c, strata=s, fpc=f)
        names_by: str | Sequence[str] = by
        return data.tally(by=names_by, cluster=c, strata=s, fpc=f)
    resolved = default if scale is None else as_scale(scale)  # type: ignore[arg-type]
    if by is None:
        return Tally.from_scores(
            data,
            scale=resolved,
            weights=weights,
            frequencies=frequencies,
            nan_policy=nan_policy,
            cluster=cluster,
            strata=strata,
            fpc=fpc,
        )
    return GroupedTally.from_scores(
        data,
        by=by,
        scale=resolved,
        weights=weights,
        frequencies=frequencies,
        nan_policy=nan_policy,
        cluster=cluster,
        strata=strata,
        fpc=fpc,
    )


@overload
def calculate(
    data: GroupedTally,
    metric: str | Definition,
    *,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
    **options: Any,
) -> GroupedEstimate: ...
@overload
def calculate(
    data: Data,
    metric: str | Definition,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
    **options: Any,
) -> GroupedEstimate: ...
@overload
def calculate(
    data: Single,
    metric: str | Definition,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
    **options: Any,
) -> Estimate: ...
def calculate(
    data: Data,
    metric: str | Definition,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
    **options: Any,
) -> Estimate | GroupedEstimate:
    """Any registered metric of answers or a tally, by its registry name.

    Every named calculator (:func:`nps`, :func:`csat`...) is this function with its name.

    Parameters
    ----------
    {raw}
    metric : str or Definition
        A registry name (a key of :data:`satisfy.METRICS`: ``"nps"``, ``"csat"``,
        ``"net_satisfaction"``...), or a definition built by a registry entry
        (``satisfy.METRICS["csat"].definition(scale, boxes=1)``), which brings its scale.
    **options
        The metric's options (``boxes=``, ``threshold=``, ``detractors=``...; see
        ``satisfy.METRICS[name].options``).

    Returns
    -------
    Estimate or GroupedEstimate

    Raises
    ------
    OptionError
        For a name that is not registered, an option the metric does not have, or an
        option's value that is not accepted (named as given).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.calculate([5, 4, 4, 3, 1], "csat", boxes=1)
    CSAT 20.0 (95% CI 3.6 to 62.4, Wilson, n=5)
    >>> satisfy.calculate([5, 4, 4, 3, 1], "threshold_share", threshold=4).value
    60.0
    """
    return _calculate(
        data, metric, scale, weights, frequencies, nan_policy, by, options, (cluster, strata, fpc)
    )


def _calculate(
    data: Data,
    metric: str | Definition,
    scale: Scale | str | None,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    nan_policy: NanPolicy,
    by: Keys | None,
    options: Mapping[str, Any],
    design: tuple[ArrayLike | None, ArrayLike | None, ArrayLike | None] = (None, None, None),
) -> Estimate | GroupedEstimate:
    if isinstance(metric, Definition):
        if options:
            raise SatisfyError("a definition carries its options; give options with a name")
        if scale is not None and as_scale(scale) != metric.scale:
            raise ScaleError(f"scale={scale!s} was asked but the definition is of {metric.scale}")
        tally = _tally_of(data, None, metric.scale, weights, frequencies, nan_policy, by, design)
        if tally.scale != metric.scale:
            raise ScaleError(f"the definition is of {metric.scale} but the tally of {tally.scale}")
        defn = metric
    else:
        entry = get(metric)
        tally = _tally_of(
            data, scale, entry.default_scale, weights, frequencies, nan_policy, by, design
        )
        defn = entry.definition(tally.scale, **options)
    if isinstance(tally, GroupedTally):
        return GroupedEstimate.from_tally(defn, tally)
    return Estimate.from_tally(defn, tally)


_RAW_DOC = """
    data : array-like, Tally, GroupedTally or Responses
        Raw answers (numbers, numeric text, labels, labelled numbers) or a tally.
    scale : Scale or str, optional
        The scale of raw answers (default: {default}). A tally brings its own.
    weights : array-like, optional
        Survey weights, one per answer.
    frequencies : array-like, optional
        Frequency weights (a count column), one per answer.
    nan_policy : {{"omit", "raise"}}
        Missing answers are left out and counted (``"omit"``) or refused.
    by : array-like, mapping of str to array-like, or segment name(s), optional
        Group keys for raw answers (segment names for Responses): the result is then a
        :class:`~satisfy.GroupedEstimate` computed for all groups at once.
    cluster, strata, fpc : array-like, optional
        A survey design for raw answers, one entry per answer: cluster (PSU) ids such as
        a customer or account, strata, and the finite population correction (the
        stratum's population count of PSUs, or its sampling fraction), as R's
        ``svydesign(ids=, strata=, fpc=)``. The standard error is then the
        ultimate-cluster one; groups are domains of the design (see
        :meth:`~satisfy.Tally.from_scores`). For Responses, the names of their columns:
        a segment, or ``"respondents"`` (see :meth:`~satisfy.Responses.tally`)."""


@overload
def nps(
    data: GroupedTally,
    *,
    detractors: tuple[float, float] = (0, 6),
    promoters: tuple[float, float] = (9, 10),
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def nps(
    data: Data,
    *,
    detractors: tuple[float, float] = (0, 6),
    promoters: tuple[float, float] = (9, 10),
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def nps(
    data: Single,
    *,
    detractors: tuple[float, float] = (0, 6),
    promoters: tuple[float, float] = (9, 10),
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def nps(
    data: Data,
    *,
    detractors: tuple[float, float] = (0, 6),
    promoters: tuple[float, float] = (9, 10),
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Net Promoter Score: percent promoters minus percent detractors (-100..100).

    Parameters
    ----------
    {raw}
    detractors, promoters : (low, high)
        Inclusive ranges of points; the points between are passives. Default 0-6 and
        9-10 (Reichheld 2003).

    Returns
    -------
    Estimate or GroupedEstimate
        Counts and shares of detractors, passives and promoters; the default interval is
        the adjusted Wald (Rocks 2016).

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*
    81(12), 46-54.
    Rocks, B. (2016). Interval estimation for the "Net Promoter Score". *The American
    Statistician* 70(4), 365-372.

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.nps([10, 9, "9 - Extremely likely", 8, 7, 6, 0, None])
    >>> round(e.value, 1), e.counts, e.missing
    (14.3, {{'detractors': 2, 'passives': 2, 'promoters': 3}}, 1)

    """
    return _calculate(
        data,
        "nps",
        scale,
        weights,
        frequencies,
        nan_policy,
        by,
        {"detractors": detractors, "promoters": promoters},
        (cluster, strata, fpc),
    )


@overload
def top_box(
    data: GroupedTally,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def top_box(
    data: Data,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def top_box(
    data: Single,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def top_box(
    data: Data,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Share of answers in the ``boxes`` best points, in percent.

    On scales where lower is better the best points are the lowest ones.

    Parameters
    ----------
    {raw}
    boxes : int
        How many of the best points count.

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.top_box([5, 5, 4, 3], boxes=1).value, 1)
    50.0

    """
    return _calculate(
        data,
        "top_box",
        scale,
        weights,
        frequencies,
        nan_policy,
        by,
        {"boxes": boxes},
        (cluster, strata, fpc),
    )


@overload
def csat(
    data: GroupedTally,
    *,
    boxes: int | None = None,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def csat(
    data: Data,
    *,
    boxes: int | None = None,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def csat(
    data: Single,
    *,
    boxes: int | None = None,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def csat(
    data: Data,
    *,
    boxes: int | None = None,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Customer satisfaction (CSAT): the share of answers in the top boxes, in percent.

    Parameters
    ----------
    {raw}
    boxes : int, optional
        How many of the best points count as satisfied. The default, 2 ("satisfied" and
        "very satisfied" on the 1-5 scale), is the usual top-2 box of a scale of 4 or more
        points; on a 2- or 3-point scale it would count the middle point (or every point)
        as satisfied, so there ``boxes`` must be given.

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.csat(["Very satisfied", "Satisfied", 3, 2, "5"])
    >>> e
    CSAT 60.0 (95% CI 23.1 to 88.2, Wilson, n=5)
    >>> satisfy.csat([1, 2, 3, 3], scale=satisfy.Scale(1, 3))
    Traceback (most recent call last):
    ...
    satisfy.errors.OptionError: boxes=2 is not accepted; ... give boxes= ...
    """
    options = {} if boxes is None else {"boxes": boxes}
    return _calculate(
        data, "csat", scale, weights, frequencies, nan_policy, by, options, (cluster, strata, fpc)
    )


@overload
def bottom_box(
    data: GroupedTally,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def bottom_box(
    data: Data,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def bottom_box(
    data: Single,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def bottom_box(
    data: Data,
    *,
    boxes: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Share of answers in the ``boxes`` worst points, in percent.

    Parameters
    ----------
    {raw}
    boxes : int
        How many of the worst points count.

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.bottom_box([1, 2, 5, 5], boxes=2).value, 1)
    50.0

    """
    return _calculate(
        data,
        "bottom_box",
        scale,
        weights,
        frequencies,
        nan_policy,
        by,
        {"boxes": boxes},
        (cluster, strata, fpc),
    )


@overload
def threshold_share(
    data: GroupedTally,
    threshold: float,
    *,
    inclusive: bool = True,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def threshold_share(
    data: Data,
    threshold: float,
    *,
    inclusive: bool = True,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def threshold_share(
    data: Single,
    threshold: float,
    *,
    inclusive: bool = True,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def threshold_share(
    data: Data,
    threshold: float,
    *,
    inclusive: bool = True,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """The percentage of customers whose rating reaches a set satisfaction level.

    The classic definition of customer satisfaction as a metric: the share of customers
    at or above a goal (``inclusive=True``) or strictly above it. On scales where lower is
    better, "reaching" the level means being at or below it.

    Parameters
    ----------
    {raw}
    threshold : float
        The satisfaction level, within the scale's range.
    inclusive : bool
        Whether a rating equal to the threshold counts.

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.threshold_share([5, 4, 4, 3, 1], 4).value, 1)
    60.0
    >>> round(satisfy.threshold_share([5, 4, 4, 3, 1], 4, inclusive=False).value, 1)
    20.0
    >>> round(satisfy.threshold_share([1, 2, 5], 2, scale="CES5").value, 1)  # low effort
    66.7

    """
    return _calculate(
        data,
        "threshold_share",
        scale,
        weights,
        frequencies,
        nan_policy,
        by,
        {"threshold": threshold, "inclusive": inclusive},
        (cluster, strata, fpc),
    )


@overload
def ces(
    data: GroupedTally,
    *,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def ces(
    data: Data,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def ces(
    data: Single,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def ces(
    data: Data,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Customer Effort Score: the mean answer in scale units (default CES 2.0, 1-7).

    The categories give the share on each side of the scale's midpoint, named from the
    customer's side: ``favourable`` (agreeing that it was easy; low effort on CES5),
    ``neutral`` and ``unfavourable``.

    Parameters
    ----------
    {raw}

    References
    ----------
    Dixon, M., Freeman, K. and Toman, N. (2010). Stop trying to delight your customers.
    *Harvard Business Review* 88(7/8), 116-122.

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.ces([7, 6, 6, 5, 4, 2, "Strongly agree"])
    >>> round(e.value, 2), round(e.shares["favourable"], 1)
    (5.29, 71.4)

    """
    return _calculate(
        data, "ces", scale, weights, frequencies, nan_policy, by, {}, (cluster, strata, fpc)
    )


@overload
def mean_score(
    data: GroupedTally,
    *,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def mean_score(
    data: Data,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def mean_score(
    data: Single,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def mean_score(
    data: Data,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Mean answer in scale units (default scale CSAT5).

    Parameters
    ----------
    {raw}

    Examples
    --------
    >>> import satisfy
    >>> satisfy.mean_score([5, 4, 4, 3], scale="CSAT5")
    mean 4.00 (95% CI 2.70 to 5.00, t, n=4)

    """
    return _calculate(
        data, "mean_score", scale, weights, frequencies, nan_policy, by, {}, (cluster, strata, fpc)
    )


@overload
def pomp_mean(
    data: GroupedTally,
    *,
    scale: Scale | str | None = None,
    weights: None = None,
    frequencies: None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: None = None,
    strata: None = None,
    fpc: None = None,
) -> GroupedEstimate: ...
@overload
def pomp_mean(
    data: Data,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> GroupedEstimate: ...
@overload
def pomp_mean(
    data: Single,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate: ...
def pomp_mean(
    data: Data,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Keys | None = None,
    cluster: ArrayLike | None = None,
    strata: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
) -> Estimate | GroupedEstimate:
    """Mean POMP score (percent of maximum possible, 0 worst to 100 best).

    Puts scales of different lengths and directions on one 0-100 footing.

    Parameters
    ----------
    {raw}

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.pomp_mean([5, 4, 4, 3], scale="CSAT5").value, 1)
    75.0

    """
    return _calculate(
        data, "pomp_mean", scale, weights, frequencies, nan_policy, by, {}, (cluster, strata, fpc)
    )


for _f, _default in (
    (calculate, "the metric's default scale"),
    (nps, "NPS, 0-10"),
    (top_box, "CSAT5"),
    (csat, "CSAT5"),
    (bottom_box, "CSAT5"),
    (threshold_share, "CSAT5"),
    (ces, "CES7"),
    (mean_score, "CSAT5"),
    (pomp_mean, "CSAT5"),
):
    assert _f.__doc__ is not None
    _f.__doc__ = _f.__doc__.format(raw=_RAW_DOC.format(default=_default).strip())
