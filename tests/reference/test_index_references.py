"""Composite index and Cronbach's alpha against pingouin and the ACSI formula."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin
import pytest

import satisfy


@pytest.mark.parametrize("seed", range(6))
def test_alpha_and_feldt_interval_equal_pingouin(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(10, 300)), int(rng.integers(2, 7))
    latent = rng.normal(size=n)
    raw = latent[:, None] * rng.uniform(0.3, 1.5) + rng.normal(size=(n, k))
    answers = np.clip(np.round(4 + raw), 1, 7)
    frame = pd.DataFrame(answers, columns=[f"i{j}" for j in range(k)])
    rel = satisfy.cronbach_alpha({c: frame[c] for c in frame}, scale="LIKERT7")
    ref_alpha, ref_ci = pingouin.cronbach_alpha(frame)
    assert rel.alpha == pytest.approx(ref_alpha, abs=1e-12)
    assert (rel.low, rel.high) == pytest.approx(tuple(ref_ci), abs=5e-4)  # pingouin rounds to 3
    assert rel.n == n


def test_alpha_uses_complete_cases_like_pingouin_listwise():
    rng = np.random.default_rng(11)
    answers = rng.integers(1, 8, size=(120, 4)).astype(float)
    answers[:, 1] = np.clip(answers[:, 0] + rng.integers(-1, 2, 120), 1, 7)
    answers[rng.random((120, 4)) < 0.05] = np.nan
    frame = pd.DataFrame(answers, columns=list("abcd"))
    rel = satisfy.cronbach_alpha({c: frame[c] for c in frame}, scale="LIKERT7")
    ref_alpha, _ = pingouin.cronbach_alpha(frame, nan_policy="listwise")
    assert rel.alpha == pytest.approx(ref_alpha, abs=1e-12)
    # pingouin's listwise interval keeps the row count from before the rows were dropped;
    # Feldt's interval is for the customers actually used
    assert rel.n == len(frame.dropna()) < len(frame)


def test_item_rest_correlations_are_pearson_with_the_other_items():
    rng = np.random.default_rng(7)
    x = rng.integers(1, 6, size=(50, 4)).astype(float)
    rel = satisfy.cronbach_alpha({f"i{j}": x[:, j] for j in range(4)}, scale="CSAT5")
    for j in range(4):
        rest = np.delete(x, j, axis=1).sum(axis=1)
        assert rel.item_rest[f"i{j}"] == pytest.approx(np.corrcoef(x[:, j], rest)[0, 1])


def test_acsi_style_index_is_the_weighted_pomp_of_item_means():
    rng = np.random.default_rng(3)
    items = {name: rng.integers(1, 11, 200) for name in ("quality", "value", "expectations")}
    w = {"quality": 0.4, "value": 0.35, "expectations": 0.25}
    idx = satisfy.index(items, item_weights=w, scale="ACSI10")
    acsi = sum(w[name] * (np.mean(v) - 1) / 9 * 100 for name, v in items.items())
    assert idx.value == pytest.approx(acsi, abs=1e-10)
    scores = sum(w[name] * (v - 1) / 9 * 100 for name, v in items.items())
    low, high = idx.confidence_interval(0.95)
    from scipy import stats

    ref = stats.ttest_1samp(scores, 0).confidence_interval(0.95)
    assert (low, high) == pytest.approx((ref.low, ref.high), abs=1e-9)
