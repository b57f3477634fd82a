"""The same data through every engine gives the array API's tallies and numbers."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import numpy as np
import pandas as pd
import pytest

import satisfy
from satisfy import GroupedTally, scales

N = 600


def make_data(seed: int = 1) -> dict[str, list]:
    rng = np.random.default_rng(seed)
    ltr = rng.integers(0, 11, N).astype(float)
    ltr[rng.random(N) < 0.05] = np.nan
    sat_points = rng.integers(1, 6, N)
    labels = np.array(list(scales.CSAT5.labels), dtype=object)
    sat = np.where(rng.random(N) < 0.3, labels[sat_points - 1], sat_points.astype(str))
    start = dt.datetime(2025, 1, 1)
    seen = rng.integers(1, 8, N).astype(float)
    wanted = np.clip(seen + rng.integers(-2, 3, N), 1, 7)
    seen[rng.random(N) < 0.04] = np.nan
    wanted[rng.random(N) < 0.04] = np.nan
    return {
        "seen": [None if np.isnan(v) else int(v) for v in seen],
        "wanted": [None if np.isnan(v) else int(v) for v in wanted],
        "ltr": [None if np.isnan(v) else int(v) for v in ltr],
        "sat": [str(v) for v in sat],
        "channel": rng.choice(["chat", "email", "phone"], N).tolist(),
        "team": rng.choice(["a", "b"], N).tolist(),
        "w": np.round(rng.uniform(0.5, 2.0, N), 3).tolist(),
        "when": [start + dt.timedelta(days=int(d), hours=3) for d in rng.integers(0, 365, N)],
    }


DATA = make_data()


def direct(column: str, scale, by: list[str], weights: bool = False) -> GroupedTally:
    keys = {name: np.array(DATA[name], dtype=object) for name in by}
    values = np.array(DATA[column], dtype=object)
    return GroupedTally.from_scores(
        values, by=keys, scale=scale, weights=np.array(DATA["w"]) if weights else None
    )


def as_pandas(native):

    return nw.from_native(native).to_pandas()


@pytest.mark.parametrize("weights", [False, True])
def test_tallies_equal_the_array_api(constructor, weights):
    frame = constructor(DATA)
    got = satisfy.tally_frame(
        frame, "ltr", scale="NPS", by=["channel", "team"], weights="w" if weights else None
    )
    want = direct("ltr", scales.NPS, ["channel", "team"], weights)
    assert got.groups == want.groups
    assert got.names == ("channel", "team")
    np.testing.assert_array_equal(got.counts, want.counts)
    np.testing.assert_array_equal(got.missing, want.missing)
    np.testing.assert_allclose(got.weight_sums, want.weight_sums, rtol=1e-12)
    np.testing.assert_allclose(got.weight_sq_sums, want.weight_sq_sums, rtol=1e-12)


def test_summarize_equals_the_array_api(constructor):
    frame = constructor(DATA)
    specs = [
        satisfy.NPS("ltr"),
        satisfy.CSAT("sat", boxes=2),
        satisfy.Threshold("sat", threshold=4),
    ]
    out = as_pandas(satisfy.summarize(frame, specs, by="channel", min_n=190))
    assert list(out.columns) == [
        "channel",
        "metric",
        "value",
        "low",
        "high",
        "n",
        "n_eff",
        "missing",
        "invalid",
        "non_answers",
        "low_base",
    ]
    for spec, calc in zip(specs, [satisfy.nps, satisfy.csat, satisfy.threshold_share]):
        rows = out[out["metric"] == spec.label].sort_values("channel")
        keys = np.array(DATA["channel"], dtype=object)
        options = (
            {"boxes": 2}
            if calc is satisfy.csat
            else {"threshold": 4}
            if calc is satisfy.threshold_share
            else {}
        )
        expected = calc(
            np.array(DATA[spec.column], dtype=object), by=keys, scale=spec.scale, **options
        )
        ci = expected.confidence_interval()
        np.testing.assert_allclose(rows["value"], expected.value, rtol=0, atol=1e-12)
        np.testing.assert_allclose(rows["low"], ci.low, rtol=0, atol=1e-12)
        np.testing.assert_allclose(rows["high"], ci.high, rtol=0, atol=1e-12)
        assert rows["n"].tolist() == expected.n.tolist()
        assert rows["low_base"].tolist() == (expected.n < 190).tolist()


def test_periods_equal_python_calendar_grouping(constructor):
    frame = constructor(DATA)
    got = satisfy.tally_frame(frame, "ltr", scale="NPS", period="quarter", time="when")
    quarters = np.array(
        [dt.date(t.year, 3 * ((t.month - 1) // 3) + 1, 1) for t in DATA["when"]], dtype=object
    )
    want = GroupedTally.from_scores(
        np.array(DATA["ltr"], dtype=object), by={"period": quarters}, scale="NPS"
    )
    assert got.groups == want.groups
    np.testing.assert_array_equal(got.counts, want.counts)
    weeks = satisfy.tally_frame(frame, "ltr", scale="NPS", period="week", time="when")
    assert all(key.weekday() == 0 for key in weeks.groups)
    assert weeks.n.sum() == want.n.sum()


def test_trend_with_trailing_windows(constructor):
    frame = constructor(DATA)
    out = as_pandas(satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month", window=3))
    assert len(out) == 12
    months = np.array([dt.date(t.year, t.month, 1) for t in DATA["when"]], dtype=object)
    ltr = np.array(DATA["ltr"], dtype=object)
    for _, row in out.iterrows():
        end = row["period"]
        end = end.date() if hasattr(end, "date") else end
        first = dt.date(end.year - (end.month <= 2), (end.month - 3) % 12 + 1, 1)
        mask = (months >= first) & (months <= end)
        assert row["value"] == pytest.approx(satisfy.nps(ltr[mask]).value, abs=1e-12)
    assert np.isnan(out["change"].iloc[0])
    assert (out["pvalue_adjusted"].dropna() >= out["pvalue"].dropna()).all()


def test_invalid_answers_are_counted_in_the_engine(constructor):
    data = {"ltr": [9, 11, 11, 3, 12], "g": ["a", "a", "b", "b", "b"]}
    with pytest.raises(satisfy.InvalidScoreError) as info:
        satisfy.summarize(constructor(data), satisfy.NPS("ltr"), by="g")
    text = str(info.value)
    assert text.startswith("column 'ltr': 3 answers not on the scale NPS")
    if info.value.positions:  # an in-memory frame: the array API names the rows
        assert info.value.positions == [1, 2, 4]
        assert info.value.values == [11, 11, 12]
    else:  # a lazy engine: counted in the engine, reported per distinct value
        assert "11 (2 rows)" in text
        assert "12 (1 row)" in text
        assert info.value.values == [11, 12]


def test_errors_for_columns_and_weights(constructor):
    data = {"ltr": [9, 10, 3], "w": [1.0, -1.0, 1.0]}
    with pytest.raises(satisfy.ColumnError, match="no column 'nope'"):
        satisfy.summarize(constructor(data), satisfy.NPS("nope"))
    with pytest.raises(satisfy.WeightError, match="column 'w'"):
        satisfy.summarize(constructor(data), satisfy.NPS("ltr"), weights="w")


@pytest.mark.parametrize("engine", ["duckdb", "pyspark", "polars-lazy"])
def test_one_row_per_group_comes_back_for_every_spec(engine, build_on, collected):
    frame = build_on(engine, DATA)
    specs = [satisfy.NPS("ltr"), satisfy.CSAT("sat"), satisfy.Threshold("sat", threshold=4)]
    satisfy.summarize(frame, specs, by="channel", weights="w")
    # the distinct labels of the text column "sat", then one aggregate: a row per channel
    assert collected == [len(set(DATA["sat"])), 3]


def test_expectation_gaps_in_the_engine_equal_the_array_api(constructor):
    frame = constructor(DATA)
    specs = [
        satisfy.ExpectationGap("seen", "wanted", scale="LIKERT7"),
        satisfy.ExpectationsMet("seen", "wanted", scale="LIKERT7"),
    ]
    out = as_pandas(satisfy.summarize(frame, specs, by="channel", weights="w"))
    seen = np.array([np.nan if v is None else v for v in DATA["seen"]], dtype=float)
    wanted = np.array([np.nan if v is None else v for v in DATA["wanted"]], dtype=float)
    want = satisfy.gap(
        seen, wanted, scale="LIKERT7", by=np.array(DATA["channel"]), weights=np.array(DATA["w"])
    )
    for spec, estimate in zip(specs, [want.mean, want.met]):
        rows = out[out["metric"] == spec.label].sort_values("channel")
        ci = estimate.confidence_interval()
        np.testing.assert_allclose(rows["value"], estimate.value, rtol=0, atol=1e-12)
        np.testing.assert_allclose(rows["low"], ci.low, rtol=0, atol=1e-12)
        assert rows["n"].tolist() == estimate.n.tolist()
        assert rows["missing"].sum() == want.missing


def test_gap_columns_are_validated_in_the_engine(constructor):
    bad = dict(DATA, seen=[9, *DATA["seen"][1:]])
    with pytest.raises(satisfy.InvalidScoreError, match="'seen'"):
        satisfy.summarize(
            constructor(bad), satisfy.ExpectationGap("seen", "wanted", scale="LIKERT7")
        )
    with pytest.raises(satisfy.SatisfyError, match="not numbers"):
        satisfy.summarize(constructor(DATA), satisfy.ExpectationGap("sat", "wanted", scale="CSAT5"))


def _floats(column: str) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in DATA[column]], dtype=float)


def test_index_and_alpha_from_engine_moments_equal_the_array_api(constructor):
    spec = satisfy.Index(
        {"s": "seen", "w": "wanted"}, scale="LIKERT7", item_weights={"s": 2, "w": 1}
    )
    out = as_pandas(satisfy.summarize(constructor(DATA), spec, by="channel", period="quarter",
                                      time="when"))  # fmt: skip
    channel, when = np.array(DATA["channel"]), DATA["when"]
    quarter = np.array([dt.date(t.year, 3 * ((t.month - 1) // 3) + 1, 1) for t in when])
    for (ch, q), rows in out.groupby(["channel", "period"]):
        part = (channel == ch) & (quarter == pd.Timestamp(q).date())
        items = {"s": _floats("seen")[part], "w": _floats("wanted")[part]}
        want = satisfy.index(items, item_weights={"s": 2, "w": 1}, scale="LIKERT7")
        got = rows.set_index("metric")
        low, high = want.confidence_interval()
        assert got.loc[spec.label, "value"] == pytest.approx(want.value, abs=1e-9)
        assert (got.loc[spec.label, "low"], got.loc[spec.label, "high"]) == pytest.approx(
            (low, high), abs=1e-9
        )
        assert got.loc[spec.label, "n"] == want.n
        assert got.loc[spec.label, "missing"] == want.missing
        alpha = want.reliability
        assert got.loc[f"alpha({spec.label})", "value"] == pytest.approx(alpha.alpha, abs=1e-9)
        assert got.loc[f"alpha({spec.label})", "low"] == pytest.approx(alpha.low, abs=1e-9)


def test_drivers_from_engine_moments_equal_the_array_api(constructor):
    spec = satisfy.Drivers("ltr", ["seen", "wanted"], scale="LIKERT7", outcome_scale="NPS")
    out = as_pandas(satisfy.summarize(constructor(DATA), spec, by="team"))
    team = np.array(DATA["team"])
    for key, rows in out.groupby("team"):
        part = team == key
        want = satisfy.drivers(
            _floats("ltr")[part],
            {"seen": _floats("seen")[part], "wanted": _floats("wanted")[part]},
            scale="LIKERT7",
        )
        got = rows.set_index("metric")
        for i, item in enumerate(want.items):
            r = got.loc[f"r({item}, ltr)"]
            assert r["value"] == pytest.approx(want.correlation[i], abs=1e-9)
            assert (r["low"], r["high"]) == pytest.approx((want.low[i], want.high[i]), abs=1e-9)
            share = got.loc[f"weight({item}, ltr)", "value"]
            assert share == pytest.approx(want.share[i], abs=1e-7)
            assert r["n"] == want.n


def test_index_and_drivers_refuse_labels_and_weights(constructor):
    frame = constructor(DATA)
    with pytest.raises(satisfy.SatisfyError, match="not numbers"):
        satisfy.summarize(frame, satisfy.Index(["sat", "seen"], scale="LIKERT7"))
    with pytest.raises(satisfy.SatisfyError, match="weights"):
        satisfy.summarize(frame, satisfy.Drivers("ltr", ["seen"]), weights="w")


def test_a_scale_mapping_must_name_every_item(constructor):
    frame = constructor(DATA)
    for spec in (
        satisfy.Index(["seen", "wanted"], scale={"seen": "LIKERT7"}),
        satisfy.Drivers("ltr", ["seen", "wanted"], scale={"seen": "LIKERT7"}),
    ):
        with pytest.raises(satisfy.SatisfyError, match="no scale for item 'wanted'"):
            satisfy.summarize(frame, spec)
