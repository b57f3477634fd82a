"""Properties of the design variance of domain contrasts (compare_groups, period_changes
under a survey design): a group against itself has no variance, swapping the pair flips
the difference and keeps its se, and with every answer its own cluster, one stratum and
disjoint domains the contrast's variance is the sum of the two domains' variances (their
linearised totals are each 0 in the one stratum, so they do not covary)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import satisfy
from satisfy._design import DesignSums


@st.composite
def designs(draw: st.DrawFn, *, singletons: bool = False) -> dict[str, list]:
    n = draw(st.integers(6, 40))
    scores = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    groups = draw(st.lists(st.sampled_from("abc"), min_size=n, max_size=n))
    weights = draw(st.lists(st.floats(0.5, 20.0), min_size=n, max_size=n))
    if singletons:
        cluster = list(range(n))
        strata = None
    else:
        cluster = draw(st.lists(st.integers(0, n // 2), min_size=n, max_size=n))
        strata = [c % 2 for c in cluster] if draw(st.booleans()) else None
    return {
        "scores": scores,
        "by": groups,
        "weights": weights,
        "cluster": cluster,
        "strata": strata,
    }


def _grouped(d: dict[str, list], by: list | None = None) -> satisfy.GroupedEstimate:
    tally = satisfy.GroupedTally.from_scores(
        d["scores"],
        by=d["by"] if by is None else by,
        scale="NPS",
        weights=d["weights"],
        cluster=d["cluster"],
        strata=d["strata"],
        lonely_psu="certainty",
    )
    return satisfy.nps(tally)


def _influence(e: satisfy.GroupedEstimate) -> tuple[DesignSums, np.ndarray]:
    design = e.tally.design
    assert design is not None
    return design, design.influence(e.definition.coefficients, e.value)


@given(designs())
def test_a_group_against_itself_has_no_variance(d: dict[str, list]) -> None:
    e = _grouped(d)
    design, u = _influence(e)
    every = np.arange(len(e.groups))
    assert np.all(design.contrast_variance(u, every, every) == 0.0)


@given(designs())
def test_swapping_the_pair_flips_the_difference_and_keeps_the_se(d: dict[str, list]) -> None:
    e = _grouped(d)
    assume(len(e.groups) >= 2 and np.isfinite(e.value).all())
    design, u = _influence(e)
    pairs = np.array([0, 1]), np.array([1, 0])
    forward, backward = design.contrast_variance(u, *pairs)
    assert forward == pytest.approx(backward, rel=1e-9, abs=1e-9)
    # and in compare_groups: "a" and "b" relabelled, the pair (a, b) turns round
    assume({"a", "b"} <= set(e.groups))
    swap = {"a": "b", "b": "a", "c": "c"}
    first = satisfy.compare_groups(e).pairs
    second = satisfy.compare_groups(_grouped(d, [swap[g] for g in d["by"]])).pairs
    i = list(zip(first.a, first.b)).index(("a", "b"))
    j = list(zip(second.a, second.b)).index(("a", "b"))
    assert first.se is not None and second.se is not None
    assert first.df is not None and second.df is not None
    assert second.difference[j] == pytest.approx(-first.difference[i], abs=1e-9)
    assert second.se[j] == pytest.approx(first.se[i], rel=1e-9, abs=1e-9)
    assert second.df[j] == first.df[i]


@given(designs(singletons=True))
def test_singleton_clusters_and_disjoint_domains_add_their_variances(
    d: dict[str, list],
) -> None:
    e = _grouped(d)
    assume(len(e.groups) >= 2 and np.isfinite(e.value).all())
    design, u = _influence(e)
    n = len(e.groups)
    ia, ib = np.triu_indices(n, 1)
    contrast = design.contrast_variance(u, ia, ib)
    alone = e.se**2
    assert contrast == pytest.approx(alone[ia] + alone[ib], rel=1e-9, abs=1e-9)
    result = satisfy.compare_groups(e).pairs
    assert result.se is not None
    assert result.se**2 == pytest.approx(alone[ia] + alone[ib], rel=1e-9, abs=1e-9)
