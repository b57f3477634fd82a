"""The omnibus tests of ``satisfy._stats.omnibus`` against scipy, run in the test:
``scipy.stats.chi2_contingency(..., correction=False)`` for Pearson's chi-square test of
homogeneity and ``scipy.stats.kruskal`` (which applies the tie correction) on the answers
the counts stand for."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from satisfy._stats.omnibus import chi_square, kruskal_wallis, wald_equal_means


@pytest.mark.parametrize("seed", range(8))
def test_chi_square_agrees_with_scipy_chi2_contingency(seed: int) -> None:
    rng = np.random.default_rng(seed)
    groups, categories = rng.integers(2, 7), rng.integers(2, 5)
    table = rng.integers(1, 40, size=(groups, categories)).astype(np.float64)
    stat, df, p = chi_square(table)
    ref = stats.chi2_contingency(table, correction=False)
    assert stat == pytest.approx(ref.statistic, rel=1e-12)
    assert df == ref.dof
    assert p == pytest.approx(ref.pvalue, rel=1e-9)


def test_chi_square_leaves_out_a_category_no_group_uses() -> None:
    table = np.array([[10.0, 0.0, 20.0], [20.0, 0.0, 10.0]])
    ref = stats.chi2_contingency(table[:, [0, 2]], correction=False)
    stat, df, p = chi_square(table)
    assert (stat, df) == (pytest.approx(ref.statistic), ref.dof)
    assert p == pytest.approx(ref.pvalue)


@pytest.mark.parametrize("seed", range(8))
def test_kruskal_wallis_agrees_with_scipy_kruskal(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    groups, points = rng.integers(2, 6), rng.integers(3, 12)
    counts = rng.integers(0, 15, size=(groups, points)).astype(np.float64)
    counts[:, 0] += 1  # every group has answers
    h, df, p = kruskal_wallis(counts)
    answers = [np.repeat(np.arange(points), row.astype(int)) for row in counts]
    ref = stats.kruskal(*answers)
    assert h == pytest.approx(ref.statistic, rel=1e-10)
    assert df == groups - 1
    assert p == pytest.approx(ref.pvalue, rel=1e-8)


def test_kruskal_wallis_with_every_answer_tied_is_no_evidence() -> None:
    assert kruskal_wallis(np.array([[0.0, 4.0], [0.0, 3.0]])) == (0.0, 1.0, 1.0)


def test_wald_equal_means_is_cochrans_q_by_hand() -> None:
    # Q = sum w (x - xbar_w)^2 with w = 1/se^2: means 3, 4, 6 with se 0.5, 1, 2
    value, se = np.array([3.0, 4.0, 6.0]), np.array([0.5, 1.0, 2.0])
    w = 1 / se**2
    centre = (w * value).sum() / w.sum()
    q = (w * (value - centre) ** 2).sum()
    stat, df, p = wald_equal_means(value, se)
    assert stat == pytest.approx(q)
    assert df == 2
    assert p == pytest.approx(stats.chi2.sf(q, 2))
