"""trend with a survey design (cluster=, strata=, fpc=): the periods and segments are
domains of one design, each change's variance counts the covariance of consecutive periods
whose clusters answer in both, and every engine gives the array API's results (whose
changes equal R's svycontrast of svyby(covmat = TRUE):
tests/reference/test_domain_references.py)."""

from __future__ import annotations

import csv
import datetime as dt
import pathlib

import narwhals as nw
import numpy as np
import pandas as pd
import pytest

import satisfy
from satisfy.errors import DesignError

REFERENCE = pathlib.Path(__file__).parents[1] / "reference" / "data"


def as_pandas(native):
    return nw.from_native(native).to_pandas()


def sample(months: dict[int, int]) -> dict[str, list]:
    with open(REFERENCE / "design_sample.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "nps_score": [float(r["nps_score"]) for r in rows],
        "weight": [float(r["weight"]) for r in rows],
        "fpc": [float(r["fpc"]) for r in rows],
        "cluster": [int(r["cluster"]) for r in rows],
        "stratum": [r["stratum"] for r in rows],
        "channel": [r["channel"] for r in rows],
        "when": [dt.datetime(2026, months[int(r["month"])], 15) for r in rows],
    }


CONSECUTIVE = sample({1: 1, 2: 2, 3: 3})
GAP = sample({1: 1, 2: 2, 3: 4})  # March empty: April has no previous period
DESIGNS = {
    "D2": {"cluster": "cluster"},
    "D3": {"cluster": "cluster", "strata": "stratum", "fpc": "fpc"},
    "D4": {"strata": "stratum"},
}


def _array_api(data: dict[str, list], columns: dict[str, str], by: bool):
    frame = pd.DataFrame(data)
    month = [dt.date(t.year, t.month, 1) for t in data["when"]]
    keys = {"channel": data["channel"], "period": month} if by else month
    tally = satisfy.GroupedTally.from_scores(
        frame["nps_score"].to_numpy(),
        by=keys,
        scale="NPS",
        weights=frame["weight"].to_numpy(),
        **{name: frame[column].to_numpy() for name, column in columns.items()},
    )
    windows = satisfy.trailing(tally_without_design(tally), window=1, period="month")
    return tally, windows


def tally_without_design(tally: satisfy.GroupedTally) -> satisfy.GroupedTally:
    return satisfy.GroupedTally(
        tally.scale,
        tally.groups,
        tally.counts,
        tally.weight_sums,
        tally.weight_sq_sums,
        tally.missing,
        tally.names,
    )


@pytest.mark.parametrize("by", [False, True])
@pytest.mark.parametrize("data", [CONSECUTIVE, GAP], ids=["consecutive", "gap"])
@pytest.mark.parametrize("case", list(DESIGNS))
def test_trend_with_a_design_equals_the_array_api(constructor, case, data, by):
    columns = DESIGNS[case]
    out = as_pandas(
        satisfy.trend(
            constructor(data),
            satisfy.NPS("nps_score"),
            time="when",
            period="month",
            weights="weight",
            by="channel" if by else None,
            **columns,
        )
    )
    tally, windows = _array_api(data, columns, by)
    estimate = satisfy.nps(tally)
    changes = satisfy.period_changes(estimate, period="month")
    ci = estimate.confidence_interval()
    assert changes.se is not None and changes.method == "wald"
    row_of = {}
    for i, row in enumerate(out.itertuples(index=False)):
        period = pd.Timestamp(row.period).date()
        row_of[(row.channel, period) if by else period] = i
    assert len(out) == len(windows.groups)  # every period in the range, empty ones too
    for i, key in enumerate(tally.groups):
        row = out.iloc[row_of[key]]
        assert row["value"] == pytest.approx(estimate.value[i], rel=1e-12)
        assert row["low"] == pytest.approx(ci.low[i], rel=1e-9, abs=1e-9)
        assert row["high"] == pytest.approx(ci.high[i], rel=1e-9, abs=1e-9)
        assert row["design_effect"] == pytest.approx(estimate.design_effect[i], rel=1e-9)
        for column, expected in (
            ("change", changes.difference[i]),
            ("change_low", changes.low[i]),
            ("change_high", changes.high[i]),
            ("pvalue", changes.pvalue[i]),
            ("pvalue_adjusted", changes.pvalue_adjusted[i]),
        ):
            assert row[column] == pytest.approx(expected, rel=1e-9, abs=1e-12, nan_ok=True)
    if data is GAP:  # April's previous month, March, has no answers: no change
        april = [i for i, key in enumerate(tally.groups) if (key[-1] if by else key).month == 4]
        assert np.isnan(changes.difference[april]).all()
    else:  # every later month has its change
        assert np.isfinite(changes.difference).sum() == (6 if by else 2)


def test_trend_with_a_design_refuses_trailing_windows():
    with pytest.raises(DesignError, match="takes window=1"):
        satisfy.trend(
            pd.DataFrame(CONSECUTIVE),
            satisfy.NPS("nps_score"),
            time="when",
            window=3,
            cluster="cluster",
        )


def test_undated_answers_keep_the_design(constructor):
    """Answers without a time are the period None: a domain of the same design, whose
    interval is the design's (not the weights-only one)."""
    data = {name: list(values) for name, values in CONSECUTIVE.items()}
    for i in range(0, 40, 4):
        data["when"][i] = None
    out = as_pandas(
        satisfy.trend(
            constructor(data),
            satisfy.NPS("nps_score"),
            time="when",
            period="month",
            weights="weight",
            cluster="cluster",
            strata="stratum",
        )
    )
    undated = out[out["period"].isna()]
    assert len(undated) == 1
    keys = ["none" if t is None else t.month for t in data["when"]]
    grouped = satisfy.nps(
        data["nps_score"],
        by=keys,
        weights=data["weight"],
        cluster=data["cluster"],
        strata=data["stratum"],
    )
    i = grouped.groups.index("none") if "none" in grouped.groups else None
    assert i is not None
    ci = grouped.confidence_interval()
    row = undated.iloc[0]
    assert row["value"] == pytest.approx(grouped.value[i], rel=1e-12)
    assert row["low"] == pytest.approx(ci.low[i], rel=1e-9)
    assert row["high"] == pytest.approx(ci.high[i], rel=1e-9)
    assert row["design_effect"] == pytest.approx(grouped.design_effect[i], rel=1e-9)
