"""Metric specs: a column and a metric, for :func:`satisfy.summarize` and :func:`satisfy.trend`.

Examples
--------
>>> import satisfy
>>> satisfy.NPS("ltr")
NPS('ltr')
>>> satisfy.CSAT("sat", boxes=1).label
'CSAT(sat)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from ._definition import Definition
from ._registry import METRICS, gap_definitions, gap_scale, get
from .errors import ColumnError, OptionError, SatisfyError
from .estimate import Estimate, GroupedEstimate
from .metrics import calculate
from .scales import Scale, as_scale
from .tally import GroupedTally, Tally

__all__ = [
    "CES",
    "CSAT",
    "NPS",
    "POMP",
    "BottomBox",
    "Drivers",
    "ExpectationGap",
    "ExpectationsMet",
    "Index",
    "Mean",
    "Metric",
    "MetricSpec",
    "Threshold",
    "TopBox",
]


class _Fitting:
    """The default of an option whose usual value fits some scales only: the spec puts
    that value in when it fits its scale, and refuses to guess otherwise."""

    def __repr__(self) -> str:
        return "<the usual value, where it fits the scale>"


_FITTING: Any = _Fitting()


def _scale(value: Scale | str) -> Scale:
    return as_scale(value)


def _column_name(instance: Any, attribute: Any, value: Any) -> None:
    """A column is named by a string (dataframes' labels are strings in every engine)."""
    if not isinstance(value, str):
        raise ColumnError(
            f"{type(instance).__name__} {attribute.name} must be a column name (str), "
            f"got {value!r} ({type(value).__name__})"
        )


@attrs.frozen(repr=False)
class MetricSpec:
    """Base of the metric specs: a column, a scale, and the metric's options.

    A spec's metric is defined in the registry (:data:`satisfy.METRICS`): :meth:`definition`
    gives its coefficients over the scale's points, and :meth:`estimate` its value of a tally.
    Bad options are refused when the spec is made, by the registry's checks.

    Attributes
    ----------
    column : str
        The column holding the answers.
    scale : Scale
    name : str
        The label in output tables (default ``"NPS(ltr)"`` and the like).

    Examples
    --------
    >>> import satisfy
    >>> spec = satisfy.NPS("ltr")
    >>> spec.estimate(satisfy.Tally.from_scores([10, 9, 3], scale="NPS")).value
    33.33333333333333
    """

    column: str = attrs.field(validator=_column_name)
    scale: Scale = attrs.field(converter=_scale)
    name: str = attrs.field(default="", kw_only=True)

    #: the registry name of a named spec's metric
    _registered: ClassVar[str] = ""

    @property
    def label(self) -> str:
        """The label of this metric in output tables."""
        return self.name or f"{type(self).__name__}({self.column})"

    def _metric_name(self) -> str:
        return self._registered

    def _options(self) -> dict[str, Any]:
        return {}

    def definition(self) -> Definition:
        """The metric on this spec's (tallied) scale, from the registry."""
        return get(self._metric_name()).definition(self.scale, **self._options())

    def estimate(self, tally: Tally | GroupedTally) -> Estimate | GroupedEstimate:
        """The metric of a tally or grouped tally (an Estimate or GroupedEstimate)."""
        return calculate(tally, self.definition())

    def tallied_scale(self) -> Scale:
        """The scale of the tallied column: the answers' scale (gap specs tally the gaps
        between two answers, on the gap scale)."""
        return self.scale

    def __attrs_post_init__(self) -> None:
        self.definition()  # the registry refuses bad options now, not later in an engine

    def __repr__(self) -> str:
        options = "".join(f", {k}={v!r}" for k, v in self._options().items())
        return f"{type(self).__name__}({self.column!r}{options})"


@attrs.frozen(repr=False, init=False)
class Metric(MetricSpec):
    """Any registered metric of a column, by its registry name.

    Parameters
    ----------
    column : str
        The column holding the answers.
    metric : str
        A registry name (a key of :data:`satisfy.METRICS`).
    scale : Scale or str, optional
        The answers' scale (default: the metric's).
    name : str
        The label in output tables (default: the metric's label and the column, such as
        ``"top box(sat)"``).
    **options
        The metric's options (``boxes=``, ``threshold=``...), checked when the spec is made.

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> spec = satisfy.Metric("sat", "top_box", boxes=2)
    >>> spec
    Metric('sat', 'top_box', boxes=2)
    >>> df = pd.DataFrame({"sat": [5, 4, 4, 3, 1]})
    >>> satisfy.summarize(df, spec)[["metric", "value", "n"]]
               metric  value  n
    0  top box(sat)   60.0  5
    """

    metric: str = attrs.field(kw_only=True)
    options: tuple[tuple[str, Any], ...] = attrs.field(kw_only=True)

    def __init__(
        self,
        column: str,
        metric: str,
        *,
        scale: Scale | str | None = None,
        name: str = "",
        **options: Any,
    ) -> None:
        entry = get(metric)
        resolved = entry.default_scale if scale is None else as_scale(scale)
        checked = entry.check_options(resolved, options)
        self.__attrs_init__(
            column,
            resolved,
            name=name,
            metric=entry.name,
            options=tuple((k, checked[k]) for k in options),
        )

    @property
    def label(self) -> str:
        """The label of this metric in output tables."""
        return self.name or f"{METRICS[self.metric].label}({self.column})"

    def _metric_name(self) -> str:
        return self.metric

    def _options(self) -> dict[str, Any]:
        return dict(self.options)

    def __repr__(self) -> str:
        options = "".join(f", {k}={v!r}" for k, v in self.options)
        scale = (
            "" if self.scale == METRICS[self.metric].default_scale else f", scale={self.scale!s}"
        )
        return f"Metric({self.column!r}, {self.metric!r}{scale}{options})"


@attrs.frozen(repr=False)
class NPS(MetricSpec):
    """Net Promoter Score of a 0-10 column (see :func:`satisfy.nps`).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.NPS("ltr", detractors=(0, 5), promoters=(9, 10))
    NPS('ltr', detractors=(0, 5), promoters=(9, 10))
    """

    scale: Scale = attrs.field(default=METRICS["nps"].default_scale, converter=_scale)
    detractors: tuple[float, float] = attrs.field(default=(0, 6), kw_only=True)
    promoters: tuple[float, float] = attrs.field(default=(9, 10), kw_only=True)

    _registered: ClassVar[str] = "nps"

    def _options(self) -> dict[str, Any]:
        if (self.detractors, self.promoters) == ((0, 6), (9, 10)):
            return {}
        return {"detractors": self.detractors, "promoters": self.promoters}


@attrs.frozen(repr=False)
class CSAT(MetricSpec):
    """Top-box CSAT of a column (see :func:`satisfy.csat`).

    The default, 2 boxes, is the usual top-2 box of a scale with 4 or more points; on a
    2- or 3-point scale it would count the middle (or every other) point as satisfied, so
    there ``boxes=`` must be given.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.CSAT("sat", boxes=1)
    CSAT('sat', boxes=1)
    >>> satisfy.CSAT("sat", scale=satisfy.Scale(1, 3))
    Traceback (most recent call last):
    ...
    satisfy.errors.OptionError: boxes=2 is not accepted; CSAT's default of 2 top boxes...
    """

    scale: Scale = attrs.field(default=METRICS["csat"].default_scale, converter=_scale)
    boxes: int = attrs.field(default=_FITTING, kw_only=True)  # 2, where it fits

    _registered: ClassVar[str] = "csat"

    def __attrs_post_init__(self) -> None:
        if self.boxes is _FITTING:
            if self.scale.n_points < 4:
                raise OptionError(
                    "boxes",
                    2,
                    accepted=f"CSAT's default of 2 top boxes is for scales of 4 or more "
                    f"points; on {self.scale} ({self.scale.n_points} points) it would count "
                    "the middle point as satisfied: give boxes= (e.g. boxes=1)",
                )
            object.__setattr__(self, "boxes", 2)
        MetricSpec.__attrs_post_init__(self)

    def _options(self) -> dict[str, Any]:
        return {"boxes": self.boxes}


@attrs.frozen(repr=False)
class TopBox(MetricSpec):
    """Share in the ``boxes`` best points (see :func:`satisfy.top_box`).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.TopBox("stars", scale="STARS5", boxes=1).scale.name
    'STARS5'
    """

    scale: Scale = attrs.field(default=METRICS["top_box"].default_scale, converter=_scale)
    boxes: int = attrs.field(default=1, kw_only=True)

    _registered: ClassVar[str] = "top_box"

    def _options(self) -> dict[str, Any]:
        return {"boxes": self.boxes}


@attrs.frozen(repr=False)
class BottomBox(MetricSpec):
    """Share in the ``boxes`` worst points (see :func:`satisfy.bottom_box`).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.BottomBox("sat", boxes=2)
    BottomBox('sat', boxes=2)
    """

    scale: Scale = attrs.field(default=METRICS["bottom_box"].default_scale, converter=_scale)
    boxes: int = attrs.field(default=1, kw_only=True)

    _registered: ClassVar[str] = "bottom_box"

    def _options(self) -> dict[str, Any]:
        return {"boxes": self.boxes}


@attrs.frozen(repr=False)
class Threshold(MetricSpec):
    """Share reaching a satisfaction level (see :func:`satisfy.threshold_share`).

    ``threshold`` defaults to 4 on a 1-5 scale only (4 and 5 reached); on any other scale
    it must be given, since a level means nothing without its scale.

    Examples
    --------
    >>> import satisfy
    >>> satisfy.Threshold("sat", threshold=4)
    Threshold('sat', threshold=4, inclusive=True)
    >>> satisfy.Threshold("ltr", scale="NPS")
    Traceback (most recent call last):
    ...
    satisfy.errors.OptionError: threshold=4 is not accepted; the default level 4 is for...
    """

    threshold: float = attrs.field(default=_FITTING, kw_only=True)  # 4, on 1-5 scales
    scale: Scale = attrs.field(default=METRICS["threshold_share"].default_scale, converter=_scale)
    inclusive: bool = attrs.field(default=True, kw_only=True)

    _registered: ClassVar[str] = "threshold_share"

    def __attrs_post_init__(self) -> None:
        if self.threshold is _FITTING:
            if self.scale.points.tolist() != [1.0, 2.0, 3.0, 4.0, 5.0]:
                raise OptionError(
                    "threshold",
                    4,
                    accepted=f"the default level 4 is for 1-5 scales; on {self.scale} give "
                    f"threshold= (a point from {self.scale.low:g} to {self.scale.high:g})",
                )
            object.__setattr__(self, "threshold", 4)
        MetricSpec.__attrs_post_init__(self)

    def _options(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "inclusive": self.inclusive}


@attrs.frozen(repr=False)
class CES(MetricSpec):
    """Customer Effort Score, the mean of a column (see :func:`satisfy.ces`).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.CES("effort").scale.name
    'CES7'
    """

    scale: Scale = attrs.field(default=METRICS["ces"].default_scale, converter=_scale)

    _registered: ClassVar[str] = "ces"


@attrs.frozen(repr=False)
class Mean(MetricSpec):
    """Mean score of a column on a scale (see :func:`satisfy.mean_score`).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.Mean("rating", scale="ACSI10", name="quality").label
    'quality'
    """

    scale: Scale = attrs.field(default=METRICS["mean_score"].default_scale, converter=_scale)

    _registered: ClassVar[str] = "mean_score"


@attrs.frozen(repr=False)
class POMP(MetricSpec):
    """Mean POMP score (0-100) of a column (see :func:`satisfy.pomp_mean`).

    Examples
    --------
    >>> import satisfy
    >>> satisfy.POMP("effort", scale="CES5").label
    'POMP(effort)'
    """

    scale: Scale = attrs.field(default=METRICS["pomp_mean"].default_scale, converter=_scale)

    _registered: ClassVar[str] = "pomp_mean"


@attrs.frozen(repr=False)
class ExpectationGap(MetricSpec):
    """Mean expectation gap of two columns, perceived minus expected (see :func:`satisfy.gap`).

    In a dataframe the gap of each row is computed inside the engine and tallied on the
    gap scale (:func:`satisfy.expectations.gap_scale`); both columns must hold numbers on
    ``scale``. Rows missing either answer count as missing.

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"seen": [5, 6, 4, 7], "wanted": [4, 6, 5, 5]})
    >>> spec = satisfy.ExpectationGap("seen", "wanted", scale="LIKERT7")
    >>> satisfy.summarize(df, spec)[["metric", "value", "n"]]
                  metric  value  n
    0  Gap(seen - wanted)    0.5  4
    """

    expected: str = attrs.field(validator=_column_name)
    scale: Scale = attrs.field(converter=_scale)

    @property
    def label(self) -> str:
        """The label of this metric in output tables."""
        return self.name or f"Gap({self.column} - {self.expected})"

    def tallied_scale(self) -> Scale:
        return gap_scale(self.scale)

    def definition(self) -> Definition:
        """The mean gap, over the points of the gap scale."""
        return gap_definitions(self.scale, self.label)[0]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.column!r}, {self.expected!r}, scale={self.scale!s})"


@attrs.frozen(repr=False)
class ExpectationsMet(ExpectationGap):
    """Share of rows whose perceived rating meets or exceeds the expected one, in percent.

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"seen": [5, 6, 4, 7], "wanted": [4, 6, 5, 5]})
    >>> satisfy.summarize(df, satisfy.ExpectationsMet("seen", "wanted", scale="LIKERT7"))[
    ...     ["metric", "value"]]
                   metric  value
    0  Met(seen >= wanted)   75.0
    """

    @property
    def label(self) -> str:
        """The label of this metric in output tables."""
        comparison = ">=" if self.scale.higher_is_better else "<="
        return self.name or f"Met({self.column} {comparison} {self.expected})"

    def definition(self) -> Definition:
        """The share met, over the points of the gap scale."""
        return gap_definitions(self.scale, self.label)[1]


def _item_columns(value: Any) -> dict[str, str]:
    """Item name -> column: a mapping as given, or a sequence of columns named by themselves.

    Names and columns are strings, and no column serves two items."""
    if isinstance(value, str):
        raise SatisfyError("give the item columns as a list or a mapping of name to column")
    pairs = list(value.items()) if isinstance(value, Mapping) else [(c, c) for c in value]
    for name, column in pairs:
        if not isinstance(name, str) or not isinstance(column, str):
            shown = column if isinstance(name, str) else name
            raise ColumnError(
                f"item names and columns must be strings, got {shown!r} ({type(shown).__name__})"
            )
    items = dict(pairs)
    if not items:
        raise SatisfyError("at least one item column is needed")
    columns = [column for _, column in pairs]
    twice = [c for i, c in enumerate(columns) if c in columns[:i]]
    if twice:
        raise ColumnError(f"column {twice[0]!r} is given for two items; give each column once")
    return items


def _scale_or_mapping(value: Any) -> Scale | dict[str, Scale]:
    if isinstance(value, dict):
        return {str(k): as_scale(v) for k, v in value.items()}
    return as_scale(value)


@attrs.frozen(repr=False)
class Index:
    """A composite 0-100 index of several columns, for :func:`satisfy.summarize` (see
    :func:`satisfy.index`).

    Each group's index, its t interval and Cronbach's alpha (a second row) come from the
    means and covariances of the items over the rows with every item answered, summed
    inside the engine. Item columns must hold numbers.

    Attributes
    ----------
    items : dict of str to str
        Item name to column (a list of columns names the items by their columns).
    scale : Scale or dict of str to Scale
    item_weights : dict of str to float, optional
        Item weights (equal by default).
    name : str

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"q": [10, 8, 6, 9], "v": [7, 7, 5, 10], "e": [9, 6, 6, 8]})
    >>> out = satisfy.summarize(df, satisfy.Index(["q", "v", "e"], scale="ACSI10"))
    >>> out[["metric", "value", "n"]].round(2)
                      metric  value  n
    0         Index(q, v, e)  73.15  4
    1  alpha(Index(q, v, e))   0.85  4
    """

    items: dict[str, str] = attrs.field(converter=_item_columns)
    scale: Scale | dict[str, Scale] = attrs.field(converter=_scale_or_mapping)
    item_weights: dict[str, float] | None = attrs.field(default=None, kw_only=True)
    name: str = attrs.field(default="", kw_only=True)

    @property
    def label(self) -> str:
        """The label of the index rows in output tables."""
        return self.name or f"Index({', '.join(self.items)})"

    def __repr__(self) -> str:
        return f"Index({list(self.items.values())!r})"


@attrs.frozen(repr=False)
class Drivers:
    """Key drivers of an outcome column, for :func:`satisfy.summarize` (see
    :func:`satisfy.drivers`).

    Per group, one row per item with its correlation with the outcome (Fisher z interval),
    and one with its relative weight as a percentage of R^2, from the covariances of the
    rows with every answer present, summed inside the engine. Columns must hold numbers.

    Attributes
    ----------
    outcome : str
        The outcome column.
    items : dict of str to str
        Item name to column.
    scale : Scale or dict of str to Scale, optional
        The items' scale(s), to validate the answers.
    outcome_scale : Scale, optional
    name : str

    Examples
    --------
    >>> import pandas as pd
    >>> import satisfy
    >>> df = pd.DataFrame({"ltr": [9, 7, 10, 3, 8, 6], "speed": [6, 5, 7, 2, 5, 4],
    ...                    "price": [4, 5, 6, 4, 3, 5]})
    >>> out = satisfy.summarize(df, satisfy.Drivers("ltr", ["speed", "price"]))
    >>> out[["metric", "value"]].round(1)
                  metric  value
    0    r(speed, ltr)    1.0
    1  weight(speed, ltr)   95.6
    2    r(price, ltr)    0.2
    3  weight(price, ltr)    4.4
    """

    outcome: str = attrs.field(validator=_column_name)
    items: dict[str, str] = attrs.field(converter=_item_columns)
    scale: Scale | dict[str, Scale] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_scale_or_mapping)
    )
    outcome_scale: Scale | None = attrs.field(
        default=None, converter=attrs.converters.optional(as_scale), kw_only=True
    )
    name: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.outcome in self.items.values():
            raise ColumnError(
                f"the outcome column {self.outcome!r} is also an item; an item cannot drive itself"
            )

    @property
    def label(self) -> str:
        """The outcome's label in output tables."""
        return self.name or self.outcome

    def __repr__(self) -> str:
        return f"Drivers({self.outcome!r}, {list(self.items.values())!r})"
