"""What must always hold for the metrics and their intervals (hypothesis)."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import satisfy
from satisfy import GroupedTally, Tally, scales
from satisfy.testing import grouped_tallies, tallies

NPS_METHODS = ["adjusted-wald", "wald", "score", "bayes", "bootstrap-percentile"]
SHARE_METHODS = [
    "wilson",
    "agresti-coull",
    "clopper-pearson",
    "jeffreys",
    "wald",
    "korn-graubard",
    "logit",
]
# methods whose interval always contains the estimate
CONTAINING = {
    "wald",
    "score",
    "wilson",
    "clopper-pearson",
    "jeffreys",
    "t",
    "korn-graubard",
    "logit",
}


def nonempty(strategy):
    return strategy.filter(lambda t: t.n > 0 and t.total_weight > 0)


@given(nonempty(tallies(scales.NPS)), st.sampled_from(NPS_METHODS))
def test_nps_value_and_interval_in_range(t, method):
    e = satisfy.nps(t)
    assert -100 <= e.value <= 100
    if t.is_weighted and method.startswith("bootstrap"):
        return
    ci = e.confidence_interval(method=method, n_resamples=199)
    assert -100 <= ci.low <= ci.high <= 100
    if method in CONTAINING:
        assert ci.low - 1e-9 <= e.value <= ci.high + 1e-9


@given(nonempty(tallies(scales.CSAT5)), st.sampled_from(SHARE_METHODS), st.integers(1, 4))
def test_share_value_and_interval_in_range(t, method, top):
    e = satisfy.csat(t, boxes=top)
    assert 0 <= e.value <= 100
    ci = e.confidence_interval(method=method)
    assert 0 <= ci.low <= ci.high <= 100
    if method in CONTAINING:
        assert ci.low - 1e-9 <= e.value <= ci.high + 1e-9


@given(nonempty(tallies(scales.CES7)))
def test_mean_in_range(t):
    e = satisfy.ces(t)
    assert 1 <= e.value <= 7
    assume(t.n > 1)
    ci = e.confidence_interval()
    assert 1 <= ci.low <= e.value + 1e-9 and e.value - 1e-9 <= ci.high <= 7


@given(
    nonempty(tallies(scales.NPS, weighted=False)),
    st.sampled_from(["adjusted-wald", "wald", "score", "wilson-like"]),
    st.floats(0.5, 0.9),
    st.floats(0.01, 0.09),
)
def test_intervals_widen_with_the_confidence_level(t, method, level, extra):
    if method == "wilson-like":
        e, method = satisfy.top_box(t, boxes=2), "wilson"
    else:
        e = satisfy.nps(t)
    narrow = e.confidence_interval(level, method=method)
    wide = e.confidence_interval(level + extra, method=method)
    assert wide.low <= narrow.low + 1e-9
    assert wide.high >= narrow.high - 1e-9


@given(nonempty(tallies(scales.NPS)), st.sampled_from([9, 10]))
def test_adding_a_promoter_never_lowers_nps(t, point):
    more = t + Tally.from_scores([point], scale=scales.NPS)
    assert satisfy.nps(more).value >= satisfy.nps(t).value - 1e-9


@given(nonempty(tallies(scales.NPS, weighted=True)), st.floats(0.01, 1000))
def test_scaling_all_weights_changes_nothing(t, c):
    scaled = Tally(t.scale, t.counts, t.weight_sums * c, t.weight_sq_sums * c * c, t.missing)
    for metric in (satisfy.nps, satisfy.csat, satisfy.mean_score):
        a, b = metric(t), metric(scaled)
        assert b.value == pytest.approx(a.value, rel=1e-9, abs=1e-9)
        assert b.se == pytest.approx(a.se, rel=1e-9, abs=1e-9)
        ca, cb = a.confidence_interval(), b.confidence_interval()
        assert (cb.low, cb.high) == pytest.approx((ca.low, ca.high), rel=1e-9, abs=1e-9)


@given(grouped_tallies(scales.NPS), st.sampled_from(["adjusted-wald", "score", "wald"]))
def test_grouped_computation_equals_per_group(g, method):
    grouped = satisfy.nps(g)
    ci = grouped.confidence_interval(method=method)
    for i, key in enumerate(g.groups):
        t = g[key]
        if t.n == 0 or t.total_weight == 0:
            assert np.isnan(grouped.value[i]) or t.n > 0
            continue
        single = satisfy.nps(t)
        one = single.confidence_interval(method=method)
        assert grouped.value[i] == pytest.approx(single.value, abs=1e-9)
        assert grouped.se[i] == pytest.approx(single.se, abs=1e-9)
        assert ci.low[i] == pytest.approx(one.low, abs=1e-9)
        assert ci.high[i] == pytest.approx(one.high, abs=1e-9)


@given(grouped_tallies(scales.CSAT5, weighted=False))
def test_grouped_shares_and_means_equal_per_group(g):
    for metric in (satisfy.csat, satisfy.mean_score, satisfy.pomp_mean):
        grouped = metric(g)
        ci = grouped.confidence_interval()
        for i, (_, t) in enumerate(g.items()):
            if t.n < 2:
                continue
            single = metric(t)
            assert grouped.value[i] == pytest.approx(single.value, abs=1e-9)
            one = single.confidence_interval()
            assert (ci.low[i], ci.high[i]) == pytest.approx((one.low, one.high), abs=1e-9)
        assert isinstance(grouped, satisfy.GroupedEstimate)
        assert isinstance(g, GroupedTally)
