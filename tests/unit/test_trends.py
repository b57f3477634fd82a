"""Trends on tallies: trailing windows, period-over-period changes, their errors."""

import datetime as dt

import numpy as np
import pytest

import satisfy

JAN, FEB, MAR, APR = (dt.date(2026, m, 1) for m in (1, 2, 3, 4))


def _monthly(scores, stores, months, **kw):
    return satisfy.GroupedTally.from_scores(
        scores, by={"store": stores, "month": months}, scale="NPS", **kw
    )


def test_window_longer_than_the_series_holds_everything_so_far():
    g = _monthly([10, 0, 9, 5], ["a"] * 4, [JAN, FEB, MAR, APR])
    w = satisfy.trailing(g, window=24, period="month")
    assert w.n.tolist() == [1, 2, 3, 4]
    assert w.groups[-1] == ("a", APR)


def test_window_one_fills_the_empty_periods_only():
    g = _monthly([10, 0], ["a", "a"], [JAN, APR])
    w = satisfy.trailing(g, window=1, period="month")
    assert [m for _, m in w.groups] == [JAN, FEB, MAR, APR]
    assert w.n.tolist() == [1, 0, 0, 1]
    assert w.names == ("store", "month")
    changes = satisfy.period_changes(satisfy.nps(w), period="month")
    assert np.isnan(changes.difference).all()  # no period follows one with answers
    assert changes.previous == (None,) * 4
    assert not changes.significant().any()


def test_segments_keep_their_own_ranges_and_order():
    g = _monthly([10, 9, 0, 3], ["b", "b", "a", "a"], [FEB, APR, JAN, FEB])
    w = satisfy.trailing(g, window=2, period="month")
    assert w.groups == (("a", JAN), ("a", FEB), ("b", FEB), ("b", MAR), ("b", APR))
    assert w.n.tolist() == [1, 2, 1, 1, 1]


def test_missing_answers_are_summed_over_the_window():
    g = _monthly([10, None, None, 3], ["a"] * 4, [JAN, JAN, FEB, MAR])
    w = satisfy.trailing(g, window=2, period="month")
    assert w.missing.tolist() == [1, 2, 1]


def test_one_series_of_numbered_periods():
    g = satisfy.GroupedTally.from_scores([10, 9, 3, 0, 10], by=[3, 3, 4, 6, 6], scale="NPS")
    w = satisfy.trailing(g, window=2)
    assert w.groups == (3, 4, 5, 6)
    assert w.n.tolist() == [2, 3, 1, 2]
    changes = satisfy.period_changes(satisfy.nps(w))
    assert changes.previous == (None, 3, 4, 5)
    ref = satisfy.compare(satisfy.nps(w[4]), satisfy.nps(w[3]))
    assert changes.difference[1] == pytest.approx(ref.difference)
    assert (changes.low[1], changes.high[1]) == pytest.approx((ref.low, ref.high))


def test_small_weights_after_large_ones_keep_every_digit():
    # a cumulative sum would subtract 1e6-scale totals to get a 1e-3-scale window
    weights = [1e6] * 50 + [1e-3, 2e-3]
    months = [JAN] * 50 + [MAR, MAR]
    g = _monthly([10] * 52, ["a"] * 52, months, weights=weights)
    w = satisfy.trailing(g, window=1, period="month")
    assert w.weight_sums[-1].sum() == 1e-3 + 2e-3
    assert w.weight_sq_sums[-1].sum() == 1e-3**2 + 2e-3**2


def test_weeks_start_on_monday_and_quarters_on_their_first_month():
    monday = dt.date(2026, 1, 5)
    g = satisfy.GroupedTally.from_scores([1, 2], by=[monday, monday + dt.timedelta(14)],
                                         scale="NPS")  # fmt: skip
    assert satisfy.trailing(g, window=1, period="week").groups[1] == dt.date(2026, 1, 12)
    q = satisfy.GroupedTally.from_scores([1, 2], by=[dt.date(2025, 10, 1), APR], scale="NPS")
    assert satisfy.trailing(q, window=1, period="quarter").groups == (
        dt.date(2025, 10, 1),
        JAN,
        APR,
    )


@pytest.mark.parametrize(
    ("keys", "period", "message"),
    [
        (
            [dt.date(2026, 1, 15)],
            "month",
            r"2026-01-15 is not the first day of its month.*2026-01-01",
        ),
        ([dt.date(2026, 1, 6)], "week", "not a Monday"),
        ([dt.date(2026, 2, 1)], "quarter", "first day of its quarter"),
        ([dt.date(2026, 2, 1)], "year", "first day of its year"),
        ([dt.datetime(2026, 1, 1)], "month", "not a date"),
        (["2026-01-01"], "month", "not a date"),
        ([JAN], None, "not a whole number"),
        ([1.5], None, "not a whole number"),
    ],
)
def test_periods_that_are_not_periods_are_refused_naming_the_group(keys, period, message):
    g = satisfy.GroupedTally.from_scores([10] * len(keys), by={"month": keys}, scale="NPS")
    with pytest.raises(satisfy.SatisfyError, match=message):
        satisfy.trailing(g, window=1, period=period)
    with pytest.raises(satisfy.SatisfyError, match=message):
        satisfy.period_changes(satisfy.nps(g), period=period)


def test_bad_arguments_are_refused():
    g = _monthly([10, 9], ["a", "a"], [JAN, FEB])
    for window in (0, 1.5, True, "3"):
        with pytest.raises(satisfy.SatisfyError, match="window must be a whole number"):
            satisfy.trailing(g, window=window, period="month")
    with pytest.raises(satisfy.OptionError, match="'month'"):
        satisfy.trailing(g, window=1, period="monthly")
    with pytest.raises(satisfy.SatisfyError, match="needs a GroupedTally"):
        satisfy.trailing(g["a", JAN], window=1)
    est = satisfy.nps(g)
    with pytest.raises(satisfy.SatisfyError, match="needs a GroupedEstimate"):
        satisfy.period_changes(g, period="month")
    with pytest.raises(satisfy.OptionError, match="adjust"):
        satisfy.period_changes(est, period="month", adjust="sidak")
    with pytest.raises(satisfy.OptionError, match="'wald'"):
        satisfy.period_changes(est, period="month", method="bootstrap")
    with pytest.raises(satisfy.OptionError, match="method"):
        satisfy.period_changes(est, period="month", method="welch")
    with pytest.raises(satisfy.SatisfyError, match="confidence_level"):
        satisfy.period_changes(est, period="month", confidence_level=95)


def test_keys_without_a_period_are_refused():
    none = satisfy.GroupedTally.from_scores([10, 9], by={"s": ["a", "a"], "m": [JAN, None]},
                                            scale="NPS")  # fmt: skip
    with pytest.raises(satisfy.SatisfyError, match="has no period"):
        satisfy.trailing(none, window=1, period="month")
    k = satisfy.scales.NPS.n_points
    mixed = satisfy.GroupedTally(
        satisfy.scales.NPS,
        [("a", 1), 2],
        np.ones((2, k), int),
        np.ones((2, k)),
        np.ones((2, k)),
        [0, 0],
    )
    with pytest.raises(satisfy.SatisfyError, match="mix tuples"):
        satisfy.trailing(mixed, window=1)


def test_other_two_sample_methods_and_records():
    g = satisfy.GroupedTally.from_scores([5, 5, 4, 1, 2, 1, 5, 2], by=[1, 1, 1, 1, 2, 2, 2, 2],
                                         scale="CSAT5")  # fmt: skip
    est = satisfy.csat(g)
    wald = satisfy.period_changes(est, method="wald", adjust="none")
    ref = satisfy.compare(est[2], est[1], method="wald")
    assert wald.method == "wald"
    assert (wald.low[1], wald.high[1]) == pytest.approx((ref.low, ref.high))
    assert wald.pvalue_adjusted[1] == wald.pvalue[1]
    records = wald.to_records()
    assert records[1]["group"] == 2 and records[1]["previous"] == 1
    assert records[1]["difference"] == pytest.approx(-50.0)
    assert "PeriodChanges(CSAT: 1 changes, 95% CI, Wald, none-adjusted" in repr(wald)


def test_frames_trend_orders_segments_as_summarize_does():
    pd = pytest.importorskip("pandas")
    when = pd.to_datetime(["2026-01-05"] * 2 + ["2026-02-05"] * 2)
    df = pd.DataFrame({"ltr": [10, 9, 3, 8], "store": [10, 9, 10, 9], "when": when})
    out = satisfy.trend(df, satisfy.NPS("ltr"), time="when", period="month", by="store")
    summary = satisfy.summarize(df, satisfy.NPS("ltr"), by="store", time="when", period="month")
    assert out["store"].tolist() == summary["store"].tolist() == [9, 9, 10, 10]


@pytest.mark.parametrize("period", [None, "month"])
def test_no_groups_give_no_windows_and_no_changes(period):
    k = satisfy.scales.NPS.n_points
    empty = satisfy.GroupedTally(satisfy.scales.NPS, [], np.zeros((0, k), int), np.zeros((0, k)),
                                 np.zeros((0, k)), np.zeros(0, int), ("s", "m"))  # fmt: skip
    windows = satisfy.trailing(empty, window=3, period=period)
    assert len(windows) == 0 and windows.names == ("s", "m")
    changes = satisfy.period_changes(satisfy.nps(windows), period=period)
    assert len(changes) == 0 and changes.pvalue_adjusted.shape == (0,)


def test_period_changes_join_the_family_of_results():
    g = satisfy.GroupedTally.from_scores([10, 9, 3, 0, 10, 7, 9, 2], by=[1, 1, 1, 2, 2, 2, 3, 3],
                                         scale="NPS")  # fmt: skip
    est = satisfy.nps(g)
    changes = satisfy.period_changes(est, confidence_level=0.8, adjust="bh")
    # the repr names the method as other results do, and the level used
    assert "80% CI, adjusted Wald, bh-adjusted" in repr(changes)
    ci = changes.confidence_interval()
    assert (ci.confidence_level, ci.method) == (0.8, "adjusted-wald")
    np.testing.assert_array_equal(ci.low, changes.low)
    # another level or method: the same as period_changes asked for it
    for level, method in ((0.95, None), (0.9, "wald"), (0.8, "wald")):
        ci = changes.confidence_interval(level, method=method)
        ref = satisfy.period_changes(est, confidence_level=level, method=method, adjust="bh")
        assert (ci.confidence_level, ci.method) == (level, ref.method)
        np.testing.assert_array_equal(ci.low, ref.low)
        np.testing.assert_array_equal(ci.high, ref.high)
    wald = satisfy.period_changes(est, method="wald")
    kept = wald.confidence_interval(0.9)  # a level alone keeps the method
    assert kept.method == "wald"
    with pytest.raises(satisfy.OptionError):
        changes.confidence_interval(0)
    with pytest.raises(satisfy.OptionError):
        changes.confidence_interval(method="welch")
    records = changes.to_records()
    assert [r["confidence_level"] for r in records] == [0.8] * 3
    assert {r["method"] for r in records} == {"adjusted-wald"}
    for backend in ("pandas", "polars", "pyarrow"):
        pytest.importorskip(backend)
        frame = changes.to_frame(backend=backend)
        assert type(frame).__module__.split(".")[0] == backend
    pd = pytest.importorskip("pandas")
    frame = changes.to_frame()
    assert list(frame.columns) == list(records[0])
    assert frame["difference"].tolist()[1:] == pytest.approx(changes.difference[1:].tolist())
    with pytest.raises(satisfy.OptionError):
        changes.to_frame(backend="spark")
    assert pd is not None
