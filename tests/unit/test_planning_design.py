"""Planning with a survey design: the design effect in sample sizes and power."""

import math

import pytest

import satisfy


def test_design_effect_multiplies_the_answers_needed():
    # Kish (1965, 8.2): a design's sample needs deff times a simple random sample's answers
    from scipy import stats

    z = stats.norm.ppf(0.975)
    for deff in (0.8, 1.5, 2.37):
        expected = math.ceil(deff * z * z * 0.8 * 0.2 / 0.03**2 - 1e-9)
        plan = satisfy.sample_size("csat", margin=3, expected=80, design_effect=deff)
        assert plan.n == expected
        assert f"design effect {deff:g}" in plan.assumption
    plain = satisfy.sample_size_difference("nps", difference=10)
    doubled = satisfy.sample_size_difference("nps", difference=10, design_effect=2)
    assert doubled.n in (2 * plain.n - 1, 2 * plain.n)
    # n answers of a design with deff 2 have the power of n / 2 simple random answers
    assert satisfy.power("share", n=200, difference=10, expected=50, design_effect=2) == (
        pytest.approx(satisfy.power("share", n=100, difference=10, expected=50), rel=1e-12)
    )


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "2"])
def test_design_effect_must_be_a_positive_number(bad):
    with pytest.raises(satisfy.OptionError, match="design_effect"):
        satisfy.sample_size("nps", margin=5, design_effect=bad)
