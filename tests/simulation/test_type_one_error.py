"""Fixed-seed slice of the type I error simulation: the default NPS and share tests keep
their level at alpha = 0.05 with 200 answers per group (the full table is produced by
``simulations/type_one_error.py``)."""

import numpy as np
import pytest

from satisfy import scales
from satisfy._definition import Definition
from satisfy.comparisons import _side, _two_sample
from satisfy.metrics import csat, nps

REPLICATES = 4000


def _rejection_rate(defn: Definition, probabilities, method, seed):
    rng = np.random.default_rng(seed)
    k = len(probabilities)
    a = rng.multinomial(200, probabilities, size=REPLICATES)
    b = rng.multinomial(200, probabilities, size=REPLICATES)
    sides = [_side(defn, c, c.astype(float), c.astype(float), False) for c in (a, b)]
    res = _two_sample(
        defn,
        *sides,
        method=method,
        confidence_level=0.95,
        alternative="two-sided",
        n_resamples=1,
        rng=rng,
    )
    assert res["p_value"].shape == (REPLICATES,)
    assert k == defn.scale.n_points
    return float((res["p_value"] < 0.05).mean())


NPS_TRUTHS = {
    "balanced": [0.03] * 7 + [0.12, 0.12, 0.27, 0.28],
    "detractor-heavy": [0.08] * 7 + [0.1, 0.1, 0.12, 0.12],
}
CSAT_TRUTHS = {
    "70 percent": [0.05, 0.1, 0.15, 0.4, 0.3],
    "90 percent": [0.02, 0.03, 0.05, 0.3, 0.6],
}


@pytest.mark.parametrize("name", sorted(NPS_TRUTHS))
def test_nps_adjusted_wald_keeps_its_level(name):
    probabilities = NPS_TRUTHS[name]
    defn = nps(np.arange(11)).definition
    rate = _rejection_rate(defn, probabilities, "adjusted-wald", seed=1)
    assert 0.03 <= rate <= 0.07, rate


@pytest.mark.parametrize("name", sorted(CSAT_TRUTHS))
def test_share_score_test_keeps_its_level(name):
    probabilities = CSAT_TRUTHS[name]
    defn = csat(np.arange(1, 6)).definition
    rate = _rejection_rate(defn, probabilities, "newcombe", seed=2)
    assert 0.03 <= rate <= 0.07, rate
    assert defn.scale == scales.CSAT5
