"""What must always hold for comparisons, adjustments and planning (hypothesis)."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import satisfy
from satisfy import scales
from satisfy.testing import tallies

METRICS = [
    (satisfy.nps, scales.NPS, ["adjusted-wald", "wald"]),
    (satisfy.csat, scales.CSAT5, ["newcombe", "agresti-caffo", "wald"]),
    (satisfy.ces, scales.CES7, ["welch"]),
]


def nonempty(scale, **kw):
    return tallies(scale, **kw).filter(lambda t: t.n > 1 and t.total_weight > 0)


@st.composite
def pairs(draw):
    metric, scale, methods = draw(st.sampled_from(METRICS))
    a = draw(nonempty(scale))
    b = draw(nonempty(scale))
    return metric, a, b, draw(st.sampled_from(methods))


@given(pairs())
def test_swapping_negates_the_difference_and_mirrors_the_interval(case):
    metric, a, b, method = case
    ab = satisfy.compare(metric(a), metric(b), method=method)
    ba = satisfy.compare(metric(b), metric(a), method=method)
    assert ba.difference == pytest.approx(-ab.difference, abs=1e-9)
    assert (ba.low, ba.high) == pytest.approx((-ab.high, -ab.low), abs=1e-9)
    assert ba.pvalue == pytest.approx(ab.pvalue, abs=1e-12)
    assert 0 <= ab.pvalue <= 1
    assert ab.low <= ab.high


@given(pairs())
@example(  # two answers weighted 0.5 each: the design's df is n - 1 = 1 (not its n_eff - 1 = 0)
    (
        satisfy.ces,
        satisfy.Tally(
            scales.CES7,
            [0, 0, 0, 0, 0, 1, 1],
            [0, 0, 0, 0, 0, 0.5, 0.5],
            [0, 0, 0, 0, 0, 0.25, 0.25],
        ),
        satisfy.Tally(
            scales.CES7, [0, 0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 2]
        ),
        "welch",
    )
)
def test_identical_samples_give_no_difference(case):
    metric, a, _, method = case
    c = satisfy.compare(metric(a), metric(a), method=method)
    assert c.difference == 0
    assert c.pvalue == pytest.approx(1.0)


@given(pairs(), st.sampled_from(["greater", "less"]))
def test_one_sided_p_values_split_the_two_sided_one(case, alternative):
    metric, a, b, method = case
    two = satisfy.compare(metric(a), metric(b), method=method)
    one = satisfy.compare(metric(a), metric(b), method=method, alternative=alternative)
    other = "less" if alternative == "greater" else "greater"
    rest = satisfy.compare(metric(a), metric(b), method=method, alternative=other)
    assert 0 <= one.pvalue <= 1
    assert min(one.pvalue, rest.pvalue) == pytest.approx(two.pvalue / 2, rel=1e-9, abs=1e-12)


@given(
    st.lists(st.floats(0, 1), min_size=1, max_size=40),
    st.sampled_from(["holm", "bonferroni", "bh", "by"]),
)
def test_adjusted_p_values_are_monotone_and_never_below_raw(p, method):
    p = np.array(p)
    adj = satisfy.adjust_pvalues(p, adjust=method)
    assert np.all(adj >= p - 1e-15)
    assert np.all(adj <= 1)
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(adj[order]) >= -1e-12)


@given(
    st.sampled_from(["nps", "share", "mean"]),
    st.floats(0.5, 20),
    st.floats(0.01, 10),
)
def test_sample_size_falls_as_the_margin_grows(metric, margin, extra):
    kw = {"scale": "CSAT5"} if metric == "mean" else {}
    small = satisfy.sample_size(metric, margin=margin, **kw).n
    large = satisfy.sample_size(metric, margin=margin + extra, **kw).n
    assert large <= small


@given(st.integers(10, 5000), st.floats(1, 30))
def test_power_grows_with_n(n, difference):
    a = satisfy.power("share", n=n, difference=difference, expected=40)
    b = satisfy.power("share", n=n + 100, difference=difference, expected=40)
    assert 0 <= a <= b <= 1
