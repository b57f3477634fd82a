"""Weighted answers as a survey design: what must always hold (hypothesis)."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import satisfy
from satisfy import scales
from satisfy.testing import tallies


def weighted(strategy):
    return strategy.filter(lambda t: t.n > 1 and t.total_weight > 0 and t.is_weighted)


@given(weighted(tallies(scales.CSAT5)), st.integers(1, 4), st.sampled_from([0.8, 0.95]))
def test_weighted_wald_interval_is_the_standard_error_times_z(t, boxes, level):
    # the interval's effective size is the design's: se and interval agree
    e = satisfy.csat(t, boxes=boxes)
    assume(0 < e.value < 100 and np.isfinite(e.se) and e.se > 0)
    from scipy import stats

    z = stats.norm.ppf(0.5 + level / 2)
    ci = e.confidence_interval(level, method="wald")
    assume(ci.low > 0 and ci.high < 100)  # not clipped
    assert (ci.high - ci.low) / 2 == pytest.approx(z * e.se, rel=1e-9)


@given(weighted(tallies(scales.NPS)), st.floats(0.01, 1000))
def test_scaling_every_weight_changes_no_estimate_or_interval(t, factor):
    scaled = satisfy.Tally(
        t.scale, t.counts, t.weight_sums * factor, t.weight_sq_sums * factor * factor
    )
    assume(scaled.is_weighted)
    for metric in ("nps", "csat", "mean_score"):
        a = satisfy.calculate(t, metric, **({"boxes": 2} if metric == "csat" else {}))
        b = satisfy.calculate(scaled, metric, **({"boxes": 2} if metric == "csat" else {}))
        assert b.value == pytest.approx(a.value, rel=1e-9, abs=1e-9)
        assert b.se == pytest.approx(a.se, rel=1e-7, abs=1e-9) or not np.isfinite(a.se)
