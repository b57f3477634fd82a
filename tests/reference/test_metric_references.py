"""Metric intervals against numbers this project did not compute.

Sources are named with each check: published tables, R packages (values quoted in the
issue and the papers), and independent implementations (statsmodels, scipy) run here.
"""

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import satisfy
from satisfy import Tally, scales


def nps_tally(detractors: int, passives: int, promoters: int) -> Tally:
    return Tally.from_counts({0: detractors, 7: passives, 9: promoters}, scale=scales.NPS)


ROCKS = nps_tally(8, 15, 13)  # the worked example of the R package NPS (Rocks)


def test_rocks_nps_value_and_wald():
    # R package NPS: nps() = 0.1389, nps_se() = 0.12517, Wald 95% -0.1064 to 0.3842
    e = satisfy.nps(ROCKS)
    assert e.value / 100 == pytest.approx(0.1389, abs=5e-5)
    assert e.se / 100 == pytest.approx(0.12517, abs=5e-6)
    ci = e.confidence_interval(0.95, method="wald")
    assert (ci.low / 100, ci.high / 100) == pytest.approx((-0.1064, 0.3842), abs=5e-5)


@pytest.mark.parametrize(
    ("level", "expected"), [(0.95, (-0.1068, 0.3632)), (0.90, (-0.0690, 0.3254))]
)
def test_rocks_adjusted_wald(level, expected):
    # R package NPS, nps_ci(method = "wald", adjusted): 3/4, 3/2, 3/4 pseudo-observations
    ci = satisfy.nps(ROCKS).confidence_interval(level)
    assert ci.method == "adjusted-wald"
    assert (ci.low / 100, ci.high / 100) == pytest.approx(expected, abs=5e-5)


def test_rocks_score():
    # R package NPS, score interval: -0.1120 to 0.3713
    ci = satisfy.nps(ROCKS).confidence_interval(0.95, method="score")
    assert (ci.low / 100, ci.high / 100) == pytest.approx((-0.1120, 0.3713), abs=5e-5)


def test_rocks_variance_of_counts_1_2_3():
    # R package NPS: npvar(c(1, 2, 3)) = 5/9, the variance of one answer's +1/0/-1 score
    e = satisfy.nps(nps_tally(1, 2, 3))
    assert (e.se / 100) ** 2 * e.n == pytest.approx(5 / 9, rel=1e-12)


def test_published_nps_margin():
    # n = 500, 40% promoters and 20% detractors: NPS 20 +/- 6.6 (Wald, 95%)
    e = satisfy.nps(nps_tally(100, 200, 200))
    ci = e.confidence_interval(method="wald")
    assert e.value == pytest.approx(20.0)
    assert (ci.high - ci.low) / 2 == pytest.approx(6.6, abs=0.05)


def share(x: int, n: int) -> satisfy.Estimate:
    return satisfy.top_box(Tally.from_counts([n - x, x], scale=satisfy.Scale(0, 1)))


@pytest.mark.parametrize(
    ("x", "n", "method", "expected"),
    [
        # Newcombe (1998), Stat Med 17:857, Table I
        (81, 263, "wilson", (0.2553, 0.3662)),
        (81, 263, "clopper-pearson", (0.2527, 0.3676)),
        (15, 148, "wilson", (0.0624, 0.1605)),
        (0, 20, "wilson", (0.0, 0.1611)),
        (0, 20, "clopper-pearson", (0.0, 0.1684)),
        (1, 29, "wilson", (0.0061, 0.1718)),
    ],
)
def test_newcombe_table_1(x, n, method, expected):
    ci = share(x, n).confidence_interval(0.95, method=method)
    assert (ci.low / 100, ci.high / 100) == pytest.approx(expected, abs=5e-5)


@pytest.mark.parametrize(
    ("method", "expected"),
    [("agresti-coull", (0.686756, 0.984344)), ("wilson", (0.698966, 0.972134))],
)
def test_r_binom_18_of_20(method, expected):
    # R package binom, binom.confint(18, 20)
    ci = share(18, 20).confidence_interval(0.95, method=method)
    assert (ci.low / 100, ci.high / 100) == pytest.approx(expected, abs=5e-7)


STATSMODELS = {
    "wilson": "wilson",
    "agresti-coull": "agresti_coull",
    "clopper-pearson": "beta",
    "jeffreys": "jeffreys",
    "wald": "normal",
}


@pytest.mark.parametrize("method", sorted(STATSMODELS))
def test_share_methods_agree_with_statsmodels(method):
    rng = np.random.default_rng(42)
    for _ in range(200):
        n = int(rng.integers(1, 2000))
        x = int(rng.integers(1, n)) if n > 1 else 0
        level = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
        ci = share(x, n).confidence_interval(level, method=method)
        low, high = proportion_confint(x, n, alpha=1 - level, method=STATSMODELS[method])
        low, high = np.clip([low, high], 0, 1)
        assert ci.low / 100 == pytest.approx(low, abs=1e-9)
        assert ci.high / 100 == pytest.approx(high, abs=1e-9)


def test_weighted_share_uses_design_effective_n_with_statsmodels():
    # Weighted answers are a design: the share's variance is the linearised one with
    # n/(n-1) (R's svymean), and Wilson takes the design's effective size p(1-p)/Var
    # (Korn and Graubard 1998), so interval and standard error agree; Kish's n_eff stays
    # a reported diagnostic.
    rng = np.random.default_rng(7)
    scores = rng.integers(1, 6, 400)
    w = rng.gamma(2.0, 1.0, 400)
    e = satisfy.csat(scores, weights=w)
    y = (scores >= 4).astype(float)
    p = (w * y).sum() / w.sum()
    n = len(w)
    var = n / (n - 1) * ((w * (y - p)) ** 2).sum() / w.sum() ** 2
    assert e.value / 100 == pytest.approx(p, rel=1e-12)
    assert e.se / 100 == pytest.approx(np.sqrt(var), rel=1e-12)
    assert e.n_eff == pytest.approx(w.sum() ** 2 / (w * w).sum(), rel=1e-12)
    design_n = p * (1 - p) / var
    # statsmodels takes a count; the Wilson formula is smooth in (count, nobs)
    low, high = proportion_confint(p * design_n, design_n, alpha=0.05, method="wilson")
    ci = e.confidence_interval()
    assert (ci.low / 100, ci.high / 100) == pytest.approx((low, high), abs=1e-9)


def test_t_interval_agrees_with_scipy():
    rng = np.random.default_rng(3)
    for _ in range(50):
        n = int(rng.integers(5, 500))
        scores = rng.integers(2, 7, n)
        e = satisfy.mean_score(scores, scale="LIKERT7")
        level = 0.9
        low, high = stats.t.interval(level, n - 1, loc=scores.mean(), scale=stats.sem(scores))
        ci = e.confidence_interval(level)
        assert e.value == pytest.approx(scores.mean(), rel=1e-12)
        assert e.se == pytest.approx(stats.sem(scores), rel=1e-9)
        assert (ci.low, ci.high) == pytest.approx((max(low, 1), min(high, 7)), abs=1e-9)


def test_weighted_mean_matches_statsmodels_descrstats():
    from statsmodels.stats.weightstats import DescrStatsW

    rng = np.random.default_rng(11)
    scores = rng.integers(1, 8, 300)
    w = rng.uniform(0.5, 3, 300)
    e = satisfy.ces(scores, weights=w)
    d = DescrStatsW(scores, weights=w)
    assert e.value == pytest.approx(d.mean, rel=1e-12)


def test_tally_bootstrap_agrees_with_scipy_on_raw_rows():
    rng = np.random.default_rng(5)
    scores = rng.choice(11, 400, p=[0.05] * 6 + [0.1, 0.15, 0.15, 0.15, 0.15])
    e = satisfy.nps(scores)

    def nps_stat(x, axis=-1):
        return ((x >= 9).mean(axis=axis) - (x <= 6).mean(axis=axis)) * 100

    for ours, theirs in (("bootstrap-percentile", "percentile"), ("bootstrap", "BCa")):
        ci = e.confidence_interval(method=ours, n_resamples=20000, rng=1)
        ref = stats.bootstrap(
            (scores,), nps_stat, n_resamples=20000, method=theirs, rng=2, vectorized=True
        ).confidence_interval
        # two Monte Carlo runs: ends agree within a fraction of the interval's width
        width = ref.high - ref.low
        assert abs(ci.low - ref.low) < 0.05 * width
        assert abs(ci.high - ref.high) < 0.05 * width


def test_bayes_interval_close_to_adjusted_wald_at_moderate_n():
    e = satisfy.nps(nps_tally(60, 90, 150))
    bayes = e.confidence_interval(method="bayes", n_resamples=40000)
    wald = e.confidence_interval(method="wald")
    assert bayes.low == pytest.approx(wald.low, abs=1.0)
    assert bayes.high == pytest.approx(wald.high, abs=1.0)


@pytest.mark.parametrize(
    "method", ["adjusted-wald", "wald", "score", "bootstrap", "bootstrap-percentile", "bayes"]
)
@pytest.mark.parametrize(
    ("counts", "value"),
    [((0, 0, 30), 100.0), ((30, 0, 0), -100.0), ((0, 1, 0), 0.0), ((0, 0, 1), 100.0)],
    ids=["all promoters", "all detractors", "one passive", "n=1 promoter"],
)
def test_nps_edge_cases_stay_in_range(method, counts, value):
    e = satisfy.nps(nps_tally(*counts))
    assert e.value == value
    ci = e.confidence_interval(method=method, n_resamples=999)
    assert -100 <= ci.low <= ci.high <= 100
    assert np.isfinite([ci.low, ci.high]).all()


@pytest.mark.parametrize(
    "method", ["wilson", "agresti-coull", "clopper-pearson", "jeffreys", "wald", "bootstrap"]
)
@pytest.mark.parametrize(("x", "n"), [(0, 25), (25, 25), (1, 1), (0, 1)])
def test_share_edge_cases(method, x, n):
    ci = share(x, n).confidence_interval(method=method, n_resamples=999)
    assert 0 <= ci.low <= ci.high <= 100
    if method in ("wilson", "clopper-pearson", "jeffreys"):
        assert (ci.low == 0) == (x == 0)
        assert (ci.high == 100) == (x == n)


def test_single_point_mean_and_zero_counts():
    e = satisfy.mean_score([4, 4, 4], scale="CSAT5")
    assert e.value == 4 and e.se == 0
    ci = e.confidence_interval()
    assert (ci.low, ci.high) == (4, 4)
    with pytest.raises(satisfy.EmptyDataError):
        satisfy.nps([None, None])
    with pytest.raises(satisfy.EmptyDataError):
        satisfy.nps(Tally.empty("NPS"))
