"""Answers without a time in trend: they belong to no period, and are shown as the period
None (as summarize shows them), never dropped silently. Before, trend left them out and
nothing said so (n = 2 of 3 answers)."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import numpy as np
import pytest

import satisfy


def as_pandas(native):
    return nw.from_native(native).to_pandas()


DATA = {
    "ltr": [9, 10, 3, 5, 0],
    "g": ["a", "a", "b", "a", "a"],
    "date": [
        dt.datetime(2026, 1, 5),
        dt.datetime(2026, 2, 7),
        None,
        dt.datetime(2026, 2, 1),
        None,
    ],
}


def test_trend_shows_undated_answers_as_the_period_none(constructor):
    out = as_pandas(
        satisfy.trend(constructor(DATA), satisfy.NPS("ltr"), time="date", period="month", by="g")
    )
    assert int(out["n"].sum()) == 5  # every answer is somewhere
    undated = out[out["period"].isna()].set_index("g")
    assert sorted(undated.index) == ["a", "b"]
    assert undated.loc["a", "n"] == 1
    assert undated.loc["a", "value"] == pytest.approx(-100.0)
    assert undated.loc["b", "n"] == 1
    assert np.isnan(undated["change"].astype(float)).all()
    assert not undated["significant"].any()
    summary = as_pandas(
        satisfy.summarize(
            constructor(DATA), satisfy.NPS("ltr"), time="date", period="month", by="g"
        )
    )
    plain = summary[summary["period"].isna()].set_index("g")
    for column in ("value", "low", "high", "n"):
        assert undated[column].astype(float).tolist() == pytest.approx(
            plain.loc[undated.index, column].astype(float).tolist()
        )


def test_trend_without_segments_keeps_undated_answers(constructor):
    out = as_pandas(
        satisfy.trend(constructor(DATA), satisfy.NPS("ltr"), time="date", period="month")
    )
    assert out["n"].tolist() == [1, 2, 2]
    assert out["period"].isna().tolist() == [False, False, True]
    assert out["value"].tolist()[-1] == pytest.approx(-100.0)  # 3 and 0: two detractors
