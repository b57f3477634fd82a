"""One family of results: plain data, frames of the user's engine, intervals that know
their level and method, and reprs that print the level used (issue 12, item 4)."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from scipy import stats

import satisfy

ITEMS = {"a": [5, 4, 3, 2, 5, 4], "b": [4, 4, 2, 2, 5, 3], "c": [5, 3, 3, 1, 4, 4]}


def test_composite_index_prints_and_computes_the_level_asked():
    # on main the repr said "95% CI" (and computed it at 95%) when 80% was asked
    idx = satisfy.index(ITEMS, scale="CSAT5", confidence_level=0.8)
    # scipy's t interval of the customers' index scores, at 80%
    low, high = stats.t.interval(0.8, len(idx.scores) - 1, idx.scores.mean(), stats.sem(idx.scores))
    ci = idx.confidence_interval()
    assert (ci.low, ci.high, ci.confidence_level) == (pytest.approx(low), pytest.approx(high), 0.8)
    assert repr(idx).startswith(f"Index {idx.value:.1f} (80% CI {low:.1f} to {high:.1f}, t, n=6")
    assert "95%" not in repr(idx)
    assert idx.to_dict()["confidence_level"] == 0.8
    assert idx.confidence_interval(0.95).confidence_level == 0.95


def test_comparison_recomputes_its_interval_by_another_method():
    a, b = satisfy.csat([5, 5, 4, 1, 4, 5]), satisfy.csat([5, 2, 2, 1, 3])
    c = satisfy.compare(a, b)
    for method in ("wald", "agresti-caffo", "fisher"):
        want = satisfy.compare(a, b, method=method, confidence_level=0.9).confidence_interval()
        got = c.confidence_interval(0.9, method=method)
        assert (got.low, got.high, got.confidence_level, got.method) == (
            want.low,
            want.high,
            0.9,
            method,
        )
    assert c.confidence_interval(method="newcombe") == c.confidence_interval()
    with pytest.raises(satisfy.OptionError, match="'newcombe', 'agresti-caffo', 'wald', 'fisher'"):
        c.confidence_interval(method="t")


def test_target_and_paired_comparisons_check_their_own_methods():
    target = satisfy.compare(satisfy.csat([5, 5, 4, 1, 4, 5]), 50)
    assert target.confidence_interval(method="exact").method == "exact"
    with pytest.raises(satisfy.OptionError, match="'wilson', 'wald', 'exact'"):
        target.confidence_interval(method="newcombe")
    paired = satisfy.compare_paired([9, 6, 7, 10, 3, 8], [10, 8, 9, 10, 6, 9])
    with pytest.raises(satisfy.OptionError, match="paired-wald"):
        paired.confidence_interval(method="wald")
    assert paired.confidence_interval(0.8).confidence_level == 0.8


def test_weighted_comparison_refuses_a_method_that_needs_whole_counts():
    a = satisfy.csat([5, 1, 4], weights=[1.0, 2.0, 1.5])
    c = satisfy.compare(a, satisfy.csat([5, 2, 2]))
    with pytest.raises(satisfy.MethodError):
        c.confidence_interval(method="fisher")


@pytest.mark.parametrize(("backend", "kind"), [("pandas", pd.DataFrame), (pl, pl.DataFrame),
                                               (pa, pa.Table)])  # fmt: skip
def test_frames_come_in_the_engine_asked_by_name_or_module(backend, kind):
    g = satisfy.csat([5, 4, 1, 2], by={"channel": ["x", "x", "y", "y"]})
    frame = g.to_frame(backend=backend)
    assert isinstance(frame, kind)
    assert list(frame.columns if not isinstance(frame, pa.Table) else frame.column_names)[:2] == [
        "channel",
        "metric",
    ]


def test_a_backend_that_is_not_one_of_the_three_is_refused():
    with pytest.raises(satisfy.OptionError, match="'pandas', 'polars', 'pyarrow'"):
        satisfy.csat([5, 4]).to_frame(backend="spark")
    with pytest.raises(satisfy.OptionError, match="backend"):
        satisfy.csat([5, 4]).to_frame(backend=np)


def test_frames_without_narwhals_raise_a_dependency_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "narwhals", None)  # as if it were not installed
    with pytest.raises(satisfy.DependencyError, match=r"frames") as info:
        satisfy.csat([5, 4]).to_frame(backend="pandas")
    assert isinstance(info.value, ImportError)


def test_grouped_estimate_repr_shows_each_groups_interval():
    g = satisfy.nps([10, 9, 3, 8, 10, 6], by=["a", "a", "a", "b", "b", "b"])
    ci = g.confidence_interval()
    assert repr(g) == (
        f"GroupedEstimate(NPS, 95% CI, adjusted Wald: 'a': 33.3 ({ci.low[0]:.1f} to "
        f"{ci.high[0]:.1f}, n=3), 'b': 0.0 ({ci.low[1]:.1f} to {ci.high[1]:.1f}, n=3))"
    )
    many = satisfy.csat(list(range(1, 6)) * 20, by=list(range(100)))
    text = repr(many)
    assert text.count(" to ") == 4 and text.endswith("... (100 groups))")


def test_reliability_and_drivers_recompute_their_intervals_at_another_level():
    rel = satisfy.cronbach_alpha(ITEMS, scale="CSAT5")
    want = satisfy.cronbach_alpha(ITEMS, scale="CSAT5", confidence_level=0.9)
    got = rel.confidence_interval(0.9)
    assert (got.low, got.high) == (pytest.approx(want.low), pytest.approx(want.high))
    assert (got.method, rel.missing) == ("feldt", 0)
    outcome = [9, 7, 10, 3, 8, 6, 5]
    items = {"speed": [6, 5, 7, 2, 5, 4, 4], "price": [4, 5, 6, 4, 3, 5, 2]}
    t = satisfy.drivers(outcome, items)
    want_t = satisfy.drivers(outcome, items, confidence_level=0.9)
    got_t = t.confidence_interval(0.9)
    np.testing.assert_allclose(got_t.low, want_t.low)
    np.testing.assert_allclose(got_t.high, want_t.high)
    # Fisher's z interval, written out: tanh(atanh(r) -+ z / sqrt(n - 3))
    r = stats.pearsonr(outcome, items["speed"]).statistic
    half = stats.norm.ppf(0.95) / np.sqrt(len(outcome) - 3)
    assert got_t.low[list(t.items).index("speed")] == pytest.approx(np.tanh(np.arctanh(r) - half))


def test_missing_counts_on_every_several_question_result():
    items = {"a": [5, 4, None, 2], "b": [4, None, 2, 2]}
    assert satisfy.cronbach_alpha(items, scale="CSAT5").missing == 2
    assert satisfy.index(items, scale="CSAT5").missing == 2
    g = satisfy.gap([5, None, 4], [4, 6, 5], scale="LIKERT7")
    assert g.missing == 1 and g.to_dict()["missing"] == 1
    table = satisfy.gaps({"speed": ([5, None, 4], [4, 6, 5])}, scale="LIKERT7")
    assert [r["missing"] for r in table.to_records()] == [1]


def test_pvalues_are_named_as_scipy_names_them():
    c = satisfy.compare(satisfy.csat([5, 5, 4, 1]), satisfy.csat([5, 2, 2, 1]))
    assert "pvalue" in c.to_dict() and not hasattr(c, "p_value")
    res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1], by=list("aaabbb")))
    row = res.pairs.to_records()[0]
    assert {"pvalue", "pvalue_adjusted"} <= set(row) and "p_value" not in row
    assert satisfy.adjust_pvalues([0.01, 0.04], adjust="bonferroni").tolist() == [0.02, 0.08]
    with pytest.raises(TypeError):
        satisfy.adjust_pvalues([0.01], method="holm")  # type: ignore[call-arg]


def test_scalar_results_give_one_row_and_tables_one_per_entry():
    plan = satisfy.sample_size("csat", margin=5, expected=70)
    assert plan.to_frame(backend="pandas").shape[0] == 1
    rel = satisfy.cronbach_alpha(ITEMS, scale="CSAT5")
    assert rel.to_frame(backend="polars").shape[0] == 1
    res = satisfy.compare_groups(satisfy.csat([5, 5, 4, 1, 2, 1, 3, 3], by=list("aaabbbcc")))
    assert res.pairs.to_frame(backend="pyarrow").num_rows == 3
    assert res.to_frame(backend="pandas").shape[0] == 6
    empty = satisfy.compare_groups(satisfy.csat([5, 1], by=list("ab")), pairwise=False).pairs
    assert list(empty.to_frame(backend="pandas").columns)[:2] == ["a", "b"]


def test_a_grouped_frame_has_one_column_per_grouping_name():
    g = satisfy.csat([5, 4, 1, 2, 3], by={"a": ["x", "x", "y", "y", None], "b": [1, 2, 1, 2, 1]})
    frame = g.to_frame(backend="polars")
    assert frame.columns[:3] == ["a", "b", "metric"]
    assert frame["a"].to_list() == ["x", "x", "y", "y", None]
    # a grouping name that is also a record's column stays one "group" column
    clash = satisfy.csat([5, 4], by={"value": ["x", "y"]}).to_frame(backend="pandas")
    assert list(clash.columns[:2]) == ["group", "metric"]


def test_an_item_no_kept_customer_answered_has_no_mean_and_no_warning():
    # on main numpy warned "Mean of empty slice" (an error under -W error)
    idx = satisfy.index({"a": [5, 4], "b": [None, None]}, scale="CSAT5", min_items=1)
    assert idx.item_means["a"] == pytest.approx(87.5)  # POMP of 4.5 on 1-5
    assert np.isnan(idx.item_means["b"])
