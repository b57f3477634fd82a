"""The one-aggregation engine path: every engine gives the same tallies, or the same error.

Each test runs on every engine through the ``constructor`` fixture (pandas, polars eager and
lazy, pyarrow, DuckDB, Dask, PySpark). Expected values come from the array API
(``GroupedTally.from_scores``) on the same rows, or from Python's own calendar and
``zoneinfo`` for the periods, never from the frame code under test.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import narwhals as nw
import numpy as np
import pytest

import satisfy
from satisfy import GroupedTally
from satisfy import frames as frames_module

UTC = dt.timezone.utc

pytestmark = pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")


def _pandas(native):
    return nw.from_native(native).to_pandas()


# -- one aggregation for every spec ---------------------------------------------------------


def test_summarize_of_many_specs_is_one_aggregation(constructor, collected):
    rng = np.random.default_rng(7)
    n = 300
    data = {
        "ltr": rng.integers(0, 11, n).tolist(),
        "sat": rng.integers(1, 6, n).tolist(),
        "effort": rng.integers(1, 8, n).tolist(),
        "seg": rng.choice(["x", "y", "z", "w"], n).tolist(),
    }
    frame = constructor(data)
    lazy = isinstance(nw.from_native(frame), nw.LazyFrame)
    specs = [
        satisfy.NPS("ltr"),
        satisfy.CSAT("sat"),
        satisfy.Threshold("sat", threshold=4),
        satisfy.CES("effort"),
        satisfy.Mean("ltr", scale="NPS"),
    ]
    summary = satisfy.summarize(frame, specs, by="seg")
    calls = list(collected)
    out = _pandas(summary)
    # one aggregate at most (pandas groups in pandas: nothing to collect), returning one
    # row per segment whatever the number of specs; a lazy engine always collects it
    assert calls == [4] or (calls == [] and not lazy)
    seg = np.array(data["seg"])
    for spec in specs:
        want = GroupedTally.from_scores(
            np.array(data[spec.column]), by={"seg": seg}, scale=spec.scale
        )
        est = spec.estimate(want)
        rows = out[out["metric"] == spec.label].sort_values("seg")
        np.testing.assert_allclose(rows["value"], est.value, rtol=0, atol=1e-12)
        assert rows["n"].tolist() == want.n.tolist()


def test_text_labels_are_mapped_once_and_counted_in_the_engine(constructor):
    data = {
        "sat": ["Very satisfied", "4", "very  SATISFIED", " ", "Dissatisfied", "2", None],
        "g": ["a", "a", "b", "b", "b", "a", "a"],
    }
    got = satisfy.tally_frame(constructor(data), "sat", scale="CSAT5", by="g")
    want = GroupedTally.from_scores(
        np.array(data["sat"], dtype=object), by={"g": np.array(data["g"])}, scale="CSAT5"
    )
    assert got.groups == want.groups
    np.testing.assert_array_equal(got.counts, want.counts)
    np.testing.assert_array_equal(got.missing, want.missing)


def test_no_rows_give_an_empty_tally(constructor):
    data = {"ltr": [9, 10], "g": ["a", "b"], "when": [dt.datetime(2026, 1, 1)] * 2}
    empty = nw.from_native(constructor(data)).filter(nw.col("ltr") > 10).to_native()
    by_group = satisfy.tally_frame(empty, "ltr", scale="NPS", by="g")
    assert len(by_group) == 0 and by_group.names == ("g",)
    periods = satisfy.tally_frame(empty, "ltr", scale="NPS", period="month", time="when")
    assert len(periods) == 0 and periods.names == ("period",)
    whole = satisfy.tally_frame(empty, "ltr", scale="NPS")
    assert whole.groups == ((),) and whole.n.tolist() == [0]


def test_an_all_missing_time_column_gives_one_group_without_a_period(constructor):
    data = {"ltr": [9, 10, 3], "when": [dt.datetime(2026, 1, 1)] * 3}
    frame = nw.from_native(constructor(data))
    missing = frame.with_columns(nw.lit(None, dtype=nw.Datetime("us")).alias("when"))
    got = satisfy.tally_frame(missing.to_native(), "ltr", scale="NPS", period="month", time="when")
    assert got.groups == (None,)
    assert got.n.tolist() == [3]


# -- weights: one rule on every engine, checked inside the aggregation ------------------------

BAD_WEIGHTS = {
    "infinite": float("inf"),
    "minus infinite": float("-inf"),
    "huge": 1e300,
    "tiny": 1e-200,
    "negative": -1.0,
    "NaN": float("nan"),
    "missing": None,
}


@pytest.mark.parametrize("case", list(BAD_WEIGHTS))
def test_bad_weights_raise_the_same_error_on_every_engine(constructor, case):
    data = {"ltr": [9, 10, 3, 7], "w": [1.0, BAD_WEIGHTS[case], 1.0, 2.0]}
    with pytest.raises(satisfy.WeightError, match=r"column 'w': 1 row has a weight") as info:
        satisfy.summarize(constructor(data), satisfy.NPS("ltr"), weights="w")
    assert "[1e-100, 1e+100]" in str(info.value)


def test_weights_may_be_missing_where_the_answer_is_missing(constructor):
    data = {
        "ltr": [9, None, 3, 10, None],
        "w": [1.5, None, 0.5, 0.0, float("nan")],
        "g": ["a", "a", "b", "b", "b"],
    }
    got = satisfy.tally_frame(constructor(data), "ltr", scale="NPS", by="g", weights="w")
    want = GroupedTally.from_scores(
        np.array([9, 3, 10]), by={"g": np.array(["a", "b", "b"])}, scale="NPS",
        weights=np.array([1.5, 0.5, 0.0]),
    )  # fmt: skip
    np.testing.assert_array_equal(got.counts, want.counts)
    np.testing.assert_allclose(got.weight_sums, want.weight_sums)
    np.testing.assert_allclose(got.weight_sq_sums, want.weight_sq_sums)
    assert got.missing.tolist() == [1, 1]


def test_weights_at_the_bounds_are_accepted(constructor):
    data = {"ltr": [9, 10, 3], "w": [1e-100, 1e100, 1.0]}
    got = satisfy.tally_frame(constructor(data), "ltr", scale="NPS", weights="w")
    assert got.weight_sums[0, 10] == 1e100


def test_text_weights_are_refused(constructor):
    data = {"ltr": [9, 10], "w": ["1", "2"]}
    with pytest.raises(satisfy.WeightError, match="column 'w' holds"):
        satisfy.tally_frame(constructor(data), "ltr", scale="NPS", weights="w")


# -- time zones ----------------------------------------------------------------------------

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
INSTANTS = [
    dt.datetime(2025, 12, 31, 23, 30, tzinfo=UTC),  # 2026-01-01 00:30 in Copenhagen
    dt.datetime(2026, 1, 1, 0, 30, tzinfo=UTC),
    dt.datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # 2026-03-29 00:30 CET, the DST day
    dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 03:30 CEST, just after the change
    dt.datetime(2026, 3, 31, 22, 30, tzinfo=UTC),  # 2026-04-01 00:30 CEST
    dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 02:30 CEST, before the change back
    dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 02:30 CET, after it
    dt.datetime(2026, 10, 31, 23, 30, tzinfo=UTC),  # 2026-11-01 00:30 CET
]
LTR = [10, 9, 3, 10, 0, 8, 9, 2]


def _calendar(zone: dt.tzinfo, period: str) -> np.ndarray:
    days = [t.astimezone(zone).date() for t in INSTANTS]
    if period == "day":
        return np.array(days, dtype=object)
    if period == "month":
        return np.array([d.replace(day=1) for d in days], dtype=object)
    return np.array([dt.date(d.year, 1, 1) for d in days], dtype=object)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Copenhagen"])
@pytest.mark.parametrize("period", ["day", "month", "year"])
def test_periods_follow_the_time_zone_on_every_engine(constructor, zone, period):
    frame = constructor({"ltr": LTR, "when": INSTANTS})
    got = satisfy.tally_frame(frame, "ltr", scale="NPS", period=period, time="when", time_zone=zone)
    calendar = _calendar(UTC if zone == "UTC" else COPENHAGEN, period)
    want = GroupedTally.from_scores(np.array(LTR), by={"period": calendar}, scale="NPS")
    assert got.groups == want.groups
    np.testing.assert_array_equal(got.counts, want.counts)


def test_duckdb_periods_do_not_follow_its_session_zone(build_on):
    import duckdb

    frame = build_on("duckdb", {"ltr": LTR, "when": INSTANTS})
    zone = duckdb.sql("SELECT current_setting('TimeZone')").fetchall()[0][0]
    try:
        duckdb.execute("SET TimeZone = 'America/Los_Angeles'")
        got = satisfy.tally_frame(frame, "ltr", scale="NPS", period="year", time="when")
    finally:
        duckdb.execute(f"SET TimeZone = '{zone}'")
    assert got.groups == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert got.n.tolist() == [1, 7]


def test_naive_timestamps_are_taken_as_written(constructor):
    naive = [t.replace(tzinfo=None) for t in INSTANTS]
    frame = constructor({"ltr": LTR, "when": naive})
    if nw.from_native(frame).collect_schema()["when"].time_zone is not None:
        pytest.skip("this engine stores Python datetimes as instants (Spark's TimestampType)")
    got = satisfy.tally_frame(
        frame, "ltr", scale="NPS", period="year", time="when", time_zone="Europe/Copenhagen"
    )
    assert got.groups == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert got.n.tolist() == [1, 7]


def test_trend_and_summarize_take_the_time_zone(constructor):
    frame = constructor({"ltr": LTR, "when": INSTANTS})
    spec = satisfy.NPS("ltr")
    year = _pandas(satisfy.summarize(frame, spec, period="year", time="when",
                                     time_zone="Europe/Copenhagen"))  # fmt: skip
    assert year["n"].tolist() == [8]
    months = _pandas(satisfy.trend(frame, spec, period="month", time="when",
                                   time_zone="Europe/Copenhagen"))  # fmt: skip
    starts = [p.date() if hasattr(p, "date") else p for p in months["period"]]
    assert starts[0] == dt.date(2026, 1, 1)
    assert starts[-1] == dt.date(2026, 11, 1)


def test_an_unknown_time_zone_is_refused():
    import pandas as pd

    with pytest.raises(satisfy.OptionError, match="time_zone='Mars/Olympus'"):
        satisfy.tally_frame(
            pd.DataFrame({"ltr": [9], "when": [pd.Timestamp("2026-01-01")]}),
            "ltr", scale="NPS", period="month", time="when", time_zone="Mars/Olympus",
        )  # fmt: skip


def test_a_text_time_column_is_parsed_on_every_engine(constructor):
    # issue 13: ISO date strings crashed trend; they are parsed inside the engine now
    frame = constructor({"ltr": [9, 10], "when": ["2026-01-05", "2026-02-01"]})
    months = [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    out = nw.from_native(
        satisfy.summarize(frame, satisfy.NPS("ltr"), period="month", time="when")
    ).to_pandas()
    assert out["n"].tolist() == [1, 1]
    out = nw.from_native(
        satisfy.trend(frame, satisfy.NPS("ltr"), period="month", time="when")
    ).to_pandas()
    assert [p.date() if isinstance(p, dt.datetime) else p for p in out["period"]] == months
    g = satisfy.tally_frame(frame, "ltr", scale="NPS", period="month", time="when")
    assert list(g.groups) == months


def test_python_dates_in_a_pandas_object_column_are_a_column_error():
    import pandas as pd

    frame = pd.DataFrame({"ltr": [9, 10], "when": [dt.date(2026, 1, 5), dt.date(2026, 2, 1)]})
    message = r"time column 'when' holds Object, not dates, datetimes or text.*to-datetime"
    with pytest.raises(satisfy.ColumnError, match=message):
        satisfy.summarize(frame, satisfy.NPS("ltr"), period="month", time="when")


# -- invalid answers and missing ones --------------------------------------------------------


def test_invalid_answers_can_be_omitted_and_counted_as_missing(constructor):
    data = {"ltr": [9, 11, 11, 3, 12, None], "g": ["a", "a", "b", "b", "b", "b"]}
    got = satisfy.tally_frame(constructor(data), "ltr", scale="NPS", by="g", invalid_policy="omit")
    assert got.n.tolist() == [1, 1]
    assert got.missing.tolist() == [1, 3]
    out = _pandas(satisfy.summarize(constructor(data), satisfy.NPS("ltr"), invalid_policy="omit"))
    assert out["n"].tolist() == [2] and out["missing"].tolist() == [4]


def test_invalid_text_answers_are_listed_with_their_counts(constructor):
    data = {"sat": ["5", "meh", "meh", "Satisfied", "7"]}
    with pytest.raises(satisfy.InvalidScoreError) as info:
        satisfy.tally_frame(constructor(data), "sat", scale="CSAT5")
    text = str(info.value)
    assert text.startswith("column 'sat': 3 answers not on the scale CSAT5")
    if not info.value.positions:  # counted in the engine
        assert "'meh' (2 rows)" in text and "'7' (1 row)" in text


def test_an_unknown_invalid_policy_is_refused():
    import pandas as pd

    with pytest.raises(satisfy.OptionError, match="invalid_policy='drop'"):
        satisfy.tally_frame(pd.DataFrame({"x": [1]}), "x", scale="CSAT5", invalid_policy="drop")


def test_missing_answers_with_nan_policy_raise_give_a_clean_message(constructor):
    data = {"ltr": [9, None, 3, None], "sat": [5, 4, 3, 2]}
    with pytest.raises(satisfy.MissingScoreError) as info:
        satisfy.summarize(
            constructor(data), [satisfy.CSAT("sat"), satisfy.NPS("ltr")], nan_policy="raise"
        )
    text = str(info.value)
    assert "column 'ltr'" in text
    assert "0 answers" not in text and ": ." not in text
    if info.value.positions:  # an in-memory frame names the rows
        assert info.value.positions == [1, 3]
    else:
        assert text.startswith("column 'ltr': 2 answers missing")
        assert (info.value.column, info.value.count) == ("ltr", 2)


def test_gap_inputs_are_not_held_to_nan_policy(constructor):
    data = {"seen": [5, None, 4], "wanted": [4, 6, None]}
    spec = satisfy.ExpectationGap("seen", "wanted", scale="LIKERT7")
    out = _pandas(satisfy.summarize(constructor(data), spec))
    assert out["n"].tolist() == [1] and out["missing"].tolist() == [2]
    with pytest.raises(satisfy.MissingScoreError, match="seen - wanted"):
        satisfy.summarize(constructor(data), spec, nan_policy="raise")


# -- counting classes of points is exact for every interval method ---------------------------

METHOD_SPECS = [
    (satisfy.NPS("ltr"), ("adjusted-wald", "wald", "score", "bootstrap", "bayes")),
    (satisfy.CSAT("sat", boxes=2), ("wilson", "clopper-pearson", "jeffreys", "bootstrap")),
    (satisfy.Threshold("ltr", threshold=7, scale="NPS"), ("agresti-coull", "bootstrap-percentile")),
    (satisfy.CES("effort"), ("t", "bootstrap")),
]


@pytest.mark.parametrize("weighted", [False, True])
def test_counting_classes_of_points_changes_no_interval(constructor, weighted):
    rng = np.random.default_rng(11)
    n = 240
    data = {
        "ltr": rng.integers(0, 11, n).tolist(),
        "sat": rng.integers(1, 6, n).tolist(),
        "effort": rng.integers(1, 8, n).tolist(),
        "seg": rng.choice(["p", "q", "r"], n).tolist(),
        "w": np.round(rng.uniform(0.2, 3.0, n), 3).tolist(),
    }
    frame = constructor(data)
    seg = np.array(data["seg"])
    for spec, methods in METHOD_SPECS:
        full = GroupedTally.from_scores(
            np.array(data[spec.column]), by={"seg": seg}, scale=spec.scale,
            weights=np.array(data["w"]) if weighted else None,
        )  # fmt: skip
        estimate = spec.estimate(full)
        for method in methods:
            if weighted and method.startswith("bootstrap"):
                continue  # the bootstrap refuses weights
            out = _pandas(
                satisfy.summarize(
                    frame, spec, by="seg", method=method, weights="w" if weighted else None
                )
            )
            rows = out[out["metric"] == spec.label].sort_values("seg")
            ci = estimate.confidence_interval(method=method)
            np.testing.assert_allclose(rows["value"], estimate.value, rtol=0, atol=1e-9)
            np.testing.assert_allclose(rows["low"], ci.low, rtol=0, atol=1e-9)
            np.testing.assert_allclose(rows["high"], ci.high, rtol=0, atol=1e-9)
            np.testing.assert_allclose(rows["n_eff"], full.n_eff, rtol=1e-12)


def test_a_spec_of_the_callers_own_is_counted_point_by_point():
    class Spread(satisfy.Mean):
        """A caller's spec: its estimate might read every point, so nothing is merged."""

    scale = satisfy.scales.CSAT5
    assert frames_module._classes(scale, [Spread("sat")]) is None
    assert frames_module._classes(scale, [satisfy.CSAT("sat")]) == ((0, 1, 2), (3, 4))
    nps = frames_module._classes(satisfy.scales.NPS, [satisfy.NPS("ltr")])
    assert nps == (tuple(range(7)), (7, 8), (9, 10))


def test_trend_leaves_invalid_answers_out_when_asked(constructor):
    data = {
        "ltr": [9, 11, 3, 10, 42],
        "when": [dt.datetime(2026, 1, d) for d in (2, 3, 4, 5, 6)],
    }
    frame = constructor(data)
    with pytest.raises(satisfy.InvalidScoreError, match="column 'ltr'"):
        satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month")
    out = _pandas(
        satisfy.trend(frame, satisfy.NPS("ltr"), time="when", period="month", invalid_policy="omit")
    )
    assert out["n"].tolist() == [3]
    assert out["value"].tolist() == pytest.approx([100 / 3])


def test_whole_numbers_off_both_ends_are_left_out_exactly(constructor):
    rng = np.random.default_rng(5)
    n = 200
    ltr = rng.integers(-3, 14, n)  # off the 0-10 scale at both ends
    seg = rng.choice(["a", "b", "c"], n)
    frame = constructor({"ltr": ltr.tolist(), "seg": seg.tolist()})
    valid = (ltr >= 0) & (ltr <= 10)
    want = GroupedTally.from_scores(ltr[valid], by={"seg": seg[valid]}, scale="NPS")
    off = np.array([np.sum(~valid & (seg == key)) for key in want.groups])
    got = satisfy.tally_frame(frame, "ltr", scale="NPS", by="seg", invalid_policy="omit")
    np.testing.assert_array_equal(got.counts, want.counts)
    np.testing.assert_array_equal(got.missing, off)
    specs = [satisfy.NPS("ltr"), satisfy.Mean("ltr", scale="NPS")]
    out = _pandas(satisfy.summarize(frame, specs, by="seg", invalid_policy="omit"))
    for spec in specs:
        rows = out[out["metric"] == spec.label].sort_values("seg")
        np.testing.assert_allclose(rows["value"], spec.estimate(want).value, atol=1e-9)
        assert rows["missing"].tolist() == off.tolist()
    with pytest.raises(satisfy.InvalidScoreError) as info:
        satisfy.summarize(frame, specs, by="seg")
    if not info.value.positions:
        assert sorted(info.value.values) == [-3, -2, -1, 11, 12, 13]


# -- columns in zones narwhals types as Unknown ---------------------------------------------

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Instants around New York's year boundaries and its DST changes (2026-03-08, 2026-11-01),
# each near local midnight, where the calendar day in New York differs from the one in UTC.
NY_INSTANTS = [
    dt.datetime(2026, 1, 1, 4, 30, tzinfo=UTC),  # 2025-12-31 23:30 EST
    dt.datetime(2026, 1, 1, 5, 30, tzinfo=UTC),  # 2026-01-01 00:30 EST
    dt.datetime(2026, 3, 8, 4, 30, tzinfo=UTC),  # 2026-03-07 23:30 EST
    dt.datetime(2026, 3, 8, 5, 30, tzinfo=UTC),  # 2026-03-08 00:30 EST, the DST day
    dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC),  # 03:30 EDT, just after the change
    dt.datetime(2026, 3, 9, 3, 30, tzinfo=UTC),  # 2026-03-08 23:30 EDT
    dt.datetime(2026, 3, 9, 4, 30, tzinfo=UTC),  # 2026-03-09 00:30 EDT
    dt.datetime(2026, 11, 1, 3, 30, tzinfo=UTC),  # 2026-10-31 23:30 EDT
    dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # 01:30 EDT, before the change back
    dt.datetime(2026, 11, 1, 6, 30, tzinfo=UTC),  # 01:30 EST, after it
    dt.datetime(2026, 11, 2, 4, 30, tzinfo=UTC),  # 2026-11-01 23:30 EST
    dt.datetime(2027, 1, 1, 4, 30, tzinfo=UTC),  # 2026-12-31 23:30 EST
    dt.datetime(2027, 1, 1, 5, 30, tzinfo=UTC),  # 2027-01-01 00:30 EST
]
NY_LTR = [10, 9, 3, 10, 0, 8, 9, 2, 10, 7, 6, 9, 1]


def _periods_by_zoneinfo(zone: dt.tzinfo, period: str) -> np.ndarray:
    """The calendar period of each instant in ``zone``, as zoneinfo (not satisfy) has it."""
    days = [t.astimezone(zone).date() for t in NY_INSTANTS]
    if period == "day":
        starts = days
    elif period == "week":
        starts = [d - dt.timedelta(days=d.weekday()) for d in days]
    elif period == "month":
        starts = [d.replace(day=1) for d in days]
    else:
        starts = [dt.date(d.year, 1, 1) for d in days]
    return np.array(starts, dtype=object)


@pytest.mark.parametrize("column_zone", ["America/New_York", "America/Los_Angeles", "Etc/GMT+5"])
@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
def test_aware_columns_in_any_zone_follow_the_time_zone(
    engine, build_on, column_zone, zone, period
):
    # narwhals 2.29 types a pandas (and Dask) column in a zone whose name has "_" or "+" as
    # Unknown; such columns were refused as "holds Unknown, not dates or datetimes".
    if engine == "pyspark" and column_zone != "America/New_York":
        pytest.skip("Spark keeps instants, not the column's zone: one zone covers it")
    local = zoneinfo.ZoneInfo(column_zone)
    data = {"ltr": NY_LTR, "when": [t.astimezone(local) for t in NY_INSTANTS]}
    frame = build_on(engine, data)
    want = GroupedTally.from_scores(
        np.array(NY_LTR),
        by={"period": _periods_by_zoneinfo(zoneinfo.ZoneInfo(zone), period)},
        scale="NPS",
    )
    got = satisfy.tally_frame(frame, "ltr", scale="NPS", period=period, time="when", time_zone=zone)
    assert got.groups == want.groups
    np.testing.assert_array_equal(got.counts, want.counts)
    table = _pandas(satisfy.summarize(frame, satisfy.NPS("ltr"), period=period, time="when",
                                      time_zone=zone))  # fmt: skip
    starts = [p.date() if hasattr(p, "date") else p for p in table["period"]]
    assert starts == list(want.groups)
    assert table["n"].tolist() == want.n.tolist()
    trend = _pandas(satisfy.trend(frame, satisfy.NPS("ltr"), period=period, time="when",
                                  time_zone=zone))  # fmt: skip
    answered = trend[trend["n"] > 0]  # trend lists the periods between with no answers too
    assert [p.date() if hasattr(p, "date") else p for p in answered["period"]] == starts
    assert answered["n"].tolist() == want.n.tolist()


def test_a_duckdb_result_fetched_in_new_york_is_a_time_column(require):
    # DuckDB's .df() gives the session's zone to TIMESTAMPTZ columns: from a session in New
    # York, a pandas column that narwhals types as Unknown.
    require("duckdb")
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'America/New_York'")
    con.execute('CREATE TABLE t (ltr INTEGER, "when" TIMESTAMPTZ)')
    con.executemany("INSERT INTO t VALUES (?, ?)", list(zip(NY_LTR, NY_INSTANTS)))
    frame = con.sql("SELECT * FROM t").df()
    assert str(frame["when"].dtype).endswith("America/New_York]")
    for zone in ("UTC", "America/New_York"):
        got = satisfy.tally_frame(frame, "ltr", scale="NPS", period="year", time="when",
                                  time_zone=zone)  # fmt: skip
        want = _periods_by_zoneinfo(zoneinfo.ZoneInfo(zone), "year")
        assert got.groups == tuple(sorted(set(want)))
        assert got.n.tolist() == [int((want == g).sum()) for g in got.groups]
