"""Key drivers: correlations against scipy, relative weights against a hand-checked case."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import satisfy
from satisfy._moments import relative_weights


def test_relative_weights_of_two_correlated_items_by_hand():
    # r12 = 0.5, r1y = 0.6, r2y = 0.4. For two items the symmetric square root of the
    # correlation matrix is [[a, b], [b, a]] with a = (sqrt(1.5) + sqrt(0.5)) / 2 = 0.965926
    # and b = (sqrt(1.5) - sqrt(0.5)) / 2 = 0.258819; its inverse times r gives
    # beta = (0.5496696, 0.2668268), and the weights are
    #   e1 = a^2 b1^2 + b^2 b2^2 = 0.9330127 * 0.3021367 + 0.0669873 * 0.0711966 = 0.2866667
    #   e2 = b^2 b1^2 + a^2 b2^2 = 0.0669873 * 0.3021367 + 0.9330127 * 0.0711966 = 0.0866666
    # summing to R^2 = r' R^-1 r = (0.6 * 0.4 + 0.4 * 0.1) / 0.75 = 0.373333.
    w = relative_weights(np.array([[1.0, 0.5], [0.5, 1.0]]), np.array([0.6, 0.4]))
    assert w == pytest.approx([0.2866667, 0.0866666], abs=1e-6)
    assert w.sum() == pytest.approx(0.373333, abs=1e-6)


def test_uncorrelated_items_get_their_squared_correlations():
    rng = np.random.default_rng(0)
    raw = rng.normal(size=(200, 3))
    x, _ = np.linalg.qr(raw - raw.mean(axis=0))  # centred and orthogonal: uncorrelated
    y = x @ [3.0, 1.0, 0.5] + rng.normal(size=200) * 0.05
    t = satisfy.drivers(y, {f"x{j}": x[:, j] for j in range(3)})
    r = np.array([np.corrcoef(x[:, j], y)[0, 1] for j in range(3)])
    order = [int(name[1]) for name in t.items]
    assert t.weight == pytest.approx(r[order] ** 2, abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_weights_sum_to_the_regression_r_squared_and_correlations_match_scipy(seed):
    rng = np.random.default_rng(seed)
    n, k = 300, int(rng.integers(2, 6))
    latent = rng.normal(size=n)
    x = np.clip(np.round(4 + latent[:, None] + rng.normal(size=(n, k))), 1, 7)
    y = np.clip(np.round(5 + 2 * latent + x[:, 0] * 0.3 + rng.normal(size=n)), 0, 10)
    t = satisfy.drivers(y, {f"x{j}": x[:, j] for j in range(k)}, scale="LIKERT7")
    design = np.column_stack([np.ones(n), x])
    fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    r2 = 1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    assert t.r_squared == pytest.approx(r2, abs=1e-10)
    for i, name in enumerate(t.items):
        ref = stats.pearsonr(x[:, int(name[1])], y)
        ci = ref.confidence_interval(0.95)
        assert t.correlation[i] == pytest.approx(ref.statistic, abs=1e-12)
        assert (t.low[i], t.high[i]) == pytest.approx((ci.low, ci.high), abs=1e-9)
        assert t.pvalue[i] == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-300)
    assert list(t.weight) == sorted(t.weight, reverse=True)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_a_perfect_correlation_is_its_limit_as_in_scipy(sign):
    # r = +-1: scipy.stats.pearsonr gives p = 0; the Fisher z interval degenerates to r
    # (it used to be clipped to 1 - 1e-15, an interval that excluded its own estimate)
    x = np.array([1, 2, 3, 4, 5, 1, 2, 3, 4, 5.0])
    other = np.array([2, 1, 4, 3, 5, 2, 2, 3, 5, 4.0])
    row = satisfy.drivers(sign * x, {"a": x, "b": other}).to_records()
    a = next(r for r in row if r["item"] == "a")
    ref = stats.pearsonr(x, sign * x)
    assert a["correlation"] == ref.statistic == sign
    assert a["pvalue"] == ref.pvalue == 0.0
    assert a["low"] <= a["correlation"] <= a["high"]
