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
    assert ax.get_xlabel() == "answer (NPS (0-10))"


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
    assert ax.get_xlabel() == "difference (%)"


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
