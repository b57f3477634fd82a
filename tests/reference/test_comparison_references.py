"""Comparisons against published examples and independent implementations run here."""

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats import proportion as sm_proportion
from statsmodels.stats.multitest import multipletests

import satisfy
from satisfy import Scale, Tally

BINARY = Scale(0, 1, name="binary")


def share(x: int, n: int) -> satisfy.Estimate:
    return satisfy.top_box(Tally.from_counts([n - x, x], scale=BINARY))


def nps_of(d: int, m: int, p: int) -> satisfy.Estimate:
    return satisfy.nps(Tally.from_counts({0: d, 7: m, 9: p}, scale="NPS"))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Newcombe (1998), Stat Med 17:873, Table II, method 10
        ((56, 70), (48, 80), (0.0524, 0.3339)),
        ((9, 10), (3, 10), (0.1705, 0.8090)),
        ((6, 7), (2, 7), (0.0582, 0.8062)),
        ((5, 56), (0, 29), (-0.0381, 0.1926)),
        ((0, 10), (0, 20), (-0.1611, 0.2775)),
        ((10, 10), (0, 20), (0.6791, 1.0)),
    ],
)
def test_newcombe_table_2_method_10(a, b, expected):
    c = satisfy.compare(share(*a), share(*b))
    assert c.method == "newcombe"
    assert (c.low / 100, c.high / 100) == pytest.approx(expected, abs=5e-5)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [("newcombe", "newcomb"), ("agresti-caffo", "agresti-caffo"), ("wald", "wald")],
)
def test_two_proportion_intervals_agree_with_statsmodels(ours, theirs):
    rng = np.random.default_rng(8)
    for _ in range(100):
        n1, n2 = (int(v) for v in rng.integers(5, 500, 2))
        x1, x2 = int(rng.integers(1, n1)), int(rng.integers(1, n2))
        c = satisfy.compare(share(x1, n1), share(x2, n2), method=ours, confidence_level=0.9)
        low, high = sm_proportion.confint_proportions_2indep(
            x1, n1, x2, n2, method=theirs, compare="diff", alpha=0.1
        )
        assert c.low / 100 == pytest.approx(max(low, -1), abs=1e-9)
        assert c.high / 100 == pytest.approx(min(high, 1), abs=1e-9)


def test_pooled_score_test_agrees_with_statsmodels():
    rng = np.random.default_rng(9)
    for _ in range(100):
        n1, n2 = (int(v) for v in rng.integers(5, 500, 2))
        x1, x2 = int(rng.integers(1, n1)), int(rng.integers(1, n2))
        for alternative, theirs in (
            ("two-sided", "two-sided"),
            ("greater", "larger"),
            ("less", "smaller"),
        ):
            c = satisfy.compare(share(x1, n1), share(x2, n2), alternative=alternative)
            ref = sm_proportion.test_proportions_2indep(
                x1, n1, x2, n2, method="score", correction=False, alternative=theirs
            )
            assert c.statistic == pytest.approx(ref.statistic, abs=1e-9)
            assert c.pvalue == pytest.approx(ref.pvalue, abs=1e-9)


def test_fisher_exact_scipy_docs_example():
    # scipy.stats.fisher_exact docs: [[8, 2], [1, 5]] gives p = 0.034965
    c = satisfy.compare(share(8, 10), share(1, 6), method="fisher")
    assert c.pvalue == pytest.approx(0.034965, abs=5e-7)
    rng = np.random.default_rng(1)
    for _ in range(30):
        x1, x2 = (int(v) for v in rng.integers(0, 15, 2))
        for alternative in ("two-sided", "greater", "less"):
            c = satisfy.compare(
                share(x1, 15), share(x2, 12 + 3), method="fisher", alternative=alternative
            )
            ref = stats.fisher_exact([[x1, 15 - x1], [x2, 15 - x2]], alternative=alternative)
            assert c.pvalue == pytest.approx(ref.pvalue, abs=1e-12)


def test_nps_two_sample_adjusted_wald_worked_example():
    # (20, 30, 50) vs (30, 30, 40): difference 19.42 points, SE 11.21, p = 0.083
    a, b = nps_of(20, 30, 50), nps_of(30, 30, 40)
    c = satisfy.compare(a, b)
    assert c.method == "adjusted-wald"
    # the interval is centred on the adjusted difference; ``difference`` is the observed one
    z = stats.norm.ppf(0.975)
    assert (c.low + c.high) / 2 == pytest.approx(19.42, abs=0.005)
    assert (c.high - c.low) / (2 * z) == pytest.approx(11.21, abs=0.005)
    assert c.statistic == pytest.approx(19.42 / 11.21, abs=0.001)
    assert c.pvalue == pytest.approx(0.083, abs=0.0005)
    assert c.difference == pytest.approx(20.0)
    # the sign is kept: b - a is the negative of a - b
    r = satisfy.compare(b, a)
    assert r.difference == pytest.approx(-c.difference)
    assert (r.low, r.high) == pytest.approx((-c.high, -c.low))


def test_welch_agrees_with_scipy_ttest_ind():
    rng = np.random.default_rng(4)
    for _ in range(50):
        x = rng.integers(1, 8, int(rng.integers(3, 200)))
        y = rng.integers(2, 8, int(rng.integers(3, 200)))
        for alternative in ("two-sided", "greater", "less"):
            c = satisfy.compare(satisfy.ces(x), satisfy.ces(y), alternative=alternative)
            ref = stats.ttest_ind(x, y, equal_var=False, alternative=alternative)
            assert c.statistic == pytest.approx(ref.statistic, rel=1e-9)
            assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)
        ci = ref.confidence_interval(0.95)  # alternative "less" from the loop
        c = satisfy.compare(satisfy.ces(x), satisfy.ces(y), alternative="less")
        assert c.high == pytest.approx(ci.high, rel=1e-9)


def test_mann_whitney_agrees_with_scipy():
    rng = np.random.default_rng(6)
    for _ in range(50):
        x = rng.integers(1, 8, int(rng.integers(3, 150)))
        y = rng.integers(1, 8, int(rng.integers(3, 150)))
        for alternative in ("two-sided", "greater", "less"):
            c = satisfy.compare(
                satisfy.ces(x), satisfy.ces(y), method="mann-whitney", alternative=alternative
            )
            ref = stats.mannwhitneyu(x, y, alternative=alternative, method="asymptotic")
            assert c.statistic == pytest.approx(ref.statistic, rel=1e-12)
            assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)
            assert c.superiority == pytest.approx(ref.statistic / (len(x) * len(y)))


def test_benjamini_hochberg_1995_example():
    p = [
        0.0001,
        0.0004,
        0.0019,
        0.0095,
        0.0201,
        0.0278,
        0.0298,
        0.0344,
        0.0459,
        0.3240,
        0.4262,
        0.5719,
        0.6528,
        0.7590,
        1,
    ]
    assert (satisfy.adjust_pvalues(p, adjust="bh") <= 0.05).sum() == 4


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [("holm", "holm"), ("bonferroni", "bonferroni"), ("bh", "fdr_bh"), ("by", "fdr_by")],
)
def test_adjustments_agree_with_statsmodels(ours, theirs):
    rng = np.random.default_rng(2)
    for _ in range(100):
        p = rng.random(int(rng.integers(1, 60))) ** 2
        np.testing.assert_allclose(
            satisfy.adjust_pvalues(p, adjust=ours), multipletests(p, method=theirs)[1], atol=1e-12
        )


def test_targets_against_scipy():
    rng = np.random.default_rng(12)
    x = rng.integers(1, 6, 80)
    c = satisfy.compare(satisfy.mean_score(x), 3.2, alternative="greater")
    ref = stats.ttest_1samp(x, 3.2, alternative="greater")
    assert c.statistic == pytest.approx(ref.statistic, rel=1e-9)
    assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9)
    e = share(30, 80)
    exact = satisfy.compare(e, 50, method="exact", alternative="less")
    assert exact.pvalue == pytest.approx(stats.binomtest(30, 80, 0.5, alternative="less").pvalue)
    score = satisfy.compare(e, 50)
    z = (30 / 80 - 0.5) / np.sqrt(0.25 / 80)
    assert score.statistic == pytest.approx(z)
    assert score.pvalue == pytest.approx(2 * stats.norm.sf(abs(z)))


def test_paired_t_agrees_with_scipy_ttest_rel():
    rng = np.random.default_rng(13)
    for _ in range(30):
        n = int(rng.integers(3, 200))
        before = rng.integers(1, 8, n)
        after = np.clip(before + rng.integers(-2, 3, n), 1, 7)
        for alternative in ("two-sided", "greater", "less"):
            c = satisfy.compare_paired(before, after, metric="ces", alternative=alternative)
            ref = stats.ttest_rel(after, before, alternative=alternative)
            if np.isnan(ref.statistic):
                continue
            assert c.statistic == pytest.approx(ref.statistic, rel=1e-9)
            assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)
        ci = stats.ttest_rel(after, before).confidence_interval(0.9)
        c = satisfy.compare_paired(before, after, metric="ces", confidence_level=0.9)
        assert (c.low, c.high) == pytest.approx((ci.low, ci.high), rel=1e-9, abs=1e-12)


def test_mcnemar_agrees_with_statsmodels_and_tango_interval():
    from statsmodels.stats.contingency_tables import mcnemar

    rng = np.random.default_rng(14)
    for _ in range(30):
        n = int(rng.integers(10, 300))
        before = rng.integers(1, 6, n)
        after = np.clip(before + rng.integers(-1, 2, n), 1, 5)
        c = satisfy.compare_paired(before, after, metric="csat")
        b_in, a_in = before >= 4, after >= 4
        table = [
            [(b_in & a_in).sum(), (b_in & ~a_in).sum()],
            [(~b_in & a_in).sum(), (~b_in & ~a_in).sum()],
        ]
        if table[0][1] + table[1][0] == 0:
            continue
        ref = mcnemar(table, exact=False, correction=False)
        assert c.statistic**2 == pytest.approx(ref.statistic, rel=1e-9)
        assert c.pvalue == pytest.approx(ref.pvalue, rel=1e-9)
        exact = satisfy.compare_paired(before, after, metric="csat", method="mcnemar-exact")
        assert exact.pvalue == pytest.approx(mcnemar(table, exact=True).pvalue, rel=1e-9)
        assert c.difference == pytest.approx((a_in.mean() - b_in.mean()) * 100)
        assert c.low <= c.difference <= c.high


def test_score_interval_inverts_the_score_test():
    # The Tango/Rocks score interval is the set of differences the score test does not
    # reject: at its ends the statistic equals +/- z (the NPS references pin its values).
    from satisfy._stats import nps as core

    d, m, p = np.array([3.0]), np.array([30.0]), np.array([12.0])
    low, high = core.score(d, m, p, 0.95)
    z = stats.norm.ppf(0.975)
    assert core.score_statistic(d, p, d + m + p, low)[0] == pytest.approx(z, abs=1e-6)
    assert core.score_statistic(d, p, d + m + p, high)[0] == pytest.approx(-z, abs=1e-6)


def test_compare_groups_omnibus_agrees_with_scipy():
    rng = np.random.default_rng(15)
    scores = rng.integers(0, 11, 600)
    keys = rng.choice(["a", "b", "c", "d"], 600)
    res = satisfy.compare_groups(satisfy.nps(scores, by=keys))
    cat = np.select([scores <= 6, scores <= 8], [0, 1], 2)
    table = [[((keys == k) & (cat == c)).sum() for c in range(3)] for k in "abcd"]
    ref = stats.chi2_contingency(table, correction=False)
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-9)
    assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-9)
    means = satisfy.compare_groups(satisfy.mean_score(scores, by=keys, scale="NPS"))
    kw = stats.kruskal(*(scores[keys == k] for k in "abcd"))
    assert means.test == "kruskal-wallis"
    assert means.statistic == pytest.approx(kw.statistic, rel=1e-9)
    assert means.pvalue == pytest.approx(kw.pvalue, rel=1e-9)


def test_compare_groups_pairs_equal_single_comparisons_and_are_adjusted():
    rng = np.random.default_rng(16)
    scores = rng.integers(1, 6, 500)
    keys = rng.choice(["north", "south", "east", "west", "centre"], 500)
    grouped = satisfy.csat(scores, by=keys)
    res = satisfy.compare_groups(grouped, adjust="bh")
    assert len(res.pairs) == 10
    for row in res.pairs.to_records():
        single = satisfy.compare(grouped[row["a"]], grouped[row["b"]])
        assert row["difference"] == pytest.approx(single.difference, abs=1e-9)
        assert (row["low"], row["high"]) == pytest.approx((single.low, single.high), abs=1e-9)
        assert row["pvalue"] == pytest.approx(single.pvalue, abs=1e-12)
    np.testing.assert_allclose(
        res.pairs.pvalue_adjusted, multipletests(res.pairs.pvalue, method="fdr_bh")[1]
    )
    for row in res.versus_rest.to_records():
        mask = keys == row["a"]
        single = satisfy.compare(satisfy.csat(scores[mask]), satisfy.csat(scores[~mask]))
        assert row["pvalue"] == pytest.approx(single.pvalue, abs=1e-12)
