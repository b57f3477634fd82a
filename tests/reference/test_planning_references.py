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


# statsmodels names the sides "larger" / "smaller"; satisfy, as scipy, "greater" / "less"
_SM_SIDE = {"greater": "larger", "less": "smaller", "two-sided": "two-sided"}


@pytest.mark.parametrize("alternative", ["greater", "less"])
@pytest.mark.parametrize("difference", [10.0, -10.0, 3.0, -25.0])
def test_one_sided_share_power_follows_the_direction_as_statsmodels(alternative, difference):
    # the audit's case: power("share", n=200, difference=10, expected=50, alternative="less")
    # was 0.643 (it used |p1 - p2|); statsmodels' power_proportions_2indep gives 0.00012
    for n, baseline, ratio in [(200, 50.0, 1.0), (80, 40.0, 2.0), (500, 70.0, 0.5)]:
        ours = satisfy.power(
            "share",
            n=n,
            difference=difference,
            expected=baseline,
            ratio=ratio,
            alternative=alternative,
        )
        theirs = sm_proportion.power_proportions_2indep(
            difference / 100,
            baseline / 100,
            n,
            ratio=ratio,
            alpha=0.05,
            alternative=_SM_SIDE[alternative],
            return_results=False,
        )
        assert ours == pytest.approx(theirs, rel=1e-6, abs=1e-12)
    wrong_way = (difference > 0) == (alternative == "less")
    if wrong_way:
        assert ours < 0.05


def test_audit_share_example_against_statsmodels():
    ours = satisfy.power("share", n=200, difference=10, expected=50, alternative="less")
    theirs = sm_proportion.power_proportions_2indep(
        0.1, 0.5, 200, alpha=0.05, alternative="smaller", return_results=False
    )
    assert theirs == pytest.approx(0.00012, abs=5e-6)
    assert ours == pytest.approx(theirs, rel=1e-6)
    assert satisfy.power(
        "share", n=200, difference=-10, expected=50, alternative="greater"
    ) == pytest.approx(
        sm_proportion.power_proportions_2indep(
            -0.1, 0.5, 200, alpha=0.05, alternative="larger", return_results=False
        ),
        rel=1e-6,
    )


@pytest.mark.parametrize("metric", ["nps", "mean"])
@pytest.mark.parametrize("alternative", ["greater", "less", "two-sided"])
@pytest.mark.parametrize("difference", [8.0, -8.0])
def test_nps_and_mean_power_follow_the_direction_as_statsmodels(metric, alternative, difference):
    # NPS and means: a z test on a standardised effect, statsmodels' NormalIndPower
    expected = (40, 20) if metric == "nps" else 30.0
    sd = math.sqrt(0.4 + 0.2 - 0.2**2) * 100 if metric == "nps" else 30.0
    for n, ratio in [(150, 1.0), (400, 0.5), (60, 3.0)]:
        ours = satisfy.power(
            metric,
            n=n,
            difference=difference,
            expected=expected,
            ratio=ratio,
            alternative=alternative,
        )
        theirs = NormalIndPower().power(
            effect_size=difference / sd,
            nobs1=n,
            alpha=0.05,
            ratio=ratio,
            alternative=_SM_SIDE[alternative],
        )
        if alternative == "two-sided":
            # statsmodels adds the far tail, satisfy (as R's power.prop.test) does not;
            # the far tail is below 1e-4 where the power exceeds one half
            if theirs > 0.5:
                assert ours == pytest.approx(theirs, abs=1e-4)
        else:
            assert ours == pytest.approx(theirs, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("metric", ["nps", "mean", "share"])
def test_one_sided_sample_size_follows_the_direction_as_statsmodels(metric):
    expected = {"nps": (40, 20), "mean": 30.0, "share": 50.0}[metric]
    sd = {"nps": math.sqrt(0.4 + 0.2 - 0.2**2) * 100, "mean": 30.0}.get(metric)
    for difference, alternative in [(8.0, "greater"), (-8.0, "less")]:
        n = satisfy.sample_size_difference(
            metric, difference=difference, expected=expected, alternative=alternative
        ).n
        if sd is None:
            theirs = sm_proportion.samplesize_proportions_2indep_onetail(
                difference / 100, 0.5, 0.8, alpha=0.05, alternative=_SM_SIDE[alternative]
            )
        else:
            theirs = NormalIndPower().solve_power(
                effect_size=difference / sd,
                alpha=0.05,
                power=0.8,
                alternative=_SM_SIDE[alternative],
            )
        assert abs(n - theirs) <= 1.5
    # a one-sided test facing away from the difference never reaches the power: the power
    # statsmodels gives stays below alpha at any n, so no sample size is proposed
    for difference, alternative in [(8.0, "less"), (-8.0, "greater")]:
        with pytest.raises(satisfy.OptionError, match="cannot detect"):
            satisfy.sample_size_difference(
                metric, difference=difference, expected=expected, alternative=alternative
            )
        far = NormalIndPower().power(
            effect_size=difference / (sd or 50.0),
            nobs1=1e6,
            alpha=0.05,
            alternative=_SM_SIDE[alternative],
        )
        assert far < 0.05
