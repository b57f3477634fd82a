"""Mann-Whitney p-values against ``scipy.stats.mannwhitneyu(method="auto")``.

scipy (1.17, ``_mannwhitneyu.py``) takes the exact null distribution of U when one sample
has at most 8 answers and there are no ties, and otherwise the normal approximation with
tie correction and continuity correction; satisfy must choose and compute alike.
"""

import numpy as np
import pytest
from scipy import stats

import satisfy

ALTERNATIVES = ("two-sided", "greater", "less")


def _compare(x, y, alternative):
    return satisfy.compare(
        satisfy.mean_score(x, scale="NPS"),
        satisfy.mean_score(y, scale="NPS"),
        method="mann-whitney",
        alternative=alternative,
    )


def _check(x, y, alternative):
    c = _compare(x, y, alternative)
    ref = stats.mannwhitneyu(x, y, alternative=alternative)  # method="auto"
    assert c.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_exact_without_ties_as_scipy(alternative):
    # answers all distinct on the 0-10 scale, at least one sample of at most 8
    rng = np.random.default_rng(12)
    for _ in range(60):
        na = int(rng.integers(1, 10))
        nb = int(rng.integers(1, 12 - na))
        values = rng.choice(11, na + nb, replace=False)
        _check(values[:na], values[na:], alternative)


def test_audit_example_exact_p():
    # 2 against 6 answers, no ties: the normal approximation gave 0.243, the exact
    # two-sided p (scipy's method="exact") is 2/7 = 0.286
    x, y = [0, 3], [1, 2, 4, 5, 6, 7]
    assert _compare(x, y, "two-sided").pvalue == pytest.approx(2 / 7, rel=1e-12)
    _check(x, y, "two-sided")
    # a larger one: 8 against 3
    _check([0, 1, 2, 4, 6, 7, 9, 10], [3, 5, 8], "two-sided")


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_asymptotic_with_ties_or_two_large_samples_as_scipy(alternative):
    rng = np.random.default_rng(13)
    for _ in range(40):
        na, nb = (int(k) for k in rng.integers(2, 40, 2))
        x, y = rng.integers(0, 11, na), rng.integers(0, 11, nb)
        _check(x, y, alternative)
    # tiny samples with a tie: asymptotic, as scipy
    _check([3, 3], [5], alternative)
    _check([1, 4, 4], [4, 7], alternative)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_tiny_samples(alternative):
    for x, y in [([1], [2]), ([9], [0]), ([0, 10], [5]), ([1, 2, 3], [4, 5, 6, 7, 8, 9, 10])]:
        _check(x, y, alternative)
