"""The metric registry: every metric is defined once, here.

An entry (:class:`MetricEntry`) gives, for a metric's registry name: its display label, its
kind (the shape of its coefficients: ``"nps"`` for +100/0/-100, ``"share"`` for 100/0,
``"mean"`` for the points' values), its unit, default scale and options, a builder of its
:class:`~satisfy._definition.Definition` (coefficients over a scale's points, range,
categories) for a scale and options, and the interval, two-sample, against-a-target and paired
methods of its kind (the first of each list is the default).

Everything else reads it: the calculators (:func:`satisfy.calculate`), the frame specs, the
CLI's ``--metric`` choices, planning's metric names, :func:`satisfy.compare_paired` and the
simulations. Adding a metric is adding one entry to :data:`METRICS`.

Examples
--------
>>> from satisfy._registry import METRICS
>>> METRICS["csat"]
MetricEntry('csat': CSAT, share in %, default scale CSAT5, options boxes=2)
>>> METRICS["csat"].definition("CSAT5", boxes=1).coef
(0.0, 0.0, 0.0, 0.0, 100.0)
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

import attrs
import numpy as np

from ._definition import (
    DEFAULT_METHOD,
    METHODS,
    PAIRED_METHODS,
    TARGET_METHODS,
    TWO_SAMPLE_METHODS,
    Definition,
    Kind,
)
from ._stats._common import check_flag, check_number
from .errors import OptionError, SatisfyError
from .scales import CES7, CSAT5, NPS, Scale, as_scale

__all__ = [
    "ALIASES",
    "METRICS",
    "REQUIRED",
    "MetricEntry",
    "MetricOption",
    "MetricRegistry",
    "boxes_at",
    "gap_definitions",
    "gap_scale",
    "get",
    "mean_definition",
    "names",
    "net_definition",
    "points_between",
    "share_definition",
]


class _Required:
    """The default of an option that has none: the caller must give it."""

    def __repr__(self) -> str:
        return "REQUIRED"

    def __reduce__(self) -> str:
        return "REQUIRED"


#: The default of an option the caller must give (``threshold`` of ``threshold_share``).
REQUIRED: Any = _Required()


@attrs.frozen(repr=False)
class MetricOption:
    """One option of a metric: its name, default and check.

    Attributes
    ----------
    name : str
        The keyword, as calculators and specs spell it (``boxes``, ``threshold``...).
    default : object
        Its value when not given (:data:`REQUIRED` when it must be given).
    check : callable
        ``check(value, scale)`` returns the value when it is accepted on ``scale`` and raises
        an :class:`~satisfy.errors.OptionError` naming the option otherwise.
    description : str
    least_points : int
        The default fits scales of at least this many points (0: every scale); on smaller
        ones the option must be given: a default that counts the wrong points is never
        used silently (CSAT's top-2 box on a 3-point scale counts its middle point).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.METRICS["csat"].options
    (MetricOption(boxes=2),)
    >>> satisfy.METRICS["csat"].options[0].check(3, satisfy.scales.CSAT5)
    3
    """

    name: str
    default: Any
    check: Callable[[Any, Scale], Any]
    description: str = ""
    least_points: int = 0

    def __repr__(self) -> str:
        return f"MetricOption({self.name}={self.default!r})"


@attrs.frozen(repr=False)
class MetricEntry:
    """A metric in the registry.

    Attributes
    ----------
    name : str
        The registry name (``"nps"``, ``"csat"``...), the key of :data:`METRICS`.
    label : str
        The display label in reprs and tables (``"NPS"``, ``"top box"``...).
    kind : {"nps", "share", "mean"}
        The shape of the coefficients: +100/0/-100 (a net score), 100/0 (a share), the
        points' values (a mean). Interval and comparison methods follow from it.
    unit : str
        ``"points"`` (net scores, means in scale units), ``"%"`` or ``"POMP"``.
    default_scale : Scale
    options : tuple of MetricOption
    builder : callable
        ``builder(scale, **options)`` gives the :class:`Definition` for checked options.
    description : str

    Examples
    --------
    >>> import satisfy
    >>> entry = satisfy.METRICS["nps"]
    >>> entry.kind, entry.default_interval_method, entry.paired_methods
    ('nps', 'adjusted-wald', ('paired-wald',))
    >>> entry.definition(promoters=(9, 10)).categories[1]
    ('passives', (7, 8))
    """

    name: str
    label: str
    kind: Kind
    unit: str
    default_scale: Scale
    builder: Callable[..., Definition]
    options: tuple[MetricOption, ...] = ()
    description: str = ""

    @property
    def option_names(self) -> tuple[str, ...]:
        """The names of the options, in order."""
        return tuple(option.name for option in self.options)

    @property
    def defaults(self) -> dict[str, Any]:
        """Each option's default (:data:`REQUIRED` for one that must be given)."""
        return {option.name: option.default for option in self.options}

    @property
    def interval_methods(self) -> tuple[str, ...]:
        """Interval methods of one estimate, the default first."""
        return METHODS[self.kind]

    @property
    def default_interval_method(self) -> str:
        return DEFAULT_METHOD[self.kind]

    @property
    def two_sample_methods(self) -> tuple[str, ...]:
        """Methods comparing two independent estimates, the default first."""
        return TWO_SAMPLE_METHODS[self.kind]

    @property
    def target_methods(self) -> tuple[str, ...]:
        """Methods comparing an estimate with a target value, the default first."""
        return TARGET_METHODS[self.kind]

    @property
    def paired_methods(self) -> tuple[str, ...]:
        """Methods comparing the same customers' answers twice, the default first."""
        return PAIRED_METHODS[self.kind]

    def check_options(self, scale: Scale, options: Mapping[str, Any]) -> dict[str, Any]:
        """Every option, checked on ``scale`` (defaults filled in).

        Raises an :class:`~satisfy.errors.OptionError` naming an option the metric does not
        have, one that must be given and is not, or one whose value is not accepted."""
        unknown = [name for name in options if name not in self.option_names]
        if unknown:
            takes = ", ".join(self.option_names) or "no options"
            raise OptionError(
                unknown[0],
                options[unknown[0]],
                accepted=f"the metric {self.name!r} takes {takes}",
            )
        checked: dict[str, Any] = {}
        for option in self.options:
            value = options.get(option.name, option.default)
            if value is REQUIRED:
                raise SatisfyError(
                    f"the metric {self.name!r} needs {option.name}= ({option.description})"
                )
            if option.name not in options and scale.n_points < option.least_points:
                raise OptionError(
                    option.name,
                    value,
                    accepted=(
                        f"{self.label}'s default of {option.name}={value!r} does not fit "
                        f"{scale} ({option.description}); give {option.name}= for this scale"
                    ),
                )
            checked[option.name] = option.check(value, scale)
        return checked

    def definition(self, scale: Scale | str | None = None, **options: Any) -> Definition:
        """The metric's :class:`Definition` on ``scale`` (default: its default scale)."""
        resolved = self.default_scale if scale is None else as_scale(scale)
        return self.builder(resolved, **self.check_options(resolved, options))

    def __reduce__(self) -> Any:
        if METRICS.get(self.name) is self:  # a registered entry unpickles as itself
            return (get, (self.name,))
        return super().__reduce__()

    def __repr__(self) -> str:
        options = ", ".join(f"{o.name}={o.default!r}" for o in self.options)
        return (
            f"MetricEntry({self.name!r}: {self.label}, {self.kind} in {self.unit}, "
            f"default scale {self.default_scale.name or self.default_scale}"
            f"{', options ' + options if options else ''})"
        )


# --- checks of options ---------------------------------------------------------------


def points_between(scale: Scale, bounds: Any, what: str) -> tuple[int, ...]:
    """The point indices from ``bounds[0]`` to ``bounds[1]`` (inclusive), both points of
    the scale; anything else is an OptionError naming ``what``."""
    points = scale.points.tolist()
    example = f"({points[0]:g}, {points[max(len(points) // 2 - 1, 0)]:g})"
    if _is_zero_to_ten(scale):
        example = "(0, 6)"
    accepted = f"a pair (low, high) of points of {scale}, low <= high, such as {example}"
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


#: NPS's standard bands, defined on the 0-10 scale (Reichheld 2003).
_NPS_BANDS = {"detractors": (0, 6), "promoters": (9, 10)}


def _is_zero_to_ten(scale: Scale) -> bool:
    return bool(scale.points.tolist() == list(range(11)))


def _bands_error(scale: Scale, what: str = "detractors") -> OptionError:
    """NPS's standard bands on a scale they were not made for: why, and how to give bands."""
    return OptionError(
        what,
        _NPS_BANDS[what],
        accepted=(
            "NPS's standard bands (detractors 0-6, promoters 9-10) are points of the 0-10 "
            f"scale, and {scale} is not 0-10, so they would count the wrong answers; give "
            "both bands as points of this scale, e.g. detractors=(low, high), "
            f"promoters=(low, high) with points from {scale.low:g} to {scale.high:g} "
            "(--detractors and --promoters on the command line), or use the 0-10 scale"
        ),
    )


def _check_band(value: Any, scale: Scale, what: str) -> Any:
    standard = _NPS_BANDS[what]
    if _is_standard(value, standard) and not _is_zero_to_ten(scale):
        # the default band (or the standard one, given as such) on another scale: refused
        # here only when it does not fit; _nps refuses both standard bands on any other scale
        try:
            points_between(scale, value, what)
        except OptionError:
            raise _bands_error(scale, what) from None
    points_between(scale, value, what)
    return tuple(value)


def _is_standard(value: Any, standard: tuple[int, int]) -> bool:
    try:
        return bool(tuple(value) == standard)
    except TypeError:
        return False


def _check_detractors(value: Any, scale: Scale) -> Any:
    return _check_band(value, scale, "detractors")


def _check_promoters(value: Any, scale: Scale) -> Any:
    return _check_band(value, scale, "promoters")


def _check_boxes(value: Any, scale: Scale, *, most: int | None = None) -> int:
    """How many boxes count: a whole number from 1 to the scale's points less one."""
    most = scale.n_points - 1 if most is None else most
    accepted = f"a whole number of boxes from 1 to {most} for {scale}"
    number = check_number("boxes", value, accepted=accepted, integer=True)
    if not 1 <= number <= most:
        raise OptionError("boxes", value, accepted=accepted)
    return int(number)


def _check_threshold(value: Any, scale: Scale) -> float:
    accepted = f"a number from {scale.low:g} to {scale.high:g} (nothing outside {scale})"
    t = check_number("threshold", value, accepted=accepted)
    if not (scale.low <= t <= scale.high):
        raise OptionError("threshold", value, accepted=accepted)
    return t


def _check_inclusive(value: Any, scale: Scale) -> bool:
    return check_flag("inclusive", value)


# --- builders ----------------------------------------------------------------------------


def share_definition(
    label: str,
    scale: Scale,
    counted: Sequence[int],
    categories: tuple[str, str],
    detail: str,
    *,
    metric: str = "",
) -> Definition:
    """A share in percent: 100 for the ``counted`` point indices, 0 for the others."""
    k = scale.n_points
    inside = tuple(sorted(int(i) for i in counted))
    outside = tuple(i for i in range(k) if i not in set(inside))
    coef = np.zeros(k)
    coef[list(inside)] = 100.0
    return Definition(
        label,
        "share",
        scale,
        coef.tolist(),
        0.0,
        100.0,
        "%",
        ((categories[0], inside), (categories[1], outside)),
        detail,
        metric=metric,
    )


def mean_definition(
    label: str, scale: Scale, detail: str, *, pomp: bool = False, metric: str = ""
) -> Definition:
    """A mean of the points' values (or their POMP scores), with categories either side of
    the scale's midpoint named from the customer's side."""
    points = scale.points
    coef = scale.pomp(points) if pomp else points
    low, high = (0.0, 100.0) if pomp else (scale.low, scale.high)
    mid = (scale.low + scale.high) / 2
    better = points > mid if scale.higher_is_better else points < mid
    worse = points < mid if scale.higher_is_better else points > mid
    neutral = ~(better | worse)
    cats = tuple(
        (label_, tuple(np.flatnonzero(mask).tolist()))
        for label_, mask in (("favourable", better), ("neutral", neutral), ("unfavourable", worse))
    )
    unit = "POMP" if pomp else "points"
    return Definition(
        label,
        "mean",
        scale,
        np.asarray(coef).tolist(),
        low,
        high,
        unit,
        cats,
        detail,
        metric=metric,
    )


def net_definition(
    label: str,
    scale: Scale,
    negative: Sequence[int],
    positive: Sequence[int],
    categories: tuple[str, str, str],
    detail: str,
    *,
    metric: str = "",
) -> Definition:
    """A net score in points (-100..100): +100 for the ``positive`` point indices, -100 for
    the ``negative`` ones, 0 between. Categories are (negative, neutral, positive)."""
    neg = tuple(sorted(int(i) for i in negative))
    pos = tuple(sorted(int(i) for i in positive))
    if set(neg) & set(pos):
        raise SatisfyError(f"{label}: the {categories[0]} and {categories[2]} points overlap")
    mid = tuple(i for i in range(scale.n_points) if i not in set(neg) | set(pos))
    coef = np.zeros(scale.n_points)
    coef[list(neg)] = -100.0
    coef[list(pos)] = 100.0
    return Definition(
        label,
        "nps",
        scale,
        coef.tolist(),
        -100.0,
        100.0,
        "points",
        ((categories[0], neg), (categories[1], mid), (categories[2], pos)),
        detail,
        metric=metric,
    )


def boxes_at(scale: Scale, boxes: int, *, best: bool) -> tuple[int, ...]:
    """The indices of the ``boxes`` best (or worst) points of ``scale``."""
    low_end = best != scale.higher_is_better  # the counted boxes are the lowest points
    return tuple(range(boxes)) if low_end else tuple(range(scale.n_points - boxes, scale.n_points))


def _nps(scale: Scale, *, detractors: Any, promoters: Any) -> Definition:
    standard = _is_standard(detractors, _NPS_BANDS["detractors"]) and _is_standard(
        promoters, _NPS_BANDS["promoters"]
    )
    if standard and not _is_zero_to_ten(scale):  # they fit (0-20, 0-15...) but mean nothing
        raise _bands_error(scale)
    det = points_between(scale, detractors, "detractors")
    pro = points_between(scale, promoters, "promoters")
    if set(det) & set(pro):
        raise SatisfyError(f"detractors {detractors} and promoters {promoters} overlap")
    detail = ""
    if (tuple(detractors), tuple(promoters)) != ((0, 6), (9, 10)):
        (d_lo, d_hi), (p_lo, p_hi) = detractors, promoters
        detail = f"detractors {d_lo:g}-{d_hi:g}, promoters {p_lo:g}-{p_hi:g}"
    return net_definition(
        "NPS", scale, det, pro, ("detractors", "passives", "promoters"), detail, metric="nps"
    )


def _boxes_definition(
    scale: Scale,
    *,
    boxes: int,
    metric: str,
    label: str,
    best: bool,
    categories: tuple[str, str],
) -> Definition:
    detail = f"{'top' if best else 'bottom'} {boxes} of {scale}"
    counted = boxes_at(scale, boxes, best=best)
    named = (categories[0].format(boxes=boxes), categories[1].format(boxes=boxes))
    return share_definition(label, scale, counted, named, detail, metric=metric)


def _check_net_boxes(value: Any, scale: Scale) -> int:
    """Boxes at each end of a net score: at most half the points, so the ends never meet."""
    return _check_boxes(value, scale, most=scale.n_points // 2)


def _net_satisfaction(scale: Scale, *, boxes: int) -> Definition:
    return net_definition(
        "net satisfaction",
        scale,
        boxes_at(scale, boxes, best=False),
        boxes_at(scale, boxes, best=True),
        ("dissatisfied", "neutral", "satisfied"),
        f"top {boxes} minus bottom {boxes} of {scale}",
        metric="net_satisfaction",
    )


def _threshold_share(scale: Scale, *, threshold: float, inclusive: bool) -> Definition:
    points = scale.points
    if scale.higher_is_better:
        counted = points >= threshold if inclusive else points > threshold
        word = ">=" if inclusive else ">"
    else:
        counted = points <= threshold if inclusive else points < threshold
        word = "<=" if inclusive else "<"
    return share_definition(
        "threshold share",
        scale,
        np.flatnonzero(counted).tolist(),
        ("reached", "not reached"),
        f"{word} {threshold:g} on {scale}",
        metric="threshold_share",
    )


def _mean_of(scale: Scale, *, metric: str, label: str, pomp: bool = False) -> Definition:
    detail = f"{'POMP' if pomp else 'mean'} of {scale}"
    return mean_definition(label, scale, detail, pomp=pomp, metric=metric)


def gap_scale(scale: Scale | str) -> Scale:
    """The scale of ``perceived - expected`` answers given on ``scale`` (see
    :func:`satisfy.expectations.gap_scale`)."""
    s = as_scale(scale)
    width = s.high - s.low
    return Scale(
        -width,
        width,
        step=s.step,
        name=f"gap on {s.name or 'scale'}",
        higher_is_better=s.higher_is_better,
    )


def gap_definitions(scale: Scale, dimension: str) -> tuple[Definition, Definition]:
    """The mean gap and the share of expectations met, as definitions over the points of
    the gap scale of answers on ``scale`` (see :func:`satisfy.gap`)."""
    gs = gap_scale(scale)
    zero = gs.n_points // 2
    good = range(zero, gs.n_points) if scale.higher_is_better else range(zero + 1)
    detail = f"{dimension}, perceived minus expected on {scale}"
    return (
        mean_definition("mean gap", gs, detail, metric="gap_mean"),
        share_definition(
            "expectations met",
            gs,
            list(good),
            ("met or exceeded", "not met"),
            detail,
            metric="expectations_met",
        ),
    )


def _boxes_option(default: int, *, least_points: int = 0) -> MetricOption:
    """``boxes=``; with ``least_points``, the default fits scales of that many points or more."""
    description = "how many boxes count"
    if least_points:
        description += f"; the default is meant for scales of {least_points} or more points"
    return MetricOption("boxes", default, _check_boxes, description, least_points)


def _boxes(metric: str, label: str, *, best: bool, categories: tuple[str, str]) -> Any:
    return partial(_boxes_definition, metric=metric, label=label, best=best, categories=categories)


def _mean(metric: str, label: str, *, pomp: bool = False) -> Any:
    return partial(_mean_of, metric=metric, label=label, pomp=pomp)


_ENTRIES: list[MetricEntry] = [
    MetricEntry(
        "nps",
        "NPS",
        "nps",
        "points",
        NPS,
        _nps,
        (
            MetricOption("detractors", (0, 6), _check_detractors, "points, inclusive"),
            MetricOption("promoters", (9, 10), _check_promoters, "points, inclusive"),
        ),
        "Net Promoter Score: percent promoters minus percent detractors (Reichheld 2003)",
    ),
    MetricEntry(
        "csat",
        "CSAT",
        "share",
        "%",
        CSAT5,
        _boxes("csat", "CSAT", best=True, categories=("satisfied", "other")),
        (_boxes_option(2, least_points=4),),
        "customer satisfaction: the share of answers in the top boxes",
    ),
    MetricEntry(
        "top_box",
        "top box",
        "share",
        "%",
        CSAT5,
        _boxes("top_box", "top box", best=True, categories=("top {boxes}", "other")),
        (_boxes_option(1),),
        "the share of answers in the best points",
    ),
    MetricEntry(
        "bottom_box",
        "bottom box",
        "share",
        "%",
        CSAT5,
        _boxes("bottom_box", "bottom box", best=False, categories=("bottom {boxes}", "other")),
        (_boxes_option(1),),
        "the share of answers in the worst points",
    ),
    MetricEntry(
        "net_satisfaction",
        "net satisfaction",
        "nps",
        "points",
        CSAT5,
        _net_satisfaction,
        (MetricOption("boxes", 2, _check_net_boxes, "how many boxes count at each end"),),
        "percent in the top boxes minus percent in the bottom boxes (-100..100), a net "
        "score like NPS: its interval is the trinomial difference's (Rocks 2016)",
    ),
    MetricEntry(
        "threshold_share",
        "threshold share",
        "share",
        "%",
        CSAT5,
        _threshold_share,
        (
            MetricOption("threshold", REQUIRED, _check_threshold, "the satisfaction level"),
            MetricOption("inclusive", True, _check_inclusive, "whether the level counts"),
        ),
        "the share of answers reaching a satisfaction level",
    ),
    MetricEntry(
        "ces",
        "CES",
        "mean",
        "points",
        CES7,
        _mean("ces", "CES"),
        (),
        "Customer Effort Score: the mean answer (Dixon, Freeman and Toman 2010)",
    ),
    MetricEntry(
        "mean_score",
        "mean",
        "mean",
        "points",
        CSAT5,
        _mean("mean_score", "mean"),
        (),
        "the mean answer in scale units",
    ),
    MetricEntry(
        "pomp_mean",
        "POMP mean",
        "mean",
        "POMP",
        CSAT5,
        _mean("pomp_mean", "POMP mean", pomp=True),
        (),
        "the mean POMP score (percent of maximum possible, 0-100)",
    ),
]


class MetricRegistry(Mapping[str, MetricEntry]):
    """The registered metrics, by registry name: a read-only mapping of :class:`MetricEntry`.

    Examples
    --------
    >>> import satisfy
    >>> list(satisfy.METRICS)[:4]
    ['nps', 'csat', 'top_box', 'bottom_box']
    >>> satisfy.METRICS["top_box"].defaults
    {'boxes': 1}
    """

    __slots__ = ("_entries",)

    def __init__(self, entries: Sequence[MetricEntry]) -> None:
        self._entries = {entry.name: entry for entry in entries}

    def __getitem__(self, name: str) -> MetricEntry:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"MetricRegistry({', '.join(self._entries)})"

    def __reduce__(self) -> str:
        return "METRICS"


#: The registered metrics by registry name (read-only).
METRICS: MetricRegistry = MetricRegistry(_ENTRIES)

#: Other spellings accepted where a metric is named (the CLI's and planning's words); a
#: hyphen may stand for an underscore in any name (``top-box``).
ALIASES: Mapping[str, str] = types.MappingProxyType(
    {"threshold": "threshold_share", "mean": "mean_score", "pomp": "pomp_mean", "share": "csat"}
)


def _key(text: str) -> str:
    """A metric's spelling folded: case, spaces and hyphens do not matter."""
    return "_".join(text.strip().lower().replace("-", " ").split())


#: Each folded spelling of a metric (registry name, alias, display label) and its name.
_SPELLINGS: Mapping[str, str] = types.MappingProxyType(
    {
        **{_key(entry.label): name for name, entry in METRICS.items()},
        **{_key(alias): name for alias, name in ALIASES.items()},
        **{name: name for name in METRICS},
    }
)


def get(metric: object, *, what: str = "metric") -> MetricEntry:
    """The registry entry of ``metric``: a registry name, an alias, a name with hyphens or
    spaces for underscores, or the display label results carry (``"NPS"``, ``"top box"``,
    ``"net satisfaction"``), in any case. So the ``metric`` of any result names its metric
    wherever a metric is taken. Anything else is an OptionError listing the registry's names
    (for a calculator passed as a metric, it names the metric to give instead).

    Examples
    --------
    >>> from satisfy._registry import get
    >>> get("top box").name, get("Net-Satisfaction").name, get("POMP mean").name
    ('top_box', 'net_satisfaction', 'pomp_mean')
    """
    if isinstance(metric, str):
        key = _SPELLINGS.get(_key(metric))
        if key is not None:
            return METRICS[key]
        raise OptionError(what, metric, tuple(METRICS))
    name = getattr(metric, "__name__", None)
    if callable(metric) and isinstance(name, str) and name in METRICS:
        raise OptionError(
            what,
            metric,
            accepted=f"a metric is named by its registry name: use {what}={name!r}",
        )
    raise OptionError(what, metric, accepted=f"a metric's name, one of {', '.join(METRICS)}")


def names() -> tuple[str, ...]:
    """Every spelling accepted for a metric: registry names, their hyphenated forms and the
    aliases (for command-line choices)."""
    spelled = list(METRICS)
    spelled += [n.replace("_", "-") for n in METRICS if "_" in n]
    spelled += [a for a in ALIASES if a not in spelled]
    return tuple(spelled)
