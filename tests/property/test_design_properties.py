"""What must always hold for survey designs (hypothesis): clusters of one answer are no
clusters, the order of the rows does not matter, the interval contains the estimate."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import satisfy

CALCULATORS = {
    "nps": lambda data, **kw: satisfy.nps(data, **kw),
    "share": lambda data, **kw: satisfy.threshold_share(data, threshold=9, **kw),
    "mean": lambda data, **kw: satisfy.mean_score(data, scale="NPS", **kw),
}


@st.composite
def designs(draw: st.DrawFn) -> dict[str, Any]:
    """Answers on the NPS scale with weights, clusters nested in strata, segments and an
    optional fpc (population counts per stratum)."""
    n = draw(st.integers(2, 40))
    scores = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    weights = draw(
        st.lists(
            st.floats(0.25, 8.0, allow_nan=False).map(lambda w: round(w, 3)), min_size=n, max_size=n
        )
    )
    clusters = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
    n_strata = draw(st.integers(1, 3))
    strata = [c % n_strata for c in clusters]
    segments = draw(st.lists(st.sampled_from(["a", "b"]), min_size=n, max_size=n))
    with_fpc = draw(st.booleans())
    fpc = [float(n + 13 + 7 * s) for s in strata] if with_fpc else None
    return {
        "scores": np.array(scores),
        "weights": np.array(weights),
        "cluster": np.array(clusters),
        "strata": np.array(strata),
        "segments": np.array(segments),
        "fpc": None if fpc is None else np.array(fpc),
    }


def _estimate(d: dict[str, Any], metric: str, *, order: Any = slice(None), **kw: Any) -> Any:
    fpc = d["fpc"]
    tally = satisfy.Tally.from_scores(
        d["scores"][order],
        scale="NPS",
        weights=d["weights"][order],
        strata=d["strata"][order],
        fpc=None if fpc is None else fpc[order],
        lonely_psu="adjust",
        **kw,
    )
    return CALCULATORS[metric](tally)


@given(designs(), st.sampled_from(sorted(CALCULATORS)))
def test_clusters_of_one_answer_are_no_clusters(d: dict[str, Any], metric: str) -> None:
    a = _estimate(d, metric)
    b = _estimate(d, metric, cluster=np.arange(d["scores"].shape[0]))
    assert b.value == a.value
    np.testing.assert_allclose(b.se, a.se, rtol=1e-9, atol=1e-12)
    assert b.df == a.df


@given(designs(), st.sampled_from(sorted(CALCULATORS)), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(d: dict[str, Any], metric: str, rnd: Any) -> None:
    order = list(range(d["scores"].shape[0]))
    rnd.shuffle(order)
    a = _estimate(d, metric, cluster=d["cluster"])
    b = _estimate(d, metric, order=np.array(order), cluster=d["cluster"][order])
    assert b.value == pytest.approx(a.value, abs=1e-9)
    np.testing.assert_allclose(b.se, a.se, rtol=1e-9, atol=1e-12)
    assert b.df == a.df
    np.testing.assert_allclose(b.design_effect, a.design_effect, rtol=1e-9, atol=1e-12)


@given(designs(), st.sampled_from(sorted(CALCULATORS)))
def test_a_domain_is_the_sample_with_the_other_answers_missing(
    d: dict[str, Any], metric: str
) -> None:
    """A group of a grouped design equals the whole sample with the answers outside it
    missing: both keep every PSU in the stratum counts (R's subset of a design)."""
    fpc = d["fpc"]
    grouped = satisfy.GroupedTally.from_scores(
        d["scores"],
        by=d["segments"],
        scale="NPS",
        weights=d["weights"],
        cluster=d["cluster"],
        strata=d["strata"],
        fpc=fpc,
        lonely_psu="adjust",
    )
    for key in grouped.groups:
        scores = np.where(d["segments"] == key, d["scores"].astype(object), None)
        a = CALCULATORS[metric](grouped[key])
        b = _estimate({**d, "scores": scores}, metric, cluster=d["cluster"])
        assert a.value == b.value
        np.testing.assert_allclose(a.se, b.se, rtol=1e-9, atol=1e-12)
        assert a.df == b.df


@given(designs(), st.sampled_from(sorted(CALCULATORS)))
def test_the_interval_contains_the_estimate(d: dict[str, Any], metric: str) -> None:
    e = _estimate(d, metric, cluster=d["cluster"])
    ci = e.confidence_interval()
    if np.isfinite(ci.low) and np.isfinite(ci.high):
        assert ci.low - 1e-9 <= e.value <= ci.high + 1e-9
