"""The BCa interval against Efron and Tibshirani's formulas, scipy and R's ``boot``.

Bootstrap intervals of two runs cannot be compared value for value (different resamples),
so these tests fix the bootstrap values and check the interval built from them: the bias
correction and acceleration written out from the textbook (Efron, B. and Tibshirani, R. J.
1993, *An Introduction to the Bootstrap*, eq. 14.10 to 14.15), with the acceleration from a
plain jackknife over the raw answers (not the tally's shortcut); scipy's
``stats.bootstrap(method="BCa")`` fed the same bootstrap values where no value ties with the
estimate (scipy counts ties as one half, the textbook and ``boot`` count only values below);
and R's ``boot.ci(type="bca")`` run on the same values (tests/reference/r/bca.R, output in
tests/reference/data/bca_boot.csv).
"""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import special, stats

import satisfy
from satisfy._stats import resampling

NPS_COEF = np.array([-100.0, 0.0, 100.0])


def fixed_boot(counts, coef, b, seed):
    """Bootstrap values of ``counts @ coef / n`` from a fixed multinomial stream."""
    counts = np.asarray(counts)
    n = counts.sum()
    draws = np.random.default_rng(seed).multinomial(n, counts / n, size=b)
    return draws @ coef / n


def textbook_bca(counts, coef, boot, level):
    """Efron and Tibshirani (1993), eq. 14.10-14.15, with a jackknife over the raw rows."""
    x = np.repeat(coef, counts)
    n = x.shape[0]
    theta = x.mean()
    z0 = special.ndtri(np.mean(boot < theta))  # eq. 14.14: only values strictly below
    theta_i = np.array([np.delete(x, i).mean() for i in range(n)])  # eq. 14.15
    u = theta_i.mean() - theta_i
    a = np.sum(u**3) / (6 * np.sum(u**2) ** 1.5)
    ends = []
    for q in ((1 - level) / 2, (1 + level) / 2):
        zq = special.ndtri(q)
        ends.append(np.quantile(boot, special.ndtr(z0 + (z0 + zq) / (1 - a * (z0 + zq)))))
    return ends


CASES = [((1, 1, 28), 9999, 1), ((3, 5, 12), 4000, 2), ((10, 30, 60), 9999, 3), ((2, 2, 6), 999, 4)]


@pytest.mark.parametrize(("counts", "b", "seed"), CASES)
@pytest.mark.parametrize("level", [0.95, 0.8])
def test_bca_follows_the_textbook_bias_correction(counts, b, seed, level):
    boot = fixed_boot(counts, NPS_COEF, b, seed)
    # on a discrete scale many resamples equal the estimate; they must not count as below
    theta = np.asarray(counts) @ NPS_COEF / sum(counts)
    assert np.sum(boot == theta) > 0
    low, high = resampling.bca_interval(
        boot[:, None], np.asarray(counts, dtype=float)[None, :], NPS_COEF, level
    )
    want_low, want_high = textbook_bca(np.asarray(counts), NPS_COEF, boot, level)
    assert low[0] == pytest.approx(want_low, abs=1e-9)
    assert high[0] == pytest.approx(want_high, abs=1e-9)


def test_bca_agrees_with_scipy_on_the_same_bootstrap_values_without_ties():
    # a mean on irregular points: no bootstrap value equals the estimate, and there scipy's
    # half-count and the textbook's count agree
    coef = np.sqrt([2.0, 5.0, 11.0, 23.0, 47.0])
    counts = np.array([30, 80, 50, 90, 40])
    boot = fixed_boot(counts, coef, 5000, 11)
    theta = counts @ coef / counts.sum()
    assert not np.any(boot == theta)
    low, high = resampling.bca_interval(boot[:, None], counts[None, :].astype(float), coef, 0.9)
    ref = stats.bootstrap(
        (np.repeat(coef, counts),),
        np.mean,
        n_resamples=0,
        method="BCa",
        confidence_level=0.9,
        bootstrap_result=SimpleNamespace(bootstrap_distribution=boot),
    ).confidence_interval
    assert low[0] == pytest.approx(ref.low, rel=1e-9)
    assert high[0] == pytest.approx(ref.high, rel=1e-9)


def test_audit_example_moves_towards_boot():
    # the audit: counts 1/1/28 (detractor, passive, promoters) gave 63.3 to 100 here and
    # 54.6 to 96.7 in R's boot; with the textbook bias correction the lower end comes down
    e = satisfy.nps(satisfy.Tally.from_counts({0: 1, 7: 1, 10: 28}, scale="NPS"))
    ci = e.confidence_interval(method="bootstrap", n_resamples=9999, rng=0)
    assert ci.low == pytest.approx(54.6, abs=3.5)
    assert ci.high == pytest.approx(96.7, abs=3.5)


DATA = Path(__file__).parent / "data"


def _read_csv(name):
    lines = [x for x in (DATA / name).read_text().splitlines() if not x.startswith("#")]
    head = lines[0].split(",")
    return [dict(zip(head, map(float, line.split(",")))) for line in lines[1:]]


def _textbook_levels(counts, boot, level):
    x = np.repeat(NPS_COEF, counts)
    theta = x.mean()
    z0 = special.ndtri(np.mean(boot < theta))
    theta_i = np.array([np.delete(x, i).mean() for i in range(x.shape[0])])
    u = theta_i.mean() - theta_i
    a = np.sum(u**3) / (6 * np.sum(u**2) ** 1.5)
    zq = special.ndtri(np.array([(1 - level) / 2, (1 + level) / 2]))
    return special.ndtr(z0 + (z0 + zq) / (1 - a * (z0 + zq)))


def test_bca_agrees_with_r_boot_on_the_same_bootstrap_values():
    # R 4.2.2, boot 1.3.28.1: boot.ci(type = "bca") on the bootstrap values of
    # data/bca_boot_values.csv (script: r/bca.R). boot reports the positions (B + 1) alpha~
    # of its adjusted levels, rounded to two decimals, and interpolates its ends on the
    # normal scale between the two order statistics around them
    values = _read_csv("bca_boot_values.csv")
    for ref in _read_csv("bca_boot.csv"):
        rows = [v for v in values if v["case"] == ref["case"]]
        counts = np.array([rows[0]["detractors"], rows[0]["passives"], rows[0]["promoters"]])
        n = counts.sum()
        boot = np.array([100 * r["net"] / n for r in rows])
        b = boot.shape[0]
        level = ref["confidence_level"]
        assert counts @ NPS_COEF / n == pytest.approx(ref["t0"])
        levels = _textbook_levels(counts.astype(int), boot, level)
        np.testing.assert_allclose(levels * (b + 1), [ref["rk_low"], ref["rk_high"]], atol=0.0051)
        low, high = resampling.bca_interval(boot[:, None], counts[None, :], NPS_COEF, level)
        np.testing.assert_allclose([low[0], high[0]], np.quantile(boot, levels), atol=1e-9)
        ordered = np.sort(boot)
        for end, rk, theirs in (
            (low[0], ref["rk_low"], ref["low"]),
            (high[0], ref["rk_high"], ref["high"]),
        ):
            k = int(np.clip(np.floor(rk), 1, b))
            around = ordered[[max(k - 2, 0), min(k, b - 1)]]
            assert around[0] - 1e-9 <= end <= around[1] + 1e-9
            assert around[0] - 1e-6 <= theirs <= around[1] + 1e-6
