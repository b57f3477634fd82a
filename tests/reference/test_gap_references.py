"""Expectation gaps against scipy's paired t test and statsmodels' Wilson interval."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import satisfy
from satisfy.datasets import load_demo


@pytest.mark.parametrize("seed", range(5))
def test_mean_gap_interval_is_scipy_ttest_rel(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    perceived = rng.integers(1, 8, n)
    expected = np.clip(perceived + rng.integers(-3, 3, n), 1, 7)
    g = satisfy.gap(perceived, expected, scale="LIKERT7")
    ref = stats.ttest_rel(perceived, expected)
    ci = g.mean.confidence_interval(0.9)
    ref_ci = ref.confidence_interval(0.9)
    assert g.mean.value == pytest.approx(np.mean(perceived - expected), abs=1e-12)
    assert (ci.low, ci.high) == pytest.approx((ref_ci.low, ref_ci.high), abs=1e-9)
    test = satisfy.compare(g.mean, 0)  # the paired t test is the one-sample t on gaps
    assert test.pvalue == pytest.approx(ref.pvalue, abs=1e-9)


def test_share_met_is_the_wilson_interval_of_non_negative_gaps():
    demo = load_demo()
    g = satisfy.gap(demo["perceived_speed"], demo["expected_speed"], scale="LIKERT7")
    met = int((demo["perceived_speed"] >= demo["expected_speed"]).sum())
    low, high = proportion_confint(met, len(demo), alpha=0.05, method="wilson")
    ci = g.met.confidence_interval()
    assert g.met.value == pytest.approx(100 * met / len(demo))
    assert (ci.low, ci.high) == pytest.approx((100 * low, 100 * high), abs=1e-9)


def test_grouped_gaps_equal_one_gap_per_group():
    demo = load_demo()
    p, e = demo["perceived_courtesy"], demo["expected_courtesy"]
    g = satisfy.gap(p, e, scale="LIKERT7", by=demo["channel"])
    for i, key in enumerate(g.mean.groups):
        rows = demo["channel"] == key
        ref = stats.ttest_rel(p[rows].to_numpy(float), e[rows].to_numpy(float))
        low = g.mean.confidence_interval().low[i]
        assert low == pytest.approx(ref.confidence_interval().low, abs=1e-9)
