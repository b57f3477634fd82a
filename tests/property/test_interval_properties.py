"""Every interval holds its estimate, and every value stays in its metric's range, for any
tally, weighted or not, and every interval method (hypothesis).

Weights are drawn from the whole accepted range (each nonzero weight in [1e-100, 1e100]).
"""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import satisfy
from satisfy import Tally, scales

METHODS = {
    "nps": ("adjusted-wald", "wald", "score", "bootstrap", "bootstrap-percentile", "bayes"),
    "share": (
        "wilson",
        "agresti-coull",
        "clopper-pearson",
        "jeffreys",
        "wald",
        "bootstrap",
        "bootstrap-percentile",
    ),
    "mean": ("t", "bootstrap", "bootstrap-percentile"),
}
RESAMPLING = ("bootstrap", "bootstrap-percentile", "bayes")

weight = st.one_of(
    st.floats(0.01, 100.0),
    st.floats(-100.0, 100.0).map(lambda e: 10.0**e),
    st.sampled_from([1e-100, 1e100, 1.698, 1.0]),
)


@st.composite
def weighted_tallies(draw, scale):
    """A tally of ``scale`` with at least one answer of nonzero weight; weights often
    alike, sometimes spread over 200 orders of magnitude."""
    k = scale.n_points
    counts = draw(st.lists(st.integers(0, 30), min_size=k, max_size=k))
    if sum(counts) == 0:
        counts[draw(st.integers(0, k - 1))] = 1
    if draw(st.booleans()):
        return Tally.from_counts(counts, scale=scale)
    alike = draw(st.booleans())
    common = draw(weight)
    wsum, wsq = np.zeros(k), np.zeros(k)
    for i, c in enumerate(counts):
        w = (
            np.full(c, common)
            if alike
            else np.array(draw(st.lists(weight, min_size=c, max_size=c)))
        )
        wsum[i], wsq[i] = w.sum(), (w * w).sum()
    return Tally(scale, counts, wsum, wsq, 0)


def metric_and_tally():
    nps = weighted_tallies(scales.NPS).map(lambda t: satisfy.nps(t))
    share = st.tuples(weighted_tallies(scales.CSAT5), st.integers(1, 4)).map(
        lambda a: satisfy.csat(a[0], boxes=a[1])
    )
    threshold = st.tuples(weighted_tallies(scales.NPS), st.integers(0, 10)).map(
        lambda a: satisfy.threshold_share(a[0], a[1])
    )
    mean = weighted_tallies(scales.CES7).map(lambda t: satisfy.ces(t))
    pomp = weighted_tallies(scales.CSAT5).map(lambda t: satisfy.pomp_mean(t))
    return st.one_of(nps, share, threshold, mean, pomp)


@given(metric_and_tally(), st.data(), st.sampled_from([0.5, 0.8, 0.95, 0.99]))
def test_every_interval_holds_its_estimate(e, data, level):
    defn = e.definition
    assert defn.low <= e.value <= defn.high
    if defn.kind == "nps":
        assert -100 <= e.value <= 100
    elif defn.kind == "share":
        assert 0 <= e.value <= 100
        # all the weight on one side: exactly 0 or 100
        if e.counts["satisfied" if "satisfied" in e.counts else "reached"] == e.n:
            assert e.value == 100.0
        if e.counts["other" if "other" in e.counts else "not reached"] == e.n:
            assert e.value == 0.0
    methods = [m for m in METHODS[defn.kind] if not (e.is_weighted and m in RESAMPLING)]
    method = data.draw(st.sampled_from(methods))
    ci = e.confidence_interval(level, method, n_resamples=400, rng=1)
    if math.isnan(ci.low) or math.isnan(ci.high):
        # only the t interval of a mean without an estimable spread (one effective answer)
        assert method == "t" and math.isnan(ci.low) and math.isnan(ci.high)
        return
    assert defn.low <= ci.low <= e.value <= ci.high <= defn.high


@given(
    weighted_tallies(scales.CSAT5),
    weighted_tallies(scales.CSAT5),
    st.sampled_from(["newcombe", "agresti-caffo", "wald"]),
)
def test_share_differences_hold_their_estimate(a, b, method):
    c = satisfy.compare(satisfy.csat(a), satisfy.csat(b), method=method)
    assert -100 <= c.low <= c.difference <= c.high <= 100
    assert 0 <= c.pvalue <= 1


@given(weighted_tallies(scales.NPS), weighted_tallies(scales.NPS))
def test_nps_differences_hold_their_estimate(a, b):
    for method in ("adjusted-wald", "wald"):
        c = satisfy.compare(satisfy.nps(a), satisfy.nps(b), method=method)
        assert -200 <= c.low <= c.difference <= c.high <= 200
        assert 0 <= c.pvalue <= 1
