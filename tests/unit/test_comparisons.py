"""The comparison API: reprs, refusals, resampling methods and recomputation."""

import numpy as np
import pytest

import satisfy
from satisfy import Tally
from satisfy.errors import MethodError, OptionError, SatisfyError


def nps_of(d, m, p):
    return satisfy.nps(Tally.from_counts({0: d, 7: m, 9: p}, scale="NPS"))


def test_resampling_comparisons_agree_with_wald_at_moderate_n():
    a, b = nps_of(120, 180, 300), nps_of(180, 180, 240)
    wald = satisfy.compare(a, b, method="wald")
    for method in ("bootstrap", "bayes"):
        c = satisfy.compare(a, b, method=method, n_resamples=20000)
        assert c.low == pytest.approx(wald.low, abs=1.0)
        assert c.high == pytest.approx(wald.high, abs=1.0)
        assert c.pvalue == pytest.approx(wald.pvalue, abs=0.01)
    bayes = satisfy.compare(a, b, method="bayes", n_resamples=20000)
    one_sided = satisfy.compare(a, b, method="wald", alternative="greater")
    assert bayes.probability == pytest.approx(1 - one_sided.pvalue, abs=0.01)
    assert "P(a > b)" in repr(bayes)


def test_refusals():
    x = satisfy.csat([5, 4, 1, 2], weights=[1, 2, 1, 1])
    y = satisfy.csat([5, 5, 1, 2], weights=[1, 1, 3, 1])
    with pytest.raises(MethodError, match="whole counts"):
        satisfy.compare(x, y, method="fisher")
    with pytest.raises(OptionError):
        satisfy.compare(x, y, method="welch")
    with pytest.raises(SatisfyError, match="not the same metric"):
        satisfy.compare(satisfy.csat([5]), satisfy.csat([5], boxes=1))
    with pytest.raises(SatisfyError, match="outside"):
        satisfy.compare(satisfy.nps([9]), 150)
    with pytest.raises(OptionError):
        satisfy.compare(x, y, alternative="bigger")
    assert satisfy.compare(x, y).method == "newcombe"


def test_recomputing_at_another_level():
    a, b = nps_of(20, 30, 50), nps_of(30, 30, 40)
    c = satisfy.compare(a, b)
    wide = c.confidence_interval(0.99)
    assert wide.low < c.low and wide.high > c.high
    assert c.confidence_interval().low == c.low
    assert c.to_dict()["method"] == "adjusted-wald"


def test_mann_whitney_superiority_in_repr():
    c = satisfy.compare(satisfy.ces([7, 6, 6, 5]), satisfy.ces([3, 4, 5, 2]), method="mann-whitney")
    assert c.superiority == pytest.approx(15.5 / 16)
    assert "P(a beats b)=0.969" in repr(c)


def test_compare_groups_repr_and_significance():
    rng = np.random.default_rng(3)
    scores = np.concatenate([rng.integers(8, 11, 300), rng.integers(0, 11, 300)])
    keys = ["good"] * 300 + ["mixed"] * 300
    res = satisfy.compare_groups(satisfy.nps(scores, by=keys))
    assert res.pvalue < 1e-10
    assert res.pairs.significant().tolist() == [True]
    assert "GroupComparison(NPS, 2 groups" in repr(res)
    assert "ComparisonTable(1 comparisons" in repr(res.pairs)
    with pytest.raises(satisfy.EmptyDataError):
        satisfy.compare_groups({"only": satisfy.nps([9])})


def test_compare_paired_drops_incomplete_pairs_and_checks_lengths():
    c = satisfy.compare_paired([9, None, 3], [10, 5, 9])
    assert c.difference == pytest.approx(100.0)  # changes 0 and +200 points
    with pytest.raises(satisfy.LengthMismatchError):
        satisfy.compare_paired([9, 3], [10])


def test_welch_without_spread_in_either_group():
    # Every answer alike on both sides: the t interval shrinks to the difference (as the
    # one-sample t interval does) and the test takes its limit, as scipy's ttest_ind does.
    import warnings

    from scipy import stats

    same, top, five = satisfy.ces([7, 7]), satisfy.ces([7, 7, 7]), satisfy.ces([5, 5])
    c = satisfy.compare(same, top)
    assert (c.low, c.high, c.pvalue) == (0.0, 0.0, 1.0)
    d = satisfy.compare(same, five)
    assert (d.low, d.high) == (2.0, 2.0)
    with warnings.catch_warnings():  # scipy warns that the data are identical
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = stats.ttest_ind([7, 7], [5, 5], equal_var=False)
    assert d.pvalue == ref.pvalue == 0.0
    assert satisfy.compare(same, five, alternative="less").pvalue == 1.0
    assert satisfy.compare(same, top, alternative="greater").pvalue == 0.5
    swapped = satisfy.compare(five, same)
    assert (swapped.low, swapped.high) == (-2.0, -2.0)


def test_t_tests_without_spread_against_a_target_and_paired():
    import warnings

    from scipy import stats

    with warnings.catch_warnings():  # scipy warns that the data are identical
        warnings.simplefilter("ignore", RuntimeWarning)
        one = stats.ttest_1samp([7, 7], 5).pvalue
        paired = stats.ttest_rel([5, 5, 4], [7, 7, 6]).pvalue
    target = satisfy.compare(satisfy.ces([7, 7]), 5)
    assert (target.low, target.high, target.pvalue) == (2.0, 2.0, one)
    same = satisfy.compare_paired([7, 7, 6], [5, 5, 4], metric="ces")
    assert (same.low, same.high, same.pvalue) == (-2.0, -2.0, paired)
    # one answer: no spread can be estimated, so no interval and no evidence
    single = satisfy.compare(satisfy.ces([7]), 5)
    assert np.isnan(single.low) and single.pvalue == 1.0


def test_welch_df_when_one_group_has_no_spread_and_n_eff_one():
    # found by hypothesis: the second group's df is 0 (n_eff = 1) and its variance 0, so
    # Welch-Satterthwaite reduces to the first group's df
    from scipy import stats

    a = satisfy.ces(satisfy.Tally.from_counts({6: 1, 7: 1}, scale="CES7"))
    top = np.array([0, 0, 0, 0, 0, 0, 1.0])
    b = satisfy.ces(satisfy.Tally(satisfy.scales.CES7, 2 * top, top, top))  # n_eff = 1
    assert (b.n_eff, b.se) == (1.0, 0.0)
    for alternative in ("two-sided", "greater"):
        c = satisfy.compare(a, b, alternative=alternative)
        side = "greater" if alternative == "greater" else "two-sided"
        ref = stats.ttest_1samp([6, 7], 7, alternative=side)  # b contributes no variance
        assert c.pvalue == pytest.approx(ref.pvalue)
        assert np.isfinite([c.low, c.high]).all()


@pytest.mark.parametrize("metric", ["nps", "net_satisfaction"])
def test_difference_is_the_observed_difference_for_adjusted_wald(metric):
    # the adjusted Wald interval is centred on the adjusted estimates' difference; the
    # reported difference was that centre (-25.30 for an observed -26.25), unlike trend's
    # change and PeriodChanges.difference
    scale = "NPS" if metric == "nps" else "CSAT5"
    top, bottom, middle = (10, 0, 7) if metric == "nps" else (5, 1, 3)
    a = satisfy.calculate([top] * 3 + [bottom] * 4 + [middle] * 1, metric, scale=scale)
    b = satisfy.calculate([top] * 6 + [bottom] * 2 + [middle] * 4, metric, scale=scale)
    c = satisfy.compare(a, b)
    assert c.method == "adjusted-wald"
    assert c.difference == pytest.approx(a.value - b.value, abs=1e-12)
    assert c.low <= c.difference <= c.high
    assert c.to_dict()["difference"] == c.difference
    assert "observed" not in c.to_dict()
    t = satisfy.compare(a, 20)
    assert t.difference == pytest.approx(a.value - 20, abs=1e-12)
    assert t.low <= t.difference <= t.high
    res = satisfy.compare_groups({"a": a, "b": b})
    assert res.pairs.difference[0] == pytest.approx(a.value - b.value, abs=1e-12)
    assert res.pairs.to_records()[0]["difference"] == pytest.approx(a.value - b.value)
    rest = res.versus_rest.difference
    assert rest.tolist() == pytest.approx([a.value - b.value, b.value - a.value])
    # the interval is the method's, unchanged: the same as before
    assert (res.pairs.low[0], res.pairs.high[0]) == pytest.approx((c.low, c.high))


@pytest.mark.parametrize("pairwise", [True, False])
def test_comparison_table_interval_at_another_level_or_method(pairwise):
    scores = [10, 9, 9, 10, 8, 3, 2, 6, 5, 7, 9, 10, 7, 8, 6, 0, 10]
    channel = ["chat"] * 5 + ["phone"] * 6 + ["email"] * 6
    est = satisfy.nps(scores, by=channel)
    res = satisfy.compare_groups(est, adjust="bh", pairwise=pairwise)
    for name in ("pairs", "versus_rest"):
        table = getattr(res, name)
        again = satisfy.compare_groups(est, adjust="bh", confidence_level=0.8, method="wald")
        expected = getattr(again, name) if pairwise or name == "versus_rest" else table
        ci = table.confidence_interval(0.8, method="wald")
        assert (ci.confidence_level, ci.method) == (0.8, "wald")
        np.testing.assert_allclose(ci.low, expected.low)
        np.testing.assert_allclose(ci.high, expected.high)
        level_only = table.confidence_interval(0.8)
        assert level_only.method == "adjusted-wald"
        assert (level_only.high - level_only.low <= table.high - table.low + 1e-12).all()
        same = table.confidence_interval()
        assert (same.confidence_level, same.method) == (0.95, "adjusted-wald")
        with pytest.raises(satisfy.OptionError):
            table.confidence_interval(1.5)
        with pytest.raises(satisfy.OptionError):
            table.confidence_interval(method="welch")


def test_differences_of_shares_are_in_percentage_points():
    # DESIGN.md: differences of shares in percentage points (the repr said "10.0 %")
    c = satisfy.compare(satisfy.csat([5, 5, 4, 1, 2]), satisfy.csat([5, 2, 2, 1, 4]))
    assert c.unit == "percentage points"
    assert repr(c).startswith("CSAT difference 20.0 percentage points (95% CI")
    assert c.to_dict()["unit"] == "percentage points"
    t = satisfy.compare(satisfy.csat([5, 5, 4, 1, 2]), 50)
    assert "CSAT difference from the target 50: 10.0 percentage points" in repr(t)
    paired = satisfy.compare_paired([1, 2, 5], [5, 5, 5], metric="csat", scale="CSAT5")
    assert paired.unit == "percentage points"
    assert satisfy.compare(satisfy.nps([9, 10, 3]), satisfy.nps([9, 0])).unit == "points"


def test_table_reprs_show_the_level_used():
    est = satisfy.nps([10, 9, 3, 0, 10, 7, 9, 2], by=list("aaabbbcc"))
    res = satisfy.compare_groups(est, confidence_level=0.8)
    assert "80% CI, adjusted Wald" in repr(res)
    assert "80% CI" in repr(res.pairs) and "80% CI" in repr(res.versus_rest)
    t = satisfy.drivers([9, 7, 10, 3, 8, 6], {"speed": [6, 5, 7, 2, 5, 4],
                        "price": [4, 5, 6, 4, 3, 5]}, confidence_level=0.9)  # fmt: skip
    ci = t.confidence_interval()
    assert f"speed 96% (r={t.correlation[0]:.2f}, 90% CI {ci.low[0]:.2f} to " in repr(t)
    assert "95%" not in repr(t)
