"""compare_groups over many groups against statsmodels run here, vectorised over all pairs.

statsmodels' ``test_proportions_2indep(method="score", correction=False)`` is the pooled
score z test (Farrington-Manning at a null difference of 0, the score test satisfy
reports for shares); ``confint_proportions_2indep(method="newcomb")`` is Newcombe's (1998)
hybrid score interval (method 10); ``multipletests`` adjusts. Both take arrays, so one call
checks every pair.
"""

import numpy as np
import pytest
from statsmodels.stats import proportion as smp
from statsmodels.stats.multitest import multipletests

import satisfy

ADJUST = {"holm": "holm", "bonferroni": "bonferroni", "bh": "fdr_bh", "by": "fdr_by"}


@pytest.mark.parametrize("adjust", sorted(ADJUST))
def test_every_pair_and_every_group_against_the_rest_agree_with_statsmodels(adjust):
    rng = np.random.default_rng(20261128)
    n_groups = 60
    scores = rng.integers(1, 6, 30_000)
    keys = rng.integers(0, n_groups, scores.size)
    grouped = satisfy.csat(scores, by=keys)
    res = satisfy.compare_groups(grouped, adjust=adjust)
    x = grouped.counts["satisfied"].astype(float)
    n = grouped.n.astype(float)

    ia, ib = np.triu_indices(n_groups, k=1)
    test = smp.test_proportions_2indep(x[ia], n[ia], x[ib], n[ib], method="score", correction=False)
    low, high = smp.confint_proportions_2indep(x[ia], n[ia], x[ib], n[ib], method="newcomb")
    assert res.pairs.a == tuple(grouped.groups[i] for i in ia)
    assert res.pairs.b == tuple(grouped.groups[j] for j in ib)
    np.testing.assert_allclose(res.pairs.difference, (x[ia] / n[ia] - x[ib] / n[ib]) * 100)
    np.testing.assert_allclose(res.pairs.statistic, test.statistic, rtol=1e-10)
    np.testing.assert_allclose(res.pairs.pvalue, test.pvalue, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(res.pairs.low, low * 100, rtol=0, atol=1e-10)
    np.testing.assert_allclose(res.pairs.high, high * 100, rtol=0, atol=1e-10)
    adjusted = multipletests(res.pairs.pvalue, method=ADJUST[adjust])[1]
    np.testing.assert_allclose(res.pairs.pvalue_adjusted, adjusted, rtol=1e-12)

    xr, nr = x.sum() - x, n.sum() - n
    rest = smp.test_proportions_2indep(x, n, xr, nr, method="score", correction=False)
    rlow, rhigh = smp.confint_proportions_2indep(x, n, xr, nr, method="newcomb")
    np.testing.assert_allclose(res.versus_rest.pvalue, rest.pvalue, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(res.versus_rest.low, rlow * 100, rtol=0, atol=1e-10)
    np.testing.assert_allclose(res.versus_rest.high, rhigh * 100, rtol=0, atol=1e-10)
    adjusted = multipletests(res.versus_rest.pvalue, method=ADJUST[adjust])[1]
    np.testing.assert_allclose(res.versus_rest.pvalue_adjusted, adjusted, rtol=1e-12)

    quick = satisfy.compare_groups(grouped, adjust=adjust, pairwise=False)
    assert quick.versus_rest.to_records() == res.versus_rest.to_records()


@pytest.mark.parametrize("method", ["agresti-caffo", "wald"])
def test_other_share_intervals_agree_with_statsmodels(method):
    rng = np.random.default_rng(7)
    scores = rng.integers(1, 6, 4_000)
    keys = rng.integers(0, 12, scores.size)
    grouped = satisfy.csat(scores, by=keys)
    res = satisfy.compare_groups(grouped, method=method)
    x = grouped.counts["satisfied"].astype(float)
    n = grouped.n.astype(float)
    ia, ib = np.triu_indices(12, k=1)
    low, high = smp.confint_proportions_2indep(x[ia], n[ia], x[ib], n[ib], method=method)
    np.testing.assert_allclose(res.pairs.low, low * 100, rtol=0, atol=1e-10)
    np.testing.assert_allclose(res.pairs.high, high * 100, rtol=0, atol=1e-10)


@pytest.mark.parametrize("adjust", sorted(ADJUST))
@pytest.mark.parametrize("shape", ["uniform", "few values", "many small", "near ties"])
def test_adjusting_many_p_values_agrees_with_statsmodels(adjust, shape):
    # large families take satisfy's fast paths (Holm sorts only the p-values that can
    # adjust below 1; the others use a packed sort that must still be exact with values
    # that differ only in their last bits)
    rng = np.random.default_rng(11)
    m = 120_000
    p = {
        "uniform": rng.random(m),
        "few values": rng.choice(rng.random(40), m),
        "many small": rng.random(m) ** 30,
        "near ties": 0.25 + rng.integers(0, 50, m) * 2.0**-50,
    }[shape]
    ours = satisfy.adjust_pvalues(p, adjust=adjust)
    np.testing.assert_allclose(ours, multipletests(p, method=ADJUST[adjust])[1], rtol=1e-13)
