"""Edges of the statistics: tests at zero standard error, shares at exactly 0 and 100,
intervals that contain their estimate, option checks, and compare_groups without pairs.

Reference values come from scipy and statsmodels, run here (named at each test).
"""

import math
import warnings

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats import proportion as smp

import satisfy
from satisfy import GroupedTally, OptionError, Tally

PROMOTERS = [10] * 20
DETRACTORS = [0] * 20


def _reference(fn, *args, **kwargs):
    with warnings.catch_warnings():  # scipy and statsmodels warn about the zero variance
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# --- 1. z tests at zero standard error take their limit -------------------------------


def test_wald_nps_difference_without_spread_is_certain():
    # every promoter against every detractor: a difference of 200 with no sampling error;
    # scipy's two-sample t test of the +1/-1 scores gives statistic inf and p = 0
    ref = _reference(stats.ttest_ind, [1.0] * 20, [-1.0] * 20)
    c = satisfy.compare(satisfy.nps(PROMOTERS), satisfy.nps(DETRACTORS), method="wald")
    assert c.difference == 200
    assert c.pvalue == ref.pvalue == 0
    assert c.statistic == ref.statistic == math.inf
    assert c.low == c.high == 200
    assert c.significant()
    one_sided = satisfy.compare(
        satisfy.nps(PROMOTERS), satisfy.nps(DETRACTORS), method="wald", alternative="less"
    )
    assert one_sided.pvalue == 1.0


def test_wald_nps_no_difference_without_spread_has_p_one():
    c = satisfy.compare(satisfy.nps(PROMOTERS), satisfy.nps([9] * 7), method="wald")
    assert c.difference == 0 and c.pvalue == 1.0 and c.statistic == 0


def test_compare_groups_wald_finds_the_certain_pair():
    g = satisfy.nps(PROMOTERS + DETRACTORS, by=["a"] * 20 + ["b"] * 20)
    res = satisfy.compare_groups(g, method="wald")
    assert res.pairs.pvalue.tolist() == [0.0]
    assert res.pairs.significant().tolist() == [True]
    assert res.versus_rest.significant().tolist() == [True, True]


def test_share_against_a_target_of_zero_or_one_hundred():
    every = satisfy.csat([5] * 20)
    # scipy's exact binomial test: 20 of 20 against p0 = 0 has p = 0, against p0 = 1 p = 1
    assert stats.binomtest(20, 20, 0.0).pvalue == 0.0
    for method in ("wilson", "exact"):
        assert satisfy.compare(every, 0, method=method).pvalue == 0.0
        assert satisfy.compare(every, 100, method=method).pvalue == 1.0
        less = satisfy.compare(every, 0, method=method, alternative="less").pvalue
        assert less == stats.binomtest(20, 20, 0.0, alternative="less").pvalue == 1.0


def test_wald_share_against_a_target_without_spread():
    # statsmodels' one-sample z test with the sample variance: inf, p = 0
    ref = _reference(smp.proportions_ztest, 20, 20, 0.5)
    c = satisfy.compare(satisfy.csat([5] * 20), 50, method="wald")
    assert c.statistic == ref[0] == math.inf
    assert c.pvalue == ref[1] == 0.0


def test_wald_nps_against_a_target_without_spread():
    # scipy's one-sample t test of twenty +1 scores against 0: inf, p = 0
    ref = _reference(stats.ttest_1samp, [1.0] * 20, 0.0)
    c = satisfy.compare(satisfy.nps(PROMOTERS), 0, method="wald")
    assert c.pvalue == ref.pvalue == 0.0
    assert satisfy.compare(satisfy.nps(PROMOTERS), 100, method="wald").pvalue == 1.0


def test_weighted_means_without_spread_in_the_omnibus():
    # two weighted groups, each of one answer repeated: the Wald test of equal means takes
    # its limit, as scipy's t test does for two constant samples (p = 0)
    ref = _reference(stats.ttest_ind, [5.0] * 5, [1.0] * 5)
    g = satisfy.mean_score([5] * 5 + [1] * 5, by=list("aaaaabbbbb"), weights=[1, 2, 3, 4, 5] * 2)
    res = satisfy.compare_groups(g)
    assert res.test == "wald"
    assert res.pvalue == ref.pvalue == 0.0
    same = satisfy.mean_score([5] * 10, by=list("aaaaabbbbb"), weights=[1, 2, 3, 4, 5] * 2)
    assert satisfy.compare_groups(same).pvalue == 1.0


# --- 2. exact shares, intervals that contain their estimate ---------------------------


@pytest.mark.parametrize(
    "method", ["wilson", "agresti-coull", "clopper-pearson", "jeffreys", "wald"]
)
def test_weighted_share_of_everyone_is_exactly_100(method):
    e = satisfy.csat([5], weights=[1.698])
    assert e.value == 100.0
    assert e.shares == {"satisfied": 100.0, "other": 0.0}
    ci = e.confidence_interval(method=method)
    assert ci.low <= e.value <= ci.high == 100.0
    # Jeffreys (Brown, Cai and DasGupta 2001) sets the upper end to 1 when x = n; scipy's
    # Beta quantile of the lower end for x = n = 1 agrees
    if method == "jeffreys":
        assert ci.low / 100 == pytest.approx(stats.beta.ppf(0.025, 1.5, 0.5), rel=1e-12)


@pytest.mark.parametrize("weights", [[0.3, 7.1, 1e-3], [1.698] * 3, [1e-90, 1e90, 1]])
def test_weighted_nps_of_one_category_is_exact(weights):
    assert satisfy.nps([10, 9, 10], weights=weights).value == 100.0
    assert satisfy.nps([0, 3, 6], weights=weights).value == -100.0
    assert satisfy.nps([7, 8, 8], weights=weights).value == 0.0
    assert satisfy.csat([1, 2, 1], weights=weights).value == 0.0
    assert satisfy.ces([4, 4, 4], weights=weights).value == 4.0


def test_jeffreys_keeps_a_tiny_weighted_share_inside():
    # a share far below one effective success: the Jeffreys Beta(x + 1/2, n - x + 1/2)
    # quantile at 2.5% lies above the estimate, so the interval is widened to hold it
    e = satisfy.csat([5, 1, 1, 1], weights=[1e-6, 1, 1, 1])
    x = e.value / 100 * e.n_eff
    assert stats.beta.ppf(0.025, x + 0.5, e.n_eff - x + 0.5) * 100 > e.value
    ci = e.confidence_interval(method="jeffreys")
    assert ci.low <= e.value <= ci.high


# --- 3. options -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: satisfy.csat([5, 4], boxes="2"), "boxes"),
        (lambda: satisfy.csat([5, 4], boxes=True), "boxes"),
        (lambda: satisfy.csat([5, 4], boxes=5), "boxes"),
        (lambda: satisfy.top_box([5, 4], boxes=1.5), "boxes"),
        (lambda: satisfy.bottom_box([5, 4], boxes=None), "boxes"),
        (lambda: satisfy.nps([9], detractors=None), "detractors"),
        (lambda: satisfy.nps([9], promoters=(9, 10.5)), "promoters"),
        (lambda: satisfy.nps([9], promoters=(9, math.nan)), "promoters"),
        (lambda: satisfy.nps([9], detractors=(6, 0)), "detractors"),
        (lambda: satisfy.threshold_share([5], None), "threshold"),
        (lambda: satisfy.threshold_share([5], math.nan), "threshold"),
        (lambda: satisfy.threshold_share([5], math.inf), "threshold"),
        (lambda: satisfy.threshold_share([5], True), "threshold"),
        (lambda: satisfy.threshold_share([5], 4, inclusive="yes"), "inclusive"),
        (lambda: satisfy.CSAT("sat", boxes="2"), "boxes"),
        (lambda: satisfy.TopBox("sat", boxes=1.5), "boxes"),
        (lambda: satisfy.NPS("ltr", detractors=None), "detractors"),
        (lambda: satisfy.Threshold("sat", threshold=None), "threshold"),
        (lambda: satisfy.Threshold("sat", threshold=math.nan), "threshold"),
    ],
)
def test_metric_options_raise_option_error(call, name):
    with pytest.raises(OptionError, match=rf"^{name}=") as info:
        call()
    assert info.value.name == name
    assert "accepted" in str(info.value)


E = satisfy.nps([10, 9, 7, 3, 0, 10])
E2 = satisfy.nps([10, 7, 7, 3, 9, 10])
TWO = satisfy.nps([9, 3], by=["a", "b"])


@pytest.mark.parametrize("n_resamples", [0, -5, math.nan, 1.5, 1, 39, True, "100"])
@pytest.mark.parametrize(
    "call",
    [
        lambda n: E.confidence_interval(method="bootstrap", n_resamples=n),
        lambda n: E.confidence_interval(method="bayes", n_resamples=n),
        lambda n: satisfy.compare(E, E2, method="bootstrap", n_resamples=n),
        lambda n: satisfy.compare_groups(
            satisfy.nps([9, 3, 10, 0], by=list("aabb")), method="bayes", n_resamples=n
        ),
    ],
)
def test_too_few_or_odd_resamples_are_refused(call, n_resamples):
    with pytest.raises(OptionError, match=r"^n_resamples=.*at least 40"):
        call(n_resamples)


def test_the_documented_minimum_of_resamples_works():
    ci = E.confidence_interval(method="bootstrap-percentile", n_resamples=40)
    assert ci.low < E.value < ci.high
    with pytest.raises(OptionError, match="at least 200"):
        E.confidence_interval(0.99, method="bootstrap-percentile", n_resamples=199)


@pytest.mark.parametrize("rng", ["abc", 1.5, -1, True, [1, 2]])
def test_rng_must_be_none_a_seed_or_a_generator(rng):
    with pytest.raises(OptionError, match=r"^rng=.*numpy.random.Generator"):
        E.confidence_interval(method="bayes", rng=rng)
    with pytest.raises(OptionError, match=r"^rng="):
        satisfy.compare(E, E2, rng=rng)


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1, math.nan, math.inf, "0.95", True, None])
def test_confidence_level_outside_zero_one_is_refused(level):
    for call in (
        lambda: E.confidence_interval(level),
        lambda: satisfy.compare(E, E2, confidence_level=level),
        lambda: satisfy.compare_groups(satisfy.nps([9, 3], by=["a", "b"]), confidence_level=level),
        lambda: satisfy.sample_size("nps", margin=5, confidence_level=level),
    ):
        with pytest.raises(OptionError, match=r"^confidence_level=.*between 0 and 1"):
            call()


@pytest.mark.parametrize("alternative", ["two_sided", "both", None, 1])
def test_alternative_must_be_one_of_three(alternative):
    with pytest.raises(OptionError, match="'two-sided', 'greater', 'less'"):
        satisfy.compare(E, E2, alternative=alternative)
    with pytest.raises(OptionError, match=r"^alternative="):
        satisfy.compare_paired([9, 3], [10, 6], alternative=alternative)
    with pytest.raises(OptionError, match=r"^alternative="):
        satisfy.power("nps", n=100, difference=10, alternative=alternative)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: satisfy.compare(E, "30"), "b"),
        (lambda: satisfy.compare(E, math.nan), "b"),
        (lambda: satisfy.compare(E, E2).significant("0.05"), "alpha"),
        (lambda: satisfy.compare(E, E2).significant(math.nan), "alpha"),
        (lambda: satisfy.compare_groups(TWO, pairwise="no"), "pairwise"),
        (lambda: satisfy.compare_paired([9], [9], metric=satisfy.nps), "metric"),
        (lambda: satisfy.sample_size("nps", margin=math.nan), "margin"),
        (lambda: satisfy.sample_size("nps", margin=True), "margin"),
        (lambda: satisfy.sample_size_difference("nps", difference=math.nan), "difference"),
        (lambda: satisfy.sample_size_difference("nps", difference=5, ratio=math.nan), "ratio"),
        (lambda: satisfy.sample_size_difference("nps", difference=5, power=1.0), "power"),
        (lambda: satisfy.power("nps", n=math.nan, difference=5), "n"),
        (lambda: satisfy.power("nps", n=1.5, difference=5), "n"),
        (lambda: satisfy.power("nps", n=100, difference=5, alpha=math.nan), "alpha"),
        (lambda: satisfy.sample_size("csat", margin=5, expected=True), "expected"),
        (lambda: satisfy.sample_size("csat", margin=5, expected=math.nan), "expected"),
        (lambda: satisfy.sample_size("nps", margin=5, expected=(50, "x")), "expected"),
        (lambda: satisfy.sample_size("nps", margin=5, expected=(70, 40)), "expected"),
        (lambda: satisfy.sample_size("ces", margin=0.1, expected=math.inf), "expected"),
        (lambda: satisfy.power("share", n=100, difference=5, expected="50"), "expected"),
    ],
)
def test_other_options_raise_option_error(call, name):
    with pytest.raises(OptionError, match=rf"^{name}=") as info:
        call()
    assert info.value.name == name


# --- 4. compare_groups without pairs --------------------------------------------------


def test_compare_groups_without_pairs_keeps_the_rest():
    scores = [10, 9, 9, 10, 8, 3, 2, 6, 5, 7, 9, 10, 7, 8, 6]
    g = satisfy.nps(scores, by=["chat"] * 5 + ["phone"] * 5 + ["email"] * 5)
    full = satisfy.compare_groups(g)
    quick = satisfy.compare_groups(g, pairwise=False)
    assert len(quick.pairs) == 0 and quick.pairs.a == () and quick.pairs.pvalue.shape == (0,)
    assert quick.pairs.to_records() == []
    assert quick.versus_rest.to_records() == full.versus_rest.to_records()
    assert (quick.test, quick.statistic, quick.pvalue) == (full.test, full.statistic, full.pvalue)
    assert "0 of 0 pairs" in repr(quick)


def test_compare_groups_without_pairs_scales_to_200000_groups():
    # every pair of 200,000 groups would be 2e10 comparisons (37 GiB for one array)
    rng = np.random.default_rng(5)
    k = 200_000
    counts = rng.multinomial(12, [0.2, 0.1, 0.2, 0.3, 0.2], size=k)
    g = GroupedTally(
        satisfy.scales.CSAT5,
        range(k),
        counts,
        counts.astype(float),
        counts.astype(float),
        np.zeros(k, np.int64),
    )
    res = satisfy.compare_groups(satisfy.csat(g), pairwise=False)
    assert len(res.pairs) == 0 and len(res.versus_rest) == k
    # the first group against the rest, checked against statsmodels' score test
    x, n = counts[:, 3:].sum(axis=1), counts.sum(axis=1)
    ref = smp.test_proportions_2indep(
        x[0], n[0], x.sum() - x[0], n.sum() - n[0], method="score", correction=False
    )
    assert res.versus_rest.pvalue[0] == pytest.approx(ref.pvalue, rel=1e-9)


def test_tally_shortcuts_stay_exact():
    t = Tally.from_counts({5: 3}, scale="CSAT5")
    assert satisfy.csat(t).value == 100.0


@pytest.mark.parametrize("n", [1, 3, 20])
def test_adjusted_wald_intervals_hold_the_observed_difference(n):
    # the adjusted Wald centre moves toward 0 at small n: all promoters against all
    # detractors (observed 200) had the interval 20 to 180 in trend and compare
    a, b = satisfy.nps([10] * n), satisfy.nps([0] * n)
    for res in (satisfy.compare(a, b), satisfy.compare(a, -100.0)):
        assert res.low <= res.difference <= res.high


def test_trend_changes_lie_in_their_intervals():
    import pandas as pd

    df = pd.DataFrame({"ltr": [0, 10], "when": pd.to_datetime(["2026-01-05", "2026-02-05"])})
    out = satisfy.trend(df, satisfy.NPS("ltr"), time="when", period="month")
    row = out.iloc[1]
    assert row["change"] == 200.0
    assert row["change_low"] <= row["change"] <= row["change_high"]
