"""McNemar's test with continuity correction against statsmodels
(``statsmodels.stats.contingency_tables.mcnemar(table, exact=False, correction=True)``,
statsmodels 0.15, which computes R's ``mcnemar.test(correct = TRUE)``)."""

import numpy as np
import pytest
from statsmodels.stats.contingency_tables import mcnemar

import satisfy


def _table(before, after):
    b_in, a_in = before >= 4, after >= 4
    return [
        [(b_in & a_in).sum(), (b_in & ~a_in).sum()],
        [(~b_in & a_in).sum(), (~b_in & ~a_in).sum()],
    ]


def test_mcnemar_cc_agrees_with_statsmodels():
    rng = np.random.default_rng(15)
    checked = 0
    for _ in range(40):
        n = int(rng.integers(5, 300))
        before = rng.integers(1, 6, n)
        after = np.clip(before + rng.integers(-1, 2, n), 1, 5)
        table = _table(before, after)
        lost, gained = table[0][1], table[1][0]
        if lost + gained == 0:
            continue
        checked += 1
        c = satisfy.compare_paired(before, after, metric="csat", method="mcnemar-cc")
        ref = mcnemar(table, exact=False, correction=True)
        assert c.method == "mcnemar-cc"
        assert c.statistic**2 == pytest.approx(ref.statistic, rel=1e-9)
        assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9)
        # one-sided: half the two-sided p on the side the discordant pairs lean to
        side = "greater" if gained > lost else "less"
        if gained != lost:
            one = satisfy.compare_paired(
                before, after, metric="csat", method="mcnemar-cc", alternative=side
            )
            assert one.pvalue == pytest.approx(ref.pvalue / 2, rel=1e-9)
    assert checked > 30


def test_mcnemar_cc_on_a_published_table():
    # R 4.2.2: mcnemar.test(matrix(c(794, 86, 150, 570), 2)) (Agresti 2002, table 10.1,
    # presidential approval) -> McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05
    b_in = np.r_[np.ones(794 + 150), np.zeros(86 + 570)].astype(bool)
    a_in = np.r_[np.ones(794), np.zeros(150), np.ones(86), np.zeros(570)].astype(bool)
    before, after = np.where(b_in, 5, 1), np.where(a_in, 5, 1)
    c = satisfy.compare_paired(before, after, metric="csat", method="mcnemar-cc")
    assert c.statistic**2 == pytest.approx(16.818, abs=5e-4)
    assert c.pvalue == pytest.approx(4.115e-05, rel=1e-3)
