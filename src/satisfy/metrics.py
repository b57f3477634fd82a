"""The calculators: NPS, CSAT, CES, threshold share, top and bottom box, means.

Each takes raw answers (array-like, labels allowed, with ``scale=``, ``weights=``,
``frequencies=``, ``nan_policy=`` and optionally ``by=`` for groups), a :class:`~satisfy.Tally`,
a :class:`~satisfy.GroupedTally` or :class:`~satisfy.Responses`, and returns an
:class:`~satisfy.Estimate` (or a :class:`~satisfy.GroupedEstimate` for grouped input).
Every metric is a linear functional of the tally's weighted shares; see
:mod:`satisfy._definition` for the shared machinery.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from ._coding import NanPolicy
from ._definition import Definition
from ._stats._common import check_flag, check_number
from .errors import OptionError, SatisfyError, ScaleError
from .estimate import Estimate, GroupedEstimate
from .responses import Responses
from .scales import CES7, CSAT5, NPS, Scale, as_scale
from .tally import GroupedTally, Tally

__all__ = [
    "bottom_box",
    "ces",
    "csat",
    "mean_score",
    "nps",
    "pomp_mean",
    "threshold_share",
    "top_box",
]

Data: TypeAlias = "ArrayLike | Tally | GroupedTally | Responses"
By: TypeAlias = "ArrayLike | Mapping[str, ArrayLike] | str | Sequence[str] | None"


def _tally_of(
    data: Any,
    scale: Scale | str | None,
    default: Scale,
    weights: ArrayLike | None,
    frequencies: ArrayLike | None,
    nan_policy: NanPolicy,
    by: Any,
) -> Tally | GroupedTally:
    if isinstance(data, Tally | GroupedTally):
        if weights is not None or frequencies is not None or by is not None:
            raise SatisfyError(
                "weights, frequencies and by apply to raw answers; a tally already holds them"
            )
        if scale is not None and as_scale(scale) != data.scale:
            raise ScaleError(f"scale={scale!s} was asked but the tally is of {data.scale}")
        return data
    if isinstance(data, Responses):
        if weights is not None or frequencies is not None:
            raise SatisfyError("weights and frequencies of Responses are their own")
        if scale is not None and as_scale(scale) != data.scale:
            raise ScaleError(f"scale={scale!s} was asked but the responses are on {data.scale}")
        return data.tally() if by is None else data.tally(by=by)
    resolved = default if scale is None else as_scale(scale)
    if by is None:
        return Tally.from_scores(
            data, scale=resolved, weights=weights, frequencies=frequencies, nan_policy=nan_policy
        )
    return GroupedTally.from_scores(
        data,
        by=by,
        scale=resolved,
        weights=weights,
        frequencies=frequencies,
        nan_policy=nan_policy,
    )


def _estimate(defn: Definition, tally: Tally | GroupedTally) -> Estimate | GroupedEstimate:
    if isinstance(tally, GroupedTally):
        return GroupedEstimate._from_tally(defn, tally)
    return Estimate._from_tally(defn, tally)


def _points_between(scale: Scale, bounds: Any, what: str) -> tuple[int, ...]:
    """The point indices from ``bounds[0]`` to ``bounds[1]`` (inclusive), both points of
    the scale; anything else is an OptionError naming ``what``."""
    accepted = f"a pair (low, high) of points of {scale}, low <= high, such as (0, 6)"
    if isinstance(bounds, str | bytes) or not isinstance(bounds, Sequence) or len(bounds) != 2:
        raise OptionError(what, bounds, accepted=accepted)
    try:
        lo, hi = (check_number(what, b, accepted=accepted) for b in bounds)
    except OptionError:
        raise OptionError(what, bounds, accepted=accepted) from None
    if lo > hi or not np.isin(np.array([lo, hi]), scale.points).all():
        raise OptionError(what, bounds, accepted=accepted)
    codes = scale.encode([lo, hi], nan_policy="raise")
    return tuple(range(int(codes[0]), int(codes[1]) + 1))


def _check_boxes(name: str, k: object, scale: Scale) -> int:
    """How many boxes count: a whole number from 1 to the scale's points less one."""
    accepted = f"a whole number of boxes from 1 to {scale.n_points - 1} for {scale}"
    number = check_number(name, k, accepted=accepted, integer=True)
    if not 1 <= number < scale.n_points:
        raise OptionError(name, k, accepted=accepted)
    return int(number)


def _share_definition(
    name: str, scale: Scale, counted: Sequence[int], labels: tuple[str, str], detail: str
) -> Definition:
    k = scale.n_points
    inside = tuple(sorted(counted))
    outside = tuple(i for i in range(k) if i not in set(inside))
    coef = np.zeros(k)
    coef[list(inside)] = 100.0
    return Definition(
        name,
        "share",
        scale,
        coef.tolist(),
        0.0,
        100.0,
        "%",
        ((labels[0], inside), (labels[1], outside)),
        detail,
    )


def _mean_definition(name: str, scale: Scale, detail: str, *, pomp: bool = False) -> Definition:
    points = scale.points
    coef = scale._to_pomp(points) if pomp else points
    low, high = (0.0, 100.0) if pomp else (scale.low, scale.high)
    # categories either side of the midpoint, named from the customer's side
    mid = (scale.low + scale.high) / 2
    better = points > mid if scale.higher_is_better else points < mid
    worse = points < mid if scale.higher_is_better else points > mid
    neutral = ~(better | worse)
    cats = tuple(
        (label, tuple(np.flatnonzero(mask).tolist()))
        for label, mask in (("favourable", better), ("neutral", neutral), ("unfavourable", worse))
    )
    return Definition(
        name, "mean", scale, coef.tolist(), low, high, "POMP" if pomp else "points", cats, detail
    )


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
        :class:`~satisfy.GroupedEstimate` computed for all groups at once."""


def nps(
    data: Any,
    *,
    scale: Scale | str | None = None,
    detractors: tuple[float, float] = (0, 6),
    promoters: tuple[float, float] = (9, 10),
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
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
    tally = _tally_of(data, scale, NPS, weights, frequencies, nan_policy, by)
    s = tally.scale
    det = _points_between(s, detractors, "detractors")
    pro = _points_between(s, promoters, "promoters")
    if set(det) & set(pro):
        raise SatisfyError(f"detractors {detractors} and promoters {promoters} overlap")
    pas = tuple(i for i in range(s.n_points) if i not in set(det) | set(pro))
    coef = np.zeros(s.n_points)
    coef[list(det)] = -100.0
    coef[list(pro)] = 100.0
    detail = ""
    if (detractors, promoters) != ((0, 6), (9, 10)):
        (d_lo, d_hi), (p_lo, p_hi) = detractors, promoters
        detail = f"detractors {d_lo:g}-{d_hi:g}, promoters {p_lo:g}-{p_hi:g}"
    defn = Definition(
        "NPS",
        "nps",
        s,
        coef.tolist(),
        -100.0,
        100.0,
        "points",
        (("detractors", det), ("passives", pas), ("promoters", pro)),
        detail,
    )
    return _estimate(defn, tally)


def top_box(
    data: Any,
    *,
    k: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
    """Share of answers in the ``k`` best points, in percent.

    On scales where lower is better the best points are the lowest ones.

    Parameters
    ----------
    {raw}
    k : int
        How many of the best points count.

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.top_box([5, 5, 4, 3], k=1).value, 1)
    50.0
    """
    tally = _tally_of(data, scale, CSAT5, weights, frequencies, nan_policy, by)
    return _boxes(tally, k, best=True, name="top box", labels=(f"top {k!s}", "other"))


def _boxes(
    tally: Tally | GroupedTally,
    k: object,
    *,
    best: bool,
    name: str,
    labels: tuple[str, str],
    option: str = "k",
) -> Estimate | GroupedEstimate:
    s = tally.scale
    k = _check_boxes(option, k, s)
    low_end = best != s.higher_is_better  # the counted boxes are the lowest points
    counted = range(k) if low_end else range(s.n_points - k, s.n_points)
    detail = f"{'top' if best else 'bottom'} {k} of {s}"
    return _estimate(_share_definition(name, s, counted, labels, detail), tally)


def csat(
    data: Any,
    *,
    top: int = 2,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
    """Customer satisfaction (CSAT): the share of answers in the top boxes, in percent.

    Parameters
    ----------
    {raw}
    top : int
        How many of the best points count as satisfied (2: "satisfied" and "very
        satisfied" on the 1-5 scale).

    Examples
    --------
    >>> import satisfy
    >>> e = satisfy.csat(["Very satisfied", "Satisfied", 3, 2, "5"])
    >>> e
    CSAT 60.0 (95% CI 23.1 to 88.2, Wilson, n=5)
    """
    tally = _tally_of(data, scale, CSAT5, weights, frequencies, nan_policy, by)
    return _boxes(tally, top, best=True, name="CSAT", labels=("satisfied", "other"), option="top")


def bottom_box(
    data: Any,
    *,
    k: int = 1,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
    """Share of answers in the ``k`` worst points, in percent.

    Parameters
    ----------
    {raw}
    k : int
        How many of the worst points count.

    Examples
    --------
    >>> import satisfy
    >>> round(satisfy.bottom_box([1, 2, 5, 5], k=2).value, 1)
    50.0
    """
    tally = _tally_of(data, scale, CSAT5, weights, frequencies, nan_policy, by)
    return _boxes(tally, k, best=False, name="bottom box", labels=(f"bottom {k!s}", "other"))


def threshold_share(
    data: Any,
    threshold: float,
    *,
    inclusive: bool = True,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
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
    tally = _tally_of(data, scale, CSAT5, weights, frequencies, nan_policy, by)
    s = tally.scale
    accepted = f"a number from {s.low:g} to {s.high:g} (nothing outside {s})"
    t = check_number("threshold", threshold, accepted=accepted)
    if not (s.low <= t <= s.high):
        raise OptionError("threshold", threshold, accepted=accepted)
    inclusive = check_flag("inclusive", inclusive)
    points = s.points
    if s.higher_is_better:
        counted = points >= t if inclusive else points > t
        word = ">=" if inclusive else ">"
    else:
        counted = points <= t if inclusive else points < t
        word = "<=" if inclusive else "<"
    detail = f"{word} {t:g} on {s}"
    defn = _share_definition(
        "threshold share", s, np.flatnonzero(counted).tolist(), ("reached", "not reached"), detail
    )
    return _estimate(defn, tally)


def ces(
    data: Any,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
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
    tally = _tally_of(data, scale, CES7, weights, frequencies, nan_policy, by)
    return _estimate(_mean_definition("CES", tally.scale, f"mean of {tally.scale}"), tally)


def mean_score(
    data: Any,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
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
    tally = _tally_of(data, scale, CSAT5, weights, frequencies, nan_policy, by)
    return _estimate(_mean_definition("mean", tally.scale, f"mean of {tally.scale}"), tally)


def pomp_mean(
    data: Any,
    *,
    scale: Scale | str | None = None,
    weights: ArrayLike | None = None,
    frequencies: ArrayLike | None = None,
    nan_policy: NanPolicy = "omit",
    by: Any = None,
) -> Any:
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
    tally = _tally_of(data, scale, CSAT5, weights, frequencies, nan_policy, by)
    defn = _mean_definition("POMP mean", tally.scale, f"POMP of {tally.scale}", pomp=True)
    return _estimate(defn, tally)


for _f, _default in (
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
