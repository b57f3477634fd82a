"""Pictures of satisfaction metrics (matplotlib: the ``plot`` extra).

Every function draws on ``ax`` (a new figure when omitted) and returns the Axes. Colours
come from the Okabe-Ito palette, which stays distinguishable with the common forms of
colour blindness.

References
----------
Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .comparisons import Comparison, ComparisonTable
from .errors import SatisfyError
from .estimate import Estimate, GroupedEstimate
from .expectations import Gap, GapTable
from .importance import DriverTable

__all__ = [
    "distribution",
    "forest",
    "gap_bars",
    "importance_performance",
    "nps_bars",
    "report_axes",
    "trend_line",
]

#: Okabe-Ito colours
VERMILLION = "#D55E00"
GREY = "#999999"
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
PURPLE = "#CC79A7"


def _axes(ax: Any, size: tuple[float, float] = (7.0, 4.0)) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # constrained layout keeps legends placed outside the axes inside the saved figure
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def nps_bars(estimates: GroupedEstimate | Mapping[Any, Estimate], *, ax: Any = None) -> Any:
    """A net score's split per segment as diverging stacked bars: the negative category
    (NPS's detractors) left of zero, the neutral and positive ones (passives and promoters)
    to the right, with the score written at the end of each bar.

    Works for any net score (NPS, net satisfaction): the categories are read from each
    estimate's definition. An estimate that is not a net score is a SatisfyError.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import satisfy
    >>> from satisfy import plotting
    >>> g = satisfy.nps([10, 9, 3, 8, 10, 6, 7, 9], by=list("aaabbbcc"))
    >>> ax = plotting.nps_bars(g)
    >>> len(ax.patches), ax.get_xlabel()
    (9, 'share of answers (%)')
    >>> ax = plotting.nps_bars(satisfy.calculate([5, 4, 1, 3], "net_satisfaction", by=list("aabb")))
    >>> ax.get_title()
    'Dissatisfied, neutral and satisfied'
    """
    items = _items(estimates)
    for key, e in items:
        if e.definition.kind != "nps":
            raise SatisfyError(
                f"nps_bars draws a net score (NPS, net satisfaction); the estimate of {key!r} "
                f"is {e.metric}, not a net score"
            )
    # a net score's categories are (negative, neutral, positive)
    cats = [[name for name, _ in e.definition.categories] for _, e in items]
    negative, neutral, positive = cats[0] if cats else ("detractors", "passives", "promoters")
    ax = _axes(ax, (7.0, 0.6 * len(items) + 1.5))
    labels = [str(k) for k, _ in items]
    y = np.arange(len(items))
    det = np.array([e.shares[c[0]] for (_, e), c in zip(items, cats)])
    pas = np.array([e.shares[c[1]] for (_, e), c in zip(items, cats)])
    pro = np.array([e.shares[c[2]] for (_, e), c in zip(items, cats)])
    ax.barh(y, -det, color=VERMILLION, label=negative)
    ax.barh(y, pas, color=GREY, label=neutral)
    ax.barh(y, pro, left=pas, color=BLUE, label=positive)
    for yi, (_, e), end in zip(y, items, pas + pro):
        ax.annotate(
            f"{e.metric} {e.value:.0f}",
            (end, yi),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    ax.axvline(0, color="black", linewidth=0.8)
    # room on the right for the "NPS 25" labels, which would otherwise cross the frame
    ax.set_xlim(right=float(np.max(pas + pro, initial=0.0)) * 1.15 + 2)
    ax.set_yticks(y, labels)
    ax.set_xlabel("share of answers (%)")
    ax.set_title(f"{negative.capitalize()}, {neutral} and {positive}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=8, frameon=False)
    return ax


def _items(estimates: GroupedEstimate | Mapping[Any, Estimate]) -> list[tuple[Any, Estimate]]:
    return list(estimates.items())


def distribution(estimate: Estimate, *, ax: Any = None) -> Any:
    """Weighted share of answers at each point of the scale.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import satisfy
    >>> from satisfy import plotting
    >>> ax = plotting.distribution(satisfy.csat([5, 4, 4, 3, 1]))
    >>> len(ax.patches), ax.get_ylabel()
    (5, 'share of answers (%)')
    """
    ax = _axes(ax)
    tally = estimate.tally
    scale = tally.scale
    shares = tally.shares * 100
    labels = [f"{p:g}" for p in scale.points]
    x = np.arange(len(labels))  # positions, not category strings: "0.5" stays a label
    ax.bar(x, shares, color=BLUE)
    ax.set_xticks(x, labels)
    ax.set_xlabel(f"answer on {scale}")
    ax.set_ylabel("share of answers (%)")
    digits = 2 if estimate.definition.kind == "mean" else 1
    ax.set_title(f"{estimate.metric} {estimate.value:.{digits}f} {estimate.unit}, n={estimate.n}")
    return ax


def trend_line(
    periods: Sequence[Any],
    values: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    *,
    significant: Sequence[bool] | None = None,
    label: str = "",
    unit: str = "",
    color: str = BLUE,
    ax: Any = None,
) -> Any:
    """A metric per period with its interval band; significant changes are marked.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from satisfy import plotting
    >>> ax = plotting.trend_line([1, 2, 3], [10, 12, 30], [5, 7, 24], [15, 17, 36],
    ...                          significant=[False, False, True], label="NPS")
    >>> len(ax.lines), len(ax.collections)
    (2, 1)
    """
    ax = _axes(ax)
    x = list(periods)
    ax.fill_between(x, low, high, color=color, alpha=0.18, linewidth=0)
    ax.plot(x, values, color=color, marker="o", markersize=3, label=label or "value")
    if significant is not None:
        marks = [i for i, s in enumerate(significant) if s]
        seen = "significant change" in ax.get_legend_handles_labels()[1]
        ax.plot(
            [x[i] for i in marks],
            [values[i] for i in marks],
            linestyle="none",
            marker="D",
            color=VERMILLION,
            markersize=7,
            label="_nolegend_" if seen else "significant change",
        )
    ax.set_xlabel("period")
    ax.set_ylabel(f"{label} ({unit})" if unit else label)
    ax.set_title(f"{label} per period, with its confidence band")
    ax.legend(fontsize=8, frameon=False)
    return ax


def forest(
    comparisons: Mapping[str, Comparison] | ComparisonTable,
    *,
    alpha: float = 0.05,
    ax: Any = None,
) -> Any:
    """A forest plot: each comparison's difference with its interval, and the zero line.

    Parameters
    ----------
    comparisons : mapping of name to Comparison, or ComparisonTable
        A table (``compare_groups(...).pairs`` or ``.versus_rest``) is drawn row by row,
        labelled ``a - b``, and marked significant by its *adjusted* p-values.
    alpha : float
        Comparisons significant at this level are drawn in vermillion.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import satisfy
    >>> from satisfy import plotting
    >>> c = satisfy.compare(satisfy.csat([5, 5, 4, 2]), satisfy.csat([5, 1, 2, 2]))
    >>> ax = plotting.forest({"a - b": c})
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a - b']
    >>> table = satisfy.compare_groups(satisfy.csat([5, 4, 1, 2, 5, 5], by=list("aabbcc"))).pairs
    >>> [t.get_text() for t in plotting.forest(table).get_yticklabels()]
    ['a - b', 'a - c', 'b - c']
    """
    if isinstance(comparisons, ComparisonTable):
        t = comparisons
        names = [f"{a} - {b}" for a, b in zip(t.a, t.b)]
        rows = list(zip(t.difference.tolist(), t.low.tolist(), t.high.tolist()))
        flags = t.significant(alpha).tolist()
        unit = ""
    else:
        items = list(comparisons.items())
        names = [name for name, _ in items]
        rows = [(c.difference, c.low, c.high) for _, c in items]
        flags = [c.significant(alpha) for _, c in items]
        unit = items[0][1].unit if items else ""
    ax = _axes(ax, (7.0, 0.4 * len(rows) + 1.5))
    y = np.arange(len(rows))[::-1]
    for yi, (diff, low, high), flag in zip(y, rows, flags):
        colour = VERMILLION if flag else BLUE
        ax.plot([low, high], [yi, yi], color=colour, linewidth=2)
        ax.plot([diff], [yi], marker="o", color=colour)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, names)
    ax.set_xlabel(f"difference ({unit})" if unit else "difference")
    ax.set_title("Differences with their confidence intervals")
    return ax


def report_axes(table: Any, *, label: str, by: Sequence[str], period: str | None) -> Any:
    """The picture of a ``summarize`` or ``trend`` table (used by ``satisfy report --plot``):
    points with interval bars per segment, or a trend line per segment.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from satisfy import plotting
    >>> table = pd.DataFrame({"channel": ["a", "b"], "value": [10.0, 20.0],
    ...                       "low": [5.0, 15.0], "high": [15.0, 25.0]})
    >>> ax = plotting.report_axes(table, label="NPS(ltr)", by=["channel"], period=None)
    >>> ax.get_xlabel()
    'NPS(ltr)'
    """
    import pandas as pd

    frame = pd.DataFrame(table)
    if period is not None:
        ax = _axes(None, (8.0, 4.5))
        groups = frame.groupby(list(by)) if by else [((), frame)]
        # vermillion is kept for the significance marks
        palette = [BLUE, ORANGE, GREEN, SKY, PURPLE, GREY]
        for i, (key, part) in enumerate(groups):
            part = part.dropna(subset=["value"])
            name = " / ".join(map(str, key)) if by else label
            trend_line(
                list(part["period"]),
                part["value"].tolist(),
                part["low"].tolist(),
                part["high"].tolist(),
                significant=part["significant"].tolist() if "significant" in part else None,
                label=name,
                color=palette[i % len(palette)],
                ax=ax,
            )
        ax.set_ylabel(label)
        ax.set_title(f"{label} per {period}, with confidence bands")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        return ax
    names = [" / ".join(str(row[c]) for c in by) if by else label for _, row in frame.iterrows()]
    ax = _axes(None, (7.0, 0.5 * len(frame) + 1.5))
    y = np.arange(len(frame))[::-1]
    ax.errorbar(
        frame["value"],
        y,
        xerr=[frame["value"] - frame["low"], frame["high"] - frame["value"]],
        fmt="o",
        color=BLUE,
        ecolor=SKY,
        capsize=3,
    )
    ax.set_yticks(y, names)
    ax.set_xlabel(label)
    ax.set_title(f"{label} with confidence intervals")
    return ax


def gap_bars(gaps: GapTable | Mapping[str, Gap] | Gap, *, ax: Any = None) -> Any:
    """Mean expectation gap per dimension with its interval: below zero, expectations
    were not met on average. The share met is written beside each bar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import satisfy
    >>> from satisfy import plotting
    >>> t = satisfy.gaps({"speed": ([5, 6, 2], [4, 6, 5]), "courtesy": ([6, 6, 7], [5, 6, 5])},
    ...                  scale="LIKERT7")
    >>> ax = plotting.gap_bars(t)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (2, ['speed', 'courtesy'])
    """
    items = [(gaps.dimension, gaps)] if isinstance(gaps, Gap) else list(gaps.items())
    for name, g in items:
        if isinstance(g.mean, GroupedEstimate):
            raise SatisfyError(f"gap {name!r} is grouped: draw one group's gaps at a time")
    ax = _axes(ax, (7.0, 0.5 * len(items) + 1.5))
    y = np.arange(len(items))[::-1]
    values = np.array([g.mean.value for _, g in items])
    cis = [g.mean.confidence_interval() for _, g in items]
    low = values - np.array([c.low for c in cis])
    high = np.array([c.high for c in cis]) - values
    colours = [VERMILLION if v < 0 else BLUE for v in values]
    ax.barh(y, values, color=colours, xerr=[low, high], ecolor="black", capsize=3)
    ax.axvline(0, color="black", linewidth=0.8)
    span = float(np.max(np.abs(values) + np.maximum(low, high), initial=0.5))
    ax.set_xlim(-span * 1.6, span * 1.6)
    for yi, (_, g) in zip(y, items):
        ax.annotate(
            f"{g.met.value:.0f}% met",
            (span * 1.55, yi),
            ha="right",
            va="center",
            fontsize=8,
            color=GREY,
        )
    ax.set_yticks(y, [name for name, _ in items])
    ax.set_xlabel("perceived minus expected (scale points)")
    ax.set_title("Expectation gaps, with 95% intervals")
    return ax


def importance_performance(table: DriverTable, *, ax: Any = None) -> Any:
    """Importance (share of R^2) against performance (POMP mean) per item, with lines at
    their averages: items top-left matter most and perform worst, the ones to fix first.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import satisfy
    >>> from satisfy import plotting
    >>> t = satisfy.drivers([9, 7, 10, 3, 8, 6], {"speed": [6, 5, 7, 2, 5, 4],
    ...                                           "price": [4, 5, 6, 4, 3, 5]}, scale="LIKERT7")
    >>> ax = plotting.importance_performance(t)
    >>> ax.get_xlabel(), [t.get_text() for t in ax.texts]
    ('performance (POMP mean, 0-100)', ['speed', 'price'])
    """
    if np.isnan(table.performance).any():
        raise SatisfyError("performance is unknown: run drivers() with scale= for the items")
    ax = _axes(ax, (6.5, 5.0))
    x, y = table.performance, table.share
    fix = (y >= y.mean()) & (x < x.mean())
    ax.scatter(x, y, c=[VERMILLION if f else BLUE for f in fix], s=40, zorder=3)
    for xi, yi, name in zip(x, y, table.items):
        ax.annotate(name, (xi, yi), xytext=(5, 4), textcoords="offset points", fontsize=9)
    ax.margins(x=0.15, y=0.1)  # room for the item names beside the points
    ax.axvline(float(x.mean()), color=GREY, linewidth=0.8, linestyle="--")
    ax.axhline(float(y.mean()), color=GREY, linewidth=0.8, linestyle="--")
    ax.set_xlabel("performance (POMP mean, 0-100)")
    ax.set_ylabel("importance (% of R\N{SUPERSCRIPT TWO})")
    ax.set_title("Key drivers: importance and performance")
    return ax
