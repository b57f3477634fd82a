"""Planning formulas against R, statsmodels and closed forms."""

import math

import numpy as np
import pytest
from statsmodels.stats import proportion as sm_proportion
from statsmodels.stats.power import NormalIndPower

import satisfy


def test_r_power_prop_test():
    # R: power.prop.test(n = 50, p1 = 0.5, p2 = 0.75) -> power = 0.7401659
    assert satisfy.power("share", n=50, difference=25, expected=50) == pytest.approx(
        0.7401659, abs=5e-5
    )
    # R: power.prop.test(p1 = 0.5, p2 = 0.75, power = 0.9) -> n = 76.65294
    assert satisfy.sample_size_difference("share", difference=25, expected=50, power=0.9).n == 77


def test_share_power_agrees_with_statsmodels():
    rng = np.random.default_rng(17)
    for _ in range(50):
        p2 = float(rng.uniform(0.1, 0.8))
        diff = float(rng.uniform(0.02, 0.15))
        n = int(rng.integers(20, 2000))
        ratio = float(rng.choice([0.5, 1.0, 2.0]))
        ours = satisfy.power("share", n=n, difference=diff * 100, expected=p2 * 100, ratio=ratio)
        theirs = sm_proportion.power_proportions_2indep(
            diff, p2, n, ratio=ratio, alpha=0.05, alternative="two-sided", return_results=False
        )
        # statsmodels adds the far tail (R's strict = TRUE); where power exceeds 1/2 that
        # tail is below 1e-4, so the two must agree there
        if theirs > 0.5:
            assert ours == pytest.approx(theirs, abs=1e-4)
        needed = satisfy.sample_size_difference(
            "share", difference=diff * 100, expected=p2 * 100, ratio=ratio, power=0.8
        ).n
        sm_n = sm_proportion.samplesize_proportions_2indep_onetail(
            diff, p2, 0.8, ratio=ratio, alpha=0.05, alternative="two-sided"
        )
        assert abs(needed - sm_n) <= 1.5


def test_mean_sample_size_agrees_with_statsmodels_normal_power():
    n = satisfy.sample_size_difference("mean", difference=0.5, expected=1.5).n
    effect = 0.5 / 1.5
    sm_n = NormalIndPower().solve_power(effect_size=effect, alpha=0.05, power=0.8, ratio=1)
    assert n == math.ceil(sm_n)


def test_one_sample_margins_are_the_wald_formula():
    assert satisfy.sample_size("share", margin=5).n == math.ceil(1.959964**2 * 0.25 / 0.05**2)
    s = satisfy.sample_size("nps", margin=5, expected=(40, 20))
    var = 0.4 + 0.2 - 0.2**2
    assert s.n == math.ceil(1.959964**2 * var / 0.05**2)
    assert not s.worst_case
    assert satisfy.sample_size("nps", margin=5).worst_case
    assert "worst case" in repr(satisfy.sample_size("mean", margin=0.1, scale="CSAT5"))
    # the published margin: n = 500, 40% promoters, 20% detractors -> about +/-6.6 points
    assert satisfy.sample_size("nps", margin=6.6, expected=(40, 20)).n == pytest.approx(500, abs=10)


def test_planning_errors():
    with pytest.raises(satisfy.OptionError):
        satisfy.sample_size("median", margin=1)
    with pytest.raises(satisfy.SatisfyError, match="scale"):
        satisfy.sample_size("mean", margin=0.1)
    with pytest.raises(satisfy.SatisfyError):
        satisfy.sample_size("share", margin=0)
