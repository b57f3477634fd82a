"""Plots render with Agg and draw what they claim: bars, lines, labels, one per segment."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import satisfy
from satisfy import plotting
from satisfy.datasets import load_demo


@pytest.fixture(scope="module")
def demo():
    return load_demo()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_nps_bars_one_bar_triplet_per_segment(demo, tmp_path):
    g = satisfy.nps(demo["ltr"], by=demo["channel"])
    ax = plotting.nps_bars(g)
    assert len(ax.patches) == 3 * len(g)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["chat", "email", "in person", "phone"]
    widths = [p.get_width() for p in ax.patches[:4]]
    assert all(w <= 0 for w in widths)  # detractors drawn left of zero
    assert -widths[1] == pytest.approx(g["email"].shares["detractors"])
    assert [t.get_text() for t in ax.texts][1] == f"NPS {g['email'].value:.0f}"
    ax.figure.savefig(tmp_path / "bars.png")
    assert (tmp_path / "bars.png").stat().st_size > 5_000


def test_distribution_bars_match_the_shares(demo):
    e = satisfy.nps(demo["ltr"])
    ax = plotting.distribution(e)
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx((e.tally.shares * 100).tolist())
    assert ax.get_xlabel() == "answer on NPS (0-10)"


def test_trend_line_band_and_marks(demo):
    email = demo[demo["channel"] == "email"]
    t = satisfy.trend(email, satisfy.NPS("ltr"), time="date", period="month")
    ax = plotting.trend_line(
        list(t["period"]),
        t["value"].tolist(),
        t["low"].tolist(),
        t["high"].tolist(),
        significant=t["significant"].tolist(),
        label="NPS",
        unit="points",
    )
    line, marks = ax.lines
    assert len(line.get_xdata()) == 24
    assert len(marks.get_xdata()) == int(t["significant"].sum()) >= 1
    assert ax.get_ylabel() == "NPS (points)"
    assert len(ax.collections) == 1  # the interval band


def test_forest_plot_rows_and_colours(demo):
    g = satisfy.csat(
        demo["csat"].where(~demo["csat"].isin(["6", "meh", "4.5"])), by=demo["channel"]
    )
    comparisons = {f"{k} - phone": satisfy.compare(g[k], g["phone"]) for k in ("chat", "email")}
    ax = plotting.forest(comparisons)
    ticks = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert ticks["chat - phone"] > ticks["email - phone"]  # first comparison on top
    assert len(ax.lines) == 2 * 2 + 1
    assert ax.get_xlabel() == "difference (percentage points)"


def test_report_axes_for_segments():
    table = pd.DataFrame(
        {
            "team": ["a", "b", "c"],
            "value": [1.0, 2.0, 3.0],
            "low": [0.5, 1.5, 2.5],
            "high": [1.5, 2.5, 3.5],
        }
    )
    ax = plotting.report_axes(table, label="CES", by=["team"], period=None)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]


def test_forest_of_a_table_colours_by_adjusted_p_values():
    # a - b: p = 0.037 unadjusted, 0.11 after Bonferroni over three pairs.
    table = satisfy.compare_groups(
        satisfy.csat(
            [5] * 45 + [1] * 5 + [5] * 37 + [1] * 13 + [5] * 10 + [1] * 40,
            by=["a"] * 50 + ["b"] * 50 + ["c"] * 50,
        ),
        adjust="bonferroni",
    ).pairs
    raw, adjusted = table.pvalue < 0.05, table.significant()
    assert (raw & ~adjusted).any(), "the data should separate raw from adjusted"
    ax = plotting.forest(table)
    colours = [line.get_color() for line in ax.lines[0:-1:2]]  # interval lines, row order
    assert colours == [plotting.VERMILLION if s else plotting.BLUE for s in adjusted]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a - b", "a - c", "b - c"]


def test_outside_legend_stays_inside_the_saved_figure(demo, tmp_path):
    ax = plotting.nps_bars(satisfy.nps(demo["ltr"], by=demo["channel"]))
    fig = ax.figure
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert legend.y0 >= 0 and legend.x0 >= 0


def test_gap_bars_one_bar_per_dimension_signed(demo):
    dims = ("speed", "courtesy", "resolution", "quality")
    table = satisfy.gaps(
        {d: (demo[f"perceived_{d}"], demo[f"expected_{d}"]) for d in dims}, scale="LIKERT7"
    )
    ax = plotting.gap_bars(table)
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([table[d].mean.value for d in dims])
    assert [t.get_text() for t in ax.get_yticklabels()] == list(dims)
    negative = [p.get_facecolor() for p, w in zip(ax.patches, widths) if w < 0]
    assert all(matplotlib.colors.to_hex(c) == plotting.VERMILLION.lower() for c in negative)
    assert [t.get_text() for t in ax.texts] == [f"{table[d].met.value:.0f}% met" for d in dims]
    grouped = satisfy.gap([1, 2], [2, 2], scale="LIKERT7", by=["a", "b"])
    with pytest.raises(satisfy.SatisfyError, match="grouped"):
        plotting.gap_bars(grouped)


def test_importance_performance_points_and_quadrant(demo):
    items = {d: demo[f"perceived_{d}"] for d in ("speed", "courtesy", "resolution", "quality")}
    t = satisfy.drivers(demo["ltr"], items, scale="LIKERT7", outcome_scale="NPS")
    ax = plotting.importance_performance(t)
    offsets = ax.collections[0].get_offsets()
    assert offsets[:, 0].tolist() == pytest.approx(t.performance.tolist())
    assert offsets[:, 1].tolist() == pytest.approx(t.share.tolist())
    assert sorted(x.get_text() for x in ax.texts) == sorted(t.items)
    assert len(ax.lines) == 2  # the two average lines
    with pytest.raises(satisfy.SatisfyError, match="scale="):
        plotting.importance_performance(satisfy.drivers([1, 2, 3, 5], {"a": [1, 3, 2, 4]}))
